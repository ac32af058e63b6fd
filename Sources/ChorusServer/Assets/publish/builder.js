// The feed builder: the questions in steps, saved in this browser; checked by the registry as they are answered;
// then a key made or opened here, the exact feed bytes signed here, and the signed feed published.
import * as minisign from "./minisign.js";
import { saveKey, keptKeys } from "./keystore.js";

const form = document.getElementById("builder");
let mode = form.dataset.mode;
const DRAFT = "chorus-publish-draft";
const PUBLISHED = "chorus-publish-group";
const state = { step: 0, key: null, draft: null, checking: null, noPassphraseWarned: false };
const $ = (id) => document.getElementById(id);

function say(element, text, kind) {
  element.replaceChildren();
  const paragraph = document.createElement("p");
  if (kind) paragraph.className = kind;
  paragraph.textContent = text;
  element.append(paragraph);
  return paragraph;
}

// ---- Steps ----
const steps = Array.from(form.querySelectorAll("section.step"));
function showStep(index, focus = true) {
  state.step = Math.max(0, Math.min(index, steps.length - 1));
  steps.forEach((section, i) => { section.hidden = i !== state.step; });
  Array.from($("steps").children).forEach((item, i) => {
    const button = item.firstElementChild;
    if (i === state.step) button.setAttribute("aria-current", "step"); else button.removeAttribute("aria-current");
  });
  $("back").hidden = state.step === 0;
  $("next").hidden = state.step === steps.length - 1;
  if (focus) steps[state.step].querySelector("h2").focus();
  if (steps[state.step].dataset.step === "check") check();
  saveDraft();
}
function buildStepList() {
  steps.forEach((section, i) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    button.textContent = section.querySelector("h2").textContent;
    button.addEventListener("click", () => showStep(i));
    item.append(button);
    $("steps").append(item);
  });
  $("back").addEventListener("click", () => showStep(state.step - 1));
  $("next").addEventListener("click", () => showStep(state.step + 1));
}

// ---- Meetings ----
function addMeeting(values = {}) {
  const fieldset = $("meeting-template").content.firstElementChild.cloneNode(true);
  const number = $("meetings").children.length + 1;
  fieldset.querySelector("legend").textContent = `Meeting ${number}`;
  for (const input of fieldset.querySelectorAll("[data-field]")) {
    const field = input.dataset.field;
    input.id = `meeting-${number}-${field}`;
    const label = fieldset.querySelector(`label[data-for="${field}"]`);
    if (label) label.htmlFor = input.id;
    if (field in values) {
      if (input.type === "checkbox") input.checked = Boolean(values[field]); else input.value = values[field];
    }
  }
  if (!values.startDate) fieldset.querySelector('[data-field="startDate"]').value = new Date().toISOString().slice(0, 10);
  if (!values.timeZone) {
    try {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const select = fieldset.querySelector('[data-field="timeZone"]');
      if (Array.from(select.options).some((option) => option.value === zone)) select.value = zone;
    } catch { /* the first zone stays chosen */ }
  }
  fieldset.querySelector("[data-remove]").addEventListener("click", () => {
    if ($("meetings").children.length > 1) { fieldset.remove(); changed(); }
  });
  fieldset.addEventListener("change", () => showMeetingFields(fieldset));
  $("meetings").append(fieldset);
  showMeetingFields(fieldset);
  return fieldset;
}
function showMeetingFields(fieldset) {
  const value = (field) => fieldset.querySelector(`[data-field="${field}"]`).value;
  const kind = value("kind");
  const online = value("mode") !== "in-person";
  const visible = { interval: kind === "every", ordinal: kind === "nth", platform: online, joinLink: online, joinLinkPublic: online };
  for (const [field, shown] of Object.entries(visible)) {
    const input = fieldset.querySelector(`[data-field="${field}"]`);
    const label = fieldset.querySelector(`label[data-for="${field}"]`) || input.closest("label");
    input.hidden = !shown;
    if (label) label.hidden = !shown;
  }
}
function meetingValues(fieldset) {
  const values = {};
  for (const input of fieldset.querySelectorAll("[data-field]")) {
    values[input.dataset.field] = input.type === "checkbox" ? input.checked : input.value;
  }
  return values;
}
function rrule(values) {
  switch (values.kind) {
    case "every": return `FREQ=WEEKLY;INTERVAL=${parseInt(values.interval, 10) || 2};BYDAY=${values.weekday}`;
    case "nth": return `FREQ=MONTHLY;BYDAY=${values.ordinal}${values.weekday}`;
    case "last": return `FREQ=MONTHLY;BYDAY=-1${values.weekday}`;
    default: return `FREQ=WEEKLY;BYDAY=${values.weekday}`;
  }
}

// ---- Answers ----
const text = (name) => {
  const element = form.elements.namedItem(name);
  const value = element && typeof element.value === "string" ? element.value.trim() : "";
  return value === "" ? undefined : value;
};
const all = (name) => Array.from(form.querySelectorAll(`input[name="${name}"]:checked`), (input) => input.value);
const number = (name) => { const value = text(name); return value === undefined ? undefined : parseInt(value, 10); };
const dateList = (value) => (value || "").split(/[\s,]+/).filter(Boolean);

function answers() {
  const draft = loadDraft();
  const fee = text("fee");
  const meetings = Array.from($("meetings").children, (fieldset) => {
    const values = meetingValues(fieldset);
    const online = values.mode !== "in-person";
    return {
      title: values.title.trim() || "Group meeting", mode: values.mode, rrule: rrule(values),
      startDate: values.startDate, startTime: values.startTime, durationMinutes: parseInt(values.durationMinutes, 10) || 90,
      timeZone: values.timeZone, endDate: values.endDate || undefined,
      excludedDates: dateList(values.excludedDates), extraDates: dateList(values.extraDates),
      platform: online ? values.platform.trim() || undefined : undefined,
      joinLink: online ? values.joinLink.trim() || undefined : undefined,
      joinLinkPublic: online ? values.joinLinkPublic : undefined,
      facilitators: values.facilitators ? parseInt(values.facilitators, 10) : undefined,
    };
  });
  const onlineOnly = $("onlineOnly").checked;
  return {
    id: draft.groupId, name: text("name") || "", language: text("language") || "en", summary: text("summary") || "",
    whatToExpect: text("whatToExpect"), experiences: all("experiences"), audience: text("audience"),
    audienceReason: text("audienceReason"), community: text("community"), membership: text("membership"),
    access: all("access"), fee,
    feeAmount: fee === "fee" ? text("feeAmount") : undefined, feeCurrency: fee === "fee" ? text("feeCurrency") : undefined,
    feePer: fee === "fee" ? text("feePer") : undefined,
    independence: text("independence"), host: text("host"),
    commitments: all("commitments"), groundRules: all("groundRules"),
    ownGroundRules: (text("ownGroundRules") || "").split("\n").map((line) => line.trim()).filter(Boolean),
    venue: onlineOnly ? undefined : {
      name: text("venue.name"), setting: text("venue.setting"), street: text("venue.street"), locality: text("venue.locality"),
      region: text("venue.region"), postcode: text("venue.postcode"), country: text("venue.country") || "GB",
      precision: text("venue.precision"), disclosure: text("venue.disclosure"), accessibility: all("venue.accessibility"),
      directions: text("venue.directions"),
    },
    meetings,
    facilitatorPool: number("facilitatorPool") ?? 0, facilitatorsWithLivedExperience: number("facilitatorsWithLivedExperience"),
    trainedFacilitators: number("trainedFacilitators"), trainingProvider: text("trainingProvider"),
    contactKind: text("contactKind"), contact: text("contact") || "",
    // This registry hosts the feed it is published to, so that is the feed's own address.
    feedURL: `${location.origin}/mirror/${draft.groupId}/feed.xml`,
  };
}

// ---- Saving and resuming on this device ----
function loadDraft() {
  try { return JSON.parse(localStorage.getItem(DRAFT)) || {}; } catch { return {}; }
}
function saveDraft() {
  const draft = loadDraft();
  draft.groupId ??= `urn:uuid:${crypto.randomUUID()}`;
  draft.fields = {};
  for (const element of form.elements) {
    if (!element.name || element.type === "file" || element.type === "password") continue;
    if (element.type === "checkbox") {
      (draft.fields[element.name] ??= []);
      if (element.checked) draft.fields[element.name].push(element.value);
    } else if (element.type === "radio") {
      if (element.checked) draft.fields[element.name] = element.value;
    } else {
      draft.fields[element.name] = element.value;
    }
  }
  draft.meetings = Array.from($("meetings").children, meetingValues);
  draft.step = state.step;
  localStorage.setItem(DRAFT, JSON.stringify(draft));
}
function restoreDraft() {
  const draft = loadDraft();
  for (const element of form.elements) {
    if (!element.name || !draft.fields || !(element.name in draft.fields)) continue;
    const value = draft.fields[element.name];
    if (element.type === "checkbox") element.checked = Array.isArray(value) && value.includes(element.value);
    else if (element.type === "radio") element.checked = element.value === value;
    else element.value = value;
  }
  const meetings = draft.meetings && draft.meetings.length ? draft.meetings : [{}];
  for (const values of meetings) addMeeting(values);
  $("venue-fields").hidden = $("onlineOnly").checked;
  return draft;
}

// ---- The registry's check ----
let timer = null;
function changed() {
  $("venue-fields").hidden = $("onlineOnly").checked;
  saveDraft();
  state.draft = null;
  clearTimeout(timer);
  timer = setTimeout(check, 600);
}
function network() {
  return mode === "new" ? text("network") : loadPublished().network;
}
async function check() {
  const request = (async () => {
    const slug = network();
    const body = JSON.stringify(answers());
    let response = await fetch(`/api/v1/draft${slug ? `?network=${encodeURIComponent(slug)}` : ""}`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body,
    });
    if (response.status === 404 && slug) {
      response = await fetch("/api/v1/draft", { method: "POST", headers: { "Content-Type": "application/json" }, body });
    }
    const result = await response.json();
    if (!response.ok) return { valid: false, error: result.message || "The registry could not check the listing." };
    return { valid: result.lint.valid, feed: result.feed, groupId: result.groupId, lint: result.lint };
  })();
  state.checking = request;
  let result;
  try { result = await request; } catch { result = { valid: false, error: "The registry could not be reached to check the listing." }; }
  if (state.checking !== request) return state.draft;
  state.draft = result;
  showCheck(result);
  return result;
}
function showCheck(result) {
  const panel = $("check");
  panel.replaceChildren();
  if (result.error) { say(panel, result.error, "problem"); return; }
  const lint = result.lint;
  const errors = lint.problems.filter((problem) => problem.severity === "error");
  const warnings = lint.problems.filter((problem) => problem.severity !== "error");
  const summary = document.createElement("p");
  summary.className = errors.length ? "problem" : "said";
  summary.textContent = errors.length
    ? `${errors.length === 1 ? "One thing needs" : `${errors.length} things need`} changing before you can publish.`
    : "Your listing can be published.";
  panel.append(summary);
  if (lint.problems.length) {
    const list = document.createElement("ul");
    for (const problem of errors.concat(warnings)) {
      const item = document.createElement("li");
      item.textContent = `${problem.severity === "error" ? "To change" : "To consider"}: ${problem.message}`;
      item.dataset.code = problem.code;
      list.append(item);
    }
    panel.append(list);
  }
  if (lint.network) {
    const tier = document.createElement("p");
    tier.className = "tier";
    tier.textContent = lint.tier
      ? `Under ${lint.network}'s charter your group reaches ${lint.tierName || lint.tier}${lint.listed ? ", and would be listed." : ", which is not yet enough to be listed."}`
      : `Under ${lint.network}'s charter your group does not yet reach a tier.`;
    panel.append(tier);
    const failing = (lint.failing || []).filter((rule) => rule.severity === "required");
    const later = (lint.failing || []).filter((rule) => rule.severity !== "required");
    for (const [rules, heading] of [[failing, `For ${lint.network} to list your group, its charter asks:`], [later, "And for a higher tier:"]]) {
      if (!rules.length) continue;
      const intro = document.createElement("p");
      intro.textContent = heading;
      const list = document.createElement("ul");
      for (const rule of rules) {
        const item = document.createElement("li");
        item.dataset.rule = rule.rule;
        item.textContent = rule.text || rule.reason;
        const why = document.createElement("span");
        why.className = "hint";
        why.textContent = ` (now: ${rule.reason})`;
        item.append(why);
        list.append(item);
      }
      panel.append(intro, list);
    }
    if (failing.length || later.length) {
      say(panel.appendChild(document.createElement("div")), "Where one of these is true of your group, say so in the questions: most are under “Commitments and ground rules”.", "hint");
    }
  }
}

// ---- Keys ----
function offerDownload(link, content, type = "text/plain") {
  if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([content], { type }));
}
function keyReady(key, origin) {
  state.key = key;
  say($("key-status"), `${origin} Its id is ${minisign.keyIdHex(key.keyId)}.`, "said");
  offerDownload($("download-pub"), minisign.publicKeyFile(key));
  offerDownload($("download-pub-again"), minisign.publicKeyFile(key));
}
async function makeKey() {
  const status = $("key-status");
  const passphrase = $("key-passphrase").value;
  if (passphrase !== $("key-passphrase-again").value) { say(status, "The two passphrases are not the same. Type them again.", "problem"); return; }
  if (passphrase && passphrase.length < 8) { say(status, "A passphrase needs at least 8 characters.", "problem"); return; }
  if (!passphrase && !state.noPassphraseWarned) {
    state.noPassphraseWarned = true;
    say(status, "Without a passphrase, anyone who finds the key file can publish as your group. Type a passphrase, or press “Make our key” again to make it without one.", "notice");
    return;
  }
  $("make-key").disabled = true;
  say(status, passphrase ? "Making your key and locking it with your passphrase. This takes a few seconds…" : "Making your key…");
  try {
    const key = await minisign.generateKey();
    const file = await minisign.secretKeyFile(key, passphrase);
    key.seed.fill(0);
    delete key.seed;
    offerDownload($("download-key"), file);
    $("key-downloads").hidden = false;
    if ($("key-keep").checked) await saveKey({ groupId: loadDraft().groupId, keyId: key.keyId, publicKey: key.publicKey, signingKey: key.signingKey });
    keyReady(key, "Your key is made. Save the key file now, somewhere safe, before you go on.");
  } catch (error) {
    say(status, error.message || "The key could not be made in this browser.", "problem");
  } finally {
    $("make-key").disabled = false;
  }
}
async function openKeyFile(fileInput, passphraseInput, status) {
  const file = fileInput.files && fileInput.files[0];
  if (!file) { say(status, "Choose your key file first.", "problem"); return null; }
  if (file.size > 4096) { say(status, "That file is too large to be a key file.", "problem"); return null; }
  try {
    const contents = await file.text();
    if (minisign.isProtected(contents) && !passphraseInput.value) { say(status, "This key file is protected by a passphrase. Type the passphrase.", "problem"); return null; }
    say(status, "Opening the key…");
    const key = await minisign.openSecretKeyFile(contents, passphraseInput.value);
    $("key-downloads").hidden = false;
    $("download-key").hidden = true;
    keyReady(key, "Your key is open.");
    return key;
  } catch (error) {
    say(status, error.message || "The key file could not be opened.", "problem");
    return null;
  }
}

// ---- Publishing ----
function loadPublished() {
  try { return JSON.parse(localStorage.getItem(PUBLISHED)) || {}; } catch { return {}; }
}
async function publish() {
  const status = $("publish-status");
  if (!state.key) { say(status, "Make or open your group's key first (the step before this one).", "problem"); return; }
  say(status, "Checking your listing…");
  const draft = state.draft || await check();
  if (!draft || !draft.valid) { say(status, "Your listing has something to change first: see “Check your listing”.", "problem"); return; }
  const published = loadPublished();
  if (mode === "update" && published.groupId && published.groupId !== draft.groupId) {
    say(status, "This listing belongs to another group than the one this browser published.", "problem");
    return;
  }
  const seq = Math.max(Math.floor(Date.now() / 1000), (published.groupId === draft.groupId ? published.seq || 0 : 0) + 1);
  const expires = new Date(Date.now() + parseInt($("expires").value, 10) * 86400000);
  const bytes = new TextEncoder().encode(draft.feed);
  const signature = await minisign.sign(state.key, bytes, minisign.feedClaim(draft.groupId, seq, expires));
  offerDownload($("download-feed"), bytes, "application/xml");
  offerDownload($("download-signature"), signature);
  $("feed-downloads").hidden = false;
  const slug = network();
  if (mode === "new" && !slug) { say(status, "This registry has no network to join; download the files below to host them yourself.", "notice"); return; }
  $("publish").disabled = true;
  say(status, "Publishing…");
  try {
    const url = mode === "new" ? `/api/v1/networks/${encodeURIComponent(slug)}/enrolment-requests` : `/api/v1/groups/${encodeURIComponent(draft.groupId)}/feed`;
    const body = { feed: minisign.toBase64(bytes), signature };
    if (mode === "new") body.publicKey = minisign.publicKeyFile(state.key);
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const result = await response.json().catch(() => ({}));
    if (!response.ok || result.outcome === "rejected") {
      say(status, `Nothing was published: ${result.message || `the registry answered ${response.status}`}.`, "problem");
      return;
    }
    localStorage.setItem(PUBLISHED, JSON.stringify({ groupId: draft.groupId, seq, network: slug || published.network }));
    const done = say(status, mode === "new"
      ? (result.listed ? "Published. Your group is listed now. " : `Published. Your group is waiting for the network's volunteers to approve it; they may contact you to compare your key's id, ${result.keyId}. `)
      : `Published: your listing is updated (number ${result.seq}). `, "said");
    if (mode === "new") {
      mode = "update";
      $("publish").textContent = "Publish again";
    }
    const link = document.createElement("a");
    link.href = `/groups/${encodeURIComponent(draft.groupId)}`;
    link.textContent = "See your group's page";
    done.append(link);
  } catch {
    say(status, "The registry could not be reached. Nothing was published; try again.", "problem");
  } finally {
    $("publish").disabled = false;
  }
}

// ---- Update: open the key first ----
async function openForUpdate() {
  const status = $("open-status");
  const published = loadPublished();
  const kept = await keptKeys().catch(() => []);
  const mine = kept.find((record) => record.groupId === published.groupId) || kept[0];
  if (mine) {
    $("stored-key-choice").hidden = false;
    $("stored-key-id").textContent = `(key ${minisign.keyIdHex(mine.keyId)})`;
    $("use-stored-key").addEventListener("click", () => {
      keyReady(mine, "The key kept in this browser is ready.");
      say(status, `The key kept in this browser is ready (id ${minisign.keyIdHex(mine.keyId)}).`, "said");
    });
  }
  $("open-update-key").addEventListener("click", async () => {
    const key = await openKeyFile($("update-key-file"), $("update-key-passphrase"), status);
    if (key) say(status, `Your key is open (id ${minisign.keyIdHex(key.keyId)}).`, "said");
  });
  if (!loadDraft().fields) say(status, "This browser has no saved listing for your group. Answer the questions again; use the same key, and the listing will replace the old one.", "notice");
}

async function start() {
  if (!window.isSecureContext || !crypto.subtle || !(await minisign.ed25519Available())) {
    const message = $("unsupported");
    message.hidden = false;
    message.textContent = "This browser cannot make or use your group's key (it lacks Ed25519 signing, or the page is not on a secure connection). Use a current Firefox, Chrome, Edge or Safari, or the chorus command-line tool.";
    return;
  }
  form.hidden = false;
  buildStepList();
  const draft = restoreDraft();
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  $("add-meeting").addEventListener("click", () => { addMeeting().querySelector("input").focus(); changed(); });
  if (mode === "new") {
    $("make-key").addEventListener("click", makeKey);
    $("open-existing-key").addEventListener("click", () => openKeyFile($("existing-key-file"), $("existing-key-passphrase"), $("key-status")));
  } else {
    await openForUpdate();
  }
  $("publish").addEventListener("click", publish);
  if (mode === "new" && draft.groupId && loadPublished().groupId === draft.groupId) offerUpdateInstead();
  showStep(mode === "new" ? draft.step || 0 : 0, false);
}

// This browser already published the group in its draft: a second "new group" would be refused.
function offerUpdateInstead() {
  const notice = say($("already"), "This browser has already published this group. ", "notice");
  const update = document.createElement("a");
  update.href = "/publish/update";
  update.textContent = "Update its listing";
  const another = document.createElement("button");
  another.type = "button";
  another.className = "link";
  another.textContent = "start another group";
  another.addEventListener("click", () => { localStorage.removeItem(DRAFT); location.reload(); });
  notice.append(update, ", or ", another, ".");
  $("already").hidden = false;
}

start();

// The feed builder: the questions in steps, saved in this browser; checked by the registry as they are answered;
// then a key made or opened here, the exact feed bytes signed here, and the signed feed published.
import * as minisign from "./minisign.js";
import { saveKey, keptKeys } from "./keystore.js";
import * as repeating from "./repeating-fields.js";
import { renderLint } from "./lint-report.js";
import { t } from "../words.js";

const form = document.getElementById("builder");
let mode = form.dataset.mode;
const DRAFT = "chorus-publish-draft";
const PUBLISHED = "chorus-publish-group";
const state = { step: 0, key: null, draft: null, checking: null, noPassphraseWarned: false, announcing: null, nextKey: null };
const $ = (id) => document.getElementById(id);

function say(element, text, kind) {
  element.replaceChildren();
  const paragraph = document.createElement("p");
  if (kind) paragraph.className = kind;
  paragraph.textContent = text;
  element.append(paragraph);
  return paragraph;
}

/** Appends `sentence` to `element`, each `{name}` in it that `nodes` has replaced by that node (a link, a button, code). */
function appendSentence(element, sentence, nodes) {
  for (const part of sentence.split(/(\{[a-z]+\})/)) {
    const node = /^\{[a-z]+\}$/.test(part) ? nodes[part.slice(1, -1)] : undefined;
    if (node) element.append(node); else if (part) element.append(part);
  }
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
  $("step-summary").textContent = t("Step {step} of {total}: {title}", { step: state.step + 1, total: steps.length, title: steps[state.step].querySelector("h2").textContent });
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

// ---- Meetings and notices ----
function addMeeting(values) {
  const fieldset = repeating.addMeeting($("meetings"), values, changed);
  refreshNoticeMeetings();
  return fieldset;
}
const meetingList = () => Array.from($("meetings").children, repeating.valuesOf);
function addNotice(values) {
  return repeating.addNotice($("notices"), values, meetingList(), changed);
}
function refreshNoticeMeetings() {
  for (const fieldset of $("notices").children) repeating.listMeetings(fieldset, meetingList());
}

// ---- Answers ----
const text = (name) => {
  const element = form.elements.namedItem(name);
  const value = element && typeof element.value === "string" ? element.value.trim() : "";
  return value === "" ? undefined : value;
};
const all = (name) => Array.from(form.querySelectorAll(`input[name="${name}"]:checked`), (input) => input.value);
const number = (name) => { const value = text(name); return value === undefined ? undefined : parseInt(value, 10); };

/** "53.48,-2.24" as { latitude, longitude }; nothing for anything else (the check then says the place has no map position). */
function coordinates(value) {
  const parts = (value || "").split(",").map((part) => Number(part.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n)) || Math.abs(parts[0]) > 90 || Math.abs(parts[1]) > 180) return {};
  return { latitude: parts[0], longitude: parts[1] };
}

function answers() {
  const draft = loadDraft();
  const fee = text("fee");
  const meetings = meetingList().map(repeating.meetingAnswers);
  const notices = Array.from($("notices").children, repeating.valuesOf).map(repeating.noticeAnswers);
  const onlineOnly = $("onlineOnly").checked;
  return {
    id: draft.groupId, name: text("name") || "", language: text("language") || "en", summary: text("summary") || "",
    whatToExpect: text("whatToExpect"), experiences: all("experiences"), audience: text("audience"),
    audienceReason: text("audienceReason"), community: text("community"), membership: text("membership"),
    minimumAge: text("audience") === "young-people" ? number("minimumAge") : undefined,
    maximumAge: text("audience") === "young-people" ? number("maximumAge") : undefined,
    access: all("access"), fee,
    feeAmount: fee === "fee" ? text("feeAmount") : undefined, feeCurrency: fee === "fee" ? text("feeCurrency") : undefined,
    feePer: fee === "fee" ? text("feePer") : undefined,
    independence: text("independence"), host: text("host"),
    commitments: all("commitments"), groundRules: all("groundRules"),
    ownGroundRules: (text("ownGroundRules") || "").split("\n").map((line) => line.trim()).filter(Boolean),
    venue: onlineOnly ? undefined : {
      name: text("venue.name"), setting: text("venue.setting"), street: text("venue.street"), locality: text("venue.locality"),
      region: text("venue.region"), postcode: text("venue.postcode"), country: text("venue.country") || "GB",
      ...coordinates(text("venue.coordinates")),
      precision: text("venue.precision"), disclosure: text("venue.disclosure"), accessibility: all("venue.accessibility"),
      directions: text("venue.directions"),
    },
    meetings,
    facilitatorPool: number("facilitatorPool") ?? 0, facilitatorsWithLivedExperience: number("facilitatorsWithLivedExperience"),
    trainedFacilitators: number("trainedFacilitators"), trainingProvider: text("trainingProvider"),
    contactKind: text("contactKind"), contact: text("contact") || "",
    status: text("status"), statusUntil: text("status") === "paused" ? text("statusUntil") : undefined,
    notices,
    nextKey: state.announcing ? minisign.publicKeyBase64(state.announcing) : undefined,
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
  draft.meetings = meetingList();
  draft.notices = Array.from($("notices").children, repeating.valuesOf);
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
  for (const values of draft.notices || []) addNotice(values);
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
    if (!response.ok) return { valid: false, error: result.message || t("The registry could not check the listing.") };
    return { valid: result.lint.valid, feed: result.feed, groupId: result.groupId, lint: result.lint };
  })();
  state.checking = request;
  let result;
  try { result = await request; } catch { result = { valid: false, error: t("The registry could not be reached to check the listing.") }; }
  if (state.checking !== request) return state.draft;
  state.draft = result;
  showCheck(result);
  return result;
}
function showCheck(result) {
  const panel = $("check");
  if (result.error) { say(panel, result.error, "problem"); return; }
  renderLint(panel, result.lint, t("Your listing can be published."));
}

// ---- Keys ----
function offerDownload(link, content, type = "text/plain") {
  if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([content], { type }));
}
async function keyReady(key, origin) {
  state.key = key;
  state.fingerprint = await minisign.fingerprint(key);
  const paragraph = say($("key-status"), "", "said");
  const code = document.createElement("code");
  code.textContent = minisign.publicKeyBase64(key);
  appendSentence(paragraph, t("{origin} Its id is {id} and its fingerprint {fingerprint}; the public key, which your network may ask for, is {key}.", {
    id: minisign.keyIdHex(key.keyId), fingerprint: state.fingerprint, origin,
  }), { key: code });
  offerDownload($("download-pub"), minisign.publicKeyFile(key));
  offerDownload($("download-pub-again"), minisign.publicKeyFile(key));
}
async function makeKey() {
  const status = $("key-status");
  const passphrase = $("key-passphrase").value;
  if (passphrase !== $("key-passphrase-again").value) { say(status, t("The two passphrases are not the same. Type them again."), "problem"); return; }
  if (passphrase && passphrase.length < 8) { say(status, t("A passphrase needs at least 8 characters."), "problem"); return; }
  if (!passphrase && !state.noPassphraseWarned) {
    state.noPassphraseWarned = true;
    say(status, t("Without a passphrase, anyone who finds the key file can publish as your group. Type a passphrase, or press “Make our key” again to make it without one."), "notice");
    return;
  }
  $("make-key").disabled = true;
  say(status, passphrase ? t("Making your key and locking it with your passphrase. This takes a few seconds…") : t("Making your key…"));
  try {
    const key = await minisign.generateKey();
    const file = await minisign.secretKeyFile(key, passphrase);
    key.seed.fill(0);
    delete key.seed;
    offerDownload($("download-key"), file);
    $("key-downloads").hidden = false;
    if ($("key-keep").checked) await saveKey({ groupId: loadDraft().groupId, keyId: key.keyId, publicKey: key.publicKey, signingKey: key.signingKey });
    await keyReady(key, t("Your key is made. Save the key file now, somewhere safe, before you go on."));
  } catch (error) {
    say(status, error.message || t("The key could not be made in this browser."), "problem");
  } finally {
    $("make-key").disabled = false;
  }
}
async function openKeyFile(fileInput, passphraseInput, status) {
  const file = fileInput.files && fileInput.files[0];
  if (!file) { say(status, t("Choose your key file first."), "problem"); return null; }
  if (file.size > 4096) { say(status, t("That file is too large to be a key file."), "problem"); return null; }
  try {
    const contents = await file.text();
    if (minisign.isProtected(contents) && !passphraseInput.value) { say(status, t("This key file is protected by a passphrase. Type the passphrase."), "problem"); return null; }
    say(status, t("Opening the key…"));
    const key = await minisign.openSecretKeyFile(contents, passphraseInput.value);
    $("key-downloads").hidden = false;
    $("download-key").hidden = true;
    await keyReady(key, t("Your key is open."));
    return key;
  } catch (error) {
    say(status, error.message || t("The key file could not be opened."), "problem");
    return null;
  }
}

// ---- Publishing ----
function loadPublished() {
  try { return JSON.parse(localStorage.getItem(PUBLISHED)) || {}; } catch { return {}; }
}

/** Signs the checked draft with `key` and sends it: as an enrolment request, or as an update of a known group. */
async function sendSigned(key, status, { enrol }) {
  say(status, t("Checking your listing…"));
  const draft = await check();
  if (!draft || !draft.valid) { say(status, t("Your listing has something to change first: see “Check your listing”."), "problem"); return null; }
  const published = loadPublished();
  if (!enrol && published.groupId && published.groupId !== draft.groupId) {
    say(status, t("This listing belongs to another group than the one this browser published. Nothing was published."), "problem");
    return null;
  }
  const seq = Math.max(Math.floor(Date.now() / 1000), (published.groupId === draft.groupId ? published.seq || 0 : 0) + 1);
  const expires = new Date(Date.now() + parseInt($("expires").value, 10) * 86400000);
  const bytes = new TextEncoder().encode(draft.feed);
  const signature = await minisign.sign(key, bytes, minisign.feedClaim(draft.groupId, seq, expires));
  offerDownload($("download-feed"), bytes, "application/xml");
  offerDownload($("download-signature"), signature);
  $("feed-downloads").hidden = false;
  const slug = network();
  if (enrol && !slug) { say(status, t("This registry has no network to join; download the files below to host them yourself."), "notice"); return null; }
  say(status, t("Publishing…"));
  try {
    const url = enrol ? `/api/v1/networks/${encodeURIComponent(slug)}/enrolment-requests` : `/api/v1/groups/${encodeURIComponent(draft.groupId)}/feed`;
    const body = { feed: minisign.toBase64(bytes), signature };
    if (enrol) body.publicKey = minisign.publicKeyFile(key);
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const result = await response.json().catch(() => ({}));
    if (!response.ok || result.outcome === "rejected") {
      say(status, result.message
        ? t("Nothing was published: {message}.", { message: result.message })
        : t("Nothing was published: the registry answered {status}.", { status: response.status }), "problem");
      return null;
    }
    localStorage.setItem(PUBLISHED, JSON.stringify({ groupId: draft.groupId, seq, network: slug || published.network }));
    return { draft, result };
  } catch {
    say(status, t("The registry could not be reached. Nothing was published; try again."), "problem");
    return null;
  }
}

function linkToGroupPage(paragraph, groupId) {
  const link = document.createElement("a");
  link.href = `/groups/${encodeURIComponent(groupId)}`;
  link.textContent = t("See your group's page");
  paragraph.append(" ", link);
}

async function publish() {
  const status = $("publish-status");
  if (!state.key) { say(status, t("Make or open your group's key first (the step before this one)."), "problem"); return; }
  $("publish").disabled = true;
  try {
    const sent = await sendSigned(state.key, status, { enrol: mode === "new" });
    if (!sent) return;
    const { draft, result } = sent;
    const done = say(status, mode === "new"
      ? (result.listed
        ? t("Published. Your group is listed now.")
        : t("Published. Your group is waiting for the network's volunteers to approve it. They may contact you to compare your key's fingerprint: {fingerprint}.", { fingerprint: result.fingerprint }))
      : t("Published: your listing is updated (number {seq}).", { seq: result.seq }), "said");
    if (mode === "new") {
      mode = "update";
      $("publish").textContent = t("Publish again");
    }
    linkToGroupPage(done, draft.groupId);
  } finally {
    $("publish").disabled = false;
  }
}

// ---- Changing keys: announce the next key under the current one, then sign with it ----
async function announceNextKey() {
  const status = $("rotate-status");
  if (!state.key) { say(status, t("Open your current key first (the first step)."), "problem"); return; }
  const passphrase = $("rotate-passphrase").value;
  if (passphrase.length < 8 || passphrase !== $("rotate-passphrase-again").value) {
    say(status, t("Type the same passphrase twice, at least 8 characters."), "problem");
    return;
  }
  $("rotate-announce").disabled = true;
  try {
    say(status, t("Making the new key…"));
    const next = await minisign.generateKey();
    const file = await minisign.secretKeyFile(next, passphrase);
    next.seed.fill(0);
    delete next.seed;
    offerDownload($("download-new-key"), file);
    offerDownload($("download-new-pub"), minisign.publicKeyFile(next));
    $("rotate-downloads").hidden = false;
    state.announcing = next;
    const sent = await sendSigned(state.key, status, { enrol: false });
    if (!sent) { state.announcing = null; return; }
    state.nextKey = next;
    $("rotate-switch").disabled = false;
    say(status, t("The new key (id {id}) is announced, signed with your current key. Save the new key file, then switch to it.", { id: minisign.keyIdHex(next.keyId) }), "said");
  } catch (error) {
    say(status, error.message || t("The new key could not be made."), "problem");
  } finally {
    $("rotate-announce").disabled = false;
  }
}

async function switchToNextKey() {
  const status = $("rotate-status");
  if (!state.nextKey) return;
  state.announcing = null;
  const sent = await sendSigned(state.nextKey, status, { enrol: false });
  if (!sent) return;
  state.key = state.nextKey;
  state.nextKey = null;
  $("rotate-switch").disabled = true;
  await saveKey({ groupId: sent.draft.groupId, keyId: state.key.keyId, publicKey: state.key.publicKey, signingKey: state.key.signingKey }).catch(() => {});
  const done = say(status, t("Your listing is now signed with the new key (id {id}); the old key no longer works.", { id: minisign.keyIdHex(state.key.keyId) }), "said");
  linkToGroupPage(done, sent.draft.groupId);
}

// ---- Update: open the key, and the listing as published ----
function fillFromAnswers(answers) {
  const scalar = {
    name: answers.name, language: answers.language, summary: answers.summary, whatToExpect: answers.whatToExpect,
    audience: answers.audience, audienceReason: answers.audienceReason, community: answers.community, membership: answers.membership,
    minimumAge: answers.minimumAge, maximumAge: answers.maximumAge,
    fee: answers.fee, feeAmount: answers.feeAmount, feeCurrency: answers.feeCurrency, feePer: answers.feePer,
    independence: answers.independence, host: answers.host, status: answers.status || "active", statusUntil: answers.statusUntil,
    ownGroundRules: (answers.ownGroundRules || []).join("\n"), facilitatorPool: answers.facilitatorPool,
    facilitatorsWithLivedExperience: answers.facilitatorsWithLivedExperience, trainedFacilitators: answers.trainedFacilitators,
    trainingProvider: answers.trainingProvider, contactKind: answers.contactKind, contact: answers.contact,
  };
  const lists = { experiences: answers.experiences, access: answers.access, commitments: answers.commitments, groundRules: answers.groundRules };
  const venue = answers.venue || {};
  for (const key of ["name", "setting", "street", "locality", "region", "postcode", "country", "precision", "disclosure", "directions"]) {
    scalar[`venue.${key}`] = venue[key];
  }
  scalar["venue.coordinates"] = venue.latitude !== undefined && venue.latitude !== null ? `${venue.latitude},${venue.longitude}` : "";
  lists["venue.accessibility"] = venue.accessibility || [];
  for (const element of form.elements) {
    if (!element.name || element.type === "file" || element.type === "password") continue;
    if (element.name in lists) { element.checked = (lists[element.name] || []).includes(element.value); continue; }
    if (!(element.name in scalar)) continue;
    const value = scalar[element.name];
    if (element.type === "radio") element.checked = element.value === value;
    else element.value = value ?? "";
  }
  $("onlineOnly").checked = !answers.venue;
  $("meetings").replaceChildren();
  $("notices").replaceChildren();
  for (const meeting of answers.meetings.length ? answers.meetings : [{}]) addMeeting(meeting.rrule ? repeating.meetingFields(meeting) : {});
  for (const notice of answers.notices || []) addNotice(notice);
  const draft = loadDraft();
  draft.groupId = answers.id;
  localStorage.setItem(DRAFT, JSON.stringify(draft));
  changed();
}

/** When a feed says it was last changed (its Atom `updated`), in milliseconds, or NaN. */
function feedUpdated(feedText) {
  const feed = new DOMParser().parseFromString(feedText, "application/xml").documentElement;
  const updated = Array.from(feed.children).find((child) => child.localName === "updated");
  return updated ? Date.parse(updated.textContent.trim()) : NaN;
}

function offerLoadFromRegistry(groupId) {
  const button = $("load-published");
  button.hidden = false;
  button.onclick = async () => {
    const response = await fetch(`/mirror/${encodeURIComponent(groupId)}/feed.xml`);
    if (!response.ok) { say($("load-status"), t("This registry does not have your listing (it may not be listed yet). Open your feed.xml instead."), "problem"); return; }
    await loadListing(await response.text(), t("From this registry"));
  };
}

async function loadListing(feedText, origin, { fromFile = false } = {}) {
  const status = $("load-status");
  const response = await fetch("/api/v1/answers", { method: "POST", headers: { "Content-Type": "application/xml" }, body: feedText });
  const result = await response.json().catch(() => ({}));
  if (!response.ok) { say(status, result.message || t("This listing could not be opened."), "problem"); return; }
  const published = loadPublished();
  if (published.groupId && published.groupId !== result.id) {
    say(status, t("This listing is another group's than the one this browser published; it was not opened."), "problem");
    return;
  }
  if (fromFile) {
    const current = await fetch(`/mirror/${encodeURIComponent(result.id)}/feed.xml`).catch(() => null);
    const currentText = current && current.ok ? await current.text() : null;
    if (currentText !== null && currentText !== feedText && feedUpdated(currentText) >= feedUpdated(feedText)) {
      say(status, t("This file is older than your listing on this registry, so it was not opened: load the listing from this registry instead."), "problem");
      offerLoadFromRegistry(result.id);
      return;
    }
  }
  fillFromAnswers(result);
  localStorage.setItem(PUBLISHED, JSON.stringify({ ...published, groupId: result.id }));
  say(status, t("{origin}: “{name}” is in the form. Change what has changed, then publish.", { origin, name: result.name }), "said");
}

async function openForUpdate() {
  const status = $("open-status");
  const published = loadPublished();
  const kept = await keptKeys().catch(() => []);
  const mine = kept.find((record) => record.groupId === published.groupId) || kept[0];
  if (mine) {
    $("stored-key-choice").hidden = false;
    $("stored-key-id").textContent = t("(key {id})", { id: minisign.keyIdHex(mine.keyId) });
    $("use-stored-key").addEventListener("click", () => {
      keyReady(mine, t("The key kept in this browser is ready."));
      say(status, t("The key kept in this browser is ready (id {id}).", { id: minisign.keyIdHex(mine.keyId) }), "said");
    });
  }
  $("open-update-key").addEventListener("click", async () => {
    const key = await openKeyFile($("update-key-file"), $("update-key-passphrase"), status);
    if (key) say(status, t("Your key is open (id {id}).", { id: minisign.keyIdHex(key.keyId) }), "said");
  });
  const groupId = published.groupId || (mine && mine.groupId);
  if (groupId) offerLoadFromRegistry(groupId);
  $("current-feed-file").addEventListener("change", async (event) => {
    event.stopPropagation();
    const file = $("current-feed-file").files[0];
    if (!file) return;
    if (file.size > 1 << 20) { say($("load-status"), t("That file is too large to be a listing."), "problem"); return; }
    await loadListing(await file.text(), t("From your file"), { fromFile: true });
  });
  if (!loadDraft().fields && !groupId) say($("load-status"), t("This browser has no saved listing for your group: open your listing's file."), "notice");
  $("rotate-announce").addEventListener("click", announceNextKey);
  $("rotate-switch").addEventListener("click", switchToNextKey);
}

async function start() {
  if (!window.isSecureContext || !crypto.subtle || !(await minisign.ed25519Available())) {
    const message = $("unsupported");
    message.hidden = false;
    message.textContent = t("This browser cannot make or use your group's key (it lacks Ed25519 signing, or the page is not on a secure connection). Use a current Firefox, Chrome, Edge or Safari, or the chorus command-line tool.");
    return;
  }
  form.hidden = false;
  buildStepList();
  const draft = restoreDraft();
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  $("add-meeting").addEventListener("click", () => { addMeeting().querySelector("input").focus(); changed(); });
  $("add-notice").addEventListener("click", () => { addNotice().querySelector("select").focus(); changed(); });
  $("meetings").addEventListener("input", refreshNoticeMeetings);
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
  const notice = say($("already"), "", "notice");
  const update = document.createElement("a");
  update.href = "/publish/update";
  update.textContent = t("Update its listing");
  const another = document.createElement("button");
  another.type = "button";
  another.className = "link";
  another.textContent = t("start another group");
  another.addEventListener("click", () => { localStorage.removeItem(DRAFT); location.reload(); });
  appendSentence(notice, t("This browser has already published this group. {update}, or {another}."), { update, another });
  $("already").hidden = false;
}

start();

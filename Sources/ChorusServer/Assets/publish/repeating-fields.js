// The form's repeating parts, meetings and notices: fieldsets cloned from a <template>, each field named by
// data-field, each label tied to its field, read and written as plain objects.
import { t } from "../words.js";

function clone(templateId, container, legend, values) {
  const fieldset = document.getElementById(templateId).content.firstElementChild.cloneNode(true);
  const number = container.children.length + 1;
  const prefix = `${templateId}-${number}`;
  fieldset.querySelector("legend").textContent = legend(number);
  for (const input of fieldset.querySelectorAll("[data-field]")) {
    const field = input.dataset.field;
    input.id = `${prefix}-${field}`;
    const label = fieldset.querySelector(`label[data-for="${field}"]`);
    if (label) label.htmlFor = input.id;
    if (values && field in values && values[field] !== undefined && values[field] !== null) {
      if (input.type === "checkbox") input.checked = Boolean(values[field]); else input.value = values[field];
    }
  }
  container.append(fieldset);
  return fieldset;
}

export function valuesOf(fieldset) {
  const values = {};
  for (const input of fieldset.querySelectorAll("[data-field]")) {
    values[input.dataset.field] = input.type === "checkbox" ? input.checked : input.value;
  }
  return values;
}

const field = (fieldset, name) => fieldset.querySelector(`[data-field="${name}"]`);

function show(fieldset, visible) {
  for (const [name, shown] of Object.entries(visible)) {
    const input = field(fieldset, name);
    const label = fieldset.querySelector(`label[data-for="${name}"]`) || input.closest("label");
    input.hidden = !shown;
    if (label) label.hidden = !shown;
  }
}

// ---- Meetings ----

export function addMeeting(container, values, changed) {
  const fieldset = clone("meeting-template", container, (number) => t("Meeting {number}", { number }), values);
  if (!values || !values.startDate) field(fieldset, "startDate").value = new Date().toISOString().slice(0, 10);
  if (!values || !values.timeZone) {
    try {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const select = field(fieldset, "timeZone");
      if (Array.from(select.options).some((option) => option.value === zone)) select.value = zone;
    } catch { /* the first zone stays chosen */ }
  }
  fieldset.querySelector("[data-remove]").addEventListener("click", () => {
    if (container.children.length > 1) { fieldset.remove(); changed(); }
  });
  fieldset.addEventListener("change", () => showMeetingFields(fieldset));
  showMeetingFields(fieldset);
  return fieldset;
}

function showMeetingFields(fieldset) {
  const kind = field(fieldset, "kind").value;
  const online = field(fieldset, "mode").value !== "in-person";
  show(fieldset, { interval: kind === "every", ordinal: kind === "nth", platform: online, joinLink: online, joinLinkPublic: online });
}

const dateList = (value) => (value || "").split(/[\s,]+/).filter(Boolean);

function rrule(values) {
  switch (values.kind) {
    case "every": return `FREQ=WEEKLY;INTERVAL=${parseInt(values.interval, 10) || 2};BYDAY=${values.weekday}`;
    case "nth": return `FREQ=MONTHLY;BYDAY=${values.ordinal}${values.weekday}`;
    case "last": return `FREQ=MONTHLY;BYDAY=-1${values.weekday}`;
    default: return `FREQ=WEEKLY;BYDAY=${values.weekday}`;
  }
}

/** A meeting's fields as `FeedAnswers.MeetingAnswers`. */
export function meetingAnswers(values) {
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
}

/** `FeedAnswers.MeetingAnswers` as a meeting's fields: the rule's kind, day and interval from its RRULE. */
export function meetingFields(answer) {
  const parts = Object.fromEntries(answer.rrule.split(";").map((part) => part.split("=")));
  const byDay = parts.BYDAY || "MO";
  const values = {
    title: answer.title, mode: answer.mode, startDate: answer.startDate, startTime: answer.startTime,
    durationMinutes: answer.durationMinutes, timeZone: answer.timeZone, endDate: answer.endDate || "",
    excludedDates: (answer.excludedDates || []).join(", "), extraDates: (answer.extraDates || []).join(", "),
    platform: answer.platform || "", joinLink: answer.joinLink || "", joinLinkPublic: Boolean(answer.joinLinkPublic),
    facilitators: answer.facilitators ?? "", weekday: byDay.slice(-2),
  };
  if (parts.FREQ === "MONTHLY") {
    const ordinal = byDay.slice(0, -2);
    values.kind = ordinal.startsWith("-") ? "last" : "nth";
    if (values.kind === "nth") values.ordinal = ordinal;
  } else {
    values.kind = parts.INTERVAL && parts.INTERVAL !== "1" ? "every" : "weekly";
    if (values.kind === "every") values.interval = parts.INTERVAL;
  }
  return values;
}

// ---- Notices ----

export function addNotice(container, values, meetings, changed) {
  const fieldset = clone("notice-template", container, (number) => t("Change {number}", { number }), values);
  if (!values || !values.id) field(fieldset, "id").value = `urn:uuid:${crypto.randomUUID()}`;
  fieldset.querySelector("[data-remove]").addEventListener("click", () => { fieldset.remove(); changed(); });
  fieldset.addEventListener("change", () => showNoticeFields(fieldset));
  listMeetings(fieldset, meetings, values && values.meeting);
  showNoticeFields(fieldset);
  return fieldset;
}

/** Offers the form's meetings, by number and title, to a notice. */
export function listMeetings(fieldset, meetings, chosen) {
  const select = field(fieldset, "meeting");
  const current = chosen ?? select.value;
  select.replaceChildren(...meetings.map((meeting, index) => {
    const option = document.createElement("option");
    option.value = String(index + 1);
    option.textContent = `${index + 1}: ${meeting.title || t("Group meeting")}`;
    return option;
  }));
  if (current) select.value = String(current);
}

function showNoticeFields(fieldset) {
  const news = field(fieldset, "kind").value === "announcement";
  show(fieldset, { meeting: !news, date: !news });
}

/** A notice's fields as `FeedAnswers.NoticeAnswers`. */
export function noticeAnswers(values) {
  const news = values.kind === "announcement";
  return {
    id: values.id || undefined, kind: values.kind, title: values.title.trim(),
    meeting: news ? undefined : parseInt(values.meeting, 10) || undefined,
    date: news ? undefined : values.date || undefined, text: values.text.trim() || undefined,
  };
}

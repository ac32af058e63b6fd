// "Check an existing feed": a feed's address (fetched by the registry) or a file, and the same report the builder
// gives, for the network chosen.
import { renderLint } from "./lint-report.js";
import { t } from "../words.js";

const $ = (id) => document.getElementById(id);
const report = $("report");

function say(text, kind) {
  report.replaceChildren();
  const paragraph = document.createElement("p");
  paragraph.className = kind;
  paragraph.textContent = text;
  report.append(paragraph);
}

async function show(response) {
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) { say(answer.message || t("The registry answered {status}.", { status: response.status }), "problem"); return; }
  renderLint(report, answer, t("Nothing needs changing: the feed reads cleanly."), { hint: t("Change these in the feed, or open it in “Update our group's listing”.") });
}

function network() {
  const slug = $("check-network").value;
  return slug ? `?network=${encodeURIComponent(slug)}` : "";
}

$("check-form").hidden = false;
$("check-url-button").addEventListener("click", async () => {
  const url = $("check-url").value.trim();
  if (!/^https?:\/\//i.test(url)) { say(t("Type the feed's full address, starting with https://."), "problem"); return; }
  say(t("Fetching and checking the feed…"), "said");
  try {
    await show(await fetch(`/api/v1/lint-url${network()}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ url }) }));
  } catch {
    say(t("The registry could not be reached."), "problem");
  }
});
$("check-file").addEventListener("change", async () => {
  const file = $("check-file").files[0];
  if (!file) return;
  if (file.size > 1 << 20) { say(t("That file is larger than a feed may be (1 MB)."), "problem"); return; }
  say(t("Checking the file…"), "said");
  await show(await fetch(`/api/v1/lint${network()}`, { method: "POST", headers: { "Content-Type": "application/xml" }, body: await file.text() }));
});

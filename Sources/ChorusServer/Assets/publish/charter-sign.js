// The console's charter page: sign the chosen or pasted charter in this browser with the network's key file, which stays on
// this device, in the format `chorus charter sign` writes (trusted comment `chorus-charter v1 network=… version=…`).
import * as minisign from "./minisign.js";
import { t } from "../words.js";

const $ = (id) => document.getElementById(id);
const status = $("sign-status");

function say(text, kind) {
  status.replaceChildren();
  const paragraph = document.createElement("p");
  paragraph.className = kind;
  paragraph.textContent = text;
  status.append(paragraph);
}

/** The charter's network and version, from its root element, or a sentence saying what is wrong. */
function claimOf(text, network) {
  const root = new DOMParser().parseFromString(text, "application/xml").documentElement;
  if (!root || root.localName !== "charter" || root.namespaceURI !== "urn:chorus:charter:1") {
    return { problem: t("The document is not a charter (its root is not <charter> in urn:chorus:charter:1).") };
  }
  const slug = root.getAttribute("network");
  const version = root.getAttribute("version");
  if (!slug || !version) return { problem: t("The charter names no network or no version.") };
  if (slug !== network) return { problem: t("This charter is for the network {slug}, not {network}.", { slug, network }) };
  if (/\s/.test(slug + version)) return { problem: t("The charter's network and version may not contain spaces.") };
  return { comment: `chorus-charter v1 network=${slug} version=${version}` };
}

async function signCharter() {
  const file = $("network-key-file").files[0];
  if (!file) { say(t("Choose the network's key file first."), "problem"); return; }
  const chosen = $("charterFile").files[0];
  const bytes = chosen ? new Uint8Array(await chosen.arrayBuffer()) : new TextEncoder().encode($("charter").value);
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) { say(t("Choose the charter file or paste the charter first."), "problem"); return; }
  const claim = claimOf(text, $("sign-here").dataset.network);
  if (claim.problem) { say(claim.problem, "problem"); return; }
  try {
    const contents = await file.text();
    if (minisign.isProtected(contents) && !$("network-key-passphrase").value) { say(t("This key file is protected by a passphrase. Type the passphrase."), "problem"); return; }
    say(t("Signing…"), "said");
    const key = await minisign.openSecretKeyFile(contents, $("network-key-passphrase").value);
    $("signature").value = await minisign.sign(key, bytes, claim.comment, `charter signature from chorus secret key ${minisign.keyIdHex(key.keyId)}`);
    say(t("Signed with key {id} ({comment}). Preview it next; the key file was not sent.", { id: minisign.keyIdHex(key.keyId), comment: claim.comment }), "said");
  } catch (error) {
    say(error.message || t("The charter could not be signed."), "problem");
  }
}

$("sign-here").hidden = false;
$("sign-charter").addEventListener("click", signCharter);

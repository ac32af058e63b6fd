// Keys and signatures in minisign's formats (Federation/signatures.md), made with WebCrypto Ed25519 on this device.
// The secret key leaves the device only as the file the group saves; in browser storage it is a non-extractable key.
import { blake2b } from "./blake2b.js";
import { sodiumParameters } from "./scrypt.js";
import { t } from "../words.js";

const ED = [0x45, 0x64];
const SC = [0x53, 0x63];
const B2 = [0x42, 0x32];
const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
/** What Chorus writes (N = 2^16, r = 8, p = 1: 64 MiB), the same as `chorus key generate --passphrase`. */
export const CHORUS_PROTECTION = { opsLimit: 2097152n, memLimit: 67108864n };
/** The largest scrypt memory a key file may ask for before it is refused unopened: minisign's own default. */
const LARGEST_MEMORY = 2 ** 30;

/** A plain sentence for the page, with the same code the Swift side uses. */
export class KeyError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) { out.set(part, offset); offset += part.length; }
  return out;
};
export const toBase64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
function fromBase64(text) {
  try {
    return Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
/** The key's fingerprint as the registry shows it to a network's volunteers: SHA-256 of the 32 raw bytes, in fours. */
export async function fingerprint(key) {
  const hex = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", key.publicKey)), (b) => b.toString(16).padStart(2, "0")).join("");
  return hex.match(/.{4}/g).join(" ");
}
/** The key id as minisign prints it: the 8 bytes reversed, in upper-case hex. */
export const keyIdHex = (keyId) => Array.from(keyId).reverse().map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
const littleEndian = (bytes) => bytes.reduceRight((value, byte) => (value << 8n) | BigInt(byte), 0n);
const littleEndianBytes = (value) => Uint8Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));

let worker = null;
function scryptOffThePage(password, salt, logN, r, p, length) {
  worker ??= new Worker(new URL("./scrypt-worker.js", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => (event.data.error ? reject(new Error(event.data.error)) : resolve(event.data.bytes));
    worker.onerror = (event) => reject(new Error(event.message || t("the key could not be unlocked in this browser")));
    worker.postMessage({ password, salt, logN, r, p, length });
  });
}

async function keyStream(passphrase, salt, opsLimit, memLimit) {
  const { logN, r, p } = sodiumParameters(opsLimit, memLimit);
  if (logN > 20 || p < 1 || p > 16 || 128 * r * 2 ** logN > LARGEST_MEMORY) {
    throw new KeyError("key.malformed", t("This key file asks for more work to unlock (N=2^{logn}, r={r}, p={p}) than minisign or Chorus ever use, so it was not opened.", { logn: logN, r, p }));
  }
  return scryptOffThePage(new TextEncoder().encode(passphrase), salt, logN, r, p, 104);
}

async function importSecret(seed, extractable) {
  return crypto.subtle.importKey("pkcs8", concat(Uint8Array.from(PKCS8_PREFIX), seed), { name: "Ed25519" }, extractable, ["sign"]);
}

/** Whether this browser has WebCrypto Ed25519. */
export async function ed25519Available() {
  try {
    await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    return true;
  } catch {
    return false;
  }
}

/** A new key: { keyId, seed, publicKey, signingKey } with the seed kept only to write the file once. */
export async function generateKey() {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const seed = pkcs8.slice(pkcs8.length - 32);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const keyId = crypto.getRandomValues(new Uint8Array(8));
  return { keyId, seed, publicKey, signingKey: await importSecret(seed, false) };
}

/** The `.pub` file: minisign's public key format. */
export function publicKeyFile(key) {
  return `untrusted comment: minisign public key ${keyIdHex(key.keyId)}\n${publicKeyBase64(key)}\n`;
}

export const publicKeyBase64 = (key) => toBase64(concat(Uint8Array.from(ED), key.keyId, key.publicKey));

/** The `.key` file, protected by `passphrase` when one is given, as `minisign -G` and `chorus key generate` write it. */
export async function secretKeyFile(key, passphrase) {
  const secret = concat(key.seed, key.publicKey);
  const checksum = blake2b(concat(Uint8Array.from(ED), key.keyId, secret), 32);
  const hidden = concat(key.keyId, secret, checksum);
  let header = concat(Uint8Array.from(ED), new Uint8Array(2), Uint8Array.from(B2), new Uint8Array(48));
  if (passphrase) {
    const salt = crypto.getRandomValues(new Uint8Array(32));
    const { opsLimit, memLimit } = CHORUS_PROTECTION;
    header = concat(Uint8Array.from(ED), Uint8Array.from(SC), Uint8Array.from(B2), salt, littleEndianBytes(opsLimit), littleEndianBytes(memLimit));
    const stream = await keyStream(passphrase, salt, opsLimit, memLimit);
    for (let i = 0; i < 104; i++) hidden[i] ^= stream[i];
  }
  const label = passphrase ? "protected by a passphrase" : "unencrypted";
  return `untrusted comment: minisign secret key ${keyIdHex(key.keyId)} (${label})\n${toBase64(concat(header, hidden))}\n`;
}

function secretKeyBytes(text) {
  const line = String(text).split(/\r?\n/).find((l) => l.trim() && !l.startsWith("untrusted comment:"));
  const bytes = line ? fromBase64(line) : null;
  if (!bytes) throw new KeyError("key.malformed", t("This is not a key file: it has no line of key data."));
  if (bytes.length === 42) throw new KeyError("key.malformed", t("This is the public key (.pub). Open the secret key file (.key) instead."));
  if (bytes.length !== 158) throw new KeyError("key.malformed", t("This is not a minisign secret key file."));
  if (bytes[0] !== ED[0] || bytes[1] !== ED[1] || bytes[4] !== B2[0] || bytes[5] !== B2[1]) {
    throw new KeyError("key.malformed", t("This key file is of a kind Chorus cannot use (it is not an Ed25519 minisign key)."));
  }
  return bytes;
}

/** Whether a `.key` file needs a passphrase to open. */
export function isProtected(text) {
  const bytes = secretKeyBytes(text);
  return bytes[2] !== 0 || bytes[3] !== 0;
}

/** Opens a `.key` file: { keyId, publicKey, signingKey } with a non-extractable signing key. */
export async function openSecretKeyFile(text, passphrase) {
  const bytes = secretKeyBytes(text);
  const protectedKey = bytes[2] !== 0 || bytes[3] !== 0;
  if (protectedKey) {
    if (bytes[2] !== SC[0] || bytes[3] !== SC[1]) throw new KeyError("key.malformed", t("This key file is protected in a way Chorus does not know."));
    if (!passphrase) throw new KeyError("key.encrypted", t("This key file is protected by a passphrase. Type the passphrase."));
    const stream = await keyStream(passphrase, bytes.slice(6, 38), littleEndian(bytes.slice(38, 46)), littleEndian(bytes.slice(46, 54)));
    for (let i = 0; i < 104; i++) bytes[54 + i] ^= stream[i];
  }
  const keyId = bytes.slice(54, 62);
  const secret = bytes.slice(62, 126);
  const checksum = bytes.slice(126, 158);
  const expected = blake2b(concat(Uint8Array.from(ED), keyId, secret), 32);
  const unchecked = !protectedKey && checksum.every((b) => b === 0);
  if (!unchecked && !expected.every((b, i) => b === checksum[i])) {
    if (protectedKey) throw new KeyError("key.passphrase", t("That passphrase does not open this key file. Check it and try again."));
    throw new KeyError("key.checksum", t("This key file is damaged (its checksum does not match)."));
  }
  const seed = secret.slice(0, 32);
  const publicKey = secret.slice(32, 64);
  let signingKey;
  try {
    const check = await importSecret(seed, true);
    const jwk = await crypto.subtle.exportKey("jwk", check);
    const derived = fromBase64(jwk.x.replace(/-/g, "+").replace(/_/g, "/") + "=");
    if (!derived || !derived.every((b, i) => b === publicKey[i])) throw new Error("halves");
    signingKey = await importSecret(seed, false);
  } catch {
    throw new KeyError("key.malformed", t("This key file is damaged (its two halves do not belong together)."));
  }
  seed.fill(0);
  return { keyId, publicKey, signingKey };
}

/** The `.minisig` text for `bytes`: minisign's legacy Ed signature, the trusted comment and its global signature. */
export async function sign(key, bytes, trustedComment, untrustedComment = `signature from chorus secret key ${keyIdHex(key.keyId)}`) {
  if (/[\r\n]/.test(trustedComment + untrustedComment)) throw new KeyError("signature.trusted-comment-invalid", t("A comment is one line."));
  const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, key.signingKey, bytes));
  const global = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, key.signingKey,
    concat(signature, new TextEncoder().encode(trustedComment))));
  return `untrusted comment: ${untrustedComment}\n`
    + `${toBase64(concat(Uint8Array.from(ED), key.keyId, signature))}\n`
    + `trusted comment: ${trustedComment}\n${toBase64(global)}\n`;
}

/** The trusted comment of a group feed (Federation/signatures.md). */
export function feedClaim(groupId, seq, expires) {
  const stamp = expires.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `chorus-feed v1 group=${groupId} seq=${seq} expires=${stamp}`;
}

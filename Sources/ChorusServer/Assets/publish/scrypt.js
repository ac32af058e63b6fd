// scrypt (RFC 7914) over WebCrypto's PBKDF2-HMAC-SHA256, for secret keys protected the way minisign protects them.
// The memory-hard part (ROMix with Salsa20/8) is here; it runs in `scrypt-worker.js` so the page stays responsive.

async function pbkdf2(password, salt, length) {
  const key = await crypto.subtle.importKey("raw", password, "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 1 }, key, length * 8);
  return new Uint8Array(bits);
}

function salsa208(B, x) {
  x.set(B);
  const R = (a, b) => (a << b) | (a >>> (32 - b));
  for (let i = 0; i < 8; i += 2) {
    x[4] ^= R(x[0] + x[12], 7); x[8] ^= R(x[4] + x[0], 9); x[12] ^= R(x[8] + x[4], 13); x[0] ^= R(x[12] + x[8], 18);
    x[9] ^= R(x[5] + x[1], 7); x[13] ^= R(x[9] + x[5], 9); x[1] ^= R(x[13] + x[9], 13); x[5] ^= R(x[1] + x[13], 18);
    x[14] ^= R(x[10] + x[6], 7); x[2] ^= R(x[14] + x[10], 9); x[6] ^= R(x[2] + x[14], 13); x[10] ^= R(x[6] + x[2], 18);
    x[3] ^= R(x[15] + x[11], 7); x[7] ^= R(x[3] + x[15], 9); x[11] ^= R(x[7] + x[3], 13); x[15] ^= R(x[11] + x[7], 18);
    x[1] ^= R(x[0] + x[3], 7); x[2] ^= R(x[1] + x[0], 9); x[3] ^= R(x[2] + x[1], 13); x[0] ^= R(x[3] + x[2], 18);
    x[6] ^= R(x[5] + x[4], 7); x[7] ^= R(x[6] + x[5], 9); x[4] ^= R(x[7] + x[6], 13); x[5] ^= R(x[4] + x[7], 18);
    x[11] ^= R(x[10] + x[9], 7); x[8] ^= R(x[11] + x[10], 9); x[9] ^= R(x[8] + x[11], 13); x[10] ^= R(x[9] + x[8], 18);
    x[12] ^= R(x[15] + x[14], 7); x[13] ^= R(x[12] + x[15], 9); x[14] ^= R(x[13] + x[12], 13); x[15] ^= R(x[14] + x[13], 18);
  }
  for (let i = 0; i < 16; i++) B[i] = (B[i] + x[i]) | 0;
}

// BlockMix: B (32·r words) into Y, then back into B in scrypt's even-then-odd order.
function blockMix(B, Y, r, X, x) {
  X.set(B.subarray((2 * r - 1) * 16, 2 * r * 16));
  for (let i = 0; i < 2 * r; i++) {
    for (let j = 0; j < 16; j++) X[j] ^= B[i * 16 + j];
    salsa208(X, x);
    Y.set(X, ((i & 1) * r + (i >> 1)) * 16);
  }
  B.set(Y);
}

function roMix(B, r, N) {
  const words = 32 * r;
  const V = new Int32Array(words * N);
  const Y = new Int32Array(words), X = new Int32Array(16), x = new Int32Array(16);
  for (let i = 0; i < N; i++) {
    V.set(B, i * words);
    blockMix(B, Y, r, X, x);
  }
  for (let i = 0; i < N; i++) {
    const j = B[(2 * r - 1) * 16] & (N - 1);
    for (let k = 0; k < words; k++) B[k] ^= V[j * words + k];
    blockMix(B, Y, r, X, x);
  }
}

/** scrypt(password, salt, N = 2^logN, r, p) → `length` bytes. Words are little-endian, as the RFC's are. */
export async function scrypt(password, salt, logN, r, p, length) {
  const N = 2 ** logN;
  const B = await pbkdf2(password, salt, 128 * r * p);
  const view = new DataView(B.buffer);
  const words = new Int32Array(32 * r);
  for (let block = 0; block < p; block++) {
    const base = block * 128 * r;
    for (let k = 0; k < 32 * r; k++) words[k] = view.getInt32(base + k * 4, true);
    roMix(words, r, N);
    for (let k = 0; k < 32 * r; k++) view.setInt32(base + k * 4, words[k], true);
  }
  return pbkdf2(password, B, length);
}

/** libsodium's rule (`pickparams`) from a minisign key file's opslimit and memlimit to scrypt's logN, r and p. */
export function sodiumParameters(opsLimit, memLimit) {
  const ops = opsLimit < 32768n ? 32768n : opsLimit;
  const r = 8n;
  const logNBelow = (maxN) => {
    let logN = 1n;
    while (logN < 63n && (1n << logN) <= maxN / 2n) logN += 1n;
    return logN;
  };
  if (ops < memLimit / 32n) return { logN: Number(logNBelow(ops / (r * 4n))), r: 8, p: 1 };
  const logN = logNBelow(memLimit / (r * 128n));
  let maxRP = (ops / 4n) / (1n << logN);
  if (maxRP > 0x3fffffffn) maxRP = 0x3fffffffn;
  return { logN: Number(logN), r: 8, p: Number(maxRP / r) };
}

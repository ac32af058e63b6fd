// Runs scrypt off the page's thread: one message in ({password, salt, logN, r, p, length}), one out ({bytes} or {error}).
import { scrypt } from "./scrypt.js";

self.onmessage = async (event) => {
  const { password, salt, logN, r, p, length } = event.data;
  try {
    self.postMessage({ bytes: await scrypt(password, salt, logN, r, p, length) });
  } catch (error) {
    self.postMessage({ error: String(error && error.message || error) });
  }
};

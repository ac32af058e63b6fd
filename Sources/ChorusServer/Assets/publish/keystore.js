// The group's key kept in this browser (IndexedDB), as a non-extractable CryptoKey: it can sign here and cannot be
// read out, not even by this site's own scripts. The file the group saved stays the backup.
const DATABASE = "chorus-publish";
const STORE = "keys";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "groupId" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run(mode, action) {
  return open().then((db) => new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = action(transaction.objectStore(STORE));
    transaction.oncomplete = () => { db.close(); resolve(request.result); };
    transaction.onerror = () => { db.close(); reject(transaction.error); };
  }));
}

/** Keeps { groupId, keyId, publicKey, signingKey } for the group. */
export const saveKey = (record) => run("readwrite", (store) => store.put(record));
/** Every kept key, newest group first. */
export const keptKeys = () => run("readonly", (store) => store.getAll());

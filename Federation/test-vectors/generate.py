#!/usr/bin/env python3
"""Regenerates the signature test vectors in this folder.

Usage: python3 generate.py PATH/TO/chorus   (minisign must be on PATH)

Ed25519 signatures are deterministic, so with the committed keys the same inputs give the same files.
Run it only when the format changes; the committed outputs are what implementations test against.
"""
import base64, hashlib, json, os, shutil, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
chorus = os.path.abspath(sys.argv[1])
os.chdir(here)
keys = "keys"
NOW = "2026-11-01T00:00:00Z"
VERIFY_AT = "2027-01-01T00:00:00Z"
GROUP = "urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455"
source = open("../examples/minimal-annotated.xml", "rb").read()

for name in ["pinned", "other"]:
    if not os.path.exists(f"{keys}/{name}.key"):
        os.makedirs(keys, exist_ok=True)
        subprocess.run([chorus, "key", "generate", "--out", keys, "--name", name], check=True, stdout=subprocess.DEVNULL)
if not os.path.exists(f"{keys}/minisign.key"):
    subprocess.run(["minisign", "-G", "-W", "-p", f"{keys}/minisign.pub", "-s", f"{keys}/minisign.key"], check=True, stdout=subprocess.DEVNULL)

cases = []
os.makedirs("cases", exist_ok=True)


def sign(feed_name, data, key="pinned", seq=100, expires="3650d"):
    path = f"cases/{feed_name}"
    open(path, "wb").write(data)
    subprocess.run([chorus, "feed", "sign", path, "--key", f"{keys}/{key}.key", "--seq", str(seq),
                    "--expires", expires, "--now", NOW], check=True, stdout=subprocess.DEVNULL)
    return open(path + ".minisig").read()


def add(name, description, feed, signature, expect, code=None, pub="pinned", context=None):
    sig_path = f"cases/{name}.minisig"
    open(sig_path, "w").write(signature)
    case = {"name": name, "description": description, "feed": f"cases/{feed}", "signature": sig_path,
            "publicKey": f"{keys}/{pub}.pub", "context": {"now": VERIFY_AT, **(context or {})}, "expect": expect}
    if code:
        case["code"] = code
    cases.append(case)


def lines(signature):
    return signature.split("\n")


def b64edit(line, edit):
    raw = bytearray(base64.b64decode(line))
    edit(raw)
    return base64.b64encode(bytes(raw)).decode()


good = sign("feed.xml", source)
digest = hashlib.sha256(source).hexdigest()
add("valid", "A feed signed by the pinned key, checked with no history.", "feed.xml", good, "accept")
add("valid-expected-group", "The signature names the group the registry expects.", "feed.xml", good, "accept",
    context={"group": GROUP})
add("valid-newer-seq", "seq 100 after an accepted seq 99.", "feed.xml", good, "accept",
    context={"group": GROUP, "lastSeq": 99, "lastDigest": "0" * 64})
add("valid-repeat", "The same bytes and seq as the last accepted feed: accepted as a repeat.", "feed.xml", good, "accept",
    context={"group": GROUP, "lastSeq": 100, "lastDigest": digest})
l = lines(good)
l[0] = "untrusted comment: this line is not signed and may say anything"
add("valid-untrusted-comment-changed", "Only the untrusted comment changed; the signature still verifies.", "feed.xml", "\n".join(l), "accept")
l = lines(good)
add("valid-crlf", "The signature file has CRLF line endings.", "feed.xml", "\r\n".join(l[:4]) + "\r\n", "accept")

monthly = source.replace(b"FREQ=WEEKLY;BYDAY=TU", b"FREQ=MONTHLY;BYDAY=2TU")
add("valid-other-feed", "A second feed of the same group with a higher seq.", "monthly.xml", sign("monthly.xml", monthly, seq=101), "accept",
    context={"group": GROUP, "lastSeq": 100, "lastDigest": digest})

open("cases/minisign-legacy.xml", "wb").write(source)
subprocess.run(["minisign", "-S", "-l", "-s", f"{keys}/minisign.key", "-m", "cases/minisign-legacy.xml",
                "-x", "cases/minisign-legacy.tmp", "-t", f"chorus-feed v1 group={GROUP} seq=5 expires=2036-01-01T00:00:00Z"],
               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
add("valid-made-by-minisign", "Signed by `minisign -S -l` with a key made by `minisign -G -W`.", "minisign-legacy.xml",
    open("cases/minisign-legacy.tmp").read(), "accept", pub="minisign")
os.remove("cases/minisign-legacy.tmp")
subprocess.run(["minisign", "-S", "-s", f"{keys}/minisign.key", "-m", "cases/minisign-legacy.xml", "-x", "cases/prehashed.tmp",
                "-t", f"chorus-feed v1 group={GROUP} seq=5 expires=2036-01-01T00:00:00Z"],
               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
add("prehashed", "A prehashed (ED) signature from `minisign -S` without -l.", "minisign-legacy.xml",
    open("cases/prehashed.tmp").read(), "reject", "signature.prehashed", pub="minisign")
os.remove("cases/prehashed.tmp")

other = sign("other-key.xml", source, key="other")
add("wrong-key", "Signed by another key, which names itself: the key id differs from the pinned key's.", "other-key.xml", other,
    "reject", "signature.key-id-mismatch")
pinned_id = base64.b64decode(open(f"{keys}/pinned.pub").read().split("\n")[1])[2:10]
l = lines(other)
l[1] = b64edit(l[1], lambda raw: raw.__setitem__(slice(2, 10), pinned_id))
add("forged-key-id", "Signed by another key whose key id was rewritten to the pinned key's.", "other-key.xml", "\n".join(l),
    "reject", "signature.invalid")
l = lines(good)
l[1] = b64edit(l[1], lambda raw: raw.__setitem__(2, raw[2] ^ 0x01))
add("key-id-mismatch", "The pinned key's signature with one bit of its key id flipped.", "feed.xml", "\n".join(l),
    "reject", "signature.key-id-mismatch")

tampered = bytearray(source)
tampered[source.index(b"19:00")] = ord("2")
open("cases/tampered.xml", "wb").write(bytes(tampered))
add("tampered-byte", "One byte of the feed changed after signing (19:00 became 29:00).", "tampered.xml", good, "reject", "signature.invalid")
l = lines(good)
l[2] = l[2].replace("seq=100", "seq=999")
add("trusted-comment-changed", "The trusted comment was edited after signing (seq raised).", "feed.xml", "\n".join(l),
    "reject", "signature.trusted-comment-invalid")
add("wrong-group", "The signature's trusted comment names another group.", "feed.xml", good, "reject", "claim.wrong-group",
    context={"group": "urn:uuid:00000000-0000-4000-8000-000000000000"})
add("rollback", "seq 100 after an accepted seq 101.", "feed.xml", good, "reject", "claim.rollback",
    context={"group": GROUP, "lastSeq": 101, "lastDigest": "0" * 64})
add("replay-different-bytes", "seq 100 again, but with different bytes from the accepted seq 100.", "monthly.xml",
    sign("monthly-replay.xml", monthly, seq=100), "reject", "claim.replay",
    context={"group": GROUP, "lastSeq": 100, "lastDigest": digest})
os.remove("cases/monthly-replay.xml")
cases[-1]["feed"] = "cases/monthly.xml"
add("expired", "The signature expired on 2026-11-02, before the verification time.", "expired.xml",
    sign("expired.xml", source, expires="1d"), "reject", "claim.expired")
l = lines(good)
l[1] = l[1][:20] + "!!!" + l[1][23:]
add("malformed-base64", "The signature line holds characters outside base64.", "feed.xml", "\n".join(l), "reject", "signature.base64")
l = lines(good)
l[1] = base64.b64encode(base64.b64decode(l[1])[:60]).decode()
add("truncated-signature", "The signature line decodes to 60 bytes instead of 74.", "feed.xml", "\n".join(l), "reject", "signature.truncated")
add("truncated-file", "The signature file stops after its second line.", "feed.xml", "\n".join(lines(good)[:2]) + "\n",
    "reject", "signature.truncated")
l = lines(good)
l[1] = b64edit(l[1], lambda raw: raw.__setitem__(slice(0, 2), b"Ex"))
add("unknown-algorithm", "The signature names an algorithm other than Ed.", "feed.xml", "\n".join(l), "reject", "signature.algorithm")
add("not-minisign", "The signature file is not in minisign format.", "feed.xml", "-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\nxyz\n",
    "reject", "signature.malformed")
subprocess.run([chorus, "feed", "sign", "cases/feed.xml", "--key", f"{keys}/pinned.key", "--seq", "100", "--expires", "3650d",
                "--now", NOW], check=True, stdout=subprocess.DEVNULL)
resigned = open("cases/feed.xml.minisig").read()
assert resigned == good, "Ed25519 signing is deterministic: re-signing must give the same file"
add("valid-resigned", "The same feed re-signed with the same claim: deterministic Ed25519 gives the identical file.", "feed.xml",
    resigned, "accept")
subprocess.run(["minisign", "-S", "-l", "-s", f"{keys}/pinned.key", "-m", "cases/feed.xml", "-x", "cases/claim.tmp",
                "-t", "timestamp:1793491200\tfile:feed.xml"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
add("claim-malformed", "A valid minisign signature whose trusted comment is minisign's default, not a chorus-feed claim.", "feed.xml",
    open("cases/claim.tmp").read(), "reject", "claim.malformed")
os.remove("cases/claim.tmp")
for leftover in os.listdir("cases"):
    if leftover.endswith(".xml.minisig"):
        os.remove(os.path.join("cases", leftover))

json.dump({"format": "chorus-signature-test-vectors v1",
           "verification": "Federation/signatures.md, section 'Verifying a feed'",
           "cases": cases}, open("manifest.json", "w"), indent=2)
open("manifest.json", "a").write("\n")
print(f"{len(cases)} cases")

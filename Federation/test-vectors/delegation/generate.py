#!/usr/bin/env python3
"""Regenerates the delegation test vectors in this folder.

Usage: python3 generate.py PATH/TO/chorus   (minisign must be on PATH)

They use the sample keys of ../keys: `pinned` is the network's key, `other` the registry's directory key.
Ed25519 signatures are deterministic, so the same inputs give the same files. Run it only when the format changes.
"""
import json, os, shutil, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
chorus = os.path.abspath(sys.argv[1])
os.chdir(here)
KEYS = "../keys"
NOW = "2026-11-01T00:00:00Z"
VERIFY_AT = "2027-01-01T00:00:00Z"
NETWORK = "test-network"
cases = []


def delegate(name, expires="3650d"):
    os.makedirs(name, exist_ok=True)
    subprocess.run([chorus, "network", "delegate", NETWORK, "--key", f"{KEYS}/pinned.key", "--directory-key", f"{KEYS}/other.pub",
                    "--expires", expires, "--out", name, "--now", NOW], check=True, stdout=subprocess.DEVNULL)
    return f"{name}/delegation.pub"


def minisign(name, key_file_source, comment):
    os.makedirs(name, exist_ok=True)
    path = f"{name}/delegation.pub"
    shutil.copyfile(key_file_source, path)
    if os.path.exists(path + ".minisig"):
        os.remove(path + ".minisig")
    subprocess.run(["minisign", "-S", "-l", "-s", f"{KEYS}/pinned.key", "-m", path, "-t", comment], check=True,
                   stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return path


def key_id(pub):
    # minisign prints a key id without its leading zeros; the claim always has all 16 digits.
    return open(pub).read().split("\n")[0].split()[-1].upper().zfill(16)


def add(name, description, key_file, expect, code=None, network_key="pinned", network=NETWORK):
    case = {"name": name, "description": description, "keyFile": key_file, "signature": key_file + ".minisig",
            "networkKey": f"{KEYS}/{network_key}.pub", "context": {"now": VERIFY_AT, "network": network}, "expect": expect}
    if expect == "accept":
        case["delegatedKeyId"] = key_id(f"{KEYS}/other.pub")
    if code:
        case["code"] = code
    cases.append(case)


valid = delegate("valid")
add("valid", "The network's key delegates to the directory key for ten years.", valid, "accept")
comment = f"chorus-delegation v1 network={NETWORK} key={key_id(f'{KEYS}/other.pub')} expires=2036-10-29T00:00:00Z"
add("minisign-made", "The same statement signed by minisign -S -l with the claim as its trusted comment.",
    minisign("minisign-made", f"{KEYS}/other.pub", comment), "accept")
add("another-network-key", "Checked against a key other than the one that signed it.", valid, "reject", "signature.key-id-mismatch", network_key="minisign")
os.makedirs("swapped-key-file", exist_ok=True)
shutil.copyfile(f"{KEYS}/minisign.pub", "swapped-key-file/delegation.pub")
shutil.copyfile("valid/delegation.pub.minisig", "swapped-key-file/delegation.pub.minisig")
add("swapped-key-file", "Another key file put in place of the one the network signed.", "swapped-key-file/delegation.pub", "reject", "signature.invalid")
add("wrong-network", "A good statement of another network.", valid, "reject", "claim.wrong-network", network="other-network")
add("expired", "A statement that lasted one day.", delegate("expired", expires="1d"), "reject", "claim.expired")
add("feed-claim", "A feed's claim as the trusted comment: never a delegation.",
    minisign("feed-claim", f"{KEYS}/other.pub", "chorus-feed v1 group=urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455 seq=1 expires=2036-10-29T00:00:00Z"),
    "reject", "claim.malformed")
add("wrong-key", "The claim names the minisign key, but the file signed is the directory key.",
    minisign("wrong-key", f"{KEYS}/other.pub", f"chorus-delegation v1 network={NETWORK} key={key_id(f'{KEYS}/minisign.pub')} expires=2036-10-29T00:00:00Z"),
    "reject", "claim.wrong-key")

manifest = {"format": "chorus-delegation-test-vectors v1",
            "verification": "../../signatures.md#delegation-the-networks-key-names-the-registrys-directory-key",
            "cases": cases}
open("manifest.json", "w").write(json.dumps(manifest, indent=2) + "\n")
print(f"{len(cases)} cases")

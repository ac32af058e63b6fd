#!/usr/bin/env python3
"""RFC 4287 rules that Federation/schema/atom.rng cannot express, checked on Atom documents.

Usage: python3 Tests/Outputs/check_atom_rules.py URL_OR_FILE [URL_OR_FILE ...]
Prints one line per problem and exits 1, or "atom rules: N documents pass" and exits 0.
"""
import re
import sys
import urllib.request
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def read(source):
    if source.startswith("http://") or source.startswith("https://"):
        with urllib.request.urlopen(source, timeout=30) as response:
            return response.read()
    with open(source, "rb") as handle:
        return handle.read()


def alternates(element):
    return [(link.get("type"), link.get("hreflang")) for link in element.findall(ATOM + "link")
            if link.get("rel", "alternate") == "alternate"]


def problems(source, root):
    found = []
    say = lambda text: found.append(f"{source}: {text}")
    if root.tag != ATOM + "feed":
        return [f"{source}: the document element is {root.tag}, not atom:feed"]
    entries = root.findall(ATOM + "entry")
    feed_has_author = root.find(ATOM + "author") is not None
    # 4.1.1: a feed without an author needs one in every entry.
    for index, entry in enumerate(entries, 1):
        source_author = entry.find(ATOM + "source/" + ATOM + "author")
        if not feed_has_author and entry.find(ATOM + "author") is None and source_author is None:
            say(f"entry {index} has no atom:author and neither has the feed (RFC 4287 4.1.1)")
        # 4.1.2: an entry without content needs an alternate link.
        if entry.find(ATOM + "content") is None and not alternates(entry):
            say(f"entry {index} has neither atom:content nor an alternate link (RFC 4287 4.1.2)")
        content = entry.find(ATOM + "content")
        if content is not None and (content.get("src") or (content.get("type") or "text") not in ("text", "html", "xhtml")
                                    and not (content.get("type") or "").startswith("text/")
                                    and not (content.get("type") or "").endswith("xml")):
            if entry.find(ATOM + "summary") is None:
                say(f"entry {index} has out-of-line or Base64 content and no atom:summary (RFC 4287 4.1.2)")
        pairs = alternates(entry)
        if len(pairs) != len(set(pairs)):
            say(f"entry {index} has two alternate links with the same type and hreflang (RFC 4287 4.1.2)")
    pairs = alternates(root)
    if len(pairs) != len(set(pairs)):
        say("the feed has two alternate links with the same type and hreflang (RFC 4287 4.1.1)")
    # 4.2.6: ids are absolute IRIs; entries of one feed must not share an id with the same updated time.
    ids = [(entry.findtext(ATOM + "id") or "", entry.findtext(ATOM + "updated") or "") for entry in entries]
    for identifier in [root.findtext(ATOM + "id") or ""] + [pair[0] for pair in ids]:
        if not SCHEME.match(identifier.strip()):
            say(f"id '{identifier}' is not an absolute IRI (RFC 4287 4.2.6)")
    if len(ids) != len(set(ids)):
        say("two entries share an id and an updated time (RFC 4287 4.1.1)")
    # The W3C feed validator warns when two entries of one feed have the same atom:updated (readers take them as one revision).
    times = [pair[1].strip() for pair in ids]
    if len(times) != len(set(times)):
        say("two entries have the same atom:updated (the W3C feed validator warns: SameUpdated)")
    # 3.3: dates carry a time zone offset or Z.
    for element in root.iter():
        if element.tag in (ATOM + "updated", ATOM + "published") and not DATE.match((element.text or "").strip()):
            say(f"date '{element.text}' is not an RFC 3339 date-time with an offset (RFC 4287 3.3)")
    # 4.2.7.2: rel="self" is how a reader finds the feed's own address.
    if not any(link.get("rel") == "self" for link in root.findall(ATOM + "link")):
        say("the feed has no rel=\"self\" link (RFC 4287 4.2.7.2 recommends one)")
    return found


def main():
    if len(sys.argv) < 2:
        print("usage: check_atom_rules.py URL_OR_FILE [URL_OR_FILE ...]", file=sys.stderr)
        return 2
    failures = []
    for source in sys.argv[1:]:
        try:
            root = ET.fromstring(read(source))
        except Exception as error:  # noqa: BLE001 - any unreadable input is one line
            failures.append(f"{source}: cannot be read as XML: {error}")
            continue
        failures += problems(source, root)
    for line in failures:
        print(line)
    if failures:
        return 1
    print(f"atom rules: {len(sys.argv) - 1} documents pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Load a Meeting Guide feed the way TSML-UI (the Meeting Guide web app) loads it, and say what it keeps.

Usage:
    python3 Tests/Outputs/tsml_load.py URL_OR_FILE

TSML-UI's loader (src/helpers/load-meeting-data.ts) does, in this order, what this script does:
  1. Entries whose "day" is an array are flattened into one entry per day, slug "<slug>-<day>", by removing
     the originals with Array.splice at their indexes in ascending order: after the first removal the later
     indexes point at other entries, so other meetings are dropped and array ones are left behind as well.
  2. An entry without a slug, or with a slug already seen, is dropped.
  3. A conference_url is online only when its host is a known provider; conference_phone needs 10 digits.
  4. formatted_address is built from address, city, "state postal_code" and country; an entry with none of
     them (and no formatted_address) is dropped as "no address information".
  5. approximate comes from "approximate" ("yes"/"no" or a boolean), otherwise from a formatted address with
     fewer than four comma-separated parts.
  6. The meeting is "online" with a known conference provider or phone, "in-person" when not approximate and
     not temporarily closed (TC); "active" when either, "inactive" otherwise.

Output: one JSON object on standard output, exit status 0:
    {"entries": N, "kept": {slug: {"day": D, "types": [...], "online": bool, "in_person": bool,
                                   "active": bool, "approximate": bool, "location_notes": str|null}},
     "dropped": [[slug, reason], ...]}
Exit status 2 with "error: ..." when the input cannot be read.
"""

import json
import sys
import urllib.parse
import urllib.request

CONFERENCE_PROVIDERS = {
    "bluejeans.com": "Bluejeans", "discord.gg": "Discord", "freeconference.com": "Free Conference",
    "freeconferencecall.com": "FreeConferenceCall", "goto.com": "GoTo", "gotomeet.me": "GoTo",
    "gotomeeting.com": "GoTo", "meet.google.com": "Google Meet", "meet.jit.si": "Jitsi",
    "meetings.dialpad.com": "Dialpad", "signal.group": "Signal", "skype.com": "Skype",
    "teams.live.com": "Microsoft Teams", "teams.microsoft.com": "Microsoft Teams", "webex.com": "WebEx",
    "zoho.com": "Zoho", "zoom.us": "Zoom",
}


def read(source):
    try:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=30) as response:
                return json.load(response)
        with open(source, encoding="utf-8") as handle:
            return json.load(handle)
    except Exception as exc:  # noqa: BLE001 - any failure to read is reported the same way
        print(f"error: cannot read {source}: {exc}")
        sys.exit(2)


def flatten_days(data):
    """TSML-UI's flattenDays, including its splice at stale indexes."""
    add, remove = [], []
    for index, meeting in enumerate(data):
        if isinstance(meeting.get("day"), list):
            remove.append(index)
            for day in meeting["day"]:
                copy = dict(meeting)
                copy["day"] = int(day)
                copy["slug"] = f"{meeting.get('slug')}-{day}"
                add.append(copy)
    for index in remove:
        if index < len(data):
            del data[index]
    return [dict(meeting, day=int(meeting["day"]) if isinstance(meeting.get("day"), str) else meeting.get("day"))
            for meeting in data] + add


def provider(url):
    host = (urllib.parse.urlparse(url).hostname or "").lower()
    return next((name for domain, name in CONFERENCE_PROVIDERS.items() if host == domain or host.endswith("." + domain)), None)


def load(data):
    kept, dropped = {}, []
    for meeting in flatten_days(list(data)):
        slug = meeting.get("slug")
        if not slug:
            dropped.append([None, "no slug"])
            continue
        if slug in kept:
            dropped.append([slug, "duplicate slug"])
            continue
        conference = provider(meeting["conference_url"]) if meeting.get("conference_url") else None
        phone = "".join(c for c in (meeting.get("conference_phone") or "") if c.isdigit() or c in ",+#")
        formatted = meeting.get("formatted_address")
        if not formatted:
            state_postal = " ".join(p for p in [meeting.get("state") or "", meeting.get("postal_code") or ""]).strip()
            parts = [meeting.get("address"), meeting.get("city"), state_postal, meeting.get("country")]
            formatted = ", ".join(p.strip() for p in parts if p and p.strip())
            if not formatted:
                dropped.append([slug, "no address information"])
                continue
        approximate = meeting.get("approximate")
        if isinstance(approximate, str):
            approximate = approximate.lower() == "yes"
        elif not isinstance(approximate, bool):
            approximate = len(formatted.split(",")) < 4
        types = [t for t in meeting.get("types") or [] if t != "ONL"]
        online = bool(conference) or len(phone) >= 10
        in_person = "TC" not in types and not approximate
        kept[slug] = {"day": meeting.get("day"), "types": types, "online": online, "in_person": in_person,
                      "active": online or in_person, "approximate": approximate,
                      "location_notes": meeting.get("location_notes"), "url": meeting.get("url")}
    return kept, dropped


def main():
    if len(sys.argv) != 2:
        print("error: usage: tsml_load.py URL_OR_FILE")
        sys.exit(2)
    data = read(sys.argv[1])
    if not isinstance(data, list):
        print("error: a Meeting Guide feed is a JSON array")
        sys.exit(2)
    kept, dropped = load(data)
    print(json.dumps({"entries": len(data), "kept": kept, "dropped": dropped}))


if __name__ == "__main__":
    main()

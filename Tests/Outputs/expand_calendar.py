#!/usr/bin/env python3
"""Expand an iCalendar file the way a common calendar library does, and print the occurrences.

Usage: python3 Tests/Outputs/expand_calendar.py URL_OR_FILE --from 2026-11-23T00:00:00Z --to 2027-01-18T00:00:00Z

Parses with icalendar.Calendar.from_ical and expands the VEVENTs with
recurring_ical_events.of(calendar).between(from, to), then prints one JSON document:
  {"events": [{"uid", "summary", "start", "end", "status", "recurrence_id", "tzid",
               "location", "url"}],
   "timezones": [the TZID of every VTIMEZONE, in file order]}
Events are sorted by start, then uid. Times with a zone are printed in UTC
("2026-11-24T19:00:00Z"), floating times without a zone ("2026-11-24T19:00:00"), dates as
"2026-11-24". "tzid" is the TZID parameter of the DTSTART in the file (null for UTC or floating).
"recurrence_id" is the RECURRENCE-ID of an override component as written in the file, in UTC,
and null for occurrences made from RRULE/RDATE (recurring-ical-events stamps a RECURRENCE-ID on
every occurrence it makes; that one is not reported). Overrides with STATUS:CANCELLED are
returned by recurring-ical-events, not dropped, so they appear here with "status": "CANCELLED".

Needs: python3 -m pip install icalendar recurring-ical-events
Exit status: 0 on success; 1, with one line on stderr, when the calendar cannot be parsed or
expanded; 2 when the source cannot be read, the arguments are wrong or a package is missing.
"""
import argparse
import datetime
import json
import sys
import urllib.request

try:
    import icalendar
    import recurring_ical_events
except ImportError as error:
    print(f"expand_calendar: {error.name} is not installed: "
          "pip install icalendar recurring-ical-events", file=sys.stderr)
    sys.exit(2)


def fail(status, message):
    print(f"expand_calendar: {message}", file=sys.stderr)
    sys.exit(status)


def read(source):
    try:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=30) as response:
                return response.read()
        with open(source, "rb") as file:
            return file.read()
    except Exception as error:
        fail(2, f"cannot read {source}: {error}")


def instant(text):
    """An argument such as 2026-11-23T00:00:00Z, as an aware datetime (UTC if no offset)."""
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def iso(value):
    """A DTSTART/DTEND/RECURRENCE-ID value (date, naive or aware datetime) as text."""
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        return value.isoformat()  # a date
    if value.tzinfo is None:
        return value.strftime("%Y-%m-%dT%H:%M:%S")  # floating time
    return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def main():
    parser = argparse.ArgumentParser(description="Expand the VEVENTs of an iCalendar file.")
    parser.add_argument("source", metavar="URL_OR_FILE")
    parser.add_argument("--from", dest="start", required=True, type=instant)
    parser.add_argument("--to", dest="end", required=True, type=instant)
    arguments = parser.parse_args()

    data = read(arguments.source)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:
        fail(1, f"cannot parse {arguments.source}: {' '.join(str(error).split())}")

    try:
        # The overrides written in the file, by UID and RECURRENCE-ID (as an instant).
        overrides = {
            (text(event, "UID"), iso(event["RECURRENCE-ID"].dt))
            for event in calendar.walk("VEVENT")
            if "RECURRENCE-ID" in event
        }
        occurrences = recurring_ical_events.of(calendar).between(arguments.start, arguments.end)
    except Exception as error:
        fail(1, f"cannot expand {arguments.source}: {' '.join(str(error).split())}")

    events = []
    for event in occurrences:
        start = event.get("DTSTART")
        end = event.get("DTEND")
        recurrence_id = event.get("RECURRENCE-ID")
        recurrence_id = iso(recurrence_id.dt) if recurrence_id is not None else None
        uid = text(event, "UID")
        events.append({
            "uid": uid,
            "summary": text(event, "SUMMARY"),
            "start": iso(start.dt) if start is not None else None,
            "end": iso(end.dt) if end is not None else None,
            "status": text(event, "STATUS"),
            "recurrence_id": recurrence_id if (uid, recurrence_id) in overrides else None,
            "tzid": start.params.get("TZID") if start is not None else None,
            "location": text(event, "LOCATION"),
            "url": text(event, "URL"),
        })
    events.sort(key=lambda event: (event["start"] or "", event["uid"] or ""))
    timezones = [text(zone, "TZID") for zone in calendar.walk("VTIMEZONE")]
    json.dump({"events": events, "timezones": timezones}, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()

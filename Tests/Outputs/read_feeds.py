#!/usr/bin/env python3
"""Read Atom/RSS feeds the way a common feed reader does (feedparser), and print what it saw.

Usage: python3 Tests/Outputs/read_feeds.py URL_OR_FILE [URL_OR_FILE ...]

Prints one JSON document: a list with one object per source, in order:
  {"source", "bozo", "bozo_exception", "version", "title", "id", "language",
   "links": [{"rel", "href", "type"}],
   "entries": [{"id", "title", "link", "published", "updated", "summary"}]}
Dates are feedparser's *_parsed values (normalised to UTC) as "YYYY-MM-DDTHH:MM:SSZ", or null.
Missing values are null. HTTP sources are parsed with their Content-Type (so a wrong media type
shows up as bozo) and their final URL as the base for relative links; the Content-Language
header is not passed, so "language" comes from the document alone (xml:lang or <language>).
Values are read without FeedParserDict's fallbacks (its "updated_parsed" falls back to
"published_parsed"). feedparser's own quirks are kept: an Atom entry (or RSS item with a
permalink guid) that has no link gets its id as "link"; an entry with content but no summary
gets the content as "summary"; type="xhtml" text comes back as HTML markup.

Exit status: 0 when every source was read, even if feedparser flagged it as bozo (the caller
decides); 2, with one line on stderr and nothing on stdout, when a source cannot be read or
feedparser is not installed (python3 -m pip install feedparser).
"""
import calendar
import datetime
import json
import sys
import urllib.request

try:
    import feedparser
except ImportError:
    print("read_feeds: feedparser is not installed: pip install feedparser", file=sys.stderr)
    sys.exit(2)


def fail(message):
    print(f"read_feeds: {message}", file=sys.stderr)
    sys.exit(2)


def fetch(source):
    """Return (bytes, response_headers or None)."""
    if source.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(source, timeout=30) as response:
                body = response.read()
                headers = {"content-location": response.geturl()}
                content_type = response.headers.get("Content-Type")
                if content_type:
                    headers["content-type"] = content_type
                return body, headers
        except Exception as error:  # HTTPError, URLError, timeouts, ...
            fail(f"cannot read {source}: {error}")
    try:
        with open(source, "rb") as file:
            return file.read(), None
    except OSError as error:
        fail(f"cannot read {source}: {error.strerror or error}")


def iso(parsed):
    """A feedparser *_parsed value (time.struct_time in UTC) as ISO 8601 UTC, or None."""
    if not parsed:
        return None
    moment = datetime.datetime.fromtimestamp(calendar.timegm(parsed), datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def own(mapping, key):
    """A key's own value, without FeedParserDict's aliases and fallbacks."""
    return dict.get(mapping, key)


def describe(source, body, headers):
    if headers is None:
        result = feedparser.parse(body)
    else:
        result = feedparser.parse(body, response_headers=headers)
    feed = result.get("feed", {})
    exception = result.get("bozo_exception")
    return {
        "source": source,
        "bozo": bool(result.get("bozo")),
        "bozo_exception": f"{type(exception).__name__}: {exception}" if exception else None,
        "version": result.get("version") or None,
        "title": own(feed, "title"),
        "id": own(feed, "id"),
        "language": own(feed, "language"),
        "links": [
            {"rel": own(link, "rel"), "href": own(link, "href"), "type": own(link, "type")}
            for link in own(feed, "links") or []
        ],
        "entries": [
            {
                "id": own(entry, "id"),
                "title": own(entry, "title"),
                "link": own(entry, "link"),
                "published": iso(own(entry, "published_parsed")),
                "updated": iso(own(entry, "updated_parsed")),
                "summary": own(entry, "summary"),
            }
            for entry in result.get("entries", [])
        ],
    }


def main(arguments):
    if not arguments or arguments[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    fetched = [(source, *fetch(source)) for source in arguments]  # read all before printing
    json.dump([describe(*item) for item in fetched], sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

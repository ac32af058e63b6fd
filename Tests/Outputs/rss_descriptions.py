"""Prints, as JSON, the channel description and each item's description of RSS files as feedparser decodes them."""
import json
import sys

import feedparser

out = []
for path in sys.argv[1:]:
    parsed = feedparser.parse(path)
    out.append({"bozo": bool(parsed.bozo), "channel": parsed.feed.get("subtitle", ""),
                "items": [entry.get("summary", "") for entry in parsed.entries]})
print(json.dumps(out))

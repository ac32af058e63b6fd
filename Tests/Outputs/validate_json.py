#!/usr/bin/env python3
"""Validate a JSON document (or the items of an array in it) against a JSON Schema.

Usage:
    python3 Tests/Outputs/validate_json.py SCHEMA_FILE URL_OR_FILE [--each-item | --pointer /path]

    SCHEMA_FILE   a JSON Schema file. Every *.json file in the same folder is
                  loaded too, so "$ref"s between them resolve, whether they name
                  a schema by its "$id" or by its file name ("service.json").
    URL_OR_FILE   the JSON to check: a file path, an http(s):// URL, or "-" for
                  standard input.
    --each-item   the document is a JSON array (a Meeting Guide feed is one);
                  validate each element on its own.
    --pointer P   validate each element of the array found at JSON pointer P
                  (RFC 6901, e.g. /services); a missing or non-array value there
                  is reported as an error.

The draft is the one the schema declares in "$schema" (draft 2020-12 if none,
as HSDS 3 schemas declare none). "format" is checked (uuid, email, date-time,
date, ...; "uri" by a small built-in check: an absolute URI with a scheme).

Output and exit status:
    0  one line "valid: N documents"
    1  one line per error: "item K: /json/path: message"
       (K is the element's index; 0 for a whole document; "-" when the
       document does not have the shape the option asks for)
    2  one line "error: ..." when a Python module is missing, or the schema or
       the input cannot be read or parsed.
"""

import json
import os
import sys
import urllib.parse
import urllib.request


def fail_io(message):
    print(f"error: {message}")
    sys.exit(2)


try:
    import jsonschema
    from jsonschema.validators import validator_for
    from jsonschema import Draft202012Validator
except ImportError as exc:  # pragma: no cover
    fail_io(f"missing Python module jsonschema ({exc}); install it with: pip install jsonschema")
try:
    from referencing import Registry, Resource
    from referencing.jsonschema import specification_with
except ImportError as exc:  # pragma: no cover
    fail_io(f"missing Python module referencing ({exc}); install it with: pip install jsonschema")


USAGE = "usage: validate_json.py SCHEMA_FILE URL_OR_FILE [--each-item | --pointer /path]"
MAX_MESSAGE = 300


def parse_args(argv):
    args = list(argv)
    each_item = False
    pointer = None
    positional = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--each-item":
            each_item = True
        elif a == "--pointer":
            if i + 1 >= len(args):
                fail_io("--pointer needs a JSON pointer such as /services; " + USAGE)
            pointer = args[i + 1]
            i += 1
        elif a.startswith("--pointer="):
            pointer = a.split("=", 1)[1]
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            sys.exit(0)
        elif a.startswith("--"):
            fail_io(f"unknown option {a}; " + USAGE)
        else:
            positional.append(a)
        i += 1
    if len(positional) != 2:
        fail_io(USAGE)
    if each_item and pointer is not None:
        fail_io("give --each-item or --pointer, not both; " + USAGE)
    if pointer is not None and pointer != "" and not pointer.startswith("/"):
        fail_io(f"a JSON pointer starts with '/': {pointer!r}")
    return positional[0], positional[1], each_item, pointer


def read_json_file(path, what):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        fail_io(f"cannot read {what} {path}: {exc.strerror or exc}")
    return parse_json(raw, f"{what} {path}")


def parse_json(raw, what):
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        fail_io(f"{what} is not UTF-8: {exc}")
    except json.JSONDecodeError as exc:
        fail_io(f"{what} is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")


def read_input(source):
    if source == "-":
        return parse_json(sys.stdin.buffer.read(), "standard input")
    scheme = urllib.parse.urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        request = urllib.request.Request(source, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
        except Exception as exc:  # URLError, HTTPError, timeouts, ...
            fail_io(f"cannot fetch {source}: {exc}")
        return parse_json(raw, source)
    if scheme == "file":
        return read_json_file(urllib.request.url2pathname(urllib.parse.urlsplit(source).path), "input")
    return read_json_file(source, "input")


def build_registry(schema_path, default_spec):
    """Every *.json file beside the schema, keyed by its $id, its file name and its file URI."""
    folder = os.path.dirname(os.path.abspath(schema_path))
    resources = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        try:
            with open(path, "rb") as f:
                contents = json.loads(f.read().decode("utf-8-sig"))
        except (OSError, ValueError) as exc:
            if os.path.samefile(path, schema_path):
                fail_io(f"cannot read schema {schema_path}: {exc}")
            continue  # an unrelated unreadable file beside the schema: skip it
        if not isinstance(contents, (dict, bool)):
            continue
        resource = Resource.from_contents(contents, default_specification=default_spec)
        uris = {name, "file://" + urllib.request.pathname2url(path)}
        if isinstance(contents, dict) and isinstance(contents.get("$id"), str):
            uris.add(contents["$id"].rstrip("#"))
        resources.extend((uri, resource) for uri in uris)
    return Registry().with_resources(resources)


def resolve_pointer(document, pointer):
    """RFC 6901 lookup. Returns (found, value)."""
    if pointer == "":
        return True, document
    node = document
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            if token not in node:
                return False, None
            node = node[token]
        elif isinstance(node, list):
            if not token.isdigit() or (len(token) > 1 and token.startswith("0")):
                return False, None
            index = int(token)
            if index >= len(node):
                return False, None
            node = node[index]
        else:
            return False, None
    return True, node


def json_path(parts):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def json_type(value):
    for py, name in ((bool, "boolean"), (dict, "object"), (list, "array"), (str, "string"),
                     (int, "number"), (float, "number"), (type(None), "null")):
        if isinstance(value, py):
            return name
    return type(value).__name__


def one_line(text):
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def uri_checker():
    def is_uri(instance):
        if not isinstance(instance, str):
            return True
        if any(c.isspace() for c in instance):
            return False
        parts = urllib.parse.urlsplit(instance)
        if not parts.scheme or not parts.scheme[0].isalpha():
            return False
        return bool(parts.netloc or parts.path)
    return is_uri


def main(argv):
    schema_path, source, each_item, pointer = parse_args(argv)

    schema = read_json_file(schema_path, "schema")
    cls = validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.exceptions.SchemaError as exc:
        fail_io(f"schema {schema_path} is not a valid {cls.__name__} schema: {one_line(exc.message)}")
    default_spec = specification_with(cls.META_SCHEMA["$id"])
    registry = build_registry(schema_path, default_spec)

    format_checker = jsonschema.FormatChecker(cls.FORMAT_CHECKER.checkers.keys())
    if "uri" not in format_checker.checkers:
        format_checker.checks("uri")(uri_checker())
    validator = cls(schema, registry=registry, format_checker=format_checker)

    document = read_input(source)

    problems = []
    if each_item:
        if not isinstance(document, list):
            problems.append(f"item -: /: --each-item needs a top-level JSON array, found {json_type(document)}")
            items = []
        else:
            items = list(enumerate(document))
    elif pointer is not None:
        found, target = resolve_pointer(document, pointer)
        if not found:
            problems.append(f"item -: {pointer}: no value at this JSON pointer")
            items = []
        elif not isinstance(target, list):
            problems.append(f"item -: {pointer}: expected an array here, found {json_type(target)}")
            items = []
        else:
            items = list(enumerate(target))
    else:
        items = [(0, document)]

    for index, item in items:
        try:
            errors = sorted(validator.iter_errors(item), key=lambda e: (list(map(str, e.absolute_path)), e.message))
        except Exception as exc:  # e.g. an unresolvable $ref
            fail_io(f"cannot validate with {schema_path}: {one_line(exc)}")
        for error in errors:
            problems.append(f"item {index}: {json_path(error.absolute_path)}: {one_line(error.message)}")

    if problems:
        for line in problems:
            print(line)
        return 1
    print(f"valid: {len(items)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

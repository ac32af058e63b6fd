#!/usr/bin/env bash
# Checks the public directory API against its OpenAPI document: the document must be valid OpenAPI, and a running
# server must answer generated requests without a server error and with the statuses, content types, headers and
# bodies the document promises. Needs openapi-spec-validator and schemathesis 4.x.
# Usage: Tests/API/check_openapi.sh BASE_URL [SCHEMA]
#   BASE_URL  the server, e.g. http://127.0.0.1:8095
#   SCHEMA    the document to check against (default: Sources/ChorusServer/OpenAPI/openapi.json)
# Environment: SEED (default 20261121), MAX_EXAMPLES per operation (default 50), TIME_LIMIT in seconds (default 170).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 BASE_URL [SCHEMA]" >&2
  exit 2
fi
base_url=$1
schema=${2:-"$(cd "$(dirname "$0")/../.." && pwd)/Sources/ChorusServer/OpenAPI/openapi.json"}
seed=${SEED:-20261121}
max_examples=${MAX_EXAMPLES:-50}
time_limit=${TIME_LIMIT:-170}
# schemathesis keeps a crash cache in its working directory: give it a scratch one, so the path must be absolute.
[ -f "$schema" ] && schema="$(cd "$(dirname "$schema")" && pwd)/$(basename "$schema")"
checks=not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance,response_headers_conformance

for tool in openapi-spec-validator schemathesis; do
  command -v "$tool" >/dev/null || { echo "check_openapi: FAILED: $tool is not installed" >&2; exit 2; }
done
case "$(schemathesis --version 2>/dev/null)" in
  *" 4."*) ;;
  *) echo "check_openapi: FAILED: schemathesis 4.x is needed, found: $(schemathesis --version 2>&1 | head -1)" >&2; exit 2 ;;
esac

if ! validation=$(openapi-spec-validator "$schema" 2>&1); then
  echo "$validation" >&2
  echo "check_openapi: FAILED: $schema is not a valid OpenAPI document"
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/schemathesis.log"
status=0
(cd "$work" && timeout "$time_limit" schemathesis run "$schema" \
  --url "$base_url" \
  --checks "$checks" \
  --phases examples,coverage,fuzzing,stateful \
  --seed "$seed" \
  --max-examples "$max_examples" \
  --generation-database none \
  --workers 1 \
  --request-timeout 10 \
  --no-color) >"$log" 2>&1 || status=$?

if [ "$status" -eq 124 ]; then
  tail -n 40 "$log" >&2
  echo "check_openapi: FAILED: schemathesis did not finish within ${time_limit}s (seed $seed)"
  exit 1
fi
cases=$(grep -Eo '[0-9]+ generated' "$log" | tail -1 | grep -Eo '[0-9]+' || echo "?")
if [ "$status" -ne 0 ]; then
  sed -n '/= FAILURES =/,$p' "$log" >&2
  [ -s "$log" ] && ! grep -q '= FAILURES =' "$log" && tail -n 40 "$log" >&2
  failures=$(sed -n '/^\(Failures\|Errors\):/,/^$/p' "$log" | grep -E '^\s+\S+ ' | sed -E 's/^\s+//' | paste -sd ';' - || true)
  echo "check_openapi: FAILED: $cases test cases against $base_url (seed $seed, exit $status): ${failures:-see output above}"
  exit 1
fi
echo "check_openapi: OK: valid OpenAPI document; $cases test cases against $base_url, no failures (seed $seed, checks $checks)"

#!/usr/bin/env bash
# Signs every sample feed in Feeds/ with its sample-only key, creating missing keys.
# Deterministic: a fixed seq and signing time, expiring ten years later, so re-running changes nothing
# unless a feed changed. Usage: Feeds/keys/sign-samples.sh [path/to/chorus]
set -euo pipefail
cd "$(dirname "$0")/.."
chorus=${1:-../.build/debug/chorus}
for feed in *.xml; do
  name=${feed%.xml}
  if [ ! -f "keys/$name.key" ]; then
    "$chorus" key generate --out keys --name "$name" >/dev/null
    mv "keys/$name.pub" "$name.pub"
  fi
  "$chorus" feed sign "$feed" --key "keys/$name.key" --seq 1 --now 2026-11-01T00:00:00Z --expires 3650d
done
# The example charters in Federation/charters/ are signed with the sample network keys beside the group keys.
for charter in ../Federation/charters/*.xml; do
  slug=$(basename "$charter" .xml)
  if [ ! -f "keys/network-$slug.key" ]; then
    "$chorus" key generate --out keys --name "network-$slug" >/dev/null
  fi
  "$chorus" charter sign "$charter" --key "keys/network-$slug.key"
done

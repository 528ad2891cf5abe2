#!/usr/bin/env bash
# The console's browser test drives Debian's Chromium (/usr/bin/chromium) through playwright-core;
# playwright's own browser download cannot work offline. Runs before `npm test` (pretest).
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "pretest: installing Debian's chromium for the console's browser test (apt-get install chromium)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "pretest: $CHROMIUM is missing; the console's browser test needs it: sudo apt-get install chromium" >&2
exit 1

#!/usr/bin/env bash
# The console's browser test drives Debian's Chromium (/usr/bin/chromium) through playwright-core;
# playwright's own browser download cannot work offline. It also needs a font with Japanese glyphs, or
# every kanji renders as a box: Debian's is fonts-noto-cjk ("Noto Sans CJK JP", named in the console's
# font stack). Runs before `npm test` (pretest), and so in CI.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if command -v fc-list >/dev/null 2>&1; then
  [ -n "$(fc-list ':lang=ja' family)" ] || missing+=(fonts-noto-cjk)
elif [ ! -x "$CHROMIUM" ]; then
  missing+=(fonts-noto-cjk) # fontconfig comes with chromium; without it, no Japanese font is known yet
fi
if [ "${#missing[@]}" -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "pretest: installing ${missing[*]} for the console's browser test (apt-get install)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "pretest: the console's browser test needs ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
exit 1

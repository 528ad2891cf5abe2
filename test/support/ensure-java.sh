#!/usr/bin/env bash
# AWS's DynamoDB Local (npm run test:dynamodb-local) is a Java program: it needs Java 17 or newer, from
# Debian's openjdk-17-jre-headless. Runs before `npm run test:dynamodb-local` (its pre script).
set -euo pipefail
if command -v java >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "pretest:dynamodb-local: installing Debian's Java for DynamoDB Local (apt-get install openjdk-17-jre-headless)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  exit 0
fi
echo "pretest:dynamodb-local: java is missing; DynamoDB Local needs it: sudo apt-get install openjdk-17-jre-headless" >&2
exit 1

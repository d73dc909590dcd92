#!/usr/bin/env bash
# What the tests need besides the .NET 10 SDK: Debian's headless Chromium at /usr/bin/chromium (the browser tests
# drive it through Playwright; no browser is ever downloaded) and PostgreSQL's server binaries (scripts/test.sh
# starts a throwaway server from them for the PostgreSQL tests), and npm (scripts/test.sh installs GitHub's published
# descriptions with it for the conformance tests), and promtool for the deploy-file tests. Installed with apt-get when missing and this runs
# as root on Debian or Ubuntu; otherwise it prints the one command to run and returns 1. Used by scripts/test.sh and
# .ci/run. Run it alone with: bash scripts/test-prerequisites.sh
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql)
fi
command -v npm >/dev/null 2>&1 || missing+=(npm)
# promtool (from Debian's prometheus package) checks the shipped Prometheus config and alert rules.
[ -x /usr/bin/promtool ] || missing+=(prometheus)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test prerequisites: installing ${missing[*]} (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
    exit 0
fi

echo "test prerequisites missing: ${missing[*]}. Install them first, e.g.:" >&2
echo "    sudo apt-get install -y ${missing[*]}" >&2
echo "(without them the browser, PostgreSQL, conformance or deploy-file tests fail or are skipped, each saying why)" >&2
exit 1

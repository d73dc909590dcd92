#!/usr/bin/env bash
# Runs every test in the solution. This is the README's test command and what .ci/run calls.
# It starts a throwaway PostgreSQL on 127.0.0.1 for the PostgreSQL tests (stopped and deleted on exit); they run
# whenever this script runs, and fail with the reason if the server could not be started.
set -euo pipefail
cd "$(dirname "$0")/.."
# Chromium and PostgreSQL: installed when missing (as root on Debian/Ubuntu), else it says what to install.
bash scripts/test-prerequisites.sh || true
source scripts/throwaway-postgres.sh
trap stop_throwaway_postgres EXIT
export PRREVIEWBOT_TEST_POSTGRES_REQUIRED=1
# GitHub's published descriptions for the conformance tests (versions pinned in tests/package.json); the tests fail
# naming this command when they are missing.
if [ ! -d tests/node_modules/@octokit ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    npm ci --prefix tests --no-audit --no-fund --ignore-scripts || echo "warning: npm ci failed: the conformance tests will fail" >&2
fi
if ! start_throwaway_postgres; then
    echo "warning: PostgreSQL tests will fail: ${PRREVIEWBOT_TEST_POSTGRES_PROBLEM:-unknown problem}" >&2
fi
dotnet test PrReviewBot.sln -c Release "$@"

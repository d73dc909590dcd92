#!/usr/bin/env bash
# Runs every test in the solution. This is the README's test command and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test PrReviewBot.sln -c Release "$@"

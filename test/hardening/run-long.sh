#!/usr/bin/env bash
# Long variants of the hardening suites (nightly; call from .ci/run after `npm test`):
# 10x the reports in the fault tests, longer outages, 20,000 generated bad requests.
# Needs the built server (npm test builds it; or `npm run build:server`).
# HARDENING_SEED=<n> replays a property-based run.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f dist/apps/api/src/main.js ] || npm run -s build:server
HARDENING_LONG=1 npx jest --ci --selectProjects e2e --testPathPatterns test/hardening --testTimeout 3600000 "$@"

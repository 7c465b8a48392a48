#!/usr/bin/env bash
# The whole test suite on a fresh Debian/Ubuntu machine with Node 20: installs the servers the
# integration tests need (scripts/test-setup.sh), the npm dependencies, then runs `npm run check`
# (format, lint, types, build, unit + integration + end-to-end + browser tests). CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/test-setup.sh
# A lockfile made on one platform may lack other platforms' optional binaries (the registry
# answers 404 for some, e.g. @swc/core-darwin-arm64), and npm ci refuses such a lockfile; npm
# install keeps the locked versions and adds this platform's optional binaries.
npm install --no-audit --no-fund --loglevel=error
npm run check

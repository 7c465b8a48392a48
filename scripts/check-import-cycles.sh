#!/usr/bin/env bash
# Fails when the TypeScript sources import each other in a cycle. A cycle makes one module see
# another half-loaded (an export still undefined while the cycle is loading): the benchmarks once
# crashed at start that way. dpdm follows the tsconfig.json path aliases (@jct/…); -T drops
# type-only imports first, which vanish at run time and cannot cause that.
# Usage: scripts/check-import-cycles.sh [folder…]  (default: the whole source tree, without
# test/fixtures, which holds a deliberate cycle for the test of this check).
set -euo pipefail
cd "$(dirname "$0")/.."

folders=("$@")
exclude='/node_modules/|/test/fixtures/'
if [ ${#folders[@]} -eq 0 ]; then
  folders=(apps libs devices-sim bench test scripts)
else
  exclude='/node_modules/'
fi
globs=()
for folder in "${folders[@]}"; do globs+=("${folder%/}/**/*.ts"); done

exec npx --no-install dpdm -T --no-tree --no-warning --no-progress --circular \
  --exclude "$exclude" --exit-code circular:1 "${globs[@]}"

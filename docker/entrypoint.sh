#!/bin/sh
# Entrypoint of the service image. The image holds no site configuration: mount one (read-only)
# at $SITE_CONFIG, made for this deployment (npm run deploy:init). In production mode the service
# itself refuses development secrets; this only makes a missing mount say what is missing.
set -eu
SITE_CONFIG="${SITE_CONFIG:-/config/site.yaml}"
export SITE_CONFIG
if [ ! -r "$SITE_CONFIG" ]; then
  echo "no site configuration at $SITE_CONFIG: mount one there (see README, Docker), e.g. deploy/site.yaml made by npm run deploy:init" >&2
  exit 78 # EX_CONFIG, as the service's own configuration errors
fi
# Bounded heap and two malloc arenas: see apps/service/src/runtime.ts.
MALLOC_ARENA_MAX=2
export MALLOC_ARENA_MAX
exec node --max-old-space-size=192 --max-semi-space-size=8 "${SERVICE_MAIN:-dist/apps/service/src/main.js}" "$@"

# syntax=docker/dockerfile:1
# Jalinda Crossing Telemetry service. Not built by CI: the team's machines have no Docker engine.
# The image holds no site configuration (.dockerignore leaves config/ out): mount one at
# /config/site.yaml (docker-compose.yml mounts deploy/site.yaml made by npm run deploy:init).

# --- build: full dependencies, compile with nest build ---
FROM node:24.11.1-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and the compiled output only ---
FROM node:24.11.1-bookworm-slim AS runtime
# Production mode refuses the development secrets of the shipped site configuration.
ENV NODE_ENV=production \
    HTTP_PORT=3000 \
    DATA_DIR=/data \
    SITE_CONFIG=/config/site.yaml
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY docker/entrypoint.sh /usr/local/bin/jct-entrypoint
# A named volume mounted at /data takes this ownership, so the node user can write to it.
RUN mkdir -p /data && chown node:node /data
USER node
# HTTP; MQTT over TCP and over WebSocket for the embedded broker (used when MQTT_URL is not set).
EXPOSE 3000 1883 8083
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["jct-entrypoint"]

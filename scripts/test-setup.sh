#!/usr/bin/env bash
# Installs what the test suite needs that npm cannot: InfluxDB 1.x (Debian's 1.6.7), Mosquitto 2
# with its command-line clients and Chromium for the browser tests (driven by playwright-core), docker-compose to check the compose file. As root it installs them with apt-get; otherwise it says exactly
# what to install and fails, so no test ever skips for want of a server.
set -euo pipefail

need=()
command -v influxd >/dev/null 2>&1 || need+=(influxdb)
command -v influx >/dev/null 2>&1 || need+=(influxdb-client)
{ command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; } || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# The README's examples, which a test runs as written.
command -v curl >/dev/null 2>&1 || need+=(curl)
# docker-compose 1.29: `docker-compose config` checks docker-compose.yml (no engine needed).
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)

if [ ${#need[@]} -eq 0 ]; then
  echo "test-setup: influxd, influx, mosquitto, mosquitto_pub, chromium, curl and docker-compose are present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-setup: installing ${need[*]} from the distribution's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # The packages try to start system services; the tests start their own on private ports.
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "test-setup: installed ${need[*]}"
else
  echo "test-setup: missing ${need[*]}." >&2
  echo "Install them, then run the tests again:" >&2
  echo "  sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi

#!/bin/sh
# The entrypoint of docker-compose.yml's prometheus service: writes the management token that
# the compose file gives all three services (SYNDICATION_API_TOKEN) where prometheus.yml's scrape
# jobs read it, readable by Prometheus' user only, and runs Prometheus.
set -eu
token_file=/run/syndication/api-token

if [ -z "${SYNDICATION_API_TOKEN:-}" ]; then
  echo "SYNDICATION_API_TOKEN is empty: Prometheus could not read the services' metrics" >&2
  exit 1
fi
umask 077
mkdir -p "$(dirname "$token_file")"
printf '%s' "$SYNDICATION_API_TOKEN" > "$token_file"

exec /bin/prometheus --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/prometheus "$@"

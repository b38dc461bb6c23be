#!/usr/bin/env bash
# Runs the whole system on this machine with only a JDK: builds every module, then starts
# Kafka, GreenMail and the services (see local-stack/). Options: --demo, --data-dir DIR,
# --tracing (a Zipkin server too, which every service sends its traces to); --help lists them.
set -euo pipefail
cd "$(dirname "$0")"

./mvnw -B -q -DskipTests package

for arg in "$@"; do
  # Zipkin's server only when asked for: the build never fetches its 131 MB.
  if [ "$arg" = --tracing ] && [ ! -f local-stack/target/zipkin/zipkin-server.jar ]; then
    echo "Fetching Zipkin's server for --tracing (131 MB the first time) ..."
    ./mvnw -B -q -pl local-stack dependency:copy@zipkin
  fi
done

# exec: the JVM replaces this shell, so Ctrl-C and SIGTERM reach it and it stops its children in order.
exec java -jar local-stack/target/local-stack.jar "$@"

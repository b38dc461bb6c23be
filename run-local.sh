#!/usr/bin/env bash
# Runs the whole system on this machine with only a JDK: builds every module, then starts
# Kafka, GreenMail and the services (see local-stack/). Options: --demo, --data-dir DIR.
set -euo pipefail
cd "$(dirname "$0")"

./mvnw -B -q -DskipTests package

# exec: the JVM replaces this shell, so Ctrl-C and SIGTERM reach it and it stops its children in order.
exec java -jar local-stack/target/local-stack.jar "$@"

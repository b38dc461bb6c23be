#!/usr/bin/env bash
# Publisher-service outbox drain benchmark.
#
# Needs no local stack: it starts a real Kafka broker (a child JVM, SASL/SCRAM, as in the local stack)
# and publisher-service in its own JVM, on free ports of 127.0.0.1 and an H2 file database in a
# temporary directory. Build the jar first:
#   ./mvnw -B -q -pl publisher-benchmarks -am package -DskipTests
# This script installs nothing; it needs java.
#
# It measures: DRAIN_ARTICLES articles x DRAIN_VERSIONS events each (100,000 by default), appended
# through the publisher's outbox while its relay is held off, then drained by the relay into the
# articles topic, timed until every outbox row is marked sent (the topic's end offsets are then
# checked to hold exactly that many records); next to a plain KafkaProducer with the relay's producer
# settings sending the same records, once before and once after the relay. The topic is then read
# back: every event once, each article's versions in order.
# It writes the table to benchmarks/results/publisher-latest.md.
#
# Usage: benchmarks/publisher-benchmark.sh
# Settings (environment): DRAIN_ARTICLES=10000 DRAIN_VERSIONS=10 DRAIN_ARGS="" (more options, e.g.
#   --set publisher.outbox.batch-size=1000 or --h2-options ';CACHE_SIZE=262144'; see
#   java -jar publisher-benchmarks/target/publisher-benchmarks.jar) DRAIN_JAVA_OPTS="" (JVM options)
#   BENCHMARKS_JAR=publisher-benchmarks/target/publisher-benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."

DRAIN_ARTICLES="${DRAIN_ARTICLES:-10000}"
DRAIN_VERSIONS="${DRAIN_VERSIONS:-10}"
DRAIN_ARGS="${DRAIN_ARGS:-}"
DRAIN_JAVA_OPTS="${DRAIN_JAVA_OPTS:-}"
BENCHMARKS_JAR="${BENCHMARKS_JAR:-publisher-benchmarks/target/publisher-benchmarks.jar}"
RESULTS=benchmarks/results/publisher-latest.md

for arg in "$@"; do
  case "$arg" in
    -h | --help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done
for value in DRAIN_ARTICLES DRAIN_VERSIONS; do
  [[ "${!value}" =~ ^[0-9]+$ ]] || { echo "$value must be a number, is '${!value}'" >&2; exit 2; }
done
command -v java > /dev/null || { echo "missing: java (a JDK 17 or newer)" >&2; exit 2; }
if [[ ! -f "$BENCHMARKS_JAR" ]]; then
  echo "no $BENCHMARKS_JAR; build it with: ./mvnw -B -q -pl publisher-benchmarks -am package -DskipTests" >&2
  exit 2
fi

work="$(mktemp -d /tmp/publisher-benchmark.XXXXXX)"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

events=$((DRAIN_ARTICLES * DRAIN_VERSIONS))
echo "outbox drain: $events events, the relay next to a plain producer; a few minutes for 100,000"
# Bounded generously: 200 events/s in each phase would still finish.
# shellcheck disable=SC2086 # DRAIN_JAVA_OPTS and DRAIN_ARGS are lists of options
if ! timeout $((events / 50 + 600)) java $DRAIN_JAVA_OPTS -jar "$BENCHMARKS_JAR" drain \
  --articles "$DRAIN_ARTICLES" --versions "$DRAIN_VERSIONS" --markdown-out "$work/drain.md" $DRAIN_ARGS \
  > "$work/drain.txt" 2> "$work/drain.log"; then
  tail -30 "$work/drain.log" >&2
  echo "the drain benchmark failed" >&2
  exit 1
fi

commit="$(git rev-parse --short HEAD 2> /dev/null || echo unknown)$(git diff --quiet HEAD 2> /dev/null || echo ' (with local changes)')"
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Publisher-service benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, $(nproc) cores, $(uname -s) $(uname -m). The broker, the"
  echo "publisher and the plain producer share the machine; compare the ratio rather than the absolute figures."
  echo
  echo "## Outbox drain: a backlog of $events events to the articles topic (higher is better)"
  echo
  cat "$work/drain.md"
  echo
  echo 'Command: `benchmarks/publisher-benchmark.sh` (see benchmarks/README.md).'
} > "$RESULTS"
echo
cat "$RESULTS"
echo
echo "written to $RESULTS"

#!/usr/bin/env bash
# Packages-service routing benchmark.
#
# The route step needs no local stack: it starts a real Kafka broker (a child JVM, SASL/SCRAM, as in
# the local stack) on free ports of 127.0.0.1 and runs the packages topology in its own JVM. The
# latency step needs the stack running in another terminal (./run-local.sh, whose build also makes
# the jars). Build the jars alone with:
#   ./mvnw -B -q -pl packages-benchmarks,local-stack -am package -DskipTests
# This script installs nothing; it needs java, and curl for the latency step.
#
# It measures:
#   route: ROUTE_RECORDS records of the articles topic (100,000: publications, edits, retractions and
#     tombstones, as the publisher writes them) routed into 10 packages (each version of an article in
#     0 to 3 of them) by the packages topology (Kafka Streams, exactly once, the service's settings),
#     timed from its start until its committed offsets reach the end of the articles topic; next to a
#     plain KafkaConsumer + transactional KafkaProducer loop doing the same routing in one thread,
#     before and after the topology. Every package topic is then read back (read_committed) and must
#     hold exactly the records worked out from the events. A warm-up round with 30,000 other records
#     on a broker of its own comes first, in the same JVM (ROUTE_ARGS="--warmup 0" for none):
#     java -jar packages-benchmarks/target/packages-benchmarks.jar route;
#   latency: LATENCY_SAMPLES articles POSTed to the publisher one at a time in the category
#     LATENCY_PACKAGE, each timed from the 201 answer to its record on articles.pkg.LATENCY_PACKAGE;
#     the package (categories: LATENCY_PACKAGE) is defined first with the local stack's CLI if it
#     does not exist: java -jar packages-benchmarks/target/packages-benchmarks.jar latency.
# It writes the tables to benchmarks/results/packages-latest.md.
#
# Usage: benchmarks/packages-benchmark.sh [--skip-route] [--skip-latency]
# Settings (environment): ROUTE_RECORDS=100000 ROUTE_ARGS="" (e.g. --seed 2) ROUTE_JAVA_OPTS="" (JVM
#   options) LATENCY_SAMPLES=100 LATENCY_PACKAGE=benchmark LATENCY_ARGS="" (e.g. --warmup 20 or --keep)
#   DATA_DIR=data (the local stack's) PUBLISHER_PORT=8081 PACKAGES_PORT=8084
#   BENCHMARKS_JAR=packages-benchmarks/target/packages-benchmarks.jar
#   LOCAL_STACK_JAR=local-stack/target/local-stack.jar
# Only 127.0.0.1 is a target. Every step is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUTE_RECORDS="${ROUTE_RECORDS:-100000}"
ROUTE_ARGS="${ROUTE_ARGS:-}"
ROUTE_JAVA_OPTS="${ROUTE_JAVA_OPTS:-}"
LATENCY_SAMPLES="${LATENCY_SAMPLES:-100}"
LATENCY_PACKAGE="${LATENCY_PACKAGE:-benchmark}"
LATENCY_ARGS="${LATENCY_ARGS:-}"
DATA_DIR="${DATA_DIR:-data}"
PUBLISHER_PORT="${PUBLISHER_PORT:-8081}"
PACKAGES_PORT="${PACKAGES_PORT:-8084}"
BENCHMARKS_JAR="${BENCHMARKS_JAR:-packages-benchmarks/target/packages-benchmarks.jar}"
LOCAL_STACK_JAR="${LOCAL_STACK_JAR:-local-stack/target/local-stack.jar}"
PUBLISHER="http://127.0.0.1:${PUBLISHER_PORT}"
PACKAGES="http://127.0.0.1:${PACKAGES_PORT}"
RESULTS=benchmarks/results/packages-latest.md

route=1 latency=1
for arg in "$@"; do
  case "$arg" in
    --skip-route) route=0 ;;
    --skip-latency) latency=0 ;;
    -h | --help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done
for value in ROUTE_RECORDS LATENCY_SAMPLES PUBLISHER_PORT PACKAGES_PORT; do
  [[ "${!value}" =~ ^[0-9]+$ ]] || { echo "$value must be a number, is '${!value}'" >&2; exit 2; }
done
[[ "$LATENCY_PACKAGE" =~ ^[a-z0-9][a-z0-9_-]*$ ]] \
  || { echo "LATENCY_PACKAGE must be a package name (lowercase letters, digits, - or _), is '$LATENCY_PACKAGE'" >&2; exit 2; }
((route || latency)) || { echo "nothing to run: both steps skipped" >&2; exit 2; }

needed=(java)
((latency)) && needed+=(curl)
for tool in "${needed[@]}"; do
  command -v "$tool" > /dev/null || { echo "missing: $tool (a JDK 17 or newer; curl)" >&2; exit 2; }
done
if [[ ! -f "$BENCHMARKS_JAR" ]]; then
  echo "no $BENCHMARKS_JAR; build it with: ./mvnw -B -q -pl packages-benchmarks -am package -DskipTests" >&2
  exit 2
fi
ready() { curl -fsS -m 3 -o /dev/null "$1/actuator/health/readiness"; }
if ((latency)); then
  if ! ready "$PUBLISHER" || ! ready "$PACKAGES"; then
    echo "the local stack is not answering on $PUBLISHER / $PACKAGES (publisher-service, packages-service):" >&2
    echo "start it in another terminal with ./run-local.sh, wait until it says the services are up, then rerun" >&2
    echo "(or skip this step with --skip-latency)" >&2
    exit 2
  fi
  [[ -f "$LOCAL_STACK_JAR" ]] || { echo "no $LOCAL_STACK_JAR: build it with ./run-local.sh" >&2; exit 2; }
  [[ -f "$DATA_DIR/kafka/admin.properties" ]] \
    || { echo "no $DATA_DIR/kafka/admin.properties: set DATA_DIR to the stack's --data-dir" >&2; exit 2; }
fi

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)"
work="$(mktemp -d /tmp/packages-benchmark.XXXXXX)"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# --- route: the topology next to the plain loop ---
if ((route)); then
  echo "route: $ROUTE_RECORDS records into 10 packages, the plain loop, the topology, the plain loop again,"
  echo "    after a warm-up round; about a minute and a half for 100,000"
  # Bounded generously: 200 records/s in each of the three runs of both rounds would still finish.
  # shellcheck disable=SC2086 # ROUTE_JAVA_OPTS and ROUTE_ARGS are lists of options
  if ! timeout $((ROUTE_RECORDS * 4 / 200 + 900)) java $ROUTE_JAVA_OPTS -jar "$BENCHMARKS_JAR" route \
    --records "$ROUTE_RECORDS" --markdown-out "$work/route.md" $ROUTE_ARGS \
    > "$work/route.txt" 2> "$work/route.log"; then
    tail -30 "$work/route.log" >&2
    echo "the route benchmark failed" >&2
    exit 1
  fi
  cat "$work/route.txt"
fi

# --- latency: POST to the publisher -> record on the package's topic ---
if ((latency)); then
  if ! java -jar "$LOCAL_STACK_JAR" packages list --data-dir "$DATA_DIR" | grep -q "^$LATENCY_PACKAGE "; then
    echo "defining the package $LATENCY_PACKAGE (categories: $LATENCY_PACKAGE)"
    java -jar "$LOCAL_STACK_JAR" packages add "$LATENCY_PACKAGE" --categories "$LATENCY_PACKAGE" --data-dir "$DATA_DIR"
  fi
  echo "latency: $LATENCY_SAMPLES articles, one after the other, each awaited on articles.pkg.$LATENCY_PACKAGE"
  # Bounded: each article gives up after 30 s.
  # shellcheck disable=SC2086 # LATENCY_ARGS is a list of options
  if ! timeout $((LATENCY_SAMPLES * 31 + 300)) java -jar "$BENCHMARKS_JAR" latency --samples "$LATENCY_SAMPLES" \
    --package "$LATENCY_PACKAGE" --category "$LATENCY_PACKAGE" --publisher "$PUBLISHER" --data-dir "$DATA_DIR" \
    --markdown-out "$work/latency.md" $LATENCY_ARGS > "$work/latency.txt" 2> "$work/latency.log"; then
    tail -30 "$work/latency.log" >&2
    echo "the latency benchmark failed" >&2
    exit 1
  fi
  cat "$work/latency.txt"
fi

commit="$(git rev-parse --short HEAD 2> /dev/null || echo unknown)$(git diff --quiet HEAD 2> /dev/null || echo ' (with local changes)')"
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Packages-service benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, $(nproc) cores, $(uname -s) $(uname -m). The broker, the"
  echo "topology and the plain loop share the machine; compare the ratio rather than the absolute figures."
  echo "Load average (1, 5, 15 minutes) at the start: $load_before; at the end: $(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)."
  echo
  echo "## Routing a backlog into packages (higher is better)"
  echo
  if ((route)); then cat "$work/route.md"; else echo "Not run this time (--skip-route)."; fi
  echo
  echo "## POST to the publisher → record on a package's topic, local stack (lower is better)"
  echo
  if ((latency)); then cat "$work/latency.md"; else echo "Not run this time (--skip-latency): it needs ./run-local.sh."; fi
  echo
  args=""
  ((route)) || args+=" --skip-route"
  ((latency)) || args+=" --skip-latency"
  echo "Command: \`benchmarks/packages-benchmark.sh$args\` (see benchmarks/README.md)."
} > "$RESULTS"
echo
cat "$RESULTS"
echo
echo "written to $RESULTS"

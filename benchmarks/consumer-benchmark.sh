#!/usr/bin/env bash
# Feed-service consumer benchmark: how fast feed-service applies the articles topic.
#
# Needs no local stack: java -jar feed-benchmarks/target/feed-benchmarks.jar starts a real Kafka broker
# in a child process on free ports of 127.0.0.1 (SASL/SCRAM, as the local stack runs it), writes the
# events onto the articles topic (3 partitions) as the publisher writes them, reads them with a plain
# KafkaConsumer that only parses them, then starts feed-service in the same JVM with its defaults and
# an H2 file database, and measures from the moment its binding starts consuming until its group has
# committed the end of every partition and its catalog holds every article. This script installs
# nothing; it needs java and python3. Build the jar with:
#   ./mvnw -B -q -pl feed-benchmarks -am package -DskipTests
#
# It measures, in this order:
#   1. consumer: CONSUMER_EVENTS events, feed-service next to the plain consumer, after a warm-up round
#      of as many other events in the same JVM (its figures are shown too); then the same again in rounds
#      with and without every span exported (sampling 1.0), in turns, for the cost of tracing;
#   2. rebuild: REBUILD_EVENTS events with feed.rebuild=true (FEED_REBUILD), which reads from offset 0.
# Then it prints a table and writes it to benchmarks/results/feed-consumer-latest.md.
#
# Usage: benchmarks/consumer-benchmark.sh [--skip-consumer] [--skip-rebuild]
# Settings (environment): CONSUMER_EVENTS=10000 REBUILD_EVENTS=100000
#   BENCHMARK_ARGS="" (more options for both, e.g. --set NAME=VALUE for a feed-service property)
#   BENCHMARKS_JAR=feed-benchmarks/target/feed-benchmarks.jar
# Each step is bounded in time; the broker and feed-service stop with the step.
set -euo pipefail
cd "$(dirname "$0")/.."

CONSUMER_EVENTS="${CONSUMER_EVENTS:-10000}"
REBUILD_EVENTS="${REBUILD_EVENTS:-100000}"
BENCHMARK_ARGS="${BENCHMARK_ARGS:-}"
BENCHMARKS_JAR="${BENCHMARKS_JAR:-feed-benchmarks/target/feed-benchmarks.jar}"
RESULTS=benchmarks/results/feed-consumer-latest.md

consumer=1 rebuild=1
for arg in "$@"; do
  case "$arg" in
    --skip-consumer) consumer=0 ;;
    --skip-rebuild) rebuild=0 ;;
    -h | --help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done
for value in CONSUMER_EVENTS REBUILD_EVENTS; do
  [[ "${!value}" =~ ^[0-9]+$ ]] && ((${!value} >= 1 && ${!value} <= 1000000)) \
    || { echo "$value must be a number from 1 to 1000000, is '${!value}'" >&2; exit 2; }
done
for tool in java python3; do
  command -v "$tool" > /dev/null || { echo "missing: $tool (a JDK 17 or newer, python3)" >&2; exit 2; }
done
if [[ ! -f "$BENCHMARKS_JAR" ]]; then
  echo "no $BENCHMARKS_JAR; build it with: ./mvnw -B -q -pl feed-benchmarks -am package -DskipTests" >&2
  exit 2
fi

work="$(mktemp -d /tmp/consumer-benchmark.XXXXXX)"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

run() { # mode events
  local mode="$1" events="$2"
  # Bounded generously: five rounds at 20 events/s, plus writing them and starting the broker and the service.
  # shellcheck disable=SC2086 # BENCHMARK_ARGS is a list of options
  if ! timeout $((events / 4 + 1200)) java -jar "$BENCHMARKS_JAR" "$mode" --events "$events" \
    --json-out "$work/$mode.json" $BENCHMARK_ARGS > "$work/$mode.txt" 2> "$work/$mode.log"; then
    tail -30 "$work/$mode.log" >&2
    echo "the $mode benchmark failed" >&2
    exit 1
  fi
  cat "$work/$mode.txt"
}

if ((consumer)); then
  echo "1/2 consumer: $CONSUMER_EVENTS events, the plain consumer, then feed-service"
  run consumer "$CONSUMER_EVENTS"
fi
if ((rebuild)); then
  echo "2/2 rebuild: $REBUILD_EVENTS events, the plain consumer, then feed-service with feed.rebuild=true"
  run rebuild "$REBUILD_EVENTS"
fi

mkdir -p "$(dirname "$RESULTS")"
WORK="$work" \
  COMMIT="$(git rev-parse --short HEAD 2> /dev/null || echo unknown)$(git diff --quiet HEAD 2> /dev/null || echo ' (with local changes)')" \
  python3 - > "$RESULTS" << 'PYTHON'
import json, os, platform, time
from pathlib import Path

work = Path(os.environ["WORK"])
lines = ["# Feed-service consumer benchmark", "",
         f"{time.strftime('%Y-%m-%d %H:%M %Z')}, commit {os.environ['COMMIT']}, {os.cpu_count()} cores, "
         f"{platform.system()} {platform.machine()}. One broker in its own process (SASL/SCRAM), the articles topic with "
         "3 partitions; feed-service in the benchmark's JVM with its defaults and an H2 file database; the plain "
         "consumer is a KafkaConsumer in a new group that only reads and parses every record. Compare the ratios "
         "rather than the absolute figures.", "",
         "| run | events | articles (live) | batch mode, max.poll.records | plain events/s | feed-service events/s | "
         "feed/plain | target |",
         "| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |"]
for mode in ("consumer", "rebuild"):
    path = work / f"{mode}.json"
    if not path.exists():
        lines.append(f"| {mode} | skipped | | | | | | |")
        continue
    r = json.loads(path.read_text())
    if mode == "consumer":
        met = r["feed_events_per_second"] >= 2000 and r["ratio"] >= 0.2
        target = f"≥ 2,000 events/s and ≥ 0.2 {'met' if met else 'MISSED'}"
    else:
        target = "≥ 10x the record-at-a-time rebuild (see benchmarks/README.md)"
    overrides = f"; set: {', '.join(r['overrides'])}" if r["overrides"] else ""
    w = r.get("warmup")
    if w:
        warmup_overrides = f"; set: {', '.join(w['overrides'])}" if w["overrides"] else ""
        lines.append(f"| {mode}, warm-up round (just started; not the measure) | {w['events']:,} | "
                     f"{w['articles']:,} ({w['live']:,}) | {w['batch_mode']}, {w['max_poll_records']}{warmup_overrides} | "
                     f"{w['plain_events_per_second']:,} | {w['feed_events_per_second']:,} | {w['ratio']:.3f} | |")
    label = f"{mode}, after the warm-up round" if w else mode
    lines.append(f"| {label} | {r['events']:,} | {r['articles']:,} ({r['live']:,}) | {r['batch_mode']}, "
                 f"{r['max_poll_records']}{overrides} | {r['plain_events_per_second']:,} | "
                 f"**{r['feed_events_per_second']:,}** | {r['ratio']:.3f} | {target} |")
tracing = json.loads((work / "consumer.json").read_text()).get("tracing") if (work / "consumer.json").exists() else None
if tracing:
    lines += ["", "Tracing: the consumer step's events again, each in a sampled trace of its own, feed-service exporting "
              "every span (sampling 1.0) to a Zipkin collector in the same JVM, in turns with rounds without:", "",
              "| round | tracing | plain events/s | feed-service events/s | spans |", "| ---: | --- | ---: | ---: | ---: |"]
    for number, r in enumerate(tracing["rounds"], 1):
        lines.append(f"| {number} | {'exported' if r['traced'] else 'off'} | {r['plain_events_per_second']:,} | "
                     f"{r['feed_events_per_second']:,} | {r['spans']:,} |")
    lines += ["", f"Traced / untraced (medians {tracing['traced_events_per_second']:,} and "
              f"{tracing['untraced_events_per_second']:,} events/s): **{tracing['ratio']:.3f}**; target ≥ 0.9 "
              f"**{'met' if tracing['ratio'] >= 0.9 else 'MISSED'}**."]
lines += ["", "feed-service is measured from the start of its binding until its group has committed the end of every "
          "partition and its catalog holds every article; the run fails on a wrong article count. The consumer step "
          "first runs a warm-up round with other events on a broker and a database of their own, in the same JVM, "
          "so that the round measured finds both consumers' code compiled, as in a service that has been running.", "",
          "Command: `benchmarks/consumer-benchmark.sh` (see benchmarks/README.md)."]
print("\n".join(lines))
PYTHON
echo
cat "$RESULTS"
echo
echo "written to $RESULTS"

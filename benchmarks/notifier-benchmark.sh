#!/usr/bin/env bash
# Notifier-service performance benchmark.
#
# Precondition: the latency step needs the stack running in another terminal (`./run-local.sh`); its
# build also makes notifier-benchmarks/target/notifier-benchmarks.jar. The fan-out steps need no stack:
# they start notifier-service and an SMTP sink in their own JVM, on free ports of 127.0.0.1, without
# Kafka; so does the digest step. This script installs nothing; it needs java, python3 and curl.
#
# It measures, in this order:
#   1. fan-out of one article to FANOUT_SUBSCRIBERS confirmed subscribers with the notifier's defaults,
#      next to a plain Jakarta Mail loop (one connection, sendMessage in a loop) sending the same
#      messages to the same SMTP server, FANOUT_ROUNDS times after a warm-up, and as many times by a
#      second notifier that exports every span (sampling 1.0), in turns, for the cost of tracing:
#      java -jar notifier-benchmarks/target/notifier-benchmarks.jar fanout;
#   2. a daily digest to DIGEST_SUBSCRIBERS confirmed subscribers: the time to queue the digests
#      (DigestRuns.runNow), the dispatcher's rate sending them, the heap in each phase, and the plain
#      loop sending the same digests: java -jar notifier-benchmarks/target/notifier-benchmarks.jar digest;
#   3. publish-to-alert latency: benchmarks/publish_to_alert.py subscribes a fresh address, then
#      publishes LATENCY_SAMPLES articles (category "benchmark") and waits for each alert over IMAP;
#   consumer: the notifier reading CONSUMER_EVENTS events from the articles topic of a real broker
#      (started on free ports, SASL/SCRAM, 3 partitions) with CONSUMER_SUBSCRIBERS confirmed subscribers,
#      next to a plain KafkaConsumer that reads and parses the same records, then again in rounds with and
#      without every span exported, in turns: java -jar notifier-benchmarks/target/notifier-benchmarks.jar consumer.
# Then it prints a table and writes it to benchmarks/results/notifier-latest.md.
#
# Usage: benchmarks/notifier-benchmark.sh [--skip-fanout] [--skip-digest] [--skip-latency] [--skip-consumer]
# Settings (environment): PUBLISHER_PORT=8081 NOTIFIER_PORT=8083 IMAP_PORT=3143 FANOUT_SUBSCRIBERS=10000
#   FANOUT_ROUNDS=3 LATENCY_SAMPLES=30 FANOUT_ARGS="" (more fan-out options, e.g. --greenmail or
#   --set notifier.mail.connections=8; see java -jar notifier-benchmarks/target/notifier-benchmarks.jar)
#   DIGEST_SUBSCRIBERS=100000 DIGEST_ARGS="" (more digest options, e.g. --statement-times)
#   DIGEST_JAVA_OPTS="" (JVM options of the digest step, e.g. -Xmx512m; none: the JVM's default heap)
#   CONSUMER_EVENTS=10000 CONSUMER_SUBSCRIBERS=1000 CONSUMER_ARGS="" (e.g. --statement-times)
#   BENCHMARKS_JAR=notifier-benchmarks/target/notifier-benchmarks.jar
# Only 127.0.0.1 is a target. Every step is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

PUBLISHER_PORT="${PUBLISHER_PORT:-8081}"
NOTIFIER_PORT="${NOTIFIER_PORT:-8083}"
IMAP_PORT="${IMAP_PORT:-3143}"
FANOUT_SUBSCRIBERS="${FANOUT_SUBSCRIBERS:-10000}"
FANOUT_ROUNDS="${FANOUT_ROUNDS:-3}"
LATENCY_SAMPLES="${LATENCY_SAMPLES:-30}"
FANOUT_ARGS="${FANOUT_ARGS:-}"
DIGEST_SUBSCRIBERS="${DIGEST_SUBSCRIBERS:-100000}"
DIGEST_ARGS="${DIGEST_ARGS:-}"
DIGEST_JAVA_OPTS="${DIGEST_JAVA_OPTS:-}"
CONSUMER_EVENTS="${CONSUMER_EVENTS:-10000}"
CONSUMER_SUBSCRIBERS="${CONSUMER_SUBSCRIBERS:-1000}"
CONSUMER_ARGS="${CONSUMER_ARGS:-}"
BENCHMARKS_JAR="${BENCHMARKS_JAR:-notifier-benchmarks/target/notifier-benchmarks.jar}"
PUBLISHER="http://127.0.0.1:${PUBLISHER_PORT}"
NOTIFIER="http://127.0.0.1:${NOTIFIER_PORT}"
RESULTS=benchmarks/results/notifier-latest.md

fanout=1 digest=1 latency=1 consumer=1
for arg in "$@"; do
  case "$arg" in
    --skip-fanout) fanout=0 ;;
    --skip-digest) digest=0 ;;
    --skip-latency) latency=0 ;;
    --skip-consumer) consumer=0 ;;
    -h | --help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done
for value in PUBLISHER_PORT NOTIFIER_PORT IMAP_PORT FANOUT_SUBSCRIBERS FANOUT_ROUNDS LATENCY_SAMPLES DIGEST_SUBSCRIBERS \
  CONSUMER_EVENTS CONSUMER_SUBSCRIBERS; do
  [[ "${!value}" =~ ^[0-9]+$ ]] || { echo "$value must be a number, is '${!value}'" >&2; exit 2; }
done
((FANOUT_SUBSCRIBERS >= 1 && FANOUT_SUBSCRIBERS <= 100000 && FANOUT_ROUNDS >= 1 && FANOUT_ROUNDS <= 20 \
  && LATENCY_SAMPLES >= 1 && LATENCY_SAMPLES <= 1000 && DIGEST_SUBSCRIBERS >= 1 && DIGEST_SUBSCRIBERS <= 1000000)) \
  || { echo "FANOUT_SUBSCRIBERS 1..100000, FANOUT_ROUNDS 1..20, LATENCY_SAMPLES 1..1000, DIGEST_SUBSCRIBERS 1..1000000" >&2
    exit 2; }

needed=(python3)
((fanout || digest || consumer)) && needed+=(java)
((latency)) && needed+=(curl)
missing=()
for tool in "${needed[@]}"; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "missing: ${missing[*]}; install them first (a JDK 17 or newer, python3, curl)" >&2
  exit 2
fi

ready() { curl -fsS -m 3 -o /dev/null "$1/actuator/health/readiness"; }
if ((latency)); then
  if ! ready "$PUBLISHER" || ! ready "$NOTIFIER"; then
    echo "the local stack is not answering on $PUBLISHER / $NOTIFIER:" >&2
    echo "start it in another terminal with ./run-local.sh, wait until it says the services are up, then rerun" >&2
    echo "(or skip this step with --skip-latency)" >&2
    exit 2
  fi
  if ! (exec 3<> "/dev/tcp/127.0.0.1/$IMAP_PORT") 2> /dev/null; then
    echo "no IMAP server on 127.0.0.1:$IMAP_PORT (the local stack's GreenMail)" >&2
    exit 2
  fi
  [[ -f data/api-token ]] || { echo "no data/api-token: start the stack with ./run-local.sh from this directory" >&2; exit 2; }
fi
if ((fanout || digest || consumer)) && [[ ! -f "$BENCHMARKS_JAR" ]]; then
  echo "no $BENCHMARKS_JAR; build it with: ./mvnw -B -q -pl notifier-benchmarks -am package -DskipTests" >&2
  exit 2
fi

work="$(mktemp -d /tmp/notifier-benchmark.XXXXXX)"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# --- 1. fan-out, the notifier next to the plain loop ---
if ((fanout)); then
  echo "1/3 fan-out to $FANOUT_SUBSCRIBERS subscribers and the plain loop, $FANOUT_ROUNDS rounds without tracing and"
  echo "    $FANOUT_ROUNDS with, after a warm-up of each; about 40 s per round and 10,000 subscribers"
  # Bounded generously: even a sender stalled 40 ms per message would finish 10,000 in 400 s.
  # shellcheck disable=SC2086 # FANOUT_ARGS is a list of options
  if ! timeout $((FANOUT_SUBSCRIBERS * (2 * FANOUT_ROUNDS + 2) / 10 + 300)) java -jar "$BENCHMARKS_JAR" fanout \
    --subscribers "$FANOUT_SUBSCRIBERS" --rounds "$FANOUT_ROUNDS" --json-out "$work/fanout.json" $FANOUT_ARGS \
    > "$work/fanout.txt" 2> "$work/fanout.log"; then
    tail -30 "$work/fanout.log" >&2
    echo "the fan-out benchmark failed" >&2
    exit 1
  fi
  cat "$work/fanout.txt"
fi

# --- 2. daily digest, queueing and sending, the notifier next to the plain loop ---
if ((digest)); then
  echo "2/3 daily digest to $DIGEST_SUBSCRIBERS subscribers: queueing, sending, then the plain loop;"
  echo "    a few minutes for 100,000"
  # Bounded generously: 20 ms per digest in each phase would still finish.
  # shellcheck disable=SC2086 # DIGEST_JAVA_OPTS and DIGEST_ARGS are lists of options
  if ! timeout $((DIGEST_SUBSCRIBERS * 3 / 50 + 600)) java $DIGEST_JAVA_OPTS -jar "$BENCHMARKS_JAR" digest \
    --subscribers "$DIGEST_SUBSCRIBERS" --json-out "$work/digest.json" $DIGEST_ARGS \
    > "$work/digest.txt" 2> "$work/digest.log"; then
    tail -30 "$work/digest.log" >&2
    echo "the digest benchmark failed" >&2
    exit 1
  fi
  cat "$work/digest.txt"
fi

# --- consumer: the notifier on the articles topic of a real broker, next to a plain KafkaConsumer ---
if ((consumer)); then
  echo "consumer: $CONSUMER_EVENTS events on the articles topic, $CONSUMER_SUBSCRIBERS subscribers, then the plain"
  echo "    consumer and the notifier, after a warm-up round of as many other events, then rounds with and"
  echo "    without tracing; about ten minutes"
  # Bounded generously: five rounds at 5 events/s would still finish.
  # shellcheck disable=SC2086 # CONSUMER_ARGS is a list of options
  if ! timeout $((CONSUMER_EVENTS + 1200)) java -jar "$BENCHMARKS_JAR" consumer --events "$CONSUMER_EVENTS" \
    --subscribers "$CONSUMER_SUBSCRIBERS" --json-out "$work/consumer.json" $CONSUMER_ARGS \
    > "$work/consumer.txt" 2> "$work/consumer.log"; then
    tail -30 "$work/consumer.log" >&2
    echo "the consumer benchmark failed" >&2
    exit 1
  fi
  cat "$work/consumer.txt"
fi

# --- 3. publish-to-alert latency ---
if ((latency)); then
  echo "3/3 publish-to-alert: one fresh subscriber, $LATENCY_SAMPLES articles, one after the other"
  timeout $((LATENCY_SAMPLES * 16 + 120)) python3 benchmarks/publish_to_alert.py --publisher "$PUBLISHER" \
    --notifier "$NOTIFIER" --imap-port "$IMAP_PORT" --samples "$LATENCY_SAMPLES" --json-out "$work/latency.json" \
    || echo "publish-to-alert had failures; see above" >&2
fi

# --- report ---
mkdir -p "$(dirname "$RESULTS")"
WORK="$work" \
  COMMIT="$(git rev-parse --short HEAD 2> /dev/null || echo unknown)$(git diff --quiet HEAD 2> /dev/null || echo ' (with local changes)')" \
  python3 - > "$RESULTS" << 'EOF'
import json, os, platform, time
from pathlib import Path

work = Path(os.environ["WORK"])

def load(name):
    path = work / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None

def fanout_section(r):
    settings = (f"notifier: {r['connections']} SMTP connections, {r['messages_per_second']:,} messages/s, dispatch "
                f"every {r['dispatch_interval']}, {r['database']} database"
                + (f"; set: {', '.join(r['overrides'])}" if r["overrides"] else " (its defaults)")
                + f". SMTP server: {r['sink']}.")
    lines = [settings, "",
             "| round | messages | notifier emails/s | plain loop emails/s | notifier/plain | notifier s (of which queueing) | plain s |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    number = 0
    for round in r["rounds"]:
        if round["warm_up"]:
            name = "warm-up, not counted"
        else:
            number += 1
            name = str(number)
        if round.get("traced"):
            name += ", traced"
        lines.append(f"| {name} | {round['messages']:,} | "
                     f"{round['notifier_emails_per_second']:,} | {round['plain_emails_per_second']:,} | "
                     f"{round['ratio']:.2f} | {round['notifier_seconds']:.1f} ({round['queue_seconds']:.2f}) | "
                     f"{round['plain_seconds']:.1f} |")
    m = r["median"]
    lines.append(f"| **median** | | **{m['notifier_emails_per_second']:,}** | **{m['plain_emails_per_second']:,}** | "
                 f"**{m['ratio']:.2f}** | | |")
    last = r["rounds"][-1]
    lines += ["", f"Targets: notifier ≥ 1,000 emails/s **{'met' if m['notifier_emails_per_second'] >= 1000 else 'MISSED'}**, "
              f"notifier/plain ≥ 0.7 **{'met' if m['ratio'] >= 0.7 else 'MISSED'}**. Messages as the server received "
              f"them: notifier {last['notifier_message_bytes']:,} bytes, plain loop {last['plain_message_bytes']:,} bytes "
              f"on average. Composing on one thread: `MailComposer.alert` {r['compose_alert_micros']} µs, its MIME "
              f"message {r['compose_mime_micros']} µs per mail."]
    t = r.get("tracing")
    if t:
        lines += ["", f"Tracing: the traced rounds' notifier exported every span (sampling 1.0), {t['spans']:,} in all, "
                  f"to a Zipkin collector in the same JVM. Traced / untraced: **{t['ratio']:.3f}** (medians "
                  f"{t['traced_emails_per_second']:,} and {t['untraced_emails_per_second']:,} emails/s); target ≥ 0.9 "
                  f"**{'met' if t['ratio'] >= 0.9 else 'MISSED'}**."]
    return lines

def digest_section(r):
    q, s, p = r["queueing"], r["sending"], r["plain"]
    settings = (f"{r['all_categories']:,} subscribers take every category, the others 1 to 3 of {r['categories']}; "
                f"{r['articles']} articles in the day. notifier: `DigestRuns.runNow(DAILY)`, then its dispatcher with "
                f"{r['connections']} SMTP connections, {r['messages_per_second']:,} messages/s, {r['database']} database"
                + (f"; set: {', '.join(r['overrides'])}" if r["overrides"] else " (its defaults)")
                + f". SMTP server: {r['sink']}. JVM: max heap {r['max_heap_mb']:,} MB, {r['cores']} cores.")
    lines = [settings, "",
             "| phase | digests | items | seconds | digests/s | heap peak, sampled every 50 ms | heap peak after a GC |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
             f"| queueing: `runNow` | {q['digests']:,} | {q['items']:,} | {q['seconds']:.1f} | {q['digests_per_second']:,} | "
             f"{q['heap_peak_mb']:,} MB | {q['heap_peak_after_gc_mb']:,} MB |",
             f"| sending: until every row is SENT | {s['digests']:,} | | {s['seconds']:.1f} | "
             f"**{s['digests_per_second']:,}** | {s['heap_peak_mb']:,} MB | {s['heap_peak_after_gc_mb']:,} MB |",
             f"| plain loop, the same digests | {p['digests']:,} | | {p['seconds']:.1f} | {p['digests_per_second']:,} | | |",
             "",
             f"Notifier sending / plain loop: **{r['ratio']:.2f}**. Heap after a GC before queueing "
             f"{q['heap_baseline_mb']:,} MB, before sending {s['heap_baseline_mb']:,} MB. Digests as the server received "
             f"them: notifier {r['notifier_message_bytes']:,} bytes, plain loop {r['plain_message_bytes']:,} bytes on "
             "average. Checked: digests queued = subscribers with a match, every row SENT, exactly that many messages "
             "at the server from each sender."]
    return lines

lines = ["# Notifier-service benchmark", "",
         f"{time.strftime('%Y-%m-%d %H:%M %Z')}, commit {os.environ['COMMIT']}, {os.cpu_count()} cores, "
         f"{platform.system()} {platform.machine()}. The fan-out and the digest run notifier-service, the SMTP server and "
         "the plain loop in one JVM next to the local stack; compare the ratios rather than the absolute figures.", ""]

fanout = load("fanout")
if fanout:
    lines += [f"## Fan-out of one article to {fanout['subscribers']:,} confirmed subscribers (higher is better)", ""]
    lines += fanout_section(fanout)
else:
    lines += ["## Fan-out", "", "skipped"]
lines.append("")
digest = load("digest")
if digest:
    lines += [f"## Daily digest to {digest['subscribers']:,} confirmed subscribers (higher rate, lower time and heap are "
              "better)", ""]
    lines += digest_section(digest)
else:
    lines += ["## Daily digest", "", "skipped"]
lines.append("")
consumer = load("consumer")
if consumer:
    r = consumer
    lines += [f"## The articles topic: {r['events']:,} events read by the notifier (higher is better)", "",
              f"{r['publications']:,} publications, {r['updates']:,} edits, {r['retractions']:,} retractions on "
              f"{r['partitions']} partitions of a broker in its own process (SASL/SCRAM); {r['subscribers']:,} confirmed "
              f"subscribers ({r['all_categories']:,} take every category, the others 1 to 3 of {r['categories']}). "
              f"notifier: batch mode {'on' if r['batch_mode'] else 'off'}, max.poll.records {r['max_poll_records']}, "
              f"{r['database']} database"
              + (f"; set: {', '.join(r['overrides'])}" if r["overrides"] else "")
              + "; its dispatcher held. Times include joining the consumer group.", "",
              "| consumer | seconds | events/s |", "| --- | ---: | ---: |",
              f"| plain KafkaConsumer, read and parse | {r['plain_seconds']:.2f} | {r['plain_events_per_second']:,} |",
              f"| notifier, applied and committed | {r['notifier_seconds']:.2f} | **{r['notifier_events_per_second']:,}** |",
              f"| notifier, every alert queued | {r['alerts_seconds']:.2f} | ({r['alerts_queued_per_second']:,} alerts/s) |",
              "",
              (f"Measured after a warm-up round of {r['warmup']['events']:,} other events in the same JVM, on a broker "
               f"and a database of their own; that round, just after the start: plain "
               f"{r['warmup']['plain_events_per_second']:,} events/s, notifier "
               f"{r['warmup']['notifier_events_per_second']:,} events/s ({r['warmup']['ratio']:.2f}), every alert "
               f"queued after {r['warmup']['alerts_seconds']:.1f} s." if r.get("warmup")
               else "No warm-up round: both consumers had just started."),
              "",
              f"Notifier / plain: **{r['ratio']:.2f}**. Targets: notifier ≥ 2,000 events/s "
              f"**{'met' if r['notifier_events_per_second'] >= 2000 else 'MISSED'}**, notifier/plain ≥ 0.2 "
              f"**{'met' if r['ratio'] >= 0.2 else 'MISSED'}**. Checked: offsets committed to the end, "
              f"{r['publications']:,} articles, {r['pending_alerts']:,} alerts pending and {r['cancelled_alerts']:,} "
              "cancelled, as counted independently.", ""]
    t = r.get("tracing")
    if t:
        lines += ["Tracing: the same events again, each in a sampled trace of its own, the notifier exporting every span "
                  "(sampling 1.0) to a Zipkin collector in the same JVM, in turns with rounds without:", "",
                  "| round | tracing | plain events/s | notifier events/s | alerts queued/s | spans |",
                  "| ---: | --- | ---: | ---: | ---: | ---: |"]
        for number, round in enumerate(t["rounds"], 1):
            lines.append(f"| {number} | {'exported' if round['traced'] else 'off'} | "
                         f"{round['plain_events_per_second']:,} | {round['notifier_events_per_second']:,} | "
                         f"{round['alerts_queued_per_second']:,} | {round['spans']:,} |")
        alerts = (f", alerts queued **{t['alerts_ratio']:.3f}**" if "alerts_ratio" in t else "")
        worst = min(t["ratio"], t.get("alerts_ratio", t["ratio"]))
        lines += ["", f"Traced / untraced (medians): events applied **{t['ratio']:.3f}**{alerts}; target ≥ 0.9 "
                  f"**{'met' if worst >= 0.9 else 'MISSED'}**.", ""]
else:
    lines += ["## The articles topic", "", "skipped", ""]
lines += ["## Publish-to-alert latency: POST answered to the alert in the IMAP mailbox (lower is better)", ""]
latency = load("latency")
if latency:
    r = latency
    met = r["failures"] == 0 and r["p99_ms"] is not None and r["p99_ms"] < 2000
    lines += ["| samples | p50 | p99 | max | timed out | target |", "| ---: | ---: | ---: | ---: | ---: | --- |",
              f"| {r['samples']} | {r['p50_ms']} ms | {r['p99_ms']} ms | {r['max_ms']} ms | {r['failures']} | "
              f"p99 < 2 s {'met' if met else 'MISSED'} |"]
else:
    lines.append("skipped")
lines += ["", "Command: `benchmarks/notifier-benchmark.sh` (see benchmarks/README.md)."]
print("\n".join(lines))
EOF
echo
cat "$RESULTS"
echo
echo "written to $RESULTS"

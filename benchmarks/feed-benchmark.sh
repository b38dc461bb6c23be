#!/usr/bin/env bash
# Feed-service performance benchmark, against a running local stack.
#
# Precondition: the stack runs in another terminal (`./run-local.sh`, or `./run-local.sh --demo`);
# its build also makes feed-benchmarks/target/benchmarks.jar. This script installs nothing; it needs
# java, python3, curl, wrk and nginx (`apt-get install wrk nginx`).
#
# It measures, in this order:
#   1. render time of a 50-item feed per format: JMH, feed-benchmarks/target/benchmarks.jar;
#   2. publish-to-visible latency: benchmarks/publish_to_visible.py (it publishes LATENCY_SAMPLES
#      articles in category "benchmark", which also fills /feeds/atom.xml to its 50 items);
#   3. requests/s of the cached /feeds/atom.xml and of its 304s with wrk, next to nginx serving the
#      same bytes as a static file on 127.0.0.1:NGINX_PORT, same wrk settings, same run.
# Then it prints a table and writes it to benchmarks/results/feed-latest.md.
#
# Usage: benchmarks/feed-benchmark.sh [--skip-render] [--skip-latency] [--skip-load]
# Settings (environment): FEED_PORT=8082 PUBLISHER_PORT=8081 NGINX_PORT=18080 WRK_THREADS=2
#   WRK_CONNECTIONS=32 WRK_DURATION=15 WRK_WARMUP=120 (seconds, at most) LATENCY_SAMPLES=100
#   BENCHMARKS_JAR=feed-benchmarks/target/benchmarks.jar JMH_ARGS="" (extra JMH options)
# Warm-up: 10-second wrk rounds against the same URL until two rounds in a row agree within 5 %
# (at least 3 rounds, at most WRK_WARMUP seconds); the rounds' rates are printed.
# Only 127.0.0.1 is a target. Every step is bounded in time; nginx is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

FEED_PORT="${FEED_PORT:-8082}"
PUBLISHER_PORT="${PUBLISHER_PORT:-8081}"
NGINX_PORT="${NGINX_PORT:-18080}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_DURATION="${WRK_DURATION:-15}"
# On a freshly started stack the JIT compiles feed-service's poll path over a minute or more
# of load (10-second rounds: 900, 3,200, 4,300 ... 6,800 req/s); a short warm-up measures the
# compiler rather than the server.
WRK_WARMUP="${WRK_WARMUP:-120}"
LATENCY_SAMPLES="${LATENCY_SAMPLES:-100}"
BENCHMARKS_JAR="${BENCHMARKS_JAR:-feed-benchmarks/target/benchmarks.jar}"
JMH_ARGS="${JMH_ARGS:-}"
FEED="http://127.0.0.1:${FEED_PORT}"
PUBLISHER="http://127.0.0.1:${PUBLISHER_PORT}"
NGINX="http://127.0.0.1:${NGINX_PORT}"
FEED_PATH=/feeds/atom.xml
RESULTS=benchmarks/results/feed-latest.md

render=1 latency=1 load=1
for arg in "$@"; do
  case "$arg" in
    --skip-render) render=0 ;;
    --skip-latency) latency=0 ;;
    --skip-load) load=0 ;;
    -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done
for value in FEED_PORT PUBLISHER_PORT NGINX_PORT WRK_THREADS WRK_CONNECTIONS WRK_DURATION WRK_WARMUP LATENCY_SAMPLES; do
  [[ "${!value}" =~ ^[0-9]+$ ]] || { echo "$value must be a number, is '${!value}'" >&2; exit 2; }
done
((WRK_DURATION >= 1 && WRK_DURATION <= 300 && WRK_WARMUP <= 600)) || { echo "WRK_DURATION 1..300, WRK_WARMUP 0..600" >&2; exit 2; }

needed=(curl python3)
((render)) && needed+=(java)
((load)) && needed+=(wrk nginx)
missing=()
for tool in "${needed[@]}"; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "missing: ${missing[*]}" >&2
  echo "install them first; on Debian or Ubuntu: sudo apt-get install wrk nginx (and a JDK, curl, python3)" >&2
  exit 2
fi

ready() { curl -fsS -m 3 -o /dev/null "$1/actuator/health/readiness"; }
if ! ready "$FEED" || { ((latency)) && ! ready "$PUBLISHER"; }; then
  echo "the local stack is not answering on $FEED / $PUBLISHER:" >&2
  echo "start it in another terminal with ./run-local.sh, wait until it says the services are up, then rerun" >&2
  exit 2
fi
if ((render)) && [[ ! -f "$BENCHMARKS_JAR" ]]; then
  echo "no $BENCHMARKS_JAR; build it with: ./mvnw -B -q -pl feed-benchmarks -am package -DskipTests" >&2
  exit 2
fi
if ((load)) && (exec 3<> "/dev/tcp/127.0.0.1/$NGINX_PORT") 2> /dev/null; then
  echo "port $NGINX_PORT is taken; choose a free one with NGINX_PORT=..." >&2
  exit 2
fi

work="$(mktemp -d /tmp/feed-benchmark.XXXXXX)"
nginx_pid=""
cleanup() {
  if [[ -n "$nginx_pid" ]]; then
    kill -QUIT "$nginx_pid" 2> /dev/null || true
    for _ in $(seq 50); do kill -0 "$nginx_pid" 2> /dev/null || break; sleep 0.1; done
    kill -TERM "$nginx_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. render time (JMH) ---
if ((render)); then
  echo "1/3 render time: JMH, about a minute"
  # shellcheck disable=SC2086 # JMH_ARGS is a list of options
  if ! timeout 900 java -jar "$BENCHMARKS_JAR" -rf json -rff "$work/jmh.json" $JMH_ARGS FeedRenderBenchmark > "$work/jmh.log" 2>&1; then
    tail -30 "$work/jmh.log" >&2
    echo "JMH failed" >&2
    exit 1
  fi
fi

# --- 2. publish-to-visible latency ---
if ((latency)); then
  echo "2/3 publish-to-visible: $LATENCY_SAMPLES articles, one after the other"
  timeout $((LATENCY_SAMPLES * 12 + 60)) python3 benchmarks/publish_to_visible.py --publisher "$PUBLISHER" \
    --feed "$FEED" --feed-path "$FEED_PATH" --samples "$LATENCY_SAMPLES" --json-out "$work/latency.json" \
    || echo "publish-to-visible had failures; see above" >&2
fi

# --- 3. requests/s, feed-service next to nginx ---
wrk_run() { # name url [If-None-Match value]
  local name="$1" url="$2" etag="${3:-}" header=()
  [[ -n "$etag" ]] && header=(-H "If-None-Match: $etag")
  local rounds=() previous=0 rate
  while ((${#rounds[@]} * 10 < WRK_WARMUP)); do
    rate=$(timeout 40 wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d10s "${header[@]}" "$url" \
      | awk '/Requests\/sec/ { printf "%d", $2 }')
    rounds+=("${rate:-0}")
    if ((${#rounds[@]} >= 3 && previous > 0 && rate * 100 >= previous * 95 && rate * 100 <= previous * 105)); then
      break
    fi
    previous=${rate:-0}
  done
  ((${#rounds[@]} > 0)) && echo "   $name warm-up rounds (req/s): ${rounds[*]}"
  timeout $((WRK_DURATION + 30)) wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_DURATION}s" --timeout 5s \
    "${header[@]}" "$url" > "$work/wrk-$name.txt"
  echo "   $name: $(grep -h 'Requests/sec' "$work/wrk-$name.txt" | tr -s ' ')"
}
header_value() { # file name
  tr -d '\r' < "$1" | awk -v name="$2" 'tolower($1) == tolower(name) ":" { sub(/^[^:]*: */, ""); print; exit }'
}
status_of() { # url [If-None-Match value]
  if [[ -n "${2:-}" ]]; then
    curl -s -m 5 -o /dev/null -w '%{http_code}' -H "If-None-Match: $2" "$1"
  else
    curl -s -m 5 -o /dev/null -w '%{http_code}' "$1"
  fi
}

if ((load)); then
  echo "3/3 requests/s: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_DURATION}s after a warm-up, feed-service and nginx"
  mkdir -p "$work/www/feeds" "$work/nginx"
  chmod 755 "$work" "$work/www" "$work/www/feeds" # nginx's workers run as nobody
  curl -fsS -m 10 -D "$work/feed.headers" -o "$work/www/feeds/atom.xml" "$FEED$FEED_PATH"
  chmod 644 "$work/www/feeds/atom.xml"
  feed_etag="$(header_value "$work/feed.headers" ETag)"
  content_type="$(header_value "$work/feed.headers" Content-Type)"
  cat > "$work/nginx/nginx.conf" << EOF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events {
  worker_connections 1024;
}
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/www;
    etag on;
    location = $FEED_PATH {
      types { }
      default_type "$content_type";
      add_header Cache-Control "max-age=60, public";
      add_header Vary Accept-Encoding;
    }
  }
}
EOF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
  nginx_pid=$!
  for _ in $(seq 50); do
    curl -fs -m 1 -o /dev/null "$NGINX$FEED_PATH" && break
    kill -0 "$nginx_pid" 2> /dev/null || { cat "$work/nginx/error.log" >&2; exit 1; }
    sleep 0.1
  done
  curl -fsS -m 5 -D "$work/nginx.headers" -o "$work/nginx-body" "$NGINX$FEED_PATH"
  cmp -s "$work/nginx-body" "$work/www/feeds/atom.xml" || { echo "nginx serves other bytes than the feed" >&2; exit 1; }
  nginx_etag="$(header_value "$work/nginx.headers" ETag)"
  for check in "$(status_of "$FEED$FEED_PATH" "$feed_etag")" "$(status_of "$NGINX$FEED_PATH" "$nginx_etag")"; do
    [[ "$check" == 304 ]] || { echo "a conditional GET answered $check, not 304" >&2; exit 1; }
  done

  wrk_run feed-200 "$FEED$FEED_PATH"
  wrk_run nginx-200 "$NGINX$FEED_PATH"
  wrk_run feed-304 "$FEED$FEED_PATH" "$feed_etag"
  wrk_run nginx-304 "$NGINX$FEED_PATH" "$nginx_etag"
  # A feed that changed during the run would have answered 200s where 304s were counted.
  if [[ "$(status_of "$FEED$FEED_PATH" "$feed_etag")" != 304 ]]; then
    echo "the feed changed during the load test; its 304 figures are not valid" > "$work/feed-changed"
  fi
  kill -QUIT "$nginx_pid" 2> /dev/null || true
  wait "$nginx_pid" 2> /dev/null || true
  nginx_pid=""
fi

# --- report ---
mkdir -p "$(dirname "$RESULTS")"
WORK="$work" WRK_SETTINGS="wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_DURATION}s, after 10 s warm-up rounds until two agree within 5 % (at most ${WRK_WARMUP} s)" \
  COMMIT="$(git rev-parse --short HEAD 2> /dev/null || echo unknown)$(git diff --quiet HEAD 2> /dev/null || echo ' (with local changes)')" \
  python3 - > "$RESULTS" << 'EOF'
import json, os, platform, re, subprocess, time
from pathlib import Path

work = Path(os.environ["WORK"])

def number(text, pattern, default=None):
    match = re.search(pattern, text)
    return float(match.group(1)) if match else default

def size(text):
    match = re.search(r"([\d.]+)([KMG]?B) read", text)
    if not match:
        return None
    return float(match.group(1)) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[match.group(2)]

def wrk(name):
    path = work / f"wrk-{name}.txt"
    if not path.exists():
        return None
    text = path.read_text()
    requests = number(text, r"(\d+) requests in")
    read = size(text)
    return {
        "rps": number(text, r"Requests/sec:\s+([\d.]+)"),
        "bytes": read / requests if read and requests else None,
        "errors": int(number(text, r"Non-2xx or 3xx responses: (\d+)", 0)) + sum(
            int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text)),
    }

lines = [f"# Feed-service benchmark", "",
         f"{time.strftime('%Y-%m-%d %H:%M %Z')}, commit {os.environ['COMMIT']}, {os.cpu_count()} cores, "
         f"{platform.system()} {platform.machine()}. Against `./run-local.sh` on this machine; the load generator, "
         "the services and nginx share the cores, so compare the ratios rather than the absolute figures.", ""]

lines += ["## Render time of a 50-item feed (JMH, average, lower is better)", ""]
jmh = work / "jmh.json"
if jmh.exists():
    sizes = dict(re.findall(r"(\w+) feed of 50 items: (\d+) bytes", (work / "jmh.log").read_text()))
    lines += ["| format | µs/op | ± (99.9 %) | document |", "| --- | ---: | ---: | ---: |"]
    for result in json.loads(jmh.read_text()):
        fmt = result["params"]["format"]
        metric = result["primaryMetric"]
        lines.append(f"| {fmt} | {metric['score']:.0f} | {metric['scoreError']:.0f} | "
                     f"{int(sizes.get(fmt, 0)) / 1024:.0f} KB |")
else:
    lines.append("skipped")
lines.append("")

lines += ["## Requests/s of /feeds/atom.xml, feed-service next to nginx serving the same bytes (higher is better)", ""]
runs = {name: wrk(name) for name in ("feed-200", "nginx-200", "feed-304", "nginx-304")}
if all(runs.values()):
    body = (work / "www" / "feeds" / "atom.xml").stat().st_size
    lines += [f"{os.environ['WRK_SETTINGS']}; body {body / 1024:.0f} KB, no gzip; 304s with If-None-Match and "
              "each server's own ETag.", "",
              "| answer | feed-service req/s | nginx req/s | feed/nginx | target | bytes/answer feed, nginx | errors |",
              "| --- | ---: | ---: | ---: | --- | ---: | ---: |"]
    for status in ("200", "304"):
        feed, nginx = runs[f"feed-{status}"], runs[f"nginx-{status}"]
        ratio = feed["rps"] / nginx["rps"]
        lines.append(f"| {status} | {feed['rps']:.0f} | {nginx['rps']:.0f} | {ratio:.2f} | "
                     f"≥ 0.5 {'met' if ratio >= 0.5 else 'MISSED'} | {feed['bytes']:.0f}, {nginx['bytes']:.0f} | "
                     f"{feed['errors']}, {nginx['errors']} |")
    if (work / "feed-changed").exists():
        lines += ["", "**" + (work / "feed-changed").read_text().strip() + "**"]
else:
    lines.append("skipped")
lines.append("")

lines += ["## Publish-to-visible latency: POST answered to the id in /feeds/atom.xml (lower is better)", ""]
latency = work / "latency.json"
if latency.exists():
    r = json.loads(latency.read_text())
    met = r["failures"] == 0 and r["p99_ms"] is not None and r["p99_ms"] < 500
    lines += ["| samples | p50 | p99 | max | timed out | target |", "| ---: | ---: | ---: | ---: | ---: | --- |",
              f"| {r['samples']} | {r['p50_ms']} ms | {r['p99_ms']} ms | {r['max_ms']} ms | {r['failures']} | "
              f"p99 < 500 ms {'met' if met else 'MISSED'} |"]
else:
    lines.append("skipped")
lines += ["", "Command: `benchmarks/feed-benchmark.sh` (see benchmarks/README.md)."]
print("\n".join(lines))
EOF
echo
cat "$RESULTS"
echo
echo "written to $RESULTS"

#!/usr/bin/env python3
"""Publish-to-visible latency of the feeds, against a running local stack.

Each sample publishes a fresh article through publisher-service, then polls a feed of
feed-service with conditional GETs (If-None-Match, so an unchanged feed costs a 304)
until the article's id, urn:uuid:<id>, appears. The latency runs from the moment the
POST's 201 answer has been read to the moment the first feed body containing the id has
been read. Samples are sequential; a random pause of up to --max-pause between them keeps
them from falling into step with the services' polling intervals.

Standard library only. Talks to loopback addresses only. Every wait is bounded: each
sample gives up after --timeout seconds and counts as a failure.

Usage: python3 benchmarks/publish_to_visible.py [--samples 100] [--json-out FILE]
Precondition: ./run-local.sh running in another terminal.
"""

import argparse
import http.client
import json
import math
import random
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def loopback_url(url):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK:
        raise SystemExit(f"refusing {url}: only http://127.0.0.1 (loopback) is a target")
    return parts.hostname, parts.port or 80


def percentile(sorted_values, p):
    """Nearest-rank percentile: the smallest value with at least p% of samples at or below."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def article_html(n):
    """About 3-5 KB of HTML, like the JMH fixture: paragraphs, a list, code, CJK text."""
    paragraph = (
        "<p>The committee met on Tuesday to discuss the proposal, which would change how the "
        "service publishes its updates. <em>Several members</em> asked for more time; others "
        f'argued that the <a href="https://news.example.org/background?id={n}&amp;lang=en">'
        "background report</a> already answers the open questions. &quot;We have waited long "
        "enough,&quot; said one of them, pointing to figures that show a 12 % rise in requests "
        "since spring.</p>"
    )
    code = (
        "<pre><code>for (Item item : feed.items()) {\n"
        "    if (item.size() &gt; limit &amp;&amp; !item.pinned()) {\n"
        "        writer.write(item);\n    }\n}\n</code></pre>"
    )
    cjk = (
        "<p>委員会は火曜日に会合を開き、サービスの更新方法を変える提案について議論しました。"
        "中文摘要：委员会讨论了新的发布流程，预计明年春季开始实施。</p>"
    )
    parts = [f"<h2>Latency probe {n}</h2>"]
    for i in range(5 + n % 5):
        parts.append(paragraph)
        if i == 1:
            parts.append(code)
        if i == 2:
            parts.append(cjk)
    parts.append("<ul><li>First reading in <strong>March</strong></li><li>Final vote in June</li></ul>")
    return "".join(parts)


class Client:
    """One keep-alive connection; reconnects once when the server closed it."""

    def __init__(self, host, port):
        self.connection = http.client.HTTPConnection(host, port, timeout=10)

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.getheader("ETag"), response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                if attempt == 2:
                    raise


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publisher", default="http://127.0.0.1:8081")
    parser.add_argument("--feed", default="http://127.0.0.1:8082")
    parser.add_argument("--feed-path", default="/feeds/atom.xml")
    parser.add_argument("--token-file", default=str(Path(__file__).resolve().parent.parent / "data" / "api-token"))
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds one sample may take")
    parser.add_argument("--poll-interval", type=float, default=0.002, help="seconds between two polls")
    parser.add_argument("--max-pause", type=float, default=0.1, help="largest pause between samples")
    parser.add_argument("--json-out", help="also write the results here as JSON")
    args = parser.parse_args()
    if not 1 <= args.samples <= 10_000 or not 0 < args.timeout <= 60 or not 0 <= args.poll_interval <= 0.005:
        raise SystemExit("samples 1..10000, timeout 0..60 s, poll interval 0..0.005 s")

    publisher = Client(*loopback_url(args.publisher))
    feed = Client(*loopback_url(args.feed))
    token = Path(args.token_file).read_text(encoding="utf-8").strip()
    post_headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    run = uuid.uuid4().hex[:8]
    pauses = random.Random(run)

    latencies, failures, polls_total = [], 0, 0
    _, etag, _ = feed.request("GET", args.feed_path)
    for n in range(1, args.samples + 1):
        time.sleep(pauses.uniform(0, args.max_pause))
        article = {
            "title": f"Latency probe {n} of run {run}",
            "summary": "Published by benchmarks/publish_to_visible.py to time publish-to-visible.",
            "contentHtml": article_html(n),
            "categories": ["benchmark"],
            "authors": ["Feed Benchmark"],
        }
        status, _, body = publisher.request("POST", "/api/articles", json.dumps(article), post_headers)
        published = time.perf_counter()
        if status != 201:
            raise SystemExit(f"POST /api/articles answered {status}: {body[:300]!r}")
        needle = f"urn:uuid:{json.loads(body)['id']}".encode()
        deadline = published + args.timeout
        seen = None
        while seen is None and time.perf_counter() < deadline:
            status, new_etag, body = feed.request("GET", args.feed_path, headers={"If-None-Match": etag} if etag else {})
            polls_total += 1
            if status == 200:
                etag = new_etag
                if needle in body:
                    seen = time.perf_counter()
                    break
            elif status != 304:
                raise SystemExit(f"GET {args.feed_path} answered {status}")
            time.sleep(args.poll_interval)
        if seen is None:
            failures += 1
            print(f"sample {n}: not visible after {args.timeout} s", file=sys.stderr)
        else:
            latencies.append((seen - published) * 1000)
        if n % 10 == 0:
            print(f"  {n}/{args.samples} samples", file=sys.stderr)

    ordered = sorted(latencies)
    result = {
        "samples": args.samples,
        "visible": len(ordered),
        "failures": failures,
        "polls": polls_total,
        "p50_ms": round(percentile(ordered, 50), 1) if ordered else None,
        "p99_ms": round(percentile(ordered, 99), 1) if ordered else None,
        "max_ms": round(ordered[-1], 1) if ordered else None,
        "min_ms": round(ordered[0], 1) if ordered else None,
    }
    print(
        f"publish-to-visible over {result['visible']}/{args.samples} samples: p50 {result['p50_ms']} ms, "
        f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms ({failures} timed out)"
    )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

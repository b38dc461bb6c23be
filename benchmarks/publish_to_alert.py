#!/usr/bin/env python3
"""Publish-to-alert latency of the email alerts, against a running local stack.

It subscribes a fresh address (a random local part) to all articles through
notifier-service, reads the confirmation mail over IMAP from the stack's GreenMail and
opens its link. Then each sample publishes an article with a unique title through
publisher-service and polls the address's mailbox over IMAP (NOOP, then SEARCH SUBJECT)
until the alert for that article is there. The latency runs from the moment the POST's
201 answer has been read to the moment the SEARCH first finds the alert. Samples are
sequential; a random pause of up to --max-pause between them keeps them from falling into
step with the notifier's dispatch interval. At the end the address unsubscribes through
the one-click link of its last alert, so later articles do not mail it.

Standard library only. Talks to loopback addresses only. Every wait is bounded: each
sample gives up after --timeout seconds and counts as a failure. The notifier takes 10
subscription requests a minute from one client; a run makes one.

Usage: python3 benchmarks/publish_to_alert.py [--samples 30] [--json-out FILE]
Precondition: ./run-local.sh running in another terminal.
"""

import argparse
import email
import email.policy
import http.client
import imaplib
import json
import math
import random
import re
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/subscriptions/confirm\?token=[A-Za-z0-9_\-.~%=]+")


def loopback_url(url):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK:
        raise SystemExit(f"refusing {url}: only http://127.0.0.1 (loopback) is a target")
    return parts.hostname, parts.port or 80


def local_path(url, port):
    """The path and query of a link from a mail, if it points at this machine's port."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK or (parts.port or 80) != port:
        raise SystemExit(f"refusing {url}: the link does not point at the local notifier")
    return parts.path + ("?" + parts.query if parts.query else "")


def percentile(sorted_values, p):
    """Nearest-rank percentile: the smallest value with at least p% of samples at or below."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


class Client:
    """One keep-alive connection; reconnects once when the server closed it."""

    def __init__(self, host, port):
        self.connection = http.client.HTTPConnection(host, port, timeout=10)

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                if attempt == 2:
                    raise


class Mailbox:
    """The INBOX of one GreenMail address over IMAP; login and password are the address."""

    def __init__(self, host, port, address):
        self.host, self.port, self.address = host, port, address
        self.imap = None

    def open(self, deadline):
        """GreenMail makes the account when the first mail arrives; until then, login fails."""
        while time.monotonic() < deadline:
            imap = imaplib.IMAP4(self.host, self.port, timeout=10)
            try:
                imap.login(self.address, self.address)
                imap.select("INBOX")
                self.imap = imap
                return
            except imaplib.IMAP4.error:
                imap.logout()
                time.sleep(0.2)
        raise SystemExit(f"no mailbox for {self.address} on {self.host}:{self.port} in time")

    def find(self, subject_text):
        """Message numbers whose subject contains the text, as the server sees it now."""
        self.imap.noop()
        status, data = self.imap.search(None, "SUBJECT", '"' + subject_text + '"')
        if status != "OK":
            raise SystemExit(f"IMAP SEARCH answered {status}: {data!r}")
        return data[0].split()

    def message(self, number):
        status, data = self.imap.fetch(number, "(RFC822)")
        if status != "OK":
            raise SystemExit(f"IMAP FETCH answered {status}")
        return email.message_from_bytes(data[0][1], policy=email.policy.default)

    def close(self):
        if self.imap is not None:
            try:
                self.imap.logout()
            except (imaplib.IMAP4.error, OSError):
                pass


def wait_for(mailbox, subject_text, deadline, poll_interval):
    while time.monotonic() < deadline:
        found = mailbox.find(subject_text)
        if found:
            return found
        time.sleep(poll_interval)
    return None


def text_of(message):
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def subscribe(notifier, notifier_port, mailbox, address, timeout):
    status, body = notifier.request(
        "POST",
        "/api/subscriptions",
        json.dumps({"email": address, "categories": []}),
        {"Content-Type": "application/json"},
    )
    if status == 429:
        raise SystemExit(f"the notifier refused the subscription for now (429: {body[:200]!r}); try again in a minute")
    if status != 202:
        raise SystemExit(f"POST /api/subscriptions answered {status}: {body[:300]!r}")
    deadline = time.monotonic() + timeout
    mailbox.open(deadline)
    found = wait_for(mailbox, "Confirm your subscription", deadline, 0.05)
    if not found:
        raise SystemExit(f"no confirmation mail for {address} within {timeout} s")
    link = CONFIRM_LINK.search(text_of(mailbox.message(found[-1])))
    if not link:
        raise SystemExit("the confirmation mail has no confirmation link")
    status, body = notifier.request("GET", local_path(link.group(0), notifier_port))
    if status != 200 or b"confirmed" not in body:
        raise SystemExit(f"confirming answered {status}: {body[:300]!r}")


def unsubscribe(notifier, notifier_port, message):
    """RFC 8058 one-click, with the List-Unsubscribe URL of an alert."""
    header = str(message.get("List-Unsubscribe", ""))
    match = re.search(r"<(https?://[^>]+)>", header)
    if not match:
        return False
    status, _ = notifier.request(
        "POST",
        local_path(match.group(1), notifier_port),
        "List-Unsubscribe=One-Click",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    return status == 200


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publisher", default="http://127.0.0.1:8081")
    parser.add_argument("--notifier", default="http://127.0.0.1:8083")
    parser.add_argument("--imap-host", default="127.0.0.1")
    parser.add_argument("--imap-port", type=int, default=3143)
    parser.add_argument("--token-file", default=str(Path(__file__).resolve().parent.parent / "data" / "api-token"))
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds one sample may take")
    parser.add_argument("--poll-interval", type=float, default=0.01, help="seconds between two IMAP polls")
    parser.add_argument("--max-pause", type=float, default=0.3, help="largest pause between samples")
    parser.add_argument("--json-out", help="also write the results here as JSON")
    args = parser.parse_args()
    if not 1 <= args.samples <= 1000 or not 0 < args.timeout <= 60 or not 0 <= args.poll_interval <= 0.02:
        raise SystemExit("samples 1..1000, timeout 0..60 s, poll interval 0..0.02 s")
    if args.imap_host not in LOOPBACK:
        raise SystemExit(f"refusing IMAP host {args.imap_host}: only 127.0.0.1 (loopback) is a target")

    publisher = Client(*loopback_url(args.publisher))
    notifier_host, notifier_port = loopback_url(args.notifier)
    notifier = Client(notifier_host, notifier_port)
    token = Path(args.token_file).read_text(encoding="utf-8").strip()
    post_headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    run = uuid.uuid4().hex[:8]
    pauses = random.Random(run)
    address = f"alert-probe-{uuid.uuid4().hex[:12]}@alerts.example"
    mailbox = Mailbox(args.imap_host, args.imap_port, address)

    print(f"  subscribing {address} and confirming", file=sys.stderr)
    latencies, failures, polls_total, last_alert = [], 0, 0, None
    try:
        subscribe(notifier, notifier_port, mailbox, address, 30)
        for n in range(1, args.samples + 1):
            time.sleep(pauses.uniform(0, args.max_pause))
            title = f"Alert probe {run}-{n:04d}"
            article = {
                "title": title,
                "summary": "Published by benchmarks/publish_to_alert.py to time publish-to-alert.",
                "contentHtml": f"<p>Latency probe {n} of run {run}.</p>",
                "categories": ["benchmark"],
                "authors": ["Notifier Benchmark"],
            }
            status, body = publisher.request("POST", "/api/articles", json.dumps(article), post_headers)
            published = time.perf_counter()
            if status != 201:
                raise SystemExit(f"POST /api/articles answered {status}: {body[:300]!r}")
            deadline = time.monotonic() + args.timeout
            seen = None
            while seen is None and time.monotonic() < deadline:
                found = mailbox.find(title)
                polls_total += 1
                if found:
                    seen = time.perf_counter()
                    last_alert = found[-1]
                    break
                time.sleep(args.poll_interval)
            if seen is None:
                failures += 1
                print(f"sample {n}: no alert after {args.timeout} s", file=sys.stderr)
            else:
                latencies.append((seen - published) * 1000)
            if n % 10 == 0:
                print(f"  {n}/{args.samples} samples", file=sys.stderr)
        if last_alert is None or not unsubscribe(notifier, notifier_port, mailbox.message(last_alert)):
            print(f"could not unsubscribe {address}; later articles will mail it", file=sys.stderr)
    finally:
        mailbox.close()

    ordered = sorted(latencies)
    result = {
        "samples": args.samples,
        "arrived": len(ordered),
        "failures": failures,
        "polls": polls_total,
        "p50_ms": round(percentile(ordered, 50), 1) if ordered else None,
        "p99_ms": round(percentile(ordered, 99), 1) if ordered else None,
        "max_ms": round(ordered[-1], 1) if ordered else None,
        "min_ms": round(ordered[0], 1) if ordered else None,
    }
    print(
        f"publish-to-alert over {result['arrived']}/{args.samples} samples: p50 {result['p50_ms']} ms, "
        f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms ({failures} timed out)"
    )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

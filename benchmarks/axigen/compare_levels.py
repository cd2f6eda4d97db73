#!/usr/bin/env python3
"""Compares what smtptrail answered for one generated Axigen corpus, written at both log levels, with the
generator's expected rows (issue 15). Run by benchmarks/axigen/levels.sh, which leaves in OUT_DIR/<level>/ the
generator's expected.tsv and `smtptrail trace --format json --limit 0` in trace.jsonl.

    python3 benchmarks/axigen/compare_levels.py OUT_DIR

A row is named by (Message-ID, recipient): "-" for the rows without one (non-delivery reports, refusals at
SMTP-IN), of which one corpus has several per name, so rows are compared as multisets: a verdict is right when the
expected multiset of that name holds it. Prints, per level, right verdicts and right (verdict, attempts) out of the
expected rows, the rows nobody expected, the verdicts per kind; then the rows whose verdict differs between the two
levels; and, at the default level, how many remote rows got a relay from an SMTP-OUT "connected to" line, whether it
is the MX the generator used for the recipient's domain, and how many rows have that line among their evidence (and
whether it is the line of a session the protocol level's conversation tied to the same row).
"""

import collections
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_corpus as corpus  # noqa: E402

LEVELS = ("protocol", "default")


def expected(folder):
    rows = collections.defaultdict(list)
    with open(os.path.join(folder, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            mid, recipient, verdict, attempts = line.rstrip("\n").split("\t")
            rows[(mid, recipient.lower())].append((verdict, int(attempts)))
    return rows


def actual(folder):
    rows = collections.defaultdict(list)
    with open(os.path.join(folder, "trace.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                rows[(row.get("message_id") or "-", (row.get("recipient") or "-").lower())].append(row)
    return rows


def matched(want, got):
    """How many of the wanted items the got list holds (multiset intersection)."""
    need = collections.Counter(want)
    have = collections.Counter(got)
    return sum(min(n, have[item]) for item, n in need.items())


def compare(folder, level):
    want, got = expected(folder), actual(folder)
    total = sum(len(v) for v in want.values())
    right = right_attempts = 0
    for name, rows in want.items():
        have = got.get(name, [])
        right += matched([v for v, _ in rows], [r["verdict"] for r in have])
        right_attempts += matched(rows, [(r["verdict"], r["attempts"]) for r in have])
    unexpected = sum(max(0, len(rows) - len(want.get(name, []))) for name, rows in got.items())
    kinds = collections.Counter(v for rows in want.values() for v, _ in rows)
    answered = collections.Counter(r["verdict"] for rows in got.values() for r in rows)
    print("%-8s right verdicts %d of %d (%.1f %%); right verdict and attempts %d (%.1f %%); rows nobody expected %d"
          % (level, right, total, 100.0 * right / total, right_attempts, 100.0 * right_attempts / total, unexpected))
    print("         expected %s" % dict(sorted(kinds.items())))
    print("         answered %s" % dict(sorted(answered.items())))
    return want, got


def relays(got):
    """Remote rows with a relay, and of those how many name the MX of the recipient's domain."""
    mx = {domain: ip for domain, _, ip in corpus.REMOTES}
    remote = with_relay = right = 0
    for rows in got.values():
        for row in rows:
            domain = (row.get("recipient") or "").rpartition("@")[2]
            if domain not in mx or row["verdict"] not in ("HANDED_OVER", "DEFERRED", "BOUNCED"):
                continue
            remote += 1
            if row.get("relay"):
                with_relay += 1
                right += ("[%s]" % mx[domain]) in row["relay"]
    return remote, with_relay, right


def connect_lines(row):
    """The SMTP-OUT connection lines among a row's evidence (the text as in the file)."""
    return sorted(e["text"] for e in row.get("evidence", []) if " SMTP-OUT:" in e["text"] and "connect" in e["text"]
                  and " 16 " not in e["text"])


def tied(protocol, default):
    """Default-level rows with a connection line as evidence, and how many have only lines the protocol level's
    conversations tied to the same row (a retried row has one per try)."""
    with_line = same = 0
    for name, rows in default.items():
        if len(rows) != 1 or len(protocol.get(name, [])) != 1:
            continue
        lines = connect_lines(rows[0])
        if lines:
            with_line += 1
            same += set(lines) <= set(connect_lines(protocol[name][0]))
    return with_line, same


def main():
    out = sys.argv[1]
    results = {level: compare(os.path.join(out, level), level) for level in LEVELS}
    (_, protocol), (want_default, default) = results["protocol"], results["default"]
    same = differ = 0
    for name in want_default:
        a = sorted(r["verdict"] for r in protocol.get(name, []))
        b = sorted(r["verdict"] for r in default.get(name, []))
        if a == b:
            same += 1
        else:
            differ += 1
            if differ <= 10:
                print("differs: %s %s protocol=%s default=%s" % (name[0], name[1], a, b))
    print("names visible at both levels: %d with the same verdicts, %d differing" % (same, differ))
    remote, with_relay, right = relays(default)
    print("default level: %d remote rows, %d with a relay from SMTP-OUT (%.1f %%), %d of them the recipient domain's MX"
          % (remote, with_relay, 100.0 * with_relay / max(1, remote), right))
    with_line, same = tied(protocol, default)
    print("default level: %d rows with an SMTP-OUT connection line as evidence, %d of them only lines of sessions"
          " the protocol level tied to the row" % (with_line, same))


if __name__ == "__main__":
    main()

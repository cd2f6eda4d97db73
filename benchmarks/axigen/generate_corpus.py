#!/usr/bin/env python3
"""Writes a large Axigen corpus (one native everything.txt) and the expected verdict of every (message, recipient),
for benchmarks of smtptrail's Axigen support.

    python3 benchmarks/axigen/generate_corpus.py OUT_DIR --messages 100000 [--seed 7] [--host mx1]
        [--level protocol|default] [--deferred-share 0.03]

The lines come from sample-logs/axigen/generate.py's building blocks, so they have exactly the sample logs' shapes
(VERIFIED where shared/formats/axigen.md says so, the note's guess where it says INFERRED). The mix per message:
one to three recipients; 15% delivered to a local mailbox; of the relayed recipients most are accepted, 4% get a
550 at RCPT (with a non-delivery report to the local sender), 5% are greylisted and accepted 300 s later; 3% of
sessions have one recipient refused by Axigen's own SMTP-IN (REJECTED). Sessions overlap, so their lines interleave
as on a busy server. Deterministic for a seed; lines are written in batches, so memory stays small.

--deferred-share P (default 0, which leaves the corpus of a seed exactly as before the option existed) makes that
share of the relayed recipients end DEFERRED: tried twice, 300 s apart, and refused each time, half of them with a
4xx at RCPT, half by a connection that fails before any reply (an SMTP-OUT line at level 04).

--level picks what the server logs, with the same messages, ids and times either way (sample-logs/axigen/generate.py,
Log.visible): protocol (the default) writes every line, default writes only what Axigen's shipped log level 15
writes (no level-16 "<<"/">>" conversation lines). At the default level a recipient refused by SMTP-IN leaves no
line at all, so its row is left out of expected.tsv; every other row is the same at both levels.

OUT_DIR/expected.tsv has one line per (message, recipient): message-id (- for a non-delivery report, and for a
refusal at intake in a session whose every recipient was refused: neither has one), recipient, verdict, attempts.
"""

import argparse
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sample-logs", "axigen"))
import generate as ax  # noqa: E402

LOCAL = "example.com"
REMOTES = [("example.org", "mx.example.org", "198.51.100.25"), ("example.net", "mx.example.net", "198.51.100.30"),
           ("mail.example.net", "mx.mail.example.net", "198.51.100.31"),
           ("corp.example.org", "mx.corp.example.org", "203.0.113.20")]
NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "henry", "ivy", "kim", "liam", "mia", "noah",
         "olga", "paul", "quinn", "rita", "sam", "tina", "uma", "victor", "wendy", "yann", "zoe"]
BATCH = 500  # messages whose lines are sorted together


def recipient_plan(rng, deferred_share):
    """[(address, outcome)]: outcome is local, sent, bounced, greylisted, deferred or refused (at intake)."""
    plan, names = [], set()
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        name = "%s%d" % (rng.choice(NAMES), rng.randrange(500))
        while name in names:  # one recipient named twice is one row for smtptrail: keep them distinct
            name = "%s%d" % (rng.choice(NAMES), rng.randrange(500))
        names.add(name)
        roll = rng.random()
        if roll < 0.15:
            plan.append(("%s@%s" % (name, LOCAL), "local", None))
            continue
        remote = rng.choice(REMOTES)
        address = "%s@%s" % (name, remote[0])
        roll = rng.random()
        outcome = "bounced" if roll < 0.04 else "greylisted" if roll < 0.09 else "refused" if roll < 0.12 else "sent"
        if deferred_share and outcome == "sent" and rng.random() < deferred_share / 0.88:
            outcome = "deferred"
        plan.append((address, outcome, remote))
    return plan


def message(log, ids, rng, start, expected, store, deferred_share):
    sender = "%s@%s" % (rng.choice(NAMES), LOCAL)
    client_ip, port = "203.0.113.%d" % rng.randrange(2, 250), rng.randrange(40000, 65000)
    helo = sender.split("@")[0] + "-pc.example.com"
    sid, qid = ids.next_session(), ids.next_queue()
    mid = "<%s.%d@%s>" % (qid.lower(), rng.randrange(10 ** 9), helo)
    plan = recipient_plan(rng, deferred_share)
    size = rng.randrange(1500, 90000)
    ax.in_connect(log, start, sid, client_ip, port)
    ax.in_greeting(log, start, sid, helo)
    replies = [(a, "550 5.7.1 Relaying denied" if o == "refused" else "250 Recipient accepted") for a, o, _ in plan]
    accepted = ax.in_envelope(log, ax.plus(start, 1), sid, sender, replies, size)
    for address, outcome, _ in plan:
        if outcome == "refused":  # a row of the queued message when another recipient was accepted, else its own
            expected.append((mid if accepted else None, address, "REJECTED", 0))
    if not accepted:
        ax.in_quit(log, ax.plus(start, 1), sid, client_ip, port)
        return
    queued = ax.plus(start, 2)
    for address in accepted:
        ax.proc_intake(log, queued, qid, address)
    ax.new_mail(log, queued, sid, mid, helo, client_ip, sender, accepted, size, qid)
    ax.in_queued_reply(log, queued, sid)
    ax.in_quit(log, queued, sid, client_ip, port)
    relayed = ax.plus(start, 3)
    for address, outcome, remote in plan:
        if outcome == "local":
            store[0] += 1
            ax.proc_local(log, relayed, qid, address, store[0])
            expected.append((mid, address, "DELIVERED_LOCALLY", 1))
        elif outcome in ("sent", "greylisted", "bounced", "deferred"):
            relay(log, ids, rng, relayed, qid, sender, address, outcome, remote, expected, mid, store)


def relay(log, ids, rng, time, qid, sender, address, outcome, remote, expected, mid, store):
    domain, mx_name, mx_ip = remote
    accepted = ["250 2.0.0 Ok: queued as %010X" % rng.randrange(16 ** 10)]
    if outcome == "bounced":
        ax.out_session(log, time, ids.next_session(), rng.randrange(40000, 65000), mx_name, mx_ip, sender,
                       [(address, ["550 5.1.1 <%s>: Recipient address rejected: User unknown" % address])])
        ax.proc_state(log, time, qid, address, "FAILED", level=2)
        store[0] += 1
        ax.ndr(log, ax.plus(time, 1), ids.next_queue(), sender, store[0])
        expected.append((mid, address, "BOUNCED", 1))
        expected.append((None, sender, "DELIVERED_LOCALLY", 1))  # the non-delivery report
        return
    if outcome == "deferred":
        refused_connection = rng.random() < 0.5
        for delay in (0, 300):  # the first retry after schedInterval (VERIFIED default 300 s); still refused
            at = ax.plus(time, delay)
            if refused_connection:
                ax.out_connect_failed(log, at, ids.next_session(), rng.randrange(40000, 65000), mx_ip)
            else:
                ax.out_session(log, at, ids.next_session(), rng.randrange(40000, 65000), mx_name, mx_ip, sender,
                               [(address, ["451 4.3.0 <%s>: Temporary lookup failure" % address])])
            ax.proc_state(log, at, qid, address, "DEFERRED", level=4)
        expected.append((mid, address, "DEFERRED", 2))
        return
    attempts = 1
    if outcome == "greylisted":
        ax.out_session(log, time, ids.next_session(), rng.randrange(40000, 65000), mx_name, mx_ip, sender,
                       [(address, ["451 4.7.1 <%s>: Recipient address rejected: Greylisted" % address])])
        ax.proc_state(log, time, qid, address, "DEFERRED", level=4)
        time, attempts = ax.plus(time, 300), 2
    ax.out_session(log, time, ids.next_session(), rng.randrange(40000, 65000), mx_name, mx_ip, sender,
                   [(address, ["250 2.1.5 Ok"])], accepted, pipelining=rng.random() < 0.5)
    ax.proc_state(log, ax.plus(time, 1), qid, address, "SENT")
    expected.append((mid, address, "HANDED_OVER", attempts))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--messages", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--host", default="mx1", help="the server name in every line's host column")
    parser.add_argument("--level", choices=ax.LEVELS, default="protocol",
                        help="protocol: every line; default: only what Axigen's shipped log level 15 writes")
    parser.add_argument("--deferred-share", type=float, default=0.0,
                        help="share of relayed recipients that end DEFERRED (default 0: the corpus as before)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out_dir, exist_ok=True)
    ids = ax.Ids(0x00010000, 0x100000)
    store = [0]
    clock = ax.t(23, 0, 0, 0)
    with open(os.path.join(args.out_dir, "everything.txt"), "w", encoding="utf-8", newline="\n") as out, \
            open(os.path.join(args.out_dir, "expected.tsv"), "w", encoding="utf-8", newline="\n") as tsv:
        later = []  # lines of this batch timed after the next batch starts (retries): written with that batch
        for first in range(0, args.messages, BATCH):
            log, expected = ax.Log(args.host, "192.0.2.10", args.level), []
            log.entries.extend(later)
            for _ in range(min(BATCH, args.messages - first)):
                clock = ax.plus(clock, rng.randrange(0, 3))  # several sessions start in the same seconds
                message(log, ids, rng, clock, expected, store, args.deferred_share)
            last = first + BATCH >= args.messages
            later = [e for e in log.entries if e[0] >= clock and not last]
            for entry in log.lines():
                if last or entry[0] < clock:
                    out.write(ax.native_line(log, entry) + "\n")
            for mid, recipient, verdict, attempts in expected:
                if not log.visible_verdict(verdict):
                    continue
                tsv.write("%s\t%s\t%s\t%d\n" % (mid or "-", recipient, verdict, attempts))


if __name__ == "__main__":
    main()

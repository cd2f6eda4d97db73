#!/usr/bin/env python3
"""Writes a large Xeams corpus (the four outbound logs, rotated daily) and the expected verdict of every
(message, recipient), for benchmarks and soak tests of smtptrail's Xeams support.

    python3 benchmarks/xeams/generate_corpus.py OUT_DIR --messages 100000 [--seed 7]

Same line layouts as sample-logs/xeams (it uses that folder's xeams_logs.py): verified where the format note says
so, our guess where it says INFERRED. The mix: one to four recipients per message, grouped per destination domain
(one connection each); mostly delivered; 550 at RCPT; 554 after the data; greylisting, full mailboxes and rate
limits that are retried 30 minutes later under a new LCID; one domain whose MX never answers (retried every 4
hours, given up after 4 retries unless it comes back); some connections carry a second message from another
sender. Sessions overlap in time, so dialogues interleave in the file as in a busy server. Deterministic for a seed;
memory stays small (lines are streamed out as the simulated clock moves on).

OUT_DIR/expected.tsv has one line per (message part, recipient): key, recipient, verdict, attempts. The key's host
is OUT_DIR's folder name (smtptrail's default label for Xeams logs); index with that folder name, or adapt.
"""

import argparse
import datetime as dt
import heapq
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sample-logs", "xeams"))
import xeams_logs as xl  # noqa: E402

DOMAINS = [  # domain, MX address, MX name, answers at all
    ("example.net", "198.51.100.25", "mx1.example.net", True),
    ("example.org", "198.51.100.40", "mx.example.org", True),
    ("mail.example.net", "198.51.100.30", "mx.mail.example.net", True),
    ("corp.example.org", "203.0.113.20", "mx.corp.example.org", True),
    ("down.example.org", "203.0.113.7", "mx.down.example.org", False),
]
SENDERS = ["sales", "hr", "it", "news", "billing", "support", "alerts", "reports", "ceo", "ops"]
NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "henry", "ivy", "kim", "liam", "mia", "noah",
         "olga", "paul", "quinn", "rita", "sam", "tina", "uma", "victor", "wendy", "yann", "zoe"]
TEMPORARY = {
    "greylist": "451 4.7.1 <%s>: Recipient address rejected: Greylisted, please try again in 300 seconds",
    "full": "452 4.2.2 <%s>: Recipient address rejected: Mailbox full, try again later",
}
UNKNOWN = "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table"
SPAM = "554 5.7.1 Message rejected as spam by Content Filtering."
RATE = "421 4.7.28 Our system has detected an unusual rate of unsolicited mail, try again later"
RETRY_MINUTES = 30
REFUSED_RETRY_HOURS = 4
REFUSED_RETRIES = 4


class Part:
    """The recipients of one message at one destination: they travel together, first attempt and retries."""

    def __init__(self, sender, subject, size, domain, recipients, kind):
        self.sender, self.subject, self.size, self.domain = sender, subject, size, domain
        self.recipients = recipients
        self.kind = kind  # what the destination does with the pending recipients: greylist, full, rate, refused
        self.key = None
        self.outcomes = {r: [] for r in recipients}
        self.pending = []
        self.retries = 0
        self.gave_up = False


def expected_lines(part, host):
    for recipient, outcomes in part.outcomes.items():
        if not outcomes:
            continue  # the connection closed before this message was sent: the logs never name it
        statuses = [o.status for o in outcomes]
        verdict = ("HANDED_OVER" if "sent" in statuses else "BOUNCED" if "bounced" in statuses
                   else "EXPIRED" if part.gave_up else "DEFERRED")
        yield "%s\t%s\t%s\t%d\n" % (part.key.replace("{host}", host), recipient, verdict, len(outcomes))


class Simulation:
    def __init__(self, folder, seed, host):
        self.rng = random.Random(seed)
        self.logs = xl.StreamingXeamsLogs(folder)
        self.lcids = xl.Lcids(self.rng)
        self.expected = open(os.path.join(folder, "expected.tsv"), "w", encoding="utf-8")
        self.expected.write("key\trecipient\tverdict\tattempts\n")
        self.host = host
        self.queue = []  # (time, sequence, part)
        self.sequence = 0
        self.messages = 0

    def new_parts(self):
        self.messages += 1
        sender = "%s@example.com" % self.rng.choice(SENDERS)
        subject = "Report %d, %s" % (self.messages, self.rng.choice(["final", "draft", "v2", "update"]))
        size = self.rng.randint(1500, 400000)
        by_domain = {}
        for _ in range(self.rng.choice([1, 1, 1, 1, 1, 1, 1, 2, 3, 4])):
            domain = self.rng.choices(DOMAINS, weights=[30, 30, 20, 18, 2])[0]
            recipient = "%s%d@%s" % (self.rng.choice(NAMES), self.rng.randint(1, 500), domain[0])
            if recipient not in by_domain.get(domain, []):
                by_domain.setdefault(domain, []).append(recipient)
        kinds = ["greylist", "full", "rate"]
        return [Part(sender, subject, size, domain, recipients,
                     "refused" if not domain[3] else self.rng.choice(kinds))
                for domain, recipients in by_domain.items()]

    def transaction(self, part, recipients, first):
        rcpt, data = {}, None
        for r in recipients:
            roll = self.rng.random()
            if first and roll < 0.03:
                rcpt[r] = UNKNOWN % r
            elif (first and roll < 0.09) or (not first and part.kind == "full" and roll < 0.5):
                if part.kind in TEMPORARY:
                    rcpt[r] = TEMPORARY[part.kind] % r
        if first and self.rng.random() < 0.02:
            data = SPAM
        elif part.kind == "rate" and (first and self.rng.random() < 0.02 or not first and self.rng.random() < 0.3):
            data = RATE
        return xl.Transaction(part.sender, recipients, part.subject, part.size, rcpt_replies=rcpt, data_reply=data)

    def attempt(self, t, part, recipients, first):
        domain = part.domain
        lcid = self.lcids.take()
        if part.key is None:
            part.key = "xeams:{host}:%d/%s" % (lcid, part.sender)
        conn = xl.Connection(self.logs, self.rng, lcid, domain[1], domain[2], secure=self.rng.random() < 0.8)
        answers = domain[3] or (not first and self.rng.random() < 0.2)
        if not answers:
            end, outcomes = conn.refused(t, xl.Transaction(part.sender, recipients, part.subject, part.size))
        else:
            transactions = [self.transaction(part, recipients, first)]
            other = None
            if first and self.rng.random() < 0.1:  # a second message on the same connection
                other = Part("%s@example.com" % self.rng.choice(SENDERS), "Notice %d" % self.messages, 3000, domain,
                             ["%s%d@%s" % (self.rng.choice(NAMES), self.rng.randint(501, 999), domain[0])], "full")
                other.key = "xeams:{host}:%d/%s" % (lcid, other.sender)
                transactions.append(xl.Transaction(other.sender, other.recipients, other.subject, other.size))
            end, outcomes = conn.run(t, transactions)
            if other is not None:
                self.settle(end, other, [o for o in outcomes if o.recipient in other.outcomes], lcid, first=True)
                outcomes = [o for o in outcomes if o.recipient not in other.outcomes]
        self.settle(end, part, outcomes, lcid, first)

    def settle(self, end, part, outcomes, lcid, first):
        part.pending = []
        for outcome in outcomes:
            part.outcomes[outcome.recipient].append(outcome)
            if outcome.status == "deferred":
                part.pending.append(outcome.recipient)
            elif outcome.status == "bounced" and first:
                xl.queue_permanent(self.logs, end + dt.timedelta(milliseconds=8), lcid, outcome.recipient,
                                   outcome.reply[:10] + "rejected")
            elif outcome.status == "sent" and not first:
                xl.queue_retry_succeeded(self.logs, end + dt.timedelta(milliseconds=9), lcid, part.retries,
                                         outcome.recipient)
        if not part.pending:
            self.expected.writelines(expected_lines(part, self.host))
            return
        refused = part.kind == "refused"
        reason = (outcomes[0].reply or "No Server Listening on Port 25")[:60]
        if refused and part.retries >= REFUSED_RETRIES:
            part.gave_up = True
            for recipient in part.pending:
                xl.queue_gave_up(self.logs, end + dt.timedelta(milliseconds=30), self.lcids.take(), part.retries,
                                 recipient, part.sender)
            self.expected.writelines(expected_lines(part, self.host))
            return
        wait = dt.timedelta(hours=REFUSED_RETRY_HOURS) if refused else dt.timedelta(minutes=RETRY_MINUTES)
        if first:
            xl.queue_queued(self.logs, end + dt.timedelta(milliseconds=10), lcid, part.pending, part.sender, reason)
        else:
            for recipient in part.pending:
                xl.queue_retry_failed(self.logs, end + dt.timedelta(milliseconds=10), lcid, part.retries, recipient,
                                      reason, int(wait.total_seconds() // 60))
        self.sequence += 1
        heapq.heappush(self.queue, (end + wait, self.sequence, part))

    def run(self, messages, start):
        clock = start
        arrived = 0
        while arrived < messages or self.queue:
            next_new = clock + dt.timedelta(milliseconds=int(self.rng.expovariate(1 / 1500.0)))
            if arrived < messages and (not self.queue or next_new <= self.queue[0][0]):
                clock = next_new
                arrived += 1
                self.logs.flush_before(clock - dt.timedelta(minutes=5))
                for part in self.new_parts():
                    self.attempt(clock, part, part.recipients, first=True)
            else:
                clock, _, part = heapq.heappop(self.queue)
                if arrived >= messages and clock > start + dt.timedelta(days=3):
                    break  # the logs end with these still queued
                self.logs.flush_before(clock - dt.timedelta(minutes=5))
                part.retries += 1
                self.attempt(clock, part, list(part.pending), first=False)
        for _, _, part in self.queue:
            self.expected.writelines(expected_lines(part, self.host))
        self.logs.close()
        self.expected.close()
        return self.logs.lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the logs and expected.tsv into (created if missing)")
    parser.add_argument("--messages", type=int, default=10000, help="messages to send (default 10000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    host = os.path.basename(os.path.abspath(args.out)).lower()
    lines = Simulation(args.out, args.seed, host).run(args.messages, dt.datetime(2026, 3, 2, 8, 0, 0))
    print("%d messages, %d lines in %s" % (args.messages, lines, args.out))


if __name__ == "__main__":
    main()

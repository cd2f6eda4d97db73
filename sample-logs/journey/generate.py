#!/usr/bin/env python3
"""Regenerates the journey sample logs in this folder and expected.jsonl beside them.

    python3 sample-logs/journey/generate.py            # writes into the folder of this script

Messages that cross two of our servers: Xeams (mail.example.com) and a Postfix (mx1) hand messages over to the
Postfix mx2, whose log continues them: mx2's queue id is the one named in the previous server's
"250 2.0.0 Ok: queued as ..." reply, and mx2's smtpd logs the previous server as client=. Deterministic (seed
20260302). The Xeams lines are written by sample-logs/xeams/xeams_logs.py, the Postfix lines by postfix_lines.py.
"""

import datetime as dt
import json
import os
import random
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the sample logs (smtptrail indexes the whole folder)
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "xeams"))
sys.path.insert(0, HERE)
import postfix_lines as pl  # noqa: E402
import xeams_logs as xl  # noqa: E402

SEED = 20260302
DAY = dt.datetime(2026, 3, 2)
XEAMS_LABEL = xl.XEAMS_HOST  # the folder of the Xeams logs is named after the host: smtptrail's host label
XEAMS_CLIENT = "%s[%s]" % (xl.XEAMS_HOST, xl.XEAMS_IP)
MX1_CLIENT = "mx1.example.com[192.0.2.30]"
MX2_NAME, MX2_IP = "mx2.example.com", "192.0.2.20"
MX2_RELAY = "%s[%s]:25" % (MX2_NAME, MX2_IP)


class Journeys:
    """The expected row of every journey: one per (first server's message, recipient)."""

    def __init__(self):
        self.rows = []

    def add(self, scenario, recipient, verdict, hops, message_id=None, category=None, reply_code=None, attempts=1):
        self.rows.append({"scenario": scenario, "key": hops[0]["key"], "recipient": recipient, "verdict": verdict,
                          "category": category, "reply_code": reply_code, "attempts": attempts,
                          "message_id": message_id, "hops": hops})

    def jsonl(self):
        return "".join(json.dumps(row) + "\n" for row in self.rows)


def hop(host, key, verdict, link=None):
    return {"host": host, "key": key, "verdict": verdict, "link": link}


def xeams_key(lcid, sender):
    return "xeams:%s:%d/%s" % (XEAMS_LABEL, lcid, sender)


def main(folder):
    rng = random.Random(SEED)
    xeams = xl.XeamsLogs()
    lcids = xl.Lcids(rng)
    mx1 = pl.PostfixLog("mx1", rng)
    mx2 = pl.PostfixLog("mx2", rng)
    expect = Journeys()
    ms = lambda n: dt.timedelta(milliseconds=n)  # noqa: E731

    def xeams_to_mx2(start, sender, recipients, subject, size, message_id):
        """Xeams relays a message to mx2; mx2 queues it under the id Xeams' 250 reply names. Returns the Xeams
        key, the mx2 message and when the hand-over ended."""
        qid = mx2.queue_id()
        lcid = lcids.take()
        tx = xl.Transaction(sender, recipients, subject, size, data_reply="250 2.0.0 Ok: queued as " + qid)
        end, _ = xl.Connection(xeams, rng, lcid, MX2_IP, MX2_NAME).run(start, [tx])
        message = pl.Message(mx2, qid, sender, recipients, message_id, size + 612)
        message.received_smtp(start + ms(150), XEAMS_CLIENT, data_end=end - ms(50))
        return xeams_key(lcid, sender), message, end

    # J1: Xeams → mx2, two recipients stored in mailboxes on mx2.
    key, m, end = xeams_to_mx2(DAY.replace(hour=9, minute=15, second=4, microsecond=211000), "news@example.net",
                               ["alice@example.com", "bob@example.com"], "March newsletter", 88000,
                               "j1.newsletter@example.net")
    for i, recipient in enumerate(m.recipients):
        m.local(end + ms(120 + 15 * i), recipient)
        expect.add("J1", recipient, "DELIVERED_LOCALLY", [hop(XEAMS_LABEL, key, "HANDED_OVER"),
                   hop("mx2", "postfix:mx2:" + m.qid, "DELIVERED_LOCALLY", "queue-id")],
                   message_id="<j1.newsletter@example.net>")
    m.removed(end + ms(160))

    # J2: Xeams → mx2 → the recipient's MX accepts: handed over by the last hop (whose remote id is foreign).
    key, m, end = xeams_to_mx2(DAY.replace(hour=9, minute=40, second=12, microsecond=5000), "sales@example.com",
                               ["carol@example.net"], "Quote 88-2", 22100, "j2.quote@example.com")
    m.remote(end + ms(410), "carol@example.net", "mx.example.net[198.51.100.30]:25",
             "250 2.0.0 Ok: queued as 9A8B7C6D5E")
    m.removed(end + ms(420))
    expect.add("J2", "carol@example.net", "HANDED_OVER", [hop(XEAMS_LABEL, key, "HANDED_OVER"),
               hop("mx2", "postfix:mx2:" + m.qid, "HANDED_OVER", "queue-id")],
               message_id="<j2.quote@example.com>", reply_code=250)

    # J3: Xeams → mx2 → the recipient's MX rate-limits twice: still deferred on the second hop.
    key, m, end = xeams_to_mx2(DAY.replace(hour=10, minute=5, second=30, microsecond=870000), "reports@example.com",
                               ["dave@example.org"], "Weekly KPI report", 250000, "j3.kpi@example.com")
    reply = "421 4.7.0 Too many connections from your network, try again later"
    m.remote(end + ms(900), "dave@example.org", "mx.example.org[198.51.100.40]:25", reply, stage="MAIL FROM")
    m.queue_run(end + dt.timedelta(minutes=5, milliseconds=900))
    m.remote(end + dt.timedelta(minutes=5, milliseconds=1400), "dave@example.org", "mx.example.org[198.51.100.40]:25",
             reply, stage="MAIL FROM")
    expect.add("J3", "dave@example.org", "DEFERRED", [hop(XEAMS_LABEL, key, "HANDED_OVER"),
               hop("mx2", "postfix:mx2:" + m.qid, "DEFERRED", "queue-id")],
               message_id="<j3.kpi@example.com>", category="rate-limited", reply_code=421, attempts=2)

    # J4: Xeams → mx2 → the recipient's MX does not know the address: bounced on the second hop.
    key, m, end = xeams_to_mx2(DAY.replace(hour=10, minute=31, second=2, microsecond=120000), "it@example.com",
                               ["erin@example.org"], "Password reset instructions", 4096, "j4.reset@example.com")
    m.remote(end + ms(700), "erin@example.org", "mx.example.org[198.51.100.40]:25",
             "550 5.1.1 <erin@example.org>: Recipient address rejected: User unknown in virtual mailbox table")
    m.removed(end + ms(720))
    expect.add("J4", "erin@example.org", "BOUNCED", [hop(XEAMS_LABEL, key, "HANDED_OVER"),
               hop("mx2", "postfix:mx2:" + m.qid, "BOUNCED", "queue-id")],
               message_id="<j4.reset@example.com>", category="recipient-unknown", reply_code=550)

    # J5: Xeams hands over to mx3, a server of ours whose log is not indexed: the journey ends there, HANDED_OVER.
    lcid = lcids.take()
    tx = xl.Transaction("ops@example.com", ["frank@example.com"], "Nightly backup OK", 1800,
                        data_reply="250 2.0.0 Ok: queued as 5E4D3C2B1A")
    xl.Connection(xeams, rng, lcid, "192.0.2.40", "mx3.example.com").run(
        DAY.replace(hour=11, minute=2, second=45, microsecond=10000), [tx])
    key = xeams_key(lcid, tx.sender)
    expect.add("J5", "frank@example.com", "HANDED_OVER", [hop(XEAMS_LABEL, key, "HANDED_OVER")], reply_code=250)

    # J6: mx1 (Postfix, local submission) → mx2 → greylisted at the recipient's MX, accepted on the retry. Both
    # Postfix hosts log the Message-ID; mx1's relay names mx2 and mx2's client names mx1.
    qid2 = mx2.queue_id()
    first = pl.Message(mx1, mx1.queue_id(), "grace@example.com", ["henry@example.org"], "j6.agenda@example.com", 15200)
    t = first.picked_up(DAY.replace(hour=11, minute=30, second=0, microsecond=5000))
    second = pl.Message(mx2, qid2, first.sender, first.recipients, first.message_id, first.size + 480)
    second.received_smtp(t + ms(60), MX1_CLIENT)
    first.remote(t + ms(420), "henry@example.org", MX2_RELAY, "250 2.0.0 Ok: queued as " + qid2)
    first.removed(t + ms(430))
    relay = "mx.example.org[198.51.100.40]:25"
    second.remote(t + ms(900), "henry@example.org", relay, "451 4.7.1 <henry@example.org>: Recipient address "
                  "rejected: Greylisted, please try again in 300 seconds")
    second.queue_run(t + dt.timedelta(minutes=6))
    second.remote(t + dt.timedelta(minutes=6, milliseconds=380), "henry@example.org", relay,
                  "250 2.0.0 Ok: queued as 77E1F0A2B3")
    second.removed(t + dt.timedelta(minutes=6, milliseconds=390))
    expect.add("J6", "henry@example.org", "HANDED_OVER", [hop("mx1", "postfix:mx1:" + first.qid, "HANDED_OVER"),
               hop("mx2", "postfix:mx2:" + qid2, "HANDED_OVER", "queue-id")],
               message_id="<j6.agenda@example.com>", reply_code=250, attempts=2)

    # J7: a decoy. Xeams hands a message for kim@ to the recipient's own MX, which answers with an id that mx2
    # happens to use three hours later for a message from outside for kim@ too: not the same journey.
    lcid = lcids.take()
    decoy_qid = "D00DFEED42"
    tx = xl.Transaction("sales@example.com", ["kim@example.net"], "Re: delivery dates", 9700,
                        data_reply="250 2.0.0 Ok: queued as " + decoy_qid)
    xl.Connection(xeams, rng, lcid, "198.51.100.30", "mx.example.net").run(
        DAY.replace(hour=12, minute=10, second=3, microsecond=400000), [tx])
    key = xeams_key(lcid, tx.sender)
    expect.add("J7", "kim@example.net", "HANDED_OVER", [hop(XEAMS_LABEL, key, "HANDED_OVER")], reply_code=250)
    other = pl.Message(mx2, decoy_qid, "newsletter@outside.example.org", ["kim@example.net"],
                       "j7.other@outside.example.org", 30120)
    t = other.received_smtp(DAY.replace(hour=15, minute=10, second=3, microsecond=400000),
                            "outside.example.org[203.0.113.5]")
    other.remote(t + ms(500), "kim@example.net", "mx.example.net[198.51.100.30]:25", "250 2.0.0 Ok: queued as 1C2D3E4F5A")
    other.removed(t + ms(510))
    expect.add("J7", "kim@example.net", "HANDED_OVER", [hop("mx2", "postfix:mx2:" + decoy_qid, "HANDED_OVER")],
               message_id="<j7.other@outside.example.org>", reply_code=250)

    xeams_folder = os.path.join(folder, XEAMS_LABEL)
    os.makedirs(xeams_folder, exist_ok=True)
    written = [os.path.join(XEAMS_LABEL, name) for name in xeams.write(xeams_folder)]
    for log in (mx1, mx2):
        os.makedirs(os.path.join(folder, log.host), exist_ok=True)
        log.write(os.path.join(folder, log.host, "mail.log"))
        written.append(os.path.join(log.host, "mail.log"))
    with open(os.path.join(folder, "expected.jsonl"), "w", encoding="utf-8") as out:
        out.write(expect.jsonl())
    return written


if __name__ == "__main__":
    for name in main(sys.argv[1] if len(sys.argv) > 1 else HERE):
        print(name)

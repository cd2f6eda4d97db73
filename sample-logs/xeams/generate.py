#!/usr/bin/env python3
"""Regenerates the Xeams sample logs in this folder and expected.jsonl beside them.

    python3 sample-logs/xeams/generate.py            # writes into the folder of this script

Deterministic (seed 20260302): running it again rewrites the same bytes. Every line is generated from the
scenarios below after the layouts in shared/formats/xeams.md; none is copied from a real Xeams log. See README.md
for which parts of each layout are verified and which are our guess.
"""

import datetime as dt
import json
import os
import random
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the sample logs (smtptrail indexes the whole folder)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xeams_logs as xl  # noqa: E402

SEED = 20260302
HOST_LABEL = "xeams"  # smtptrail's host label for this folder: the folder's name
DAY1 = dt.datetime(2026, 3, 2)
DAY2 = dt.datetime(2026, 3, 3)
# M12 and M13 log in to a smart host. Made up for the sample, logged in base64 as Xeams logs them; smtptrail masks
# them (CredentialsCliIT checks that neither these nor their base64 reach the index or any output).
RELAY_USER = "xeams-relay@example.com"
RELAY_PASSWORD = "Sample-Relay-Pa55"


class Expectations:
    """The expected row of every (message, recipient), derived from the outcomes the scenarios produce."""

    def __init__(self):
        self.rows = {}
        self.order = []

    def message(self, label, first_lcid, sender, recipients, categories=None):
        key = "xeams:%s:%d/%s" % (HOST_LABEL, first_lcid, sender)
        for recipient in recipients:
            self.rows[(label, recipient)] = {
                "scenario": label, "key": key, "recipient": recipient, "outcomes": [], "gave_up": False,
                "files": {xl.CONVERSATION}, "category": (categories or {}).get(recipient)}
            self.order.append((label, recipient))

    def outcomes(self, label, outcomes):
        for outcome in outcomes:
            row = self.rows[(label, outcome.recipient)]
            row["outcomes"].append(outcome)
            row["files"].add(xl.SUCCESS if outcome.status == "sent" else xl.FAILURE)

    def queue(self, label, recipient):
        self.rows[(label, recipient)]["files"].add(xl.QUEUE)

    def gave_up(self, label, recipient):
        self.rows[(label, recipient)]["gave_up"] = True
        self.queue(label, recipient)

    def jsonl(self):
        lines = []
        for label, recipient in self.order:
            row = self.rows[(label, recipient)]
            outcomes = row["outcomes"]
            sent = [o for o in outcomes if o.status == "sent"]
            bounced = [o for o in outcomes if o.status == "bounced"]
            if sent:
                verdict, deciding = "HANDED_OVER", sent[-1]
            elif bounced:
                verdict, deciding = "BOUNCED", bounced[-1]
            elif row["gave_up"]:
                verdict, deciding = "EXPIRED", outcomes[-1]
            else:
                verdict, deciding = "DEFERRED", outcomes[-1]
            lines.append(json.dumps({
                "scenario": label,
                "key": row["key"],
                "message_id": None,
                "recipient": recipient,
                "verdict": verdict,
                "category": None if verdict == "HANDED_OVER" else row["category"],
                "reply_code": int(deciding.reply[:3]) if deciding.reply else None,
                "attempts": len(outcomes),
                "files": sorted(row["files"]),
            }))
        return "\n".join(lines) + "\n"


def main(folder):
    rng = random.Random(SEED)
    logs = xl.XeamsLogs()
    lcids = xl.Lcids(rng)
    expect = Expectations()
    ms = lambda n: dt.timedelta(milliseconds=n)  # noqa: E731

    # Sessions are written in time order, so the LCIDs (a global counter) grow with time as in a real log.

    # M1: three recipients, mixed: alice accepted; bob's mailbox full (452), accepted on the retry 30 minutes
    # later under a new LCID; zoe unknown (550).
    m1 = xl.Transaction("sales@example.com", ["alice@example.net", "bob@example.net", "zoe@example.net"],
                        "Q1 invoice 4471, final", 18342,
                        rcpt_replies={
                            "bob@example.net": "452 4.2.2 <bob@example.net>: Recipient address rejected: "
                                               "Mailbox full, try again later",
                            "zoe@example.net": "550 5.1.1 <zoe@example.net>: Recipient address rejected: "
                                               "User unknown in virtual mailbox table"})
    lcid = lcids.take()
    expect.message("M1", lcid, m1.sender, m1.recipients,
                   {"bob@example.net": "mailbox-full", "zoe@example.net": "recipient-unknown"})
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.25", "mx1.example.net").run(
        DAY1.replace(hour=9, minute=15, second=4, microsecond=211000), [m1])
    expect.outcomes("M1", outcomes)
    xl.queue_queued(logs, end + ms(9), lcid, ["bob@example.net"], m1.sender, "452 4.2.2 Mailbox full, try again later")
    xl.queue_permanent(logs, end + ms(10), lcid, "zoe@example.net", "550 5.1.1 User unknown")
    expect.queue("M1", "bob@example.net")
    expect.queue("M1", "zoe@example.net")

    # M2: nothing listens on the recipient's MX: refused, retried four times (every 4 hours), then given up.
    m2 = xl.Transaction("hr@example.com", ["carol@example.org"], "Onboarding pack", 5120)
    lcid = lcids.take()
    expect.message("M2", lcid, m2.sender, m2.recipients, {"carol@example.org": "connection-failure"})
    end, outcomes = xl.Connection(logs, rng, lcid, "203.0.113.7", "mx.example.org").refused(
        DAY1.replace(hour=9, minute=20, second=11, microsecond=4000), m2)
    expect.outcomes("M2", outcomes)
    xl.queue_queued(logs, end + ms(14), lcid, m2.recipients, m2.sender, "No Server Listening on Port 25")
    expect.queue("M2", "carol@example.org")

    # M1's retry for bob: a new connection, a new LCID.
    xl.queue_run(logs, DAY1.replace(hour=9, minute=45, second=6, microsecond=900000), 2)
    lcid = lcids.take()
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.25", "mx1.example.net").run(
        DAY1.replace(hour=9, minute=45, second=7, microsecond=120000),
        [xl.Transaction(m1.sender, ["bob@example.net"], m1.subject, m1.size)])
    expect.outcomes("M1", outcomes)
    xl.queue_retry_succeeded(logs, end + ms(11), lcid, 1, "bob@example.net")

    # M3: 550 5.1.1 at RCPT TO: permanent, no DATA.
    m3 = xl.Transaction("sales@example.com", ["dave@example.net"], "Re: quote 88-2", 2210,
                        rcpt_replies={"dave@example.net": "550 5.1.1 <dave@example.net>: Recipient address "
                                                          "rejected: User unknown in virtual mailbox table"})
    lcid = lcids.take()
    expect.message("M3", lcid, m3.sender, m3.recipients, {"dave@example.net": "recipient-unknown"})
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.30", "mx.example.net").run(
        DAY1.replace(hour=10, minute=2, second=29, microsecond=870000), [m3])
    expect.outcomes("M3", outcomes)
    xl.queue_permanent(logs, end + ms(8), lcid, "dave@example.net", "550 5.1.1 User unknown")
    expect.queue("M3", "dave@example.net")

    # M4: recipient accepted, then 554 5.7.1 after the data (content filter).
    m4 = xl.Transaction("it@example.com", ["erin@example.org"], "Password reset instructions", 40960,
                        data_reply="554 5.7.1 Message rejected as spam by Content Filtering.")
    lcid = lcids.take()
    expect.message("M4", lcid, m4.sender, m4.recipients, {"erin@example.org": "spam-content"})
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.40", "mx.example.org").run(
        DAY1.replace(hour=10, minute=30, second=50, microsecond=120000), [m4])
    expect.outcomes("M4", outcomes)
    xl.queue_permanent(logs, end + ms(7), lcid, "erin@example.org", "554 5.7.1 Message rejected as spam")
    expect.queue("M4", "erin@example.org")

    # M5: two recipients of one message, both accepted on one connection.
    m5 = xl.Transaction("news@example.com", ["frank@example.net", "grace@example.net"], "March newsletter", 88000)
    lcid = lcids.take()
    expect.message("M5", lcid, m5.sender, m5.recipients)
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.25", "mx1.example.net").run(
        DAY1.replace(hour=11, minute=5, second=39, microsecond=300000), [m5])
    expect.outcomes("M5", outcomes)

    # M6 and M7: two messages from two senders on one connection (one LCID); the session overlaps M5's, so
    # the two dialogues interleave in the file.
    m6 = xl.Transaction("billing@example.com", ["henry@example.org"], "Invoice 2026-0301", 30120)
    m7 = xl.Transaction("support@example.com", ["ivy@example.org"], "Ticket #5521 update", 4400)
    lcid = lcids.take()
    expect.message("M6", lcid, m6.sender, m6.recipients)
    expect.message("M7", lcid, m7.sender, m7.recipients)
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.40", "mx.example.org", secure=False).run(
        DAY1.replace(hour=11, minute=5, second=39, microsecond=900000), [m6, m7])
    expect.outcomes("M6", [o for o in outcomes if o.recipient in m6.recipients])
    expect.outcomes("M7", [o for o in outcomes if o.recipient in m7.recipients])

    # M2's retries every 4 hours, each refused, then the queue gives up (under an LCID of its own).
    carol_retries = [DAY1.replace(hour=13, minute=20, second=11), DAY1.replace(hour=17, minute=20, second=11),
                     DAY1.replace(hour=21, minute=20, second=12), DAY2.replace(hour=1, minute=20, second=11)]

    def carol_retry(attempt):
        when = carol_retries[attempt - 1]
        xl.queue_run(logs, when - ms(400), 1)
        retry_lcid = lcids.take()
        retry_end, retry_outcomes = xl.Connection(logs, rng, retry_lcid, "203.0.113.7", "mx.example.org").refused(
            when + ms(rng.randint(2, 40)), m2)
        expect.outcomes("M2", retry_outcomes)
        if attempt < len(carol_retries):
            xl.queue_retry_failed(logs, retry_end + ms(12), retry_lcid, attempt, "carol@example.org",
                                  "No Server Listening on Port 25", 240)
        else:
            xl.queue_gave_up(logs, retry_end + ms(30), lcids.take(), len(carol_retries), "carol@example.org",
                             m2.sender)
            expect.gave_up("M2", "carol@example.org")

    carol_retry(1)

    # M8: greylisted (451 4.7.1) at RCPT, accepted on the retry 30 minutes later.
    m8 = xl.Transaction("alerts@example.com", ["ops@example.org"], "Nightly backup OK", 1800,
                        rcpt_replies={"ops@example.org": "451 4.7.1 <ops@example.org>: Recipient address rejected: "
                                                         "Greylisted, please try again in 300 seconds"})
    lcid = lcids.take()
    expect.message("M8", lcid, m8.sender, m8.recipients, {"ops@example.org": "greylisted"})
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.40", "mx.example.org").run(
        DAY1.replace(hour=14, minute=10, second=2, microsecond=40000), [m8])
    expect.outcomes("M8", outcomes)
    xl.queue_queued(logs, end + ms(6), lcid, m8.recipients, m8.sender, "451 4.7.1 Greylisted")
    expect.queue("M8", "ops@example.org")
    xl.queue_run(logs, DAY1.replace(hour=14, minute=40, second=2), 1)
    lcid = lcids.take()
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.40", "mx.example.org").run(
        DAY1.replace(hour=14, minute=40, second=2, microsecond=350000),
        [xl.Transaction(m8.sender, m8.recipients, m8.subject, m8.size)])
    expect.outcomes("M8", outcomes)
    xl.queue_retry_succeeded(logs, end + ms(9), lcid, 1, "ops@example.org")

    carol_retry(2)
    carol_retry(3)
    carol_retry(4)

    # Day 2 (the live files). M9: rate limited after the data (421 closes the connection), again on the retry:
    # still deferred when the logs end.
    m9 = xl.Transaction("reports@example.com", ["kim@example.net"], "Weekly KPI report", 250000,
                        data_reply="421 4.7.28 Our system has detected an unusual rate of unsolicited mail, "
                                   "try again later")
    lcid = lcids.take()
    expect.message("M9", lcid, m9.sender, m9.recipients, {"kim@example.net": "rate-limited"})
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.30", "mx.example.net").run(
        DAY2.replace(hour=8, minute=30, second=1, microsecond=500000), [m9])
    expect.outcomes("M9", outcomes)
    xl.queue_queued(logs, end + ms(5), lcid, m9.recipients, m9.sender, "421 4.7.28 try again later")
    expect.queue("M9", "kim@example.net")
    xl.queue_run(logs, DAY2.replace(hour=9, minute=0, second=1), 1)
    lcid = lcids.take()
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.30", "mx.example.net").run(
        DAY2.replace(hour=9, minute=0, second=1, microsecond=400000), [m9])
    expect.outcomes("M9", outcomes)
    xl.queue_retry_failed(logs, end + ms(10), lcid, 1, "kim@example.net", "421 4.7.28 try again later", 30)

    # M10: a plain delivery on day 2.
    m10 = xl.Transaction("sales@example.com", ["liam@example.org"], "Re: Re: delivery dates", 9700)
    lcid = lcids.take()
    expect.message("M10", lcid, m10.sender, m10.recipients)
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.40", "mx.example.org").run(
        DAY2.replace(hour=9, minute=12, second=45, microsecond=10000), [m10])
    expect.outcomes("M10", outcomes)

    # M11: the connection breaks after EHLO (a Java exception in the dialogue, which smtptrail reports as a line
    # it does not understand but keeps as evidence); queued, an odd queue line, then delivered on the retry.
    m11 = xl.Transaction("ceo@example.com", ["mia@example.org"], "Board meeting, agenda", 15200)
    lcid = lcids.take()
    expect.message("M11", lcid, m11.sender, m11.recipients, {"mia@example.org": "connection-failure"})
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.40", "mx.example.org").reset_after_ehlo(
        DAY2.replace(hour=9, minute=30, second=0, microsecond=5000), m11,
        "java.net.SocketException: Connection reset")
    expect.outcomes("M11", outcomes)
    xl.queue_queued(logs, end + ms(15), lcid, m11.recipients, m11.sender, "Connection reset")
    expect.queue("M11", "mia@example.org")
    # an unknown queue wording (no recipient): reported as unparsed, kept as evidence of M11 through its LCID
    logs.add(xl.QUEUE, DAY2.replace(hour=9, minute=40, second=0, microsecond=0), lcid,
             "Queue file 20260303093000-%d.eml locked by another process" % lcid)
    xl.queue_run(logs, DAY2.replace(hour=10, minute=0, second=0), 1)
    lcid = lcids.take()
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.40", "mx.example.org").run(
        DAY2.replace(hour=10, minute=0, second=0, microsecond=450000),
        [xl.Transaction(m11.sender, m11.recipients, m11.subject, m11.size)])
    expect.outcomes("M11", outcomes)
    xl.queue_retry_succeeded(logs, end + ms(9), lcid, 1, "mia@example.org")

    # M12 and M13: through a smart host that wants a login: AUTH LOGIN (user name and password after the 334
    # challenges), then AUTH PLAIN (the initial response on the AUTH line). The credentials are masked when indexed.
    m12 = xl.Transaction("billing@example.com", ["nora@example.org"], "Invoice 2026-0303", 28400)
    lcid = lcids.take()
    expect.message("M12", lcid, m12.sender, m12.recipients)
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.60", "relay.example.net").run(
        DAY2.replace(hour=10, minute=20, second=5, microsecond=120000), [m12],
        auth=("LOGIN", RELAY_USER, RELAY_PASSWORD))
    expect.outcomes("M12", outcomes)
    m13 = xl.Transaction("alerts@example.com", ["oscar@example.net"], "Disk usage warning", 2300)
    lcid = lcids.take()
    expect.message("M13", lcid, m13.sender, m13.recipients)
    end, outcomes = xl.Connection(logs, rng, lcid, "198.51.100.60", "relay.example.net").run(
        DAY2.replace(hour=10, minute=40, second=0, microsecond=640000), [m13],
        auth=("PLAIN", RELAY_USER, RELAY_PASSWORD))
    expect.outcomes("M13", outcomes)

    written = logs.write(folder, rotate_before=DAY2.date(), gzip_rotated={xl.CONVERSATION}, crlf={xl.FAILURE})
    with open(os.path.join(folder, "expected.jsonl"), "w", encoding="utf-8") as out:
        out.write(expect.jsonl())
    return written


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for name in main(sys.argv[1] if len(sys.argv) > 1 else here):
        print(name)

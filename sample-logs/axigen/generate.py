#!/usr/bin/env python3
"""Writes the Axigen sample logs and their expected verdicts (deterministic: same output on every run).

Every line is generated here after the format note (shared/formats/axigen.md); nothing is copied from a real
server. The line shapes marked VERIFIED in the note (prefix, SMTP-IN connect/New mail/closing, PROCESSING states,
"Mail delivered to mailbox", the SMTP-IN protocol lines) are reproduced; the shapes marked INFERRED (all SMTP-OUT
lines, the state words DEFERRED and FAILED, the syslog layout, the rotated file name) follow the note's guesses.
See README.md beside this script.

Usage: python3 sample-logs/axigen/generate.py [--level protocol|default]

--level protocol (the default) writes every line into this folder. --level default writes the same scenarios as
Axigen's shipped log level 15 would log them (no level-16 "<<"/">>" conversation lines: Log.visible) into the
sibling folder sample-logs/axigen-default/, with the rows expected at that level (expected_at): same verdicts and
attempts, no SMTP reply codes, and no row for the recipient SMTP-IN refused (nothing of it is logged at level 15).
"""

import argparse
import datetime as dt
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ("protocol", "default")
OUT_DIRS = {"protocol": HERE, "default": os.path.join(os.path.dirname(HERE), "axigen-default")}
PROTOCOL_LEVEL = 16  # "protocol communication": not in the shipped logLevel 15 (note C.1, VERIFIED)
ZONE = dt.timezone(dt.timedelta(hours=1))  # CET, as "+0100" in the native prefix
ROTATION = dt.datetime(2026, 11, 22, 6, 25, 0, tzinfo=ZONE)  # logrotate's daily run


def t(day, hh, mm, ss):
    return dt.datetime(2026, 11, day, hh, mm, ss, tzinfo=ZONE)


def plus(time, seconds):
    return time + dt.timedelta(seconds=seconds)


class Log:
    """The lines of one Axigen server, kept in time order (stable for lines in the same second).

    level: "protocol" writes every line; "default" leaves out the level-16 lines, as Axigen's shipped logLevel 15
    does. Every line is kept either way, so what depends on the lines around one (the RFC 3339 fraction) is the
    same at both levels: a default-level file is its protocol-level twin minus the level-16 lines.
    """

    def __init__(self, host, public_ip, level="protocol"):
        self.host = host
        self.ip = public_ip
        self.level = level
        self.entries = []

    def visible(self, level):
        return self.level == "protocol" or level != PROTOCOL_LEVEL

    def visible_verdict(self, verdict):
        """A refusal by SMTP-IN is only in its "<< RCPT TO" / ">> 4xx" lines: nothing of it is logged at level 15."""
        return self.level == "protocol" or verdict != "REJECTED"

    def add(self, time, level, service, sid, text):
        self.entries.append((time, len(self.entries), level, service, sid, text))

    def raw(self, time, text):
        """A line written as is, without the Axigen prefix (a truncated line)."""
        self.entries.append((time, len(self.entries), None, None, None, text))

    def lines(self, every_level=False):
        """The lines written at this log level (every line with every_level), in time order."""
        return sorted((e for e in self.entries if every_level or self.visible(e[2])), key=lambda e: (e[0], e[1]))


class Ids:
    """Session ids come from one counter shared by all services (note D.1, INFERRED); queue ids from another."""

    def __init__(self, session, queue):
        self.session = session
        self.queue = queue

    def next_session(self):
        self.session += 1
        return "%08X" % self.session

    def next_queue(self):
        self.queue += 1
        return "%06X" % self.queue  # SMTP-IN's six digits; PROCESSING pads to eight (VERIFIED)


def p8(qid6):
    return qid6.rjust(8, "0")


EXPECTED = []
FAILURES = ("BOUNCED", "DEFERRED", "EXPIRED", "REJECTED")


def expect(log, message_id, recipient, verdict, category, reply_code, attempts, services,
           default_category="other", default_services=None):
    """One expected row at the protocol level. At the default level, where no SMTP reply is logged, its category is
    default_category (smtptrail's "other" unless a logged line names the reason) and the modules its evidence must
    come from default_services (the same unless given: SMTP-OUT's connection line is evidence only when it can be
    told apart, so not when sessions to several servers were opened in the same second for unknown domains)."""
    EXPECTED.append({"log": log, "message_id": message_id, "recipient": recipient, "verdict": verdict,
                     "category": category, "reply_code": reply_code, "attempts": attempts,
                     "evidence_services": services, "default_category": default_category,
                     "default_services": services if default_services is None else default_services})


def expected_at(level):
    """The expected rows at a log level: at the default level the same verdicts and attempts, without reply codes
    (the conversation is not logged) and without the SMTP-IN refusal (not logged at all)."""
    rows = []
    for row in EXPECTED:
        row = dict(row)
        default_category = row.pop("default_category")
        default_services = row.pop("default_services")
        if level == "default":
            if row["verdict"] == "REJECTED":
                continue
            row["reply_code"] = None
            row["category"] = default_category if row["verdict"] in FAILURES else None
            row["evidence_services"] = default_services
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Building blocks. Levels: 08 informational, 16 protocol (INFERRED for << >> lines), 04 warning, 02 error.

def in_connect(log, time, sid, ip, port):
    log.add(time, 8, "SMTP-IN", sid, "[%s:25] connection accepted from [%s:%d]" % (log.ip, ip, port))


def in_greeting(log, time, sid, helo):
    log.add(time, 16, "SMTP-IN", sid, ">> 220 %s.example.com Axigen ESMTP ready" % log.host)
    log.add(time, 16, "SMTP-IN", sid, "<< EHLO  %s" % helo)  # the client's double space is kept (VERIFIED)
    log.add(time, 16, "SMTP-IN", sid, ">> 250-%s.example.com Axigen ESMTP hello" % log.host)
    log.add(time, 16, "SMTP-IN", sid, ">> 250-SIZE 10485760")
    log.add(time, 16, "SMTP-IN", sid, ">> 250-HELP")
    log.add(time, 16, "SMTP-IN", sid, ">> 250 OK")


def in_envelope(log, time, sid, sender, recipients, size):
    """MAIL FROM, the policy lines, RCPT TO for each (recipient, reply), DATA. Returns the recipients accepted."""
    domain = sender.split("@")[1]
    log.add(time, 16, "SMTP-IN", sid, "<< MAIL FROM:<%s>" % sender)
    log.add(time, 8, "SMTP-IN", sid, "Set smtp action to ACCEPT")
    log.add(time, 16, "SMTP-IN", sid, ">> 250 Emails accepted from domain %s" % domain)
    accepted = []
    for recipient, reply in recipients:
        log.add(time, 16, "SMTP-IN", sid, "<< RCPT TO:<%s>" % recipient)
        log.add(time, 16, "SMTP-IN", sid, ">> " + reply)
        if reply.startswith("2"):
            accepted.append(recipient)
    if accepted:
        log.add(time, 16, "SMTP-IN", sid, "<< DATA")
        log.add(time, 16, "SMTP-IN", sid, ">> 354 Ready to receive data; remember <CRLF>.<CRLF>")
        log.add(plus(time, 1), 16, "SMTP-IN", sid, "<< %d bytes and final dot read" % size)
    return accepted


def in_queued_reply(log, time, sid):
    log.add(time, 16, "SMTP-IN", sid, ">> 250 Mail queued for delivery")  # wording INFERRED


def in_quit(log, time, sid, ip, port):
    log.add(time, 16, "SMTP-IN", sid, "<< QUIT")
    log.add(time, 16, "SMTP-IN", sid, ">> 221 %s.example.com Axigen ESMTP closing connection" % log.host)
    log.add(time, 8, "SMTP-IN", sid, "closing session from [%s:%d]" % (ip, port))


def new_mail(log, time, sid, message_id, helo, ip, sender, recipients, size, qid):
    log.add(time, 8, "SMTP-IN", sid,
            "New mail %s received from %s (%s) with envelope from <%s>, recipients=%d (%s), size=%d,"
            " enqueued with id %s" % (message_id, helo, ip, sender, len(recipients), ", ".join(recipients), size,
                                      qid))


def proc_state(log, time, qid, recipient, word, level=8):
    log.add(time, level, "PROCESSING", p8(qid), "Set recipient <%s> state to %s" % (recipient, word))


def proc_intake(log, time, qid, recipient):
    proc_state(log, time, qid, recipient, "RECEIVED")
    proc_state(log, time, qid, recipient, "PROCESSING")
    log.add(time, 8, "PROCESSING", p8(qid), "Set recipient <%s> data version to 1" % recipient)
    proc_state(log, time, qid, recipient, "PROCESSING")


def proc_filters(log, time, qid, recipient, sender):
    f = "wmFilter of type script filter from domain object <%s>" % recipient
    log.add(time, 8, "PROCESSING", p8(qid), "Start filter " + f)
    log.add(time, 8, "PROCESSING", p8(qid),
            "%s (@7) [WM_Blacklist_Check]: Email address <%s> not found in black list" % (f, sender))
    log.add(time, 8, "PROCESSING", p8(qid),
            "%s (@9) [WM_Whitelist_Check]: Email address <%s> not found in white list" % (f, sender))
    log.add(time, 8, "PROCESSING", p8(qid), "Keep requested for <%s>" % recipient)
    log.add(time, 8, "PROCESSING", p8(qid), "Finished filtering mail object %s with filter: %s" % (qid, f))


def proc_local(log, time, qid, recipient, store_id, folder="INBOX"):
    proc_state(log, time, qid, recipient, "PROCESSED - LOCAL")
    log.add(time, 8, "PROCESSING", p8(qid),
            "Mail delivered to mailbox '%s' of <%s> with id %d" % (folder, recipient, store_id))
    proc_state(log, time, qid, recipient, "SENT")


def out_connect_failed(log, time, sid, port, mx_ip):
    """An SMTP-OUT connection that fails before any reply (wording and level 04 INFERRED; no public sample)."""
    log.add(time, 4, "SMTP-OUT", sid, "[%s:%d] connection to [%s:25] failed: Connection refused" % (log.ip, port, mx_ip))


def ndr(log, time, qid, sender, store_id):
    """A non-delivery report: a new queue id, first seen in PROCESSING, delivered locally (note E.9, INFERRED)."""
    proc_state(log, time, qid, sender, "RECEIVED")
    proc_state(log, time, qid, sender, "PROCESSING")
    proc_local(log, time, qid, sender, store_id)


def out_session(log, time, sid, port, mx_name, mx_ip, sender, rcpt_replies, final=None, pipelining=False):
    """One SMTP-OUT session (every shape INFERRED: '>>' = Axigen sends, '<<' = the remote replies).

    rcpt_replies: [(recipient, [reply line, ...])]; final: the reply lines after the data (None: no DATA sent).
    """
    out = lambda level, text: log.add(time, level, "SMTP-OUT", sid, text)
    out(8, "[%s:%d] connected to [%s:25]" % (log.ip, port, mx_ip))
    out(16, "<< 220 %s ESMTP Postfix" % mx_name)
    out(16, ">> EHLO %s.example.com" % log.host)
    out(16, "<< 250-%s" % mx_name)
    out(16, "<< 250-PIPELINING")
    out(16, "<< 250-SIZE 52428800")
    out(16, "<< 250 8BITMIME")
    accepted = [r for r, replies in rcpt_replies if replies[-1].startswith("2")]
    send_data = final is not None and accepted
    if pipelining:
        out(16, ">> MAIL FROM:<%s>" % sender)
        for recipient, _ in rcpt_replies:
            out(16, ">> RCPT TO:<%s>" % recipient)
        if send_data:
            out(16, ">> DATA")
        out(16, "<< 250 2.1.0 Ok")
        for _, replies in rcpt_replies:
            for reply in replies:
                out(16, "<< " + reply)
    else:
        out(16, ">> MAIL FROM:<%s>" % sender)
        out(16, "<< 250 2.1.0 Ok")
        for recipient, replies in rcpt_replies:
            out(16, ">> RCPT TO:<%s>" % recipient)
            for reply in replies:
                out(16, "<< " + reply)
        if send_data:
            out(16, ">> DATA")
    if send_data:
        out(16, "<< 354 End data with <CR><LF>.<CR><LF>")
        for reply in final:
            out(16, "<< " + reply)
    else:
        out(16, ">> RSET")
        out(16, "<< 250 2.0.0 Ok")
    out(16, ">> QUIT")
    out(16, "<< 221 2.0.0 Bye")


# ---------------------------------------------------------------------------------------------------------------
# mx1: everything.txt, rotated by logrotate at 06:25 on 22 November (everything.txt.1 holds the lines before).

def mx1(level):
    log = Log("mx1", "192.0.2.10", level)
    ids = Ids(0x0000A400, 0x3F1000)
    name = "log/everything.txt"

    # Noise from other services (VERIFIED shapes): skipped by the parser.
    imap = ids.next_session()
    log.add(t(21, 8, 2, 11), 8, "IMAP", imap, "[192.0.2.10:143] connection accepted from [203.0.113.45:52339]")
    log.add(t(21, 8, 2, 11), 8, "IMAP", imap, "User [alice@example.com] successfully authorized!")
    web = ids.next_session()
    log.add(t(21, 8, 30, 2), 8, "WEBMAIL", web,
            "5e0c2b9f GET /api/v1/conversations?folder=INBOX HTTP/1.1 u=carol@example.com code=200 time=8")
    log.add(t(21, 8, 30, 2), 8, "MAILBOXAPI", web,
            "5e0c2b9f BEGIN [id=02396|GET api/v1/conversations|u=carol@example.com]")
    log.add(t(21, 8, 30, 2), 8, "MAILBOXAPI", web,
            "5e0c2b9f END [id=02396|GET api/v1/conversations|u=carol@example.com|code=200|time=7]")

    # 1. relayed-and-accepted: alice@example.com -> erin@example.org, 250 from mx.example.org.
    sid, qid, c = ids.next_session(), ids.next_queue(), t(21, 9, 14, 2)
    mid = "<5f1c9a7e.20261121091402@alice-pc.example.com>"
    in_connect(log, c, sid, "203.0.113.45", 51544)
    in_greeting(log, c, sid, "alice-pc.example.com")
    in_envelope(log, plus(c, 1), sid, "alice@example.com", [("erin@example.org", "250 Recipient accepted")], 5120)
    proc_intake(log, plus(c, 2), qid, "erin@example.org")
    proc_filters(log, plus(c, 2), qid, "erin@example.org", "alice@example.com")
    new_mail(log, plus(c, 2), sid, mid, "alice-pc.example.com", "203.0.113.45", "alice@example.com",
             ["erin@example.org"], 5120, qid)
    in_queued_reply(log, plus(c, 2), sid)
    in_quit(log, plus(c, 2), sid, "203.0.113.45", 51544)
    out = ids.next_session()
    out_session(log, plus(c, 3), out, 40112, "mx.example.org", "198.51.100.25", "alice@example.com",
                [("erin@example.org", ["250 2.1.5 Ok"])], ["250 2.0.0 Ok: queued as 4ZkQ3Lq1xY"])
    proc_state(log, plus(c, 4), qid, "erin@example.org", "SENT")
    expect(name, mid, "erin@example.org", "HANDED_OVER", None, 250, 1, ["SMTP-IN", "PROCESSING", "SMTP-OUT"])

    # Authentication failures (VERIFIED shapes from the IPBan recipe): skipped.
    bad = ids.next_session()
    in_connect(log, t(21, 11, 48, 6), bad, "198.51.100.66", 51979)
    log.add(t(21, 11, 48, 6), 2, "SMTP-IN", bad,
            "Authentication error for user 'admin@example.com': Invalid password")
    log.add(t(21, 11, 48, 6), 8, "SMTP-IN", bad, "closing session from [198.51.100.66:51979]")

    # 3. 5xx-bounced: carol@example.com -> nobody@example.org, 550 5.1.1 at RCPT; the NDR goes to carol's INBOX.
    sid, qid, c = ids.next_session(), ids.next_queue(), t(21, 14, 40, 1)
    mid = "<c0ffee12.20261121144001@carol-laptop.example.com>"
    in_connect(log, c, sid, "203.0.113.46", 60211)
    in_greeting(log, c, sid, "carol-laptop.example.com")
    in_envelope(log, plus(c, 1), sid, "carol@example.com", [("nobody@example.org", "250 Recipient accepted")], 2890)
    proc_intake(log, plus(c, 2), qid, "nobody@example.org")
    new_mail(log, plus(c, 2), sid, mid, "carol-laptop.example.com", "203.0.113.46", "carol@example.com",
             ["nobody@example.org"], 2890, qid)
    in_queued_reply(log, plus(c, 2), sid)
    in_quit(log, plus(c, 3), sid, "203.0.113.46", 60211)
    out = ids.next_session()
    out_session(log, plus(c, 4), out, 40388, "mx.example.org", "198.51.100.25", "carol@example.com",
                [("nobody@example.org", ["550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown"
                                         " in virtual mailbox table"])])
    proc_state(log, plus(c, 4), qid, "nobody@example.org", "FAILED", level=2)
    report = ids.next_queue()
    ndr(log, plus(c, 5), report, "carol@example.com", 118)
    expect(name, mid, "nobody@example.org", "BOUNCED", "recipient-unknown", 550, 1,
           ["SMTP-IN", "PROCESSING", "SMTP-OUT"])
    expect(name, None, "carol@example.com", "DELIVERED_LOCALLY", None, None, 1, ["PROCESSING"])

    # 2. deferred-then-accepted, across the rotation: bob@example.com -> frank@example.net; 451 greylisting at
    #    06:21:11, retried 300 s later (the VERIFIED default schedInterval) after logrotate ran, 250.
    sid, qid, c = ids.next_session(), ids.next_queue(), t(22, 6, 21, 9)
    mid = "<20261122052109.71a3@bob-pc.example.com>"
    in_connect(log, c, sid, "203.0.113.47", 50022)
    in_greeting(log, c, sid, "bob-pc.example.com")
    in_envelope(log, c, sid, "bob@example.com", [("frank@example.net", "250 Recipient accepted")], 14022)
    proc_intake(log, plus(c, 1), qid, "frank@example.net")
    new_mail(log, plus(c, 1), sid, mid, "bob-pc.example.com", "203.0.113.47", "bob@example.com",
             ["frank@example.net"], 14022, qid)
    in_queued_reply(log, plus(c, 1), sid)
    in_quit(log, plus(c, 1), sid, "203.0.113.47", 50022)
    out = ids.next_session()
    first = plus(c, 2)
    out_session(log, first, out, 40519, "mx.example.net", "198.51.100.30", "bob@example.com",
                [("frank@example.net", ["451 4.7.1 <frank@example.net>: Recipient address rejected: Greylisted,"
                                        " please try again in 300 seconds"])])
    proc_state(log, first, qid, "frank@example.net", "DEFERRED", level=4)
    out = ids.next_session()
    retry = plus(first, 301)
    out_session(log, retry, out, 40777, "mx.example.net", "198.51.100.30", "bob@example.com",
                [("frank@example.net", ["250 2.1.5 Ok"])], ["250 2.0.0 Ok: queued as 7HbX2p0QzR"])
    proc_state(log, plus(retry, 1), qid, "frank@example.net", "SENT")
    expect(name, mid, "frank@example.net", "HANDED_OVER", None, 250, 2, ["SMTP-IN", "PROCESSING", "SMTP-OUT"])

    # 4. local delivery at the default level 15: no protocol lines, the New mail line after PROCESSING (VERIFIED).
    sid, qid, c = ids.next_session(), ids.next_queue(), t(22, 8, 3, 40)
    mid = "<CAF2x9Q+7kq1@mail.example.net>"
    in_connect(log, c, sid, "198.51.100.7", 41822)
    log.add(plus(c, 1), 8, "SMTP-IN", sid,
            "SPF result for MAIL FROM <paula@example.net> issued from EHLO domain <mail.example.net> connected from"
            " <198.51.100.7>: Pass (spfHeader = 'pass (mx1.example.com: domain of paula@example.net designates"
            " 198.51.100.7 as permitted sender)' spfExplanation = 'null')")
    proc_intake(log, plus(c, 1), qid, "dave@example.com")
    proc_filters(log, plus(c, 1), qid, "dave@example.com", "paula@example.net")
    proc_local(log, plus(c, 1), qid, "dave@example.com", 44)
    new_mail(log, plus(c, 1), sid, mid, "mail.example.net", "198.51.100.7", "paula@example.net",
             ["dave@example.com"], 4812, qid)
    log.add(plus(c, 1), 8, "SMTP-IN", sid, "closing session from [198.51.100.7:41822]")
    expect(name, mid, "dave@example.com", "DELIVERED_LOCALLY", None, None, 1, ["SMTP-IN", "PROCESSING"])

    # 6. one SMTP-IN session, two messages (an application server): each is a message of its own.
    sid, c = ids.next_session(), t(22, 9, 5, 0)
    in_connect(log, c, sid, "192.0.2.50", 33016)
    in_greeting(log, c, sid, "app.example.com")
    for n, (recipient, store) in enumerate([("nina@example.com", 310), ("oscar@example.com", 77)]):
        qid, at = ids.next_queue(), plus(c, 1 + 2 * n)
        mid = "<invoice-%d.20261122@app.example.com>" % (4711 + n)
        in_envelope(log, at, sid, "noreply@example.com", [(recipient, "250 Recipient accepted")], 9100 + n)
        if n == 0:
            in_queued_reply(log, plus(at, 1), sid)  # the reply before the New mail line ...
        proc_intake(log, plus(at, 1), qid, recipient)
        proc_local(log, plus(at, 1), qid, recipient, store)
        new_mail(log, plus(at, 1), sid, mid, "app.example.com", "192.0.2.50", "noreply@example.com",
                 [recipient], 9100 + n, qid)
        if n == 1:
            in_queued_reply(log, plus(at, 1), sid)  # ... and after it: both orders are tolerated
        expect(name, mid, recipient, "DELIVERED_LOCALLY", None, None, 1, ["SMTP-IN", "PROCESSING"])
    in_quit(log, plus(c, 4), sid, "192.0.2.50", 33016)

    # 7. refused at SMTP-IN by greylisting ("451 Temporary rejected by greylisting": the documented reply): never
    #    queued, so no queue id; filed under the session.
    sid, c = ids.next_session(), t(22, 9, 40, 12)
    in_connect(log, c, sid, "203.0.113.99", 49001)
    in_greeting(log, c, sid, "relay.example.net")
    in_envelope(log, c, sid, "promo@example.net", [("dave@example.com", "451 Temporary rejected by greylisting")], 0)
    in_quit(log, plus(c, 1), sid, "203.0.113.99", 49001)
    expect(name, None, "dave@example.com", "REJECTED", "greylisted", 451, 0, ["SMTP-IN"])

    # 5. multi-recipient, mixed outcomes: henry local; ivan 250 (mx.example.net); judy 552 over quota and kate
    #    250 in one pipelined session (mx.example.org); leo 450 three times (mx.lists.example.net): still DEFERRED
    #    at the end of the log (the next try would be 11:55). The NDR for judy goes to grace's INBOX.
    sid, qid, c = ids.next_session(), ids.next_queue(), t(22, 11, 20, 5)
    mid = "<9b2e44d0-55aa-4c1e-9f00-2d6e1e0b7c11@example.com>"
    rcpts = ["henry@example.com", "ivan@example.net", "judy@example.org", "kate@example.org",
             "leo@lists.example.net"]
    in_connect(log, c, sid, "203.0.113.48", 52100)
    in_greeting(log, c, sid, "grace-pc.example.com")
    in_envelope(log, plus(c, 1), sid, "grace@example.com", [(r, "250 Recipient accepted") for r in rcpts], 20480)
    for r in rcpts:
        proc_intake(log, plus(c, 2), qid, r)
    proc_local(log, plus(c, 2), qid, "henry@example.com", 902)
    new_mail(log, plus(c, 2), sid, mid, "grace-pc.example.com", "203.0.113.48", "grace@example.com", rcpts, 20480,
             qid)
    in_queued_reply(log, plus(c, 2), sid)
    in_quit(log, plus(c, 2), sid, "203.0.113.48", 52100)
    send = plus(c, 3)
    out = ids.next_session()
    out_session(log, send, out, 41001, "mx.example.net", "198.51.100.30", "grace@example.com",
                [("ivan@example.net", ["250 2.1.5 Ok"])], ["250 2.0.0 Ok: queued as 2LpW8vYc3N"])
    # a line of a shape smtptrail does not know: reported as unparsed, kept as evidence of the message
    log.add(send, 8, "SMTP-OUT", out, "Session statistics: 1 message(s), 1 recipient(s), 20480 bytes sent")
    proc_state(log, plus(send, 1), qid, "ivan@example.net", "SENT")
    out = ids.next_session()
    out_session(log, send, out, 41002, "mx.example.org", "198.51.100.25", "grace@example.com",
                [("judy@example.org", ["552-5.2.2 The email account that you tried to reach is over quota.",
                                       "552 5.2.2 Please direct the recipient to https://support.example.org/quota"]),
                 ("kate@example.org", ["250 2.1.5 Ok"])],
                ["250 2.0.0 Ok: queued as 5RtY7uIo9P"], pipelining=True)
    proc_state(log, plus(send, 1), qid, "judy@example.org", "FAILED", level=2)
    proc_state(log, plus(send, 1), qid, "kate@example.org", "SENT")
    report = ids.next_queue()
    ndr(log, plus(send, 2), report, "grace@example.com", 903)
    leo = ("leo@lists.example.net", ["450 4.7.1 <leo@lists.example.net>: Recipient address rejected: rate limit"
                                      " exceeded, try again later"])
    for delay in (0, 300, 900):  # min(300 * 2^(n-1), 28800): 5 min, then 10 min (VERIFIED retry formula)
        out = ids.next_session()
        at = plus(send, delay)
        out_session(log, at, out, 41003 + delay, "mx.lists.example.net", "203.0.113.80", "grace@example.com", [leo])
        proc_state(log, plus(at, 1), qid, leo[0], "DEFERRED", level=4)
    expect(name, mid, "henry@example.com", "DELIVERED_LOCALLY", None, None, 1, ["SMTP-IN", "PROCESSING"])
    # at the default level three sessions to three servers open in the same second: ivan's server is known from
    # frank's retry in this file, so his connection line is told apart; judy's and kate's (mx.example.org, not seen
    # in this file before) and leo's first (mx.lists.example.net) are not, so they get no relay from it
    in_only = ["SMTP-IN", "PROCESSING"]
    expect(name, mid, "ivan@example.net", "HANDED_OVER", None, 250, 1, ["SMTP-IN", "PROCESSING", "SMTP-OUT"])
    expect(name, mid, "judy@example.org", "BOUNCED", "mailbox-full", 552, 1, ["SMTP-IN", "PROCESSING", "SMTP-OUT"],
           default_services=in_only)
    expect(name, mid, "kate@example.org", "HANDED_OVER", None, 250, 1, ["SMTP-IN", "PROCESSING", "SMTP-OUT"],
           default_services=in_only)
    expect(name, mid, "leo@lists.example.net", "DEFERRED", "rate-limited", 450, 3,
           ["SMTP-IN", "PROCESSING", "SMTP-OUT"])
    expect(name, None, "grace@example.com", "DELIVERED_LOCALLY", None, None, 1, ["PROCESSING"])

    # 8. the recipient's MX refuses connections: SMTP-OUT fails before any reply (a level-04 line), then PROCESSING
    #    says DEFERRED; retried 300 s later, refused again. Nothing here is at level 16, so both levels log the same.
    sid, qid, c = ids.next_session(), ids.next_queue(), t(22, 10, 50, 0)
    mid = "<7d1e0b44.20261122095000@hugo-pc.example.com>"
    in_connect(log, c, sid, "203.0.113.49", 53311)
    in_greeting(log, c, sid, "hugo-pc.example.com")
    in_envelope(log, c, sid, "hugo@example.com", [("ruth@down.example.net", "250 Recipient accepted")], 3072)
    proc_intake(log, plus(c, 1), qid, "ruth@down.example.net")
    new_mail(log, plus(c, 1), sid, mid, "hugo-pc.example.com", "203.0.113.49", "hugo@example.com",
             ["ruth@down.example.net"], 3072, qid)
    in_queued_reply(log, plus(c, 1), sid)
    in_quit(log, plus(c, 1), sid, "203.0.113.49", 53311)
    for n, delay in enumerate((2, 303)):
        at = plus(c, delay)
        out_connect_failed(log, at, ids.next_session(), 41700 + n, "203.0.113.95")
        proc_state(log, at, qid, "ruth@down.example.net", "DEFERRED", level=4)
    expect(name, mid, "ruth@down.example.net", "DEFERRED", "connection-failure", None, 2,
           ["SMTP-IN", "PROCESSING", "SMTP-OUT"], default_category="connection-failure")

    # More noise, and a line cut short (as after a full disk): reported as unparsed with file:line.
    log.add(t(22, 11, 41, 0), 8, "JOBLOG", "90000000", "grace@example.com: Conversation index job triggered")
    log.raw(t(22, 11, 41, 7), "2026-11-22 11:41:07 +0100 08 mx1 PROCESSI")
    return log


def native_line(log, entry):
    time, _, level, service, sid, text = entry
    if service is None:
        return text
    return "%s %s %02d %s %s:%s: %s" % (time.strftime("%Y-%m-%d %H:%M:%S"), time.strftime("%z"), level, log.host,
                                        service, sid, text)


# ---------------------------------------------------------------------------------------------------------------
# mx2 and mx3: two more nodes logging with logtype = system, through syslog (the layout is INFERRED, note G).

def mx2(level):
    log = Log("mx2", "192.0.2.11", level)
    ids = Ids(0x00001200, 0x0A2000)
    name = "syslog/mail.log"
    # inbound, delivered locally (level 15: no protocol lines)
    sid, qid, c = ids.next_session(), ids.next_queue(), t(22, 10, 0, 1)
    mid = "<d41d8cd9.8f00b204@mail.example.org>"
    in_connect(log, c, sid, "198.51.100.9", 52001)
    proc_intake(log, c, qid, "tom@example.com")
    proc_local(log, c, qid, "tom@example.com", 12)
    new_mail(log, c, sid, mid, "mail.example.org", "198.51.100.9", "ursula@example.org", ["tom@example.com"], 3321,
             qid)
    log.add(c, 8, "SMTP-IN", sid, "closing session from [198.51.100.9:52001]")
    expect(name, mid, "tom@example.com", "DELIVERED_LOCALLY", None, None, 1, ["SMTP-IN", "PROCESSING"])
    # outbound, accepted
    for recipient, replies, final, expected in [
            ("wendy@example.net", ["250 2.1.5 Ok"], ["250 2.0.0 Ok: queued as 9QaZ1xSw2E"],
             ("HANDED_OVER", None, 250)),
            ("xavier@example.org", ["554 5.7.1 Service unavailable; Client host [192.0.2.11] blocked using"
                                    " zen.spamhaus.org"], None, ("BOUNCED", "blocked-or-blacklisted", 554))]:
        sid, qid = ids.next_session(), ids.next_queue()
        c = plus(c, 600)
        mid = "<%s.20261122@victor-pc.example.com>" % recipient.split("@")[0]
        in_connect(log, c, sid, "203.0.113.60", 50500 + len(recipient))
        in_greeting(log, c, sid, "victor-pc.example.com")
        in_envelope(log, c, sid, "victor@example.com", [(recipient, "250 Recipient accepted")], 7000)
        proc_intake(log, plus(c, 1), qid, recipient)
        new_mail(log, plus(c, 1), sid, mid, "victor-pc.example.com", "203.0.113.60", "victor@example.com",
                 [recipient], 7000, qid)
        in_queued_reply(log, plus(c, 1), sid)
        in_quit(log, plus(c, 1), sid, "203.0.113.60", 50500 + len(recipient))
        mx = ("mx.example.net", "198.51.100.30") if recipient.endswith(".net") else ("mx.example.org",
                                                                                     "198.51.100.25")
        out_session(log, plus(c, 2), ids.next_session(), 45000 + len(recipient), mx[0], mx[1], "victor@example.com",
                    [(recipient, replies)], final)
        if final:
            proc_state(log, plus(c, 3), qid, recipient, "SENT")
        else:
            proc_state(log, plus(c, 3), qid, recipient, "FAILED", level=2)
            ndr(log, plus(c, 4), ids.next_queue(), "victor@example.com", 13)
            expect(name, None, "victor@example.com", "DELIVERED_LOCALLY", None, None, 1, ["PROCESSING"])
        expect(name, mid, recipient, expected[0], expected[1], expected[2], 1, ["SMTP-IN", "PROCESSING", "SMTP-OUT"])
    # another program in the same syslog file: skipped
    log.add(plus(c, 30), None, "CRON", None, "(root) CMD (/usr/lib/axigen/cleanup.sh)")
    return log


def classic_syslog_line(log, entry):
    time, _, level, service, sid, text = entry
    stamp = "%s %2d %s" % (time.strftime("%b"), time.day, time.strftime("%H:%M:%S"))
    if service == "CRON":
        return "%s %s CRON[4411]: %s" % (stamp, log.host, text)
    return "%s %s axigen[2817]: %s:%s: %s" % (stamp, log.host, service, sid, text)


def mx3(level):
    log = Log("mx3", "192.0.2.12", level)
    ids = Ids(0x00000300, 0x00B100)
    name = "rsyslog/mail.log"
    c = t(22, 12, 0, 0)
    for recipient, replies, final, expected in [
            ("zack@example.org", ["250 2.1.5 Ok"], ["250 2.0.0 Ok: queued as 3MnB6vCx8Z"], ("HANDED_OVER", None, 250)),
            ("amy@slow.example.net", ["451 4.3.0 <amy@slow.example.net>: Temporary lookup failure"], None,
             ("DEFERRED", "local-config", 451))]:
        sid, qid = ids.next_session(), ids.next_queue()
        c = plus(c, 61)
        mid = "<%s-note.20261122@yvonne-pc.example.com>" % recipient.split("@")[0]
        in_connect(log, c, sid, "203.0.113.61", 51000 + len(recipient))
        in_greeting(log, c, sid, "yvonne-pc.example.com")
        in_envelope(log, c, sid, "yvonne@example.com", [(recipient, "250 Recipient accepted")], 1800)
        proc_intake(log, plus(c, 1), qid, recipient)
        new_mail(log, plus(c, 1), sid, mid, "yvonne-pc.example.com", "203.0.113.61", "yvonne@example.com",
                 [recipient], 1800, qid)
        in_queued_reply(log, plus(c, 1), sid)
        in_quit(log, plus(c, 1), sid, "203.0.113.61", 51000 + len(recipient))
        mx = ("mx.example.org", "198.51.100.25") if recipient.endswith(".org") else ("mx.slow.example.net",
                                                                                     "203.0.113.90")
        out_session(log, plus(c, 2), ids.next_session(), 46000 + len(recipient), mx[0], mx[1], "yvonne@example.com",
                    [(recipient, replies)], final)
        proc_state(log, plus(c, 3), qid, recipient, "SENT" if final else "DEFERRED", level=8 if final else 4)
        expect(name, mid, recipient, expected[0], expected[1], expected[2], 1, ["SMTP-IN", "PROCESSING", "SMTP-OUT"])
    return log


def rfc3339_syslog_line(log, entry, n_in_second):
    time, _, level, service, sid, text = entry
    stamp = time.replace(microsecond=1170 + n_in_second * 7919).isoformat(timespec="microseconds")
    # INFERRED variant: the level digits survive in front of SERVICE:ID
    return "%s %s axigen[1904]: %02d %s:%s: %s" % (stamp, log.host, level, service, sid, text)


def write(folder, path, lines):
    full = os.path.join(folder, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")


def main():
    parser = argparse.ArgumentParser(description="Writes the Axigen sample logs and their expected rows.")
    parser.add_argument("--level", choices=LEVELS, default="protocol",
                        help="protocol: every line, into sample-logs/axigen; default: only what Axigen's shipped log"
                             " level 15 writes, into sample-logs/axigen-default")
    level = parser.parse_args().level
    out = OUT_DIRS[level]
    log = mx1(level)
    entries = log.lines()
    write(out, "log/everything.txt.1", [native_line(log, e) for e in entries if e[0] < ROTATION])
    write(out, "log/everything.txt", [native_line(log, e) for e in entries if e[0] >= ROTATION])
    log = mx2(level)
    write(out, "syslog/mail.log", [classic_syslog_line(log, e) for e in log.lines()])
    log = mx3(level)
    every = log.lines(every_level=True)  # the fraction counts every line of the second, written or not
    write(out, "rsyslog/mail.log", [rfc3339_syslog_line(log, e, sum(1 for p in every[:i] if p[0] == e[0]))
                                    for i, e in enumerate(every) if log.visible(e[2])])
    write(out, "expected.jsonl", [json.dumps(row) for row in expected_at(level)])


if __name__ == "__main__":
    main()

"""Writes Xeams-style outbound logs: the four files smtptrail reads, with the layouts of
shared/formats/xeams.md (verified where that note says so, our own guess where it says INFERRED).

Used by generate.py (the sample set in this folder) and by benchmarks/xeams/generate_corpus.py (large corpora).
Python 3 standard library only; deterministic for a given random.Random.

Every line is built here from the scenario; nothing is copied from a real Xeams log.
"""

import base64
import datetime as dt
import gzip
import os

CONVERSATION = "SMTPOutboundConversation.log"
SUCCESS = "OutboundAuditTrailSuccess.log"
FAILURE = "OutboundAuditTrailFailure.log"
QUEUE = "SmtpQueue.log"
LOGS = (CONVERSATION, SUCCESS, FAILURE, QUEUE)

XEAMS_HOST = "mail.example.com"
XEAMS_IP = "192.0.2.10"


def stamp(t):
    """log4j ISO8601: 2026-03-02 09:15:04,211 (no zone: the server's local time)."""
    return t.strftime("%Y-%m-%d %H:%M:%S") + ",%03d" % (t.microsecond // 1000)


def prefix(t, lcid):
    """The verified common prefix; the LCID right-aligned in 10 characters, as in the real 2024 excerpt."""
    if lcid is None:
        return "%s - " % stamp(t)
    return "%s - [%10d] " % (stamp(t), lcid)


class Lcids:
    """Xeams' LCID is a global counter: inbound connections take numbers too, so outbound ones have gaps."""

    def __init__(self, rng, first=7100001):
        self.rng = rng
        self.next_value = first

    def take(self):
        value = self.next_value
        self.next_value += self.rng.randint(1, 9)
        return value


class XeamsLogs:
    """Collects records per log; each record is (time, sequence, text) and may span several physical lines."""

    def __init__(self):
        self.records = {name: [] for name in LOGS}
        self.sequence = 0

    def add(self, log, t, lcid, text):
        self.sequence += 1
        self.records[log].append((t, self.sequence, prefix(t, lcid) + text))

    def write(self, folder, rotate_before=None, gzip_rotated=(), crlf=()):
        """Writes each log sorted by time. Records before `rotate_before` (a date) go to the daily rotation
        `<Name>.log.yyyy-MM-dd` (log4j DailyRollingFileAppender's default pattern); names in `gzip_rotated` get
        that rotation gzipped as an admin would; logs in `crlf` are written with Windows line ends. Returns the
        file names written."""
        written = []
        for name in LOGS:
            records = sorted(self.records[name], key=lambda r: (r[0], r[1]))
            parts = [(name, records)]
            if rotate_before is not None:
                old = [r for r in records if r[0].date() < rotate_before]
                new = [r for r in records if r[0].date() >= rotate_before]
                day = (rotate_before - dt.timedelta(days=1)).isoformat()
                parts = [(name + "." + day, old), (name, new)]
            for file_name, part in parts:
                end = "\r\n" if name in crlf and file_name == name else "\n"
                text = "".join(r[2].replace("\n", end) + end for r in part).encode("utf-8")
                path = os.path.join(folder, file_name)
                if file_name != name and name in gzip_rotated:
                    path += ".gz"
                    with open(path, "wb") as raw:
                        # mtime 0 and no file name: the same bytes on every run
                        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
                            out.write(text)
                else:
                    with open(path, "wb") as out:
                        out.write(text)
                written.append(os.path.basename(path))
        return written


class StreamingXeamsLogs:
    """Like XeamsLogs, for corpora too large to hold: records are written once they are older than the sessions
    still running (`flush_before`), each day into `<Name>.log.yyyy-MM-dd`; `close` renames the last day's pieces to
    `<Name>.log`, the live files."""

    def __init__(self, folder):
        self.folder = folder
        self.pending = []
        self.sequence = 0
        self.outputs = {}
        self.days = {name: [] for name in LOGS}
        self.lines = 0

    def add(self, log, t, lcid, text):
        self.sequence += 1
        self.pending.append((t, self.sequence, log, prefix(t, lcid) + text))

    def flush_before(self, t):
        self.pending.sort(key=lambda r: (r[0], r[1]))
        cut = 0
        while cut < len(self.pending) and self.pending[cut][0] < t:
            cut += 1
        for when, _, log, text in self.pending[:cut]:
            day = when.date().isoformat()
            out = self.outputs.get((log, day))
            if out is None:
                for (open_log, open_day), handle in list(self.outputs.items()):
                    if open_log == log:
                        handle.close()
                        del self.outputs[(open_log, open_day)]
                out = open(os.path.join(self.folder, "%s.%s" % (log, day)), "w", encoding="utf-8")
                self.outputs[(log, day)] = out
                self.days[log].append(day)
            out.write(text + "\n")
            self.lines += text.count("\n") + 1
        del self.pending[:cut]

    def close(self):
        self.flush_before(dt.datetime.max)
        for handle in self.outputs.values():
            handle.close()
        for log, days in self.days.items():
            if days:
                os.replace(os.path.join(self.folder, "%s.%s" % (log, days[-1])), os.path.join(self.folder, log))


class Outcome:
    """What happened to one recipient in one attempt: the reply to its RCPT TO (or to the end of the data)."""

    def __init__(self, recipient, status, reply=None):
        self.recipient = recipient
        self.status = status  # "sent", "deferred", "bounced"
        self.reply = reply


class Transaction:
    """One message sent on a connection: envelope, subject, size, and how the remote server answers.

    rcpt_replies: recipient -> reply to RCPT TO ("250 2.1.5 Ok" by default)
    data_reply:   reply to the end of the data (None: "250 2.0.0 Ok: queued as <random id>")
    """

    def __init__(self, sender, recipients, subject, size, rcpt_replies=None, data_reply=None):
        self.sender = sender
        self.recipients = list(recipients)
        self.subject = subject
        self.size = size
        self.rcpt_replies = dict(rcpt_replies or {})
        self.data_reply = data_reply


def reply_status(reply):
    code = int(reply[:3])
    return "sent" if code < 400 else "deferred" if code < 500 else "bounced"


def failure_reason(reply):
    """The failure log's reason text: Xeams' sentence, then the remote reply with its line break (format note §4)."""
    return "Unable to send email to the server. %s\n" % reply


class Connection:
    """Writes one outbound SMTP session into the four logs as Xeams would, and returns the outcomes."""

    def __init__(self, logs, rng, lcid, mx_ip, mx_name, secure=True):
        self.logs = logs
        self.rng = rng
        self.lcid = lcid
        self.mx_ip = mx_ip
        self.mx_name = mx_name
        self.secure = secure

    def _step(self, t, low=30, high=80):
        return t + dt.timedelta(milliseconds=self.rng.randint(low, high))

    def _conv(self, t, text):
        self.logs.add(CONVERSATION, t, self.lcid, text)

    def refused(self, t, transaction, conversation_text="Connection refused",
                reason="No Server Listening on Port 25"):
        """Nobody answered: a marker line, then one failure line per recipient (no SMTP reply exists)."""
        self._conv(t, "************ Unable to connect to %s:25 - %s" % (self.mx_ip, conversation_text))
        t = self._step(t, 1, 4)
        for recipient in transaction.recipients:
            self.logs.add(FAILURE, t, self.lcid, "%s,%s,%s,%d,[Failure reason: %s],Subject: %s" % (
                self.mx_ip, recipient, transaction.sender, transaction.size, reason, transaction.subject))
            t = self._step(t, 0, 2)
        return t, [Outcome(r, "deferred", None) for r in transaction.recipients]

    def reset_after_ehlo(self, t, transaction, exception):
        """The connection breaks after EHLO: the dialogue shows the Java exception (with a stack-trace line), the
        failure log a reason without reply code. Xeams' wording for this is unknown (format note §2: INFERRED)."""
        marker = "New (secure) connection to" if self.secure else "New connection to"
        self._conv(t, "************ %s: %s" % (marker, self.mx_ip))
        t = self._step(t, 100, 250)
        self._conv(t, "S <-- EHLO %s" % XEAMS_HOST)
        t = self._step(t, 200, 400)
        self._conv(t, "%s\n\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:318)" % exception)
        t = self._step(t, 1, 4)
        for recipient in transaction.recipients:
            self.logs.add(FAILURE, t, self.lcid, "%s,%s,%s,%d,[Failure reason: %s],Subject: %s" % (
                self.mx_ip, recipient, transaction.sender, transaction.size, exception.split(": ", 1)[-1],
                transaction.subject))
        return t, [Outcome(r, "deferred", None) for r in transaction.recipients]

    def run(self, t, transactions, auth=None):
        """A whole session: connect, EHLO, [AUTH,] then each transaction, then QUIT. Returns (end time, outcomes).

        auth: None, or (mechanism, user, password) to log in to a relay first with "LOGIN" (user name and password
        as base64 lines after the 334 challenges) or "PLAIN" (the initial response on the AUTH line), the way Xeams
        logs it: unmasked (format note, "Confirmed from public real lines")."""
        marker = "New (secure) connection to" if self.secure else "New connection to"
        self._conv(t, "************ %s: %s" % (marker, self.mx_ip))
        t = self._step(t, 100, 250)
        self._conv(t, "S <-- EHLO %s" % XEAMS_HOST)
        t = self._step(t)
        self._conv(t, "C --> 250-%s Hello %s [%s]" % (self.mx_name, XEAMS_HOST, XEAMS_IP))
        extensions = ("250-SIZE 52428800", "250-8BITMIME", "250 PIPELINING")
        if auth:
            extensions = ("250-SIZE 52428800", "250-AUTH PLAIN LOGIN", "250 PIPELINING")
        for extension in extensions:
            self._conv(t, "C --> " + extension)
        if auth:
            t = self._auth(self._step(t, 1, 3), *auth)
        outcomes = []
        closed = False
        for transaction in transactions:
            t = self._step(t, 1, 3)
            t, done, closed = self._transaction(t, transaction)
            outcomes.extend(done)
            if closed:
                break
        if not closed:
            t = self._step(t, 1, 3)
            self._conv(t, "S <-- QUIT")
            t = self._step(t)
            self._conv(t, "C --> 221 2.0.0 Bye")
        return t, outcomes

    def _auth(self, t, mechanism, user, password):
        b64 = lambda text: base64.b64encode(text.encode("utf-8")).decode("ascii")  # noqa: E731
        if mechanism == "PLAIN":
            self._conv(t, "S <-- AUTH PLAIN " + b64("\0%s\0%s" % (user, password)))
        else:
            self._conv(t, "S <-- AUTH LOGIN")
            t = self._step(t)
            self._conv(t, "C --> 334 " + b64("Username:"))
            t = self._step(t, 1, 3)
            self._conv(t, "S <-- " + b64(user))
            t = self._step(t)
            self._conv(t, "C --> 334 " + b64("Password:"))
            t = self._step(t, 1, 3)
            self._conv(t, "S <-- " + b64(password))
        t = self._step(t)
        self._conv(t, "C --> 235 2.7.0 Authentication successful")
        return t

    def _transaction(self, t, tx):
        outcomes = []
        self._conv(t, "S <-- MAIL FROM:<%s>" % tx.sender)
        t = self._step(t)
        self._conv(t, "C --> 250 2.1.0 Ok")
        accepted = []
        for recipient in tx.recipients:
            t = self._step(t, 1, 3)
            self._conv(t, "S <-- RCPT TO:<%s>" % recipient)
            t = self._step(t)
            reply = tx.rcpt_replies.get(recipient, "250 2.1.5 Ok")
            self._conv(t, "C --> " + reply)
            status = reply_status(reply)
            if status == "sent":
                accepted.append(recipient)
            else:
                self._failure(self._step(t, 2, 6), recipient, tx, reply)
                outcomes.append(Outcome(recipient, status, reply))
        if not accepted:
            return t, outcomes, False
        t = self._step(t, 1, 3)
        self._conv(t, "S <-- DATA")
        t = self._step(t)
        self._conv(t, "C --> 354 End data with <CR><LF>.<CR><LF>")
        # the body is not logged; its transfer takes a while
        t = t + dt.timedelta(milliseconds=200 + tx.size // 20 + self.rng.randint(0, 300))
        reply = tx.data_reply or "250 2.0.0 Ok: queued as %010X" % self.rng.getrandbits(40)
        self._conv(t, "C --> " + reply)
        status = reply_status(reply)
        written = self._step(t, 2, 5)
        for recipient in accepted:
            if status == "sent":
                self.logs.add(SUCCESS, written, self.lcid, "%s,%s,Subject: %s" % (recipient, tx.sender, tx.subject))
            else:
                self._failure(written, recipient, tx, reply)
            outcomes.append(Outcome(recipient, status, reply))
        closed = reply.startswith("421")
        return max(t, written), outcomes, closed

    def _failure(self, t, recipient, tx, reply):
        self.logs.add(FAILURE, t, self.lcid, "%s,%s,%s,%d,[Failure reason: %s],Subject: %s" % (
            self.mx_ip, recipient, tx.sender, tx.size, failure_reason(reply), tx.subject))


# SmtpQueue.log: its layout is entirely INFERRED (format note §5); these wordings are our placeholder.

def queue_queued(logs, t, lcid, recipients, sender, reason):
    logs.add(QUEUE, t, lcid, "Message queued for retry. Recipient(s): %s, Sender: %s, Reason: %s" % (
        ", ".join(recipients), sender, reason))


def queue_permanent(logs, t, lcid, recipient, reason):
    logs.add(QUEUE, t, lcid, "Permanent failure, not queued. Recipient: %s, Reason: %s" % (recipient, reason))


def queue_run(logs, t, count):
    logs.add(QUEUE, t, None, "Processing outbound queue, %d message(s)" % count)


def queue_retry_succeeded(logs, t, lcid, attempt, recipient):
    logs.add(QUEUE, t, lcid, "Retry attempt %d succeeded. Recipient: %s, removed from queue" % (attempt, recipient))


def queue_retry_failed(logs, t, lcid, attempt, recipient, reason, minutes):
    logs.add(QUEUE, t, lcid, "Retry attempt %d failed. Recipient: %s, Reason: %s, next attempt in %d minutes" % (
        attempt, recipient, reason, minutes))


def queue_gave_up(logs, t, lcid, retries, recipient, sender):
    logs.add(QUEUE, t, lcid, "Retry count exceeded (%d). Giving up on %s, non-delivery report sent to %s" % (
        retries, recipient, sender))


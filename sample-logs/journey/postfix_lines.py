"""Writes Postfix mail log lines (RFC 3339 timestamps, as rsyslog's default template writes them) for the journey
samples: a message received over SMTP or picked up locally, its Message-ID, the queue manager's line, delivery
attempts (local, or to a remote relay with the reply in parentheses) and the removal.

Python 3 standard library only; deterministic for a given random.Random. The wording follows Postfix 3.x (the
sample-logs/postfix set was written by a real Postfix, see its README); nothing is copied from a real server's log.
"""

import datetime as dt


def stamp(t):
    """2026-03-02T09:15:05.123456+00:00 (the times are UTC)."""
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


class PostfixLog:
    """The lines of one Postfix host, kept with their time and written sorted."""

    def __init__(self, host, rng):
        self.host = host
        self.rng = rng
        self.lines = []
        self.sequence = 0
        self.pids = {}

    def queue_id(self):
        """A short Postfix queue id: upper-case hex, 10 digits here (the length depends on the inode number)."""
        return "%010X" % self.rng.getrandbits(40)

    def add(self, t, program, text):
        pid = self.pids.setdefault(program, self.rng.randint(1000, 30000))
        self.sequence += 1
        self.lines.append((t, self.sequence, "%s %s postfix/%s[%d]: %s" % (stamp(t), self.host, program, pid, text)))

    def write(self, path):
        with open(path, "w", encoding="utf-8") as out:
            for _, _, line in sorted(self.lines):
                out.write(line + "\n")


class Message:
    """One message in one Postfix queue."""

    def __init__(self, log, qid, sender, recipients, message_id, size):
        self.log = log
        self.qid = qid
        self.sender = sender
        self.recipients = list(recipients)
        self.message_id = message_id
        self.size = size
        self.received = None

    def received_smtp(self, t, client, data_end=None):
        """smtpd accepts it from client ("name[ip]") at t; cleanup and qmgr log it when the data has ended
        (data_end, default: within the second); the client disconnects right after. Returns that time."""
        self.received = t
        data_end = data_end or t + dt.timedelta(milliseconds=260)
        self.log.add(t, "smtpd", "connect from %s" % client)
        self.log.add(t + dt.timedelta(milliseconds=40), "smtpd", "%s: client=%s" % (self.qid, client))
        self._queued(data_end - dt.timedelta(milliseconds=10))
        self.log.add(data_end + dt.timedelta(milliseconds=50), "smtpd", "disconnect from %s ehlo=1 mail=1 rcpt=%d "
                     "data=1 quit=1 commands=%d" % (client, len(self.recipients), 4 + len(self.recipients)))
        return data_end + dt.timedelta(milliseconds=40)

    def picked_up(self, t, uid=1000):
        """A local submission (sendmail command): pickup instead of smtpd."""
        self.received = t
        self.log.add(t, "pickup", "%s: uid=%d from=<%s>" % (self.qid, uid, self.sender))
        self._queued(t + dt.timedelta(milliseconds=20))
        return t + dt.timedelta(milliseconds=30)

    def _queued(self, t):
        self.log.add(t, "cleanup", "%s: message-id=<%s>" % (self.qid, self.message_id))
        self.log.add(t + dt.timedelta(milliseconds=5), "qmgr", "%s: from=<%s>, size=%d, nrcpt=%d (queue active)" % (
            self.qid, self.sender, self.size, len(self.recipients)))

    def _delays(self, t):
        total = (t - self.received).total_seconds()
        return "delay=%.2g, delays=%.2g/0.01/0.05/0.02" % (total, max(total - 0.08, 0))

    def local(self, t, recipient, transport="virtual", detail="delivered to maildir"):
        self.log.add(t, transport, "%s: to=<%s>, relay=%s, %s, dsn=2.0.0, status=sent (%s)" % (
            self.qid, recipient, transport, self._delays(t), detail))

    def remote(self, t, recipient, relay, reply, stage="RCPT TO"):
        """One attempt to a remote server: sent on 2xx (the reply alone in parentheses), else deferred (4xx) or
        bounced (5xx) with Postfix's 'host ... said:' wording."""
        code = int(reply[:3])
        dsn = reply.split()[1] if len(reply.split()) > 1 and reply.split()[1][0].isdigit() else "%d.0.0" % (code // 100)
        if code < 400:
            status, detail = "sent", reply
        else:
            status = "deferred" if code < 500 else "bounced"
            host = relay.rsplit(":", 1)[0]
            detail = "host %s said: %s (in reply to %s command)" % (host, reply, stage)
        self.log.add(t, "smtp", "%s: to=<%s>, relay=%s, %s, dsn=%s, status=%s (%s)" % (
            self.qid, recipient, relay, self._delays(t), dsn, status, detail))

    def queue_run(self, t):
        """qmgr picks a deferred message up again."""
        self.log.add(t, "qmgr", "%s: from=<%s>, size=%d, nrcpt=%d (queue active)" % (
            self.qid, self.sender, self.size, len(self.recipients)))

    def removed(self, t):
        self.log.add(t, "qmgr", "%s: removed" % self.qid)

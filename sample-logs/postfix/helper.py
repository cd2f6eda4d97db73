#!/usr/bin/env python3
"""Helper for generate.sh (standard library only; everything binds to 127.0.0.x only).

  helper.py servers --transcript FILE
      fake destination mail servers + fake DNS server, runs until SIGTERM (see below)
  helper.py session --port N --helo NAME [--source IP] --msg 'FROM|RCPT1,RCPT2|MESSAGE-ID|SUBJECT' ...
      sends several messages over ONE SMTP session to 127.0.0.1 (smtplib); recipients
      refused at RCPT time are reported and the rest of the message is still sent

SMTP servers (port 25), one behaviour per address:
  127.0.0.2  mx.accept.example.net    accepts everything: 250 2.0.0 Ok: queued as <id>
  127.0.0.3  mx.unknown.example.net   550 5.1.1 user unknown at RCPT TO
  127.0.0.4  mx.full.example.net      552 5.2.2 mailbox full at RCPT TO
  127.0.0.5  mx.blocked.example.net   554 5.7.1 client host blocked (DNSBL) at RCPT TO
  127.0.0.6  mx.spam.example.net      accepts RCPT, 554 5.7.1 spam in reply to the final dot
  127.0.0.7  mx.greylist.example.net  451 4.7.1 greylisted the first time a recipient is
                                      seen, accepted afterwards (Exim-style 250 OK id=...)
  127.0.0.8  mx.refused.example.net   NOTHING listens here -> connection refused
  127.0.0.9  mx.silent.example.net    accepts TCP, never sends a greeting -> timeout
  127.0.0.10 mx.tempfail.example.net  451 4.3.0 at RCPT TO, forever

DNS server (UDP port 53 on 127.0.0.99): A records for the names above, PTR records for
their addresses (and 127.0.0.20 = outside.example.org), NXDOMAIN for everything else
(e.g. nowhere.example.org, which therefore has neither MX nor A records).

"""
import argparse
import itertools
import random
import signal
import socket
import socketserver
import struct
import sys
import threading
import time

HOSTS = {
    "127.0.0.2": ("mx.accept.example.net", "accept"),
    "127.0.0.3": ("mx.unknown.example.net", "unknown"),
    "127.0.0.4": ("mx.full.example.net", "full"),
    "127.0.0.5": ("mx.blocked.example.net", "blocked"),
    "127.0.0.6": ("mx.spam.example.net", "spam"),
    "127.0.0.7": ("mx.greylist.example.net", "greylist"),
    "127.0.0.8": ("mx.refused.example.net", None),   # deliberately not listening
    "127.0.0.9": ("mx.silent.example.net", "silent"),
    "127.0.0.10": ("mx.tempfail.example.net", "tempfail"),
}
EXTRA_PTR = {"127.0.0.20": "outside.example.org"}
DNS_ADDR = "127.0.0.99"

LOCK = threading.Lock()
TRANSCRIPT = None
GREYLIST_SEEN = set()
RNG = random.Random()
COUNTER = itertools.count(1)


def log(line):
    with LOCK:
        if TRANSCRIPT:
            TRANSCRIPT.write("%s %s\n" % (time.strftime("%H:%M:%S"), line))
            TRANSCRIPT.flush()


def postfix_like_id():
    return "".join(RNG.choice("0123456789ABCDEF") for _ in range(10))


def exim_like_id():
    chars = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    part = lambda n: "".join(RNG.choice(chars) for _ in range(n))
    return "1t%s-%s-%s" % (part(4), part(6), part(2))


def strip_addr(arg):
    # "TO:<x@y> SIZE=..." -> "x@y"
    a = arg.split(":", 1)[1].strip() if ":" in arg else arg
    a = a.split(" ")[0]
    return a.strip("<>")


class SMTPHandler(socketserver.StreamRequestHandler):
    timeout = 120

    def send(self, text):
        log("%s > %s" % (self.name, text))
        self.wfile.write((text + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        local_ip = self.request.getsockname()[0]
        self.name, self.kind = HOSTS[local_ip]
        peer = self.client_address[0]
        log("%s connect from %s" % (self.name, peer))
        if self.kind == "silent":
            # Accept the TCP connection but never greet; wait for the client to give up.
            try:
                while self.request.recv(4096):
                    pass
            except OSError:
                pass
            log("%s silent connection closed" % self.name)
            return
        self.send("220 %s ESMTP ready" % self.name)
        rcpts = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                break
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            log("%s < %s" % (self.name, line))
            verb = line.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.send("250-%s" % self.name)
                self.send("250-SIZE 10240000")
                self.send("250-8BITMIME")
                self.send("250 ENHANCEDSTATUSCODES")
            elif verb == "HELO":
                self.send("250 %s" % self.name)
            elif verb == "MAIL":
                rcpts = []
                self.send("250 2.1.0 Ok")
            elif verb == "RCPT":
                r = strip_addr(line[4:].strip())
                self.rcpt(r, peer, rcpts)
            elif verb == "DATA":
                if not rcpts:
                    self.send("554 5.5.1 Error: no valid recipients")
                    continue
                self.send("354 End data with <CR><LF>.<CR><LF>")
                size = 0
                while True:
                    d = self.rfile.readline()
                    if not d or d in (b".\r\n", b".\n"):
                        break
                    size += len(d)
                log("%s < (%d bytes of message data)" % (self.name, size))
                if self.kind == "spam":
                    self.send("554 5.7.1 Message rejected as spam by content filter (score 14.2)")
                elif self.kind == "greylist":
                    self.send("250 OK id=%s" % exim_like_id())
                else:
                    self.send("250 2.0.0 Ok: queued as %s" % postfix_like_id())
                rcpts = []
            elif verb == "RSET":
                rcpts = []
                self.send("250 2.0.0 Ok")
            elif verb == "NOOP":
                self.send("250 2.0.0 Ok")
            elif verb == "QUIT":
                self.send("221 2.0.0 Bye")
                break
            else:
                self.send("502 5.5.2 Error: command not recognized")

    def rcpt(self, r, peer, rcpts):
        k = self.kind
        if k == "unknown":
            self.send("550 5.1.1 <%s>: Recipient address rejected: User unknown in local recipient table" % r)
        elif k == "full":
            self.send("552 5.2.2 <%s>: Mailbox full, quota exceeded" % r)
        elif k == "blocked":
            self.send("554 5.7.1 Service unavailable; Client host [%s] blocked using zen.spamhaus.org" % peer)
        elif k == "tempfail":
            self.send("451 4.3.0 <%s>: Temporary lookup failure, please try again later" % r)
        elif k == "greylist":
            with LOCK:
                seen = r.lower() in GREYLIST_SEEN
                GREYLIST_SEEN.add(r.lower())
            if seen:
                rcpts.append(r)
                self.send("250 Accepted")
            else:
                self.send("451 4.7.1 <%s>: Recipient address rejected: Greylisted, please try again in 10 seconds" % r)
        else:
            rcpts.append(r)
            self.send("250 2.1.5 Ok")


class SMTPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


# ---------------------------------------------------------------- DNS

A_RECORDS = {name: ip for ip, (name, _k) in HOSTS.items()}
A_RECORDS["outside.example.org"] = "127.0.0.20"
PTR_RECORDS = {ip: name for ip, (name, _k) in HOSTS.items()}
PTR_RECORDS.update(EXTRA_PTR)


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def parse_question(data):
    pos = 12
    labels = []
    while True:
        n = data[pos]
        pos += 1
        if n == 0:
            break
        labels.append(data[pos:pos + n].decode("ascii", "replace"))
        pos += n
    qtype, qclass = struct.unpack("!HH", data[pos:pos + 4])
    return ".".join(labels), qtype, qclass, data[12:pos + 4]


def dns_answer(data):
    tid, flags = struct.unpack("!HH", data[:4])
    qname, qtype, qclass, question = parse_question(data)
    name = qname.lower()
    rd = flags & 0x0100
    answers = []
    rcode = 0
    if name in A_RECORDS:
        if qtype == 1:
            answers.append((1, socket.inet_aton(A_RECORDS[name])))
    elif name.endswith(".in-addr.arpa"):
        parts = name[:-len(".in-addr.arpa")].split(".")
        ip = ".".join(reversed(parts))
        if ip in PTR_RECORDS and qtype == 12:
            answers.append((12, encode_name(PTR_RECORDS[ip])))
        elif ip not in PTR_RECORDS:
            rcode = 3
    else:
        rcode = 3  # NXDOMAIN
    rflags = 0x8000 | 0x0400 | rd | 0x0080 | rcode  # QR AA RD RA rcode
    out = struct.pack("!HHHHHH", tid, rflags, 1, len(answers), 0, 0) + question
    for rtype, rdata in answers:
        out += b"\xc0\x0c" + struct.pack("!HHIH", rtype, 1, 300, len(rdata)) + rdata
    log("dns %s type=%d -> rcode=%d answers=%d" % (qname, qtype, rcode, len(answers)))
    return out


def dns_loop(sock):
    while True:
        try:
            data, addr = sock.recvfrom(4096)
            sock.sendto(dns_answer(data), addr)
        except Exception as e:  # keep serving
            log("dns error %r" % (e,))


def session(args):
    import email.message
    import email.utils
    import smtplib
    src = (args.source, 0) if args.source else None
    s = smtplib.SMTP("127.0.0.1", args.port, local_hostname=args.helo, source_address=src, timeout=30)
    rc = 0
    for spec in args.msg:
        sender, rcpts, msgid, subject = spec.split("|")
        rcpts = rcpts.split(",")
        m = email.message.EmailMessage()
        m["From"] = sender
        m["To"] = ", ".join(rcpts)
        m["Subject"] = subject
        m["Date"] = email.utils.formatdate(localtime=False)
        m["Message-ID"] = msgid
        m.set_content("Sample message %s for smtptrail.\n" % msgid)
        try:
            refused = s.sendmail(sender, rcpts, m.as_bytes())
        except smtplib.SMTPRecipientsRefused as e:
            refused, rc = e.recipients, 1
            s.rset()
        print("sent %s; refused at RCPT: %s" % (msgid, refused or "none"), flush=True)
    s.quit()
    return rc


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("servers")
    sp.add_argument("--transcript", default=None)
    ss = sub.add_parser("session")
    ss.add_argument("--port", type=int, default=25)
    ss.add_argument("--helo", default="ws1.example.org")
    ss.add_argument("--source", default=None)
    ss.add_argument("--msg", action="append", required=True)
    args = ap.parse_args()
    if args.cmd == "session":
        return session(args)
    return servers(args)


def servers(args):
    global TRANSCRIPT
    if args.transcript:
        TRANSCRIPT = open(args.transcript, "a")
    servers = []
    for ip, (_name, kind) in HOSTS.items():
        if kind is None:
            continue
        assert ip.startswith("127.0.0.")
        srv = SMTPServer((ip, 25), SMTPHandler)
        servers.append(srv)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    dns.bind((DNS_ADDR, 53))
    threading.Thread(target=dns_loop, args=(dns,), daemon=True).start()
    log("fakemx ready")
    print("fakemx ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    for srv in servers:
        srv.shutdown()
        srv.server_close()
    log("fakemx stopped")


if __name__ == "__main__":
    sys.exit(main())

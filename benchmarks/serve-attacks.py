#!/usr/bin/env python3
"""The attacks of issue 23 against a running `smtptrail serve`, each printed with what it measured.

Usage: serve-attacks.py URL ADMIN_TOKEN SUPPORT_TOKEN
  URL            the server, e.g. http://127.0.0.1:8025 (started with --token-file holding both tokens)
  ADMIN_TOKEN    a token of the admin role
  SUPPORT_TOKEN  a token of the support role

Only the server at URL is contacted (run it on loopback). Each attack is bounded in requests and time.
docs/SECURITY.md shows what this printed before and after the defences.
"""
import csv
import io
import re
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ADDRESS = re.compile(r"([A-Za-z0-9!#$%&*+/=?^_`{|}~.-][A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]*)@[A-Za-z0-9][A-Za-z0-9.-]*")


def request(url, token=None, data=None, headers=None, timeout=120):
    """(status, headers, body, seconds) of one request; a connection error is status 0."""
    req = urllib.request.Request(url, data=data, headers=dict(headers or {}))
    if token:
        req.add_header("Authorization", "Bearer " + token)
    start = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            return answer.status, dict(answer.headers), answer.read().decode(), time.monotonic() - start
    except urllib.error.HTTPError as refused:
        return refused.code, dict(refused.headers), refused.read().decode(), time.monotonic() - start
    except (urllib.error.URLError, OSError) as failed:
        return 0, {}, str(failed), time.monotonic() - start


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def slow_clients(base, admin, count=200):
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    sockets = []
    for _ in range(count):
        s = socket.create_connection((host, port))
        s.sendall(b"GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        sockets.append(s)
    times = []
    for _ in range(5):
        status, _, _, seconds = request(base + "/api/check?to=alice@accept.example.net", admin, timeout=30)
        times.append((status, round(seconds * 1000, 1)))
    for s in sockets:
        s.close()
    print(f"slow clients: {count} connections that never finish their headers; /api/check beside them"
          f" (status, ms): {times}")


def support_patterns(base, support):
    for query in ["to=*", "to=*@*", "to=?*", "from=*", "to=*&format=csv"]:
        status, _, body, _ = request(f"{base}/api/trace?limit=2000&{query}", support)
        clear = sorted({m.group(0) for m in ADDRESS.finditer(body) if not m.group(1).endswith("***")})
        print(f"support token, {query}: status {status}, {len(clear)} addresses in clear {clear[:3]}")


def csv_injection(base, admin):
    status, _, body, _ = request(base + "/api/trace?format=csv&limit=2000", admin)
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    formulas = [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")
                or (cell[:1] == "-" and not re.fullmatch(r"-[0-9.]+", cell))]
    print(f"CSV: status {status}, {len(cells)} cells, {len(formulas)} start like a formula {formulas[:3]}")


def login_csrf(base, admin):
    opener = urllib.request.build_opener(NoRedirect)
    form = urllib.parse.urlencode({"token": admin}).encode()
    for origin in ["http://evil.example", None]:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin:
            headers["Origin"] = origin
        req = urllib.request.Request(base + "/login", data=form, headers=headers)
        try:
            with opener.open(req) as answer:
                status, cookie = answer.status, answer.headers.get("Set-Cookie")
        except urllib.error.HTTPError as refused:
            status, cookie = refused.code, refused.headers.get("Set-Cookie")
        print(f"POST /login, Origin {origin or '(none: curl)'}: status {status}, session cookie set: {bool(cookie)}")


def wrong_logins(base, count=200):
    opener = urllib.request.build_opener(NoRedirect)
    statuses = {}
    start = time.monotonic()
    for n in range(count):
        req = urllib.request.Request(base + "/login", data=f"token=guess-{n}-0123456789abcdef".encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            with opener.open(req) as answer:
                status = answer.status
        except urllib.error.HTTPError as refused:
            status = refused.code
        statuses[status] = statuses.get(status, 0) + 1
    print(f"{count} wrong logins in {time.monotonic() - start:.2f} s: statuses {statuses}")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    base, admin, support = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    slow_clients(base, admin)
    support_patterns(base, support)
    csv_injection(base, admin)
    login_csrf(base, admin)
    wrong_logins(base)


if __name__ == "__main__":
    main()

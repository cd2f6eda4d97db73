#!/usr/bin/env python3
"""Heavy load for a running `smtptrail serve` (issue 23, the heap a server needs): CLIENTS clients at once, each
asking ROUNDS of the largest answers the API gives -- 2000-row pages (the default --max-rows) of every recipient, of
the deferred rows as CSV, of a domain, a third page of `*@*`, stats by domain -- and 20,000 stars. Prints the worst
time and the statuses per request; run the server with -Xlog:gc:file=... to read its heap.

Usage: benchmarks/serve-heavy.py PORT [CLIENTS] [ROUNDS]   (defaults: 8 clients, 6 rounds)
Python 3, standard library only.
"""
import http.client
import sys
import threading
import time
import urllib.parse

PATHS = [
    "/api/trace?to=*&limit=2000",
    "/api/trace?status=DEFERRED&limit=2000&format=csv",
    "/api/trace?to=" + urllib.parse.quote("*@*") + "&limit=2000&page=3",
    "/api/stats?by=domain",
    "/api/trace?domain=example.net&limit=2000&page=2",
    "/api/trace?to=" + "*" * 20000 + "@x",
]


def main():
    port = int(sys.argv[1])
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    worst, statuses, lock = {}, {}, threading.Lock()

    def client(number):
        for r in range(rounds):
            path = PATHS[(number + r) % len(PATHS)]
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            start = time.time()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            took = time.time() - start
            with lock:
                name = path[:44]
                worst[name] = max(worst.get(name, 0), took)
                statuses.setdefault(name, set()).add(response.status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"{clients} clients x {rounds} heavy requests in {time.time() - start:.1f} s")
    for name in worst:
        print(f"  {name:46} worst {worst[name]:6.2f} s  status {sorted(statuses[name])}")


if __name__ == "__main__":
    main()

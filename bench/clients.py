#!/usr/bin/env python3
"""clients.py: hostile clients for bench/serve.sh (loopback only; each run stops by itself).

  clients.py slow PORT N SECONDS     N connections sending a request one byte every 4 s
  clients.py noread PORT N SECONDS   N connections each POSTing a 600 KB story to
                                     /api/code (about 7 MB of JSON back) and never
                                     reading the answer

Meanwhile /healthz is asked every 0.25 s on a fresh connection; prints how many of the
hostile connections were accepted, and the /healthz latencies (max, median) and failures.
"""
import socket
import sys
import time


def healthz(port):
    t0 = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        s.close()
        ok = data.startswith(b"HTTP/1.1 200")
    except OSError:
        ok = False
    return ok, time.monotonic() - t0


def main():
    mode, port, n, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    story = b"TOKYO (Reuters) - Japan condemned North Korea on Thursday over the missile launch. "
    body = story * (600000 // len(story))
    socks = []
    for _ in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.setblocking(False)
            if mode == "noread":
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                head = ("POST /api/code HTTP/1.1\r\nHost: bench\r\nContent-Type: text/plain\r\n"
                        "Content-Length: %d\r\n\r\n" % len(body)).encode()
                socks.append([s, head + body])
            else:
                socks.append([s, b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n"])
        except OSError:
            pass
    accepted = len(socks)
    lat, fails = [], 0
    end = time.monotonic() + seconds
    next_byte = time.monotonic()
    while time.monotonic() < end:
        now = time.monotonic()
        if mode == "slow" and now >= next_byte:
            for c in socks:
                if c[1]:
                    try:
                        c[0].send(c[1][:1])
                        c[1] = c[1][1:]
                    except OSError:
                        c[1] = b""
            next_byte = now + 4
        elif mode == "noread":
            for c in socks:
                if c[1]:
                    try:
                        k = c[0].send(c[1][:65536])
                        c[1] = c[1][k:]
                    except (BlockingIOError, InterruptedError):
                        pass
                    except OSError:
                        c[1] = b""
        ok, t = healthz(port)
        lat.append(t)
        fails += not ok
        time.sleep(0.25)
    for c in socks:
        c[0].close()
    lat.sort()
    print("%s: %d connections opened; /healthz asked %d times: max %.1f ms, median %.1f ms, %d failed"
          % (mode, accepted, len(lat), lat[-1] * 1000, lat[len(lat) // 2] * 1000, fails))


if __name__ == "__main__":
    main()

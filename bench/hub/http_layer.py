#!/usr/bin/env python3
"""The hub's HTTP layer under load and abuse (issue 8 §1), printed side by side.

usage: bench/hub/http_layer.py HUB [--before OLD_HUB] [--nginx]

HUB and OLD_HUB are mobiliza-hub executables (for instance build/sync/hub/mobiliza-hub
and one built from a commit before the libmicrohttpd layer). Each measure starts a
fresh `serve` on 127.0.0.1 with an empty data folder:

  hostile   one request without a token declaring a 4 GiB body, then sending up to
            512 MiB: growth of the hub's peak memory (VmHWM) and time to its answer
  idle      2,000 idle connections (from 20 loopback addresses), then 20 pre-flights
            on new connections: median and worst answer time (5 s: "no answer")
  curl      20 sequential photo uploads (1.5 MB) with curl's defaults, which send
            `Expect: 100-continue` for bodies over 1 MiB: total seconds
  clients   4 and 60 clients at once, 10 photos of 330 KB each over keep-alive
            connections: photos per second (and, with --nginx, the same through a
            plain-HTTP nginx reverse proxy in front of HUB)

Nothing here is a test: numbers depend on the machine. docs/deployment.md keeps
the figures measured for the closing note of issue 8.
"""
import argparse
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

IBGE = "3105608"  # Barbacena


def default_open_files():
    import resource
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(1024, hard), hard))


def rss_peak_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


class Hub:
    def __init__(self, exe, extra=()):
        self.exe = exe
        self.dir = tempfile.mkdtemp(prefix="mobiliza-bench-")
        env = dict(os.environ, MOBILIZA_LANG="en")
        env.pop("MOBILIZA_HUB_DB", None)
        self.env = env
        # The hub starts with the usual soft limit of open files (1,024), as from a shell or
        # systemd; this script raised its own for its 2,000 connections.
        self.proc = subprocess.Popen([exe, "serve", "--listen", "127.0.0.1:0", "--data", self.dir, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True,
                                     preexec_fn=default_open_files)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if not m:
            raise RuntimeError(f"{exe} did not start: {line!r}")
        self.port = int(m.group(1))
        self.token = self.enroll(0)

    # A new installation's token (enrollment is rate-limited per address: each from its own).
    def enroll(self, n):
        code = subprocess.run([self.exe, "enroll", "--data", self.dir, "--municipality", IBGE], env=self.env,
                              capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                       source_address=(f"127.0.5.{1 + n % 250}", 0))
        c.request("POST", "/api/v1/enroll", body=json.dumps({"code": code}).encode())
        r = c.getresponse()
        body = r.read()
        c.close()
        if r.status != 201:
            raise RuntimeError(f"enroll: {r.status} {body[:200]!r}")
        return json.loads(body)["token"]

    def request(self, method, path, body=None, token="", port=None, timeout=30):
        c = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=timeout)
        headers = {}
        if token is None:
            pass
        else:
            headers["Authorization"] = "Bearer " + (token or self.token)
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def hostile(exe):
    hub = Hub(exe)
    try:
        before = rss_peak_kib(hub.proc.pid)
        s = socket.create_connection(("127.0.0.1", hub.port))
        s.sendall(f"PUT /api/v1/blobs/{'a' * 64} HTTP/1.1\r\nHost: x\r\nContent-Length: 4294967296\r\n\r\n".encode())
        chunk = b"\0" * (1 << 20)
        start = time.monotonic()
        answered = None
        s.settimeout(0.0)
        sent = 0
        while sent < (512 << 20):
            try:
                if s.recv(4096):
                    answered = time.monotonic() - start
                    break
            except BlockingIOError:
                pass
            except OSError:
                break
            try:
                s.settimeout(5)
                s.sendall(chunk)
                s.settimeout(0.0)
                sent += len(chunk)
            except OSError:
                break
        if answered is None:
            s.settimeout(10)
            try:
                if s.recv(4096):
                    answered = time.monotonic() - start
            except OSError:
                pass
        s.close()
        time.sleep(0.5)  # let the hub settle before reading its peak (a bench, not a test)
        grown = (rss_peak_kib(hub.proc.pid) - before) / 1024
        return f"{max(grown, 0):+.0f} MB peak, {sent >> 20} MiB sent, " + (
            f"answered after {answered * 1000:.0f} ms" if answered is not None else "no answer")
    finally:
        hub.stop()


def idle(exe):
    hub = Hub(exe)
    sockets = []
    try:
        for i in range(2000):
            s = socket.socket()
            s.bind((f"127.0.1.{1 + i // 100}", 0))
            s.setblocking(False)
            try:
                s.connect(("127.0.0.1", hub.port))
            except BlockingIOError:
                pass
            sockets.append(s)
        times = []
        for _ in range(20):
            start = time.monotonic()
            try:
                status, _ = hub.request("GET", "/api/v1/preflight", timeout=5)
                times.append((time.monotonic() - start) * 1000 if status == 200 else None)
            except OSError:
                times.append(None)
        answered = [t for t in times if t is not None]
        if not answered:
            return "no answer (20 of 20)"
        text = f"median {statistics.median(answered):.1f} ms, worst {max(answered):.1f} ms"
        if len(answered) < len(times):
            text += f", {len(times) - len(answered)} of 20 unanswered"
        return text
    finally:
        for s in sockets:
            s.close()
        hub.stop()


def photo(i, size):
    seed = hashlib.sha256(str(i).encode()).digest()
    data = (seed * (size // 32 + 1))[:size - 8] + i.to_bytes(8, "big")
    return data, hashlib.sha256(data).hexdigest()


def curl_uploads(exe):
    if not shutil.which("curl"):
        return "curl not installed"
    hub = Hub(exe)
    try:
        folder = tempfile.mkdtemp()
        files = []
        for i in range(20):
            data, sha = photo(i, 1_500_000)
            path = os.path.join(folder, sha)
            with open(path, "wb") as f:
                f.write(data)
            files.append((path, sha))
        start = time.monotonic()
        codes = []
        for path, sha in files:
            out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H",
                                  f"Authorization: Bearer {hub.token}", "--data-binary", f"@{path}",
                                  f"http://127.0.0.1:{hub.port}/api/v1/blobs/{sha}"], capture_output=True, text=True)
            codes.append(out.stdout)
        total = time.monotonic() - start
        shutil.rmtree(folder, ignore_errors=True)
        ok = sum(1 for c in codes if c in ("200", "201"))
        return f"{total:.2f} s ({total / 20 * 1000:.0f} ms each), {ok}/20 stored"
    finally:
        hub.stop()


def clients(exe, n, via_nginx=False):
    hub = Hub(exe, ["--trust-proxy"] if via_nginx else [])
    nginx = None
    port = hub.port
    try:
        if via_nginx:
            nginx, port = start_nginx(hub.port)
        photos = [[photo(c * 1000 + i, 330_000) for i in range(10)] for c in range(n)]
        errors = []

        # One token per client, as one installation per municipality (a token's rate limit is its own).
        tokens = [hub.enroll(1 + c) for c in range(n)]

        def run(mine, token):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            for data, sha in mine:
                conn.request("PUT", f"/api/v1/blobs/{sha}", body=data,
                             headers={"Authorization": f"Bearer {token}"})
                r = conn.getresponse()
                r.read()
                if r.status not in (200, 201):
                    errors.append(r.status)
            conn.close()

        threads = [threading.Thread(target=run, args=(p, t)) for p, t in zip(photos, tokens)]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = time.monotonic() - start
        count = n * 10 - len(errors)
        text = f"{count / total:.0f} photos/s ({count * 330_000 / total / 1e6:.1f} MB/s)"
        if errors:
            text += f", {len(errors)} refused ({sorted(set(errors))})"
        return text
    finally:
        if nginx:
            nginx[0].terminate()
            nginx[0].wait()
            shutil.rmtree(nginx[1], ignore_errors=True)
        hub.stop()


def start_nginx(upstream):
    exe = shutil.which("nginx") or "/usr/sbin/nginx"
    prefix = tempfile.mkdtemp(prefix="mobiliza-bench-nginx-")
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    os.makedirs(f"{prefix}/logs")
    user = "user root root;\n" if os.getuid() == 0 else ""
    with open(f"{prefix}/nginx.conf", "w") as f:
        f.write(f"""{user}daemon off; worker_processes 2; pid {prefix}/nginx.pid; error_log {prefix}/logs/error.log;
events {{ worker_connections 4096; }}
http {{ access_log off; client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;
  upstream hub {{ server 127.0.0.1:{upstream}; keepalive 64; }}
  server {{ listen 127.0.0.1:{port}; client_max_body_size 9m;
    location /api/ {{ proxy_pass http://hub; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $remote_addr; }} }} }}
""")
    proc = subprocess.Popen([exe, "-p", prefix, "-c", f"{prefix}/nginx.conf"], stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return (proc, prefix), port


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("hub")
    parser.add_argument("--before")
    parser.add_argument("--nginx", action="store_true")
    args = parser.parse_args()
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))

    measures = [("hostile 4 GiB body, no token", hostile), ("pre-flight, 2,000 idle connections", idle),
                ("20 uploads with curl's defaults", curl_uploads),
                ("4 clients × 10 photos", lambda e: clients(e, 4)),
                ("60 clients × 10 photos", lambda e: clients(e, 60))]
    binaries = ([("before", args.before)] if args.before else []) + [("after", args.hub)]
    rows = []
    for name, measure in measures:
        row = [name]
        for _, exe in binaries:
            try:
                row.append(measure(exe))
            except Exception as e:  # a bench reports, it does not stop
                row.append(f"failed: {e}")
            print(f"  {name}: {row[-1]}", file=sys.stderr)
        rows.append(row)
    if args.nginx:
        for n in (4, 60):
            row = [f"{n} clients through nginx"] + (["-"] if args.before else [])
            try:
                row.append(clients(args.hub, n, via_nginx=True))
            except Exception as e:
                row.append(f"failed: {e}")
            rows.append(row)
    header = ["measure"] + [b for b, _ in binaries]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))


if __name__ == "__main__":
    main()

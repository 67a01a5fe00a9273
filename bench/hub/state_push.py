#!/usr/bin/env python3
"""The state's municipalities pushing a month at once (bench/hub/bench_state.sh, issue 13).

A load generator, not 853 profiles: each municipality is one coroutine on its own
keep-alive connection making the requests a client's pass makes, in its order —
pre-flight, blobs/missing, a PUT per photo the hub lacks, the manifest, the status
feed — with the bytes of a real month (bench_field_client --template: 20 camera
photos through the app's pipeline and the manifest the outbox locked), each
municipality's copy made its own (its code in the photos' tail, fresh uuids).

usage:
  state_push.py enroll   --template DIR --codes FILE --url URL --tokens FILE
  state_push.py push     --template DIR --tokens FILE --url URL --out JSON
  state_push.py baseline --template DIR --tokens FILE --url URL --out JSON
  state_push.py ceiling  --template DIR --tokens FILE --url URL --out JSON

enroll    POST /api/v1/enroll for every "ibge code" line of FILE, straight to one
          hub instance (started with --trust-proxy), each from its own address
          (X-Forwarded-For 10.x.y.z: a state's municipalities come from 853
          addresses, not from this machine's one); writes "ibge token" lines.
push      every municipality at once through URL (nginx); a 429 is waited out as
          the client does (its Retry-After); a dropped connection is reopened and
          the request sent again. Writes figures as JSON.
baseline  the same bodies from the same coroutines, PUT to nginx's DAV module at
          URL (the photos, then the manifest as a file): what this machine does
          with the same bytes and no application at all.
ceiling   the same PUTs to the hub's addresses with the token, through nginx with
          the shipped site to an upstream that reads each body and answers 201
          without storing it: the most any application behind that nginx could
          do on this machine (its own work costing nothing).
"""
import argparse
import asyncio
import hashlib
import json
import os
import re
import sys
import time
import uuid
from urllib.parse import urlsplit

TEMPLATE_IBGE = b"3106200"
UUID_RE = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Template:
    def __init__(self, folder):
        with open(os.path.join(folder, "manifest.json"), "rb") as f:
            self.manifest = f.read()
        with open(os.path.join(folder, "report")) as f:
            self.report, revision = f.read().split()
        self.revision = int(revision)
        self.photos = {}
        for name in sorted(os.listdir(os.path.join(folder, "photos"))):
            with open(os.path.join(folder, "photos", name), "rb") as f:
                data = f.read()
            assert data.endswith(b"mobiliza-bench-" + TEMPLATE_IBGE), name
            self.photos[name] = data
        self.payload = len(self.manifest) + sum(len(p) for p in self.photos.values())

    def month_of(self, ibge):
        """The municipality's own copy: (report uuid, manifest bytes, [(sha, photo bytes)])."""
        code = ibge.encode()
        photos = []
        manifest = self.manifest
        for sha, data in self.photos.items():
            own = data[: -len(TEMPLATE_IBGE)] + code
            own_sha = hashlib.sha256(own).hexdigest()
            manifest = manifest.replace(sha.encode(), own_sha.encode())
            photos.append((own_sha, own))
        fresh = {}
        manifest = UUID_RE.sub(lambda m: fresh.setdefault(m.group(0), str(uuid.uuid4()).encode()), manifest)
        manifest = manifest.replace(b'"' + TEMPLATE_IBGE + b'"', b'"' + code + b'"')
        report = fresh[self.report.encode()].decode()
        return report, manifest, photos


class Connection:
    """HTTP/1.1 on one keep-alive connection; reopened when the server drops it."""

    def __init__(self, url, stats):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.reader = self.writer = None
        self.stats = stats

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def close(self):
        if self.writer:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method, path, body=b"", headers=None, kind="other"):
        head = [f"{method} {self.prefix}{path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                f"Content-Length: {len(body)}"]
        for k, v in (headers or {}).items():
            head.append(f"{k}: {v}")
        data = ("\r\n".join(head) + "\r\n\r\n").encode() + body
        for attempt in range(20):
            try:
                if self.writer is None:
                    await self.open()
                started = time.perf_counter()
                self.writer.write(data)
                await self.writer.drain()
                status, answer_headers, answer = await self.read_response()
                self.stats.latency(kind, time.perf_counter() - started)
                if answer_headers.get("connection", "").lower() == "close":
                    self.close()
                if status == 429:
                    self.stats.count("429")
                    await asyncio.sleep(float(answer_headers.get("retry-after", "1")))
                    continue
                if status >= 500:
                    self.stats.count(f"{status}")
                    await asyncio.sleep(1)
                    continue
                return status, answer
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                self.stats.count("reconnect")
                self.close()
                await asyncio.sleep(0.5)
        raise RuntimeError(f"{method} {path}: no answer after 20 attempts")

    async def read_response(self):
        line = await self.reader.readuntil(b"\r\n")
        status = int(line.split()[1])
        headers = {}
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            k, _, v = line.decode("latin-1").partition(":")
            headers[k.strip().lower()] = v.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return status, headers, body


class Stats:
    def __init__(self):
        self.latencies = {}
        self.counts = {}

    def latency(self, kind, seconds):
        self.latencies.setdefault(kind, []).append(seconds)

    def count(self, what):
        self.counts[what] = self.counts.get(what, 0) + 1

    def summary(self):
        def pct(values, q):
            values = sorted(values)
            return values[min(len(values) - 1, max(0, int(q * len(values) + 0.999999) - 1))]
        out = {}
        every = []
        for kind, values in self.latencies.items():
            every += values
            out[kind] = {"n": len(values), "p50_ms": round(pct(values, 0.5) * 1000, 1),
                         "p99_ms": round(pct(values, 0.99) * 1000, 1), "max_ms": round(max(values) * 1000, 1)}
        if every:
            out["all"] = {"n": len(every), "p50_ms": round(pct(every, 0.5) * 1000, 1),
                          "p99_ms": round(pct(every, 0.99) * 1000, 1), "max_ms": round(max(every) * 1000, 1)}
        return out


def read_pairs(path):
    with open(path) as f:
        return [tuple(line.split()[:2]) for line in f if line.strip()]


async def enroll(args, template):
    codes = read_pairs(args.codes)
    stats = Stats()
    tokens = {}
    gate = asyncio.Semaphore(16)

    async def one(i, ibge, code):
        async with gate:
            c = Connection(args.url, stats)
            address = f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255 or 1}"
            body = json.dumps({"code": code, "installation": str(uuid.uuid4()), "label": f"SMS {ibge}",
                               "program": "ses_mg_mobilizacao"}).encode()
            status, answer = await c.request("POST", "/api/v1/enroll", body,
                                             {"Content-Type": "application/json", "X-Forwarded-For": address},
                                             "enroll")
            c.close()
            if status not in (200, 201):
                raise RuntimeError(f"enroll {ibge}: {status} {answer[:200]!r}")
            tokens[ibge] = json.loads(answer)["token"]

    await asyncio.gather(*(one(i + 1, ibge, code) for i, (ibge, code) in enumerate(codes)))
    with open(args.tokens, "w") as f:
        for ibge, _ in codes:
            f.write(f"{ibge} {tokens[ibge]}\n")
    print(f"enrolled {len(tokens)} municipalities", flush=True)


async def push(args, template, baseline):
    pairs = read_pairs(args.tokens)
    stats = Stats()
    received = []
    failures = []
    start = asyncio.Event()
    sent_bytes = [0]

    async def municipality(ibge, token):
        report, manifest, photos = template.month_of(ibge)
        c = Connection(args.url, stats)
        auth = {"Authorization": f"Bearer {token}"}
        await start.wait()
        try:
            if baseline:
                # ceiling: the hub's addresses and token, through the shipped site to an
                # upstream that answers without storing
                ceiling = args.mode == "ceiling"
                where = "/api/v1/blobs" if ceiling else f"/{ibge}"
                headers = auth if ceiling else {}
                for sha, data in photos:
                    status, _ = await c.request("PUT", f"{where}/{sha}", data, headers, "photo")
                    sent_bytes[0] += len(data)
                    if status not in (201, 204):
                        raise RuntimeError(f"PUT photo: {status}")
                status, _ = await c.request("PUT", f"{where}/{report}.json", manifest, headers, "manifest")
                sent_bytes[0] += len(manifest)
                if status not in (201, 204):
                    raise RuntimeError(f"PUT manifest: {status}")
                received.append(ibge)
                return
            status, _ = await c.request("GET", "/api/v1/preflight", b"", auth, "preflight")
            if status != 200:
                raise RuntimeError(f"preflight: {status}")
            names = json.dumps({"blobs": [sha for sha, _ in photos]}).encode()
            status, answer = await c.request("POST", "/api/v1/blobs/missing", names,
                                             dict(auth, **{"Content-Type": "application/json"}), "missing")
            if status != 200:
                raise RuntimeError(f"blobs/missing: {status} {answer[:200]!r}")
            missing = set(json.loads(answer)["missing"])
            for sha, data in photos:
                if sha not in missing:
                    continue
                status, answer = await c.request("PUT", f"/api/v1/blobs/{sha}", data,
                                                 dict(auth, **{"Content-Type": "image/jpeg"}), "photo")
                sent_bytes[0] += len(data)
                if status not in (200, 201):
                    raise RuntimeError(f"PUT blob: {status} {answer[:200]!r}")
            status, answer = await c.request("PUT", f"/api/v1/reports/{report}/revisions/{template.revision}",
                                             manifest, dict(auth, **{"Content-Type": "application/json"}),
                                             "manifest")
            sent_bytes[0] += len(manifest)
            if status not in (200, 201):
                raise RuntimeError(f"PUT manifest: {status} {answer[:300]!r}")
            receipt = json.loads(answer).get("receipt", {})
            if receipt.get("manifestSha256") != hashlib.sha256(manifest).hexdigest():
                raise RuntimeError(f"receipt for another manifest: {answer[:300]!r}")
            status, _ = await c.request("GET", "/api/v1/status?limit=200", b"", auth, "status")
            if status != 200:
                raise RuntimeError(f"status: {status}")
            received.append(ibge)
        except Exception as e:  # one municipality's failure is counted, the others go on
            failures.append(f"{ibge}: {e}")
        finally:
            c.close()

    tasks = [asyncio.ensure_future(municipality(ibge, token)) for ibge, token in pairs]
    await asyncio.sleep(0)
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - t0
    result = {"mode": args.mode, "municipalities": len(pairs), "received": len(received),
              "failures": failures[:10], "failed": len(failures), "seconds": round(wall, 2),
              "reports_per_second": round(len(received) / wall, 2), "mb_sent": round(sent_bytes[0] / 1e6, 1),
              "mb_per_second": round(sent_bytes[0] / 1e6 / wall, 1), "payload_per_month": template.payload,
              "generator_cpu_s": round(time.process_time() - cpu0, 1), "requests": stats.summary(),
              "counts": stats.counts}
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps({k: result[k] for k in ("mode", "received", "failed", "seconds", "reports_per_second")}),
          flush=True)
    return 0 if not failures else 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["enroll", "push", "baseline", "ceiling"])
    p.add_argument("--template", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--codes")
    p.add_argument("--tokens", required=True)
    p.add_argument("--out")
    args = p.parse_args()
    template = Template(args.template)
    if args.mode == "enroll":
        asyncio.run(enroll(args, template))
        return 0
    return asyncio.run(push(args, template, args.mode in ("baseline", "ceiling")))


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A TCP proxy that misbehaves like a bad municipal link (bench/field, issue 13).

usage: cut_proxy.py LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT [--cut-after S] [--silent-after S]
                    [--stats FILE]

--cut-after S     every connection is closed (both ways) S seconds after it was opened
--silent-after S  every connection stops carrying bytes S seconds after it was opened,
                  both ways, but stays open (a link that goes silent instead of cutting)
--stats FILE      on SIGTERM/SIGINT, and every second, writes JSON: connections opened,
                  bytes client→target and target→client

Prints "listening on HOST:PORT" once it accepts. Nothing else is changed in the bytes.
"""
import argparse
import asyncio
import json
import signal
import sys

stats = {"connections": 0, "up": 0, "down": 0, "cut": 0, "silenced": 0}


async def pipe(reader, writer, key, gate):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if gate["silent"]:
                continue  # swallowed: the link carries nothing any more
            stats[key] += len(data)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def handle(client_reader, client_writer, args):
    stats["connections"] += 1
    try:
        target_reader, target_writer = await asyncio.open_connection(args.target_host, args.target_port)
    except OSError:
        client_writer.close()
        return
    gate = {"silent": False}
    tasks = [asyncio.ensure_future(pipe(client_reader, target_writer, "up", gate)),
             asyncio.ensure_future(pipe(target_reader, client_writer, "down", gate))]
    loop = asyncio.get_running_loop()
    if args.cut_after:
        def cut():
            stats["cut"] += 1
            for t in tasks:
                t.cancel()
            for w in (client_writer, target_writer):
                try:
                    w.transport.abort()  # a reset, as a dropped mobile link looks to both ends
                except Exception:
                    pass
        loop.call_later(args.cut_after, cut)
    if args.silent_after:
        def silence():
            stats["silenced"] += 1
            gate["silent"] = True
        loop.call_later(args.silent_after, silence)
    await asyncio.gather(*tasks, return_exceptions=True)


def write_stats(path):
    if path:
        with open(path + ".tmp", "w") as f:
            json.dump(stats, f)
        import os
        os.replace(path + ".tmp", path)


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("listen_host")
    p.add_argument("listen_port", type=int)
    p.add_argument("target_host")
    p.add_argument("target_port", type=int)
    p.add_argument("--cut-after", type=float, default=0)
    p.add_argument("--silent-after", type=float, default=0)
    p.add_argument("--stats")
    args = p.parse_args()
    server = await asyncio.start_server(lambda r, w: handle(r, w, args), args.listen_host, args.listen_port)
    print(f"listening on {args.listen_host}:{args.listen_port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    while not stop.is_set():
        write_stats(args.stats)
        try:
            await asyncio.wait_for(stop.wait(), 1.0)
        except asyncio.TimeoutError:
            pass
    server.close()
    write_stats(args.stats)


if __name__ == "__main__":
    asyncio.run(main())

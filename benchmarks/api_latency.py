"""Latency of ``GET /api/v1/subjects/locations`` under concurrent clients, over loopback.

Builds the ``pdmap demo`` estate in a temporary folder (SQLite CRM, logs; S3 left out so the
numbers are the API's and the catalog's, not a stopped demo server's), starts ``pdmap serve`` as
its own process, creates a reader token, then ``--clients`` threads each send ``--requests``
lookups of random customers' e-mail addresses (one keep-alive connection per client). Prints
p50/p90/p99/max latency and requests per second, and checks that the API's locations for a
sample equal ``pdmap subject locate``'s.

    .venv/bin/python -m benchmarks.api_latency                 # 50 clients x 20 requests
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scan_support import format_table

SECRET = "pdmap-benchmark-secret-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def hammer(
    base: str, headers: dict[str, str], emails: list[str], clients: int, requests: int
) -> tuple[list[float], list[int], float]:
    """``clients`` threads x ``requests`` lookups; (latencies s, non-200 statuses, wall s)."""
    import httpx

    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
            for _ in range(requests):
                params = {"identifier": f"email:{rng.choice(emails)}"}
                began = time.perf_counter()
                status = http.get("/api/v1/subjects/locations", params=params).status_code
                took = time.perf_counter() - began
                with lock:
                    latencies.append(took)
                    if status != 200:
                        errors.append(status)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - began


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per client")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pdmap-api-") as tmp:
        return run(args, Path(tmp))


def run(args: argparse.Namespace, folder: Path) -> int:
    import httpx

    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["PDMAP_SECRET"] = SECRET
    pdmap = [sys.executable, "-m", "pdmap.cli"]
    from pdmap.demo import run_demo

    os.environ["PDMAP_SECRET"] = SECRET
    run_demo(folder, s3=False)
    config = folder / "pdmap.yaml"
    token = subprocess.run(
        [*pdmap, "token", "create", "--role", "reader", "--config", str(config)],
        env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    with sqlite3.connect(folder / "crm.db") as conn:
        emails = [row[0] for row in conn.execute("SELECT epost FROM kunder")]
    port = free_port()
    server = subprocess.Popen(
        [*pdmap, "serve", "--config", str(config), "--port", str(port),
         "--lookups-per-minute", "100000000"],
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        headers = {"Authorization": f"Bearer {token}"}
        sample = emails[:5]
        same = 0
        for email in sample:
            api = httpx.get(
                f"{base}/api/v1/subjects/locations",
                params={"identifier": f"email:{email}"},
                headers=headers,
            ).json()
            cli = subprocess.run(
                [*pdmap, "subject", "locate", "-i", f"email:{email}", "-f", "json",
                 "--config", str(config)],
                env=env, check=True, capture_output=True, text=True,
            )  # fmt: skip
            same += api["locations"] == json.loads(cli.stdout)["locations"]
        latencies, errors, wall = hammer(base, headers, emails, args.clients, args.requests)
    finally:
        server.terminate()
        server.wait(timeout=30)
    ms = sorted(1000 * t for t in latencies)
    q = statistics.quantiles(ms, n=100)
    rows: list[list[object]] = [
        ["clients x requests", f"{args.clients} x {args.requests}"],
        ["non-200 answers", len(errors)],
        ["p50 ms", q[49]],
        ["p90 ms", q[89]],
        ["p99 ms", q[98]],
        ["max ms", ms[-1]],
        ["requests per second", len(ms) / wall],
        ["API locations == CLI locations", f"{same} / {len(sample)}"],
    ]
    print(format_table(["measure", "value"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

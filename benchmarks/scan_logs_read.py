"""Read speed of the log connector: ``LogConnector.stream`` over ~200 MB of generated logs.

Writes mixed logs in a temporary directory, a third each of combined access log, JSON lines and
key=value lines, with e-mail addresses, IPv4 addresses and a little free text in them (with
``--gzip`` also a gzip copy of the JSON file); then streams every file, records only (no
detection), and prints MB/s (10^6 bytes of file content a second; for the gzip file, of its
decompressed content) per wall-clock second and per CPU second of this process (the steadier
figure on a busy machine), records per CPU second, and the process's peak RSS
(``resource.getrusage``) before and after the reads, so what the reads themselves add shows.
With ``--repeat N`` the best of N reads of each file counts. The files are generated first, in
bounded memory; they are served from the page cache when read.

    .venv/bin/python -m benchmarks.scan_logs_read                     # ~200 MB, removed after
    .venv/bin/python -m benchmarks.scan_logs_read --size-mb 50 --gzip --keep /tmp/logs
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from connectors.base import Record
from connectors.logs import LogConnector, LogSettings

BATCH_LINES: Final = 10_000
FIRST: Final = ("anna", "bo", "karin", "lars", "maria", "erik", "sofia", "johan", "eva", "nils")
LAST: Final = ("svensson", "lind", "berg", "holm", "ek", "nyström", "sandberg", "wikström")
DOMAINS: Final = ("example.se", "foretag.se", "mail.example.com", "kommun.se")
PATHS: Final = ("/", "/login", "/profile", "/api/v1/orders", "/search?q=skor", "/static/app.js")
AGENTS: Final = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile",
    "curl/8.5.0",
)


def email(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)}.{rng.choice(LAST)}{rng.randrange(100)}@{rng.choice(DOMAINS)}"


def ip(rng: random.Random) -> str:
    return f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}"


def access_line(rng: random.Random, n: int) -> str:
    path = rng.choice(PATHS)
    if n % 5 == 0:
        path = f"/unsubscribe?email={email(rng)}"
    return (
        f'{ip(rng)} - - [{n % 28 + 1:02d}/Oct/2024:13:{n % 60:02d}:{n % 57:02d} +0200] "GET'
        f' {path} HTTP/1.1" {rng.choice((200, 200, 302, 404))} {rng.randrange(20_000)}'
        f' "https://example.se/" "{rng.choice(AGENTS)}"'
    )


def json_line(rng: random.Random, n: int) -> str:
    return json.dumps(
        {
            "ts": f"2024-10-01T12:{n % 60:02d}:{n % 57:02d}Z",
            "level": rng.choice(("info", "info", "warn", "error")),
            "event": rng.choice(("login", "order.created", "password.reset")),
            "user": {"id": n, "email": email(rng), "name": f"{rng.choice(FIRST).title()}"},
            "request": {"ip": ip(rng), "agent": rng.choice(AGENTS)},
            "items": [{"sku": f"SKU-{rng.randrange(10_000)}", "qty": rng.randrange(1, 4)}],
            "ok": rng.random() > 0.1,
        },
        ensure_ascii=False,
    )


def kv_line(rng: random.Random, n: int) -> str:
    return (
        f"2024-10-01T12:{n % 60:02d}:{n % 57:02d}Z INFO mailer sent message"
        f" to={email(rng)} from=noreply@{rng.choice(DOMAINS)} client_ip={ip(rng)}"
        f' subject="Din order {n}" size={rng.randrange(50_000)} queue_id={rng.getrandbits(40):x}'
    )


def generate(path: Path, line: Callable[[random.Random, int], str], size: int, seed: int) -> int:
    """Write lines to ``path`` until it holds ``size`` bytes; answer the bytes written."""
    rng = random.Random(seed)
    written = n = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < size:
            batch = "".join(f"{line(rng, n + i)}\n" for i in range(BATCH_LINES))
            n += BATCH_LINES
            written += len(batch.encode())
            handle.write(batch)
    return written


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def read_all(conn: LogConnector, name: str) -> tuple[float, float, int]:
    """Wall and CPU seconds to stream ``name``, and the records it gave."""
    wall, cpu = time.perf_counter(), time.process_time()
    count = 0
    for item in conn.stream(name):
        if isinstance(item, Record):
            count += 1
    return time.perf_counter() - wall, time.process_time() - cpu, count


def row(name: str, size: float, wall: float, cpu: float, count: float) -> str:
    return (
        f"{name:<14} {size / 1e6:6.1f} {count:9.0f} {wall:7.2f} {cpu:6.2f} {size / 1e6 / wall:6.1f}"
        f" {size / 1e6 / cpu:8.1f} {count / cpu:13.0f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size-mb", type=float, default=200.0, help="total plain content, MB")
    parser.add_argument("--gzip", action="store_true", help="also read a gzip copy of the JSON")
    parser.add_argument("--repeat", type=int, default=1, help="reads per file; the best counts")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args(argv)

    directory = args.keep or Path(tempfile.mkdtemp(prefix="pdmap-logbench-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        part = int(args.size_mb * 1e6 / 3)
        kinds: list[tuple[str, Callable[[random.Random, int], str]]] = [
            ("access.log", access_line),
            ("app.jsonl", json_line),
            ("mailer.log", kv_line),
        ]
        started = time.perf_counter()
        content = {
            name: generate(directory / name, line, part, seed)
            for seed, (name, line) in enumerate(kinds)
        }
        plain = sum(content.values())
        note = ""
        if args.gzip:
            with (
                (directory / "app.jsonl").open("rb") as source,
                gzip.open(directory / "app.jsonl.gz", "wb", compresslevel=6) as target,
            ):
                shutil.copyfileobj(source, target, 1 << 20)
            content["app.jsonl.gz"] = content["app.jsonl"]
            packed = (directory / "app.jsonl.gz").stat().st_size
            note = f" + app.jsonl.gz ({packed / 1e6:.1f} MB compressed)"
        print(
            f"generated {plain / 1e6:.0f} MB{note} in {directory}"
            f" ({time.perf_counter() - started:.1f} s)"
        )

        conn = LogConnector("bench", LogSettings((str(directory / "*"),)))
        names = [info.name for info in conn.containers()]
        rss_before = peak_rss_mb()
        print(
            f"{'file':<14} {'MB':>6} {'records':>9} {'wall s':>7} {'CPU s':>6} {'MB/s':>6}"
            f" {'MB/CPU-s':>8} {'records/CPU-s':>13}"
        )
        totals = [0.0, 0.0, 0.0, 0.0]  # bytes, wall, CPU, records
        for name in names:
            size = content[Path(name).name]
            wall, cpu, count = min(read_all(conn, name) for _ in range(max(1, args.repeat)))
            for index, value in enumerate((size, wall, cpu, count)):
                totals[index] += value
            print(row(Path(name).name, size, wall, cpu, count))
        print(row("all", *totals))
        print(f"peak RSS: {rss_before:.1f} MB before the reads, {peak_rss_mb():.1f} MB after")
    finally:
        if args.keep is None:
            shutil.rmtree(directory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

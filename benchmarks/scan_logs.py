"""Throughput and memory of ``pdmap scan`` over ~200 MB of mixed logs, identifier index built.

Writes ``--size-mb`` MB (decompressed content) of logs with personal data in a temporary
folder: a combined access log (client IPs, e-mail addresses in some URLs), JSON lines (nested
``user.email``, names, phones, personnummer in some lines, request IPs), a key=value mailer log
(e-mail, phone, client IP) and gzipped rotated copies of the access and JSON logs (a quarter of
the content). Then one ``run_scan`` over a ``logs`` source (models loaded beforehand, not
counted; ``--workers`` as ``pdmap scan --workers``) and prints:

* MB/s: decompressed content MB (10^6 bytes) per wall second, and per core (divided by the
  worker count; the scan is one process unless ``--workers`` > 1), and per CPU second of this
  process and its workers;
* where the time went (``--workers 1`` only, by wrapping pdmap's functions in this process):
  sampling, classification, the identifier-index stream, catalog writes;
* identifiers indexed (``ScanSummary.identifiers`` and rows in the catalog);
* peak RSS (``getrusage`` ``ru_maxrss``) of this process, before and after the scan, and of
  the worker processes;
* an incremental rescan after appending ~1 MB to one file, as a share of the first scan.

Targets: >= 5 MB/s per core, <= 500 MB peak RSS.

    .venv/bin/python -m benchmarks.scan_logs                        # ~200 MB, removed after
    .venv/bin/python -m benchmarks.scan_logs --size-mb 20 --workers 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
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

from benchmarks.scan_support import PhaseTimer, format_table, peak_rss_mb
from benchmarks.synthetic import Person, SyntheticPeople, ean13

KEY: Final = b"pdmap-benchmark-key-0123456789ab"
POOL: Final = 20_000
BATCH: Final = 1_000
PATHS: Final = ("/", "/login", "/profile", "/api/v1/orders", "/search?q=skor", "/static/app.js")
AGENTS: Final = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile",
    "curl/8.5.0",
)
Line = Callable[[random.Random, Person, int], str]


def access_line(rng: random.Random, p: Person, n: int) -> str:
    path = f"/unsubscribe?email={p.email}" if n % 10 == 0 else rng.choice(PATHS)
    return (
        f'{p.ip} - - [{n % 28 + 1:02d}/Oct/2024:13:{n % 60:02d}:{n % 57:02d} +0200] "GET'
        f' {path} HTTP/1.1" {rng.choice((200, 200, 302, 404))} {rng.randrange(20_000)}'
        f' "https://www.example.se/" "{rng.choice(AGENTS)}"'
    )


def json_line(rng: random.Random, p: Person, n: int) -> str:
    user: dict[str, object] = {"id": n, "email": p.email, "name": p.name}
    if n % 3 == 0:
        user["phone"] = p.phone
    if n % 5 == 0:
        user["personnummer"] = p.personnummer
    return json.dumps(
        {
            "ts": f"2024-10-01T12:{n % 60:02d}:{n % 57:02d}Z",
            "level": rng.choice(("info", "info", "warn", "error")),
            "event": rng.choice(("login", "order.created", "password.reset")),
            "user": user,
            "request": {"ip": p.ip, "agent": rng.choice(AGENTS)},
            "items": [{"sku": f"SKU-{rng.randrange(10_000)}", "ean": ean13(rng)}],
            "app_version": "10.2.0.1",
            "ok": rng.random() > 0.1,
        },
        ensure_ascii=False,
    )


def kv_line(rng: random.Random, p: Person, n: int) -> str:
    phone = f" sms_to={p.phone.replace(' ', '')}" if n % 4 == 0 else ""
    return (
        f'ts=2024-10-01T12:{n % 60:02d}:{n % 57:02d}Z level=info msg="sent message"'
        f" to={p.email} from=noreply@example.se client_ip={p.ip}{phone}"
        f' subject="Din order {n}" size={rng.randrange(50_000)} queue_id={rng.getrandbits(40):x}'
    )


def generate(
    path: Path, line: Line, size: int, pool: list[Person], seed: int, packed: bool = False
) -> int:
    """Write lines until ``size`` bytes of content; answer the content bytes written."""
    rng = random.Random(seed)
    written = n = 0
    with (
        gzip.open(path, "wt", encoding="utf-8", compresslevel=6)
        if packed
        else path.open("w", encoding="utf-8")
    ) as handle:
        while written < size:
            batch = "".join(
                f"{line(rng, pool[rng.randrange(len(pool))], n + i)}\n" for i in range(BATCH)
            )
            n += BATCH
            written += len(batch.encode())
            handle.write(batch)
    return written


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size-mb", type=float, default=200.0, help="total content, MB")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--append-mb", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=20241003)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument(
        "--quasi", action="store_true", help="index IP addresses too (quasi_identifiers: true)"
    )
    args = parser.parse_args(argv)
    for name in ("tldextract", "presidio-analyzer", "presidio_analyzer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="pdmap-scanlogs-"))
    try:
        return run(args, folder)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> int:
    from datamap.catalog import open_catalog
    from pdmap.config import load_config
    from pdmap.scan import run_scan
    from scanner.engine import DetectionEngine

    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    total = int(args.size_mb * 1e6)
    plan: list[tuple[str, Line, float, bool]] = [
        ("access.log", access_line, 0.25, False),
        ("app.jsonl", json_line, 0.25, False),
        ("mailer.log", kv_line, 0.25, False),
        ("access.log.1.gz", access_line, 0.125, True),
        ("app.jsonl.1.gz", json_line, 0.125, True),
    ]
    started = time.perf_counter()
    people = SyntheticPeople(args.seed)
    pool = [people.person() for _ in range(POOL)]
    content = {
        name: generate(logs / name, line, int(total * share), pool, args.seed + i, packed)
        for i, (name, line, share, packed) in enumerate(plan)
    }
    del pool
    on_disk = sum((logs / name).stat().st_size for name in content)
    size = sum(content.values())
    print(
        f"generated {size / 1e6:.1f} MB of content ({on_disk / 1e6:.1f} MB on disk, "
        f"{len(content)} files) in {time.perf_counter() - started:.1f} s",
        flush=True,
    )

    config_path = folder / "pdmap.yaml"
    config_path.write_text(
        f"sources:\n  - {{name: logs, type: logs, paths: ['{logs}/*'],"
        f" quasi_identifiers: {'true' if args.quasi else 'false'}}}\n",
        encoding="utf-8",
    )
    config = load_config(config_path)
    catalog = open_catalog(config.catalog_url())
    began = time.perf_counter()
    engine = DetectionEngine.load()
    load_s = time.perf_counter() - began
    rss_before = peak_rss_mb()

    timer = PhaseTimer()
    cpu = cpu_seconds()
    with timer.installed(catalog):
        began = time.perf_counter()
        summary = run_scan(
            config, catalog, KEY, workers=args.workers, engine_factory=lambda: engine
        )
        scan_s = time.perf_counter() - began
    scan_cpu = cpu_seconds() - cpu
    rss_after = peak_rss_mb()
    rss_children = peak_rss_mb(resource.RUSAGE_CHILDREN)
    indexed = catalog.identifier_count()

    extra = generate(
        folder / "extra.jsonl", json_line, int(args.append_mb * 1e6), [people.person()], 99
    )
    with (logs / "app.jsonl").open("a", encoding="utf-8") as handle:
        handle.write((folder / "extra.jsonl").read_text(encoding="utf-8"))
    began = time.perf_counter()
    again = run_scan(config, catalog, KEY, workers=args.workers, engine_factory=lambda: engine)
    rescan_s = time.perf_counter() - began
    catalog.close()

    mb = size / 1e6
    workers = max(1, args.workers)
    rows: list[list[object]] = [
        ["content scanned MB (decompressed)", round(mb, 1)],
        ["files / issues", f"{summary.scanned} / {summary.issues}"],
        ["engine load s (not counted)", load_s],
        ["run_scan wall s", scan_s],
        ["run_scan CPU s (this process + workers)", scan_cpu],
        ["MB/s (wall)", mb / scan_s],
        [f"MB/s per core (wall / {workers} worker(s))", mb / scan_s / workers],
        ["MB per CPU second", mb / scan_cpu],
        ["target >= 5 MB/s per core", "yes" if mb / scan_s / workers >= 5 else "NO"],
    ]
    if workers == 1:
        rows += [
            ["  sampling s", timer.phase("sample")],
            ["  classification s", timer.phase("classify")],
            ["  identifier index stream s", timer.phase("index")],
            ["  catalog writes s", timer.phase("save")],
        ]
    peak = max(rss_after, rss_children)
    rows += [
        ["identifiers indexed (summary / catalog rows)", f"{summary.identifiers} / {indexed}"],
        ["peak RSS MB, before the scan (engine loaded)", rss_before],
        ["peak RSS MB, after the scan (this process)", rss_after],
        ["peak RSS MB, worker processes", rss_children if args.workers > 1 else None],
        ["target <= 500 MB peak RSS", "yes" if peak <= 500 else "NO"],
        [f"rescan after appending {extra / 1e6:.2f} MB to app.jsonl s", rescan_s],
        ["  scanned / skipped", f"{again.scanned} / {again.skipped}"],
        ["  rescan as % of first scan", f"{100 * rescan_s / scan_s:.2f} %"],
    ]
    print(format_table(["measure", "value"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Speed of ``pdmap scan`` on a large database: 20 tables x 200,000 rows, every column classified.

Generates ``--tables`` tables of ``--rows`` rows (default 20 x 200,000) with mixed columns:
personal data (e-mail, phone, personnummer, names, street, postnummer, town, IP, IBAN,
username, and on every fourth table a free-text note mixing names, phones and e-mails) and
non-personal data (SKU, EAN-13, amounts, quantities, status codes, timestamps, UUIDs, versions,
settings JSON, order numbers). Loading is fast and not counted: ``executemany`` on the driver
for SQLite, ``COPY`` for PostgreSQL.

Then one ``run_scan`` (models loaded beforehand, ``--workers`` 1, every table new), timed as a
whole and split by wrapping pdmap's functions in this process (pdmap's code is unchanged):

* (a) sampling + classification: ``run_task`` minus ``_index``; of it, ``FieldClassifier.classify``
* (b) identifier index: ``_index`` (streaming every row of the identifier-bearing columns,
  extraction, fingerprints)
* (c) catalog writes: ``Catalog.save``; (d) the rest (discovery: reflection, counts, max keys)

Beside (a), the naive baseline on exactly the cells pdmap classified (up to ``SAMPLE_ROWS``
rows per table, captured from ``classify``): stock Presidio, ``AnalyzerEngine.analyze(text=cell,
language="en")`` per cell, run by ``benchmarks.presidio_cells`` in a fresh process (model load
not counted). ``--baseline-every K`` analyses every K-th cell of each column and scales the time
by the share analysed (printed as an estimate). Last, a second ``run_scan`` of the unchanged
database (incremental) as a share of the first.

    .venv/bin/python -m benchmarks.scan_db                                   # sqlite postgresql
    .venv/bin/python -m benchmarks.scan_db --dbs sqlite --tables 4 --rows 20000
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import logging
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    create_engine,
    insert,
)

from benchmarks.scan_support import PhaseTimer, format_table, peak_rss_mb, temp_database
from benchmarks.synthetic import Person, SyntheticPeople, ean13

DB_KINDS: Final = ("sqlite", "postgresql")
KEY: Final = b"pdmap-benchmark-key-0123456789ab"
POOL: Final = 20_000
STATUSES: Final = ("open", "pending", "closed", "shipped", "cancelled", "A1", "B2", "E404")
VERSIONS: Final = ("10.2.0.1", "4.18.2.1044", "2.4.1", "10.12.3.7", "1.0.0", "7.3.0.22")
NOTES: Final = (
    "Kunden {name} ringde från {phone} och vill ha kvittot till {email}.",
    "Hi, this is {name}. Please call me back on {phone}.",
    "Customer {name} asked us to send the receipt to {email}.",
    "Leveransen kom fram i tid, inga fel rapporterade.",
    "Order was split into two parcels because of stock levels.",
)

Values = list[Any]


@dataclass(frozen=True)
class Kind:
    """A column kind: names (sv, en), SQL type, and its values for a table of people."""

    sv: str
    en: str
    type_: Callable[[], Any]
    values: Callable[[random.Random, list[Person], int], Values]
    personal: bool


def _pick(attr: str) -> Callable[[random.Random, list[Person], int], Values]:
    def values(rng: random.Random, rows: list[Person], n: int) -> Values:
        return [getattr(p, attr) for p in rows]

    return values


def _pool(make: Callable[[random.Random], Any], size: int = 5000) -> Callable[..., Values]:
    def values(rng: random.Random, rows: list[Person], n: int) -> Values:
        pool = [make(rng) for _ in range(size)]
        return [pool[rng.randrange(size)] for _ in range(n)]

    return values


def _uuids(rng: random.Random, rows: list[Person], n: int) -> Values:
    return [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(n)]


def _notes(rng: random.Random, rows: list[Person], n: int) -> Values:
    return [
        rng.choice(NOTES).format(name=p.name, phone=p.phone, email=p.email) for p in rows
    ]  # one template per row, the row's person


def _settings(rng: random.Random) -> str:
    return json.dumps(
        {
            "theme": rng.choice(("dark", "light")),
            "api_version": rng.choice(VERSIONS),
            "retry_ms": rng.randrange(100, 5000),
        }
    )


def _moment(rng: random.Random) -> dt.datetime:
    return dt.datetime(2024, 1, 1) + dt.timedelta(seconds=rng.randrange(300 * 86400))


def _amount(rng: random.Random) -> decimal.Decimal:
    return decimal.Decimal(rng.randrange(1000, 2_000_000)) / 100


def _sku(rng: random.Random) -> str:
    return f"SKU-{rng.randrange(99999)}-{rng.choice(('BL', 'RD', 'XL'))}"


def _order_no(rng: random.Random) -> str:
    return f"ORD-2024-{rng.randrange(10**6):06d}"


PERSONAL: Final = (
    Kind("epost", "email", lambda: String(80), _pick("email"), True),
    Kind("telefon", "phone", lambda: String(24), _pick("phone"), True),
    Kind("personnummer", "national_id", lambda: String(13), _pick("personnummer"), True),
    Kind("fornamn", "first_name", lambda: String(40), _pick("first"), True),
    Kind("efternamn", "last_name", lambda: String(40), _pick("last"), True),
    Kind("namn", "full_name", lambda: String(80), _pick("name"), True),
    Kind("gatuadress", "street_address", lambda: String(80), _pick("street"), True),
    Kind("postnummer", "postal_code", lambda: String(8), _pick("postal_code"), True),
    Kind("ort", "city", lambda: String(40), _pick("town"), True),
    Kind("ip_adress", "ip_address", lambda: String(45), _pick("ip"), True),
    Kind("iban", "iban", lambda: String(34), _pick("iban"), True),
    Kind("anvandarnamn", "username", lambda: String(40), _pick("username"), True),
)
OTHER: Final = (
    Kind("artikelnr", "sku", lambda: String(16), _pool(_sku), False),
    Kind("ean", "ean13", lambda: String(13), _pool(ean13), False),
    Kind("belopp", "amount", lambda: Numeric(12, 2), _pool(_amount), False),
    Kind("antal", "quantity", lambda: Integer, _pool(lambda r: r.randrange(1, 20), 19), False),
    Kind("status", "status", lambda: String(12), _pool(lambda r: r.choice(STATUSES), 8), False),
    Kind("skapad", "created_at", lambda: DateTime, _pool(_moment), False),
    Kind("extern_id", "external_id", lambda: String(36), _uuids, False),
    Kind("version", "version", lambda: String(20), _pool(lambda r: r.choice(VERSIONS), 6), False),
    Kind("installningar", "settings", lambda: Text, _pool(_settings), False),
    Kind("ordernr", "order_no", lambda: String(20), _pool(_order_no), False),
)  # fmt: skip
NOTE: Final = Kind("anteckning", "note", lambda: Text, _notes, True)


def layout(tables: int) -> list[tuple[str, list[tuple[str, Kind]]]]:
    """Table names and their columns: 4 personal + 4 other (a note instead of one on every 4th)."""
    out = []
    for t in range(tables):
        swedish = t % 2 == 0
        kinds = [PERSONAL[(t * 4 + i) % len(PERSONAL)] for i in range(4)]
        kinds += [OTHER[(t * 4 + i) % len(OTHER)] for i in range(3 if t % 4 == 0 else 4)]
        if t % 4 == 0:
            kinds.append(NOTE)
        name = f"t{t + 1:02d}_{'kunddata' if swedish else 'customer_data'}"
        out.append((name, [(k.sv if swedish else k.en, k) for k in kinds]))
    return out


def build_metadata(tables: int) -> tuple[MetaData, list[tuple[Table, list[Kind]]]]:
    metadata = MetaData()
    out = []
    for name, columns in layout(tables):
        table = Table(
            name,
            metadata,
            Column("id", Integer, primary_key=True, autoincrement=False),
            *(Column(column, kind.type_()) for column, kind in columns),
        )
        out.append((table, [kind for _, kind in columns]))
    return metadata, out


def generate(
    tables: list[tuple[Table, list[Kind]]], rows: int, seed: int
) -> Callable[[int], list[tuple[Any, ...]]]:
    """A function giving table ``i``'s rows (generated on demand, so one table is in memory)."""
    people = SyntheticPeople(seed)
    pool = [people.person() for _ in range(POOL)]

    def table_rows(index: int) -> list[tuple[Any, ...]]:
        rng = random.Random(seed * 1000 + index)
        persons = [pool[rng.randrange(POOL)] for _ in range(rows)]
        columns = [kind.values(rng, persons, rows) for kind in tables[index][1]]
        return list(zip(range(1, rows + 1), *columns, strict=True))

    return table_rows


def load(url: str, metadata: MetaData, tables: list[tuple[Table, list[Kind]]], rows: Any) -> None:
    engine = create_engine(url)
    metadata.create_all(engine)
    if engine.dialect.name == "sqlite":
        engine.dispose()
        path = url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as conn:
            for index, (table, _) in enumerate(tables):
                statement = str(insert(table).compile(dialect=engine.dialect))
                conn.executemany(statement, (_sqlite_row(row) for row in rows(index)))
        return
    from psycopg import sql

    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for index, (table, _) in enumerate(tables):
            copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table.name),
                sql.SQL(", ").join(sql.Identifier(c.name) for c in table.columns),
            )
            with cursor.copy(copy_sql) as copy:
                for row in rows(index):
                    copy.write_row(row)
            raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    engine.dispose()


def _sqlite_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """sqlite3 binds neither datetime (deprecated) nor Decimal: store what SQLAlchemy would."""
    return tuple(
        v.isoformat(" ")
        if isinstance(v, dt.datetime)
        else float(v)
        if isinstance(v, decimal.Decimal)
        else v
        for v in row
    )


@dataclass
class DbResult:
    db: str
    generate_s: float = 0.0
    scan_s: float = 0.0
    sample_s: float = 0.0
    classify_s: float = 0.0
    index_s: float = 0.0
    save_s: float = 0.0
    rescan_s: float = 0.0
    sampled_rows: int = 0
    cells: int = 0
    findings: int = 0
    identifiers: int = 0
    baseline_cells: int = 0
    baseline_s: float = 0.0
    baseline_measured_s: float = 0.0
    baseline_entities: int = 0
    rescan_skipped: int = 0
    rescan_scanned: int = 0
    peak_rss_mb: float = 0.0


def scan(url: str, folder: Path, result: DbResult, baseline_every: int) -> None:
    from datamap.catalog import open_catalog
    from pdmap.config import load_config
    from pdmap.scan import run_scan
    from scanner.engine import DetectionEngine
    from scanner.fields import value_text

    config_path = folder / f"pdmap-{result.db}.yaml"
    config_path.write_text(
        f"catalog: 'sqlite:///catalog-{result.db}.db'\n"
        f"sources:\n  - {{name: db, type: sql, url: '{url}'}}\n",
        encoding="utf-8",
    )
    config = load_config(config_path)
    catalog = open_catalog(config.catalog_url())
    engine = DetectionEngine.load()
    timer = PhaseTimer(keep_samples=True)
    with timer.installed(catalog):
        started = time.perf_counter()
        summary = run_scan(config, catalog, KEY, engine_factory=lambda: engine)
        result.scan_s = time.perf_counter() - started
    result.peak_rss_mb = peak_rss_mb()
    result.sample_s = timer.phase("sample")
    result.classify_s = timer.phase("classify")
    result.index_s = timer.phase("index")
    result.save_s = timer.phase("save")
    result.findings = summary.findings
    result.identifiers = summary.identifiers
    per_table: dict[str, int] = {}
    cells_file = folder / f"cells-{result.db}.jsonl"
    with cells_file.open("w", encoding="utf-8") as out:
        for (container, _), values in timer.samples.items():
            per_table[container] = max(per_table.get(container, 0), len(values))
            texts = [t for t in (value_text(v) for v in values) if t is not None]
            result.cells += len(texts)
            for text in texts[::baseline_every] if baseline_every else ():
                out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
                result.baseline_cells += 1
    result.sampled_rows = sum(per_table.values())
    started = time.perf_counter()
    again = run_scan(config, catalog, KEY, engine_factory=lambda: engine)
    result.rescan_s = time.perf_counter() - started
    result.rescan_scanned, result.rescan_skipped = again.scanned, again.skipped
    catalog.close()


def baseline(folder: Path, result: DbResult) -> None:
    cells_file = folder / f"cells-{result.db}.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.presidio_cells", "--input", str(cells_file)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    result.baseline_measured_s = float(answer["seconds"])
    result.baseline_entities = int(answer["entities"])
    share = result.baseline_cells / result.cells if result.cells else 1.0
    result.baseline_s = result.baseline_measured_s / share if share else 0.0


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b > 0 and a > 0 else "-"


def report(results: list[DbResult], args: argparse.Namespace) -> None:
    from pdmap.scan import SAMPLE_ROWS

    print(
        f"\n{args.tables} tables x {args.rows} rows, {len(layout(args.tables)[0][1]) + 1} columns"
        f" each; pdmap samples up to {SAMPLE_ROWS} rows per table; workers 1"
    )
    estimate = " (estimated)" if args.baseline_every > 1 else ""

    def a_s(r: DbResult) -> float:
        return r.sample_s + r.classify_s

    measures: list[tuple[str, Callable[[DbResult], object]]] = [
        ("data generation + load s (not counted)", lambda r: r.generate_s),
        ("run_scan wall s (first scan)", lambda r: r.scan_s),
        ("  (a) sampling + classification s", a_s),
        ("      of which sampling (DB reads) s", lambda r: r.sample_s),
        ("      of which classify s", lambda r: r.classify_s),
        ("  (b) identifier index streaming s", lambda r: r.index_s),
        ("  (c) catalog writes s", lambda r: r.save_s),
        ("  (d) other (discovery) s", lambda r: r.scan_s - a_s(r) - r.index_s - r.save_s),
        ("peak RSS MB after the scan (process so far)", lambda r: r.peak_rss_mb),
        ("sampled rows / cells classified", lambda r: f"{r.sampled_rows} / {r.cells}"),
        ("findings / identifiers indexed", lambda r: f"{r.findings} / {r.identifiers}"),
        ("baseline cells analysed", lambda r: f"{r.baseline_cells} (every {args.baseline_every})"),
        (f"naive Presidio, all cells s{estimate}", lambda r: r.baseline_s),
        ("  measured on the cells analysed s", lambda r: r.baseline_measured_s),
        ("ratio baseline / pdmap (a)", lambda r: ratio(r.baseline_s, a_s(r))),
        ("ratio baseline / pdmap classify", lambda r: ratio(r.baseline_s, r.classify_s)),
        ("target (a) <= 15 s", lambda r: "yes" if a_s(r) <= 15 else "NO"),
        ("rescan (unchanged, incremental) s", lambda r: r.rescan_s),
        ("  scanned / skipped", lambda r: f"{r.rescan_scanned} / {r.rescan_skipped}"),
        ("  rescan as % of first scan", lambda r: f"{100 * r.rescan_s / r.scan_s:.2f} %"),
        ("target rescan < 10 %", lambda r: "yes" if r.rescan_s < 0.1 * r.scan_s else "NO"),
    ]
    if args.no_baseline:
        measures = [m for m in measures if "aseline" not in m[0] and "Presidio" not in m[0]]
    rows = [[label, *(value(r) for r in results)] for label, value in measures]
    print(format_table(["measure", *(r.db for r in results)], rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dbs", nargs="+", choices=DB_KINDS, default=list(DB_KINDS))
    parser.add_argument("--tables", type=int, default=20)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20241002)
    parser.add_argument(
        "--baseline-every", type=int, default=1, help="analyse every K-th cell (estimate)"
    )
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    for name in ("tldextract", "presidio-analyzer", "presidio_analyzer"):
        logging.getLogger(name).setLevel(logging.ERROR)

    folder = Path(tempfile.mkdtemp(prefix="pdmap-scandb-"))
    results: list[DbResult] = []
    try:
        metadata, tables = build_metadata(args.tables)
        rows = generate(tables, args.rows, args.seed)
        for db in args.dbs:
            result = DbResult(db)
            with temp_database(db, folder, "scandb") as url:
                started = time.perf_counter()
                load(url, metadata, tables, rows)
                result.generate_s = time.perf_counter() - started
                print(f"{db}: generated and loaded in {result.generate_s:.1f} s", flush=True)
                scan(url, folder, result, 0 if args.no_baseline else args.baseline_every)
                print(f"{db}: scanned in {result.scan_s:.1f} s", flush=True)
            if not args.no_baseline:
                baseline(folder, result)
                print(f"{db}: baseline in {result.baseline_measured_s:.1f} s", flush=True)
            results.append(result)
        report(results, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

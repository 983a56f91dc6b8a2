"""``pdmap demo``: a small made-up estate, scanned, mapped and reported, on one machine.

In a folder: a SQLite CRM (customers with name, e-mail, personnummer and phone; orders; invoices,
held seven years by the policy; support tickets in free text, one with an IBAN the policy does
not declare), application logs (JSON lines, an access log and a rotated ``.gz``) and, when
``moto[server]`` is installed (the ``demo`` extra), an S3 bucket on a local S3 server holding a
CSV export. It writes ``pdmap.yaml``, scans everything with ``pdmap scan``'s code, writes the
HTML data map and returns a summary. Every personnummer is one of Skatteverket's official test
numbers (CC0), never a real person's; names, e-mail addresses and phone numbers are made up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import logging
import os
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

__all__ = ["DemoSummary", "build_estate", "run_demo"]

FIRST = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Nils", "Emma", "Oskar")
LAST = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson")
BUCKET = "pdmap-demo-exports"


@dataclass
class DemoSummary:
    folder: Path
    config: Path
    report: Path
    sources: list[str]
    scanned: int = 0
    findings: int = 0
    identifiers: int = 0
    issues: int = 0
    categories: dict[str, int] = field(default_factory=dict)
    undeclared: list[str] = field(default_factory=list)
    past_retention: list[str] = field(default_factory=list)  # "source:container (n lines)"
    example: str = ""
    notes: list[str] = field(default_factory=list)


def sample_personnummer() -> list[str]:
    text = files("pdmap").joinpath("examples/testpersonnummer.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip().isdigit()]


def build_estate(folder: Path, people: int = 40, seed: int = 7) -> list[dict[str, str]]:
    """The SQLite CRM and the logs in ``folder``; answers the made-up people."""
    rng = random.Random(seed)
    numbers = sample_personnummer()
    persons = []
    for i in range(people):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        persons.append({
            "name": f"{first} {last}",
            "email": f"{first}.{last}{i}@exempel.se".lower().replace("ö", "o"),
            "pnr": f"{numbers[i % len(numbers)][:8]}-{numbers[i % len(numbers)][8:]}",
            "phone": f"070-174 06 {5 + i % 95:02d}",  # PTS's range for fiction
        })  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    today = dt.datetime.now(dt.UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    db = folder / "crm.db"
    db.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.executescript(
            "CREATE TABLE kunder (id INTEGER PRIMARY KEY, namn TEXT NOT NULL, epost TEXT,"
            " personnummer TEXT, telefon TEXT);"
            "CREATE TABLE ordrar (id INTEGER PRIMARY KEY,"
            " kund_id INTEGER NOT NULL REFERENCES kunder(id), sku TEXT, belopp NUMERIC);"
            "CREATE TABLE fakturor (id INTEGER PRIMARY KEY,"
            " kund_id INTEGER NOT NULL REFERENCES kunder(id), belopp NUMERIC, epost TEXT,"
            " fakturadatum TEXT);"
            "CREATE TABLE arenden (id INTEGER PRIMARY KEY, text TEXT);"
        )
        for i, p in enumerate(persons, 1):
            conn.execute("INSERT INTO kunder VALUES (?, ?, ?, ?, ?)",
                         (i, p["name"], p["email"], p["pnr"], p["phone"]))  # fmt: skip
            sku = f"SKU-{rng.randrange(1000, 9999)}"
            conn.execute("INSERT INTO ordrar VALUES (?, ?, ?, ?)",
                         (100 + i, i, sku, rng.randrange(99, 999)))  # fmt: skip
            if i % 3 == 0:  # invoiced every 250th day back: the older ones are past 7 years
                issued = (today - dt.timedelta(days=250 * i)).date().isoformat()
                conn.execute("INSERT INTO fakturor VALUES (?, ?, ?, ?, ?)",
                             (i, i, rng.randrange(99, 999), p["email"], issued))  # fmt: skip
        conn.executemany(
            "INSERT INTO arenden (text) VALUES (?)",
            [
                (f"Kunden {persons[0]['name']} ({persons[0]['email']}) ringde från"
                 f" {persons[0]['phone']} om sin faktura.",),
                (f"Återbetalning till {persons[1]['name']}, IBAN {_iban(rng)}.",),
                (f"Återbetalning till {persons[2]['name']}, IBAN {_iban(rng)}.",),
                ("Leverans försenad, inga personuppgifter här. Order 4711.",),
            ],
        )  # fmt: skip
    logs = folder / "logs"
    logs.mkdir(exist_ok=True)
    app = [  # one login every fourth day back from today: the older ones are past 90 days
        json.dumps({"ts": (today - dt.timedelta(days=4 * n)).isoformat(), "event": "login",
                    "user": {"email": p["email"]}, "ip": f"192.0.2.{n % 250 + 1}"})
        for n, p in enumerate(persons)
    ]  # fmt: skip
    (logs / "app.jsonl").write_text("\n".join(app) + "\n", encoding="utf-8")
    access = [
        f'198.51.100.{n % 250 + 1} - - [01/Oct/2024:12:00:{n % 60:02d} +0200] "GET '
        f'/unsubscribe?email={p["email"]} HTTP/1.1" 200 512 "-" "Mozilla/5.0"'
        for n, p in enumerate(persons[:10])
    ]
    (logs / "access.log").write_text("\n".join(access) + "\n", encoding="utf-8")
    rotated = "".join(f"ts=2024-09-30 level=info msg=sms to={p['phone'].replace(' ', '')}\n"
                      for p in persons[:10])  # fmt: skip
    (logs / "mailer.log.1.gz").write_bytes(gzip.compress(rotated.encode()))
    return persons


def _iban(rng: random.Random) -> str:
    """A made-up Swedish IBAN with a correct check (mod 97), grouped by four."""
    bban = "5000" + "".join(str(rng.randrange(10)) for _ in range(16))
    check = 98 - int(bban + "281400") % 97  # "SE00" moved last, S=28, E=14
    raw = f"SE{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@contextlib.contextmanager
def moto_server(folder: Path, region: str = "eu-north-1") -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of a moto S3 server in a thread, with dummy credentials in the
    environment (restored afterwards); no AWS profile of the machine is read. Needs moto
    (the ``demo`` extra); the benchmarks use it too."""
    from moto.server import ThreadedMotoServer

    nowhere = folder / "aws-none"
    settings = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": region,
        "AWS_CONFIG_FILE": str(nowhere),
        "AWS_SHARED_CREDENTIALS_FILE": str(nowhere),
        "AWS_EC2_METADATA_DISABLED": "true",
        "NO_PROXY": "127.0.0.1,localhost",
    }
    removed = ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE")
    saved = {k: os.environ.get(k) for k in (*settings, *removed)}
    os.environ.update(settings)
    for name in removed:
        os.environ.pop(name, None)
    # werkzeug logs every request at INFO to a stderr handler of its own: keep output clean
    werkzeug = logging.getLogger("werkzeug")
    level = werkzeug.level
    werkzeug.setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()
        werkzeug.setLevel(level)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def local_s3(folder: Path, persons: list[dict[str, str]]) -> Iterator[str | None]:
    """A local S3 server (moto) with the demo bucket, or None when moto is not installed."""
    try:
        import boto3
        import moto.server  # noqa: F401 - only whether the demo extra is installed
    except ImportError:
        yield None
        return
    with moto_server(folder) as endpoint:
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-north-1")
        s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
        rows = ["kund_id,namn,epost,telefon"] + [
            f"{i},{p['name']},{p['email']},{p['phone']}" for i, p in enumerate(persons, 1)
        ]
        s3.put_object(Bucket=BUCKET, Key="export/kunder.csv", Body="\n".join(rows).encode())
        s3.put_object(Bucket=BUCKET, Key="export/readme.txt", Body=b"Nightly export of orders.")
        yield endpoint


def run_demo(folder: Path, s3: bool = True) -> DemoSummary:
    """Build, scan and report the demo estate in ``folder`` (``s3``: with the local S3 server,
    when moto is installed)."""
    from datamap.catalog import open_catalog
    from datamap.policy import load_policy
    from pdmap.config import load_config
    from pdmap.scan import run_scan
    from reports.datamap import build_report
    from reports.render import render_report
    from scanner.fingerprint import load_or_create_key

    folder = folder.resolve()
    persons = build_estate(folder)
    catalog_file = folder / ".pdmap" / "catalog.db"
    catalog_file.unlink(missing_ok=True)
    objects = local_s3(folder, persons) if s3 else contextlib.nullcontext(None)
    with objects as endpoint:
        config = folder / "pdmap.yaml"
        sources = (
            "  - {name: crm, type: sql, url: 'sqlite:///crm.db', system: CRM}\n"
            "  - {name: applogs, type: logs, paths: ['logs/*'], system: Web}\n"
        )
        if endpoint is not None:
            sources += (
                f"  - {{name: exports, type: s3, bucket: {BUCKET}, endpoint_url: '{endpoint}',"
                " region: eu-north-1, system: Exports}\n"
            )
        config.write_text(
            "# pdmap demo: a made-up estate (see pdmap/demo.py)\n"
            "policy:\n  retention:\n"
            "    - {applies_to: 'crm:fakturor', basis: legal_obligation, keep: P7Y,"
            " note: 'Bokföringslagen (1999:1078) 7 kap. 2 §'}\n"
            "    - {applies_to: 'applogs:*', basis: legitimate_interests, keep: P90D,"
            " note: 'Logs: 90 days (a demo assumption; the seed policy sets no period)'}\n"
            "    - {applies_to: '*:*', basis: contract}\n"
            f"sources:\n{sources}",
            encoding="utf-8",
        )
        cfg = load_config(config)
        key = load_or_create_key(folder / ".pdmap" / "secret.key")
        catalog = open_catalog(cfg.catalog_url())
        try:
            scan = run_scan(cfg, catalog, key)
            policy = load_policy(cfg.policy, cfg.base_dir)
            model = build_report(catalog, policy, {s.name: (s.type, s.system) for s in cfg.sources})
        finally:
            catalog.close()
    report = folder / "pdmap-report.html"
    with report.open("w", encoding="utf-8") as handle:
        render_report(model, "html", handle)
    summary = DemoSummary(folder, config, report, [s.name for s in cfg.sources])
    summary.scanned, summary.findings = scan.scanned, scan.findings
    summary.identifiers, summary.issues = scan.identifiers, scan.issues
    for row in model["data_map"]:
        for category in row["categories"]:
            summary.categories[category] = summary.categories.get(category, 0) + 1
    summary.undeclared = sorted({c for r in model["data_map"] for c in r["undeclared"]})
    summary.past_retention = [
        f"{g['source']}:{g['container']} ({g['identified_records_past_retention']} records with"
        f" identifiers older than {g['retention']})"
        for g in model["gaps"]["personal_data_past_retention"]
    ]
    summary.example = f"email:{persons[0]['email']}"
    if endpoint is None and s3:
        summary.notes.append("S3 left out: install the demo extra (pip install 'pdmap[demo]')")
    elif endpoint is not None:
        summary.notes.append("the local S3 server stopped with the demo: later subject requests"
                             " list the exports source as unreachable")  # fmt: skip
    return summary

"""Subject rights on a generated estate: locate recall/precision per identifier kind and written
form, then erasure of several people, checked from the stores themselves.

The estate (fake people; personnummer only from Skatteverket's test numbers): a CRM database
(``kunder`` with name, e-mail, personnummer, phone; ``ordrar`` referencing it; ``fakturor``,
held for 7 years by the policy; ``arenden``, support tickets in free text, some about two
people), loaded identically into each of ``--dbs``; logs (JSON lines by e-mail, personnummer or
phone, a key=value mail log ``to=`` the person ``from=`` a service address, an access log with
``?email=`` in the URL, a rotated ``.gz``); and S3 objects on a moto server (a CSV export and a
JSON-lines event export). Everything is scanned with ``run_scan`` (full engine).

Locate: every person is looked up by e-mail, personnummer and phone, each in a randomly chosen
usual written form (upper-case e-mail; 12 or 10 digits with or without the dash; 070-... or
+46...). A person's *directly identified records* are the rows, lines and object lines that
hold one of their identifiers (in any form); recall is the share of those found, precision the
share of returned records that are the person's (directly identified, or their own rows by a
foreign key). Erase: ``--erase`` people are erased with ``--execute``; then the stores are read
back: none of their identifiers may remain outside held containers, held rows must be
byte-identical, foreign keys clean, and every other person's located records unchanged.

    .venv/bin/python -m benchmarks.subjects_estate                   # sqlite postgresql mariadb
    .venv/bin/python -m benchmarks.subjects_estate --dbs sqlite --people 100
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    create_engine,
    insert,
    select,
)

from benchmarks.scan_support import format_table, moto_server, temp_database
from benchmarks.synthetic import Person, SyntheticPeople

KEY = b"pdmap-benchmark-key-0123456789ab"
Where = tuple[str, str, str]  # (source, container short name, record as JSON)


def unique_people(count: int, seed: int) -> list[Person]:
    people = SyntheticPeople(seed, english=0.2)
    out: list[Person] = []
    seen: set[str] = set()
    while len(out) < count:
        p = people.person()
        keys = {p.email, e164(p.phone), digits(p.personnummer)[-10:]}
        if keys & seen:
            continue  # the benchmark's people do not share identifiers (ground truth is clean)
        seen |= keys
        out.append(p)
    return out


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def e164(phone: str) -> str:
    d = digits(phone)
    return "+" + d if phone.startswith("+") else "+46" + d[1:]


def pnr12(p: Person) -> str:
    d = digits(p.personnummer)
    return d if len(d) == 12 else ("19" if int(d[:2]) > 25 else "20") + d


def forms(p: Person, rng: random.Random) -> dict[str, str]:
    """One usual written form per kind, chosen at random."""
    n = pnr12(p)
    phone = e164(p.phone)
    national = "0" + phone[3:] if phone.startswith("+46") else phone
    return {
        "email": rng.choice((p.email, p.email.upper(), p.email.title())),
        "personnummer": rng.choice((f"{n[:8]}-{n[8:]}", f"{n[2:8]}-{n[8:]}", n, n[2:])),
        "phone": rng.choice((phone, national, f"{national[:3]}-{national[3:6]} {national[6:]}")),
    }


def build(url: str, people: list[Person], rng: random.Random) -> dict[int, set[Where]]:
    """The SQL part; answers each person's directly identified rows and own rows."""
    meta = MetaData()
    kunder = Table(
        "kunder", meta,
        Column("id", Integer, primary_key=True), Column("namn", String(80)),
        Column("epost", String(120)), Column("pnr", String(20)), Column("tel", String(30)),
    )  # fmt: skip
    ordrar = Table(
        "ordrar", meta,
        Column("id", Integer, primary_key=True),
        Column("kund_id", Integer, ForeignKey("kunder.id"), nullable=False),
        Column("sku", String(20)), Column("belopp", Numeric(10, 2)),
    )  # fmt: skip
    fakturor = Table(
        "fakturor", meta,
        Column("id", Integer, primary_key=True),
        Column("kund_id", Integer, ForeignKey("kunder.id"), nullable=False),
        Column("belopp", Numeric(10, 2)), Column("epost", String(120)),
    )  # fmt: skip
    arenden = Table(
        "arenden", meta, Column("id", Integer, primary_key=True), Column("text", Text),
    )  # fmt: skip
    engine = create_engine(url)
    meta.create_all(engine)
    mine: dict[int, set[Where]] = defaultdict(set)
    rows_k: list[dict[str, Any]] = []
    rows_o: list[dict[str, Any]] = []
    rows_f: list[dict[str, Any]] = []
    rows_a: list[dict[str, Any]] = []
    for i, p in enumerate(people):
        rows_k.append({"id": i + 1, "namn": p.name, "epost": p.email, "pnr": p.personnummer,
                       "tel": p.phone})  # fmt: skip
        mine[i].add(("crm", "kunder", json.dumps({"id": i + 1})))
        for k in range(rng.randrange(0, 3)):
            oid = 1000 * (i + 1) + k
            rows_o.append({"id": oid, "kund_id": i + 1, "sku": f"SKU-{rng.randrange(999)}",
                           "belopp": rng.randrange(100, 9000)})  # fmt: skip
            mine[i].add(("crm", "ordrar", json.dumps({"id": oid})))
        if i % 4 == 0:
            rows_f.append({"id": i + 1, "kund_id": i + 1, "belopp": 500, "epost": p.email})
            mine[i].add(("crm", "fakturor", json.dumps({"id": i + 1})))
        if i % 3 == 0:
            aid = len(rows_a) + 1
            rows_a.append({"id": aid, "text": f"Kunden {p.name} ({p.email}) ringde från"
                           f" {p.phone} om sin faktura."})  # fmt: skip
            mine[i].add(("crm", "arenden", json.dumps({"id": aid})))
        if i % 10 == 5 and i + 1 < len(people):
            other = people[i + 1]
            aid = len(rows_a) + 1
            rows_a.append({"id": aid, "text": f"{p.email} och {other.email} delar inloggning."})
            mine[i].add(("crm", "arenden", json.dumps({"id": aid})))
            mine[i + 1].add(("crm", "arenden", json.dumps({"id": aid})))
    with engine.begin() as conn:
        for table, rows in ((kunder, rows_k), (ordrar, rows_o), (fakturor, rows_f),
                            (arenden, rows_a)):  # fmt: skip
            if rows:
                conn.execute(insert(table), rows)
    engine.dispose()
    return mine


def write_logs(folder: Path, people: list[Person], rng: random.Random) -> dict[int, set[Where]]:
    mine: dict[int, set[Where]] = defaultdict(set)
    app, mail, access, rotated = [], [], [], []
    for i, p in enumerate(people):
        for _ in range(rng.randrange(1, 4)):
            kind = rng.randrange(3)
            user: dict[str, str] = (
                {"email": p.email} if kind == 0
                else {"personnummer": p.personnummer} if kind == 1
                else {"phone": p.phone}
            )  # fmt: skip
            app.append(json.dumps({"event": rng.choice(("login", "order")), "user": user}))
            mine[i].add(("app", "app.jsonl", json.dumps({"line": len(app)})))
        mail.append(f'ts=2024-10-01 level=info to={p.email} from=noreply@example.se msg="sent"')
        mine[i].add(("app", "mail.log", json.dumps({"line": len(mail)})))
        if i % 2 == 0:
            access.append(
                f'203.0.113.{i % 250 + 1} - - [01/Oct/2024:12:00:00 +0200] "GET '
                f'/unsubscribe?email={p.email} HTTP/1.1" 200 512 "-" "curl/8.5"'
            )
            mine[i].add(("app", "access.log", json.dumps({"line": len(access)})))
        if i % 5 == 0:
            rotated.append(json.dumps({"event": "sms", "to": e164(p.phone)}))
            mine[i].add(("app", "app.jsonl.1.gz", json.dumps({"line": len(rotated)})))
    logs = folder / "logs"
    logs.mkdir()
    for name, lines in (("app.jsonl", app), ("mail.log", mail), ("access.log", access)):
        (logs / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (logs / "app.jsonl.1.gz").write_bytes(gzip.compress(("\n".join(rotated) + "\n").encode()))
    return mine


def put_objects(
    endpoint: str, bucket: str, people: list[Person], rng: random.Random
) -> dict[int, set[Where]]:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-north-1")
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    mine: dict[int, set[Where]] = defaultdict(set)
    csv = ["kund_id,namn,epost,telefon"]
    events = []
    for i, p in enumerate(people):
        if i % 2 == 1:
            csv.append(f"{i + 1},{p.name},{p.email},{p.phone}")
            mine[i].add(("exports", "kunder.csv", json.dumps({"line": len(csv)})))
        if i % 3 == 1:
            events.append(json.dumps({"type": "newsletter", "email": p.email}))
            mine[i].add(("exports", "events.jsonl", json.dumps({"line": len(events)})))
    s3.put_object(Bucket=bucket, Key="kunder.csv", Body="\n".join(csv).encode() + b"\n")
    s3.put_object(Bucket=bucket, Key="events.jsonl", Body="\n".join(events).encode() + b"\n")
    return mine


def short(source: str, container: str) -> str:
    """Tables without their schema, files by their name, objects by key."""
    if source == "crm":
        return container.rsplit(".", 1)[-1]
    return container.rsplit("/", 1)[-1]


@dataclass
class Estate:
    kind: str
    url: str
    folder: Path
    endpoint: str | None
    people: list[Person]
    truth: dict[int, set[Where]]
    cfg: Any
    catalog: Any
    resolver: Any


def run_db(
    kind: str, args: argparse.Namespace, folder: Path, endpoint: str | None
) -> list[list[object]]:
    from datamap.catalog import open_catalog
    from pdmap.config import load_config
    from pdmap.scan import run_scan
    from pdmap.subject import resolver_for
    from scanner.engine import DetectionEngine

    rng = random.Random(args.seed)
    people = unique_people(args.people, args.seed)
    with temp_database(kind, folder, "subj") as url:
        estate_dir = folder / kind
        estate_dir.mkdir()
        truth: dict[int, set[Where]] = defaultdict(set)
        parts = [build(url, people, rng), write_logs(estate_dir, people, rng)]
        sources = (
            f"  - {{name: crm, type: sql, url: '{url}', system: CRM}}\n"
            "  - {name: app, type: logs, paths: ['logs/*']}\n"
        )
        if endpoint is not None:
            parts.append(put_objects(endpoint, f"exports-{kind}", people, rng))
            sources += (
                f"  - {{name: exports, type: s3, bucket: exports-{kind},"
                f" endpoint_url: '{endpoint}', region: eu-north-1}}\n"
            )
        for part in parts:
            for i, where in part.items():
                truth[i] |= where
        (estate_dir / "pdmap.yaml").write_text(
            "policy:\n  retention:\n"
            "    - {applies_to: 'crm:fakturor', basis: legal_obligation, keep: P7Y}\n"
            "    - {applies_to: '*:*', basis: contract}\n"
            f"sources:\n{sources}",
            encoding="utf-8",
        )
        cfg = load_config(estate_dir / "pdmap.yaml")
        catalog = open_catalog(cfg.catalog_url())
        engine = DetectionEngine.load()
        began = time.perf_counter()
        summary = run_scan(cfg, catalog, KEY, engine_factory=lambda: engine)
        scan_s = time.perf_counter() - began
        resolver = resolver_for(cfg, catalog, KEY)
        estate = Estate(kind, url, estate_dir, endpoint, people, truth, cfg, catalog, resolver)
        try:
            rows, found_by = measure_locate(estate, rng, args.verbose)
            rows.append([kind, "scan s / issues", f"{scan_s:.1f}", summary.issues, ""])
            rows += measure_erase(estate, rng, found_by, args.erase, args.verbose)
        finally:
            resolver.close()
            catalog.close()
    return rows


def located(estate: Estate, identifier: str) -> set[Where]:
    from datamap.subjects import parse_identifier

    return {
        (loc.source, short(loc.source, loc.container), json.dumps(loc.record))
        for loc in estate.resolver.resolve(parse_identifier(identifier)).locations
    }


def measure_locate(
    estate: Estate, rng: random.Random, verbose: bool
) -> tuple[list[list[object]], dict[tuple[int, str], set[Where]]]:
    found_by: dict[tuple[int, str], set[Where]] = {}
    latencies: list[float] = []
    for i, p in enumerate(estate.people):
        for kind, value in forms(p, rng).items():
            began = time.perf_counter()
            found_by[(i, kind)] = located(estate, f"{kind}:{value}")
            latencies.append(time.perf_counter() - began)
    rows: list[list[object]] = []
    for kind in ("email", "personnummer", "phone"):
        hit = total = returned = right = 0
        worst = 1.0
        for i in range(len(estate.people)):
            got, mine = found_by[(i, kind)], estate.truth[i]
            direct = {w for w in mine if w[1] != "ordrar"}  # ordrar: reached by foreign key
            hit += len(got & direct)
            total += len(direct)
            returned += len(got)
            right += len(got & mine)
            worst = min(worst, len(got & direct) / len(direct))
            if verbose:
                for where in sorted(direct - got):
                    print(f"  miss {kind} person {i}: {where}", file=sys.stderr)
                for where in sorted(got - mine):
                    print(f"  wrong {kind} person {i}: {where}", file=sys.stderr)
        rows.append(
            [estate.kind, f"locate by {kind}", hit / total, right / max(returned, 1), worst]
        )
    latencies.sort()
    p50 = 1000 * latencies[len(latencies) // 2]
    p99 = 1000 * latencies[int(len(latencies) * 0.99)]
    rows.append([estate.kind, "locate p50 / p99 ms (incl. live FK step)", p50, p99, ""])
    return rows, found_by


def measure_erase(
    estate: Estate,
    rng: random.Random,
    found_by: dict[tuple[int, str], set[Where]],
    count: int,
    verbose: bool,
) -> list[list[object]]:
    from datamap.policy import load_policy
    from datamap.subjects import parse_identifier
    from pdmap.subject import OpenConnectors, eraser_for

    people, kind = estate.people, estate.kind
    victims = list(range(0, count * 3, 3))[:count]  # some with invoices, some with tickets
    others = [i for i in range(len(people)) if i not in victims]
    sample = rng.sample(others, min(30, len(others)))
    held_before = read_table(estate.url, "fakturor")
    policy = load_policy(estate.cfg.policy, estate.cfg.base_dir)
    connectors = OpenConnectors(estate.cfg)
    failed = unverified = 0
    began = time.perf_counter()
    try:
        for i in victims:
            eraser = eraser_for(estate.cfg, estate.catalog, KEY, policy, connectors)
            subject = parse_identifier(f"email:{people[i].email}")
            with eraser.resolver:
                report = eraser.execute(eraser.plan(eraser.resolver.resolve(subject)))
            failed += len(report.failed)
            unverified += not report.verified
            if verbose:
                for step, error in report.failed:
                    print(f"  failed {step.container} {step.record}: {error}", file=sys.stderr)
                for loc in report.remaining:
                    print(f"  remaining {loc.container} {loc.record} {loc.via}", file=sys.stderr)
    finally:
        connectors.close()
    erase_s = time.perf_counter() - began
    held = read_table(estate.url, "fakturor")
    stored = dump(estate.url, estate.folder, estate.endpoint, f"exports-{kind}")
    outside = stored.replace(repr(held), "")
    left = sum(
        value in outside
        for i in victims
        for value in (
            people[i].email,
            people[i].personnummer,
            people[i].phone,
            e164(people[i].phone),
        )
    )
    gone = {w for v in victims for w in estate.truth[v]}
    changed = sum(
        (found_by[(i, "email")] - gone) != (located(estate, f"email:{people[i].email}") - gone)
        for i in sample
    )
    return [
        [kind, f"erase {len(victims)} people: failed steps / unverified", failed, unverified,
         f"{erase_s:.1f} s"],
        [kind, "their identifiers left outside holds (read from the stores)", left, "", ""],
        [kind, "held rows byte-identical", held == held_before, "", ""],
        [kind, "foreign-key problems", fk_problems(estate.url), "", ""],
        [kind, f"other people ({len(sample)}) whose locations changed", changed, "", ""],
    ]  # fmt: skip


def read_table(url: str, name: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        table = Table(name, MetaData(), autoload_with=conn)
        rows = [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key))]
    engine.dispose()
    return rows


def dump(url: str, estate: Path, endpoint: str | None, bucket: str) -> str:
    parts = [repr(read_table(url, t)) for t in ("kunder", "ordrar", "fakturor", "arenden")]
    for path in sorted((estate / "logs").iterdir()):
        data = path.read_bytes()
        parts.append((gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode())
    if endpoint is not None:
        import boto3

        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-north-1")
        for key in ("kunder.csv", "events.jsonl"):
            parts.append(s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode())
    return "\n".join(parts)


def fk_problems(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        if url.startswith("sqlite"):
            count = len(conn.exec_driver_sql("PRAGMA foreign_key_check").all())
        else:  # enforced by the server; count orphans anyway
            orphans = [
                f"SELECT c.id FROM {child} c LEFT JOIN kunder k ON k.id = c.kund_id"
                " WHERE k.id IS NULL"
                for child in ("ordrar", "fakturor")
            ]
            count = sum(len(conn.exec_driver_sql(query).all()) for query in orphans)
    engine.dispose()
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dbs", nargs="+", default=["sqlite", "postgresql", "mariadb"])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--erase", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--no-s3", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="print misses and failures")
    args = parser.parse_args(argv)
    for name in ("tldextract", "presidio-analyzer", "presidio_analyzer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="pdmap-subjects-") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        for kind in args.dbs:
            endpoint = None if args.no_s3 else stack.enter_context(moto_server(folder / kind))
            rows += run_db(kind, args, folder, endpoint)
    print(format_table(["db", "measure", "recall / value", "precision", "worst person"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

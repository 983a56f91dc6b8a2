"""Field-level classification of ``pdmap scan`` on a generated estate: SQL, logs and S3.

Generates one estate and scans it with ``run_scan`` and the full engine
(``DetectionEngine.load()``, NER included), one store at a time:

* SQL: twelve tables with Swedish and English column names and foreign keys (kunder,
  customers, adresser, orders, fakturor, anställda, employees, support_tickets with free-text
  columns, login_history, products, system_settings, legacy_import with obfuscated names) and
  decoy columns (SKUs, EAN-13, amounts, versions incl. 4-part, settings JSON, timestamps, UUIDs,
  random ids, order numbers, status codes). The same rows go into every database of ``--dbs``.
* Logs (temporary folder): a combined access log, a JSON-lines app log (``user.email``), a
  key=value auth log and its rotated ``.gz``.
* S3 (moto server): a CSV export with a header, a JSONL export, a plain-text decoy object.

Gold labels give every (store, container, field) the set of entity types it really holds
(decoys: the empty set; free-text columns: the types their generated texts hold). A finding
(``catalog.findings()``: one per source, container, field, entity type) is a true positive when
its (field, type) is in the gold set, else a false positive; a gold (field, type) without a
finding is a false negative. Printed: P/R/F1 per store and per entity type, the estate total per
database (the database + logs + S3), the SQL fields whose result differs between databases or
from the gold labels, every decoy flagged and every FP and FN, and each store's scan wall time.

    .venv/bin/python -m benchmarks.scan_estate                          # sqlite postgresql mariadb
    .venv/bin/python -m benchmarks.scan_estate --dbs sqlite --rows-scale 0.2
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import gzip
import hashlib
import json
import logging
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    create_engine,
    insert,
)

from benchmarks.scan_support import format_table, moto_server, temp_database
from benchmarks.scoring import Counts
from benchmarks.synthetic import SV_FIRST, SV_LAST, Person, SyntheticPeople, ean13

P: Final = "PERSON"
E: Final = "EMAIL_ADDRESS"
PH: Final = "PHONE_NUMBER"
PNR: Final = "SE_PERSONNUMMER"
ST: Final = "STREET_ADDRESS"
PC: Final = "POSTAL_CODE"
LOC: Final = "LOCATION"
IP: Final = "IP_ADDRESS"
IBAN: Final = "IBAN_CODE"
DOB: Final = "DATE_OF_BIRTH"
USER: Final = "USERNAME"
DB_KINDS: Final = ("sqlite", "postgresql", "mariadb")
KEY: Final = b"pdmap-benchmark-key-0123456789ab"
TEXT: Final = "(text)"

Gold = dict[tuple[str, str | None], frozenset[str]]  # (container, field) -> entity types
Row = dict[str, Any]

# -- SQL estate ---------------------------------------------------------------------------------

SV_TICKETS: Final[Sequence[tuple[str, set[str]]]] = (
    ("Hej! Jag heter {name} och min beställning har inte kommit. Ring mig på {phone}.", {P, PH}),
    ("Kunden {name} ringde och vill ha fakturan skickad till {email} i stället.", {P, E}),
    ("{name} hör av sig angående returen och nås på {phone} eller {email}.", {P, PH, E}),
    ("Hej, kan ni uppdatera min e-post till {email}? Mvh {name}", {P, E}),
    ("Jag vill ha ett registerutdrag. Mitt personnummer är {pnr}. Hälsningar {name}", {P, PNR}),
    ("Leveransen kom skadad, kontakta mig på {phone}. /{name}", {P, PH}),
    ("Appen kraschar när jag öppnar varukorgen i version 4.2.1, order ORD-2024-{n:06d}.", set()),
    ("Varför har priset ändrats från 499 kr till 549 kr sedan i går?", set()),
)
EN_TICKETS: Final[Sequence[tuple[str, set[str]]]] = (
    ("Hi, this is {name}. My order never arrived, please call me on {phone}.", {P, PH}),
    ("Customer {name} asked us to send the receipt to {email}.", {P, E}),
    ("Please update my contact details to {email}, phone {phone}. Thanks, {name}", {P, PH, E}),
    ("The checkout page shows error 502 since the upgrade to 10.2.0.1.", set()),
    ("I was charged twice for order ORD-2024-{n:06d}, amount 129.00 EUR.", set()),
)
RESOLUTIONS: Final[Sequence[tuple[str, set[str]]]] = (
    ("Refund approved by {agent}; confirmation sent to {email}.", {P, E}),
    ("Escalated to {agent} in logistics, who will call the customer on {phone}.", {P, PH}),
    ("Replacement shipped, tracking number 3735001{n:011d}.", set()),
    ("Customer confirmed the issue is resolved; closing.", set()),
    ("Duplicate of TCK-{n:06d}.", set()),
)
SUBJECTS: Final = (
    "Leveransen har inte kommit", "Fel belopp på fakturan", "Retur av vara", "Order not received",
    "Wrong invoice amount", "Password reset", "Byte av storlek", "App crashes on checkout",
)  # fmt: skip
STATUSES: Final = ("open", "pending", "closed", "shipped", "cancelled", "A1", "B2", "E404")
DEPARTMENTS: Final = ("Ekonomi", "IT", "Lager", "Kundtjänst", "Marknad", "HR", "Inköp")
EN_DEPARTMENTS: Final = ("Finance", "Engineering", "Sales", "Support", "Operations", "Legal")
PRODUCTS: Final = (
    "Vinterjacka herr", "Kaffebryggare 1,2 l", "USB-C kabel 2 m", "Running shoes", "Ryggsäck 25 l",
    "Wireless mouse", "Termos 0,5 l", "Desk lamp LED", "Ullstrumpor 3-pack", "Phone case",
)  # fmt: skip
AGENTS: Final = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0.0.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile",
    "okhttp/4.12.0",
    "curl/8.5.0",
)
VERSIONS: Final = ("10.2.0.1", "4.18.2.1044", "2.4.1", "10.12.3.7", "1.0.0", "7.3.0.22")


def version(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(VERSIONS)
    return f"{rng.randrange(1, 12)}.{rng.randrange(20)}.{rng.randrange(10)}.{rng.randrange(200)}"


def settings_json(rng: random.Random) -> dict[str, Any]:
    return {
        "theme": rng.choice(("dark", "light")),
        "locale": rng.choice(("sv_SE", "en_GB")),
        "items_per_page": rng.choice((25, 50, 100)),
        "api_version": version(rng),
        "retry_ms": rng.randrange(100, 5000),
        "features": {"beta": rng.random() < 0.2, "max_upload_mb": rng.choice((10, 50))},
    }


def moment(rng: random.Random) -> dt.datetime:
    return dt.datetime(2024, 1, 1) + dt.timedelta(seconds=rng.randrange(300 * 86400))


def amount(rng: random.Random) -> decimal.Decimal:
    return decimal.Decimal(rng.randrange(1000, 2_000_000)) / 100


@dataclass
class SqlEstate:
    metadata: MetaData
    rows: dict[str, list[Row]]
    gold: Gold


@dataclass
class _Builder:
    metadata: MetaData
    rows: dict[str, list[Row]] = field(default_factory=dict)
    gold: Gold = field(default_factory=dict)

    def table(
        self, name: str, columns: Sequence[tuple[Column[Any], frozenset[str] | set[str]]]
    ) -> Table:
        table = Table(name, self.metadata, *(c for c, _ in columns))
        for column, types in columns:
            self.gold[(name, column.name)] = frozenset(types)
        return table


def col(name: str, type_: Any, *types: str, **kwargs: Any) -> tuple[Column[Any], set[str]]:
    return Column(name, type_, **kwargs), set(types)


def pk() -> tuple[Column[Any], set[str]]:
    return Column("id", Integer, primary_key=True, autoincrement=False), set()


def fk(name: str, target: str) -> tuple[Column[Any], set[str]]:
    return Column(name, Integer, ForeignKey(target)), set()


def fill(template: str, person: Person, rng: random.Random) -> str:
    agent = f"{rng.choice(SV_FIRST)} {rng.choice(SV_LAST)}"
    return template.format(
        name=person.name,
        phone=person.phone,
        email=person.email,
        pnr=person.personnummer,
        agent=agent,
        n=rng.randrange(1_000_000),
    )


def build_sql_estate(scale: float, seed: int) -> SqlEstate:
    rng = random.Random(seed)
    people = SyntheticPeople(seed)
    b = _Builder(MetaData())

    def n(rows: int) -> int:
        return max(50, int(rows * scale))

    b.table("kunder", [
        pk(), col("kundnummer", String(12)), col("fornamn", String(40), P),
        col("efternamn", String(40), P), col("personnummer", String(13), PNR),
        col("epost", String(80), E), col("telefon", String(20), PH),
        col("status", String(12)), col("skapad", DateTime),
    ])  # fmt: skip
    kunder = [people.person() for _ in range(n(3000))]
    b.rows["kunder"] = [
        {
            "id": i + 1, "kundnummer": f"K{100000 + i:07d}", "fornamn": p.first,
            "efternamn": p.last, "personnummer": p.personnummer, "epost": p.email,
            "telefon": p.phone, "status": rng.choice(("aktiv", "vilande", "spärrad")),
            "skapad": moment(rng),
        }
        for i, p in enumerate(kunder)
    ]  # fmt: skip

    b.table("customers", [
        pk(), col("customer_uuid", String(36)), col("first_name", String(40), P),
        col("last_name", String(40), P), col("email", String(80), E), col("phone", String(24), PH),
        col("date_of_birth", Date, DOB), col("newsletter", Boolean),
        col("loyalty_points", Integer), col("created_at", DateTime),
    ])  # fmt: skip
    customers = [people.person() for _ in range(n(3000))]
    b.rows["customers"] = [
        {
            "id": i + 1, "customer_uuid": people.uuid(), "first_name": p.first,
            "last_name": p.last, "email": p.email, "phone": p.phone,
            "date_of_birth": p.birth_date, "newsletter": rng.random() < 0.4,
            "loyalty_points": rng.randrange(5000), "created_at": moment(rng),
        }
        for i, p in enumerate(customers)
    ]  # fmt: skip

    b.table("adresser", [
        pk(), fk("kund_id", "kunder.id"), col("gatuadress", String(80), ST),
        col("postnummer", String(8), PC), col("ort", String(40), LOC),
        col("adresstyp", String(12)),
    ])  # fmt: skip
    b.rows["adresser"] = [
        {
            "id": i + 1, "kund_id": i % len(kunder) + 1, "gatuadress": p.street,
            "postnummer": p.postal_code if rng.random() < 0.7 else p.postal_code.replace(" ", ""),
            "ort": p.town, "adresstyp": rng.choice(("leverans", "faktura")),
        }
        for i, p in enumerate(kunder)
    ]  # fmt: skip

    b.table("orders", [
        pk(), fk("customer_id", "customers.id"), col("order_number", String(20)),
        col("external_ref", String(12)), col("sku", String(16)), col("quantity", Integer),
        col("amount", Numeric(10, 2)), col("currency", String(3)), col("status", String(12)),
        col("created_at", DateTime),
    ])  # fmt: skip
    b.rows["orders"] = [
        {
            "id": i + 1, "customer_id": rng.randrange(len(customers)) + 1,
            "order_number": f"ORD-2024-{i:06d}", "external_ref": str(rng.randrange(10**9, 10**10)),
            "sku": f"SKU-{rng.randrange(10000, 99999)}-{rng.choice(('BL', 'RD', 'XL', 'S'))}",
            "quantity": rng.randrange(1, 5), "amount": amount(rng),
            "currency": rng.choice(("SEK", "EUR")), "status": rng.choice(STATUSES[:5]),
            "created_at": moment(rng),
        }
        for i in range(n(5000))
    ]  # fmt: skip

    b.table("fakturor", [
        pk(), fk("kund_id", "kunder.id"), col("fakturanummer", String(16)),
        col("belopp", Numeric(10, 2)), col("moms", Numeric(10, 2)), col("forfallodatum", Date),
        col("betald", Boolean), col("iban", String(34), IBAN),
    ])  # fmt: skip
    b.rows["fakturor"] = []
    for i in range(n(4000)):
        total = amount(rng)
        owner = rng.randrange(len(kunder))
        b.rows["fakturor"].append({
            "id": i + 1, "kund_id": owner + 1, "fakturanummer": f"F-2024-{i:05d}", "belopp": total,
            "moms": (total * decimal.Decimal("0.2")).quantize(decimal.Decimal("0.01")),
            "forfallodatum": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(400)),
            "betald": rng.random() < 0.8, "iban": kunder[owner].iban,
        })  # fmt: skip

    b.table("anställda", [
        pk(), col("förnamn", String(40), P), col("efternamn", String(40), P),
        col("personnummer", String(12), PNR), col("mobil", String(20), PH),
        col("epost", String(80), E), col("avdelning", String(20)), col("manadslon", Integer),
        col("anstalld_datum", Date), fk("chef_id", "anställda.id"),
    ])  # fmt: skip
    staff = [people.person() for _ in range(n(2000))]
    b.rows["anställda"] = [
        {
            "id": i + 1, "förnamn": p.first, "efternamn": p.last,
            "personnummer": people.personnummer("bare"), "mobil": p.phone,
            "epost": f"{p.email.split('@')[0]}@foretaget.se",
            "avdelning": rng.choice(DEPARTMENTS), "manadslon": rng.randrange(28000, 90000, 100),
            "anstalld_datum": dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(7000)),
            "chef_id": None if i < 10 else rng.randrange(10) + 1,
        }
        for i, p in enumerate(staff)
    ]  # fmt: skip

    b.table("employees", [
        pk(), col("full_name", String(80), P), col("work_email", String(80), E),
        col("mobile_phone", String(24), PH), col("national_id", String(13), PNR),
        col("department", String(20)), col("salary", Numeric(10, 2)), col("hired_at", Date),
        fk("manager_id", "employees.id"),
    ])  # fmt: skip
    english = SyntheticPeople(seed + 1, english=0.8)
    b.rows["employees"] = []
    for i in range(n(2000)):
        p = english.person()
        b.rows["employees"].append({
            "id": i + 1, "full_name": p.name, "work_email": p.email, "mobile_phone": p.phone,
            "national_id": people.personnummer("short"), "department": rng.choice(EN_DEPARTMENTS),
            "salary": amount(rng) + 30000,
            "hired_at": dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(5000)),
            "manager_id": None if i < 10 else rng.randrange(10) + 1,
        })  # fmt: skip

    b.table("support_tickets", [
        pk(), fk("customer_id", "customers.id"), col("ticket_no", String(12)),
        col("subject", String(120)), col("body", Text), col("resolution_note", Text),
        col("status", String(12)), col("priority", String(8)), col("created_at", DateTime),
    ])  # fmt: skip
    body_types: set[str] = set()
    note_types: set[str] = set()
    b.rows["support_tickets"] = []
    for i in range(n(2500)):
        owner = rng.randrange(len(customers))
        customer = customers[owner]
        body, types = rng.choice(SV_TICKETS if customer.swedish else EN_TICKETS)
        note, ntypes = rng.choice(RESOLUTIONS)
        body_types |= types
        note_types |= ntypes
        b.rows["support_tickets"].append({
            "id": i + 1, "customer_id": owner + 1, "ticket_no": f"TCK-{i:06d}",
            "subject": rng.choice(SUBJECTS), "body": fill(body, customer, rng),
            "resolution_note": fill(note, customer, rng),
            "status": rng.choice(STATUSES[:3]), "priority": rng.choice(("low", "normal", "high")),
            "created_at": moment(rng),
        })  # fmt: skip
    b.gold[("support_tickets", "body")] = frozenset(body_types)
    b.gold[("support_tickets", "resolution_note")] = frozenset(note_types)

    b.table("login_history", [
        pk(), fk("user_id", "customers.id"), col("ip_address", String(45), IP),
        col("user_agent", String(200)), col("logged_in_at", DateTime), col("success", Boolean),
        col("session_id", String(36)),
    ])  # fmt: skip
    b.rows["login_history"] = [
        {
            "id": i + 1, "user_id": rng.randrange(len(customers)) + 1, "ip_address": people.ip(),
            "user_agent": rng.choice(AGENTS), "logged_in_at": moment(rng),
            "success": rng.random() < 0.9, "session_id": people.uuid(),
        }
        for i in range(n(5000))
    ]  # fmt: skip

    b.table("products", [
        pk(), col("sku", String(16)), col("ean13", String(13)), col("product_name", String(60)),
        col("price", Numeric(10, 2)), col("firmware_version", String(20)),
        col("settings", JSON), col("updated_at", DateTime),
    ])  # fmt: skip
    b.rows["products"] = [
        {
            "id": i + 1, "sku": f"SKU-{10000 + i}-{rng.choice(('BL', 'RD', 'XL'))}",
            "ean13": ean13(rng), "product_name": rng.choice(PRODUCTS), "price": amount(rng),
            "firmware_version": version(rng), "settings": settings_json(rng),
            "updated_at": moment(rng),
        }
        for i in range(n(1500))
    ]  # fmt: skip

    b.table("system_settings", [
        pk(), col("setting_key", String(60)), col("setting_value", JSON),
        col("version", String(20)), col("checksum", String(40)), col("updated_at", DateTime),
    ])  # fmt: skip
    keys = ("ui.theme", "mail.smtp.port", "cache.ttl_s", "export.format", "auth.mfa", "api.rate")
    b.rows["system_settings"] = [
        {
            "id": i + 1, "setting_key": f"{rng.choice(keys)}.{i}",
            "setting_value": settings_json(rng), "version": version(rng),
            "checksum": hashlib.sha1(str(i).encode()).hexdigest(), "updated_at": moment(rng),
        }
        for i in range(n(300))
    ]  # fmt: skip

    b.table("legacy_import", [
        pk(), col("c1", String(80), P), col("c2", String(80), E), col("c3", String(24), PH),
        col("fld_x", String(13), PNR), col("fld_y", String(45), IP), col("c5", String(13)),
        col("c6", String(12)), col("c9", String(36)), col("fld_z", Numeric(10, 2)),
    ])  # fmt: skip
    legacy = [people.person() for _ in range(n(3000))]
    b.rows["legacy_import"] = [
        {
            "id": i + 1, "c1": p.name, "c2": p.email, "c3": p.phone, "fld_x": p.personnummer,
            "fld_y": p.ip, "c5": ean13(rng), "c6": rng.choice(STATUSES), "c9": people.uuid(),
            "fld_z": amount(rng),
        }
        for i, p in enumerate(legacy)
    ]  # fmt: skip
    return SqlEstate(b.metadata, b.rows, b.gold)


def load_database(url: str, estate: SqlEstate) -> float:
    started = time.perf_counter()
    engine = create_engine(url)
    estate.metadata.create_all(engine)
    with engine.begin() as conn:
        for table in estate.metadata.sorted_tables:
            conn.execute(insert(table), estate.rows[table.name])
    engine.dispose()
    return time.perf_counter() - started


# -- logs ---------------------------------------------------------------------------------------

PATHS: Final = ("/", "/konto", "/kassa", "/api/v2/orders", "/sok?q=jacka", "/static/app.js")


def access_line(rng: random.Random, people: SyntheticPeople, i: int) -> str:
    p = people.person()
    user = p.username if rng.random() < 0.3 else "-"
    path = rng.choice(PATHS)
    if rng.random() < 0.15:
        path = f"/unsubscribe?email={p.email}"
    stamp = dt.datetime(2024, 10, 1) + dt.timedelta(seconds=i * 7)
    return (
        f'{p.ip} - {user} [{stamp:%d/%b/%Y:%H:%M:%S} +0200] "{rng.choice(("GET", "POST"))} {path}'
        f' HTTP/1.1" {rng.choice((200, 200, 302, 404, 500))} {rng.randrange(20_000)}'
        f' "https://www.example.se/" "{rng.choice(AGENTS)}"'
    )


MESSAGES: Final = (
    "order created", "payment authorised in {ms} ms", "cache miss for product:{ean}",
    "schema upgraded to 10.2.0.1", "retrying request {uuid} after 502", "cart updated",
)  # fmt: skip


def json_line(rng: random.Random, people: SyntheticPeople, i: int) -> str:
    p = people.person()
    stamp = dt.datetime(2024, 10, 1) + dt.timedelta(seconds=i * 3)
    message = rng.choice(MESSAGES).format(ms=rng.randrange(900), ean=ean13(rng), uuid=people.uuid())
    return json.dumps(
        {
            "ts": f"{stamp:%Y-%m-%dT%H:%M:%S}.{rng.randrange(1000):03d}Z",
            "level": rng.choice(("info", "info", "warn", "error")),
            "logger": rng.choice(("shop.checkout", "shop.cart", "auth")),
            "msg": message,
            "user": {"id": rng.randrange(1, 10**6), "email": p.email, "name": p.name},
            "request": {"id": people.uuid(), "ip": p.ip, "path": rng.choice(PATHS)},
            "app": {"version": version(rng), "build": 2024100 + rng.randrange(99)},
            "duration_ms": rng.randrange(2000),
        },
        ensure_ascii=False,
    )


def kv_line(rng: random.Random, people: SyntheticPeople, i: int) -> str:
    p = people.person()
    stamp = dt.datetime(2024, 10, 1) + dt.timedelta(seconds=i * 5)
    head = f"ts={stamp:%Y-%m-%dT%H:%M:%S}Z"
    kind = rng.randrange(10)
    if kind < 6:
        return (
            f"{head} level=info event=login user={p.username} src_ip={p.ip}"
            f" session={people.uuid()} ver={version(rng)} latency_ms={rng.randrange(900)} mfa=true"
        )
    if kind < 8:
        return (
            f"{head} level=info event=password_reset email={p.email} src_ip={p.ip}"
            f" session={people.uuid()} ver={version(rng)} latency_ms={rng.randrange(900)}"
        )
    return (
        f"{head} level=warn event=login_failed user={p.username} src_ip={p.ip}"
        f" reason=bad_password attempts={rng.randrange(1, 6)}"
    )


LOG_GOLD: Final[Gold] = {
    **{("access.log", f): frozenset() for f in (
        "ident", "time", "method", "protocol", "status", "size", "referer", "user_agent",
    )},
    ("access.log", "client_ip"): frozenset({IP}),
    ("access.log", "user"): frozenset({USER}),
    ("access.log", "path"): frozenset({E}),  # /unsubscribe?email=... in 15 % of the lines
    **{("app.jsonl", f): frozenset() for f in (
        "ts", "level", "logger", "msg", "user.id", "request.id", "request.path", "app.version",
        "app.build", "duration_ms",
    )},
    ("app.jsonl", "user.email"): frozenset({E}),
    ("app.jsonl", "user.name"): frozenset({P}),
    ("app.jsonl", "request.ip"): frozenset({IP}),
    **{(log, f): frozenset() for log in ("auth.log", "auth.log.1.gz") for f in (
        "ts", "level", "event", "session", "ver", "latency_ms", "mfa", "reason", "attempts",
    )},
    **{(log, "user"): frozenset({USER}) for log in ("auth.log", "auth.log.1.gz")},
    **{(log, "src_ip"): frozenset({IP}) for log in ("auth.log", "auth.log.1.gz")},
    **{(log, "email"): frozenset({E}) for log in ("auth.log", "auth.log.1.gz")},
}  # fmt: skip


def write_logs(folder: Path, lines: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    writers: list[tuple[str, Callable[[random.Random, SyntheticPeople, int], str]]] = [
        ("access.log", access_line),
        ("app.jsonl", json_line),
        ("auth.log", kv_line),
        ("auth.log.1.gz", kv_line),
    ]
    for offset, (name, make) in enumerate(writers):
        rng = random.Random(seed + offset)
        people = SyntheticPeople(seed + 100 + offset)
        content = "".join(make(rng, people, i) + "\n" for i in range(lines))
        if name.endswith(".gz"):
            with gzip.open(folder / name, "wt", encoding="utf-8") as handle:
                handle.write(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")


# -- S3 -----------------------------------------------------------------------------------------

S3_GOLD: Final[Gold] = {
    ("exports/kunder.csv", "kund_id"): frozenset(),
    ("exports/kunder.csv", "namn"): frozenset({P}),
    ("exports/kunder.csv", "epost"): frozenset({E}),
    ("exports/kunder.csv", "telefon"): frozenset({PH}),
    ("exports/kunder.csv", "postnummer"): frozenset({PC}),
    ("exports/kunder.csv", "ort"): frozenset({LOC}),
    ("exports/kunder.csv", "ordersumma"): frozenset(),
    ("exports/kunder.csv", "senaste_order"): frozenset(),
    **{("exports/orders.jsonl", f): frozenset() for f in (
        "order_id", "created", "total", "items[].sku", "items[].ean", "items[].qty",
        "items[].price",
    )},
    ("exports/orders.jsonl", "customer.name"): frozenset({P}),
    ("exports/orders.jsonl", "customer.email"): frozenset({E}),
    ("exports/orders.jsonl", "customer.phone"): frozenset({PH}),
    ("exports/orders.jsonl", "shipping.street"): frozenset({ST}),
    ("exports/orders.jsonl", "shipping.postal_code"): frozenset({PC}),
    ("exports/orders.jsonl", "shipping.city"): frozenset({LOC}),
    ("exports/README.txt", None): frozenset(),
}  # fmt: skip

README_LINES: Final = (
    "Export format v2.1.0.3",
    "Columns: kund_id, namn, epost, telefon, postnummer, ort, ordersumma, senaste_order",
    "Generated nightly at 02:00 UTC by exporter 10.2.0.1 on host batch-03.",
    "Rows: {rows}; checksum sha1 {sha}",
    "SKU reference list: SKU-48213-BL, SKU-10442-RD; EAN {ean}",
    "Retention: 90 days, then the object is deleted by the lifecycle rule.",
    "Questions go to the data platform team.",
)


def put_objects(endpoint: str, bucket: str, rows: int, seed: int) -> None:
    import boto3

    rng = random.Random(seed)
    people = SyntheticPeople(seed + 7)
    s3 = boto3.session.Session().client("s3", endpoint_url=endpoint, region_name="eu-north-1")
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    csv_lines = ["kund_id,namn,epost,telefon,postnummer,ort,ordersumma,senaste_order"]
    for i in range(rows):
        p = people.person()
        csv_lines.append(
            f"{i + 1},{p.name},{p.email},{p.phone},{p.postal_code},{p.town},"
            f"{amount(rng)},{moment(rng):%Y-%m-%d %H:%M:%S}"
        )
    s3.put_object(Bucket=bucket, Key="exports/kunder.csv", Body="\n".join(csv_lines).encode())
    json_lines = []
    for i in range(rows):
        p = people.person()
        json_lines.append(
            json.dumps(
                {
                    "order_id": f"ORD-2024-{i:06d}",
                    "created": f"{moment(rng):%Y-%m-%dT%H:%M:%S}Z",
                    "customer": {"name": p.name, "email": p.email, "phone": p.phone},
                    "shipping": {"street": p.street, "postal_code": p.postal_code, "city": p.town},
                    "items": [
                        {
                            "sku": f"SKU-{rng.randrange(10000, 99999)}",
                            "ean": ean13(rng),
                            "qty": rng.randrange(1, 4),
                            "price": str(amount(rng)),
                        }
                        for _ in range(rng.randrange(1, 4))
                    ],
                    "total": str(amount(rng)),
                },
                ensure_ascii=False,
            )
        )
    s3.put_object(Bucket=bucket, Key="exports/orders.jsonl", Body="\n".join(json_lines).encode())
    readme = "\n".join(
        line.format(rows=rows, sha=hashlib.sha1(b"x").hexdigest(), ean=ean13(rng))
        for line in README_LINES
    )
    s3.put_object(Bucket=bucket, Key="exports/README.txt", Body=readme.encode())


# -- scoring ------------------------------------------------------------------------------------


@dataclass
class StoreScore:
    store: str
    fields: int = 0
    decoy_fields: int = 0
    total: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    decoys_flagged: list[str] = field(default_factory=list)
    errors: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)
    predicted: dict[tuple[str, str | None], frozenset[str]] = field(default_factory=dict)
    details: dict[tuple[str, str | None], tuple[tuple[str, int, int, float], ...]] = field(
        default_factory=dict
    )
    seconds: float = 0.0
    issues: int = 0


def short_container(store: str, name: str) -> str:
    if store in DB_KINDS:
        return name.rsplit(".", 1)[-1]
    if store == "logs":
        return Path(name).name
    return name


def score(
    store: str, gold: Gold, findings: Sequence[Any], seen: set[tuple[str, str | None]]
) -> StoreScore:
    result = StoreScore(store)
    found: dict[tuple[str, str | None], dict[str, Any]] = defaultdict(dict)
    for f in findings:
        found[(short_container(store, f.container), f.field)][f.entity_type] = f
    keys = sorted(set(gold) | seen | set(found), key=lambda k: (k[0], k[1] or ""))
    for key in keys:
        truth = gold.get(key)
        where = f"{key[0]}:{key[1] or TEXT}"
        if truth is None:
            result.unlabelled.append(where)
            truth = frozenset()
        predicted = frozenset(found.get(key, {}))
        result.predicted[key] = predicted
        result.details[key] = tuple(
            (t, f.count, f.sampled, f.confidence) for t, f in sorted(found.get(key, {}).items())
        )
        result.fields += 1
        result.decoy_fields += not truth
        if not truth and predicted:
            result.decoys_flagged.append(f"{where} -> {', '.join(sorted(predicted))}")
        for entity_type in truth | predicted:
            counts = result.per_type[entity_type]
            if entity_type in truth and entity_type in predicted:
                counts.tp += 1
                result.total.tp += 1
            elif entity_type in predicted:
                counts.fp += 1
                result.total.fp += 1
                f = found[key][entity_type]
                detail = f"{f.count}/{f.sampled} values, conf {f.confidence:.2f}, e.g. "
                detail += " ".join(f.previews[:2])
                result.errors.append(("FP", key[0], key[1] or TEXT, entity_type, detail))
            else:
                counts.fn += 1
                result.total.fn += 1
                instead = ", ".join(sorted(predicted)) or "nothing"
                result.errors.append(("FN", key[0], key[1] or TEXT, entity_type, f"got {instead}"))
    return result


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


# -- running ------------------------------------------------------------------------------------


def write_config(folder: Path, urls: dict[str, str], logs: Path, endpoint: str | None) -> Path:
    lines = ["sources:"]
    for kind, url in urls.items():
        lines.append(f"  - {{name: {kind}, type: sql, url: '{url}'}}")
    lines.append(f"  - {{name: logs, type: logs, paths: ['{logs}/*']}}")
    if endpoint is not None:
        lines.append(
            f"  - {{name: s3, type: s3, bucket: pdmap-estate, endpoint_url: '{endpoint}',"
            " region: eu-north-1}"
        )
    path = folder / "pdmap.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(args: argparse.Namespace) -> int:
    for name in ("tldextract", "presidio-analyzer", "presidio_analyzer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from datamap.catalog import open_catalog
    from pdmap.config import load_config
    from scanner.engine import DetectionEngine

    folder = Path(tempfile.mkdtemp(prefix="pdmap-estate-"))
    try:
        started = time.perf_counter()
        estate = build_sql_estate(args.rows_scale, args.seed)
        log_lines = max(100, int(8000 * args.rows_scale))
        write_logs(folder / "logs", log_lines, args.seed)
        rows = sum(len(r) for r in estate.rows.values())
        print(
            f"generated {len(estate.rows)} tables ({rows} rows), 4 logs x {log_lines} lines"
            f" in {time.perf_counter() - started:.1f} s"
        )
        with ExitStack() as stack:
            urls: dict[str, str] = {}
            for kind in args.dbs:
                url = stack.enter_context(temp_database(kind, folder, "estate"))
                seconds = load_database(url, estate)
                urls[kind] = url
                print(f"loaded {kind} in {seconds:.1f} s")
            endpoint = None
            if not args.no_s3:
                endpoint = stack.enter_context(moto_server(folder))
                put_objects(
                    endpoint, "pdmap-estate", max(50, int(2000 * args.rows_scale)), args.seed
                )
            config = load_config(write_config(folder, urls, folder / "logs", endpoint))
            catalog = open_catalog(config.catalog_url())
            load_started = time.perf_counter()
            engine = DetectionEngine.load()
            print(f"engine loaded (full, NER) in {time.perf_counter() - load_started:.1f} s\n")

            stores = [*args.dbs, "logs"] + ([] if args.no_s3 else ["s3"])
            golds = {**dict.fromkeys(args.dbs, estate.gold), "logs": LOG_GOLD, "s3": S3_GOLD}
            scores = {s: scan_store(config, catalog, engine, s, golds[s]) for s in stores}
            catalog.close()
        report(scores, args.dbs, estate.gold)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def scan_store(config: Any, catalog: Any, engine: Any, store: str, gold: Gold) -> StoreScore:
    """Scan one source (``--full``) and score its findings against ``gold``."""
    from datamap.catalog import ContainerResult
    from pdmap.scan import run_scan

    seen: set[tuple[str, str | None]] = set()

    def collect(result: ContainerResult) -> None:
        container = short_container(store, result.container)
        seen.update((container, name) for name, _ in result.fields)
        seen.update((container, f.field) for f in result.findings)

    began = time.perf_counter()
    summary = run_scan(
        config, catalog, KEY, source=store, full=True,
        engine_factory=lambda: engine, on_container=collect,
    )  # fmt: skip
    elapsed = time.perf_counter() - began
    result = score(store, gold, catalog.findings(store), seen)
    result.seconds = elapsed
    result.issues = summary.issues
    return result


def report(scores: dict[str, StoreScore], dbs: Sequence[str], gold: Gold) -> None:
    rows: list[list[object]] = []
    for s in scores.values():
        c = s.total
        rows.append([
            s.store, s.fields, s.decoy_fields, c.tp + c.fn, c.tp, c.fp, c.fn, c.precision,
            c.recall, c.f1, len(s.decoys_flagged), s.issues, round(s.seconds, 1),
        ])  # fmt: skip
    print("Per store (field level; a field counts once per entity type)")
    print(
        format_table(
            ["store", "fields", "decoys", "gold", "TP", "FP", "FN", "P", "R", "F1",
             "decoys flagged", "issues", "scan s"],
            rows,
        )
    )  # fmt: skip

    print("\nEstate totals (one database + logs + S3); target F1 >= 0.95, 0 decoys flagged")
    rows = []
    others = [s for name, s in scores.items() if name not in DB_KINDS]
    for db in dbs:
        total = Counts()
        flagged = len(scores[db].decoys_flagged)
        seconds = scores[db].seconds
        for part in (scores[db], *others):
            if part is not scores[db]:
                flagged += len(part.decoys_flagged)
                seconds += part.seconds
            total.add(part.total)
        meets = (total.f1 or 0) >= 0.95 and flagged == 0
        rows.append([
            "+".join([db, *(s.store for s in others)]), total.tp, total.fp, total.fn,
            total.precision,
            total.recall, total.f1, flagged, round(seconds, 1),
            "yes" if meets else "NO",
        ])  # fmt: skip
    print(
        format_table(
            ["estate", "TP", "FP", "FN", "P", "R", "F1", "decoys flagged", "scan s", "meets"],
            rows,
        )
    )

    print("\nPer entity type: F1 (TP/FP/FN)")
    types = sorted({t for s in scores.values() for t in s.per_type})
    rows = []
    for entity_type in types:
        row: list[object] = [entity_type]
        for s in scores.values():
            counts = s.per_type.get(entity_type)
            row.append(
                "" if counts is None else f"{fmt(counts.f1)} ({counts.tp}/{counts.fp}/{counts.fn})"
            )
        rows.append(row)
    print(format_table(["entity type", *scores], rows))

    if len(dbs) > 1:
        compare_databases(scores, dbs, gold)

    print("\nDecoy fields flagged (target: none)")
    decoys = [[s.store, d] for s in scores.values() for d in s.decoys_flagged]
    print(format_table(["store", "field -> types"], decoys) if decoys else "none")

    print("\nEvery FP and FN")
    errors = [[s.store, *e] for s in scores.values() for e in s.errors]
    print(
        format_table(["store", "kind", "container", "field", "entity type", "detail"], errors)
        if errors
        else "none"
    )
    unlabelled = [[s.store, u] for s in scores.values() for u in s.unlabelled]
    if unlabelled:
        print("\nFields without a gold label (scored as decoys)")
        print(format_table(["store", "field"], unlabelled))


def compare_databases(scores: dict[str, StoreScore], dbs: Sequence[str], gold: Gold) -> None:
    """The SQL fields whose result differs from gold or between databases."""
    print("\nSQL fields where a database differs from gold or another (+ extra, - missing)")
    keys = sorted({k for db in dbs for k in scores[db].predicted}, key=lambda k: (k[0], k[1] or ""))
    rows = []
    identical = 0
    for key in keys:
        results = [scores[db].predicted.get(key, frozenset()) for db in dbs]
        if len(set(results)) == 1 and results[0] == gold.get(key, frozenset()):
            identical += 1
            continue
        truth = gold.get(key, frozenset())
        rows.append([f"{key[0]}.{key[1]}", show(truth), *(diff(truth, r) for r in results)])
    if rows:
        print(format_table(["field", "gold", *dbs], rows))
    differing = sum(
        1 for key in keys if len({scores[db].predicted.get(key, frozenset()) for db in dbs}) > 1
    )
    print(
        f"{identical} of {len(keys)} SQL fields identical and correct on {', '.join(dbs)};"
        f" {differing} differ between databases in entity types"
    )
    rows = []
    for key in keys:
        details = [scores[db].details.get(key, ()) for db in dbs]
        if len(set(details)) > 1:
            rows.append([f"{key[0]}.{key[1]}", *(show_details(d) for d in details)])
    print(
        f"{len(rows)} SQL fields differ between databases in count/sampled/confidence"
        + (":" if rows else "")
    )
    if rows:
        print(format_table(["field", *dbs], rows))


def show_details(details: tuple[tuple[str, int, int, float], ...]) -> str:
    return "; ".join(f"{t} {c}/{n} {conf:.2f}" for t, c, n, conf in details) or "-"


def diff(truth: frozenset[str], predicted: frozenset[str]) -> str:
    changes = [f"+{t}" for t in sorted(predicted - truth)] + [
        f"-{t}" for t in sorted(truth - predicted)
    ]
    return " ".join(changes) or "= gold"


def show(types: frozenset[str]) -> str:
    return ",".join(sorted(types)) or "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dbs", nargs="+", choices=DB_KINDS, default=list(DB_KINDS))
    parser.add_argument("--rows-scale", type=float, default=1.0, help="x the default row counts")
    parser.add_argument("--seed", type=int, default=20241001)
    parser.add_argument("--no-s3", action="store_true", help="leave S3 (moto) out")
    args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())

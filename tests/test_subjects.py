"""Subject resolution on a scanned estate (SQLite, PostgreSQL, MariaDB, plus logs): the
person's rows by index, linked identifiers and foreign keys, and never anyone else's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
)

from datamap.catalog import ContainerResult, IdentifierEntry, open_catalog
from datamap.subjects import (
    IdentifierError,
    Resolution,
    SubjectResolver,
    parse_identifier,
)
from pdmap.config import load_config
from pdmap.scan import run_scan
from pdmap.subject import resolver_for
from scanner.engine import DetectionEngine
from scanner.fingerprint import Fingerprinter
from tests.conftest import skatteverket_numbers

KEY = b"r" * 32
PNRS = [n for n in skatteverket_numbers() if "1940" <= n[:4] < "2000"][:6]
# Fictional numbers (PTS reserves 070-174 06 05 .. 99 for films and examples).
PHONES = [f"070-174 06 {n:02d}" for n in range(5, 11)]
SWITCHBOARD = "070-174 06 99"


def people() -> list[dict[str, str]]:
    return [
        {
            "name": f"Person {i}",
            "email": f"person{i}@exempel.se",
            "pnr": PNRS[i],
            "phone": PHONES[i],
        }
        for i in range(4)
    ]


def build_estate(url: str, logs: Path) -> None:
    meta = MetaData()
    addresses = Table(
        "addresses", meta,
        Column("id", Integer, primary_key=True), Column("street", String(80)),
    )  # fmt: skip
    customers = Table(
        "customers", meta,
        Column("id", Integer, primary_key=True), Column("name", String(40)),
        Column("email", String(80)), Column("pnr", String(13)), Column("phone", String(20)),
        Column("address_id", Integer, ForeignKey("addresses.id")),
    )  # fmt: skip
    orders = Table(
        "orders", meta,
        Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customers.id")), Column("sku", String(20)),
    )  # fmt: skip
    items = Table(
        "order_items", meta,
        Column("id", Integer, primary_key=True),
        Column("order_id", Integer, ForeignKey("orders.id")), Column("qty", Integer),
    )  # fmt: skip
    tickets = Table(
        "tickets", meta, Column("id", Integer, primary_key=True), Column("body", Text),
    )  # fmt: skip
    logins = Table(
        "logins", meta, Column("id", Integer, primary_key=True),
        Column("customer_id", Integer, ForeignKey("customers.id")), Column("ip", String(45)),
    )  # fmt: skip
    engine = create_engine(url)
    meta.create_all(engine)
    ps = people()
    with engine.begin() as conn:
        # persons 0 and 1 have their own address; 2 and 3 share one (not followed)
        conn.execute(insert(addresses), [{"id": i, "street": f"Storgatan {i}"} for i in (1, 2, 3)])
        conn.execute(
            insert(customers),
            [
                {"id": i + 1, "name": p["name"], "email": p["email"], "pnr": p["pnr"],
                 "phone": SWITCHBOARD if i in (2, 3) else p["phone"],
                 "address_id": (1, 2, 3, 3)[i]}
                for i, p in enumerate(ps)
            ],
        )  # fmt: skip
        conn.execute(
            insert(orders),
            [{"id": 10 * (i + 1) + k, "customer_id": i + 1, "sku": f"SKU-{k}"}
             for i in range(4) for k in range(2)],
        )  # fmt: skip
        conn.execute(
            insert(items),
            [{"id": 100 + n, "order_id": 10 * (n // 2 + 1) + n % 2, "qty": 1} for n in range(8)],
        )
        conn.execute(
            insert(tickets),
            [
                {"id": 1, "body": f"Kund {ps[0]['email']} ringde om sin order."},
                # one ticket about two people: a location of each, a link between none
                {"id": 2, "body": f"{ps[0]['email']} och {ps[1]['email']} delar konto."},
            ],
        )
        # person 0 logs in from their own address; persons 1 and 2 from one office address
        conn.execute(
            insert(logins),
            [
                {"id": 1, "customer_id": 1, "ip": "198.51.100.7"},
                {"id": 2, "customer_id": 2, "ip": "203.0.113.9"},
                {"id": 3, "customer_id": 3, "ip": "203.0.113.9"},
            ],
        )
    engine.dispose()
    logs.mkdir()
    access = [
        '198.51.100.7 - - [01/Oct/2024:12:00:00 +0200] "GET /konto HTTP/1.1" 200 512',
        '203.0.113.9 - - [01/Oct/2024:12:00:01 +0200] "GET /konto HTTP/1.1" 200 512',
        '192.0.2.200 - - [01/Oct/2024:12:00:02 +0200] "GET / HTTP/1.1" 200 512',
    ]
    (logs / "access.log").write_text("\n".join(access) + "\n", encoding="utf-8")
    lines = [
        {"event": "login", "user": {"email": ps[0]["email"].upper()}},  # line 1
        {"event": "kyc", "user": {"pnr": ps[0]["pnr"][2:8] + "-" + ps[0]["pnr"][8:]}},  # line 2
        {"event": "sms", "to": ps[0]["phone"].replace(" ", "")},  # 3: linked via the phone
        {"event": "sms", "to": SWITCHBOARD},  # 4: the shared number: nobody's alone
        {"event": "login", "user": {"email": ps[1]["email"]}},  # 5
    ]
    (logs / "app.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )


@pytest.fixture
def estate(tmp_path: Path, database_url: str, pattern_engine: DetectionEngine) -> Path:
    build_estate(database_url, tmp_path / "logs")
    config = tmp_path / "pdmap.yaml"
    config.write_text(
        f"sources:\n  - {{name: crm, type: sql, url: '{database_url}', system: CRM}}\n"
        "  - {name: app, type: logs, paths: ['logs/*.jsonl', 'logs/*.log'],"
        " quasi_identifiers: true}\n",
        encoding="utf-8",
    )
    cfg = load_config(config)
    catalog = open_catalog(cfg.catalog_url())
    summary = run_scan(cfg, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert summary.issues == 0
    catalog.close()
    return config


def resolve(config: Path, identifier: str) -> Resolution:
    cfg = load_config(config)
    catalog = open_catalog(cfg.catalog_url())
    try:
        with resolver_for(cfg, catalog, KEY) as resolver:
            return resolver.resolve(parse_identifier(identifier))
    finally:
        catalog.close()


def places(resolution: Resolution) -> set[tuple[str, str, str]]:
    return {
        (loc.container.rsplit(".", 1)[-1] if loc.source == "crm"
         else loc.container.rsplit("/", 1)[-1],
         json.dumps(loc.record, sort_keys=True), loc.field or "")
        for loc in resolution.locations
    }  # fmt: skip


def test_locate_follows_index_links_and_foreign_keys(estate: Path) -> None:
    p = people()[0]
    found = resolve(estate, f"email:{p['email'].upper()}")
    records = {(c, r) for c, r, _ in places(found)}
    assert records == {
        ("customers", '{"id": 1}'),
        ("orders", '{"id": 10}'), ("orders", '{"id": 11}'),  # rows referencing the person's
        ("order_items", '{"id": 100}'), ("order_items", '{"id": 101}'),  # and theirs
        ("addresses", '{"id": 1}'),  # referenced by the person's row alone
        ("tickets", '{"id": 1}'), ("tickets", '{"id": 2}'),  # the shared ticket: a location
        ("app.jsonl", '{"line": 1}'), ("app.jsonl", '{"line": 2}'), ("app.jsonl", '{"line": 3}'),
        ("logins", '{"id": 1}'),  # references the person's row
        ("access.log", '{"line": 1}'),  # the login row's IP address: a quasi-identifier
    }  # fmt: skip
    by_record = {(loc.container.rsplit(".", 1)[-1], loc.field): loc for loc in found.locations}
    assert by_record[("customers", "email")].confidence == 1.0
    assert (
        by_record[("orders", "customer_id")].via == "foreign key orders.customer_id -> customers.id"
    )
    assert "contact" in by_record[("customers", "email")].categories
    line2 = next(loc for loc in found.locations if loc.record == {"line": 2})
    assert line2.confidence < 1.0
    assert "linked personnummer" in line2.via
    assert {i.entity_type for i in found.identifiers} == {"SE_PERSONNUMMER", "PHONE_NUMBER"}
    assert found.unreachable == []
    # nothing of anyone else: not person 1's log line, not the switchboard line
    assert ("app.jsonl", '{"line": 5}') not in records
    assert ("app.jsonl", '{"line": 4}') not in records
    quasi = next(loc for loc in found.locations if loc.container.endswith("access.log"))
    assert quasi.confidence == 0.6
    assert quasi.via == "quasi-identifier: an IP address of the person's record in logins id=1"
    # person 1 shares the office address with person 2: their access line is not followed
    office = resolve(estate, f"email:{people()[1]['email']}")
    assert not any(loc.container.endswith("access.log") for loc in office.locations)
    assert any("IP address" in w for w in office.warnings)


@pytest.mark.parametrize(
    "form",
    [lambda p: p[:8] + "-" + p[8:], lambda p: p[2:8] + "-" + p[8:], lambda p: p, lambda p: p[2:]],
)
def test_personnummer_in_any_written_form_finds_the_same(estate: Path, form: Any) -> None:
    p = people()[0]
    by_email = places(resolve(estate, f"email:{p['email']}"))
    by_pnr = places(resolve(estate, f"personnummer:{form(p['pnr'])}"))
    assert {(c, r) for c, r, _ in by_pnr} == {(c, r) for c, r, _ in by_email}


def test_phone_forms_and_shared_numbers(estate: Path) -> None:
    p = people()[0]
    a = places(resolve(estate, f"phone:{p['phone']}"))
    b = places(resolve(estate, "phone:+46" + p["phone"][1:].replace(" ", "").replace("-", "")))
    assert a == b
    assert ("customers", '{"id": 1}', "phone") in a
    # The switchboard is on persons 2 and 3's rows: both rows are where the number is, but it
    # links neither person's other data to the other.
    shared = resolve(estate, f"phone:{SWITCHBOARD}")
    records = {(c, r) for c, r, _ in places(shared)}
    assert ("customers", '{"id": 3}') in records
    assert ("customers", '{"id": 4}') in records
    assert shared.identifiers == []
    assert any("shared" in w for w in shared.warnings)
    # Person 2 found by e-mail: the switchboard is not followed, so person 3 never appears.
    person2 = {(c, r) for c, r, _ in places(resolve(estate, f"email:{people()[2]['email']}"))}
    assert ("customers", '{"id": 4}') not in person2
    assert ("customers", '{"id": 3}') in person2
    assert ("addresses", '{"id": 3}') not in person2  # shared by two customers


def test_two_people_in_one_ticket_are_not_merged(estate: Path) -> None:
    found = resolve(estate, f"email:{people()[1]['email']}")
    records = {(c, r) for c, r, _ in places(found)}
    assert ("tickets", '{"id": 2}') in records
    assert ("customers", '{"id": 1}') not in records
    assert ("tickets", '{"id": 1}') not in records


def test_unknown_and_malformed_identifiers(estate: Path) -> None:
    assert resolve(estate, "email:nobody@exempel.se").locations == []
    for bad in ("personnummer:19811218-9875", "email:not-an-address", "fax:123", "phone:12"):
        with pytest.raises(IdentifierError):
            parse_identifier(bad)


def test_a_vanished_source_keeps_the_index_results(estate: Path, database_url: str) -> None:
    text = estate.read_text(encoding="utf-8")
    gone = "postgresql+psycopg://nobody@127.0.0.1:1/gone?connect_timeout=2"
    estate.write_text(text.replace(database_url, gone), encoding="utf-8")
    found = resolve(estate, f"email:{people()[0]['email']}")
    records = {(c, r) for c, r, _ in places(found)}
    assert ("customers", '{"id": 1}') in records  # from the index
    assert ("app.jsonl", '{"line": 3}') in records
    assert ("orders", '{"id": 10}') not in records  # needs the live source
    assert found.unreachable == ["crm"]
    assert any("crm: not reachable" in w for w in found.warnings)


# -- property: never merges two people through a shared value ---------------------------------

FP = Fingerprinter(KEY)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 5),  # whose record
            st.booleans(), st.booleans(),  # holds their e-mail / personnummer
            st.integers(0, 2),  # phone: 0 none, 1 own, 2 the shared one
            st.integers(-1, 5),  # another person's e-mail in the record too (-1: none)
        ),
        min_size=1, max_size=25,
    )
)  # fmt: skip
def test_resolution_never_reaches_records_of_only_someone_else(
    records: list[tuple[int, bool, bool, int, int]],
) -> None:
    catalog = open_catalog("sqlite://")  # in memory
    catalog.upsert_source("s", "sql", None, "x")
    entries: list[IdentifierEntry] = []
    owners: dict[int, set[int]] = {}
    # Sharing must be visible in the data to be respected: another person's e-mail comes
    # beside the owner's own (a two-person record), the switchboard beside the owner's e-mail
    # or personnummer (so two users of it show as two people).
    records = [
        (who, email, pnr, 0 if phone == 2 and not (email or pnr) else phone,
         other if email and other != who else -1)
        for who, email, pnr, phone, other in records
    ]  # fmt: skip
    for row, (who, email, pnr, phone, other) in enumerate(records):
        ids = [("EMAIL_ADDRESS", f"p{who}@x.se")] if email else []
        ids += [("SE_PERSONNUMMER", PNRS[who])] if pnr else []
        ids += [("PHONE_NUMBER", f"+4670174060{who}")] if phone == 1 else []
        ids += [("PHONE_NUMBER", "+46701740699")] if phone == 2 else []
        ids += [("EMAIL_ADDRESS", f"p{other}@x.se")] if other >= 0 else []
        owners[row] = {who} | ({other} if other >= 0 else set())
        entries += [
            IdentifierEntry(FP.fingerprint_normalised(t, v), t, t.lower(), {"id": row})
            for t, v in ids
        ]
    result = ContainerResult("s", "t", "table", primary_key=("id",), identifiers=entries)
    catalog.save(catalog.start_run(False), result)
    resolver = SubjectResolver(catalog, FP)
    for person in range(6):
        found = resolver.resolve(parse_identifier(f"personnummer:{PNRS[person]}"))
        for loc in found.locations:
            row = loc.record["id"]
            # every record returned holds an identifier of this person...
            assert person in owners[row], (person, row, loc.via)
        # ...and every record holding their personnummer is returned
        holding = {r for r, rec in enumerate(records) if rec[0] == person and rec[2]}
        assert holding <= {loc.record["id"] for loc in found.locations}
    catalog.close()


def test_export_reads_the_data_groups_it_and_hides_bystanders(estate: Path) -> None:
    from datamap.export import BystanderRedactor, build_export
    from datamap.policy import load_policy
    from pdmap.subject import read_records
    from scanner.identifiers import IdentifierExtractor

    p, other = people()[0], people()[1]
    cfg = load_config(estate)
    catalog = open_catalog(cfg.catalog_url())
    try:
        policy = load_policy(cfg.policy, cfg.base_dir)
        with resolver_for(cfg, catalog, KEY) as resolver:
            found = resolver.resolve(parse_identifier(f"email:{p['email']}"))
        records, problems = read_records(cfg, found.locations)
        redact = BystanderRedactor(IdentifierExtractor(), Fingerprinter(KEY), found.fingerprints)
        doc = build_export(found, records, policy, catalog.findings(), redact, {"crm": "CRM"})
    finally:
        catalog.close()
    assert problems == []
    assert doc["not_read"] == []
    text = json.dumps(doc, ensure_ascii=False)
    assert other["email"] not in text  # the shared ticket's other person
    assert "[another person's e-mail]" in text
    values = {(d["field"], str(d["value"])) for d in doc["data"]["identification"]}
    assert ("email", p["email"]) in values
    assert ("pnr", p["pnr"]) in values
    assert (("phone", p["phone"])) in {(d["field"], d["value"]) for d in doc["data"]["contact"]}
    customer = next(r for r in doc["records"] if r["container"].endswith("customers"))
    assert customer["fields"]["name"] == "Person 0"
    orders = [r for r in doc["records"] if r["container"].endswith("orders")]
    assert sorted(r["fields"]["sku"] for r in orders) == ["SKU-0", "SKU-1"]
    info = doc["information"]
    assert set(info) >= {
        "a_purposes", "b_categories", "c_recipients", "d_retention", "e_rights",
        "f_complaint", "g_source", "h_automated_decisions",
    }  # fmt: skip
    assert "imy.se" in json.dumps(info["f_complaint"])
    assert {r["container"].rsplit(".", 1)[-1] for r in info["d_retention"]} >= {"customers"}
    assert info["g_source"]["systems"] == ["CRM"]


def test_rectification_and_restriction_plans(estate: Path) -> None:
    from datamap.policy import load_policy
    from datamap.rights import rectification_plan, restriction_plan

    cfg = load_config(estate)
    catalog = open_catalog(cfg.catalog_url())
    policy = load_policy(None, cfg.base_dir)
    try:
        with resolver_for(cfg, catalog, KEY) as resolver:
            found = resolver.resolve(parse_identifier(f"email:{people()[0]['email']}"))
        findings = catalog.findings()
    finally:
        catalog.close()
    plan = rectification_plan(found, "PHONE_NUMBER", findings, policy, {"crm": "CRM"})
    targets = {(s["container"].rsplit(".", 1)[-1], s["field"], s["action"]) for s in plan["steps"]}
    assert ("customers", "phone", "rectify") in targets
    assert all(s["field"] in ("phone", "to") for s in plan["steps"])
    assert people()[0]["phone"] not in json.dumps(plan)
    assert any(n["processor"] for n in plan["notify"])
    restrict = restriction_plan(found, findings, policy, {"crm": "CRM"})
    customers = next(s for s in restrict["steps"] if s["container"].endswith("customers"))
    assert {"identification", "contact"} <= set(customers["categories"])
    assert customers["stop_purposes"]
    assert customers["system"] == "CRM"


def test_erasure_plan_leaves_ip_linked_lines_for_review(estate: Path) -> None:
    from datamap.policy import load_policy
    from pdmap.subject import OpenConnectors, eraser_for

    cfg = load_config(estate)
    catalog = open_catalog(cfg.catalog_url())
    connectors = OpenConnectors(cfg)
    try:
        eraser = eraser_for(cfg, catalog, KEY, load_policy(None, cfg.base_dir), connectors)
        with eraser.resolver:
            plan = eraser.plan(
                eraser.resolver.resolve(parse_identifier(f"email:{people()[0]['email']}"))
            )
    finally:
        connectors.close()
        catalog.close()
    access = [s for s in plan.steps if s.container.endswith("access.log")]
    assert [s.action for s in access] == ["skip"]
    assert "IP address" in access[0].reason

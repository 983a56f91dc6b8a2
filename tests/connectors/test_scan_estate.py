"""`pdmap scan` over a mixed estate: SQLite, a log tree (with bad files) and S3 via moto."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from datamap.catalog import open_catalog
from pdmap.config import load_config
from pdmap.scan import run_scan
from scanner.engine import DetectionEngine
from scanner.fingerprint import Fingerprinter

KEY = b"e" * 32


def make_logs(root: Path) -> None:
    root.mkdir()
    access = [
        f'203.0.113.{i} - - [10/Oct/2024:13:55:{i:02d} +0200] "GET /konto HTTP/1.1" '
        f'200 {100 + i} "-" "curl/8"'
        for i in range(1, 21)
    ]
    (root / "access.log").write_text("\n".join(access) + "\n", encoding="utf-8")
    app = [
        json.dumps({"level": "info", "user": {"email": f"user{i}@exempel.se"}, "ms": i})
        for i in range(1, 21)
    ]
    (root / "app.jsonl").write_text("\n".join(app) + "\n", encoding="utf-8")
    kv = [
        f"2024-01-0{1 + i % 9} INFO login ok user=kv{i}@exempel.se latency_ms={i}"
        for i in range(20)
    ]
    with gzip.open(root / "auth.log.1.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(kv) + "\n")
    good = gzip.compress(("\n".join(kv) + "\n").encode())
    (root / "auth.log.2.gz").write_bytes(good[: len(good) // 2])  # truncated: corrupt
    (root / "blob.log").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)


def make_objects(s3: Any, bucket: str) -> None:
    rows = ["kund_id,epost,belopp"] + [f"{i},csv{i}@exempel.se,{i * 10}" for i in range(1, 21)]
    s3.put_object(Bucket=bucket, Key="exports/kunder.csv", Body="\n".join(rows).encode())
    lines = [
        json.dumps({"order": {"id": i, "contact": {"email": f"obj{i}@exempel.se"}}})
        for i in range(1, 21)
    ]
    s3.put_object(Bucket=bucket, Key="exports/orders.jsonl", Body="\n".join(lines).encode())
    s3.put_object(
        Bucket=bucket,
        Key="exports/readme.txt",
        Body=b"Export format v2.1.0.3\nColumns: id, sku, price\nGenerated nightly at 02:00.\n",
    )
    s3.put_object(
        Bucket=bucket, Key="exports/logo.png", Body=b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(200)
    )


def test_mixed_estate(
    tmp_path: Path, moto_endpoint: str, s3_admin: Any, bucket: str, pattern_engine: DetectionEngine
) -> None:
    db = tmp_path / "crm.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, sku TEXT)"))
        for i in range(1, 21):
            conn.execute(
                text("INSERT INTO customers VALUES (:i, :e, :s)"),
                {"i": i, "e": f"db{i}@exempel.se", "s": f"SKU-{i}"},
            )
    engine.dispose()
    make_logs(tmp_path / "logs")
    make_objects(s3_admin, bucket)
    config_path = tmp_path / "pdmap.yaml"
    config_path.write_text(
        "sources:\n"
        "  - {name: crm, type: sql, url: 'sqlite:///crm.db'}\n"
        "  - {name: applogs, type: logs, paths: ['logs/*.log', 'logs/*.gz', 'logs/*.jsonl']}\n"
        f"  - {{name: exports, type: s3, bucket: {bucket}, endpoint_url: '{moto_endpoint}',"
        " region: eu-north-1}\n",
        encoding="utf-8",
    )
    config = load_config(config_path)
    catalog = open_catalog(config.catalog_url())
    summary = run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)

    found = {(f.source, Path(f.container).name, f.field, f.entity_type) for f in catalog.findings()}
    assert ("crm", "customers", "email", "EMAIL_ADDRESS") in found
    assert ("applogs", "access.log", "client_ip", "IP_ADDRESS") in found
    assert ("applogs", "app.jsonl", "user.email", "EMAIL_ADDRESS") in found
    assert ("applogs", "auth.log.1.gz", "user", "EMAIL_ADDRESS") in found
    assert ("exports", "kunder.csv", "epost", "EMAIL_ADDRESS") in found
    assert ("exports", "orders.jsonl", "order.contact.email", "EMAIL_ADDRESS") in found
    assert not {f for f in found if f[1] in ("readme.txt", "logo.png", "blob.log")}  # decoys clean
    assert not {f for f in found if f[2] == "sku"}
    kinds = {(Path(i.container or "").name, i.kind) for i in catalog.issues()}
    assert ("auth.log.2.gz", "corrupt") in kinds
    assert ("blob.log", "binary") in kinds
    assert ("logo.png", "binary") in kinds
    assert summary.issues >= 3

    fp = Fingerprinter(KEY)

    def where(email: str) -> list[tuple[str, str, dict[str, Any]]]:
        hits = catalog.locate([fp.fingerprint("EMAIL_ADDRESS", email)])
        return [(src, Path(cont).name, loc) for src, cont, _, _, loc in hits]

    assert where("USER7@exempel.se") == [("applogs", "app.jsonl", {"line": 7})]
    assert where("csv3@exempel.se") == [("exports", "kunder.csv", {"line": 4})]  # header is line 1
    assert where("obj5@exempel.se") == [("exports", "orders.jsonl", {"line": 5})]
    assert where("db9@exempel.se") == [("crm", "customers", {"id": 9})]
    assert where("kv4@exempel.se") == [("applogs", "auth.log.1.gz", {"line": 5})]

    # an appended log resumes from its checkpoint; everything else is unchanged and skipped
    with (tmp_path / "logs" / "app.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"level": "info", "user": {"email": "late@exempel.se"}}) + "\n")
    again = run_scan(config, catalog, KEY, engine_factory=lambda: pattern_engine)
    assert again.scanned >= 1
    assert again.skipped >= 6
    assert where("late@exempel.se") == [("applogs", "app.jsonl", {"line": 21})]
    assert where("user7@exempel.se") == [("applogs", "app.jsonl", {"line": 7})]
    catalog.close()

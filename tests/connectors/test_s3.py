"""S3Connector over real HTTP against a moto server (see conftest.py), plus the content parsers.

Access denied is a genuine 403 from the server: moto enforces IAM when its auth is switched on
(``/moto-api/reset-auth``), and a user whose policy allows ListBucket but denies GetObject on
one key gets ``AccessDenied`` for that key.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectors import (
    Checkpoint,
    Connector,
    ContainerUnavailable,
    Record,
    S3Connector,
    S3Settings,
    ScanIssue,
    SourceUnavailable,
    StreamItem,
)
from connectors.flatten import flatten
from connectors.objectformats import ObjectLimits, parse_object
from tests.connectors.conftest import S3_REGION, unused_port

ROOT = Path(__file__).parents[2]
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 40


def connector(endpoint: str, bucket: str, **options: Any) -> S3Connector:
    return S3Connector(
        "exports", S3Settings(bucket, endpoint_url=endpoint, region=S3_REGION, **options)
    )


def put(s3: Any, bucket: str, key: str, body: bytes | str) -> str:
    """Store an object; its ETag without quotes."""
    data = body.encode() if isinstance(body, str) else body
    etag: str = s3.put_object(Bucket=bucket, Key=key, Body=data)["ETag"]
    return etag.strip('"')


def records(items: Iterable[StreamItem]) -> list[Record]:
    return [item for item in items if isinstance(item, Record)]


def issues(items: Iterable[StreamItem]) -> list[ScanIssue]:
    return [item for item in items if isinstance(item, ScanIssue)]


def lines_of(items: Iterable[StreamItem]) -> dict[int, dict[str | None, Any]]:
    return {r.locator["line"]: dict(r.values) for r in items if isinstance(r, Record)}


@pytest.fixture
def s3(moto_endpoint: str, bucket: str, s3_admin: Any) -> tuple[Any, S3Connector]:
    """(admin client, connector) over the test's bucket."""
    return s3_admin, connector(moto_endpoint, bucket)


# --- listing and the source ---------------------------------------------------------------


def test_import_and_constructor_do_no_io() -> None:
    code = (
        "import sys, connectors\n"
        "from connectors import S3Connector, S3Settings\n"
        "S3Connector('x', S3Settings('bucket', endpoint_url='http://127.0.0.1:9'))\n"
        "assert 'boto3' not in sys.modules and 'botocore' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_is_a_connector(s3: tuple[Any, S3Connector]) -> None:
    assert isinstance(s3[1], Connector)


@pytest.mark.parametrize(
    "options",
    [{"bucket": ""}, {"bucket": "a/b"}, {"bucket": "b", "max_line_bytes": 0}],
)
def test_settings_refuse_nonsense(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="S3Settings"):
        S3Settings(**options)


def test_containers_paginate(
    moto_endpoint: str, bucket: str, s3_admin: Any, caplog: pytest.LogCaptureFixture
) -> None:
    etags = {
        f"k/{i:03}.txt": put(s3_admin, bucket, f"k/{i:03}.txt", f"line {i}\n") for i in range(25)
    }
    caplog.set_level("INFO", logger="werkzeug")  # the server's request log
    with connector(moto_endpoint, bucket, page_size=10) as s3:
        found = list(s3.containers())
    assert [c.name for c in found] == sorted(etags)
    assert all(c.kind == "object" and c.version == etags[c.name] for c in found)
    assert found[0].size_estimate == len("line 0\n")
    requests = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert sum(f'"GET /{bucket}?list-type=2' in line for line in requests) == 3  # 10 + 10 + 5


def test_prefix_and_folder_markers(moto_endpoint: str, bucket: str, s3_admin: Any) -> None:
    for key in ("a/", "a/1.txt", "a/2.txt", "ab.txt", "b/3.txt"):
        put(s3_admin, bucket, key, "" if key.endswith("/") else "x\n")
    with connector(moto_endpoint, bucket, prefix="a/") as scoped:
        assert [c.name for c in scoped.containers()] == ["a/1.txt", "a/2.txt"]


def test_empty_bucket_has_no_containers(s3: tuple[Any, S3Connector]) -> None:
    assert list(s3[1].containers()) == []


def test_missing_bucket_is_source_unavailable(moto_endpoint: str) -> None:
    with (
        connector(moto_endpoint, "no-such-bucket-here") as s3,
        pytest.raises(SourceUnavailable, match="bucket 'no-such-bucket-here' does not exist"),
    ):
        list(s3.containers())


def test_connection_refused_is_source_unavailable() -> None:
    endpoint = f"http://127.0.0.1:{unused_port()}"
    s3 = connector(endpoint, "bucket", max_attempts=1, connect_timeout=2)
    with pytest.raises(SourceUnavailable, match=r"cannot connect to http://127\.0\.0\.1") as caught:
        list(s3.containers())
    assert "Traceback" not in str(caught.value)
    with pytest.raises(SourceUnavailable, match="cannot connect"):
        list(s3.stream("some/key.txt"))


def test_bad_endpoint_is_source_unavailable() -> None:
    with pytest.raises(SourceUnavailable, match="not a valid URL"):
        list(connector("not a url", "bucket").containers())


# --- formats ------------------------------------------------------------------------------


def test_csv_header_fields_and_line_numbers(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    body = (
        "namn;epost;telefon\n"
        "Anna Berg;anna@example.se;070-123 45 67\n"
        "\n"
        'Per Ek;"per@example.se";"rad ett\nrad två"\n'
        "Lisa Ek;lisa@example.se;;extra\n"
    )
    put(admin, conn.settings.bucket, "kunder.csv", body)
    items = list(conn.stream("kunder.csv"))
    found = lines_of(items)
    assert found == {
        2: {"namn": "Anna Berg", "epost": "anna@example.se", "telefon": "070-123 45 67"},
        4: {"namn": "Per Ek", "epost": "per@example.se", "telefon": "rad ett\nrad två"},
        6: {"namn": "Lisa Ek", "epost": "lisa@example.se", "column_4": "extra"},
    }
    assert issues(items) == []
    assert conn.read("kunder.csv", {"line": 4}) == Record({"line": 4}, found[4])
    assert conn.read("kunder.csv", {"line": 1}) is None  # the header is no record


def test_csv_sniffed_without_suffix_and_log_lines_stay_text(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    put(admin, conn.settings.bucket, "export", "id|email\n1|a@example.se\n2|b@example.se\n")
    put(admin, conn.settings.bucket, "app.out", "[2024-01-01 10:00] login a@example.se\n")
    assert lines_of(list(conn.stream("export")))[3] == {"id": "2", "email": "b@example.se"}
    assert lines_of(list(conn.stream("app.out"))) == {
        1: {None: "[2024-01-01 10:00] login a@example.se"}
    }


def test_json_array_one_record_per_element(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    people = [
        {"user": {"email": f"p{i}@example.se", "tags": ["a", None]}, "ok": True}
        for i in range(3000)
    ]
    put(admin, conn.settings.bucket, "people.json", json.dumps(people, indent=1))
    items = list(conn.stream("people.json"))
    found = lines_of(items)
    assert len(found) == 3000
    assert found[1] == {"user.email": "p0@example.se", "user.tags[]": "a", "ok": "true"}
    assert found[3000]["user.email"] == "p2999@example.se"
    assert issues(items) == []
    assert conn.read("people.json", {"line": 2}) == Record({"line": 2}, found[2])


def test_json_truncated_keeps_what_was_read(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    put(admin, conn.settings.bucket, "cut.json", '[{"a": "x"}, {"a": "y"}, {"a": "z"')
    items = list(conn.stream("cut.json"))
    assert lines_of(items) == {1: {"a": "x"}, 2: {"a": "y"}}
    assert [i.kind for i in issues(items)] == ["corrupt"]
    assert '"z"' not in issues(items)[0].message


def test_jsonl_flattened_with_dotted_paths(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    body = (
        '{"user": {"email": "a@example.se", "phone": "+46701234567"}, "n": 1}\n'
        '{"items": [{"email": "b@example.se"}, {"email": "c@example.se"}]}\n'
        "not json, still text\n"
    )
    put(admin, conn.settings.bucket, "events.jsonl", body)
    assert lines_of(list(conn.stream("events.jsonl"))) == {
        1: {"user.email": "a@example.se", "user.phone": "+46701234567", "n": "1"},
        2: {"items[].email": "b@example.se\nc@example.se"},
        3: {None: "not json, still text"},
    }


def test_gzipped_jsonl(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    lines = "".join(json.dumps({"user": {"email": f"u{i}@example.se"}}) + "\n" for i in range(5000))
    put(admin, conn.settings.bucket, "events.jsonl.gz", gzip.compress(lines.encode()))
    items = list(conn.stream("events.jsonl.gz"))
    found = lines_of(items)
    assert len(found) == 5000
    assert found[4321] == {"user.email": "u4320@example.se"}
    assert isinstance(items[-1], Checkpoint)


def test_plain_text_lines(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    put(admin, conn.settings.bucket, "notes.txt", "\ufeffHej Anna\r\n\nRing 070-123 45 67")
    assert lines_of(list(conn.stream("notes.txt"))) == {
        1: {None: "Hej Anna"},
        3: {None: "Ring 070-123 45 67"},
    }
    assert conn.read("notes.txt", {"line": 3}) == Record({"line": 3}, {None: "Ring 070-123 45 67"})
    assert conn.read("notes.txt", {"line": 2}) is None
    assert conn.read("notes.txt", {"line": 99}) is None
    with pytest.raises(ValueError, match="line"):
        conn.read("notes.txt", {"id": 3})


def test_binary_object_is_an_issue(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    etag = put(admin, conn.settings.bucket, "photo.txt", PNG)
    put(admin, conn.settings.bucket, "blob", bytes(range(256)) * 50)
    items = list(conn.stream("photo.txt"))
    assert [(type(i).__name__, getattr(i, "kind", None)) for i in items] == [
        ("ScanIssue", "binary"),
        ("Checkpoint", None),
    ]
    assert items[-1] == Checkpoint(etag)
    assert [i.kind for i in issues(list(conn.stream("blob")))] == ["binary"]


def test_oversized_object_is_not_read(
    moto_endpoint: str, bucket: str, s3_admin: Any, caplog: pytest.LogCaptureFixture
) -> None:
    put(s3_admin, bucket, "big.txt", "x" * 2000)
    small = connector(moto_endpoint, bucket, max_object_bytes=1000)
    caplog.set_level("INFO", logger="werkzeug")  # the server's request log
    items = list(small.stream("big.txt"))
    assert [i.kind for i in issues(items)] == ["oversized"]
    assert "2000 bytes" in issues(items)[0].message
    assert records(items) == []
    sampled = list(small.sample("big.txt", 10))
    assert [i.kind for i in sampled if isinstance(i, ScanIssue)] == ["oversized"]
    requests = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert sum(f'"HEAD /{bucket}/big.txt ' in line for line in requests) == 2
    assert not any(f'"GET /{bucket}/big.txt ' in line for line in requests)


def test_corrupt_and_truncated_gzip(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    text = "".join(f"rad {i} {uuid.UUID(int=i * 7919)}\n" for i in range(20000)).encode()
    packed = gzip.compress(text)
    put(admin, conn.settings.bucket, "cut.log.gz", packed[: len(packed) // 2])
    broken = bytearray(packed)
    broken[len(packed) // 2 : len(packed) // 2 + 64] = b"\xff" * 64
    put(admin, conn.settings.bucket, "broken.log.gz", bytes(broken))
    for key in ("cut.log.gz", "broken.log.gz"):
        items = list(conn.stream(key))
        found = lines_of(items)
        assert 0 < len(found) < 20000
        assert found[1] == {None: f"rad 0 {uuid.UUID(int=0)}"}
        assert [i.kind for i in issues(items)] == ["corrupt"]
        assert isinstance(items[-1], Checkpoint)


def test_invalid_utf8_is_an_issue_and_the_line_is_kept(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    body = b"Hej\n" + "Åsa Öberg\n".encode("latin-1") + b"Slut\n"
    put(admin, conn.settings.bucket, "latin1.txt", body)
    items = list(conn.stream("latin1.txt"))
    assert [(i.kind, dict(i.locator)) for i in issues(items)] == [("encoding", {"line": 2})]
    assert lines_of(items)[2] == {None: "\ufffdsa \ufffdberg"}
    assert "sa" not in issues(items)[0].message


def test_overlong_line_is_skipped_and_counted(
    moto_endpoint: str, bucket: str, s3_admin: Any
) -> None:
    put(s3_admin, bucket, "long.log", "kort\n" + "y" * 5000 + "\nefter\n")
    conn = connector(moto_endpoint, bucket, max_line_bytes=100)
    items = list(conn.stream("long.log"))
    assert [(i.kind, dict(i.locator)) for i in issues(items)] == [("oversized", {"line": 2})]
    assert lines_of(items) == {1: {None: "kort"}, 3: {None: "efter"}}


def test_issues_per_kind_are_capped(moto_endpoint: str, bucket: str, s3_admin: Any) -> None:
    put(s3_admin, bucket, "bad.txt", "Åsa Öberg\n".encode("latin-1") * 50)
    conn = connector(moto_endpoint, bucket, max_issues_per_kind=5)
    found = issues(list(conn.stream("bad.txt")))
    assert len(found) == 6
    assert found[-1].message.startswith("45 more encoding issues")


def test_empty_object(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    for key in ("empty.csv", "empty.parquet"):
        etag = put(admin, conn.settings.bucket, key, b"")
        assert list(conn.stream(key)) == [Checkpoint(etag)]


def test_parquet_rows(s3: tuple[Any, S3Connector]) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    admin, conn = s3
    table = pa.table(
        {
            "id": list(range(3000)),
            "contact": [{"email": f"p{i}@example.se", "phones": ["070"]} for i in range(3000)],
        }
    )
    sink = io.BytesIO()
    pq.write_table(table, sink, row_group_size=500)
    put(admin, conn.settings.bucket, "people.parquet", sink.getvalue())
    items = list(conn.stream("people.parquet"))
    found = lines_of(items)
    assert len(found) == 3000
    assert found[1] == {"id": "0", "contact.email": "p0@example.se", "contact.phones[]": "070"}
    assert issues(items) == []
    assert conn.read("people.parquet", {"line": 2500}) == Record({"line": 2500}, found[2500])


def test_parquet_without_pyarrow_is_unsupported(
    s3: tuple[Any, S3Connector], monkeypatch: pytest.MonkeyPatch
) -> None:
    admin, conn = s3
    put(admin, conn.settings.bucket, "t.parquet", b"PAR1" + b"\x15\x04" * 20 + b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    found = issues(list(conn.stream("t.parquet")))
    assert [i.kind for i in found] == ["unsupported"]
    assert "pdmap[parquet]" in found[0].message


# --- sampling, incremental reads, concurrent change, errors per object --------------------


def test_sample_is_bounded(moto_endpoint: str, bucket: str, s3_admin: Any) -> None:
    put(s3_admin, bucket, "many.txt", "".join(f"line {i}\n" for i in range(1, 100001)))
    conn = connector(moto_endpoint, bucket, sample_lines=50)
    assert [r.locator["line"] for r in conn.sample("many.txt", 10)] == list(range(1, 11))
    assert len(list(conn.sample("many.txt", 1000))) == 50
    assert list(conn.sample("many.txt", 0)) == []


def test_incremental_by_etag(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    etag = put(admin, conn.settings.bucket, "log.txt", "one\ntwo\n")
    (info,) = conn.containers()
    assert info.version == etag
    first = list(conn.stream("log.txt"))
    assert first[-1] == Checkpoint(etag)
    assert list(conn.stream("log.txt", start=etag)) == [Checkpoint(etag)]
    newer = put(admin, conn.settings.bucket, "log.txt", "one\ntwo\nthree\n")
    again = list(conn.stream("log.txt", start=etag))
    assert len(records(again)) == 3
    assert again[-1] == Checkpoint(newer)


def test_change_while_reading_is_an_issue(moto_endpoint: str, bucket: str, s3_admin: Any) -> None:
    put(s3_admin, bucket, "grow.txt", "".join(f"line {i}\n" for i in range(1, 50001)))
    conn = connector(moto_endpoint, bucket, sample_lines=100000)
    items = conn.sample("grow.txt", 100000)
    assert isinstance(next(items), Record)  # first window read (64 KiB)
    put(s3_admin, bucket, "grow.txt", "replaced\n")
    rest = list(items)
    assert [i.kind for i in rest if isinstance(i, ScanIssue)] == ["changed"]
    assert not any(isinstance(i, Checkpoint) for i in rest)


def test_deleted_after_listing_is_container_unavailable(s3: tuple[Any, S3Connector]) -> None:
    admin, conn = s3
    put(admin, conn.settings.bucket, "gone.txt", "x\n")
    assert [c.name for c in conn.containers()] == ["gone.txt"]
    admin.delete_object(Bucket=conn.settings.bucket, Key="gone.txt")
    with pytest.raises(ContainerUnavailable, match=r"'gone\.txt'.* is gone"):
        list(conn.stream("gone.txt"))
    with pytest.raises(ContainerUnavailable):
        conn.read("gone.txt", {"line": 1})


def _moto_auth(endpoint: str, initial_no_auth_actions: str) -> None:
    """Switch moto's IAM enforcement: "0" checks every request, "inf" none (its default)."""
    request = urllib.request.Request(
        f"{endpoint}/moto-api/reset-auth",
        data=initial_no_auth_actions.encode(),
        method="POST",
        headers={"Content-Type": "text/plain"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200


@contextlib.contextmanager
def iam_enforced(
    endpoint: str, monkeypatch: pytest.MonkeyPatch, statements: list[dict[str, str]]
) -> Iterator[None]:
    """IAM checked on every request; the environment's credentials are a user's with
    ``statements`` as its only policy."""
    import boto3

    iam = boto3.session.Session().client("iam", endpoint_url=endpoint, region_name=S3_REGION)
    user = f"scanner-{uuid.uuid4().hex[:8]}"
    iam.create_user(UserName=user)
    policy = json.dumps({"Version": "2012-10-17", "Statement": statements})
    iam.put_user_policy(UserName=user, PolicyName="scan", PolicyDocument=policy)
    key = iam.create_access_key(UserName=user)["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
    _moto_auth(endpoint, "0")
    try:
        yield
    finally:
        _moto_auth(endpoint, "inf")


def allow(action: str, resource: str) -> dict[str, str]:
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def test_access_denied_is_container_unavailable(
    moto_endpoint: str, bucket: str, s3_admin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(s3_admin, bucket, "open.txt", "ok\n")
    put(s3_admin, bucket, "secret.txt", "hemligt\n")
    statements = [
        allow("s3:ListBucket", f"arn:aws:s3:::{bucket}"),
        allow("s3:GetObject", f"arn:aws:s3:::{bucket}/*"),
        {"Effect": "Deny", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/secret*"},
    ]
    with iam_enforced(moto_endpoint, monkeypatch, statements):
        conn = connector(moto_endpoint, bucket)
        assert [c.name for c in conn.containers()] == ["open.txt", "secret.txt"]
        assert lines_of(conn.stream("open.txt")) == {1: {None: "ok"}}
        with pytest.raises(ContainerUnavailable, match="access denied") as caught:
            list(conn.stream("secret.txt"))
        assert "hemligt" not in str(caught.value)
        with pytest.raises(ContainerUnavailable, match="access denied"):
            list(conn.sample("secret.txt", 5))


def test_listing_denied_or_credentials_refused_are_source_unavailable(
    moto_endpoint: str, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with iam_enforced(moto_endpoint, monkeypatch, [allow("s3:GetObject", "*")]):
        with pytest.raises(SourceUnavailable, match="access denied listing bucket"):
            list(connector(moto_endpoint, bucket).containers())
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIANOSUCHKEY0000000")
        with pytest.raises(SourceUnavailable, match="refused the credentials"):
            list(connector(moto_endpoint, bucket).containers())


# --- the parsers on their own: chunk boundaries must not matter ---------------------------


def parse(key: str, data: bytes, chunk: int, **limits: Any) -> list[Record | ScanIssue]:
    pieces = [data[i : i + chunk] for i in range(0, len(data), chunk)]
    return list(parse_object(key, key, pieces, ObjectLimits(**limits)))


SAMPLES = {
    "a.txt": "Hej\nå ä ö\n\n€ end".encode(),
    "a.csv": b'x,y\n1,"two\nlines"\n3,4\n',
    "a.json": json.dumps([{"k": [1, {"e": "å"}]}, "s", 3.5, None, {"z": "x" * 300}]).encode(),
    "a.jsonl": b'{"a": {"b": 1}}\n[1, 2]\nnope\n',
}


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(sorted(SAMPLES)), chunk=st.integers(1, 64), gz=st.booleans())
def test_chunking_does_not_change_the_result(key: str, chunk: int, gz: bool) -> None:
    data = SAMPLES[key]
    expected = parse(key, data, len(data))
    packed = gzip.compress(data) if gz else data
    assert parse(key + (".gz" if gz else ""), packed, chunk) == expected
    assert expected
    assert not any(isinstance(i, ScanIssue) for i in expected)


def test_gzip_members_and_padding() -> None:
    data = gzip.compress(b"one\n") + gzip.compress(b"two\n") + b"\0" * 10
    assert [r.locator["line"] for r in parse("x.gz", data, 3)] == [1, 2]


def test_flatten_paths() -> None:
    assert flatten({"a": {"b": [{"c": 1}, [True, None, ""]]}, "d": b"\xff"}) == {
        "a.b[].c": "1",
        "a.b[][]": "true",
    }
    assert flatten([{"x": "y"}, {"x": "z"}]) == {"[].x": "y\nz"}
    assert flatten("bare") == {None: "bare"}
    deep: Any = "leaf"
    for _ in range(5000):
        deep = {"n": deep}
    assert flatten(deep) == {".".join(["n"] * 5000): "leaf"}


# --- rewriting (erasure) --------------------------------------------------------------------


def test_rewrite_edits_lines_keeps_gzip_and_checks_the_etag(
    s3: tuple[Any, S3Connector], bucket: str
) -> None:
    from connectors import ContainerChanged

    admin, conn = s3
    content = "id,email\n1,a@exempel.se\n2,b@exempel.se\n"
    etag = put(admin, bucket, "crm.csv.gz", gzip.compress(content.encode()))
    with pytest.raises(ContainerChanged):
        conn.rewrite("crm.csv.gz", {2: str.upper}, expected_version="not-the-etag")
    stats = conn.rewrite("crm.csv.gz", {2: lambda t: t.replace("a@exempel.se", "[erased]")}, etag)
    assert stats.changed == [2]
    body = admin.get_object(Bucket=bucket, Key="crm.csv.gz")["Body"].read()
    assert gzip.decompress(body).decode() == "id,email\n1,[erased]\n2,b@exempel.se\n"
    document = json.dumps({"people": [{"email": "a@exempel.se"}]}, indent=2)  # not JSON lines
    put(admin, bucket, "doc.json", document)
    with pytest.raises(ContainerUnavailable):
        conn.rewrite("doc.json", {1: str.upper}, None)

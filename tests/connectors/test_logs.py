"""The log-file connector, against real files in temporary trees."""

from __future__ import annotations

import bz2
import glob
import gzip
import itertools
import logging
import lzma
import os
import random
import shutil
import tempfile
import traceback
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectors import logs
from connectors.base import (
    Checkpoint,
    Connector,
    ContainerInfo,
    ContainerUnavailable,
    FieldSpec,
    Record,
    ScanIssue,
    StreamItem,
)
from connectors.logformats import (
    Position,
    detect_format,
    flatten_json,
    parse_json,
    parse_kv,
    sniff_compression,
)
from connectors.logs import LogConnector, LogSettings

SECRET = "SECRET-anna.svensson@example.se"
COMBINED = (
    '203.0.113.9 - anna [10/Oct/2024:13:55:36 +0200] "GET /profile?email=anna@example.se HTTP/1.1"'
    ' 200 2326 "https://example.se/start" "Mozilla/5.0 (X11; Linux x86_64)"'
)


def connector(root: Path, *patterns: str, **options: Any) -> LogConnector:
    return LogConnector("logs", LogSettings(tuple(str(root / p) for p in patterns), **options))


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def records(items: Iterable[StreamItem]) -> list[Record]:
    return [item for item in items if isinstance(item, Record)]


def issues(items: Iterable[StreamItem]) -> list[ScanIssue]:
    return [item for item in items if isinstance(item, ScanIssue)]


def tokens(items: Iterable[StreamItem]) -> list[str]:
    return [item.token for item in items if isinstance(item, Checkpoint)]


def lines_of(items: Iterable[StreamItem]) -> list[int]:
    return [item.locator["line"] for item in records(items)]


def stream(root: Path, name: str, start: str | None = None, **options: Any) -> list[StreamItem]:
    return list(connector(root, name, **options).stream(str(root / name), start))


def described(root: Path, pattern: str, **options: Any) -> list[ContainerInfo]:
    return list(connector(root, pattern, **options).containers())


# --- formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "values"),
    [
        (
            COMBINED,
            "access_log",
            {
                "client_ip": "203.0.113.9",
                "user": "anna",
                "time": "10/Oct/2024:13:55:36 +0200",
                "method": "GET",
                "path": "/profile?email=anna@example.se",
                "protocol": "HTTP/1.1",
                "status": "200",
                "size": "2326",
                "referer": "https://example.se/start",
                "user_agent": "Mozilla/5.0 (X11; Linux x86_64)",
            },
        ),
        (
            '10.0.0.7 - - [01/Jan/2024:00:00:01 +0000] "POST /login HTTP/1.0" 302 -',
            "access_log",
            {
                "client_ip": "10.0.0.7",
                "time": "01/Jan/2024:00:00:01 +0000",
                "method": "POST",
                "path": "/login",
                "protocol": "HTTP/1.0",
                "status": "302",
            },
        ),
        (
            '10.0.0.7 - - [01/Jan/2024:00:00:01 +0000] "\\x16\\x03" 400 0 "-" "-" rt=0.001',
            "access_log",
            {
                "client_ip": "10.0.0.7",
                "time": "01/Jan/2024:00:00:01 +0000",
                "request": "\\x16\\x03",
                "status": "400",
                "size": "0",
                None: "rt=0.001",
            },
        ),
        (
            "Jan  5 03:04:05 web01 sshd[1234]: Accepted password for anna from 198.51.100.4",
            "syslog",
            {
                "host": "web01",
                "program": "sshd",
                None: "Accepted password for anna from 198.51.100.4",
            },
        ),
        (
            "<34>2024-01-05T03:04:05.120+01:00 mail01 postfix/smtpd: to=<bo@example.se>",
            "syslog",
            {"host": "mail01", "program": "postfix/smtpd", None: "to=<bo@example.se>"},
        ),
        (
            '2024-01-05T03:04:05Z INFO login user=anna email="anna svensson <a@b.se>" ip=10.1.2.3',
            "kv",
            {
                "user": "anna",
                "email": "anna svensson <a@b.se>",
                "ip": "10.1.2.3",
                None: "2024-01-05T03:04:05Z INFO login",
            },
        ),
        (
            'level=warn msg=\'two words\' note="say \\"hi\\"" empty= user=- msg=again',
            "kv",
            {"level": "warn", "msg": "two words", "note": 'say "hi"', None: "msg=again"},
        ),
        (
            '{"ts": 1, "ok": true, "ratio": 0.5, "gone": null, "blank": "", "user": {"email":'
            ' "a@b.se", "phone": {"home": "070-123 45 67"}}, "items": [{"email": "x@y.se"},'
            ' {"email": "z@w.se"}, {"email": null}], "tags": ["a", ["b"]], "none": {}}',
            "json",
            {
                "ts": "1",
                "ok": "true",
                "ratio": "0.5",
                "user.email": "a@b.se",
                "user.phone.home": "070-123 45 67",
                "items[].email": "x@y.se\nz@w.se",
                "tags[]": "a",
                "tags[][]": "b",
            },
        ),
        (
            "User anna.svensson@example.se logged in from 10.0.0.1",
            "text",
            {None: "User anna.svensson@example.se logged in from 10.0.0.1"},
        ),
    ],
    ids=[
        "combined",
        "common",
        "bad-request",
        "syslog",
        "syslog-iso",
        "kv",
        "kv-quotes",
        "json",
        "text",
    ],
)
def test_each_format_is_parsed_into_its_fields(
    tmp_path: Path, line: str, kind: str, values: dict[str | None, str]
) -> None:
    write(tmp_path / "app.log", f"{line}\n{line}\n")
    got = records(stream(tmp_path, "app.log"))
    assert [r.locator for r in got] == [{"line": 1}, {"line": 2}]
    assert dict(got[0].values) == values
    (info,) = described(tmp_path, "app.log")
    expected = tuple(FieldSpec(key, "text" if key is None else kind) for key in values)
    assert set(info.fields) == set(expected)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (['{"a": 1}', "a=b c=d", "plain"], "json"),
        ([COMBINED, "x=1", "y=2"], "kv"),
        ([COMBINED, COMBINED, "x=1"], "access_log"),
        (["Jan  5 03:04:05 h p: a=b", "Jan  5 03:04:06 h p: c=d"], "syslog"),
        (["hello", "", "world"], "text"),
        ([], "text"),
    ],
)
def test_detect_format(lines: list[str], expected: str) -> None:
    assert detect_format(lines) == expected


def test_a_line_in_another_format_is_free_text_and_numbering_counts_every_line(
    tmp_path: Path,
) -> None:
    write(tmp_path / "app.log", '{"a": "x"}\r\n\n   \nnot json {\n{"b": [1, 2]}\n[1, 2]\n"s"')
    got = records(stream(tmp_path, "app.log"))
    assert [(r.locator["line"], dict(r.values)) for r in got] == [
        (1, {"a": "x"}),
        (4, {None: "not json {"}),
        (5, {"b[]": "1\n2"}),
        (6, {None: "[1, 2]"}),
        (7, {None: '"s"'}),
    ]


def test_json_nesting_deeper_than_the_stack_is_free_text() -> None:
    assert parse_json('{"a": ' * 100_000 + "1" + "}" * 100_000) is None
    assert parse_json('{"k": ' * 300 + '{"leaf": "v"}' + "}" * 300) == {"k." * 300 + "leaf": "v"}
    assert flatten_json({"a": [[{"b": 1}], [], {}]}) == {"a[][].b": "1"}


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("msg=sms to=070-174 06 06 level=info",
         {"msg": "sms", "to": "070-174 06 06", "level": "info"}),
        ("tel=+46 70 174 06 06", {"tel": "+46 70 174 06 06"}),
        ("tel=0046 70 174 06 06 x", {"tel": "0046 70 174 06 06", None: "x"}),
        # only after a value that starts like a phone number, and only whole digit groups
        ("amount=100 200 kr", {"amount": "100", None: "200 kr"}),
        ("n=0 1 2", {"n": "0", None: "1 2"}),
        ("to=070-174 06 06x", {"to": "070-174 06", None: "06x"}),
        ('to="070-174 06 06" n=1', {"to": "070-174 06 06", "n": "1"}),
    ],
)  # fmt: skip
def test_kv_phone_numbers_written_with_spaces(line: str, values: dict[str | None, str]) -> None:
    assert parse_kv(line) == values


def test_kv_needs_a_pair_at_a_word_start() -> None:
    assert parse_kv("GET /x?a=b and x == y") is None
    assert parse_kv("a=1 a=2") == {"a": "1", None: "a=2"}


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    write(tmp_path / "app.log", '\ufeff{"email": "a@b.se"}\n')
    assert [dict(r.values) for r in records(stream(tmp_path, "app.log"))] == [{"email": "a@b.se"}]


# --- containers, globs, compression --------------------------------------------------------


def test_globs_are_expanded_sorted_deduplicated_and_skip_directories(tmp_path: Path) -> None:
    for name in ("b.log", "a.log", "sub/deeper/c.log", "sub/d.txt"):
        write(tmp_path / name, "x\n")
    (tmp_path / "dir.log").mkdir()
    names = [info.name for info in described(tmp_path, "**/*.log")]
    assert names == [str(tmp_path / n) for n in ("a.log", "b.log", "sub/deeper/c.log")]
    both = connector(tmp_path, "*.log", "a.*", "**/a.log")
    assert [info.name for info in both.containers()] == [
        str(tmp_path / n) for n in ("a.log", "b.log")
    ]


def test_relative_patterns_give_relative_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "logs" / "app.log", "hello\n")
    monkeypatch.chdir(tmp_path)
    conn = LogConnector("logs", LogSettings(("logs/*.log",)))
    assert [info.name for info in conn.containers()] == ["logs/app.log"]
    assert lines_of(conn.stream("logs/app.log")) == [1]


def test_container_info_size_and_version(tmp_path: Path) -> None:
    path = write(tmp_path / "app.log", "first\n")
    (info,) = described(tmp_path, "app.log")
    assert (info.kind, info.size_estimate) == ("file", 6)
    assert described(tmp_path, "app.log")[0].version == info.version
    with path.open("ab") as handle:
        handle.write(b"second\n")
    appended = described(tmp_path, "app.log")[0].version
    assert appended != info.version
    stat = path.stat()
    write(path, "FIRST\nsecond\n")  # same size and mtime, other content
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert described(tmp_path, "app.log")[0].version not in {appended, None}


def compress(kind: str, data: bytes) -> bytes:
    if kind == "gzip":
        return gzip.compress(data)
    if kind == "bz2":
        return bz2.compress(data)
    if kind == "xz":
        return lzma.compress(data, preset=0)
    return data


@pytest.mark.parametrize("kind", ["plain", "gzip", "bz2", "xz"])
@pytest.mark.parametrize("name", ["app.log", "app.log.gz", "app.log.2.bz2"])
def test_compression_is_sniffed_not_named(tmp_path: Path, kind: str, name: str) -> None:
    data = compress(kind, b'{"email": "a@b.se"}\n\n{"email": "c@d.se"}\n')
    assert sniff_compression(data[:16]) == kind
    write(tmp_path / name, data)
    got = records(stream(tmp_path, name))
    assert [(r.locator["line"], r.values["email"]) for r in got] == [(1, "a@b.se"), (3, "c@d.se")]
    (info,) = described(tmp_path, name)
    assert info.fields == (FieldSpec("email", "json"),)
    assert info.size_estimate == len(data)


def test_rotated_files_are_containers_of_their_own(tmp_path: Path) -> None:
    write(tmp_path / "app.log", "now=4\n")
    write(tmp_path / "app.log.1", "then=3\n")
    write(tmp_path / "app.log.2.gz", gzip.compress(b"then=2\n"))
    write(tmp_path / "app.log.3.bz2", bz2.compress(b"then=1\n"))
    conn = connector(tmp_path, "app.log*")
    names = [info.name for info in conn.containers()]
    suffixes = ["", ".1", ".2.gz", ".3.bz2"]
    assert names == [str(tmp_path / f"app.log{suffix}") for suffix in suffixes]
    values = [dict(records(conn.stream(name))[0].values) for name in names]
    assert values == [{"now": "4"}, {"then": "3"}, {"then": "2"}, {"then": "1"}]


# --- checkpoints ----------------------------------------------------------------------------


def test_resume_after_append_yields_only_the_new_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "app.log", "".join(f"user=u{n}\n" for n in range(1, 6)))
    first = stream(tmp_path, "app.log")
    assert lines_of(first) == [1, 2, 3, 4, 5]
    assert isinstance(first[-1], Checkpoint)
    (token,) = tokens(first)
    assert stream(tmp_path, "app.log", token) == [Checkpoint(token)]  # nothing new
    with path.open("a") as handle:
        handle.write("\nuser=u7\nuser=u8\n")
    again = stream(tmp_path, "app.log", token)
    assert [(r.locator["line"], r.values["user"]) for r in records(again)] == [
        (7, "u7"),
        (8, "u8"),
    ]
    assert lines_of(stream(tmp_path, "app.log", tokens(again)[-1])) == []


@pytest.mark.parametrize(
    "change",
    ["rotated", "truncated", "rewritten-longer", "edited-before-offset", "garbage-token"],
)
def test_a_changed_file_starts_over(tmp_path: Path, change: str) -> None:
    path = write(tmp_path / "app.log", "".join(f"line {n} of the first file\n" for n in range(300)))
    (token,) = tokens(stream(tmp_path, "app.log"))
    text = path.read_text()
    if change == "rotated":
        path.rename(tmp_path / "app.log.1")
        write(path, "a new file\n" * 400)
    elif change == "truncated":
        write(path, "short\nfile\n")
    elif change == "rewritten-longer":
        write(path, "X" + text[1:] + "more\n")
    elif change == "edited-before-offset":
        write(path, text.replace("line 299 of", "line 299 in") + "more\n")
    else:
        token = "log0:plain:5:1:0::0:"
    again = stream(tmp_path, "app.log", token)
    assert lines_of(again)[:2] == [1, 2]


def test_compressed_files_start_over(tmp_path: Path) -> None:
    write(tmp_path / "app.log.gz", gzip.compress(b"a\nb\n"))
    (token,) = tokens(stream(tmp_path, "app.log.gz"))
    assert lines_of(stream(tmp_path, "app.log.gz", token)) == [1, 2]


def test_an_unterminated_last_line_is_read_again_once_complete(tmp_path: Path) -> None:
    path = write(tmp_path / "app.log", "one\ntw")
    first = stream(tmp_path, "app.log")
    assert [dict(r.values) for r in records(first)] == [{None: "one"}, {None: "tw"}]
    with path.open("a") as handle:
        handle.write("o\nthree\n")
    again = records(stream(tmp_path, "app.log", tokens(first)[-1]))
    assert [(r.locator["line"], r.values[None]) for r in again] == [(2, "two"), (3, "three")]


def test_checkpoints_every_10000_lines_and_resume_from_one(tmp_path: Path) -> None:
    write(tmp_path / "app.log", "".join(f"n={n}\n" for n in range(1, 25_001)))
    items = stream(tmp_path, "app.log")
    last = 0
    marks = []
    for item in items:
        if isinstance(item, Record):
            last = item.locator["line"]
        elif isinstance(item, Checkpoint):
            marks.append(last)
    assert marks == [10_000, 20_000, 25_000]
    first = tokens(items)[0]
    position = Position.parse(first)
    assert position is not None
    assert position.line == 10_000
    assert Position.parse(position.token()) == position
    resumed = lines_of(stream(tmp_path, "app.log", first))
    assert resumed == list(range(10_001, 25_001))


@pytest.mark.parametrize("token", ["", "log1", "log1:plain:x:1:0::0:", "log1:plain:-1:0:0::0:"])
def test_position_rejects_malformed_tokens(token: str) -> None:
    assert Position.parse(token) is None


# --- bad input ------------------------------------------------------------------------------


def noisy_lines(count: int) -> bytes:
    rng = random.Random(7)
    return b"".join(
        f"id={n} token={rng.getrandbits(128):032x}\n".encode() for n in range(1, count + 1)
    )


@pytest.mark.parametrize("kind", ["gzip", "bz2", "xz"])
def test_truncated_compressed_file_keeps_the_records_before_the_damage(
    tmp_path: Path, kind: str
) -> None:
    whole = compress(kind, noisy_lines(60_000))  # bzip2 blocks are 900 kB
    write(tmp_path / "app.log.gz", whole[: len(whole) // 2])
    items = stream(tmp_path, "app.log.gz")
    numbers = lines_of(items)
    assert len(numbers) > 1000
    assert numbers == list(range(1, len(numbers) + 1))
    (issue,) = issues(items)
    assert issue.kind == "corrupt"
    assert issue.locator == {"line": len(numbers) + 1}
    assert isinstance(items[-1], Checkpoint)
    sampled = list(connector(tmp_path, "app.log.gz").sample(str(tmp_path / "app.log.gz"), 10))
    assert len(records(sampled)) == 10


def test_corrupted_gzip_data_is_an_issue(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(noisy_lines(20_000)))
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    write(tmp_path / "app.log.gz", bytes(data))
    items = stream(tmp_path, "app.log.gz")
    assert lines_of(items)[:3] == [1, 2, 3]
    assert [issue.kind for issue in issues(items)] == ["corrupt"]


def test_binary_files_give_one_issue_and_no_records(tmp_path: Path) -> None:
    rng = random.Random(3)
    write(tmp_path / "a.log", "fine\n")
    write(tmp_path / "image.log", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100)
    write(tmp_path / "noise.log", bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))
    write(tmp_path / "packed.log.gz", gzip.compress(b"\x00\x01\x02" * 1000))
    conn = connector(tmp_path, "*.log*")
    infos = {Path(info.name).name: info for info in conn.containers()}
    assert infos["image.log"].fields == ()
    assert infos["image.log"].version
    for name in ("image.log", "noise.log", "packed.log.gz"):
        path = str(tmp_path / name)
        items = list(conn.stream(path))
        assert [i.kind for i in issues(items)] == ["binary"]
        assert records(items) == []
        sampled = list(conn.sample(path, 5))
        assert [i.kind for i in issues(sampled)] == ["binary"]
        assert len(sampled) == 1
        assert conn.read(path, {"line": 1}) is None
    assert lines_of(conn.stream(str(tmp_path / "a.log"))) == [1]


def test_latin1_text_is_not_binary_but_gives_encoding_issues(tmp_path: Path) -> None:
    write(tmp_path / "app.log", f"ok line\nkund {SECRET} bor i Göteborg\nlast\n".encode("latin-1"))
    items = stream(tmp_path, "app.log")
    (issue,) = issues(items)
    assert (issue.kind, issue.locator) == ("encoding", {"line": 2})
    got = records(items)
    assert lines_of(got) == [1, 2, 3]
    assert got[1].values[None] == f"kund {SECRET} bor i G\ufffdteborg"
    assert SECRET not in issue.message
    latin = records(stream(tmp_path, "app.log", encoding="latin-1"))
    assert latin[1].values[None] == f"kund {SECRET} bor i Göteborg"


@pytest.mark.parametrize("kind", ["plain", "gzip"])
def test_a_50_mb_line_is_skipped_in_bounded_memory(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "app.log"
    chunk = b"x" * (1 << 20)
    with gzip.open(path, "wb") if kind == "gzip" else path.open("wb") as handle:
        handle.write(b"before=1\n")
        for _ in range(50):
            handle.write(chunk)
        handle.write(b"\nafter=3\n")
    conn = connector(tmp_path, "app.log")
    tracemalloc.start()
    try:
        items = list(conn.stream(str(path)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * 1024 * 1024
    assert [(r.locator["line"], dict(r.values)) for r in records(items)] == [
        (1, {"before": "1"}),
        (3, {"after": "3"}),
    ]
    (issue,) = issues(items)
    assert (issue.kind, issue.locator) == ("oversized", {"line": 2})
    assert str(50 * (1 << 20) + 1) in issue.message  # the bytes it had, newline included


@pytest.mark.parametrize("kind", ["plain", "gzip"])
def test_oversized_lines_keep_numbering_in_stream_sample_and_read(
    tmp_path: Path, kind: str
) -> None:
    lines = [b"a=1", b"b=" + b"2" * 40, b"c=3", b"d=" + b"4" * 40, b"e=5"]
    write(tmp_path / "app.log", compress(kind, b"\n".join(lines)))
    items = stream(tmp_path, "app.log", max_line_bytes=20)
    assert lines_of(items) == [1, 3, 5]
    assert [(i.kind, i.locator["line"]) for i in issues(items)] == [
        ("oversized", 2),
        ("oversized", 4),
    ]
    conn = connector(tmp_path, "app.log", max_line_bytes=20)
    sampled = list(conn.sample(str(tmp_path / "app.log"), 10))
    assert [item.locator["line"] for item in sampled] == [1, 2, 3, 4, 5]
    assert conn.read(str(tmp_path / "app.log"), {"line": 4}) is None
    assert conn.read(str(tmp_path / "app.log"), {"line": 5}) == Record({"line": 5}, {"e": "5"})


def test_messages_and_logs_never_carry_line_content(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="connectors")
    write(tmp_path / "a.log", f"{SECRET}\n{SECRET}\xff\n{SECRET * 10}\n".encode("latin-1"))
    write(tmp_path / "b.log.gz", gzip.compress(noisy_lines(5000) + SECRET.encode() * 1000)[:-200])
    write(tmp_path / "c.log", SECRET.encode() + b"\x00")
    conn = connector(tmp_path, "*.log*", max_line_bytes=100)
    found: list[StreamItem] = []
    for info in conn.containers():
        found += conn.stream(info.name, "log1:plain:10:1:4:xx:0:")
        found += conn.sample(info.name, 3)
    assert {i.kind for i in issues(found)} == {"encoding", "oversized", "corrupt", "binary"}
    assert all(SECRET not in i.message for i in issues(found))
    assert caplog.records
    assert SECRET not in caplog.text


# --- unavailable containers ------------------------------------------------------------------


def unavailable(conn: LogConnector, path: str) -> None:
    with pytest.raises(ContainerUnavailable):
        list(conn.stream(path))
    with pytest.raises(ContainerUnavailable):
        list(conn.sample(path, 3))
    with pytest.raises(ContainerUnavailable):
        conn.read(path, {"line": 1})


def denied_report(path: Path) -> list[str]:
    """What the connector makes of an unreadable file: its entry, then each call's error."""
    conn = connector(path.parent, path.name)
    (info,) = conn.containers()
    report = [repr((info.size_estimate, info.version, info.fields))]
    calls: list[Callable[[], object]] = [
        lambda: list(conn.stream(str(path))),
        lambda: list(conn.sample(str(path), 3)),
        lambda: conn.read(str(path), {"line": 1}),
    ]
    for call in calls:
        try:
            call()
            report.append("no error")
        except ContainerUnavailable as exc:
            report.append(str(exc))
    return report


def as_nobody(path: Path) -> list[str]:
    """``denied_report`` in a forked child that dropped root, so permissions apply."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report through the pipe, never return into pytest
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)
            os.write(write_end, "\n".join(denied_report(path)).encode())
        except BaseException:
            os.write(write_end, traceback.format_exc().encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read().decode()
    os.waitpid(pid, 0)
    return output.splitlines()


def test_permission_denied() -> None:
    # Not tmp_path: pytest keeps its parent directories private to the user running the tests.
    directory = Path(tempfile.mkdtemp())
    try:
        directory.chmod(0o755)
        path = write(directory / "secret.log", "x\n")
        path.chmod(0)
        # root reads anything: check as nobody
        report = as_nobody(path) if os.geteuid() == 0 else denied_report(path)
    finally:
        shutil.rmtree(directory)
    assert report[0] == repr((2, None, ()))
    assert report[1:] == [f"logs: {path}: Permission denied"] * 3


def test_fifo_broken_link_and_unknown_names_are_unavailable(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.log")  # opening it for reading would wait for a writer
    (tmp_path / "gone.log").symlink_to(tmp_path / "nowhere")
    write(tmp_path / "ok.log", "x\n")
    conn = connector(tmp_path, "*.log")
    infos = {Path(info.name).name: info for info in conn.containers()}
    assert list(infos) == ["gone.log", "ok.log", "pipe.log"]
    for name in ("gone.log", "pipe.log"):
        assert (infos[name].size_estimate, infos[name].version, infos[name].fields) == (
            None,
            None,
            (),
        )
    for name in ("gone.log", "pipe.log", "other.txt"):
        unavailable(conn, str(tmp_path / name))
    unavailable(conn, "/etc/passwd")


@pytest.mark.parametrize(
    ("pattern", "name", "readable"),
    [
        ("*.log", "a.log", True),
        ("**/*.log", "sub/deeper/a.log", True),
        ("**/*.log", "a.log", True),
        ("sub/*/a.log", "sub/deeper/a.log", True),
        ("*.log", ".hidden.log", False),
        ("**/*.log", ".git/a.log", False),
        ("sub/*.log", "sub/../a.log", False),
        ("*.log", "a.txt", False),
    ],
)
def test_a_fresh_connector_reads_only_what_the_globs_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, name: str, readable: bool
) -> None:
    for path in ("a.log", "a.txt", ".hidden.log", ".git/a.log", "sub/deeper/a.log"):
        write(tmp_path / path, "x=1\n")
    (tmp_path / "sub" / "b.log").mkdir()
    conn = connector(tmp_path, pattern)  # containers() never called: no cached listing
    if readable:  # decided on the name, without listing directories
        monkeypatch.setattr(glob, "glob", None)
        assert lines_of(conn.stream(str(tmp_path / name))) == [1]
    else:
        unavailable(conn, str(tmp_path / name))


# --- sample and read -------------------------------------------------------------------------


def numbered(count: int) -> bytes:
    rng = random.Random(11)
    return b"".join(
        b'{"n": %d, "pad": "%s"}\n' % (n, b"p" * rng.randrange(0, 200)) if n % 7 else b"\n"
        for n in range(1, count + 1)
    )


def test_sample_spreads_over_a_plain_file_with_exact_line_numbers(tmp_path: Path) -> None:
    write(tmp_path / "app.log", numbered(10_000))
    got = list(connector(tmp_path, "app.log").sample(str(tmp_path / "app.log"), 10))
    assert all(isinstance(r, Record) and r.values["n"] == str(r.locator["line"]) for r in got)
    numbers = lines_of(got)
    assert len(numbers) == 10
    assert numbers[0] == 1
    assert numbers[-1] > 8500
    assert all(b - a > 500 for a, b in itertools.pairwise(numbers))


def test_sample_of_a_small_or_compressed_file_is_its_first_lines(tmp_path: Path) -> None:
    write(tmp_path / "small.log", numbered(20))
    write(tmp_path / "big.log.gz", gzip.compress(numbered(10_000)))
    conn = connector(tmp_path, "*.log*")
    small = list(conn.sample(str(tmp_path / "small.log"), 100))
    assert lines_of(small) == [n for n in range(1, 21) if n % 7]
    assert lines_of(conn.sample(str(tmp_path / "big.log.gz"), 8)) == [1, 2, 3, 4, 5, 6, 8, 9]
    assert list(conn.sample(str(tmp_path / "small.log"), 0)) == []


def test_sample_spread_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "SPREAD_MAX_BYTES", 2000)
    write(tmp_path / "app.log", numbered(10_000))
    numbers = lines_of(connector(tmp_path, "app.log").sample(str(tmp_path / "app.log"), 5))
    assert len(numbers) == 5
    assert numbers[-1] < 40


def test_read_returns_the_record_at_a_line(tmp_path: Path) -> None:
    write(tmp_path / "app.log.gz", gzip.compress(numbered(100)))
    conn = connector(tmp_path, "app.log.gz")
    name = str(tmp_path / "app.log.gz")
    record = conn.read(name, {"line": 50})
    assert record is not None
    assert record.values["n"] == "50"
    assert record.locator == {"line": 50}
    assert conn.read(name, {"line": 49}) is None  # blank
    assert conn.read(name, {"line": 101}) is None
    for bad in ({}, {"line": 0}, {"line": "3"}, {"line": True}):
        with pytest.raises(ValueError, match="line"):
            conn.read(name, bad)


# --- protocol and settings -------------------------------------------------------------------


def test_is_a_connector_and_does_no_io_in_its_constructor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("I/O in the constructor")

    with monkeypatch.context() as patched:
        for name in ("open", "stat", "scandir", "listdir"):
            patched.setattr(os, name, refuse)
        conn = LogConnector("logs", LogSettings(("/no/such/dir/**/*.log",)))
    assert isinstance(conn, Connector)
    with conn as entered:
        assert entered is conn
        assert list(entered.containers()) == []


def test_an_empty_file_gives_only_a_checkpoint(tmp_path: Path) -> None:
    write(tmp_path / "app.log", b"")
    items = stream(tmp_path, "app.log")
    assert len(items) == 1
    assert isinstance(items[0], Checkpoint)
    assert lines_of(stream(tmp_path, "app.log", items[0].token)) == []


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"paths": "/var/log/*.log"}, TypeError),
        ({"paths": ()}, ValueError),
        ({"paths": ("*.log",), "max_line_bytes": 0}, ValueError),
        ({"paths": ("*.log",), "sample_lines": -1}, ValueError),
        ({"paths": ("*.log",), "encoding": "no-such-codec"}, ValueError),
        ({"paths": ("*.log",), "encoding": "utf-16"}, ValueError),
    ],
)
def test_settings_errors_name_the_fix(options: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error, match="LogSettings"):
        LogSettings(**options)


# --- property: numbering, oversize and resume agree with a plain split --------------------------

TEXT_LINES = st.lists(st.text(alphabet="ab é\t", max_size=30), max_size=40)


def expected_items(lines: list[str], max_bytes: int, first: int = 1) -> Iterator[tuple[str, int]]:
    for number, line in enumerate(lines, first):
        if len(line.encode()) > max_bytes:
            yield "oversized", number
        elif line.strip():
            yield line, number


def observed(items: Iterable[StreamItem]) -> list[tuple[str, int]]:
    return [
        (item.values[None] if isinstance(item, Record) else item.kind, item.locator["line"])
        for item in items
        if not isinstance(item, Checkpoint)
    ]


@settings(max_examples=60, deadline=None)
@given(TEXT_LINES, TEXT_LINES, st.integers(min_value=1, max_value=25))
def test_stream_and_resume_match_a_plain_split(
    before: list[str], after: list[str], max_bytes: int
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        path = write(root / "app.log", "".join(f"{line}\n" for line in before))
        first = stream(root, "app.log", max_line_bytes=max_bytes)
        assert observed(first) == list(expected_items(before, max_bytes))
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(after))
        resumed = stream(root, "app.log", tokens(first)[-1], max_line_bytes=max_bytes)
        tail = after if "\n".join(after) else []
        assert observed(resumed) == list(expected_items(tail, max_bytes, len(before) + 1))

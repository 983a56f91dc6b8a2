"""Log line times (connectors.logtime): the forms logs write, and what must not pass for one."""

from __future__ import annotations

import datetime as dt

import pytest

from connectors.logtime import (
    GIVE_UP,
    LineClock,
    parse_time,
    record_time_column,
    value_time,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-27T18:25:48Z", dt.datetime(2026, 11, 27, 18, 25, 48, tzinfo=UTC)),
        ("2026-11-27T18:25:48.5+01:00", dt.datetime(2026, 11, 27, 17, 25, 48, 500000, UTC)),
        ("2026-11-27T18:25:48+0100", dt.datetime(2026, 11, 27, 17, 25, 48, tzinfo=UTC)),
        ("2026-11-27 18:25:48,123", dt.datetime(2026, 11, 27, 18, 25, 48, 123000, UTC)),
        ("2026-11-27T18:25:48.123456789Z", dt.datetime(2026, 11, 27, 18, 25, 48, 123456, UTC)),
        ("2026-11-27", dt.datetime(2026, 11, 27, tzinfo=UTC)),
        ("27/Nov/2026:18:25:48 +0100", dt.datetime(2026, 11, 27, 17, 25, 48, tzinfo=UTC)),
        ("27/Nov/2026:18:25:48 -0030", dt.datetime(2026, 11, 27, 18, 55, 48, tzinfo=UTC)),
        ("1764268000", dt.datetime(2025, 11, 27, 18, 26, 40, tzinfo=UTC)),
        ("1764268000123", dt.datetime(2025, 11, 27, 18, 26, 40, 123000, UTC)),
        ("1764268000.25", dt.datetime(2025, 11, 27, 18, 26, 40, 250000, UTC)),
        # not times, or not believable ones
        ("1.2.3", None),
        ("2026-13-01", None),
        ("2026-02-30T10:00:00Z", None),
        ("3000-01-01", None),
        ("1980-01-01", None),
        ("31/Foo/2026:18:25:48 +0100", None),
        ("19811218-9876", None),
        ("123456789", None),
        ("12345678901", None),
        ("", None),
        ("x" * 100, None),
    ],
)
def test_parse_time(text: str, expected: dt.datetime | None) -> None:
    assert parse_time(text) == expected


MODIFIED = dt.datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("values", "line", "expected"),
    [
        ({"ts": "2026-03-01T10:00:00Z", "msg": "x"}, "", dt.datetime(2026, 3, 1, 10, tzinfo=UTC)),
        ({"@timestamp": "2026-03-01T10:00:00Z"}, "", dt.datetime(2026, 3, 1, 10, tzinfo=UTC)),
        ({"time": "01/Mar/2026:10:00:00 +0000"}, "", dt.datetime(2026, 3, 1, 10, tzinfo=UTC)),
        # a key that is not a time falls through to the line's head
        ({"ts": "soon"}, "2026-03-01 10:00:00 INFO x", dt.datetime(2026, 3, 1, 10, tzinfo=UTC)),
        ({None: "x"}, "[2026-03-01 10:00:00] ERROR x", dt.datetime(2026, 3, 1, 10, tzinfo=UTC)),
        ({None: "x"}, "<34>1 2026-03-01T10:00:00.003Z host app - -", dt.datetime(
            2026, 3, 1, 10, 0, 0, 3000, UTC)),
        # syslog has no year: the file's, or the year before when that is after the file's time
        ({None: "x"}, "Jan  2 08:00:00 host sshd[1]: x", dt.datetime(2026, 1, 2, 8, tzinfo=UTC)),
        ({None: "x"}, "Dec 31 23:59:59 host cron: x", dt.datetime(2025, 12, 31, 23, 59, 59,
                                                                  tzinfo=UTC)),
        ({None: "x"}, "order 2026 shipped", None),
        ({"user": "anna"}, "user=anna", None),
    ],
)  # fmt: skip
def test_line_time(values: dict[str | None, str], line: str, expected: dt.datetime | None) -> None:
    assert LineClock(MODIFIED)(values, line) == expected


def test_syslog_without_the_files_time_has_no_time() -> None:
    assert LineClock()({None: "x"}, "Jan  2 08:00:00 host sshd[1]: x") is None


def test_clock_remembers_the_key_and_gives_up_on_timeless_files() -> None:
    clock = LineClock()
    assert clock({"time": "2026-03-01T10:00:00Z"}, "") == dt.datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert clock.key == "time"
    # a line whose remembered key is no time is searched whole
    assert clock({"time": "later", "ts": "2026-03-02"}, "") == dt.datetime(2026, 3, 2, tzinfo=UTC)
    timeless = LineClock()
    for _ in range(GIVE_UP):
        assert timeless({None: "no time here"}, "no time here") is None
    assert timeless.seen == GIVE_UP
    # past the limit a file with no time so far is not searched any more
    assert timeless({None: "x"}, "2026-03-01 10:00:00 late") is None
    assert timeless.seen == GIVE_UP


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["id", "epost", "created_at"], "created_at"),
        (["id", "skapad", "datum"], "skapad"),  # creation before a plain date
        (["id", "fakturadatum", "belopp"], "fakturadatum"),
        (["id", "Order_Date"], "Order_Date"),
        (["id", "datum"], "datum"),
        (["id", "fodelsedatum", "birth_date", "due_date", "expires_at"], None),  # about people
        (["id", "namn"], None),
    ],
)
def test_record_time_column(columns: list[str], expected: str | None) -> None:
    assert record_time_column(columns) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2026, 3, 1, 10), dt.datetime(2026, 3, 1, 10, tzinfo=UTC)),
        (
            dt.datetime(2026, 3, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            dt.datetime(2026, 3, 1, 9, tzinfo=UTC),
        ),
        (dt.date(2026, 3, 1), dt.datetime(2026, 3, 1, tzinfo=UTC)),
        ("2026-03-01", dt.datetime(2026, 3, 1, tzinfo=UTC)),
        (dt.date(1900, 1, 1), None),
        (20260301, None),
        (None, None),
    ],
)
def test_value_time(value: object, expected: dt.datetime | None) -> None:
    assert value_time(value) == expected

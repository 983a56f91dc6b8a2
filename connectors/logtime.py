"""When a record was written: a log line's timestamp parsed from the line, or a table row's
time column (helpers of the log, object and SQL connectors, on values already read; no I/O).

A line's time comes, in this order, from

- the access log's ``[10/Oct/2026:13:55:36 +0200]`` (field ``time``);
- the first of :data:`TIME_KEYS` a JSON or key=value line carries: ISO 8601 text
  (``2026-11-27T18:25:48Z``, ``2026-11-27 18:25:48,123``), the access-log form, or Unix
  epoch seconds or milliseconds (10 or 13 digits, an optional fraction);
- a timestamp at the start of the line (after an optional ``<pri>`` or ``[``): ISO 8601, or
  syslog's ``Nov 27 18:25:48``, which has no year: the year is the file's modification year,
  or the year before when that would put the line more than a day after the file was last
  written.

Times without an offset are taken as UTC. Every answer is an aware UTC datetime, between
:data:`EARLIEST` and :data:`LATEST`; anything else (a version number, a duration, an order
date in the future) gives None rather than a wrong age.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Final

__all__ = [
    "EARLIEST",
    "GIVE_UP",
    "LATEST",
    "TIME_KEYS",
    "LineClock",
    "parse_time",
    "record_time_column",
    "value_time",
]

TIME_KEYS: Final = (
    "@timestamp", "timestamp", "time", "ts", "datetime", "date", "logged_at", "created_at",
    "event_time", "eventTime", "asctime", "Timestamp", "TimeGenerated", "t",
)  # fmt: skip
GIVE_UP: Final = 1000  # lines without a time before LineClock stops looking in a file
EARLIEST: Final = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
LATEST: Final = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)

_MONTHS: Final = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_ISO_HEAD: Final = re.compile(
    r"(?:<\d{1,3}>\d? ?)?\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
    r"(?: ?(?:Z|[+-]\d{2}(?::?\d{2})?))?)"
)
_SYSLOG_HEAD: Final = re.compile(
    r"(?:<\d{1,3}>)?([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2})\b"
)
_EPOCH: Final = re.compile(r"(\d{10}|\d{13})(?:\.\d+)?$")
_FRACTION: Final = re.compile(r"([.,])(\d+)")


def parse_time(text: str) -> dt.datetime | None:
    """A timestamp's UTC time, or None (see the module docstring for the forms)."""
    text = text.strip()
    if not 10 <= len(text) <= 40:
        return None
    when: dt.datetime | None = None
    if text[:4].isdigit() and text[4:5] == "-":
        when = _iso(text)
    elif text[2:3] == "/":
        when = _clf(text)
    elif (epoch := _EPOCH.match(text)) is not None:
        seconds = float(text) / (1000 if len(epoch.group(1)) == 13 else 1)
        when = dt.datetime.fromtimestamp(seconds, dt.UTC)
    return when if when is not None and EARLIEST <= when < LATEST else None


class LineClock:
    """The times of one file's lines (``values`` by field, ``line`` its text; ``modified``, the
    file's modification time, gives a syslog timestamp its year). The key that held the time
    last is tried first, and a file whose first :data:`GIVE_UP` lines have no time is taken to
    have none (its later lines are not searched)."""

    __slots__ = ("dated", "key", "modified", "seen")

    def __init__(self, modified: dt.datetime | None = None) -> None:
        self.modified = modified
        self.key: str | None = None
        self.seen = 0
        self.dated = 0

    def __call__(self, values: Mapping[str | None, str], line: str) -> dt.datetime | None:
        if self.key is not None:
            value = values.get(self.key)
            if value is not None and (when := parse_time(value)) is not None:
                return when
        if not self.dated and self.seen >= GIVE_UP:
            return None
        self.seen += 1
        when, key = _line_time(values, line, self.modified)
        if when is not None:
            self.dated += 1
            self.key = key
        return when


def _line_time(
    values: Mapping[str | None, str], line: str, modified: dt.datetime | None
) -> tuple[dt.datetime | None, str | None]:
    for key in TIME_KEYS:
        value = values.get(key)
        if value is not None:
            when = parse_time(value)
            if when is not None:
                return when, key
    if (iso := _ISO_HEAD.match(line)) is not None:
        return parse_time(iso.group(1)), None
    if (syslog := _SYSLOG_HEAD.match(line)) is not None and modified is not None:
        return _syslog(syslog, modified), None
    return None, None


def _iso(text: str) -> dt.datetime | None:
    if "," in text:
        text = text.replace(",", ".", 1)
    fraction = _FRACTION.search(text, 19) if len(text) > 26 else None
    if fraction is not None and len(fraction.group(2)) > 6:  # nanoseconds: keep microseconds
        text = text[: fraction.start(2) + 6] + text[fraction.end(2) :]
    try:
        when = dt.datetime.fromisoformat(text.replace(" Z", "Z"))
    except ValueError:
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    return when if when.tzinfo is dt.UTC else when.astimezone(dt.UTC)


@functools.lru_cache(maxsize=64)
def _offset(text: str) -> dt.timedelta | None:
    """``+0100`` as the time to subtract for UTC; None when it is no offset."""
    if len(text) != 5 or text[0] not in "+-" or not text[1:].isdigit():
        return None
    minutes = int(text[1:3]) * 60 + int(text[3:5])
    return dt.timedelta(minutes=-minutes if text[0] == "-" else minutes)


def _clf(text: str) -> dt.datetime | None:
    """``27/Nov/2026:18:25:48 +0100`` by position (the access log's form)."""
    month = _MONTHS.get(text[3:6])
    if month is None or len(text) not in (20, 26) or text[6] != "/" or text[11] != ":":
        return None
    offset = _offset(text[21:]) if len(text) == 26 else dt.timedelta(0)
    parts = (text[7:11], text[0:2], text[12:14], text[15:17], text[18:20])
    if offset is None or not all(p.isdigit() for p in parts):
        return None
    year, day, hour, minute, second = map(int, parts)
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC) - offset
    except ValueError:
        return None


def _syslog(match: re.Match[str], modified: dt.datetime) -> dt.datetime | None:
    month, day, hour, minute, second = match.groups()
    number = _MONTHS.get(month)
    if number is None:
        return None
    for year in (modified.year, modified.year - 1):
        try:
            when = dt.datetime(
                year, number, int(day), int(hour), int(minute), int(second), tzinfo=dt.UTC
            )
        except ValueError:  # 29 Feb in a common year
            continue
        if when <= modified + dt.timedelta(days=1):
            return when if EARLIEST <= when < LATEST else None
    return None


# A table's record time: the first column, in this order of preference, whose name says when
# the row was made or booked. Birth dates and other dates about a person never count.
_RECORD_TIME_NAMES: Final = (
    re.compile(
        r"(?i)(?:created|creation|skapad|skapat|registrerad|inserted)"
        r"(?:_?(?:at|on|date|datum|time|tid|ts))?"
    ),
    re.compile(
        r"(?i)(?:invoice|order|booking|transaction|faktura|bokf[oö]rings|transaktions)"
        r"_?(?:date|datum|time|tid)"
    ),
    re.compile(r"(?i)timestamp|logged_at|ts|datum|date|time|tid"),
)
_NOT_RECORD_TIME: Final = re.compile(
    r"(?i)birth|född|fodd|fodel|födel|dob|expir|valid|due|förfall|forfall"
)


def record_time_column(columns: Iterable[str]) -> str | None:
    """The column holding a table row's time (see :data:`_RECORD_TIME_NAMES`), or None."""
    names = [name for name in columns if not _NOT_RECORD_TIME.search(name)]
    for pattern in _RECORD_TIME_NAMES:
        for name in names:
            if pattern.fullmatch(name):
                return name
    return None


def value_time(value: object) -> dt.datetime | None:
    """A column value as an aware UTC time: datetimes (naive ones as UTC), dates (midnight),
    text in the forms :func:`parse_time` reads; else None."""
    if isinstance(value, dt.datetime):
        when = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    elif isinstance(value, dt.date):
        when = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    elif isinstance(value, str):
        return parse_time(value)
    else:
        return None
    return when if EARLIEST <= when < LATEST else None

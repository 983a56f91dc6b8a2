"""Swedish personal identity numbers: parsing, validation and the canonical 12-digit form.

A personnummer is ``YYMMDD-NNNC`` (or with the century, ``YYYYMMDDNNNC``), where ``C`` is a
Luhn check digit over the ten digits ``YYMMDDNNN``. The separator is ``-`` under 100 years of
age and ``+`` from the year the person turns 100. A samordningsnummer (co-ordination number)
adds 60 to the day. Interim numbers used by some universities put a letter in the first serial
position; the letter counts as 1 in the Luhn sum.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from scanner.checksums import luhn_check_digit, valid_date

__all__ = ["Personnummer", "parse_personnummer"]

_INTERIM_LETTERS = "TRSUWXJKLMN"
_SHAPE = re.compile(
    r"^(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"(?P<sep>[-+])?(?P<serial>[\dTRSUWXJKLMN]\d{2})(?P<check>\d)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Personnummer:
    """A validated number. ``canonical`` is the 12-character ``YYYYMMDDNNNC`` form."""

    canonical: str
    coordination: bool
    interim: bool

    @property
    def birth_date(self) -> dt.date:
        day = int(self.canonical[6:8])
        if self.coordination:
            day -= 60
        return dt.date(int(self.canonical[:4]), int(self.canonical[4:6]), max(day, 1))


def parse_personnummer(text: str, today: dt.date | None = None) -> Personnummer | None:
    """Parse any usual written form; None when it is not a valid personnummer.

    A 10-digit form gets its century from ``today`` and the separator: ``-`` (or none) means
    the most recent century giving an age under 100, ``+`` an age of 100 or more.
    """
    m = _SHAPE.match(text.strip())
    if m is None:
        return None
    today = today or dt.date.today()
    yy, mm, dd = m["yy"], int(m["mm"]), int(m["dd"])
    serial = m["serial"].upper()
    interim = serial[0].isalpha()
    if serial == "000":  # birth number 000 is never allocated
        return None
    luhn_payload = f"{yy}{m['mm']}{m['dd']}{'1' if interim else serial[0]}{serial[1:]}"
    if luhn_check_digit(luhn_payload) != int(m["check"]):
        return None
    coordination = dd > 60
    day = dd - 60 if coordination else dd
    if m["century"] is not None:
        year = int(m["century"] + yy)
        if not 1800 <= year <= today.year:
            return None
    else:
        year = _resolve_century(int(yy), mm, max(day, 1), m["sep"] == "+", today)
    if not valid_date(year, mm, day) or dt.date(year, mm, day) > today:
        return None
    canonical = f"{year:04d}{m['mm']}{m['dd']}{serial}{m['check']}"
    return Personnummer(canonical=canonical, coordination=coordination, interim=interim)


def _resolve_century(yy: int, month: int, day: int, centenarian: bool, today: dt.date) -> int:
    year = today.year - (today.year - yy) % 100
    try:
        birthday_passed = dt.date(year, month, day) <= today
    except ValueError:
        birthday_passed = True
    if not birthday_passed:
        year -= 100
    if centenarian:
        year -= 100
    return year

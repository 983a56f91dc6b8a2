"""Synthetic people for the scan benchmarks: names, contact data and identifiers, all fake.

Personnummer come only from Skatteverket's published test numbers
(``testpersonnummer/testpersonnummer_skatteverket_all.csv`` in the shared data directory), born
1940 or later so the 10-digit forms resolve to the right century. Phone numbers are taken from
the ranges PTS (Sweden) and Ofcom (UK) reserve for fiction, and from NANP's 555-01XX; e-mail
domains are ``example.*`` and a few made-up Swedish ones; IP addresses come from the
documentation ranges (RFC 5737, RFC 3849) and private ranges; IBANs are Swedish-shaped with a
correct mod-97 check. Everything is deterministic for a given seed.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from benchmarks.paths import resolve_data_dir

__all__ = ["Person", "SyntheticPeople", "ean13", "load_test_personnummer"]

SV_FIRST: Final = (
    "Anna", "Erik", "Maria", "Lars", "Karin", "Per", "Eva", "Johan", "Sara", "Nils", "Åsa",
    "Björn", "Märta", "Göran", "Ingrid", "Mikael", "Linnéa", "Oskar", "Elin", "Henrik", "Sofia",
    "Anders", "Kristina", "Magnus", "Helena", "Fredrik", "Ulla", "Jonas", "Malin", "Stefan",
)  # fmt: skip
SV_LAST: Final = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Lindqvist", "Öberg", "Ström", "Lindgren", "Bergström", "Åberg",
    "Sandberg", "Holmgren", "Nyström", "Wikström", "Ekström", "Forsberg", "Sjöberg", "Lundqvist",
)  # fmt: skip
EN_FIRST: Final = (
    "James", "Mary", "Oliver", "Emma", "William", "Olivia", "Thomas", "Charlotte", "George",
    "Emily", "Daniel", "Sophie", "Michael", "Hannah", "David", "Grace", "Robert", "Lucy",
)  # fmt: skip
EN_LAST: Final = (
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thompson", "Walker",
    "Roberts", "Wright", "Robinson", "Clarke", "Hughes", "Edwards", "Green", "Hall", "Wood",
)  # fmt: skip
STREETS: Final = (
    "Storgatan", "Drottninggatan", "Kungsgatan", "Björkvägen", "Vasagatan", "Skolgatan",
    "Ringvägen", "Parkvägen", "Järnvägsgatan", "Kyrkogatan", "Södra Långgatan", "Tallstigen",
    "Ekbacken", "Lärkvägen", "Östra Hamngatan", "Hantverkargatan", "Sveavägen", "Götgatan",
)  # fmt: skip
TOWNS: Final = (
    ("Stockholm", 1), ("Göteborg", 4), ("Malmö", 2), ("Uppsala", 7), ("Västerås", 7),
    ("Örebro", 7), ("Linköping", 5), ("Helsingborg", 2), ("Jönköping", 5), ("Norrköping", 6),
    ("Lund", 2), ("Umeå", 9), ("Gävle", 8), ("Borås", 5), ("Eskilstuna", 6), ("Karlstad", 6),
    ("Växjö", 3), ("Halmstad", 3), ("Sundsvall", 8), ("Luleå", 9),
)  # fmt: skip
DOMAINS: Final = (
    "example.com", "example.org", "example.net", "exempel.se", "foretaget.se", "mejl.example.se",
)  # fmt: skip
# Fiction ranges: PTS (070-174 06 05..99, 031-390 06 xx, 040-628 04 xx, 08-465 004 xx).
SV_PHONES: Final = (
    ("070", "17406", range(5, 100)),
    ("031", "39006", range(100)),
    ("040", "62804", range(100)),
    ("08", "465004", range(100)),
)


def load_test_personnummer(data_dir: Path | None = None, min_year: int = 1940) -> list[str]:
    """Skatteverket's test numbers (12 digits), born ``min_year`` or later, in file order."""
    path = (data_dir or resolve_data_dir()) / "testpersonnummer"
    path = path / "testpersonnummer_skatteverket_all.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [row[0].strip() for row in csv.reader(handle) if row and row[0].strip().isdigit()]
    return [n for n in rows if len(n) == 12 and int(n[:4]) >= min_year]


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def ean13(rng: random.Random, prefix: str = "73") -> str:
    """A valid EAN-13 (GS1 Sweden prefix by default)."""
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(12 - len(prefix)))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def swedish_iban(rng: random.Random) -> str:
    bban = f"{rng.choice((500, 800, 300, 600, 120))}" + "".join(
        str(rng.randrange(10)) for _ in range(17)
    )
    numeric = int(bban + "281400")  # "SE00" moved to the end, S=28, E=14
    return f"SE{98 - numeric % 97:02d}{bban}"


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    last: str
    email: str
    phone: str
    personnummer: str  # as written (one of the usual forms)
    street: str
    postal_code: str
    town: str
    ip: str
    iban: str
    username: str
    birth_date: dt.date
    swedish: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


class SyntheticPeople:
    """Deterministic fake people; Swedish by default, English with probability ``english``."""

    def __init__(self, seed: int = 7, english: float = 0.3, data_dir: Path | None = None) -> None:
        self.rng = random.Random(seed)
        self.english = english
        self.numbers = load_test_personnummer(data_dir)
        self.rng.shuffle(self.numbers)
        self._next = 0

    def personnummer(self, style: str | None = None) -> str:
        number = self.numbers[self._next % len(self.numbers)]
        self._next += 1
        return format_personnummer(number, style or self.rng.choice(("long", "long", "short")))

    def phone(self, swedish: bool = True) -> str:
        rng = self.rng
        if not swedish:
            if rng.random() < 0.5:
                return f"+44 20 7946 0{rng.randrange(1000):03d}"
            return f"+1 {rng.choice((202, 415, 312))}-555-01{rng.randrange(100):02d}"
        area, stem, tail = rng.choice(SV_PHONES)
        digits = f"{area}{stem}{rng.choice(tail):02d}"
        national = digits[len(area) :]
        style = rng.randrange(4)
        if style == 0:
            return digits
        if style == 1:
            return f"+46{digits[1:]}"
        if style == 2:
            return f"+46 {area[1:]} {national[:3]} {national[3:5]} {national[5:]}".strip()
        return f"{area}-{national[:3]} {national[3:5]} {national[5:]}".strip()

    def ip(self) -> str:
        rng = self.rng
        kind = rng.randrange(10)
        if kind < 5:
            net = rng.choice(("192.0.2", "198.51.100", "203.0.113"))
            return f"{net}.{rng.randrange(1, 255)}"
        if kind < 8:
            return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        return f"2001:db8:{rng.randrange(1 << 16):x}::{rng.randrange(1, 1 << 16):x}"

    def person(self) -> Person:
        rng = self.rng
        swedish = rng.random() >= self.english
        first = rng.choice(SV_FIRST if swedish else EN_FIRST)
        last = rng.choice(SV_LAST if swedish else EN_LAST)
        number = self.numbers[self._next % len(self.numbers)]
        self._next += 1
        local = ascii_fold(f"{first}.{last}").lower().replace(" ", "")
        email = f"{local}{rng.randrange(100)}@{rng.choice(DOMAINS)}"
        town, region = rng.choice(TOWNS)
        postal = f"{region}{rng.randrange(10, 99)} {rng.randrange(10, 99)}"
        street = f"{rng.choice(STREETS)} {rng.randrange(1, 120)}"
        if rng.random() < 0.15:
            street += rng.choice("ABC")
        if rng.random() < 0.1:
            street += f" lgh {rng.randrange(1001, 1403)}"
        birth = dt.date(int(number[:4]), int(number[4:6]), int(number[6:8]) % 60 or 1)
        return Person(
            first=first,
            last=last,
            email=email,
            phone=self.phone(swedish),
            personnummer=format_personnummer(number, rng.choice(("long", "long", "short"))),
            street=street,
            postal_code=postal,
            town=town,
            ip=self.ip(),
            iban=swedish_iban(rng),
            username=ascii_fold(f"{first[0]}{last}{rng.randrange(10, 99)}").lower(),
            birth_date=birth,
            swedish=swedish,
        )

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def format_personnummer(number: str, style: str) -> str:
    """``long`` 19811218-9876, ``short`` 811218-9876, ``bare`` 198112189876."""
    if style == "short":
        return f"{number[2:8]}-{number[8:]}"
    if style == "bare":
        return number
    return f"{number[:8]}-{number[8:]}"

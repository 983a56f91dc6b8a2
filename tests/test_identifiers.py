"""The identifier extractor: a table of cases, and a property test that its fast path (joined
fields, search only around ``@`` and inside digit runs, memoised validation) finds exactly
what the plain patterns find field by field."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner import identifiers
from scanner.identifiers import Found, IdentifierExtractor
from scanner.normalize import normalise
from scanner.personnummer import parse_personnummer
from tests.conftest import skatteverket_numbers

PNR12 = next(n for n in skatteverket_numbers() if "1940" <= n[:4] < "2000")  # Skatteverket
PNR10 = f"{PNR12[2:8]}-{PNR12[8:]}"

CASES: list[tuple[str, bool, list[tuple[str, str]]]] = [
    ("mail Anna.Berg@Example.SE now", False, [("EMAIL_ADDRESS", "anna.berg@example.se")]),
    (
        "to=a@b.se from=noreply@example.se",
        False,
        [
            ("EMAIL_ADDRESS", "a@b.se"),
            ("EMAIL_ADDRESS", "noreply@example.se"),
        ],
    ),
    ("user@localhost and @handle", False, []),
    (f"pnr {PNR10} ok", False, [("SE_PERSONNUMMER", PNR12)]),
    (f"pnr {PNR12}", False, [("SE_PERSONNUMMER", PNR12)]),
    (f"{PNR12[2:]}", False, []),  # 10 bare digits: only in a personnummer field
    (f"{PNR12[2:]}", True, [("SE_PERSONNUMMER", PNR12)]),
    ("ring 070-123 45 67", False, [("PHONE_NUMBER", "+46701234567")]),
    ("sms_to=+46701234567 size=123", False, [("PHONE_NUMBER", "+46701234567")]),
    ("order 0701234567x", False, []),  # glued to a letter
    ("ean 7350053850019 v1.2.3 2024-10-01", False, []),
    ("ip 192.168.10.123 port 8080", False, []),
]


@pytest.mark.parametrize(("text", "bare", "expected"), CASES)
def test_extract_table(text: str, bare: bool, expected: list[tuple[str, str]]) -> None:
    found = [(f.entity_type, f.normalised) for f in IdentifierExtractor().extract(text, bare)]
    assert found == expected


def test_fields_are_attributed_and_ordered() -> None:
    texts = [("email", "x@y.se"), ("note", f"ring 08-123 456 78, pnr {PNR10}"), ("pnr", PNR12)]
    found = IdentifierExtractor().extract_fields(texts, {"pnr"})
    assert found == [
        ("email", Found("EMAIL_ADDRESS", "x@y.se")),
        ("note", Found("PHONE_NUMBER", "+46812345678")),
        ("note", Found("SE_PERSONNUMMER", PNR12)),
        ("pnr", Found("SE_PERSONNUMMER", PNR12)),
    ]


def test_no_match_crosses_fields() -> None:
    # "070-123" ends one field and "45 67 89" starts the next: no phone number across them.
    assert IdentifierExtractor().extract_fields([("a", "070-123"), ("b", "45 67 89")]) == []


def reference(texts: list[tuple[str | None, str]], bare: set[str | None]) -> list[tuple[str, str]]:
    """The plain patterns over each field, as the index worked before the fast path."""
    out: list[tuple[str, str]] = []
    for name, text in texts:
        hits: list[tuple[int, str, str]] = []
        for m in identifiers._EMAIL.finditer(text):
            hits.append((m.start(), "EMAIL_ADDRESS", normalise("EMAIL_ADDRESS", m.group("value"))))
        taken: list[tuple[int, int]] = []
        patterns = [identifiers._PNR] + ([identifiers._PNR_BARE10] if name in bare else [])
        for pattern in patterns:
            for m in pattern.finditer(text):
                parsed = parse_personnummer(m.group())
                if parsed is not None:
                    taken.append(m.span())
                    hits.append((m.start(), "SE_PERSONNUMMER", parsed.canonical))
        for m in identifiers._PHONE.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                number = phonenumbers.parse(m.group().strip(), "SE")
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                hits.append((m.start(), "PHONE_NUMBER", e164))
        out.extend((kind, value) for _, kind, value in sorted(hits))
    return out


PIECES = st.sampled_from(
    [
        "anna@example.se", "Per.Olsson@Firma.com", "a.b@c", "x@", "@", ".", "-", "+", " ", "/",
        ":", ",", "=", "q", "Å", "_", "0", "46", "070", "1234567", "08-123 45 67",
        "+46 70 123 45 67", "0046701234567", PNR12, PNR10, PNR12[2:], f"{PNR12[:8]}-{PNR12[8:]}",
        "2024-10-01T12:00:00Z", "192.0.2.1", "7350053850019", "v10.2.0.1",
    ]
)  # fmt: skip
FIELD = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "pnr", None]), FIELD), max_size=4))
def test_fast_path_equals_plain_patterns(texts: list[tuple[str | None, str]]) -> None:
    extractor = IdentifierExtractor(cache_size=8)  # small: the memo is cleared often
    fast = [(f.entity_type, f.normalised) for _, f in extractor.extract_fields(texts, {"pnr"})]
    assert fast == reference(texts, {"pnr"})


def test_spans_cover_exactly_the_values() -> None:
    text = f"ring 070-123 45 67 , mail Anna@Exempel.se, pnr {PNR10}."
    spans = IdentifierExtractor().spans(text)
    assert [(text[s:e], f.entity_type) for s, e, f in spans] == [
        ("070-123 45 67", "PHONE_NUMBER"),
        ("Anna@Exempel.se", "EMAIL_ADDRESS"),
        (PNR10, "SE_PERSONNUMMER"),
    ]


def test_ip_addresses_of_no_machine_are_no_identifiers() -> None:
    """A field of IP addresses indexes the machines' addresses only: 127.0.0.1, 0.0.0.0 or a
    netmask would link every record that holds them to one another."""
    extractor = IdentifierExtractor()
    found = extractor.ip_addresses("203.0.113.7, 127.0.0.1, 0.0.0.0, 255.255.255.0, ::1, 10.0.0.5")
    assert [f.normalised for f in found] == [
        normalise("IP_ADDRESS", "203.0.113.7"),
        normalise("IP_ADDRESS", "10.0.0.5"),
    ]

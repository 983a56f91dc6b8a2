"""Property tests: normalisation, fingerprints and masks."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scanner.fingerprint import Fingerprinter, KeyError_, load_or_create_key
from scanner.masking import mask
from scanner.normalize import normalise
from tests.conftest import skatteverket_numbers

NUMBERS = skatteverket_numbers()
KEY = b"k" * 32


def written_forms(canonical: str) -> list[str]:
    """The usual ways a 12-digit personnummer is written (all under 100 years old here)."""
    short = canonical[2:]
    return [canonical, f"{canonical[:8]}-{canonical[8:]}", short, f"{short[:6]}-{short[6:]}"]


@given(st.sampled_from([n for n in NUMBERS if n[:4] >= "1930"]))
def test_personnummer_forms_normalise_to_one(canonical: str) -> None:
    forms = {normalise("SE_PERSONNUMMER", form) for form in written_forms(canonical)}
    assert forms == {canonical}


@given(st.sampled_from(NUMBERS))
def test_centenarian_plus_separator(canonical: str) -> None:
    if canonical[:4] > "1925":
        return
    short = canonical[2:]
    assert normalise("SE_PERSONNUMMER", f"{short[:6]}+{short[6:]}") == canonical


@pytest.mark.parametrize(
    "written",
    ["070-123 45 67", "0701234567", "+46 70 123 45 67", "+46701234567", "0046 70-123 45 67"],
)
def test_phone_forms_normalise_to_e164(written: str) -> None:
    assert normalise("PHONE_NUMBER", written) == "+46701234567"


@given(
    st.from_regex(r"[A-Za-z][A-Za-z0-9._]{0,10}", fullmatch=True),
    st.sampled_from(["Example.SE", "foretag.se", "MAIL.co.uk"]),
)
def test_email_case_insensitive(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    assert normalise("EMAIL_ADDRESS", address) == normalise("EMAIL_ADDRESS", address.swapcase())


@given(
    st.sampled_from(["EMAIL_ADDRESS", "PHONE_NUMBER", "SE_PERSONNUMMER", "PERSON", "IBAN_CODE"]),
    st.text(),
)
@example("IBAN_CODE", "\u0339 \u0334")  # combining marks brought together by removing a space
def test_normalise_is_idempotent(entity_type: str, value: str) -> None:
    once = normalise(entity_type, value)
    assert normalise(entity_type, once) == once


@given(st.text(min_size=1), st.text(min_size=1))
def test_fingerprint_separates_values_and_types(a: str, b: str) -> None:
    fp = Fingerprinter(KEY)
    if normalise("PERSON", a) != normalise("PERSON", b):
        assert fp.fingerprint("PERSON", a) != fp.fingerprint("PERSON", b)
    assert fp.fingerprint("PERSON", a) != fp.fingerprint("USERNAME", a)
    assert len(fp.fingerprint("PERSON", a)) == 64


@given(st.sampled_from(NUMBERS))
def test_fingerprint_is_keyed_and_format_independent(canonical: str) -> None:
    one, other = Fingerprinter(KEY), Fingerprinter(b"x" * 32)
    prints = {one.fingerprint("SE_PERSONNUMMER", f) for f in written_forms(canonical)[:2]}
    assert len(prints) == 1
    assert one.fingerprint("SE_PERSONNUMMER", canonical) != other.fingerprint(
        "SE_PERSONNUMMER", canonical
    )
    assert canonical not in prints.pop()


def test_short_key_refused() -> None:
    with pytest.raises(KeyError_):
        Fingerprinter(b"short")
    assert "k" * 5 not in repr(Fingerprinter(KEY))


def test_key_file_created_0600_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "secret.key"
    first = load_or_create_key(path, environ={})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(path, environ={}) == first
    assert load_or_create_key(path, environ={"PDMAP_SECRET": "s" * 20}) == b"s" * 20
    os.chmod(path, 0o644)
    with pytest.raises(KeyError_, match="chmod 600"):
        load_or_create_key(path, environ={})
    with pytest.raises(KeyError_):
        load_or_create_key(path, environ={"PDMAP_SECRET": "short"})


@pytest.mark.parametrize(
    ("entity_type", "value", "expected"),
    [
        ("EMAIL_ADDRESS", "anna.svensson@foretag.se", "a***@f***.se"),
        ("SE_PERSONNUMMER", "19800119-2387", "19******-***7"),
        ("PHONE_NUMBER", "+46701234567", "+46*******67"),
        ("PERSON", "Anna Svensson", "A*** S***"),
    ],
)
def test_mask_examples(entity_type: str, value: str, expected: str) -> None:
    assert mask(entity_type, value) == expected


@settings(max_examples=300)
@given(
    st.sampled_from(
        [
            "EMAIL_ADDRESS",
            "SE_PERSONNUMMER",
            "PHONE_NUMBER",
            "PERSON",
            "IBAN_CODE",
            "CREDIT_CARD",
            "IP_ADDRESS",
        ]
    ),
    st.text(alphabet=st.characters(categories=["L", "N"]), min_size=4, max_size=40),
)
def test_mask_never_reveals_the_value(entity_type: str, value: str) -> None:
    masked = mask(entity_type, value)
    assert masked != value
    revealed = sum(ch.isalnum() for ch in masked)
    assert revealed <= max(1, sum(ch.isalnum() for ch in value) // 2)

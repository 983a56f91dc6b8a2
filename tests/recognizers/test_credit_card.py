from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "CREDIT_CARD"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card 4111 1111 1111 1111 exp 12/27", ["4111 1111 1111 1111"]),
        ("kortnummer 5500-0000-0000-0004", ["5500-0000-0000-0004"]),
        ("amex 3782 822463 10005", ["3782 822463 10005"]),
        ("What is the limit for card 4454794511390933?", ["4454794511390933"]),
        ("JCB card 180000000000002 lost", ["180000000000002"]),  # JCB's 15-digit range
        ("card 213100000000001 blocked", ["213100000000001"]),
        ("4111111111111112", []),  # Luhn fails
        ("EAN 7310865004703", []),  # not an issuer range
        ("order 1234567812345670", []),  # Luhn-valid, no issuer
        ("OCR 40000000000000000000", []),
        # outside the listed issuer ranges: a card only next to a card word
        ("my credit card 3590730093437731 has been lost", ["3590730093437731"]),
        ("What's your credit card? 3522235032377454", ["3522235032377454"]),
        ("Need to change billing date of my card 3593156708213738", ["3593156708213738"]),
        ("Betalkort 3521213764418045 spärrat", ["3521213764418045"]),
        ("Reference 3590730093437731 attached", []),
        ("reference 3590730093437731. Card payments settled", []),  # card word after it
    ],
)
def test_credit_card(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected

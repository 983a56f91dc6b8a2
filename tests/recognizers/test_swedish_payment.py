"""SE_BANKGIRO and SE_PLUSGIRO share this table: both need their context word."""

from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("Betala till bankgiro 5050-1055", "SE_BANKGIRO", ["5050-1055"]),
        ("BG 902-0033", "SE_BANKGIRO", ["902-0033"]),
        ("Order 5050-1055", "SE_BANKGIRO", []),
        ("bankgiro 5050-1056", "SE_BANKGIRO", []),  # Luhn fails
        ("Plusgiro 90 20 03-3", "SE_PLUSGIRO", ["90 20 03-3"]),
        ("pg 4-2", "SE_PLUSGIRO", ["4-2"]),
        ("Artikel 4-2", "SE_PLUSGIRO", []),
    ],
)
def test_payment_numbers(
    pattern_engine: DetectionEngine, text: str, entity_type: str, expected: list[str]
) -> None:
    assert of_type(pattern_engine, text, entity_type) == expected

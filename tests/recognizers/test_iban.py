from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "IBAN_CODE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN SE45 5000 0000 0583 9825 7466 SEK", ["SE45 5000 0000 0583 9825 7466"]),
        ("konto SE4550000000058398257466", ["SE4550000000058398257466"]),
        ("GB82 WEST 1234 5698 7654 32", ["GB82 WEST 1234 5698 7654 32"]),
        ("iban gb42nawi04454264788619", ["gb42nawi04454264788619"]),  # lower case
        ("DE89370400440532013000.", ["DE89370400440532013000"]),
        ("SE45 5000 0000 0583 9825 7467", []),  # check digits wrong
        ("SE4550000000058398257466123", []),  # too long for SE
        ("AB12 3456 7890 1234", []),
    ],
)
def test_iban(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected

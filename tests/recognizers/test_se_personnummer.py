from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "SE_PERSONNUMMER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Personnummer: 19800119-2387 tack", ["19800119-2387"]),
        ("pnr 800119-2387", ["800119-2387"]),
        ("född 190905271474 enligt kortet", ["190905271474"]),
        ("personnummer 8001192387", ["8001192387"]),  # bare 10 digits: context present
        ("over 100: 090527+1474", ["090527+1474"]),
        ("samordningsnummer 701063-2391", ["701063-2391"]),
        ('{"pnr": "198001192387"}', ["198001192387"]),
        # wrong check digit, impossible date, serial 000, future date
        ("personnummer 19800119-2386", []),
        ("personnummer 19801319-2387", []),
        ("personnummer 20150916-0006", []),
        ("personnummer 20990101-0009", []),
        # bare 10 digits without context: order numbers pass Luhn by chance
        ("Order 8001192387 shipped", []),
        # inside longer digit runs, IBANs, versions, phone numbers
        ("SE4550000000058001192387", []),
        ("id 1198001192387", []),
        ("build 19800119-2387.2", []),
        # organisationsnummer are not personnummer
        ("org 556036-0793", []),
        ("802005-1952", []),
    ],
)
def test_personnummer(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected

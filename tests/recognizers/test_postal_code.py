from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "POSTAL_CODE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postnummer 123 45", ["123 45"]),
        # a code after a town the gazetteer knows; not a year, not after a name
        ("Looking to support Factset in Bjert 6091 in its mission", ["6091"]),
        ("We met in Stockholm 2019.", []),
        ("Anna Lund 12345", []),
        ("Volvo 7000 bus", []),
        ("Postnr: 41263", ["41263"]),
        ("Orten är 753 20 Uppsala", ["753 20"]),
        ("My zip code is 94103", ["94103"]),
        ("ZIP: 1426", ["1426"]),
        ("postcode SW1A 1AA", ["SW1A 1AA"]),
        ("My zip code is 90010-170", ["90010-170"]),  # a Brazilian CEP after the label
        ("postnummer: 1234", ["1234"]),
        ("zip code 90010-170-55 is wrong", []),
        ("Order 94103 shipped", []),
        ("Pris 123 45 kr", []),
        ("Kungsvägen 3, 123 45 Stockholm", []),  # part of the street address
        # house numbers in front of a street, not a postnummer in front of a town
        ("lives at 846 31 Rue Al Imam Al Bakri, Cite Merzgui", []),
        ("a taxi to 124 67 Devon Street West\n Suite 240", []),
    ],
)
def test_postal_code(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected

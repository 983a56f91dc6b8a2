from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "STREET_ADDRESS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jag bor på Storgatan 12B sedan i fjol", ["Storgatan 12B"]),
        (
            "Ny adress: Kungsvägen 3, lgh 1102, 123 45 Stockholm.",
            ["Kungsvägen 3, lgh 1102, 123 45 Stockholm"],
        ),
        ("Björkstigen 7, 412 63 Göteborg", ["Björkstigen 7, 412 63 Göteborg"]),
        ("Leverans till Drottning Kristinas väg 5", ["Drottning Kristinas väg 5"]),
        ("Besöksadress Lilla Nygatan 4 A", ["Lilla Nygatan 4 A"]),
        ("Box 1234, 111 22 Stockholm", ["Box 1234, 111 22 Stockholm"]),
        ("Mäster Samuelsgränd 9", ["Mäster Samuelsgränd 9"]),
        ("Stortorget 2", ["Stortorget 2"]),
        ("He lives at 221B Baker Street, London", ["221B Baker Street"]),
        (
            "Ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500",
            ["1600 Pennsylvania Avenue NW, Washington, DC 20500"],
        ),
        ("Office: 350 Fifth Avenue Suite 300", ["350 Fifth Avenue Suite 300"]),
        ("Kiannonkatu 98", ["Kiannonkatu 98"]),
        ("The bus station is on Villacher Strasse 89", ["Villacher Strasse 89"]),
        ("Via dei Fiorentini 17", ["Via dei Fiorentini 17"]),
        # not addresses
        ("Gatan var våt efter regnet 12 gånger", []),
        ("Vi ses på Stockholm 2024", []),
        ("Release 2 Street Fighter", []),
        ("Beställning 12 av produkten", []),
    ],
)
def test_street_address(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected

from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "SE_ORGANISATIONSNUMMER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Volvo Car Corporation, org.nr 556074-3089", ["556074-3089"]),
        ("AP-fonden 802005-1952", ["802005-1952"]),
        ("organisationsnummer 5560743089", ["5560743089"]),
        ("orgnr 16-556074-3089", []),  # "16" prefix must be joined, not dashed
        ("orgnr 165560743089", ["165560743089"]),
        ("Invoice 5560743089 due", []),  # bare digits need context
        ("org.nr 556074-3088", []),  # Luhn fails
        ("IBAN SE45 5000 0000 0583 9825 7466", []),
        ("SE4555607430890000000000", []),
        ("ref 95560743089", []),
        ("personnummer 800119-2387", []),
    ],
)
def test_organisationsnummer(
    pattern_engine: DetectionEngine, text: str, expected: list[str]
) -> None:
    assert of_type(pattern_engine, text, T) == expected

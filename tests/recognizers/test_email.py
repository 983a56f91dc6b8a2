from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "EMAIL_ADDRESS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mejla anna.svensson@foretag.se", ["anna.svensson@foretag.se"]),
        ("user=anna.svensson@example.se action=login", ["anna.svensson@example.se"]),
        ('{"email":"Kalle.Anka+news@Example.COM"}', ["Kalle.Anka+news@Example.COM"]),
        ("<bo.ek@sub.domain.co.uk>", ["bo.ek@sub.domain.co.uk"]),
        ("mailto:åsa@exempel.se.", ["åsa@exempel.se"]),
        ("not an address: anna@localhost", []),
        ("image@2x.png", []),
        ("git@github", []),
        ("version 1.2@3.4", []),
    ],
)
def test_email(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected

from __future__ import annotations

import pytest

from scanner.categories import CategoryMap
from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "HEALTH_DATA"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jag är sjukskriven hela veckan och kan inte svara.", ["sjukskriven"]),
        ("Fick diagnosen diabetes i våras", ["diagnosen", "diabetes"]),
        ("I'm on sick leave until Monday", ["sick leave"]),
        ("She is pregnant and asked for a quieter desk", ["pregnant"]),
        # not health
        ("Beställ Allergivänlig tvättmedel-rea", []),
        ("The diagnostics tool reported an error", []),
        ("Cancerfonden-galan sänds ikväll", []),
    ],
)
def test_health_terms(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected


def test_health_is_an_undeclared_special_category() -> None:
    categories = CategoryMap()
    assert categories.categories_of(T) == ("special_category.health",)
    assert not categories.declared_by_policy(T)
    assert categories.declared_by_policy("EMAIL_ADDRESS")
    assert not categories.declared_by_policy(["EMAIL_ADDRESS", "IBAN_CODE"])

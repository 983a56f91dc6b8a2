from __future__ import annotations

import pytest

from scanner.context import find_context_word

VOCABULARY = ["tel", "telefon", "m:", "e-post", "date of birth"]


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("tel 0701234567", "0701234567", "tel"),
        ("telefonnummer: 0701234567", "0701234567", "telefon"),
        ("hotel 0701234567", "0701234567", None),  # a word must start with the entry
        ("m: 0701234567", "0701234567", "m:"),
        ("CRM: 0701234567", "0701234567", None),  # phrases too: "m:" is not in "CRM:"
        ("item: 0701234567", "0701234567", None),
        ("kontakt via e-post anna@example.se", "anna@example.se", "e-post"),
        ("Date of birth: 1980-01-19", "1980-01-19", "date of birth"),
        ("mandate of birthright 1980-01-19", "1980-01-19", None),
    ],
)
def test_find_context_word(text: str, value: str, expected: str | None) -> None:
    start = text.index(value)
    assert find_context_word(text, start, start + len(value), VOCABULARY) == expected

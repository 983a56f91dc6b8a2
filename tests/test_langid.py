"""scanner.langid: sv/en routing for NER, from function words, contact-block labels and
words with å/ä/ö."""

from __future__ import annotations

import pytest

from scanner.langid import LanguageGuesser, function_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hej! Kan du ringa mig i morgon om fakturan?", "sv"),
        ("Please call me tomorrow about the invoice.", "en"),
        ("Leveransadress: Storgatan 1, 411 19 Göteborg", "sv"),
        ("Mvh\nÅsa Öberg", "sv"),
        ("Anna Berg\nKungsgatan 5\nTelefon 070-123 45 67", "sv"),
        # address blocks in English with a Nordic name or town: labels decide, not letters
        ("Allan Björk\nScale Unlimited\nUnit 5022 Box 1225\nMobile: 0688 843 79 56", "en"),
        (">Matthew Abramov\n>727 Gesterbyntie 68\n>Suite 377\n>HYVINKÄÄ\n>Finland 41600", "en"),
        ("Maha Cazares\n\nChiclana de la Frontera\nSpain", "en"),  # "de la": not Swedish "de"
        ("Maybe it's under Magda K. Björklund", "en"),
        ("De har inte betalat.", "sv"),  # Swedish "de" still counts
        ("ORD-4471 2024-05-01", "en"),  # no signal: the default
    ],
)
def test_guess(text: str, expected: str) -> None:
    assert LanguageGuesser().guess(text) == expected


def test_default_language_on_ties() -> None:
    assert LanguageGuesser(default="sv").guess("ORD-4471 2024-05-01") == "sv"
    with pytest.raises(ValueError, match="default language"):
        LanguageGuesser(default="de")


@pytest.mark.parametrize(
    ("text", "count"),
    [("BankID 7.1.0.12", 0), ("Appen kraschar vid start", 1), ("it is the app", 2)],
)
def test_function_words_counts_up_to_the_limit(text: str, count: int) -> None:
    assert function_words(text) == count

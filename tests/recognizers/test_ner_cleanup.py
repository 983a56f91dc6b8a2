"""The NER recognizer's clean-up of PERSON mentions, model-independent: a mention is given as
the NER pipeline would report it (the ⟦bracketed⟧ part), and the table says what is kept."""

from __future__ import annotations

import pytest

from scanner.nlp import Mention, NerArtifacts
from scanner.recognizers import PdmapNerRecognizer


def person(marked: str) -> list[str]:
    start = marked.index("⟦")
    end = marked.index("⟧") - 1
    text = marked.replace("⟦", "").replace("⟧", "")
    found = PdmapNerRecognizer("sv").analyze(
        text, ["PERSON"], NerArtifacts([Mention(start, end, "PERSON")], "sv")
    )
    return [text[r.start : r.end] for r in found]


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        ("Ring ⟦Anna Berg⟧ i morgon.", ["Anna Berg"]),
        ("⟦Anna Berg's⟧ order", ["Anna Berg"]),
        # a hyphenated name NER cut in two is made whole
        ("Nästa steg: Simon-Eric ⟦Nilsson⟧ skickar avtalet.", ["Simon-Eric Nilsson"]),
        ('namn="⟦Ing-Marie⟧-Ingrid Fredriksson" pnr=x', ["Ing-Marie-Ingrid Fredriksson"]),
        ("⟦Anna⟧-Karin ringde.", ["Anna-Karin"]),
        ("Kontakta ⟦Anna⟧-Karin Lind i dag.", ["Anna-Karin Lind"]),
        ("ett Wi-Fi ⟦Problem⟧ igen", ["Problem"]),  # no hyphenated name before it
        # one word after a locative word is a place
        ("70 st i lager i ⟦Lund⟧, pris 9 781 kr.", []),
        ("Met Anna at the ⟦Austin⟧ conference.", []),
        ("She lives in ⟦Austin⟧ now.", []),
        ("Skicka kopian till ⟦Anna⟧ innan fredag.", ["Anna"]),
        ("i ⟦Anna Lind⟧s bil", ["Anna Lind"]),  # two words: not a place by this rule
        # stop words are not names, except those that are given names too
        ("⟦Det⟧ finns 70 st i lager.", []),
        ("⟦Per⟧ ringde i går.", ["Per"]),
        ("⟦Hans⟧ ringde i går.", ["Hans"]),
        # labels, companies, digits
        ("⟦E-post⟧: anna@exempel.se", []),
        ("⟦Ek⟧ & Lind Redovisning AB", []),
        ("⟦Anna2⟧ loggade in", []),
    ],
)
def test_person_mentions(marked: str, expected: list[str]) -> None:
    assert person(marked) == expected

from __future__ import annotations

import json

import pytest

from scanner.engine import DetectionEngine
from scanner.nlp import Mention, NerArtifacts
from scanner.recognizers.name_list import PdmapNameListRecognizer, find_names
from scanner.resources import PACKAGE_DIR, common_unlisted, person_names, place_names
from tests.conftest import of_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the verses from Emmie Ström's Cautionary Tales", ["Emmie Ström"]),
        ("Ring Anna Andersson på 070-123 45 67", ["Anna Andersson"]),
        ("What's the name on the account? User: Maja S Hermansen", ["Maja S Hermansen"]),
        ("Maja S. Hermansen", ["Maja S. Hermansen"]),
        ("återupprättade Maria Pietilä Holmner äran", ["Maria Pietilä"]),
        ("Meet Anna Maria Berg today", ["Anna Maria Berg"]),  # a given name before joins
        ("Anna-Karin Ek Berg", ["Anna-Karin Ek Berg"]),  # ... and a surname after
        ("eva kleist lives at the corner", []),  # kleist is in no list
        ("sometimes people call me leone mazzi", ["leone mazzi"]),  # a lower-case line
        ("Hej Leone Mazzi och leone mazzi", ["Leone Mazzi"]),  # a line with capitals
        # dates, times and phone numbers beside a name are not house numbers
        ("Anna Berg, 070-123 45 67", ["Anna Berg"]),
        ("Anna Berg 0701234567", ["Anna Berg"]),
        ("2024-03-01 Anna Berg ringde", ["Anna Berg"]),
        ("10:00 Anna Berg loggade in", ["Anna Berg"]),
        ("070-123 45 67 Anna Berg", ["Anna Berg"]),
        ("Anna Berg, AB Volvo", ["Anna Berg"]),  # a person at a company
        # not names
        ("Läs mer under Mina Sidor", []),  # a stop word starts it
        ("Captain Lorenzo Huff announced a delay", ["Lorenzo Huff"]),  # a rank is no name
        ("Sister Anna Berg called", ["Anna Berg"]),
        ("Renata Lind 07700 900456", ["Renata Lind"]),  # a phone number, not a house number
        ("Renata Lind 12", []),  # a house number
        ("plocka med hunden: först det ena benet", []),  # after a determiner
        ("He lives on the north side of Joaquin Suarez 2906.", []),  # a house number after
        ("these early shows on Berg Hills Street were", []),  # a street word after
        ("125 Green Lane, Oxford", []),
        ("to 124 67 Devon Street West", []),
        ("Victoria Close, Bristol", []),  # a street word as the surname
        ("12 Anna Andersson", []),  # a house number before
        ("located at 389 167 king alexander", []),  # lower case after any number
        ("Telefonsamtal med Ek Lind AB om fakturan.", []),  # a company form after
        ("ANNA ANDERSSON", []),  # all capitals: a heading, a code
        ("Anna andersson", []),  # written unlike each other
    ],
)
def test_find_names(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in find_names(text)] == expected


def test_pattern_engine_reports_a_listed_pair_without_ner(pattern_engine: DetectionEngine) -> None:
    assert of_type(pattern_engine, "Anteckning: ring Emmie Ström i morgon.", "PERSON") == [
        "Emmie Ström"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Shares fell on Monday, the Washington Post reported.",  # NER: an organisation
        "Uppgifterna bekräftas av Washington Post i dag.",
    ],
)
def test_ner_organisation_or_place_vetoes_a_pair(engine: DetectionEngine, text: str) -> None:
    pairs = [text[start:end] for start, end in find_names(text)]
    assert pairs, "the pair is in the lists; the veto is what this test is about"
    assert not set(pairs) & set(of_type(engine, text, "PERSON"))


def test_place_names_are_the_built_file() -> None:
    """The gazetteer is lower-cased place names from Faker's address providers, with Faker's
    MIT licence text."""
    raw = json.loads((PACKAGE_DIR / "data" / "place_names.json").read_text("utf-8"))
    assert raw["source"].startswith("Faker address providers")
    assert "Permission is hereby granted" in raw["license"]
    places = place_names()
    assert len(places.regions) > 5_000
    assert len(places.towns) > 20_000
    assert {"suriname", "georgia", "montserrat"} <= places.regions
    assert {"stockholm", "novo mesto", "linköping"} <= places.towns
    assert not places.regions & places.towns
    assert all(place == place.lower() for place in places.regions | places.towns)
    assert not places.knows("anna")


def test_lists_are_the_built_file() -> None:
    """The lists are lower-cased single words; the file says where they come from and carries
    Faker's MIT licence text, which must travel with them."""
    raw = json.loads((PACKAGE_DIR / "data" / "person_names.json").read_text("utf-8"))
    assert raw["source"].startswith("Faker person providers")
    assert raw["license"].startswith("Copyright (c) 2012 Daniele Faraglia")
    assert "Permission is hereby granted" in raw["license"]
    names = person_names()
    assert len(names.given) > 20_000
    assert len(names.surnames) > 20_000
    assert {"anna", "erik", "fatima", "mohammed"} <= names.given
    assert {"andersson", "lindqvist", "hermansen"} <= names.surnames
    assert all(name == name.lower() and " " not in name for name in names.given | names.surnames)
    # Cyrillic names also in Latin letters, not when the spelling is a common word
    assert {"yefremova", "efremova", "vasily"} <= names.surnames | names.given
    assert "agent" not in names.given
    assert names.knows("anna")
    assert names.knows("lindqvist")
    assert not names.knows("battery")
    assert common_unlisted("battery")
    assert not common_unlisted("anna")  # listed
    assert not common_unlisted("yefremova")  # no common word


@pytest.mark.parametrize(
    ("text", "organisation", "expected"),
    [
        ("Shares fell, the Washington Post reported.", "the Washington Post", []),
        ("User: Maja S Hermansen", "Maja S Hermansen", ["Maja S Hermansen"]),  # an initial
        ("Ring Anna Andersson i dag", "Ring", ["Anna Andersson"]),  # no overlap
    ],
)
def test_an_organisation_mention_vetoes_unless_a_middle_initial(
    text: str, organisation: str, expected: list[str]
) -> None:
    start = text.index(organisation)
    mention = Mention(start, start + len(organisation), "ORGANIZATION")
    recognizer = PdmapNameListRecognizer("en")
    results = recognizer.analyze(text, ["PERSON"], NerArtifacts([mention], "en"))
    assert [text[r.start : r.end] for r in results] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English lines without capitals: a listed given name and an unlisted, uncommon surname
        ("eva kleist lives at the corner", ["eva kleist"]),
        ("have you heard olga krylova speak yet?", ["olga krylova"]),
        ("i talked to maria yesterday about it", []),  # a common word after the given name
        ("said niyaga rajata", ["niyaga rajata"]),  # a very frequent word starts no pair
        ("@albina lmk when ur free", []),  # no vowel: no surname
        ("Eva Kleist lives at the corner", []),  # with capitals the lists must know both
        # a building or institution word after the pair
        ("where: cite ben hjel country club.", []),
        ("Anna Lind Hospital is closed.", []),
        ("Anna Lind media contacts are listed below", ["Anna Lind"]),  # lower case: not a name's
    ],
)
def test_find_names_with_unknown_surnames(text: str, expected: list[str]) -> None:
    found = find_names(text, unknown_surnames=True)
    assert [text[start:end] for start, end in found] == expected

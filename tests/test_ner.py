"""The NER pipelines through the full engine: Swedish (pdmap's model) and English."""

from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from scanner.nlp import NerArtifacts, PdmapNlpEngine, worth_ner
from tests.conftest import of_type


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Igår träffade statsministern Magdalena Andersson representanter från Volvo.",
            "sv",
            ["Magdalena Andersson"],
        ),
        (
            "Handläggaren Karin Lindström ringde tillbaka under eftermiddagen.",
            "sv",
            ["Karin Lindström"],
        ),
        ("Yesterday John Smith met the board in London.", "en", ["John Smith"]),
        ("Please forward the invoice to Sarah Connor before Friday.", "en", ["Sarah Connor"]),
        # no people
        ("Leveransen från lagret i Göteborg är försenad.", "sv", []),
        ("The order shipped on Monday and arrives next week.", "en", []),
    ],
)
def test_person_names(
    engine: DetectionEngine, text: str, language: str, expected: list[str]
) -> None:
    assert engine.language_of(text) == language
    assert of_type(engine, text, "PERSON") == expected


def test_location_from_ner(engine: DetectionEngine) -> None:
    assert "Göteborg" in of_type(
        engine, "Leveransen från lagret i Göteborg är försenad.", "LOCATION"
    )


@pytest.mark.parametrize(
    ("text", "worth"),
    [
        ("John lives here", True),
        ("What is the limit for card 4111?", False),
        ('{"level":"info","msg":"Anna logged in"}', False),
        (
            '203.0.113.7 - - [10/Oct/2024:13:55:36 +0200] "GET / HTTP/1.1" 200 12 "-" "Mozilla"',
            False,
        ),
        ("2024-01-01 INFO user=a action=login status=ok", False),
        ("lowercase only text", False),
    ],
)
def test_ner_runs_only_where_it_can_find_something(text: str, worth: bool) -> None:
    assert worth_ner(text) is worth


def test_long_texts_are_chunked_with_absolute_offsets(engine: DetectionEngine) -> None:
    filler = "Det här är en mening utan namn. " * 2000  # ~64k characters, several chunks
    text = filler + "Mötet leddes av Karin Lindström i Uppsala. " + filler
    nlp_engine = engine.nlp_engine
    assert isinstance(nlp_engine, PdmapNlpEngine)
    (artifacts,) = nlp_engine.process_many([text], "sv")
    assert isinstance(artifacts, NerArtifacts)
    people = [text[m.start : m.end] for m in artifacts.mentions if m.label == "PERSON"]
    assert people == ["Karin Lindström"]

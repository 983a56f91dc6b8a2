"""scanner.engine.resolve_overlaps: one entity per character."""

from __future__ import annotations

from presidio_analyzer import RecognizerResult

from scanner.engine import resolve_overlaps
from scanner.recognizers import PdmapNerRecognizer


def result(entity: str, start: int, end: int, score: float, ner: bool = False) -> RecognizerResult:
    name = PdmapNerRecognizer.__name__ if ner else "Pattern"
    return RecognizerResult(
        entity, start, end, score, recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: name}
    )


def spans(results: list[RecognizerResult]) -> list[tuple[str, int, int]]:
    return [(r.entity_type, r.start, r.end) for r in resolve_overlaps(results)]


def test_a_span_inside_a_longer_one_of_its_type_gives_way_whatever_its_score() -> None:
    # an address's context-boosted unit line does not cut the whole address short
    found = [result("STREET_ADDRESS", 30, 50, 0.85), result("STREET_ADDRESS", 10, 50, 0.8)]
    assert spans(found) == [("STREET_ADDRESS", 10, 50)]


def test_a_postcode_inside_an_address_is_part_of_it() -> None:
    found = [
        result("POSTAL_CODE", 32, 38, 0.95),  # "123 45", boosted by "ort"
        result("STREET_ADDRESS", 19, 42, 0.9),  # "Storgatan 3, 123 45 Ort"
        result("PERSON", 39, 42, 0.85, ner=True),  # "Ort"
        result("POSTAL_CODE", 50, 56, 0.6),  # a postcode on its own stays
    ]
    assert spans(found) == [("STREET_ADDRESS", 19, 42), ("POSTAL_CODE", 50, 56)]


def test_other_overlaps_by_origin_then_score_then_length() -> None:
    found = [
        result("LOCATION", 10, 30, 0.9, ner=True),
        result("STREET_ADDRESS", 5, 20, 0.6),
        result("PHONE_NUMBER", 40, 52, 0.5),
        result("SE_PERSONNUMMER", 40, 53, 1.0),
        result("POSTAL_CODE", 60, 66, 0.6),
        result("POSTAL_CODE", 60, 66, 0.6),  # the same span twice: one is kept
    ]
    assert spans(found) == [
        ("STREET_ADDRESS", 5, 20),
        ("SE_PERSONNUMMER", 40, 53),
        ("POSTAL_CODE", 60, 66),
    ]


def test_many_results_stay_fast() -> None:
    found = [result("EMAIL_ADDRESS", i * 10, i * 10 + 8, 1.0) for i in range(50_000)]
    found += [result("EMAIL_ADDRESS", i * 10 + 2, i * 10 + 6, 0.9) for i in range(50_000)]
    assert len(resolve_overlaps(found)) == 50_000

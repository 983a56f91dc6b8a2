"""Table tests of benchmarks.scoring (token level and span level)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from benchmarks.scoring import Counts, Document, Span, evaluate, span_level, token_level, tokenize

# Tokens: Call(0-4) Anna(5-9) Svensson(10-18) at(19-21) 070(22-25) 123(26-29) 45(30-32) 67(33-35)
TEXT = "Call Anna Svensson at 070-123 45 67 today."
PERSON = Span(5, 18, "PERSON")
PHONE = Span(22, 35, "PHONE_NUMBER")
GOLD = (PERSON, PHONE)
SCORED = frozenset({"PERSON", "PHONE_NUMBER"})

Expected = Mapping[str, tuple[int, int, int]]  # entity type -> (tp, fp, fn)

CASES: list[tuple[str, Sequence[Span], Expected, Expected, list[tuple[str, str, str]]]] = [
    # name, predictions, token-level counts, span-level counts, span errors (kind, category, type)
    (
        "perfect",
        [PERSON, PHONE],
        {"PERSON": (2, 0, 0), "PHONE_NUMBER": (4, 0, 0)},
        {"PERSON": (1, 0, 0), "PHONE_NUMBER": (1, 0, 0)},
        [],
    ),
    (
        "missing",
        [PERSON],
        {"PERSON": (2, 0, 0), "PHONE_NUMBER": (0, 0, 4)},
        {"PERSON": (1, 0, 0), "PHONE_NUMBER": (0, 0, 1)},
        [("FN", "missed", "PHONE_NUMBER")],
    ),
    (
        "spurious",
        [Span(0, 4, "PERSON"), PERSON, PHONE],
        {"PERSON": (2, 1, 0), "PHONE_NUMBER": (4, 0, 0)},
        {"PERSON": (1, 1, 0), "PHONE_NUMBER": (1, 0, 0)},
        [("FP", "spurious", "PERSON")],
    ),
    (
        "partial overlap >= 50% of the longer span",
        [PERSON, Span(22, 32, "PHONE_NUMBER")],  # "070-123 45": 10 of 13 chars
        {"PERSON": (2, 0, 0), "PHONE_NUMBER": (3, 0, 1)},
        {"PERSON": (1, 0, 0), "PHONE_NUMBER": (1, 0, 0)},
        [],
    ),
    (
        "partial overlap < 50% of the longer span",
        [Span(5, 9, "PERSON"), PHONE],  # "Anna": 4 of 13 chars
        {"PERSON": (1, 0, 1), "PHONE_NUMBER": (4, 0, 0)},
        {"PERSON": (0, 1, 1), "PHONE_NUMBER": (1, 0, 0)},
        [("FN", "boundary", "PERSON"), ("FP", "boundary", "PERSON")],
    ),
    (
        "wrong type",
        [Span(5, 18, "PHONE_NUMBER"), PHONE],
        {"PERSON": (0, 0, 2), "PHONE_NUMBER": (4, 2, 0)},
        {"PERSON": (0, 0, 1), "PHONE_NUMBER": (1, 1, 0)},
        [("FN", "wrong_type", "PERSON"), ("FP", "wrong_type", "PHONE_NUMBER")],
    ),
    (
        "unscored predicted type is ignored",
        [Span(5, 18, "LOCATION"), Span(36, 41, "DATE_TIME"), PHONE],
        {"PERSON": (0, 0, 2), "PHONE_NUMBER": (4, 0, 0)},
        {"PERSON": (0, 0, 1), "PHONE_NUMBER": (1, 0, 0)},
        [("FN", "missed", "PERSON")],
    ),
    (
        "surrounding whitespace is trimmed",
        [Span(4, 19, "PERSON"), Span(21, 35, "PHONE_NUMBER")],
        {"PERSON": (2, 0, 0), "PHONE_NUMBER": (4, 0, 0)},
        {"PERSON": (1, 0, 0), "PHONE_NUMBER": (1, 0, 0)},
        [],
    ),
    (
        "duplicate predictions count once",
        [PERSON, PERSON, PHONE],
        {"PERSON": (2, 0, 0), "PHONE_NUMBER": (4, 0, 0)},
        {"PERSON": (1, 0, 0), "PHONE_NUMBER": (1, 0, 0)},
        [],
    ),
    (
        "two predictions for one gold span: one matches, one is spurious",
        [PERSON, Span(5, 14, "PERSON"), PHONE],
        {"PERSON": (2, 0, 0), "PHONE_NUMBER": (4, 0, 0)},
        {"PERSON": (1, 1, 0), "PHONE_NUMBER": (1, 0, 0)},
        [("FP", "boundary", "PERSON")],
    ),
]


def _counts(per_type: Mapping[str, Counts]) -> dict[str, tuple[int, int, int]]:
    return {entity_type: (c.tp, c.fp, c.fn) for entity_type, c in per_type.items()}


@pytest.mark.parametrize(
    ("name", "pred", "token_expected", "span_expected", "errors_expected"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_scorer_table(
    name: str,
    pred: Sequence[Span],
    token_expected: Expected,
    span_expected: Expected,
    errors_expected: list[tuple[str, str, str]],
) -> None:
    doc = Document("d1", TEXT, GOLD, pred)
    assert _counts(token_level([doc], SCORED).per_type) == dict(token_expected), name
    span_scores, errors = span_level([doc], SCORED)
    assert _counts(span_scores.per_type) == dict(span_expected), name
    assert sorted((e.kind, e.category, e.entity_type) for e in errors) == sorted(errors_expected)


def test_tokenize_splits_on_whitespace_and_punctuation() -> None:
    spans = tokenize(TEXT)
    assert [TEXT[s:e] for s, e in spans] == [
        "Call",
        "Anna",
        "Svensson",
        "at",
        "070",
        "123",
        "45",
        "67",
        "today",
    ]


def test_exact_mode_rejects_boundary_difference() -> None:
    doc = Document("d1", TEXT, GOLD, [PERSON, Span(22, 32, "PHONE_NUMBER")])
    span_scores, errors = span_level([doc], SCORED, match="exact")
    assert _counts(span_scores.per_type) == {"PERSON": (1, 0, 0), "PHONE_NUMBER": (0, 1, 1)}
    assert {e.category for e in errors} == {"boundary"}


def test_token_level_prefers_the_higher_score_on_overlap() -> None:
    pred = [Span(5, 18, "PHONE_NUMBER", score=0.4), Span(5, 18, "PERSON", score=0.9), PHONE]
    doc = Document("d1", TEXT, GOLD, pred)
    assert _counts(token_level([doc], SCORED).per_type) == {
        "PERSON": (2, 0, 0),
        "PHONE_NUMBER": (4, 0, 0),
    }


def test_micro_average_and_ratios() -> None:
    docs = [
        Document("perfect", TEXT, GOLD, [PERSON, PHONE]),
        Document("spurious-and-missing", TEXT, GOLD, [Span(0, 4, "PERSON"), PERSON]),
        Document("no-gold", "nothing here", [], []),
    ]
    result = evaluate(docs, SCORED)
    micro = result.span.micro
    assert (micro.tp, micro.fp, micro.fn) == (3, 1, 1)
    assert micro.precision == pytest.approx(0.75)
    assert micro.recall == pytest.approx(0.75)
    assert micro.f1 == pytest.approx(0.75)
    assert result.token.micro.support == 12


def test_undefined_ratios_are_none() -> None:
    doc = Document("d1", TEXT, [], [])
    scores = token_level([doc], SCORED)
    assert scores.micro.precision is None
    assert scores.micro.recall is None
    assert scores.micro.f1 is None
    missing = token_level([Document("d2", TEXT, GOLD, [])], SCORED).micro
    assert (missing.precision, missing.recall, missing.f1) == (None, 0.0, 0.0)

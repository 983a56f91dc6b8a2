"""Token-level and span-level precision / recall / F1 for entity detection.

Both levels only look at the *scored* entity types of a data set. Gold spans and predicted spans of
any other type (e.g. Presidio's LOCATION, ORGANIZATION, DATE_TIME, NRP, URL, US_SSN) are dropped
before scoring, so they are neither rewarded nor punished.

Token level (modelled on presidio-research's evaluator)
    The text is split into tokens with the regex ``\\w+`` (runs of Unicode letters, digits and
    ``_``); whitespace and punctuation separate tokens and are not tokens themselves, so the
    inclusion of a trailing ``.`` or of the ``-`` inside a phone number never changes a score. Each
    token gets

    * the gold type of the gold span that overlaps it most (``O`` if none), and
    * the predicted type of the overlapping predicted span with the highest score (ties: larger
      overlap, then longer span, then type name); ``O`` if none.

    For every token with gold ``g`` and prediction ``p``: ``g == p != O`` is a true positive of
    ``g``; otherwise ``p != O`` is a false positive of ``p`` and ``g != O`` a false negative of
    ``g`` (a wrong type is both). Long entities (addresses) weigh more than short ones at this
    level.

Span level (one-to-one matching, "overlap" rule by default)
    Spans are trimmed of surrounding whitespace. A predicted span *matches* a gold span of the same
    type when their character overlap is at least 50 % of the longer of the two
    (``overlap / max(len_gold, len_pred) >= 0.5``). Matching is one-to-one and greedy, best ratio
    first. Matched pairs are true positives; unmatched gold spans are false negatives, unmatched
    predicted spans false positives. ``match="exact"`` requires identical (trimmed) boundaries
    instead. Each error is classified for error analysis: ``missed`` / ``spurious`` (nothing of any
    scored type overlaps), ``wrong_type`` (overlapped by a span of another type), ``boundary``
    (overlapped by a span of the same type that failed the 50 % / exact rule).

Micro averages add the per-type counts. ``F1 = 2TP / (2TP + FP + FN)``; precision or recall with an
empty denominator is undefined (``None``, printed as ``-``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

OUTSIDE: Final[str] = "O"
TOKEN_RE: Final[re.Pattern[str]] = re.compile(r"\w+")
OVERLAP_THRESHOLD: Final[float] = 0.5

MatchMode = Literal["overlap", "exact"]
ErrorKind = Literal["FP", "FN"]
ErrorCategory = Literal["missed", "spurious", "wrong_type", "boundary"]


@dataclass(frozen=True)
class Span:
    """A character span ``text[start:end]`` labelled ``entity_type`` (``score`` is 1.0 for gold)."""

    start: int
    end: int
    entity_type: str
    score: float = 1.0

    def __len__(self) -> int:
        return max(0, self.end - self.start)


@dataclass(frozen=True)
class Document:
    """One text with its gold and predicted spans."""

    id: str
    text: str
    gold: Sequence[Span]
    pred: Sequence[Span]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one type (or of all: micro)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        denominator = self.tp + self.fp
        return self.tp / denominator if denominator else None

    @property
    def recall(self) -> float | None:
        denominator = self.tp + self.fn
        return self.tp / denominator if denominator else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(frozen=True)
class Scores:
    """Per-type counts (every scored type present, possibly all zero) and their micro average."""

    per_type: Mapping[str, Counts]
    micro: Counts


@dataclass(frozen=True)
class ErrorCase:
    """One span-level error: a false positive (``span`` predicted) or a false negative (``span``
    gold)."""

    doc_id: str
    kind: ErrorKind
    category: ErrorCategory
    entity_type: str
    span: Span
    other: Span | None = None


@dataclass(frozen=True)
class Evaluation:
    token: Scores
    span: Scores
    errors: tuple[ErrorCase, ...] = field(default_factory=tuple)


def _trim(text: str, span: Span) -> Span:
    start, end = max(0, span.start), min(len(text), span.end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, span.entity_type, span.score)


def _filter(text: str, spans: Iterable[Span], scored_types: frozenset[str]) -> list[Span]:
    """Keep spans of scored types, trimmed, non-empty, de-duplicated (highest score kept)."""
    best: dict[tuple[int, int, str], Span] = {}
    for span in spans:
        if span.entity_type not in scored_types:
            continue
        trimmed = _trim(text, span)
        if trimmed.end <= trimmed.start:
            continue
        key = (trimmed.start, trimmed.end, trimmed.entity_type)
        if key not in best or trimmed.score > best[key].score:
            best[key] = trimmed
    return sorted(best.values(), key=lambda s: (s.start, s.end, s.entity_type))


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def overlap_ratio(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Shared characters over the longer span's length: two spans match at span level when
    this is at least :data:`OVERLAP_THRESHOLD`."""
    return _overlap(a_start, a_end, b_start, b_end) / max(a_end - a_start, b_end - b_start)


def _empty_counts(scored_types: Iterable[str]) -> dict[str, Counts]:
    return {entity_type: Counts() for entity_type in sorted(scored_types)}


def _micro(per_type: Mapping[str, Counts]) -> Counts:
    micro = Counts()
    for counts in per_type.values():
        micro.add(counts)
    return micro


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character offsets of the scoring tokens of ``text``."""
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def _gold_tag(start: int, end: int, gold: Sequence[Span]) -> str:
    best_type, best_overlap = OUTSIDE, 0
    for span in gold:
        overlap = _overlap(start, end, span.start, span.end)
        if overlap > best_overlap:
            best_type, best_overlap = span.entity_type, overlap
    return best_type


def _pred_tag(start: int, end: int, pred: Sequence[Span]) -> str:
    candidates = [
        (-span.score, -overlap, -len(span), span.entity_type)
        for span in pred
        if (overlap := _overlap(start, end, span.start, span.end)) > 0
    ]
    # Highest score first, then larger overlap, then longer span, then the smaller type name.
    return min(candidates)[3] if candidates else OUTSIDE


def token_level(documents: Iterable[Document], scored_types: Iterable[str]) -> Scores:
    """Token-level scores (see module docstring)."""
    types = frozenset(scored_types)
    per_type = _empty_counts(types)
    for doc in documents:
        gold = _filter(doc.text, doc.gold, types)
        pred = _filter(doc.text, doc.pred, types)
        if not gold and not pred:
            continue
        for start, end in tokenize(doc.text):
            g = _gold_tag(start, end, gold)
            p = _pred_tag(start, end, pred)
            if g == p:
                if g != OUTSIDE:
                    per_type[g].tp += 1
                continue
            if p != OUTSIDE:
                per_type[p].fp += 1
            if g != OUTSIDE:
                per_type[g].fn += 1
    return Scores(per_type=per_type, micro=_micro(per_type))


def _matches(gold: Span, pred: Span, match: MatchMode) -> float:
    """Match quality in (0, 1] when ``pred`` matches ``gold`` under ``match``, else 0."""
    if gold.entity_type != pred.entity_type:
        return 0.0
    if match == "exact":
        return 1.0 if (gold.start, gold.end) == (pred.start, pred.end) else 0.0
    ratio = overlap_ratio(gold.start, gold.end, pred.start, pred.end)
    return ratio if ratio >= OVERLAP_THRESHOLD else 0.0


def _classify(span: Span, others: Sequence[Span]) -> tuple[ErrorCategory | None, Span | None]:
    """How an unmatched span relates to the spans on the other side (``None``: no overlap at
    all)."""
    same: Span | None = None
    different: Span | None = None
    for other in others:
        if _overlap(span.start, span.end, other.start, other.end) <= 0:
            continue
        if other.entity_type == span.entity_type:
            same = same or other
        else:
            different = different or other
    if same is not None:
        return "boundary", same
    if different is not None:
        return "wrong_type", different
    return None, None


def span_level(
    documents: Iterable[Document],
    scored_types: Iterable[str],
    match: MatchMode = "overlap",
) -> tuple[Scores, list[ErrorCase]]:
    """Span-level scores and the list of errors (see module docstring)."""
    types = frozenset(scored_types)
    per_type = _empty_counts(types)
    errors: list[ErrorCase] = []
    for doc in documents:
        gold = _filter(doc.text, doc.gold, types)
        pred = _filter(doc.text, doc.pred, types)
        candidates: list[tuple[float, int, int]] = []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(pred):
                quality = _matches(g, p, match)
                if quality > 0:
                    candidates.append((quality, gi, pi))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        matched_gold: set[int] = set()
        matched_pred: set[int] = set()
        for _, gi, pi in candidates:
            if gi in matched_gold or pi in matched_pred:
                continue
            matched_gold.add(gi)
            matched_pred.add(pi)
            per_type[gold[gi].entity_type].tp += 1
        for gi, g in enumerate(gold):
            if gi in matched_gold:
                continue
            per_type[g.entity_type].fn += 1
            category, other = _classify(g, pred)
            errors.append(ErrorCase(doc.id, "FN", category or "missed", g.entity_type, g, other))
        for pi, p in enumerate(pred):
            if pi in matched_pred:
                continue
            per_type[p.entity_type].fp += 1
            category, other = _classify(p, gold)
            errors.append(ErrorCase(doc.id, "FP", category or "spurious", p.entity_type, p, other))
    return Scores(per_type=per_type, micro=_micro(per_type)), errors


def evaluate(
    documents: Sequence[Document],
    scored_types: Iterable[str],
    match: MatchMode = "overlap",
) -> Evaluation:
    """Token-level and span-level scores of ``documents`` plus the span-level errors."""
    types = frozenset(scored_types)
    token_scores = token_level(documents, types)
    span_scores, errors = span_level(documents, types, match)
    return Evaluation(token=token_scores, span=span_scores, errors=tuple(errors))


def format_ratio(value: float | None, digits: int = 3) -> str:
    """``0.912`` style, ``-`` for an undefined value."""
    return "-" if value is None else f"{value:.{digits}f}"

"""Field-level classification: which entity types a column, key or log field holds.

For each field the sampled values are run through the detector with the field's name as
context. A *structured* field (short values) is classified by the share of values a validated
recognizer covers almost entirely; a *free-text* field (sentences, messages) by what the full
detector, NER included, finds in it, several types at once. Values that cannot be validated
(first names, streets, towns, user names) are classified by shape when the name hints at them.
Decoys (SKUs, EAN codes, prices, versions, settings, timestamps, random ids) do not validate,
or lack the context their weak patterns need, so they stay clean.

Only this module and the recognizers see raw values; results carry counts, confidences,
fingerprints and masked previews.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from scanner.columns import ColumnHints, name_tokens
from scanner.engine import Detection, DetectionEngine
from scanner.fingerprint import Fingerprinter
from scanner.masking import mask

__all__ = ["FieldClassifier", "FieldResult", "value_text"]

_NAME_SHAPE = re.compile(
    r"^[A-ZÅÄÖÉÜ][a-zåäöéüæøáíóúñ'’\-]+(?:[ \-][A-ZÅÄÖÉÜ][a-zåäöéüæøáíóúñ'’\-]+){0,3}$"
)
_PLACE_SHAPE = re.compile(r"^[A-ZÅÄÖÉÜ][\w'’\-]+(?:[ \-][\wÅÄÖåäö'’\-]+){0,3}$")
_STREET_SHAPE = re.compile(r"^(?=.*\d)(?=.*[A-Za-zÅÄÖåäö]{3})[\w .,'/\-]{4,80}$")
_USER_SHAPE = re.compile(r"^[A-Za-z][\w.\-]{1,63}$")
_SHAPES = {
    "PERSON": _NAME_SHAPE,
    "LOCATION": _PLACE_SHAPE,
    "STREET_ADDRESS": _STREET_SHAPE,
    "USERNAME": _USER_SHAPE,
}
# A field name that says "this is not that": a version is not an IP address.
_NOT_HINTS = {
    "IP_ADDRESS": frozenset(
        {"version", "ver", "build", "release", "firmware", "fw", "oid", "agent"}
    ),
    "PHONE_NUMBER": frozenset(
        {"sku", "ean", "gtin", "isbn", "order", "invoice", "amount", "price"}
    ),
    "CREDIT_CARD": frozenset({"ean", "gtin", "isbn", "sku", "ocr", "tracking"}),
}
_FREE_TEXT_WORDS = 4
_MAX_PREVIEWS = 3
_MAX_FINGERPRINTS = 1000


@dataclass(frozen=True, slots=True)
class FieldResult:
    """One entity type found in one field."""

    field: str | None
    entity_type: str
    count: int  # sampled values holding the type
    sampled: int  # non-empty values examined
    confidence: float
    previews: tuple[str, ...] = ()
    fingerprints: tuple[str, ...] = ()


def value_text(value: Any) -> str | None:
    """The text of a stored value, or None for binary or empty values."""
    if isinstance(value, str):  # the common case first: logs and objects give only text
        return value if value and not value.isspace() else None
    if value is None or isinstance(value, (bytes, bytearray, memoryview)):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float | Decimal | int) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return text if text.strip() else None


class FieldClassifier:
    """Classifies fields from sampled values; built once per worker."""

    def __init__(
        self,
        engine: DetectionEngine,
        hints: ColumnHints,
        fingerprinter: Fingerprinter | None = None,
        min_share: float = 0.5,
        min_share_hinted: float = 0.2,
        max_distinct: int = 300,
    ) -> None:
        self.engine = engine
        self.hints = hints
        self.fingerprinter = fingerprinter
        self.min_share = min_share
        self.min_share_hinted = min_share_hinted
        self.max_distinct = max_distinct  # distinct values examined per field (a sample)

    def classify(self, field: str | None, values: Sequence[Any]) -> list[FieldResult]:
        texts = [t for t in (value_text(v) for v in values) if t is not None]
        if not texts:
            return []
        hinted = self.hints.hint(field)
        tokens = name_tokens(field) if field else ()
        free_text = field is None or _mean_words(texts) >= _FREE_TEXT_WORDS
        # Each distinct value is detected once and weighted by how often it occurs
        # (status columns, repeated names and towns are the common case).
        weights = Counter(texts)
        distinct = list(weights)[: self.max_distinct]
        found = self.engine.detect_batch(
            distinct, context=tokens, ner=free_text or bool(hinted & {"PERSON", "LOCATION"})
        )
        blocked = {t for t, words in _NOT_HINTS.items() if words & set(tokens)}
        per_type: dict[str, list[tuple[int, str, float]]] = {}
        for index, (text, detections) in enumerate(zip(distinct, found, strict=True)):
            for entity_type, value, score in _per_value(text, detections, whole=not free_text):
                if entity_type not in blocked:
                    per_type.setdefault(entity_type, []).append((index, value, score))
        results = []
        n = sum(weights[text] for text in distinct)
        for entity_type, hits in per_type.items():
            values_with = sum(weights[distinct[index]] for index in {i for i, _, _ in hits})
            share = values_with / n
            total = sum(weights[distinct[i]] for i, _, _ in hits)
            mean_score = sum(weights[distinct[i]] * score for i, _, score in hits) / total
            if free_text:
                if values_with < min(2, n):
                    continue
                confidence = mean_score * min(1.0, 0.5 + values_with / 10)
            else:
                needed = self.min_share_hinted if entity_type in hinted else self.min_share
                if share < needed:
                    continue
                confidence = share * mean_score + (0.1 if entity_type in hinted else 0.0)
            values = [value for _, value, _ in hits]
            results.append(self._result(field, entity_type, values, values_with, n, confidence))
        for entity_type in hinted & _SHAPES.keys() - per_type.keys():
            shaped = [t for t in distinct if _SHAPES[entity_type].match(t.strip())]
            count = sum(weights[t] for t in shaped)
            if count / n >= 0.6:
                confidence = 0.8 * count / n
                results.append(self._result(field, entity_type, shaped, count, n, confidence))
        return sorted(results, key=lambda r: (-r.confidence, r.entity_type))

    def _result(
        self,
        field: str | None,
        entity_type: str,
        values: list[str],
        count: int,
        sampled: int,
        confidence: float,
    ) -> FieldResult:
        distinct = list(dict.fromkeys(values))
        fingerprints: tuple[str, ...] = ()
        if self.fingerprinter is not None:
            fingerprints = tuple(
                self.fingerprinter.fingerprint(entity_type, v) for v in distinct[:_MAX_FINGERPRINTS]
            )
        return FieldResult(
            field=field,
            entity_type=entity_type,
            count=count,
            sampled=sampled,
            confidence=round(min(0.99, confidence), 3),
            previews=tuple(mask(entity_type, v) for v in distinct[:_MAX_PREVIEWS]),
            fingerprints=fingerprints,
        )


def _per_value(text: str, detections: list[Detection], whole: bool) -> list[tuple[str, str, float]]:
    """(type, value, score) per entity; for structured values only entities covering >= 80%."""
    significant = len(text.strip())
    out = []
    for d in detections:
        value = text[d.start : d.end]
        if whole and len(value.strip()) < 0.8 * significant:
            continue
        out.append((d.entity_type, value, d.score))
    return out


def _mean_words(texts: Sequence[str]) -> float:
    return sum(len(t.split()) for t in texts) / len(texts)

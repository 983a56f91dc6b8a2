"""The shape every pattern recognizer in pdmap takes: data first, one optional check hook.

A recognizer subclass declares

- ``ENTITY``: the entity type it reports;
- ``PATTERNS``: ``(name, regex, score)`` triples; a named group ``value`` narrows the reported
  span to that group (so ``user=`` or a JSON key is never part of an e-mail span);
- ``CONTEXT``: English context words; ``CONTEXT_KEY`` names the section of the Swedish context
  word list (``scanner/data/sv_context_words.json``) merged in when the registry is built;
- ``FLAGS``: regex flags (case-insensitive unless a format is case-sensitive);
- ``REJECT_BEFORE``: a regex tested against the text just before the match; when it matches,
  the candidate is dropped (``version 10.2.0.1`` is not an IP address);
- ``REQUIRES``: a regex that must occur somewhere in the text for any pattern to be tried
  (a digit for number formats, ``@`` for e-mail): most texts lack it, and one cheap search
  spares the patterns' scan; ``pattern_wanted(name, text)`` does the same for one slow
  pattern (the European suffix street);
- ``check(value)``: checksum, calendar or length validation of the matched value;
  ``accept`` may narrow a match instead (an IBAN followed by a word).

A pattern's score is what the match is worth on its own. Patterns that are weak alone use
``WEAK`` so that only a context word (see :mod:`scanner.context`) lifts them over the
engine's threshold.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    RecognizerResult,
)

__all__ = ["STRONG", "WEAK", "RegexRecognizer", "recognizer_result"]

#: Score of a pattern that needs a context word to be reported.
WEAK = 0.2
#: Score of a validated, unambiguous format.
STRONG = 0.95

_BEFORE_WINDOW = 24


class RegexRecognizer(LocalRecognizer):
    """Base class: compiled patterns, an optional check, optional group narrowing."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]]
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    CONTEXT_KEY: ClassVar[str | None] = None
    FLAGS: ClassVar[int] = re.IGNORECASE
    REJECT_BEFORE: ClassVar[str | None] = None
    REQUIRES: ClassVar[str | None] = None

    def __init__(self, language: str, context: list[str] | None = None) -> None:
        self._compiled = [
            (name, self.compile(pattern, self.FLAGS), score)
            for name, pattern, score in self.PATTERNS
        ]
        self._requires = re.compile(self.REQUIRES) if self.REQUIRES else None
        self._reject_before = (
            re.compile(r"(?:" + self.REJECT_BEFORE + r")$", re.IGNORECASE)
            if self.REJECT_BEFORE
            else None
        )
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=language,
            name=f"{type(self).__name__}",
            context=list(context if context is not None else self.CONTEXT),
        )

    @staticmethod
    def compile(pattern: str, flags: int) -> Any:
        """Compile one pattern (stdlib ``re``; a subclass needing ``\\p{Lu}`` uses ``regex``)."""
        return re.compile(pattern, flags)

    def load(self) -> None:
        """Nothing to load: patterns are compiled in ``__init__``."""

    def check(self, value: str) -> bool:
        """Validate a matched value (checksums, dates). Subclasses override."""
        del value
        return True

    def accept(self, text: str, start: int, end: int, pattern: str) -> tuple[int, int] | None:
        """The span to report for a match of ``pattern``, or None.

        By default the match itself when ``check`` holds; a subclass may narrow or widen it.
        """
        del pattern
        return (start, end) if self.check(text[start:end]) else None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        del nlp_artifacts
        if not self.wanted(text, entities):
            return []
        results: dict[tuple[int, int], RecognizerResult] = {}
        for name, compiled, score in self._compiled:
            if not self.pattern_wanted(name, text):
                continue
            for match in compiled.finditer(text):
                start, end = match.span("value") if "value" in compiled.groupindex else match.span()
                if start < 0 or start == end:
                    continue
                if self._rejected(text, start):
                    continue
                span = self.accept(text, start, end, name)
                if span is None:
                    continue
                start, end = span
                known = results.get((start, end))
                if known is not None and known.score >= score:
                    continue
                results[(start, end)] = self._result(start, end, score, name)
        return list(results.values())

    def pattern_wanted(self, name: str, text: str) -> bool:
        """Whether pattern ``name`` can match ``text`` at all: a cheap test a subclass may add
        for a pattern that is slow to run over text it cannot match."""
        del name, text
        return True

    def wanted(self, text: str, entities: list[str]) -> bool:
        """Whether this recognizer is asked for and ``text`` holds what it ``REQUIRES``."""
        if entities and self.ENTITY not in entities:
            return False
        return self._requires is None or self._requires.search(text) is not None

    def _rejected(self, text: str, start: int) -> bool:
        if self._reject_before is None:
            return False
        return self._reject_before.search(text, max(0, start - _BEFORE_WINDOW), start) is not None

    def _result(self, start: int, end: int, score: float, pattern: str) -> RecognizerResult:
        return recognizer_result(
            self,
            self.ENTITY,
            (start, end),
            score,
            f"{type(self).__name__}: pattern {pattern}",
            pattern=pattern,
        )


def recognizer_result(
    recognizer: EntityRecognizer,
    entity_type: str,
    span: tuple[int, int],
    score: float,
    explanation: str,
    pattern: str | None = None,
) -> RecognizerResult:
    """A result of ``recognizer`` with the explanation and metadata Presidio expects."""
    name = type(recognizer).__name__
    details = AnalysisExplanation(
        recognizer=name, original_score=score, textual_explanation=explanation
    )
    if pattern is not None:
        details.pattern_name = pattern
    return RecognizerResult(
        entity_type=entity_type,
        start=span[0],
        end=span[1],
        score=score,
        analysis_explanation=details,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )

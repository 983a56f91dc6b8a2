"""Context-word enhancement that reads the raw text around a match.

Presidio's default enhancer compares spaCy lemmas of the tokens before a match. pdmap does not
run a lemmatizer (Swedish has none offline, and NER is skipped where it cannot find anything),
and much of what it scans is machine text: ``"pnr": "811218-9876"``, ``tel=0701234567``,
``kund_telefon``. This enhancer therefore splits the text before (and just after) a match into
words itself and counts a context entry as present when a word starts with it, so that the
Swedish stems in ``sv_context_words.json`` (``personnum``, ``telefon``) match inflections and
compounds (``personnumret``, ``telefonnummer``) while ``tel`` does not match ``hotel``.
Entries with a space, dot, colon or hyphen (``e-post``, ``date of birth``, ``m:``) match as
phrases, also only at a word start (``m:`` is not in ``CRM:``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

__all__ = ["PrefixContextEnhancer", "find_context_word"]

_WORD = re.compile(r"[^\W_]+")


class PrefixContextEnhancer(ContextAwareEnhancer):
    """Raise a result's score by ``boost`` when a context word is near it."""

    def __init__(
        self, boost: float = 0.35, words_before: int = 5, words_after: int = 2, chars: int = 80
    ) -> None:
        super().__init__(
            context_similarity_factor=boost,
            min_score_with_context_similarity=0.0,
            context_prefix_count=words_before,
            context_suffix_count=words_after,
        )
        self.chars = chars

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: Any,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        del nlp_artifacts
        by_id = {recognizer.id: recognizer for recognizer in recognizers}
        extra = [word.lower() for word in context or []]
        for result in raw_results:
            meta = result.recognition_metadata or {}
            recognizer = by_id.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None or not recognizer.context or result.score >= 1.0:
                continue
            word = self.supporting_word(text, result.start, result.end, recognizer.context, extra)
            if word is None:
                continue
            result.score = min(1.0, result.score + self.context_similarity_factor)
            meta[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_supportive_context_word(word)
                result.analysis_explanation.set_improved_score(result.score)
        return raw_results

    def supporting_word(
        self, text: str, start: int, end: int, vocabulary: list[str], extra: list[str]
    ) -> str | None:
        """The first context entry found around ``text[start:end]``, or None."""
        return find_context_word(
            text, start, end, vocabulary, extra,
            words_before=self.context_prefix_count, words_after=self.context_suffix_count,
            chars=self.chars,
        )  # fmt: skip


def find_context_word(
    text: str,
    start: int,
    end: int,
    vocabulary: list[str],
    extra: list[str] = (),  # type: ignore[assignment]
    *,
    words_before: int = 5,
    words_after: int = 2,
    chars: int = 80,
) -> str | None:
    """The first entry of ``vocabulary`` present around ``text[start:end]``, or None.

    A one-word entry matches a word that starts with it; other entries match as phrases.
    """
    before = text[max(0, start - chars) : start].lower()
    after = text[end : end + chars // 2].lower()
    words = _WORD.findall(before)[-words_before:] if words_before else []
    words += _WORD.findall(after)[:words_after]
    words += extra
    prefixes, phrases = _compiled(tuple(vocabulary))
    if prefixes is not None:
        match = prefixes.search(" ".join(words))
        if match is not None:
            return match.group()
    if phrases is None:
        return None
    match = phrases.search(before + " " + after)
    return None if match is None else match.group()


@functools.lru_cache(maxsize=256)
def _compiled(vocabulary: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """One regex for the one-word entries and one for the phrases, each matched at a word
    start: ``m:`` is a label in ``m: 070-...`` but not in ``CRM: 2024-01-02 10``."""
    keys = {entry.lower().rstrip(".") for entry in vocabulary} - {""}
    words = [k for k in keys if _WORD.fullmatch(k)]
    phrases = [k for k in keys if not _WORD.fullmatch(k)]
    return _at_word_start(words), _at_word_start(phrases)


def _at_word_start(entries: list[str]) -> re.Pattern[str] | None:
    if not entries:
        return None
    ordered = sorted(entries, key=lambda entry: (-len(entry), entry))  # longest first
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, ordered)) + ")")

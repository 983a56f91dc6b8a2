"""The detection engine: Presidio's AnalyzerEngine over pdmap's registry and NLP engine.

Flow for a batch of texts::

    language (given, or LanguageGuesser) -> group texts by language
      -> PdmapNlpEngine.process_many: NER via nlp.pipe, only on texts worth it
      -> AnalyzerEngine.analyze(text, nlp_artifacts=...) per text: pattern recognizers,
         NER recognizer, PrefixContextEnhancer, score threshold
      -> resolve_overlaps: one entity per character, validated patterns before NER
      -> Detection(start, end, entity_type, score)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from presidio_analyzer import AnalyzerEngine, RecognizerResult

from scanner.context import PrefixContextEnhancer
from scanner.langid import SUPPORTED_LANGUAGES, LanguageGuesser
from scanner.nlp import DEFAULT_MODELS, PdmapNlpEngine
from scanner.recognizers import PdmapNerRecognizer, build_registry

__all__ = ["Detection", "DetectionEngine", "EngineSettings", "resolve_overlaps"]


@dataclass(frozen=True, slots=True)
class Detection:
    """One entity found in a text: character offsets ``[start, end)``, type and confidence."""

    start: int
    end: int
    entity_type: str
    score: float


@dataclass(frozen=True)
class EngineSettings:
    """How the engine is built. ``models`` maps a language to a spaCy package or path."""

    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    default_language: str = "en"
    score_threshold: float = 0.5
    ner: bool = True
    batch_size: int = 64
    models: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MODELS))
    entities: tuple[str, ...] | None = None


class DetectionEngine:
    """Detects personal data in free text. Build with :meth:`load`: it checks that the models
    are installed; each language's NER pipeline loads on first use (or :meth:`preload`)."""

    def __init__(
        self, analyzer: AnalyzerEngine, nlp_engine: PdmapNlpEngine, settings: EngineSettings
    ) -> None:
        self.analyzer = analyzer
        self.nlp_engine = nlp_engine
        self.settings = settings
        self.guesser = LanguageGuesser(default=settings.default_language)

    @classmethod
    def load(cls, settings: EngineSettings | None = None) -> DetectionEngine:
        settings = settings or EngineSettings()
        unknown = set(settings.languages) - set(SUPPORTED_LANGUAGES)
        if unknown:
            raise ValueError(f"unsupported languages {sorted(unknown)}; pdmap knows sv and en")
        models = (
            {lang: settings.models[lang] for lang in settings.languages} if settings.ner else {}
        )
        nlp_engine = PdmapNlpEngine(models=models, batch_size=settings.batch_size)
        nlp_engine.load()
        analyzer = AnalyzerEngine(
            registry=build_registry(settings.languages, ner=settings.ner),
            nlp_engine=nlp_engine,
            supported_languages=list(settings.languages),
            default_score_threshold=settings.score_threshold,
            context_aware_enhancer=PrefixContextEnhancer(),
        )
        return cls(analyzer, nlp_engine, settings)

    def preload(self, languages: Iterable[str] | None = None) -> None:
        """Load these languages' NER pipelines now (by default all); otherwise each loads the
        first time a text in it needs NER. Call it before forking workers that share them."""
        self.nlp_engine.preload(languages)

    def language_of(self, text: str) -> str:
        return self.guesser.guess(text)

    def detect(self, text: str, language: str | None = None) -> list[Detection]:
        return self.detect_batch([text], [language])[0]

    def detect_batch(
        self,
        texts: Sequence[str],
        languages: Sequence[str | None] | None = None,
        *,
        context: Sequence[str] = (),
        ner: bool = True,
    ) -> list[list[Detection]]:
        """Detect entities in many texts; NER runs batched per language.

        ``context`` words count as present around every match (a column name, say); with
        ``ner=False`` only the pattern recognizers run (short structured values).
        """
        if languages is None:
            languages = [None] * len(texts)
        if len(languages) != len(texts):
            raise ValueError("texts and languages differ in length")
        resolved = [
            self._checked_language(lang) if lang else self.language_of(text)
            for text, lang in zip(texts, languages, strict=True)
        ]
        out: list[list[Detection]] = [[] for _ in texts]
        for language in set(resolved):
            indices = [i for i, lang in enumerate(resolved) if lang == language]
            batch = [texts[i] for i in indices]
            artifacts = self.nlp_engine.process_many(batch if ner else [""] * len(batch), language)
            for i, text, nlp_artifacts in zip(indices, batch, artifacts, strict=True):
                results = self.analyzer.analyze(
                    text=text,
                    language=language,
                    entities=list(self.settings.entities) if self.settings.entities else None,
                    nlp_artifacts=nlp_artifacts,
                    context=list(context) or None,
                )
                out[i] = [
                    Detection(r.start, r.end, r.entity_type, round(float(r.score), 4))
                    for r in resolve_overlaps(results)
                ]
        return out

    def _checked_language(self, language: str) -> str:
        if language not in self.settings.languages:
            raise ValueError(f"language {language!r} is not one of {list(self.settings.languages)}")
        return language


# A postcode is part of the street address around it ("Storgatan 3, 123 45 Ort").
_PART_OF = {"POSTAL_CODE": "STREET_ADDRESS"}


def _without_nested(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """The results not lying inside a longer result of the same type, or of the type they are
    a part of (one sweep per type)."""

    def group(result: RecognizerResult) -> str:
        return _PART_OF.get(result.entity_type, result.entity_type)

    kept: list[RecognizerResult] = []
    reach: RecognizerResult | None = None  # the span reaching furthest so far, per group
    for result in sorted(results, key=lambda r: (group(r), r.start, -r.end)):
        same_group = reach is not None and group(reach) == group(result)
        if reach is not None and same_group:
            inside = result.end <= reach.end
            if inside and (result.start, result.end) != (reach.start, reach.end):
                continue
        if reach is None or not same_group or result.end > reach.end:
            reach = result
        kept.append(result)
    return kept


def resolve_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep one entity per character: pattern results beat NER, then score, then length. A
    result inside a longer one of the same type (or of the type it is part of: a postcode in
    an address) gives way to it first, whatever its score: an address's context-boosted unit
    line or postcode does not cut the whole address short."""
    results = _without_nested(results)

    def rank(result: RecognizerResult) -> tuple[bool, float, int]:
        meta = result.recognition_metadata or {}
        from_ner = meta.get(RecognizerResult.RECOGNIZER_NAME_KEY) == PdmapNerRecognizer.__name__
        return (not from_ner, result.score, result.end - result.start)

    # the kept spans never overlap, so sorted by start they are sorted by end too: a new span
    # can only overlap its neighbours in that order (bisect, not a scan of everything kept)
    starts: list[int] = []
    ends: list[int] = []
    kept: list[RecognizerResult] = []
    for result in sorted(results, key=rank, reverse=True):
        at = bisect.bisect_right(starts, result.start)
        if at > 0 and ends[at - 1] > result.start:
            continue  # overlaps the kept span starting at or before it
        if at < len(starts) and starts[at] < result.end:
            continue  # overlaps the kept span starting after it
        starts.insert(at, result.start)
        ends.insert(at, result.end)
        kept.insert(at, result)
    return kept

from __future__ import annotations

import presidio_analyzer.predefined_recognizers as presidio_predefined

from scanner.recognizers import (
    PATTERN_RECOGNIZERS,
    PdmapNameListRecognizer,
    PdmapNerRecognizer,
    build_registry,
)


def test_registry_holds_only_pdmap_recognizers_per_language() -> None:
    registry = build_registry(("sv", "en"))
    names = {(r.name, r.supported_language) for r in registry.recognizers}
    expected = {
        (cls.__name__, lang)
        for cls in (*PATTERN_RECOGNIZERS, PdmapNameListRecognizer, PdmapNerRecognizer)
        for lang in ("sv", "en")
    }
    assert names == expected


def test_no_class_name_shadows_a_presidio_recognizer() -> None:
    # Presidio resolves its default recognizers by class name among all loaded subclasses;
    # a pdmap class with the same name would replace Presidio's in a stock AnalyzerEngine.
    ours = {
        cls.__name__ for cls in (*PATTERN_RECOGNIZERS, PdmapNameListRecognizer, PdmapNerRecognizer)
    }
    assert not ours & set(presidio_predefined.__all__)


def test_swedish_context_words_are_merged() -> None:
    registry = build_registry(("sv",), ner=False)
    personnummer = next(
        r for r in registry.recognizers if r.supported_entities == ["SE_PERSONNUMMER"]
    )
    assert "personnum" in personnummer.context
    assert "ssn" in personnummer.context

"""pdmap.imports: spaCy's CLI package and Presidio's predefined recognizers stay out of a
detecting process until something uses them.

Each case runs in a fresh interpreter: the stand-ins only work before spaCy and Presidio are
imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap


def _run(code: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_detection_runs_without_loading_the_deferred_packages() -> None:
    out = _run(
        """
        import json, sys
        from pdmap.imports import PRESIDIO_PREDEFINED, SPACY_CLI, defer, deferred
        installed = [defer(SPACY_CLI), defer(PRESIDIO_PREDEFINED)]
        from scanner.engine import DetectionEngine, EngineSettings
        engine = DetectionEngine.load(EngineSettings())
        text = "Ring Anna Andersson på 070-123 45 67, anna@example.se"
        found = engine.detect(text, language="sv")
        english = engine.detect("Mail john.smith@example.com or call Mary Jones", language="en")
        print(json.dumps({
            "installed": installed,
            "deferred": [deferred(SPACY_CLI), deferred(PRESIDIO_PREDEFINED)],
            "types": sorted({d.entity_type for d in found}),
            "english": sorted({d.entity_type for d in english}),
            "loaded": [
                m for m in (
                    "weasel",
                    "jinja2",
                    "spacy.cli.download",
                    "presidio_analyzer.predefined_recognizers.generic.url_recognizer",
                    "presidio_analyzer.predefined_recognizers.country_specific",
                )
                if m in sys.modules
            ],
        }))
        """
    )
    assert out["installed"] == [True, True]
    assert out["deferred"] == [True, True]
    assert out["loaded"] == []
    types, english = out["types"], out["english"]
    assert isinstance(types, list)
    assert isinstance(english, list)
    assert {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS"} <= set(types)
    assert {"PERSON", "EMAIL_ADDRESS"} <= set(english)


def test_first_use_swaps_in_the_real_spacy_cli() -> None:
    out = _run(
        """
        import json, sys
        from pdmap.imports import SPACY_CLI, defer, deferred
        defer(SPACY_CLI)
        import spacy
        before = type(spacy.cli).__name__
        info = spacy.info()
        import spacy.cli.train
        print(json.dumps({
            "before": before,
            "after": type(spacy.cli).__name__,
            "deferred": deferred(SPACY_CLI),
            "info_has_version": info.get("spacy_version") == spacy.__version__,
            "download": callable(spacy.cli.download),
            "train": spacy.cli.train.__name__,
            "same": sys.modules["spacy.cli"] is spacy.cli,
        }))
        """
    )
    assert out == {
        "before": "_DeferredModule",
        "after": "module",
        "deferred": False,
        "info_has_version": True,
        "download": True,
        "train": "spacy.cli.train",
        "same": True,
    }


def test_attribute_access_and_submodule_import_each_trigger_the_swap() -> None:
    out = _run(
        """
        import json, sys
        from pdmap.imports import SPACY_CLI, defer, deferred
        defer(SPACY_CLI)
        import spacy
        import spacy.cli.init_config  # a submodule first, before any attribute
        sub = deferred(SPACY_CLI)
        print(json.dumps({"after_submodule": sub, "real": hasattr(spacy.cli, "setup_cli")}))
        """
    )
    assert out == {"after_submodule": False, "real": True}


def test_presidio_recognizer_classes_come_without_the_package() -> None:
    out = _run(
        """
        import json, sys
        from pdmap.imports import PRESIDIO_PREDEFINED, defer, deferred
        defer(PRESIDIO_PREDEFINED)
        import presidio_analyzer
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer
        package = sys.modules["presidio_analyzer.predefined_recognizers"]
        before = {
            "stand_in": type(package).__name__,
            "deferred": deferred(PRESIDIO_PREDEFINED),
            "email_loaded": any("email_recognizer" in m for m in sys.modules),
        }
        # a use of anything else swaps in the real package; the class stays the same object
        from presidio_analyzer.predefined_recognizers import EmailRecognizer
        import presidio_analyzer.predefined_recognizers as real
        engine = presidio_analyzer.AnalyzerEngine
        print(json.dumps({
            "before": before,
            "after": type(real).__name__,
            "deferred": deferred(PRESIDIO_PREDEFINED),
            "same_class": real.SpacyRecognizer is SpacyRecognizer,
            "bound": presidio_analyzer.predefined_recognizers is real,
            "submodule": real.nlp_engine_recognizers.SpacyRecognizer is SpacyRecognizer,
            "email": EmailRecognizer().supported_entities,
            "all": len(real.__all__) > 20,
            "engine": engine.__name__,
        }))
        """
    )
    assert out == {
        "before": {"stand_in": "_DeferredModule", "deferred": True, "email_loaded": False},
        "after": "module",
        "deferred": False,
        "same_class": True,
        "bound": True,
        "submodule": True,
        "email": ["EMAIL_ADDRESS"],
        "all": True,
        "engine": "AnalyzerEngine",
    }


def test_presidio_name_based_loader_works_after_undefer() -> None:
    """Presidio's loader finds recognizers among EntityRecognizer's subclasses, which exist only
    once the real package has run: a process that deferred it calls undefer first."""
    out = _run(
        """
        import json
        from pdmap.imports import PRESIDIO_PREDEFINED, defer, deferred, undefer
        defer(PRESIDIO_PREDEFINED)
        from presidio_analyzer import RecognizerRegistry
        undefer(PRESIDIO_PREDEFINED)
        registry = RecognizerRegistry()
        registry.load_predefined_recognizers(languages=["en"])
        names = {type(r).__name__ for r in registry.recognizers}
        still = deferred(PRESIDIO_PREDEFINED)
        print(json.dumps({"email": "EmailRecognizer" in names, "deferred": still}))
        """
    )
    assert out == {"email": True, "deferred": False}


def test_no_stand_ins_once_the_packages_are_imported() -> None:
    out = _run(
        """
        import json
        import spacy, presidio_analyzer
        from pdmap.imports import PRESIDIO_PREDEFINED, SPACY_CLI, defer, deferred
        print(json.dumps({
            "installed": [defer(SPACY_CLI), defer(PRESIDIO_PREDEFINED)],
            "deferred": [deferred(SPACY_CLI), deferred(PRESIDIO_PREDEFINED)],
        }))
        """
    )
    assert out == {"installed": [False, False], "deferred": [False, False]}

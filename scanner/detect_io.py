"""``pdmap detect``: JSON Lines in, JSON Lines out, written atomically.

Input lines are ``{"id": ..., "text": "...", "language": "sv"|"en"}`` (``language``
optional; ``id`` optional, defaulting to the 1-based line number). Output lines are
``{"id": ..., "entities": [{"start", "end", "entity_type", "score"}]}`` in input order, with
character offsets into ``text``. Blank lines are skipped. A line that is not a JSON object,
lacks ``text``, or names an unknown language is an :class:`InputProblem` naming its line
number: by default nothing is written and the run fails; with ``skip_invalid`` the valid lines
are processed and the problems reported. The output is written to a temporary file beside the
target and renamed into place only when complete, so a failed run never leaves a partial file.

Exception hierarchy::

    DetectError (RuntimeError)
     └── InvalidInput   -- one or more InputProblem lines and skip_invalid is off
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from scanner.engine import DetectionEngine
from scanner.langid import SUPPORTED_LANGUAGES
from scanner.pool import ordered_map

__all__ = [
    "DetectError",
    "DetectRecord",
    "DetectSummary",
    "InputProblem",
    "InvalidInput",
    "read_records",
    "run_detect",
]


class DetectError(RuntimeError):
    """``pdmap detect`` could not complete."""


@dataclass(frozen=True, slots=True)
class InputProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class InvalidInput(DetectError):
    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"invalid input: {shown}{more}")


@dataclass(frozen=True, slots=True)
class DetectRecord:
    line: int
    id: Any
    text: str
    language: str | None


@dataclass
class DetectSummary:
    texts: int = 0
    entities: int = 0
    characters: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)


def read_records(lines: Iterable[str]) -> Iterator[DetectRecord | InputProblem]:
    """Parse input lines; yields a record or a problem per non-blank line."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputProblem(number, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputProblem(number, f"expected a JSON object, got {type(obj).__name__}")
            continue
        text = obj.get("text")
        if text is None:
            yield InputProblem(number, "missing the 'text' key")
            continue
        if not isinstance(text, str):
            yield InputProblem(number, f"'text' must be a string, got {type(text).__name__}")
            continue
        language = obj.get("language")
        if language is not None and language not in SUPPORTED_LANGUAGES:
            yield InputProblem(
                number, f"'language' must be one of {list(SUPPORTED_LANGUAGES)} or absent"
            )
            continue
        yield DetectRecord(number, obj.get("id", number), text, language)


def run_detect(
    input_path: Path,
    output_path: Path,
    engine_factory: Callable[[], DetectionEngine],
    *,
    workers: int = 1,
    batch_size: int = 256,
    skip_invalid: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> DetectSummary:
    """Run detection over ``input_path`` into ``output_path``; see the module docstring."""
    summary = DetectSummary()
    engine = engine_factory()
    with _open_input(input_path) as handle, _atomic_output(output_path) as out:
        batches = _batches(read_records(handle), summary, batch_size, skip_invalid)
        if workers > 1:
            batches = _preloaded(batches, engine)
        for batch, results in ordered_map(_detect, batches, engine, workers):
            for record, found in zip(batch, results, strict=True):
                entities = [
                    {"start": s, "end": e, "entity_type": t, "score": sc} for s, e, t, sc in found
                ]
                out.write(json.dumps({"id": record.id, "entities": entities}, ensure_ascii=False))
                out.write("\n")
                summary.texts += 1
                summary.characters += len(record.text)
                summary.entities += len(found)
                for _, _, entity_type, _ in found:
                    summary.by_type[entity_type] = summary.by_type.get(entity_type, 0) + 1
            if on_batch is not None:
                on_batch(len(batch))
        if summary.problems and not skip_invalid:
            raise InvalidInput(summary.problems)
    return summary


def _batches(
    items: Iterable[DetectRecord | InputProblem],
    summary: DetectSummary,
    size: int,
    skip_invalid: bool,
) -> Iterator[list[DetectRecord]]:
    """Group records into batches; once a problem is seen without ``skip_invalid``, only
    keep reading to report every bad line (the output is discarded anyway)."""
    batch: list[DetectRecord] = []
    for item in items:
        if isinstance(item, InputProblem):
            summary.problems.append(item)
            batch = [] if not skip_invalid else batch
            continue
        if summary.problems and not skip_invalid:
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch and not (summary.problems and not skip_invalid):
        yield batch


def _preloaded(
    batches: Iterator[list[DetectRecord]], engine: DetectionEngine
) -> Iterator[list[DetectRecord]]:
    """The same batches, after loading the NER pipelines of the first batch's languages in
    this process, so forked workers share them (a language first seen later is loaded by each
    worker that meets it)."""
    first = next(batches, None)
    if first is None:
        return
    engine.preload({r.language or engine.language_of(r.text) for r in first})
    yield first
    yield from batches


Found = list[tuple[int, int, str, float]]


def _detect(engine: DetectionEngine, batch: list[DetectRecord]) -> list[Found]:
    results = engine.detect_batch([r.text for r in batch], [r.language for r in batch])
    return [[(d.start, d.end, d.entity_type, d.score) for d in found] for found in results]


@contextlib.contextmanager
def _open_input(path: Path) -> Iterator[TextIO]:
    if str(path) == "-":
        yield sys.stdin
        return
    try:
        handle = path.open(encoding="utf-8", errors="strict", newline="")
    except OSError as exc:
        raise DetectError(f"cannot read {path}: {exc.strerror}") from exc
    with handle:
        try:
            yield handle
        except UnicodeDecodeError as exc:
            raise DetectError(f"{path} is not UTF-8 ({exc.reason})") from exc


@contextlib.contextmanager
def _atomic_output(path: Path) -> Iterator[TextIO]:
    if str(path) == "-":
        yield sys.stdout
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise DetectError(f"output folder {directory} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

"""`pdmap detect` input handling: bad lines, big texts, atomic output, workers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.detect_io import DetectError, InvalidInput, run_detect
from scanner.engine import DetectionEngine

LINES = [
    {"id": "a", "text": "Mejla anna.svensson@foretag.se eller ring 070-123 45 67"},
    {"id": 2, "text": "Order 4500123456 shipped 2024-03-12", "language": "en"},
    {"id": None, "text": "pnr 800119-2387\u0000\u0007\u001b[31m control chars"},
]


def write_jsonl(path: Path, rows: list[object], extra: list[str] | None = None) -> Path:
    lines = [json.dumps(r) for r in rows] + (extra or [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_results_in_order_with_offsets(tmp_path: Path, pattern_engine: DetectionEngine) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", LINES, extra=["", "   "])  # blank lines skipped
    out = tmp_path / "out.jsonl"
    summary = run_detect(src, out, lambda: pattern_engine)
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["a", 2, None]
    first = rows[0]["entities"]
    assert isinstance(first, list)
    spans = {(LINES[0]["text"][e["start"] : e["end"]], e["entity_type"]) for e in first}  # type: ignore[index]
    assert spans == {
        ("anna.svensson@foretag.se", "EMAIL_ADDRESS"),
        ("070-123 45 67", "PHONE_NUMBER"),
    }
    assert rows[1]["entities"] == []
    assert [e["entity_type"] for e in rows[2]["entities"]] == ["SE_PERSONNUMMER"]  # type: ignore[index]
    assert summary.texts == 3
    assert summary.entities == 3


def test_invalid_lines_name_their_numbers_and_write_nothing(
    tmp_path: Path, pattern_engine: DetectionEngine
) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl", LINES, extra=["not json", '{"id": 9}', "[1]", '{"text": 5}']
    )
    out = tmp_path / "out.jsonl"
    with pytest.raises(InvalidInput) as info:
        run_detect(src, out, lambda: pattern_engine)
    assert [p.line for p in info.value.problems] == [4, 5, 6, 7]
    assert "line 4: not valid JSON" in str(info.value)
    assert "line 5: missing the 'text' key" in str(info.value)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]  # no partial temp file left behind


def test_skip_invalid_keeps_valid_lines(tmp_path: Path, pattern_engine: DetectionEngine) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl", LINES[:1], extra=['{"id": 1, "text": "x", "language": "de"}']
    )
    out = tmp_path / "out.jsonl"
    summary = run_detect(src, out, lambda: pattern_engine, skip_invalid=True)
    assert [p.line for p in summary.problems] == [2]
    assert len(read_jsonl(out)) == 1


def test_existing_output_survives_a_failed_run(
    tmp_path: Path, pattern_engine: DetectionEngine
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous complete result\n")
    src = write_jsonl(tmp_path / "in.jsonl", LINES, extra=["{broken"])
    with pytest.raises(InvalidInput):
        run_detect(src, out, lambda: pattern_engine)
    assert out.read_text() == "previous complete result\n"


def test_ten_megabyte_text(tmp_path: Path, pattern_engine: DetectionEngine) -> None:
    filler = (
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40 + "order 4500123456\n"
    ) * 5_000
    text = filler[:5_000_000] + " kontakt: anna@example.se " + filler[:5_000_000]
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": text}])
    out = tmp_path / "out.jsonl"
    run_detect(src, out, lambda: pattern_engine)
    entities = read_jsonl(out)[0]["entities"]
    assert [text[e["start"] : e["end"]] for e in entities] == ["anna@example.se"]  # type: ignore[index]


def test_invalid_utf8_is_a_clear_error(tmp_path: Path, pattern_engine: DetectionEngine) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": 1, "text": "ok"}\n{"id": 2, "text": "\xff\xfe"}\n')
    with pytest.raises(DetectError, match="not UTF-8"):
        run_detect(src, tmp_path / "out.jsonl", lambda: pattern_engine)
    assert not (tmp_path / "out.jsonl").exists()


def test_workers_give_the_same_output(tmp_path: Path, pattern_engine: DetectionEngine) -> None:
    rows = [{"id": i, "text": f"rad {i}: ring 070-123 45 {i % 90 + 10}"} for i in range(300)]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_detect(src, one, lambda: pattern_engine, batch_size=16)
    run_detect(src, two, lambda: pattern_engine, batch_size=16, workers=2)
    assert one.read_text() == two.read_text()
    assert len(read_jsonl(one)) == 300


def test_workers_share_the_pipelines_of_the_first_batch(tmp_path: Path) -> None:
    """With workers, the parent loads the NER pipelines the first batch needs before forking
    (so the workers share them) and no other: English input never loads the Swedish model."""
    rows = [{"id": i, "text": f"Please call Sarah Connor about order {i}."} for i in range(40)]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    engine = DetectionEngine.load()
    run_detect(src, tmp_path / "out.jsonl", lambda: engine, batch_size=8, workers=2)
    assert set(engine.nlp_engine.nlp) == {"en"}
    first = read_jsonl(tmp_path / "out.jsonl")[0]["entities"]
    assert isinstance(first, list)
    assert [e["entity_type"] for e in first] == ["PERSON"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pdmap.cli", *args], capture_output=True, text=True, check=False
    )


def test_cli_bad_input_exit_code_and_message(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", LINES, extra=["oops"])
    result = run_cli(
        "detect", "--input", str(src), "--output", str(tmp_path / "o.jsonl"), "--no-ner"
    )
    assert result.returncode == 2
    assert "line 4" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_cli_missing_input_file(tmp_path: Path) -> None:
    result = run_cli(
        "detect", "-i", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--no-ner"
    )
    assert result.returncode == 1
    assert "cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_skip_invalid_exit_3(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", LINES, extra=['{"id": 7}'])
    out = tmp_path / "o.jsonl"
    result = run_cli("detect", "-i", str(src), "-o", str(out), "--no-ner", "--skip-invalid")
    assert result.returncode == 3, result.stderr
    assert len(read_jsonl(out)) == 3


def test_cli_stdout_is_complete_after_the_fast_exit(tmp_path: Path) -> None:
    # `detect` ends with os._exit: what it wrote to a pipe must still be flushed
    src = write_jsonl(tmp_path / "in.jsonl", LINES)
    result = run_cli("detect", "-i", str(src), "-o", "-", "--no-ner")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == [line["id"] for line in LINES]
    assert "pdmap detect: texts=3" in result.stderr

"""benchmarks.frame_probe: its frame files are on disk and well formed, filling gives gold spans
that cover exactly the filled values, and scoring follows the benchmarks' span rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.frame_probe import (
    FRAMES,
    NAMED_FRAMES,
    PLACEHOLDER,
    TARGET_KEYS,
    Case,
    Frame,
    fill,
    read_frames,
    score,
)

DISTRACTORS = frozenset(
    {
        "name", "company", "city", "country", "street", "product", "team", "month", "weekday",
        "number", "date", "phone",
    }
)  # fmt: skip


@pytest.mark.parametrize(
    ("entity", "path", "least"),
    [
        *((entity, path, (250, 20)) for entity, path in sorted(FRAMES.items())),
        ("person", NAMED_FRAMES["web"], (240, 15)),
    ],
)
def test_frame_files_are_there_and_well_formed(
    entity: str, path: Path, least: tuple[int, int]
) -> None:
    frames = read_frames(path)
    assert len(frames) >= least[0]
    genres = {frame.genre for frame in frames}
    assert len(genres) >= least[1]
    negatives = {genre for genre in genres if "negatives" in genre}
    assert negatives
    targets = TARGET_KEYS[entity]
    allowed = targets | (DISTRACTORS - {"name"} if entity == "person" else DISTRACTORS)
    for frame in frames:
        keys = set(PLACEHOLDER.findall(frame.template))
        assert keys <= allowed, frame.template
        has_target = bool(keys & targets)
        assert has_target != (frame.genre in negatives), frame.template
    assert any(frame.lower for frame in frames)


def test_fill_gives_gold_spans_over_the_values() -> None:
    values = {"first": "Ada", "last": "Lovelace", "company": "Hill LLC", "name": "Bo Ek"}
    frame = Frame("chat", "Hi {{first}} {{last}}, {{name}} from {{company}} called.", False)
    case = fill(frame, values.__getitem__, frozenset({"first", "last", "name"}))
    assert case.text == "Hi Ada Lovelace, Bo Ek from Hill LLC called."
    assert [case.text[s:e] for s, e in case.gold] == ["Ada Lovelace", "Bo Ek"]
    assert [case.text[s:e] for s, e in case.distractors] == ["Hill LLC"]
    lower = fill(Frame("chat", "ping {{first}}", True), values.__getitem__, frozenset({"first"}))
    assert lower.text == "ping ada"
    assert [lower.text[s:e] for s, e in lower.gold] == ["ada"]


def test_score_uses_the_half_overlap_rule() -> None:
    case = Case("chat", "Hi Ada Lovelace and Hill LLC", [(3, 15)], [(20, 28)])
    found = score([case], [[(3, 6), (20, 28)]])["chat"]  # "Ada": 3 of 12 characters
    assert (found.gold, found.found, found.false_positives, found.on_distractors) == (1, 0, 2, 1)
    exact = score([case], [[(3, 15)]])["chat"]
    assert (exact.found, exact.exact, exact.false_positives) == (1, 1, 0)
    near = score([case], [[(3, 10)]])["chat"]  # "Ada Lov": 7 of 12
    assert (near.found, near.exact) == (1, 0)

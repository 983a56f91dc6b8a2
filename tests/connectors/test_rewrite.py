"""rewrite_lines: only the named lines change; endings, invalid bytes and long lines survive."""

from __future__ import annotations

import io

from connectors.rewrite import rewrite_lines


def run(
    data: bytes, edits: dict[int, object], max_line_bytes: int = 1_048_576
) -> tuple[bytes, object]:
    sink = io.BytesIO()
    stats = rewrite_lines(io.BytesIO(data), sink, edits, max_line_bytes=max_line_bytes)  # type: ignore[arg-type]
    return sink.getvalue(), stats


def upper(text: str) -> str:
    return text.upper()


def test_only_named_lines_change_and_endings_stay() -> None:
    data = b"a1\r\nb2\n\xff c3\nd4"
    out, stats = run(data, {2: upper, 3: upper, 4: upper, 9: upper})
    assert out == b"a1\r\nB2\n\xff C3\nD4"
    assert stats.changed == [2, 3, 4]
    assert stats.missing == [9]
    assert stats.lines == 4


def test_unchanged_edit_keeps_bytes_and_long_lines_are_copied() -> None:
    long = b"x" * 200_000 + b"\n"
    data = b"first\n" + long + b"last\n"
    out, stats = run(data, {1: lambda t: t, 2: upper, 3: upper}, max_line_bytes=100_000)
    assert out == b"first\n" + long + b"LAST\n"
    assert stats.too_long == [2]
    assert stats.changed == [3]

"""training/build_name_lists.py: romanised Cyrillic names."""

from __future__ import annotations

import pytest

from training.build_name_lists import romanised


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ефремова", ["efremova", "yefremova"]),  # е at the start: also "ye"
        ("василий", ["vasiliy", "vasily"]),  # -ий also as -y
        ("наталья", ["natalya"]),  # soft sign dropped
        ("сергей", ["sergey"]),  # е after a consonant stays "e"
        ("мельничук", ["melnichuk"]),
        ("андрій", ["andriy", "andry"]),  # Ukrainian і
        ("anna", []),  # Latin script: nothing to add
        ("ἀλέξιος", []),  # Greek: not romanised here
        ("пʼятаченко", ["pyatachenko"]),  # the apostrophe is dropped
    ],
)
def test_romanised(name: str, expected: list[str]) -> None:
    assert romanised(name) == expected

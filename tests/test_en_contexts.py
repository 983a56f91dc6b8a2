"""training/en_contexts.py: the English context templates and their filling."""

from __future__ import annotations

import re
from pathlib import Path

from training.en_contexts import LABELS, PERSON_SLOTS, filled, read_templates

_SLOT = re.compile(r"\{\{(\w+)\}\}")
ALLOWED = PERSON_SLOTS | set(LABELS) | {
    "address", "street", "email", "phone", "date", "amount", "number", "product",
}  # fmt: skip


def test_every_placeholder_is_known() -> None:
    templates = read_templates()
    assert len(templates) > 700
    used = {slot for _, text in templates for slot in _SLOT.findall(text)}
    assert used <= ALLOWED
    # negatives (no person) are a real share of the set
    negatives = [t for _, t in templates if not PERSON_SLOTS & set(_SLOT.findall(t))]
    assert len(negatives) > 150


def test_select_mode_leaves_out_the_holdout_echoes(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "Hi {{first}}.\n@holdout Where: {{city}} Club\nBye {{first}}.\n", encoding="utf-8"
    )
    assert [n for n, _ in read_templates(path)] == [1, 2, 3]
    assert read_templates(path)[1] == (2, "Where: {{city}} Club")
    assert [n for n, _ in read_templates(path, holdout_derived=False)] == [1, 3]
    shipped = read_templates()
    unseen = read_templates(holdout_derived=False)
    assert 0 < len(shipped) - len(unseen) < 20


def test_spans_cover_the_filled_values(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "# a comment\n\nHi {{first}},\\nsee {{org}} in {{city}}. {{title_name}} agreed.\n",
        encoding="utf-8",
    )
    (item,) = filled(1, seed=3, path=path)
    assert item.template == 3
    assert "\n" in item.text
    assert "{{" not in item.text
    labels = [label for _, _, label in item.spans]
    assert labels == ["PERSON", "ORG", "GPE", "PERSON"]
    first, org, city, titled = (item.text[s:e] for s, e, _ in item.spans)
    assert item.text.startswith(f"Hi {first},\nsee {org} in {city}. ")
    # the honorific stays outside the PERSON span
    title_start = item.spans[3][0]
    assert item.text[:title_start].rstrip().split()[-1].rstrip(".") in {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Miss",
    }  # fmt: skip
    assert titled
    assert titled[0].isupper()
    assert item.text.endswith(f"{titled} agreed.")


def test_filling_is_deterministic_and_varied() -> None:
    first = filled(1, seed=13)
    assert first == filled(1, seed=13)
    names = {item.text[s:e] for item in first for s, e, label in item.spans if label == "PERSON"}
    assert len(names) > 300  # many different names, not a handful repeated
    assert any(not name.isascii() for name in names)  # names from outside the English world


def test_a_given_name_and_surname_side_by_side_are_one_person(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Firefighter {{first}} {{last}} met {{first}}, {{last}}.\n", "utf-8")
    (item,) = filled(1, seed=5, path=path)
    names = [item.text[s:e] for s, e, label in item.spans if label == "PERSON"]
    assert len(names) == 3  # the pair is joined; the comma keeps the last two apart
    assert " " in names[0]
    assert item.text == f"Firefighter {names[0]} met {names[1]}, {names[2]}."


def test_names_of_cyrillic_and_japanese_locales_come_romanised(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Hi {{first}} {{last}}.\n", "utf-8")
    names = [item.text[s:e] for item in filled(400, seed=7, path=path) for s, e, _ in item.spans]
    assert not any(ch.isalpha() and "\u0400" <= ch <= "\u04ff" for n in names for ch in n)
    assert not any("\u3040" <= ch <= "\u9fff" for n in names for ch in n)  # kana, kanji

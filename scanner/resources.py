"""Files shipped in the ``scanner`` package: context words, name lists, the NER models; and
the common-word lists installed with wordfreq.

Located next to this module rather than through ``importlib.resources``, which an editable
install can turn into a namespace lookup; pdmap is never run from a zip.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import msgpack

__all__ = [
    "PACKAGE_DIR",
    "PersonNames",
    "PlaceNames",
    "common_unlisted",
    "common_vocabulary",
    "frequent_vocabulary",
    "person_names",
    "place_names",
    "read_context_file",
    "read_person_names",
    "read_word_bins",
]

PACKAGE_DIR = Path(__file__).resolve().parent


def read_context_file() -> dict[str, Any]:
    """``scanner/data/sv_context_words.json``: Swedish context words and column names."""
    path = PACKAGE_DIR / "data" / "sv_context_words.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


class PersonNames(NamedTuple):
    """Lower-cased given names and surnames (``scanner/data/person_names.json``); and the
    surnames English lists never give as a given name (``davis``, ``graves``)."""

    given: frozenset[str]
    surnames: frozenset[str]
    english_surnames: frozenset[str] = frozenset()

    def knows(self, word: str) -> bool:
        """``word`` (lower-cased) is a listed given name or surname."""
        return word in self.given or word in self.surnames


def read_person_names() -> PersonNames:
    """``scanner/data/person_names.json``: given names and surnames of 86 locales, from Faker
    (MIT; built by ``training/build_name_lists.py``)."""
    path = PACKAGE_DIR / "data" / "person_names.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return PersonNames(
        frozenset(data["given"]),
        frozenset(data["surname"]),
        frozenset(data.get("english_surname", ())),
    )


@functools.cache
def person_names() -> PersonNames:
    """The name lists, read once per process (shared by forked workers when read before)."""
    return read_person_names()


class PlaceNames(NamedTuple):
    """Lower-cased names of countries and regions, and of towns
    (``scanner/data/place_names.json``)."""

    regions: frozenset[str]
    towns: frozenset[str]

    def knows(self, name: str) -> bool:
        """``name`` (in any case and spacing) is a listed country, region or town."""
        key = " ".join(name.lower().split())
        return key in self.regions or key in self.towns


@functools.cache
def place_names() -> PlaceNames:
    """Countries, regions and towns of 67 locales (``scanner/data/place_names.json``, from
    Faker's address providers, MIT; built by ``training/build_place_names.py``), read once
    per process."""
    path = PACKAGE_DIR / "data" / "place_names.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return PlaceNames(frozenset(data["regions"]), frozenset(data["towns"]))


# wordfreq's lists hold words in bins of one centibel: bin i has frequency 10 ** (-i / 100),
# so the first 600 bins are the words used at least once per million words (Zipf >= 3)
COMMON_WORD_BINS = 600


def common_vocabulary() -> frozenset[str]:
    """Lower-cased words common in English or Swedish text: frequency >= one per million words
    in wordfreq's small word lists (Robyn Speer, Apache-2.0 code; the lists are CC BY-SA 4.0,
    installed with the package, never downloaded). Read once per process, in milliseconds:
    the binned lists are read from the installed package's data files without importing
    wordfreq itself (whose imports cost a tenth of a second)."""
    return frequent_vocabulary(COMMON_WORD_BINS)


# ... and the first 500 those used at least ten times per million words (Zipf >= 4): "long",
# "mark", "anna", "john"; not "erik", "fiona" or "alejandro"
FREQUENT_WORD_BINS = 500
VERY_FREQUENT_WORD_BINS = 400


@functools.cache
def frequent_vocabulary(bins: int = FREQUENT_WORD_BINS) -> frozenset[str]:
    """Lower-cased words frequent in English or Swedish text: at least ten per million words
    in wordfreq's small lists, or as often as ``bins`` says (400: a hundred per million, Zipf
    >= 5: "said", "john"; 600: once per million, :func:`common_vocabulary`). Given names that
    are this frequent are mostly also words (``long``, ``mark``, ``grace``) or very common
    names (``john``), so a lower-case one alone is no evidence of a person."""
    return frozenset(
        word
        for language in ("en", "sv")
        for frequency_bin in read_word_bins(language)[:bins]
        for word in frequency_bin
    )


def common_unlisted(word: str) -> bool:
    """``word`` (lower-cased) is common in English or Swedish text (:func:`common_vocabulary`)
    and no name list knows it: ``battery``, ``racing``; not ``anna`` or ``rose``."""
    return word in common_vocabulary() and not person_names().knows(word)


@functools.cache
def read_word_bins(language: str) -> Sequence[Sequence[str]]:
    """wordfreq's small list for ``language`` as frequency bins (``small_<lang>.msgpack.gz``,
    format "cB" version 1: a header, then one list of words per centibel), read once per
    process (the common and the frequent vocabulary both slice it)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("wordfreq is not installed; `pip install pdmap` installs it")
    path = Path(spec.origin).parent / "data" / f"small_{language}.msgpack.gz"
    data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq cB v1 list (header {header!r})")
    bins: Sequence[Sequence[str]] = data[1:]
    return bins

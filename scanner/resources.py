"""Files shipped in the ``scanner`` package: context words, name lists, the NER models.

Located next to this module rather than through ``importlib.resources``, which an editable
install can turn into a namespace lookup; pdmap is never run from a zip.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    "PACKAGE_DIR",
    "PersonNames",
    "common_vocabulary",
    "person_names",
    "read_context_file",
    "read_person_names",
]

PACKAGE_DIR = Path(__file__).resolve().parent


def read_context_file() -> dict[str, Any]:
    """``scanner/data/sv_context_words.json``: Swedish context words and column names."""
    path = PACKAGE_DIR / "data" / "sv_context_words.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


class PersonNames(NamedTuple):
    """Lower-cased given names and surnames (``scanner/data/person_names.json``)."""

    given: frozenset[str]
    surnames: frozenset[str]


def read_person_names() -> PersonNames:
    """``scanner/data/person_names.json``: given names and surnames of 86 locales, from Faker
    (MIT; built by ``training/build_name_lists.py``)."""
    path = PACKAGE_DIR / "data" / "person_names.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return PersonNames(frozenset(data["given"]), frozenset(data["surname"]))


@functools.cache
def person_names() -> PersonNames:
    """The name lists, read once per process (shared by forked workers when read before)."""
    return read_person_names()


# a word used at least once per million words of running text (Zipf frequency >= 3)
COMMON_WORD_FREQUENCY = 1e-6


@functools.cache
def common_vocabulary() -> frozenset[str]:
    """Lower-cased words common in English or Swedish text: frequency >= one per million words
    in wordfreq's small word lists (Robyn Speer, Apache-2.0 code; the lists are CC BY-SA 4.0,
    installed with the package, never downloaded). Read once per process."""
    from wordfreq import get_frequency_dict

    return frozenset(
        word
        for language in ("en", "sv")
        for word, frequency in get_frequency_dict(language, wordlist="small").items()
        if frequency >= COMMON_WORD_FREQUENCY
    )

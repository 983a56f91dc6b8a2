"""Build ``scanner/data/person_names.json``: given names and surnames of many countries.

The lists come from Faker's person providers (``faker.providers.person.<locale>``, MIT,
Copyright (c) 2012 Daniele Faraglia), every locale, every attribute whose name holds
``first`` (given names) or ``last`` (surnames): Swedish names from Statistics Sweden's lists,
and those of 85 other locales, in their own scripts and romanised (ja_JP's kanji/kana/romaji
triples give all three forms). A Cyrillic name is also written in Latin letters, as English
text writes it (``ефремова`` -> ``efremova``, ``yefremova``), unless that spelling is a common
English or Swedish word (``агент`` -> ``agent``). Entries are NFC-normalised,
lower-cased, single words of two letters or more; the result is sorted, so the same Faker
version always gives the same file (its version and Faker's licence text are recorded in it).

    python training/build_name_lists.py [--output scanner/data/person_names.json]

Needs the ``dev`` extra (``faker``); the package only reads the file.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import pkgutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "scanner" / "data" / "person_names.json"


# Cyrillic to Latin as names are usually written in English text (BGN/PCGN-like, without
# diacritics); е/ё after a vowel, a soft or hard sign or at the start also as "ye"
# (Yefremova, Efremova), -ий/-ый also as -y (Vasiliy, Vasily)
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj",
    "ћ": "c", "џ": "dz",
}  # fmt: skip
_VOWELS = frozenset("аеёиоуыэюяіїєъь")
_APOSTROPHES = frozenset("'ʼ’")


def _entries(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = list(value)
    if not isinstance(value, list | tuple | set | frozenset):
        return []
    names = []
    for entry in value:
        if isinstance(entry, tuple):  # ja_JP's (kanji, kana, romanised) pairs: every form
            names.extend(_entries(entry))
            continue
        if not isinstance(entry, str):
            continue
        name = unicodedata.normalize("NFC", entry.strip()).lower()
        if len(name) >= 2 and not any(ch.isspace() or ch.isdigit() for ch in name):
            names.append(name)
            names.extend(form for form in romanised(name) if form not in _common_words())
    return names


@functools.cache
def _common_words() -> frozenset[str]:
    """English and Swedish words in common use: a romanised form that is one (агент ->
    agent, бонэ -> bone) is left out, as the lists are read in English and Swedish text."""
    from scanner.resources import common_vocabulary

    return common_vocabulary()


def romanised(name: str) -> list[str]:
    """Latin spellings of a Cyrillic name (none for another script): ``ефремова`` ->
    ``efremova``, ``yefremova``; ``василий`` -> ``vasiliy``, ``vasily``."""
    name = "".join(ch for ch in name if ch not in _APOSTROPHES)  # Ukrainian пʼятаченко
    if not all(ch in _CYRILLIC or ch == "-" for ch in name):
        return []
    plain, ye = [], []
    for index, ch in enumerate(name):
        latin = _CYRILLIC.get(ch, ch)
        plain.append(latin)
        after_vowel = index == 0 or name[index - 1] in _VOWELS
        ye.append("ye" if ch in "её" and after_vowel else latin)
    forms = {"".join(plain), "".join(ye)}
    for form in list(forms):
        if form.endswith(("iy", "yy")):
            forms.add(form[:-2] + "y")
    return sorted(form for form in forms if len(form) >= 2)


def collect() -> tuple[str, list[str], list[str], list[str]]:
    """(Faker version, locales, given names, surnames)."""
    import faker
    from faker.providers import person

    given: set[str] = set()
    surnames: set[str] = set()
    locales = sorted(module.name for module in pkgutil.iter_modules(person.__path__))
    for locale in locales:
        first, last = locale_lists(locale)
        given |= first
        surnames |= last
    return str(faker.VERSION), locales, sorted(given), sorted(surnames)


def locale_lists(locale: str) -> tuple[set[str], set[str]]:
    """The given names and surnames of one Faker locale: every attribute of its person
    provider whose name holds ``first`` or ``last``."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    given: set[str] = set()
    surnames: set[str] = set()
    for attribute, value in vars(provider).items():
        if attribute.startswith("_"):
            continue
        if "first" in attribute:
            given.update(_entries(value))
        elif "last" in attribute:
            surnames.update(_entries(value))
    return given, surnames


# the English-speaking locales whose lists tell a surname from a given name
ENGLISH_LOCALES = ("en_US", "en_GB")


def english_surnames() -> list[str]:
    """Surnames of :data:`ENGLISH_LOCALES` that none of them lists as a given name
    (``davis``, ``graves``; not ``thomas`` or ``taylor``): in English text such a word alone
    is a surname, as in a firm's name (``Duncan, Graves and Davis``)."""
    given: set[str] = set()
    surnames: set[str] = set()
    for locale in ENGLISH_LOCALES:
        first, last = locale_lists(locale)
        given |= first
        surnames |= last
    return sorted(surnames - given)


def faker_licence() -> str:
    """The MIT licence text of the installed Faker (it must travel with the lists)."""
    from importlib.metadata import distribution

    dist = distribution("faker")
    for name in ("licenses/LICENSE.txt", "LICENSE.txt", "LICENSE"):
        if text := dist.read_text(name):
            return text.strip()
    raise SystemExit("Faker's licence text is not in its distribution; cannot build the lists")


def write_faker_lists(
    path: Path, providers: str, script: str, version: str, locales: list[str], **lists: list[str]
) -> int:
    """Write ``lists`` to ``path`` as JSON with where they come from (Faker's ``providers``,
    built by ``script``), Faker's version, its licence text and the locales; the file's size."""
    document = {
        "source": (
            f"Faker {providers} providers (https://github.com/joke2k/faker), MIT, "
            f"Copyright (c) 2012 Daniele Faraglia; built by {script}"
        ),
        "faker_version": version,
        "license": faker_licence(),
        "locales": locales,
        **lists,
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", "utf-8")
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    version, locales, given, surnames = collect()
    english = english_surnames()
    size = write_faker_lists(
        args.output, "person", "training/build_name_lists.py", version, locales,
        given=given, surname=surnames, english_surname=english,
    )  # fmt: skip
    print(
        f"{len(given)} given names, {len(surnames)} surnames ({len(english)} English only), "
        f"{len(locales)} locales (Faker {version}) -> {args.output} ({size / 1e6:.2f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

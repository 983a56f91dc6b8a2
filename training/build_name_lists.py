"""Build ``scanner/data/person_names.json``: given names and surnames of many countries.

The lists come from Faker's person providers (``faker.providers.person.<locale>``, MIT,
Copyright (c) 2012 Daniele Faraglia), every locale, every attribute whose name holds
``first`` (given names) or ``last`` (surnames): Swedish names from Statistics Sweden's lists,
and those of 85 other locales, in their own scripts and romanised. Entries are NFC-normalised,
lower-cased, single words of two letters or more; the result is sorted, so the same Faker
version always gives the same file (its version and Faker's licence text are recorded in it).

    python training/build_name_lists.py [--output scanner/data/person_names.json]

Needs the ``dev`` extra (``faker``); the package only reads the file.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import unicodedata
from pathlib import Path
from typing import Any

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "scanner" / "data" / "person_names.json"


def _entries(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = list(value)
    if not isinstance(value, list | tuple | set | frozenset):
        return []
    names = []
    for entry in value:
        if not isinstance(entry, str):
            continue
        name = unicodedata.normalize("NFC", entry.strip()).lower()
        if len(name) >= 2 and not any(ch.isspace() or ch.isdigit() for ch in name):
            names.append(name)
    return names


def collect() -> tuple[str, list[str], list[str], list[str]]:
    """(Faker version, locales, given names, surnames)."""
    import faker
    from faker.providers import person

    given: set[str] = set()
    surnames: set[str] = set()
    locales = sorted(module.name for module in pkgutil.iter_modules(person.__path__))
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute, value in vars(provider).items():
            if attribute.startswith("_"):
                continue
            if "first" in attribute:
                given.update(_entries(value))
            elif "last" in attribute:
                surnames.update(_entries(value))
    return str(faker.VERSION), locales, sorted(given), sorted(surnames)


def faker_licence() -> str:
    """The MIT licence text of the installed Faker (it must travel with the lists)."""
    from importlib.metadata import distribution

    dist = distribution("faker")
    for name in ("licenses/LICENSE.txt", "LICENSE.txt", "LICENSE"):
        if text := dist.read_text(name):
            return text.strip()
    raise SystemExit("Faker's licence text is not in its distribution; cannot build the lists")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    version, locales, given, surnames = collect()
    document = {
        "source": (
            "Faker person providers (https://github.com/joke2k/faker), MIT, "
            "Copyright (c) 2012 Daniele Faraglia; built by training/build_name_lists.py"
        ),
        "faker_version": version,
        "license": faker_licence(),
        "locales": locales,
        "given": given,
        "surname": surnames,
    }
    args.output.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", "utf-8")
    size = args.output.stat().st_size
    print(f"{len(given)} given names, {len(surnames)} surnames, {len(locales)} locales "
          f"(Faker {version}) -> {args.output} ({size / 1e6:.2f} MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build ``scanner/data/place_names.json``: names of countries, regions and towns.

NER calls many a place a person when the text gives it no clue (``Thank you, Suriname!``,
``born in East Tylerborough, Georgia``, ``Novo Mesto``); the NER clean-up drops a PERSON
mention that is the whole name of a country or a region (unless it is one word that the name
lists know: ``Georgia``) or of a town of more than one word (one-word towns are too often
surnames: ``Moretta``, ``Lund``). The names come from Faker's address providers
(``faker.providers.address.<locale>``, MIT, Copyright (c) 2012 Daniele Faraglia), every
locale, the attributes that list countries, states, provinces, regions, counties and the
like (``regions``), and those that list cities, towns and villages (``towns``). Entries
are NFC-normalised and lower-cased; the result is sorted, so the same Faker
version always gives the same file (its version and Faker's licence text are recorded in it).

    python training/build_place_names.py [--output scanner/data/place_names.json]

Needs the ``dev`` extra (``faker``); the package only reads the file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from training.build_name_lists import write_faker_lists  # noqa: E402

DEFAULT_OUTPUT = REPO_ROOT / "scanner" / "data" / "place_names.json"
# the attributes of Faker's address providers that list countries and regions, and those
# that list towns (suffix, prefix and abbreviation lists are neither)
REGION_ATTRIBUTES = frozenset(
    """countries states provinces regions region_names region_oblast region_krai
    region_republics region_ao counties departments prefectures cantons estados distritos
    districts wilayas union_territories luzon_provinces mindanao_provinces visayas_provinces
    concelhos""".split()  # noqa: SIM905 - a word list reads best as text
)
TOWN_ATTRIBUTES = frozenset(
    """cities city_names real_city_names towns municipalities communes villages settlements
    localities bairros freguesias boroughs tambons amphoes metro_manila_lgus province_lgus
    metropolitan_cities area_names""".split()  # noqa: SIM905 - a word list reads best as text
)


def _places(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = list(value)
    if not isinstance(value, list | tuple):
        return []
    places = []
    for entry in value:
        if isinstance(entry, tuple):
            places.extend(_places(entry))
        elif isinstance(entry, str):
            place = " ".join(unicodedata.normalize("NFC", entry).lower().split())
            if len(place) >= 3 and not any(ch.isdigit() for ch in place):
                places.append(place)
    return places


def collect() -> tuple[str, list[str], list[str], list[str]]:
    """(Faker version, locales, countries and regions, towns)."""
    import faker
    from faker.providers import address

    regions: set[str] = set()
    towns: set[str] = set()
    locales = sorted(module.name for module in pkgutil.iter_modules(address.__path__))
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        for attribute, value in vars(provider).items():
            if attribute in REGION_ATTRIBUTES:
                regions.update(_places(value))
            elif attribute in TOWN_ATTRIBUTES:
                towns.update(_places(value))
    return str(faker.VERSION), locales, sorted(regions), sorted(towns - regions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    version, locales, regions, towns = collect()
    size = write_faker_lists(
        args.output, "address", "training/build_place_names.py", version, locales,
        regions=regions, towns=towns,
    )  # fmt: skip
    print(f"{len(regions)} countries and regions, {len(towns)} towns, {len(locales)} locales "
          f"(Faker {version}) -> {args.output} ({size / 1e6:.2f} MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

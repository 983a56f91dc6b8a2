"""pdmap's own English context templates, filled with Faker values, for the English NER fine-tune.

``training/data/en_person_contexts.txt`` holds short English texts written for pdmap (tickets,
mails and sign-offs, chat, forms, records, notes, letters, lists, questions to a bot) with
``{{placeholders}}``; a good share are negatives whose capitalised words are companies, places,
products, streets, titles and nationalities, never people. :func:`filled` fills each template
``copies`` times from Faker (MIT) in many Latin-script locales (and with the names of
:data:`ROMANISED_LOCALES` in Latin letters), so the model sees names from many countries in many
positions: ``{{name}}``, ``{{first}}``, ``{{last}}`` and ``{{title_name}}`` become PERSON gold
spans (``{{first}} {{last}}`` one span), ``{{org}}`` ORG and ``{{city}}``/``{{country}}`` GPE; the
other placeholders (address, street, e-mail, phone, date, amount, number, product) carry no
label.
The run is deterministic for a seed, a Faker version and a ``PYTHONHASHSEED`` (some of Faker's
place providers choose from sets; ``train_en_ner.py`` pins it to 0).

The templates are the repository's own text (no third-party corpus), so they and the weights
trained on them carry no further attribution.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

from training.build_name_lists import romanised

TEMPLATES = Path(__file__).resolve().parent / "data" / "en_person_contexts.txt"

#: Latin-script locales whose person, company and place providers Faker has.
LOCALES = (
    "en_US", "en_GB", "en_IE", "en_AU", "en_IN", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA",
    "es_ES", "es_MX", "es_AR", "it_IT", "pt_BR", "pt_PT", "nl_NL", "nl_BE", "da_DK", "no_NO",
    "sv_SE", "fi_FI", "pl_PL", "cs_CZ", "sk_SK", "hu_HU", "sl_SI", "hr_HR", "ro_RO", "tr_TR",
    "et_EE", "lv_LV", "lt_LT", "id_ID", "vi_VN", "fil_PH", "en_NZ", "de_LI",
)  # fmt: skip
#: Locales whose names are drawn romanised, as English text writes them (their places and
#: companies are not used: Faker writes them in their own script).
ROMANISED_LOCALES = ("ru_RU", "uk_UA", "bg_BG", "ja_JP")

HOLDOUT_DERIVED = "@holdout "
PERSON_SLOTS = frozenset({"name", "first", "last", "title_name"})
LABELS = {"org": "ORG", "city": "GPE", "country": "GPE"}
_SLOT = re.compile(r"\{\{(\w+)\}\}")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%B %d, %Y")
_CURRENCIES = ("$", "€", "£", "SEK ")
_PRODUCT_ENDINGS = ("", " Pro", " 2", "Hub", " App")
_TITLES = ("Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Prof.", "Miss")


@dataclass(frozen=True)
class Filled:
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, label), end-exclusive
    template: int  # line number of the template in TEMPLATES


def read_templates(path: Path = TEMPLATES, holdout_derived: bool = True) -> list[tuple[int, str]]:
    """(line number, template) for each template line; ``\\n`` becomes a line break. Lines
    starting with ``@holdout`` echo contexts of the dev templates that
    ``train_en_ner.py --mode select`` holds out; ``holdout_derived=False`` leaves them out."""
    out = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith(HOLDOUT_DERIVED):
            if not holdout_derived:
                continue
            line = line.removeprefix(HOLDOUT_DERIVED).strip()
        if line and not line.startswith("#"):
            out.append((number, line.replace("\\n", "\n")))
    return out


class _Values:
    """Placeholder values from a seeded Faker per locale."""

    def __init__(
        self,
        seed: int,
        locales: Sequence[str] = LOCALES,
        romanised_locales: Sequence[str] = ROMANISED_LOCALES,
    ) -> None:
        self.rng = random.Random(seed)
        self.fakers = []
        for index, locale in enumerate(locales):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + index)
            self.fakers.append(fake)
        self.name_fakers = list(self.fakers)
        for index, locale in enumerate(romanised_locales, start=len(locales)):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + index)
            self.name_fakers.append(_RomanisedNames(fake))
        self.makers: dict[str, Callable[[Faker], str]] = {
            "first": lambda f: f.first_name(),
            "last": lambda f: f.last_name(),
            "name": self._name,
            "title_name": self._title_name,
            "org": lambda f: f.company(),
            "city": lambda f: f.city(),
            "country": lambda f: f.country(),
            "address": lambda f: f.address(),
            "street": lambda f: f.street_name(),
            "email": lambda f: f.email(),
            "phone": lambda f: f.phone_number(),
            "date": lambda f: f.date(pattern=self.rng.choice(_DATE_FORMATS)),
            "amount": lambda f: self.rng.choice(_CURRENCIES) + str(self.rng.randint(5, 9999)),
            "number": lambda f: str(self.rng.randint(1000, 99999999)),
            "product": lambda f: f.word().capitalize() + self.rng.choice(_PRODUCT_ENDINGS),
        }  # fmt: skip

    def _name(self, fake: Faker) -> str:
        roll = self.rng.random()
        first, last = fake.first_name(), fake.last_name()
        if roll < 0.12:
            return f"{first} {self.rng.choice('ABCDEFGHIJKLMNOPRSTUVW')}. {last}"
        if roll < 0.18:
            return f"{first} {self.rng.choice('ABCDEFGHIJKLMNOPRSTUVW')} {last}"
        if roll < 0.28:
            return f"{first} {fake.first_name()} {last}"
        return f"{first} {last}"

    def _title_name(self, fake: Faker) -> str:
        title = self.rng.choice(_TITLES)
        rest = fake.last_name() if self.rng.random() < 0.6 else self._name(fake)
        return f"{title} {rest}"

    def value(self, slot: str) -> str:
        fake = self.rng.choice(self.name_fakers if slot in PERSON_SLOTS else self.fakers)
        try:
            text = self.makers[slot](fake)
        except AttributeError:  # a locale without this provider: the first locale's
            text = self.makers[slot](self.fakers[0])
        return text.strip()


class _RomanisedNames:
    """A Faker whose given names and surnames are written in Latin letters: ja_JP's own
    romanised names, Cyrillic ones romanised as :func:`training.build_name_lists.romanised`
    does (``Ефремова`` -> ``Efremova`` or ``Yefremova``)."""

    def __init__(self, fake: Faker) -> None:
        self.fake = fake

    def first_name(self) -> str:
        if hasattr(self.fake, "first_romanized_name"):
            return str(self.fake.first_romanized_name())
        return self._latin(self.fake.first_name())

    def last_name(self) -> str:
        if hasattr(self.fake, "last_romanized_name"):
            return str(self.fake.last_romanized_name())
        return self._latin(self.fake.last_name())

    def _latin(self, name: str) -> str:
        forms = romanised(name.lower())
        return self.fake.random_element(forms).capitalize() if forms else name


def _title_length(value: str) -> int:
    """Length of the honorific and its space at the start of a ``title_name`` value."""
    return len(value.split(" ", 1)[0]) + 1


def filled(
    copies: int, seed: int, path: Path = TEMPLATES, holdout_derived: bool = True
) -> list[Filled]:
    """Every template ``copies`` times with fresh values; gold spans per :data:`LABELS` and
    :data:`PERSON_SLOTS`. The title of ``{{title_name}}`` stays outside the PERSON span, as in
    the base model's OntoNotes annotation."""
    values = _Values(seed)
    out = []
    for number, template in read_templates(path, holdout_derived):
        for _ in range(copies):
            pieces: list[str] = []
            spans: list[tuple[int, int, str]] = []
            cursor, length = 0, 0
            for match in _SLOT.finditer(template):
                literal = template[cursor : match.start()]
                pieces.append(literal)
                length += len(literal)
                slot = match.group(1)
                value = values.value(slot)
                label = "PERSON" if slot in PERSON_SLOTS else LABELS.get(slot)
                if label is not None:
                    start = length + _title_length(value) if slot == "title_name" else length
                    spans.append((start, length + len(value), label))
                pieces.append(value)
                length += len(value)
                cursor = match.end()
            pieces.append(template[cursor:])
            text = "".join(pieces)
            out.append(Filled(text, tuple(_joined(text, spans)), number))
    return out


def _joined(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """PERSON spans separated only by spaces are one name: ``{{first}} {{last}}`` is one
    person, not two side by side (which would teach the model to split names)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and label == "PERSON" and out[-1][2] == "PERSON":
            gap = text[out[-1][1] : start]
            if gap and not gap.strip(" "):
                out[-1] = (out[-1][0], end, label)
                continue
        out.append((start, end, label))
    return out

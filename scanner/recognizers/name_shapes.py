"""Shared rules on the shape of a name: what stands before one and what a capitalised word
that looks like one may be instead (a place, a street, a team, a firm).

Read by the NER clean-up (:mod:`scanner.recognizers.ner`), the name lists
(:mod:`scanner.recognizers.name_list`) and the context patterns
(:mod:`scanner.recognizers.person_context`).
"""

from __future__ import annotations

import re

import regex

from scanner.recognizers.street_address import RARE_STREET_TYPE, STREET_TYPE
from scanner.resources import person_names, place_names

__all__ = [
    "HONORIFICS",
    "PLACE_PREFIXES",
    "a_brand_name",
    "a_place_name",
    "in_a_firm_name",
    "where_a_firm_stands",
]

# Ranks, offices and forms of address written before a name ("Captain [Huff]", "Judge [Säde]",
# "Srta. [Rafaela Montenegro]"), never part of it (the name lists' Faker sources list some as
# given names). Not those that are given names too
# (Dean, Duke, Earl, Prince) or common surnames at a name's start (King, Major), nor titles of
# nobility, which make a title on their own ("the Princess Royal").
HONORIFICS = frozenset(
    """judge captain capt coach sergeant sgt detective inspector mayor senator governor
    president chancellor minister professor doctor nurse uncle aunt auntie grandma grandpa
    pastor reverend rev bishop rabbi imam sheriff deputy lieutenant colonel admiral
    commander corporal councillor councilman councilwoman congressman congresswoman
    ambassador chairman chairwoman principal sr sra srta señor señora señorita signor
    signora monsieur madame mme mlle frau domnul doamna pan pani sister brother father
    mother fr dott avv cllr grandad granddad grandmother grandfather granny
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# The first words of places named after people ("North Brenda", "Lake Patricia", "Port
# Richard"), as Faker's are; the lists know "North" and "West" as given names too.
PLACE_PREFIXES = frozenset(
    {"north", "south", "east", "west", "new", "lake", "port", "mount", "fort"}
)
# the endings of towns named after people ("Amyberg", "Thomasville"), and street words ("Roy
# Motorway")
_TOWN_ENDINGS = (
    "town", "ton", "land", "ville", "berg", "burgh", "borough", "bury", "view", "port", "mouth",
    "stad", "furt", "chester", "fort", "haven", "side", "shire",
)  # fmt: skip
_STREET_WORD = re.compile(rf"{STREET_TYPE}|{RARE_STREET_TYPE}", re.IGNORECASE)

# "Barnett, Melton and Garcia", "Ek, Lind & Berg"
# (in lower case too, as a chat typed without capitals writes them: "davis, aguilar and
# browning")
_THREE_NAMES = regex.compile(
    r"(?<![\w\-])(\p{L}[\w\-]+),[ \t](\p{L}[\w\-]+),?[ \t](?:and|&|och)[ \t]"
    r"(\p{L}[\w\-]+)(?![\w\-])"
)
_FORMS_OF_ADDRESS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady"}
)
_TWO_SURNAMES = regex.compile(r"(\p{Lu}\p{Ll}+)-(\p{Lu}\p{Ll}+)")
_WORD_BEFORE = regex.compile(r"([\p{L}.]+)[ \t]+$")
_FIRM_CUE_BEFORE = regex.compile(r"(?:(?<![\w\-])(?:at|for|from|of|via|[Tt]he)[ \t]+|\()$")


def a_firm_of_two_surnames(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is one word of two capitalised listed surnames joined by a hyphen,
    not both listed given names (``Jean-Paul``), with no given name or form of address before
    it: a firm's name (``Evans-Bonilla is a multinational``, ``Weeks-Rivas``), as a
    double-barrelled surname alone seldom is (``Ms. Smith-Jones``, ``Anna Smith-Jones`` stay
    people)."""
    match = _TWO_SURNAMES.fullmatch(text, start, end)
    if match is None:
        return False
    names = person_names()
    words = [word.lower() for word in match.groups()]
    if not all(word in names.surnames for word in words) or all(
        word in names.given for word in words
    ):
        return False  # "Jean-Paul", "Anna-Karin": given names
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return True
    word = before.group(1).lower().rstrip(".")
    return not (word in names.given or word in HONORIFICS or word in _FORMS_OF_ADDRESS)


def in_a_firm_name(text: str, start: int, end: int) -> bool:
    """The one word ``text[start:end]`` is one of three bare surnames listed as ``Barnett,
    Melton and Garcia``: a firm's name (``Hawkins, Richardson and Santana``). People listed by
    name alone go by their given names (``Anna, Erik och Johan``, ``Thanks Erik, Peter and
    John!``), so the list is a firm's when every word is a listed surname and one of them is
    no given name, or, when all three are both (two in five surnames are given names
    somewhere in the lists), when two are surnames English lists never give as given names
    (``Duncan, Graves and Davis``; not ``Thomas, Scott and James``) or it stands where a
    firm does: after "at", "for", "from", "of", "via" or "the", or in brackets (``a
    spokesperson for Hughes, Scott and James``, ``The Jones, Smith and Davis Orchestra``)."""
    if " " in text[start:end]:
        return False
    for match in _THREE_NAMES.finditer(text, max(0, start - 60), min(len(text), end + 60)):
        if match.start() <= start and end <= match.end():
            names = person_names()
            words = [word.lower() for word in match.groups()]
            if not all(word in names.surnames for word in words):
                return False
            return (
                any(word not in names.given for word in words)
                or sum(word in names.english_surnames for word in words) >= 2
                or where_a_firm_stands(text, match.start())
            )
    return False


def where_a_firm_stands(text: str, start: int) -> bool:
    """``text[start:]`` follows "at", "for", "from", "of", "via" or "the", or a bracket: where
    a firm's name stands (``a spokesperson for ...``, ``The ... Orchestra``)."""
    return _FIRM_CUE_BEFORE.search(text, max(0, start - 12), start) is not None


def a_place_name(value: str) -> bool:
    """A place's whole name in the gazetteer (:func:`scanner.resources.place_names`): a
    country's or a region's (``Suriname``; not one word the name lists know, ``Georgia``), a
    town's of two words or more (``Novo Mesto``; one-word towns are too often surnames,
    ``Moretta``, ``Lund``). A place, a street or a team named after a person, as Faker's
    places are and many real ones: a compass word, New, Lake, Port, Mount or Fort and a name
    (``North Brenda``, ``Lake Patricia``, ``Port Richard``); a name and a street word that no
    name list knows (``Roy Motorway``, ``Toni Junctions``, ``tracy alley``; not ``Anna
    Hill``, where Hill is a surname too); a first word that is a town's name
    (:func:`_a_town_name`: ``Amyberg``, ``Johnsonfurt Lions``)."""
    words = value.split()
    whole = " ".join(words).lower()
    places = place_names()
    if whole in places.regions:
        return len(words) > 1 or not person_names().knows(whole)
    if len(words) > 1 and whole in places.towns:
        return True
    if _a_town_name(words[0].lower()):
        return True
    if len(words) == 1:
        return False
    if words[0].lower() in PLACE_PREFIXES:
        return True
    last = words[-1]
    return _STREET_WORD.fullmatch(last) is not None and not person_names().knows(last.lower())


def _a_town_name(word: str) -> bool:
    """``word`` (lower-cased) is no listed name but a listed name and a town ending
    (``amyberg``, ``sandraborough``, ``thomasville``; not ``lindberg``, which the lists
    know)."""
    names = person_names()
    if names.knows(word):
        return False
    return any(
        word.endswith(ending) and len(word) - len(ending) >= 3 and names.knows(word[: -len(ending)])
        for ending in _TOWN_ENDINGS
    )


# the endings of invented company and product names ("Demystdata", "Nautilytics", "Factset",
# "Guidestar", "Flightaware", "Corelogic")
_BRAND_ENDINGS = (
    "data", "tics", "soft", "ware", "web", "net", "star", "set", "works", "labs", "tech",
    "logic", "point", "base", "hub", "link", "sys", "ify", "metrics", "graph", "flow", "sense",
    "wise", "stream", "cast", "board", "box", "lab", "craft", "tron", "matic", "nomics",
    "scape", "space",
)  # fmt: skip


def a_brand_name(value: str) -> bool:
    """One word that no name list knows, with the ending of an invented company or product
    name (:data:`_BRAND_ENDINGS`: ``Demystdata``, ``Nautilytics``, ``Guidestar``). Of the
    2,165 names in presidio-synth's dev texts and Webbnyheter's train split only ``Björgen``
    ended in one of the endings first tried ("gen" was left out); 10 of the 137
    organisations of presidio-synth's dev texts end in one."""
    word = value.lower()
    if " " in word or person_names().knows(word):
        return False
    return any(word.endswith(ending) and len(word) > len(ending) + 2 for ending in _BRAND_ENDINGS)

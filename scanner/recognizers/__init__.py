"""pdmap's recognizers and the registry built from them.

One recognizer per file, each a small data-like class (see :mod:`scanner.recognizers.base`);
:func:`build_registry` instantiates every one of them per language with its context words
(English words from the class, Swedish ones from ``scanner/data/sv_context_words.json``).
"""

from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import EntityRecognizer, RecognizerRegistry

from scanner.recognizers.base import RegexRecognizer
from scanner.recognizers.credit_card import PdmapCreditCardRecognizer
from scanner.recognizers.date_of_birth import PdmapDateOfBirthRecognizer
from scanner.recognizers.email import PdmapEmailRecognizer
from scanner.recognizers.health import PdmapHealthTermRecognizer
from scanner.recognizers.iban import PdmapIbanRecognizer
from scanner.recognizers.ip_address import PdmapIpAddressRecognizer
from scanner.recognizers.mac_address import PdmapMacAddressRecognizer
from scanner.recognizers.name_list import PdmapNameListRecognizer
from scanner.recognizers.ner import PdmapNerRecognizer
from scanner.recognizers.person_context import PdmapPersonContextRecognizer
from scanner.recognizers.phone import PdmapPhoneRecognizer
from scanner.recognizers.postal_code import PdmapPostalCodeRecognizer
from scanner.recognizers.se_bankgiro import PdmapSeBankgiroRecognizer
from scanner.recognizers.se_organisationsnummer import PdmapSeOrganisationsnummerRecognizer
from scanner.recognizers.se_personnummer import PdmapSePersonnummerRecognizer
from scanner.recognizers.se_plusgiro import PdmapSePlusgiroRecognizer
from scanner.recognizers.se_vehicle_registration import PdmapSeVehicleRegistrationRecognizer
from scanner.recognizers.street_address import PdmapStreetAddressRecognizer
from scanner.recognizers.username import PdmapUsernameRecognizer
from scanner.resources import read_context_file

__all__ = [
    "PATTERN_RECOGNIZERS",
    "PdmapNameListRecognizer",
    "PdmapNerRecognizer",
    "RegexRecognizer",
    "build_registry",
    "load_context_words",
]

PATTERN_RECOGNIZERS: tuple[type[RegexRecognizer], ...] = (
    PdmapSePersonnummerRecognizer,
    PdmapSeOrganisationsnummerRecognizer,
    PdmapPhoneRecognizer,
    PdmapEmailRecognizer,
    PdmapStreetAddressRecognizer,
    PdmapPostalCodeRecognizer,
    PdmapIpAddressRecognizer,
    PdmapIbanRecognizer,
    PdmapCreditCardRecognizer,
    PdmapSeBankgiroRecognizer,
    PdmapSePlusgiroRecognizer,
    PdmapSeVehicleRegistrationRecognizer,
    PdmapDateOfBirthRecognizer,
    PdmapMacAddressRecognizer,
    PdmapUsernameRecognizer,
    PdmapPersonContextRecognizer,
    PdmapHealthTermRecognizer,
)


def load_context_words() -> dict[str, list[str]]:
    """The Swedish context words shipped with pdmap, by section."""
    raw = read_context_file()
    return {
        key: list(value["context"])
        for key, value in raw.items()
        if isinstance(value, dict) and "context" in value
    }


def build_registry(
    languages: Sequence[str] = ("sv", "en"),
    *,
    ner: bool = True,
    context_words: dict[str, list[str]] | None = None,
) -> RecognizerRegistry:
    """A registry holding every pdmap recognizer for each language, and nothing else: the
    pattern recognizers, the name lists and (with ``ner``) the NER recognizer."""
    swedish = load_context_words() if context_words is None else context_words
    recognizers: list[EntityRecognizer] = []
    for language in languages:
        for cls in PATTERN_RECOGNIZERS:
            words = list(cls.CONTEXT) + (
                swedish.get(cls.CONTEXT_KEY, []) if cls.CONTEXT_KEY else []
            )
            recognizers.append(cls(language, context=words))
        recognizers.append(PdmapNameListRecognizer(language))
        if ner:
            recognizers.append(PdmapNerRecognizer(language))
    return RecognizerRegistry(recognizers=recognizers, supported_languages=list(languages))

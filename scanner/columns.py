"""Column-name hints: what a field's name says about its content, Swedish and English.

Names are split into tokens (snake_case, camelCase, kebab-case, digits), ASCII-folded
(å, ä -> a, ö -> o) and matched as whole tokens, never as substrings (``kon`` is not in
``konto``). A hint is a prior, not a finding: it acts as a context word for the recognizers and
lets values that cannot be validated (a first name, a street) be classified by shape. An
obfuscated name (``c7``, ``fld_a``) gives no hint, so such columns are classified by their
values alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from scanner.resources import read_context_file

__all__ = ["ColumnHints", "name_tokens"]

_ENGLISH: Mapping[str, tuple[str, ...]] = {
    "PERSON": (
        "name", "first_name", "firstname", "fname", "last_name", "lastname", "lname", "surname",
        "full_name", "fullname", "given_name", "family_name", "contact_name", "customer_name",
        "display_name", "owner_name", "middle_name", "fnamn", "enamn", "efnamn", "namn",
    ),
    "EMAIL_ADDRESS": ("email", "e_mail", "mail", "email_address", "mail_address", "epost"),
    "PHONE_NUMBER": (
        "phone", "phone_number", "telephone", "tel", "mobile", "mobile_phone", "cell", "msisdn",
        "fax", "phone_no", "mob", "tfn", "telnr", "mobilnr",
    ),
    "SE_PERSONNUMMER": ("ssn", "personal_number", "national_id", "pnr", "pers_nr", "persnr"),
    "STREET_ADDRESS": (
        "address", "addr", "adr", "street", "street_address", "address_line", "address1",
        "address2", "address_line1", "address_line2", "gatuadr",
    ),
    "POSTAL_CODE": ("zip", "zipcode", "zip_code", "postcode", "postal_code", "postnr"),
    "LOCATION": ("city", "town", "country", "region", "county", "ort", "stad", "kommun", "postort"),
    "IP_ADDRESS": (
        "ip", "ip_address", "ipaddress", "client_ip", "remote_addr", "remote_ip", "src_ip",
        "ip_adress", "ipadress", "klient_ip", "kall_ip",
    ),
    "DATE_OF_BIRTH": ("dob", "birth_date", "birthdate", "date_of_birth", "birthday", "fodd"),
    "USERNAME": (
        "username", "user_name", "login", "user_login", "anvandarnamn", "userid", "user",
        "anvandare",
    ),
    "IBAN_CODE": ("iban",),
    "CREDIT_CARD": ("card_number", "cardnumber", "pan", "cc_number", "credit_card", "kortnummer"),
    "SE_BANKGIRO": ("bankgiro", "bg_nr", "bgnr"),
    "SE_PLUSGIRO": ("plusgiro", "pg_nr", "pgnr"),
    "SE_ORGANISATIONSNUMMER": ("orgnr", "org_nr", "organisationsnummer", "vat_number"),
    "SE_VEHICLE_REGISTRATION": ("regnr", "reg_nr", "license_plate", "registreringsnummer"),
    "MAC_ADDRESS": ("mac", "mac_address", "macaddr", "hwaddr"),
}  # fmt: skip

# Sections of sv_context_words.json and the entity types their column names hint at.
_SWEDISH_SECTIONS: Mapping[str, str] = {
    "PERSON": "PERSON",
    "SE_PERSONNUMMER": "SE_PERSONNUMMER",
    "SE_ORGANISATIONSNUMMER": "SE_ORGANISATIONSNUMMER",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "SE_ADDRESS": "STREET_ADDRESS",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH",
    "SE_VEHICLE_REGISTRATION": "SE_VEHICLE_REGISTRATION",
}
_SWEDISH_SPLIT = {
    "SE_POSTNUMMER": {"postnummer": "POSTAL_CODE", "postnr": "POSTAL_CODE",
                      "post_nr": "POSTAL_CODE"},
    "BANK": {"iban": "IBAN_CODE", "bankgiro": "SE_BANKGIRO", "bg_nr": "SE_BANKGIRO",
             "bgnr": "SE_BANKGIRO", "plusgiro": "SE_PLUSGIRO", "pg_nr": "SE_PLUSGIRO",
             "pgnr": "SE_PLUSGIRO"},
}  # fmt: skip

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


def name_tokens(name: str) -> tuple[str, ...]:
    """``kundEpost_2`` -> ``("kund", "epost", "2")``; ASCII-folded and lower-cased."""
    folded = unicodedata.normalize("NFKD", _CAMEL.sub("_", name))
    ascii_name = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return tuple(t for t in _SPLIT.split(ascii_name) if t)


@dataclass(frozen=True)
class ColumnHints:
    """Whole-name and token vocabularies per entity type."""

    vocabulary: Mapping[str, frozenset[str]]

    @classmethod
    def load(cls) -> ColumnHints:
        raw = read_context_file()
        vocab: dict[str, set[str]] = {t: set(words) for t, words in _ENGLISH.items()}
        for section, entity_type in _SWEDISH_SECTIONS.items():
            vocab.setdefault(entity_type, set()).update(raw[section]["columns"])
        for section, mapping in _SWEDISH_SPLIT.items():
            for column in raw[section]["columns"]:
                if column in mapping:
                    vocab.setdefault(mapping[column], set()).add(column)
        vocab["LOCATION"].update({"ort", "stad", "kommun", "lan", "land", "postort"})
        return cls(
            {t: frozenset("_".join(name_tokens(w)) for w in words) for t, words in vocab.items()}
        )

    def hint(self, column: str | None) -> frozenset[str]:
        """Entity types the column name suggests (empty for free text or opaque names)."""
        if not column:
            return frozenset()
        tokens = name_tokens(column.rsplit(".", 1)[-1])
        if not tokens:
            return frozenset()
        whole = "_".join(tokens)
        exact = frozenset(t for t, words in self.vocabulary.items() if whole in words)
        if exact:
            return exact
        candidates = set(tokens)
        candidates.update("_".join(tokens[i : i + 2]) for i in range(len(tokens) - 1))
        return frozenset(t for t, words in self.vocabulary.items() if candidates & words)

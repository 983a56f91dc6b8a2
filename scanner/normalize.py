"""Canonical forms of detected values, so that one person's identifier has one fingerprint.

``19811218-9876``, ``811218-9876`` and ``198112189876`` normalise to ``198112189876``;
``070-123 45 67`` and ``+46701234567`` to ``+46701234567``; e-mail addresses to lower case.
A value that cannot be normalised for its type falls back to whitespace-collapsed case-folded
text, so normalisation never fails.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

import phonenumbers

from scanner.personnummer import parse_personnummer

__all__ = ["normalise"]

_SPACE = re.compile(r"\s+")
_NON_DIGIT = re.compile(r"\D")


def normalise(entity_type: str, value: str) -> str:
    """The canonical form of ``value`` for ``entity_type``."""
    text = unicodedata.normalize("NFC", value).strip()
    handler = _HANDLERS.get(entity_type)
    result = handler(text) if handler else None
    canonical = result if result is not None else _SPACE.sub(" ", text).casefold()
    # again: dropping separators or changing case can leave combining marks out of canonical
    # order ("\u0339 \u0334" without its space), and a canonical form must be a fixed point
    return unicodedata.normalize("NFC", canonical)


def _email(text: str) -> str | None:
    return text.lower() if "@" in text else None


def _phone(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _personnummer(text: str) -> str | None:
    parsed = parse_personnummer(text.replace(" ", ""))
    return parsed.canonical if parsed else None


def _digits(text: str) -> str | None:
    digits = _NON_DIGIT.sub("", text)
    return digits or None


def _orgnr(text: str) -> str | None:
    digits = _NON_DIGIT.sub("", text)
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    return digits or None


def _compact_upper(text: str) -> str | None:
    return re.sub(r"[\s\-]", "", text).upper() or None


def _ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _mac(text: str) -> str | None:
    digits = re.sub(r"[^0-9a-fA-F]", "", text).lower()
    if len(digits) != 12:
        return None
    return ":".join(digits[i : i + 2] for i in range(0, 12, 2))


_HANDLERS = {
    "EMAIL_ADDRESS": _email,
    "PHONE_NUMBER": _phone,
    "SE_PERSONNUMMER": _personnummer,
    "SE_ORGANISATIONSNUMMER": _orgnr,
    "CREDIT_CARD": _digits,
    "SE_BANKGIRO": _digits,
    "SE_PLUSGIRO": _digits,
    "POSTAL_CODE": _compact_upper,
    "IBAN_CODE": _compact_upper,
    "SE_VEHICLE_REGISTRATION": _compact_upper,
    "IP_ADDRESS": _ip,
    "MAC_ADDRESS": _mac,
}

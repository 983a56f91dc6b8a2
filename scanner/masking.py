"""Masked previews: enough shape for a human to recognise the kind, never the value.

``anna.svensson@foretag.se`` -> ``a***@f***.se``; ``19811218-9876`` -> ``19******-***6``;
``+46701234567`` -> ``+46*******67``; ``Anna Svensson`` -> ``A*** S***``.
"""

from __future__ import annotations

import re

__all__ = ["mask"]

_DIGIT = re.compile(r"\d")


def mask(entity_type: str, value: str) -> str:
    """A preview of ``value`` that does not disclose it."""
    value = value.strip()
    if entity_type == "EMAIL_ADDRESS" and "@" in value:
        local, _, domain = value.rpartition("@")
        labels = domain.split(".")
        tld = labels[-1] if len(labels) > 1 else ""
        masked_domain = _word(labels[0]) + ("." + tld if tld else "")
        return f"{_word(local)}@{masked_domain}"
    if entity_type == "SE_PERSONNUMMER":
        return _keep_digits(value, head=2, tail=1)
    if entity_type in ("PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE"):
        return _keep_digits(value, head=2, tail=2)
    if entity_type in ("PERSON", "STREET_ADDRESS", "LOCATION", "USERNAME"):
        return " ".join(_word(part) for part in value.split())
    return _keep_digits(value, head=0, tail=1) if _DIGIT.search(value) else _word(value)


def _word(part: str) -> str:
    return (part[0] + "***") if part else ""


def _keep_digits(value: str, head: int, tail: int) -> str:
    """Replace every alphanumeric but the first ``head`` and last ``tail`` ones with ``*``."""
    positions = [i for i, ch in enumerate(value) if ch.isalnum()]
    hidden = set(positions[head : len(positions) - tail if tail else None])
    if len(positions) - len(hidden) > max(1, len(positions) // 2):  # short: reveal <= half
        hidden = set(positions[:-1])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))

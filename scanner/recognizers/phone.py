"""PHONE_NUMBER: telephone numbers, Swedish formats first, validated with ``phonenumbers``.

Candidates come from one permissive regex; each is parsed (Sweden first, then the regions in
``REGIONS``) and kept only when ``phonenumbers`` says it is a valid number. The score says how
phone-like the writing is: an explicit ``+46``/``0046`` prefix or a Swedish area-code layout
(``08-123 456 78``, ``070-123 45 67``) stands on its own, and so do layouts only phone numbers
have (a ``+`` and a country code, the North American layout, an area code in brackets before
digit groups, a trunk 0 before digit groups: ``0487 98 11 92``); bare digit runs and other
foreign national formats need a context word (``tel``, ``mobil``, ``phone``, ``my number``,
``Contact:``, ``text``, ...).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, ClassVar

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from scanner.context import find_context_word
from scanner.recognizers.base import WEAK, RegexRecognizer

_CANDIDATE = (
    r"(?<![\w+\-./:])(?<!\d,)"  # not cut from "1,234,567"; "Fax,0701234567" is fine
    r"(?P<value>(?:\+|00)?(?:\(\s?\+?\d{1,5}\s?\)[\s\-.]?\d(?:[\d \-./]|\(0\)){3,22}\d"
    r"|\d(?:[\d \-./]|\(0\)|\(\d{1,4}\)){5,22}\d)"
    r"(?:\s?(?:x|ext\.?|anknytning|ankn\.?)\s?\d{1,5})?)"
    # not cut from a longer run, a decimal or a time ("2024-01-02 10:00"); a hyphen may join
    # a label after the number ("(37) 788-063-Office")
    r"(?![\w/]|-(?![^\W\d_]{2,}(?!\w))|[.,:]\d)"
)
_IP_OR_DATE = re.compile(
    r"^(?:\d{1,3}\.){3}\d{1,3}$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$"
    r"|^\d{1,2}:\d{2}"
)
# digits separated by dots only, with a one-digit or five-digit group: a version or build
# number ("16.0.17126.20132"), never a phone number written with dots ("070.123.45.67")
_VERSION = re.compile(r"^(?=(?:\d+\.)+\d+$)(?:.*\.)?(?:\d|\d{5,})(?:\.|$)")
# two to five groups of digits, the first (an area code of up to five digits) maybe in
# brackets, joined by a space or a hyphen: "78 651 450", "(02328) 60129", "(0251)-027346"
_GROUPED = re.compile(r"^(?:\(\d{1,5}\)|\d{1,5})(?:[ \-]{1,2}\d{2,6}){1,4}$")
# an extension after the number ("x03322", "ext. 12"): not part of the number's length
_EXTENSION = re.compile(r"\s?(?:x|ext\.?|anknytning|ankn\.?)\s?\d{1,5}$")
_SWEDISH_LAYOUT = re.compile(r"^(?:\(0\)|0)\d{1,3}\s?[-/ ]\s?\d")
_NANP_LAYOUT = re.compile(r"^(?:\+?1[ .\-])?(?:\(\d{3}\)\s?|\d{3}[\-.])\d{3}[\-.]\d{4}")
# a country prefix, then digit groups joined by hyphens, dots or spaces: "+1-565-369-0702",
# "+44 20 7946 0958", "001-612-799-7220x03322"
_INTERNATIONAL_GROUPS = re.compile(
    r"^(?:\+|00)[1-9]\d{0,2}(?:[ \-.](?:\(\d{1,4}\)|\d{1,4})){2,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?$"
)
# a trunk 0 and an area or mobile code, then two to four groups of two to four digits
_TRUNK_GROUPS = re.compile(r"^0\d{1,4}(?: \d{2,4}){2,4}$")
# an area code of two to five digits in brackets, not a year, then digit groups
_BRACKETED_AREA_CODE = re.compile(
    r"^\((?!(?:19|20)\d\d\))\d{2,5}\)[ \-]?\d{2,6}(?:[ \-]\d{2,6}){0,3}$"
)
_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


class PdmapPhoneRecognizer(RegexRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (("candidate", _CANDIDATE, WEAK),)
    CONTEXT = (
        "phone", "telephone", "tel", "mobile", "cell", "call", "fax", "reach", "ring",
        "sms", "text me", "whatsapp", "office", "desk", "t:", "m:", "p:", "ph:", "tfn:",
        "answering", "answer", "messages", "voicemail", "dial", "hotline", "helpline",
        "landline", "ringer", "ringa", "ringde", "svarar", "my number", "your number",
        "his number", "her number", "our number", "their number", "contact number",
        "contact:", "kontakt:", "text",
    )  # fmt: skip
    CONTEXT_KEY = "PHONE_NUMBER"
    REQUIRES = r"\d"
    # A number right after a label naming another identifier is that identifier, whatever its
    # digits parse as ("SSN: 054-28-6917" is no Karlstad number); so is a value under an order,
    # article, invoice or customer-number key ("order":"4581254244", ordernr=0701234567).
    REJECT_BEFORE = (
        r"\b(?:ssn|social\s+security(?:\s+(?:number|no\.?))?|tax\s+id|passport(?:\s+no\.?)?"
        r"|personnummer|person\s?nr|pnr|org\.?\s?nr|organisationsnummer)\s*(?:is\s*)?[:#=]?\s*"
        r"|\b(?:order(?:_?(?:id|no|nr|number))?|ordernr|ordernummer|invoice(?:_?(?:id|no|nr))?"
        r"|faktura(?:nr|nummer)?|ean|gtin|sku|art(?:ikel)?\.?nr|customer_?(?:id|no|nr)|kundnr"
        r"|kundnummer|ticket(?:_?id)?|ocr|tracking(?:_?(?:id|no|number))?)[\"']?\s*[:=]\s*[\"']?"
        # a label naming a case, reference, serial or other record number, with or without a
        # colon ("Ärendenummer 083-4471-22", "Serial no. 0812-3345-21", "booking number 0701")
        r"|\b(?:(?:ärende|referens|serie|avtals|boknings|kampanj)(?:nummer|nr|kod)?|ärende"
        r"|reference(?:\s(?:no\.?|number))?|ref\.?|serial(?:\s?(?:no\.?|number))?|s/n|imei"
        r"|batch|build|körning|confirmation(?:\s(?:no\.?|number|code))?"
        r"|(?:kund|order|konto|personal|medlems|lägenhets|artikel|transaktions|case|ticket"
        r"|account|invoice|customer|member|contract|tracking|transaction|booking|policy|claim"
        r"|employee|patient|part|item|reservation|licen[cs]e|registration)"
        r"[\s_-]?(?:nummer|nr|number|no\.?|id|\#))\s*(?:is\s*)?[:#=]?\s*[\"']?"
    )
    #: Regions tried after Sweden for numbers written without a country prefix.
    REGIONS: ClassVar[tuple[str, ...]] = (
        "GB", "US", "DE", "NO", "DK", "FI", "NL", "BE", "FR", "CH", "AT", "PL", "CZ", "IT",
        "ES", "HU", "IE", "PT",
    )  # fmt: skip

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
        del nlp_artifacts
        if not self.wanted(text, entities):
            return []
        results = []
        for _, compiled, _ in self._compiled:
            for match in compiled.finditer(text):
                start, end = match.span("value")
                if self._rejected(text, start):
                    continue
                candidate = text[start:end].rstrip(" -./")
                end = start + len(candidate)
                score = self.score(
                    candidate, functools.partial(self._has_context, text, start, end)
                )
                if score > 0:
                    results.append(self._result(start, end, score, "phonenumbers"))
        return results

    def _has_context(self, text: str, start: int, end: int) -> bool:
        return find_context_word(text, start, end, self.context) is not None

    def score(self, candidate: str, has_context: Callable[[], bool] = lambda: True) -> float:
        """How phone-like ``candidate`` is; 0.0 when it is not a valid number anywhere.

        Foreign national formats are only parsed when ``has_context()`` says a phone word is
        near: without one they could not be reported anyway, and parsing every digit run of a
        log against many regions is what makes naive phone detection slow.
        """
        digits = sum(ch.isdigit() for ch in _EXTENSION.sub("", candidate))
        if digits < 7 or digits > 17 or _IP_OR_DATE.match(candidate) or _VERSION.match(candidate):
            return 0.0
        international = candidate.startswith(("+", "00", "(+"))
        # Swedish numbers are always written with the trunk 0 or a country prefix.
        swedish_shape = international or candidate.startswith(("0", "(0"))
        number = _parse(candidate, "SE") if swedish_shape else None
        if number is not None:
            if international:
                return 0.95
            if _SWEDISH_LAYOUT.match(candidate):
                return 0.85
            mobile = phonenumbers.number_type(number) in _MOBILE_TYPES
            return 0.6 if mobile and candidate.isdigit() else 0.4
        if international:
            # "+1-984-182-0190 mobile": a number in international form that is possible in its
            # country but fails the validity check (an unassigned exchange) is still written as
            # a phone number; with a phone word beside it, or written in digit groups as only
            # phone numbers are ("+1-565-369-0702", "001-612-799-7220x03322"), it is reported
            possible = _parse(candidate, "SE", strict=False)
            if possible is None:
                return 0.0
            if has_context():
                return 0.6
            # a "+" and a country code are written only before a phone number ("+447700677662",
            # "+41 (0)38 549 02 90", nine digits or more); "00" may start an order number, so it
            # needs digit groups
            plus = candidate.startswith(("+", "(+")) and digits >= 9
            return 0.5 if plus or _INTERNATIONAL_GROUPS.match(candidate) else 0.0
        nanp = _NANP_LAYOUT.match(candidate) is not None
        # an area code in brackets before digit groups, which only phone numbers have
        # ("(37) 788-063", "(99) 645-791"), stands without a phone word
        bracketed = _BRACKETED_AREA_CODE.match(candidate) is not None and digits >= 8
        # a trunk 0 and digit groups, as people write their national numbers ("0487 98 11
        # 92", "079 0442 1744"), stands without a phone word when valid somewhere
        trunk = _TRUNK_GROUPS.match(candidate) is not None and 9 <= digits <= 11
        context = functools.cache(has_context)  # read once, and only when needed
        if not (nanp or bracketed or trunk or context()):
            return 0.0
        for region in self.REGIONS:
            if _parse(candidate, region) is not None:
                return 0.6 if nanp else 0.35 if context() else 0.5
        if nanp and _parse(candidate, "US", strict=False) is not None:
            return 0.5  # "(565) 369-0702": the layout of a North American number, unassigned
        # a number of the right length somewhere, written in digit groups as people write
        # phone numbers ("78 651 450", "(37) 788-063"), beside a phone word or bracketed
        if _GROUPED.match(candidate) and (bracketed or context()):
            for region in self.REGIONS:
                if _parse(candidate, region, strict=False) is not None:
                    return 0.3 if context() else 0.5
        return 0.0


def _parse(candidate: str, region: str, strict: bool = True) -> phonenumbers.PhoneNumber | None:
    """The number ``candidate`` is in ``region`` if valid there (``strict``), or merely possible
    (the right length for its country), else None."""
    try:
        number = phonenumbers.parse(candidate, region)
    except NumberParseException:
        return None
    check = phonenumbers.is_valid_number if strict else phonenumbers.is_possible_number
    return number if check(number) else None

"""CREDIT_CARD: payment card numbers (13-19 digits, issuer prefix, Luhn)."""

from __future__ import annotations

import re
from typing import ClassVar

from scanner.checksums import luhn_valid
from scanner.recognizers.base import WEAK, RegexRecognizer

_L = r"(?<![\w\-./])"
_R = r"(?![\w\-/]|[.,]\d)"
# Issuer identification ranges: Visa, Mastercard (51-55, 2221-2720), Amex, Diners, Discover,
# JCB (3528-3589, and the 15-digit 1800 and 2131 ranges), Maestro, UnionPay.
_ISSUER = re.compile(
    r"^(?:4\d{12}(?:\d{3}){0,2}|5[1-5]\d{14}|2(?:2[2-9]\d|[3-6]\d\d|7[01]\d|720)\d{12}"
    r"|3[47]\d{13}|3(?:0[0-5]|[68]\d)\d{11,16}|6(?:011|5\d\d|4[4-9]\d)\d{12,15}"
    r"|35(?:2[89]|[3-8]\d)\d{12,15}|(?:1800|2131)\d{11}|(?:50|5[6-9]|6\d)\d{10,17}|62\d{14,17})$"
)

_CARD_BEFORE = re.compile(
    r"(?i)(?:card|kort|\bcc|\bcredit|\bdebit)\w*(?:\s+(?:no\.?|number|nummer|nr|is|är))?"
    r"\??[\s:#=]+$"  # "What's your credit card? 3522..." too
)


class PdmapCreditCardRecognizer(RegexRecognizer):
    ENTITY = "CREDIT_CARD"
    REQUIRES = r"\d"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("grouped 4-4-4-4", _L + r"\d{4}([ \-])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?" + _R, 0.9),
        ("grouped amex", _L + r"3[47]\d{2}([ \-])\d{6}\1\d{5}" + _R, 0.9),
        ("bare 14-16", _L + r"\d{14,16}" + _R, 0.6),
        # 12-13 and 17-19 digits are mostly other numbers (EAN, OCR): only with context.
        ("bare other", _L + r"(?:\d{12,13}|\d{17,19})" + _R, WEAK),
        # Issuers outside the ranges above (new ranges, test cards, "35" numbers that are not
        # JCB's): a Luhn-valid number counts only next to a card word.
        ("unlisted issuer", _L + r"\d{13,19}" + _R, WEAK),
    )
    CONTEXT = (
        "card", "credit", "debit", "visa", "mastercard", "amex", "payment", "cc", "kort",
        "kortnummer", "betalkort", "kreditkort",
    )  # fmt: skip

    def accept(self, text: str, start: int, end: int, pattern: str) -> tuple[int, int] | None:
        digits = text[start:end].replace(" ", "").replace("-", "")
        if not luhn_valid(digits) or len(set(digits)) == 1:
            return None
        if pattern == "unlisted issuer":
            # the card word must lead up to the number ("my credit card 3590...")
            if _CARD_BEFORE.search(text, max(0, start - 40), start) is None:
                return None
        elif _ISSUER.match(digits) is None:
            return None
        return start, end

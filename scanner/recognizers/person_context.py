"""PERSON where the layout says it is a name: name fields, introductions and sign-offs.

NER misses names in machine text (``"namn":"Björn Malmgren"``, ``name=...``) and in the
places people put them in messages (``Jag heter ...``, ``Mvh\\nErik``, ``/Moa``). These
patterns find a capitalised name (initials and hyphens allowed) in exactly those positions.
"""

from __future__ import annotations

from typing import ClassVar

from scanner.recognizers.base import RegexRecognizer

_UP = r"[A-ZÅÄÖÉÜØÆÁÍÓÚČŠŽŁ]"
_LOW = r"[a-zåäöéüøæáíóúčšžłńśźżőűèçñ'’]"
_PART = rf"(?:{_UP}{_LOW}+(?:-{_UP}{_LOW}+)?|{_UP}\.)"
_NAME = rf"(?P<value>{_PART}(?:[ ](?:(?:af|av|von|van|de|da|del)[ ])?{_PART}){{0,3}})(?![\w@])"
# Two or three capitalised words (first and last name), not a single word.
_FULL_NAME = rf"(?P<value>{_PART}(?:[ ]{_PART}){{1,2}})(?![\w@]|[ ]{_UP})"
_FIELD = (
    r"(?i:full_?name|first_?name|last_?name|given_?name|family_?name|customer_?name"
    r"|contact_?name|display_?name|name|namn|fullnamn|f[öo]rnamn|efternamn|tilltalsnamn"
    r"|kontaktperson|kundnamn|kund_namn|mottagare|avs[äa]ndare)"
)
_SIGN_OFF = (
    r"(?i:med\svänlig(?:a)?\shälsning(?:ar)?|vänlig(?:a)?\shälsning(?:ar)?|hälsningar|mvh"
    r"|tack\spå\sförhand|best\sregards|kind\sregards|regards|many\sthanks|thanks|cheers"
    r"|sincerely|yours\struly)"
)


class PdmapPersonContextRecognizer(RegexRecognizer):
    ENTITY = "PERSON"
    FLAGS = 0
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("name field", rf"(?<![\w])\"?{_FIELD}\"?\s?[:=]\s?\"?{_NAME}", 0.85),
        (
            "label line",
            rf"(?m)(?:^|(?<=[.;]\s))[ \t>]*(?i:name|namn|kontaktperson|contact|kund|customer|owner"
            rf"|ansvarig|handläggare|tekniker|säljare|agent|assigned\sto)[ \t]*:[ \t]*{_NAME}",
            0.85,
        ),
        (
            "cue + full name",
            rf"(?<![\w])(?i:with|med|customer|kund(?:en)?|tekniker(?:n)?|handläggare(?:n)?"
            rf"|met|träffade|ringde|called|contacted|kontaktade|dear|hej|hi|hello)"
            rf"\s{_FULL_NAME}(?![ \t]+(?:AB|HB|KB|Inc|Ltd|LLC|GmbH|Oy|AS|ApS|AG|BV|plc|Corp)\b)",
            0.6,
        ),
        (
            "introduction",
            rf"(?<![\w])(?i:my\sname\sis|my\sname's|jag\sheter|mitt\snamn\sär|this\sis)\s{_NAME}",
            0.75,
        ),
        ("sign-off", rf"(?<![\w]){_SIGN_OFF}[,.!]?[ \t]*\n+[ \t]*{_NAME}[ \t]*(?:\n|$)", 0.8),
        ("sign-off inline", rf"(?<![\w]){_SIGN_OFF},[ \t]{_NAME}(?=\s*(?:\(|\n|$))", 0.75),
        ("slash signature", rf"(?m)(?:^|\s)/{_NAME}[ \t]*$", 0.7),
    )

"""Offline sv/en language identification for routing a text to the right NER pipeline.

A text votes with its function words (the most frequent short words of each language, which
rarely overlap), with the field labels and greetings of contact blocks and messages (``Suite``,
``Mobile``, ``Regards``; ``gatan``, ``Telefon``, ``Mvh``), and with its words holding å, ä or
ö (at most three; a word, not a letter, so ``HYVINKÄÄ`` is one vote). ``de`` before ``la``,
``los``, ... is the particle of Romance names (``Chiclana de la Frontera``), not Swedish. Ties
(log lines, bare identifiers) fall back to ``default``. It needs no model, takes microseconds,
and is only asked to tell Swedish from English: the two languages pdmap has NER for.
"""

from __future__ import annotations

import re

__all__ = ["SUPPORTED_LANGUAGES", "LanguageGuesser", "function_words"]

SUPPORTED_LANGUAGES = ("sv", "en")

_SV_WORDS = frozenset(
    [
        "och",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "har",
        "inte",
        "till",
        "den",
        "jag",
        "om",
        "ett",
        "han",
        "men",
        "var",
        "ska",
        "vi",
        "kan",
        "de",
        "du",
        "så",
        "från",
        "hade",
        "nu",
        "vid",
        "eller",
        "efter",
        "hon",
        "också",
        "mot",
        "under",
        "bara",
        "skulle",
        "när",
        "vill",
        "mitt",
        "min",
        "mina",
        "din",
        "dina",
        "ditt",
        "vår",
        "våra",
        "er",
        "ert",
        "hej",
        "tack",
        "vänliga",
        "hälsningar",
        "mvh",
        "får",
        "kommer",
        "blir",
        "alla",
        "här",
        "där",
        "då",
        "hur",
        "vad",
        "varför",
        "vem",
        "kund",
        "kunden",
        "ärende",
        "beställning",
        "adress",
        "telefon",
        "nummer",
        "heter",
        "bor",
        "måste",
        "finns",
        "gäller",
        "sedan",
        "samt",
        "någon",
        "något",
        "mycket",
        "detta",
        "denna",
        "dessa",
        "igen",
        "redan",
        "även",
        "utan",
        "mellan",
        "över",
        "inom",
        "ingen",
        "inget",
        "också",
        "angående",
        "bifogar",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "with",
        "as",
        "was",
        "on",
        "be",
        "at",
        "by",
        "this",
        "have",
        "from",
        "or",
        "an",
        "are",
        "not",
        "but",
        "they",
        "you",
        "he",
        "she",
        "we",
        "his",
        "her",
        "their",
        "my",
        "your",
        "our",
        "will",
        "would",
        "can",
        "could",
        "has",
        "had",
        "been",
        "were",
        "which",
        "there",
        "what",
        "when",
        "who",
        "how",
        "please",
        "thanks",
        "thank",
        "regards",
        "dear",
        "hello",
        "hi",
        "customer",
        "order",
        "address",
        "phone",
        "number",
        "name",
        "lives",
        "live",
        "my",
        "me",
        "i",
        "am",
        "is",
        "are",
        "an",
        "any",
        "should",
        "about",
        "into",
        "than",
        "then",
        "them",
        "these",
        "those",
        "also",
        "just",
        "only",
        "here",
        "where",
        "why",
    ]
)
# Labels and greetings of contact blocks, signatures and messages: the words an address block
# or a one-line note has when it has no function words.
_EN_HINTS = frozenset(
    """suite apt apartment unit street road avenue lane drive floor building mobile phone fax
    desk email maybe please thanks regards hi hello dear yes""".split()  # noqa: SIM905
)
_SV_HINTS = frozenset(
    """gatan vägen lgh våning telefon mobil adress postnummer hej hejsan tack mvh hälsningar
    ja nej kund kunden""".split()  # noqa: SIM905
)
_ROMANCE_AFTER_DE = [["la"], ["las"], ["los"], ["le"], ["les"], ["del"], ["l"]]
_WORD = re.compile(r"[^\W\d_]+")
_SV_LETTERS = re.compile(r"[åäöÅÄÖ]")


def function_words(text: str, limit: int = 2) -> int:
    """How many Swedish or English function words ``text`` holds, counting up to ``limit``:
    two or more mean a sentence someone wrote, not a log field or an identifier."""
    found = 0
    for word in _WORD.findall(text.lower()):
        if word in _SV_WORDS or word in _EN_WORDS:
            found += 1
            if found >= limit:
                break
    return found


class LanguageGuesser:
    """Guess ``sv`` or ``en`` for a text; ``default`` when the text gives no signal."""

    def __init__(self, default: str = "en", max_chars: int = 2000) -> None:
        if default not in SUPPORTED_LANGUAGES:
            raise ValueError(f"default language must be one of {SUPPORTED_LANGUAGES}")
        self.default = default
        self.max_chars = max_chars

    def guess(self, text: str) -> str:
        sample = text[: self.max_chars]
        sv = en = swedish_letters = 0
        words = _WORD.findall(sample.lower())
        for index, word in enumerate(words):
            if word in _SV_WORDS or word in _SV_HINTS:
                romance = word == "de" and words[index + 1 : index + 2] in _ROMANCE_AFTER_DE
                sv += 0 if romance else 1
            if word in _EN_WORDS or word in _EN_HINTS:
                en += 1
            if _SV_LETTERS.search(word):
                swedish_letters += 1
        sv += min(3, swedish_letters)
        if sv > en:
            return "sv"
        if en > sv:
            return "en"
        return self.default

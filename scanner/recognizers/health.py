"""HEALTH_DATA: words that reveal someone's health (GDPR Art. 9 special category).

A small bilingual term list: diagnoses and conditions, sick leave, pregnancy, treatment words.
A term alone is weak evidence that a text is about a person's health, so the score is modest;
the finding's category (``special_category.health``) is never declared by the seed policy, so
any hit is reported as undeclared for a human to judge.
"""

from __future__ import annotations

from typing import ClassVar

from scanner.recognizers.base import RegexRecognizer

_TERMS = (
    # Swedish, with their inflections spelled out (so "allergivänlig" is not "allergi")
    r"sjukskriv(?:en|na|ning|ningen|ningar|it)|sjukledig(?:het)?|sjukintyg(?:et)?"
    r"|läkarintyg(?:et)?|diagnos(?:en|er|erna)?|diagnostiserad|cancer(?:n)?|diabetes|diabetiker"
    r"|depression(?:en|er)?|utbrändhet|utmattningssyndrom|epilepsi|astma|allergi(?:n|er|sk)?"
    r"|graviditet(?:en)?|gravid|missfall(?:et)?|hiv|aids|adhd|autism|dyslexi"
    r"|cellgiftsbehandling(?:en)?|strålbehandling(?:en)?|dialys|psykos(?:en)?|ångestsyndrom"
    r"|bipolär|schizofreni|demens|alzheimers?|stroke|hjärtinfarkt|förlossning(?:en)?"
    r"|missbruk(?:et)?"
    # English
    r"|sick\sleave|sick\snote|diagnos(?:is|ed|es)|chemotherapy|radiotherapy|dialysis"
    r"|pregnan(?:t|cy)|miscarriage|diabetic|depressive|psychosis|bipolar|schizophrenia"
    r"|dementia|epilepsy|asthma|allerg(?:y|ies|ic)|burnout|heart\sattack"
)


class PdmapHealthTermRecognizer(RegexRecognizer):
    ENTITY = "HEALTH_DATA"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("health term", rf"(?<![\w\-])(?:{_TERMS})(?![\w\-])", 0.6),
    )

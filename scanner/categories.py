"""Entity types mapped to the seed policy's data categories.

The policy (``shared/seed/dataskyddspolicy.txt``) declares three categories: Identifiering
(``identification``: name and e-mail), Kontakt (``contact``: e-mail, contact details, phone) and
Historik (``history``: login history, changes made, requests over the internet, i.e. IP
addresses and logs). Everything else is still reported, under its own category, and flagged as
not declared: ``financial`` (IBAN, cards, bankgiro, plusgiro), ``vehicle``, and the GDPR
Art. 9 special categories under ``special_category.*`` (``special_category.health``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = [
    "DECLARED_BY_SEED_POLICY",
    "DEFAULT_CATEGORIES",
    "CategoryMap",
]

IDENTIFICATION = "identification"
CONTACT = "contact"
HISTORY = "history"
FINANCIAL = "financial"

DECLARED_BY_SEED_POLICY = frozenset({IDENTIFICATION, CONTACT, HISTORY})

DEFAULT_CATEGORIES: Mapping[str, tuple[str, ...]] = {
    "PERSON": (IDENTIFICATION,),
    "EMAIL_ADDRESS": (IDENTIFICATION, CONTACT),
    "PHONE_NUMBER": (CONTACT,),
    "SE_PERSONNUMMER": (IDENTIFICATION,),
    "SE_ORGANISATIONSNUMMER": (IDENTIFICATION,),
    "USERNAME": (IDENTIFICATION,),
    "DATE_OF_BIRTH": (IDENTIFICATION,),
    "STREET_ADDRESS": (CONTACT,),
    "POSTAL_CODE": (CONTACT,),
    "LOCATION": (CONTACT,),
    "IP_ADDRESS": (HISTORY,),
    "MAC_ADDRESS": (HISTORY,),
    "IBAN_CODE": (FINANCIAL,),
    "CREDIT_CARD": (FINANCIAL,),
    "SE_BANKGIRO": (FINANCIAL,),
    "SE_PLUSGIRO": (FINANCIAL,),
    "SE_VEHICLE_REGISTRATION": ("vehicle",),
    "HEALTH_DATA": ("special_category.health",),
}


@dataclass(frozen=True)
class CategoryMap:
    """Which categories an entity type belongs to, and which categories the policy declares."""

    categories: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: DEFAULT_CATEGORIES)
    declared: frozenset[str] = DECLARED_BY_SEED_POLICY

    def categories_of(self, entity_type: str) -> tuple[str, ...]:
        """The categories of ``entity_type``; an unknown type is ``other``."""
        return self.categories.get(entity_type, ("other",))

    def declared_by_policy(self, entity_types: Iterable[str] | str) -> bool:
        """True when every category of the given type(s) is declared by the policy."""
        types = [entity_types] if isinstance(entity_types, str) else list(entity_types)
        return all(cat in self.declared for t in types for cat in self.categories_of(t))

    def undeclared(self, entity_type: str) -> tuple[str, ...]:
        return tuple(c for c in self.categories_of(entity_type) if c not in self.declared)

"""The policy model: what the privacy policy declares, typed and validated.

The data map, the Art. 30 record and the subject-rights requests (GDPR Art. 15, 17 and 20) read
the organisation's policy through :class:`Policy`: its categories of personal data and the
entity types in each, purposes and their legal bases, recipients, the processor register,
third-country transfers, retention rules, data subjects' rights. The built-in default is the
seed policy (``shared/seed/dataskyddspolicy.txt``) translated into
``datamap/data/default_policy.yaml``; :func:`load_policy` layers pdmap.yaml's ``policy:`` over
it, each top-level key given replacing the default's.

Retention rules are tried in order and the first whose ``applies_to`` glob matches
``source:container`` wins; a rule whose basis is ``legal_obligation`` or ``legal_claims`` holds
its records: erasure must neither delete nor alter them (:meth:`Policy.held`).

Exceptions::

    ValueError
    ├── PolicyError   a policy file or mapping that does not validate; the message names the
    │                 key path (``policy.retention[0].keep``) and the fix
    └── (plain)       parse_duration() on text that is not an ISO 8601 duration
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeVar

import yaml

from scanner.categories import DEFAULT_CATEGORIES, CategoryMap

__all__ = [
    "FORMAT_VERSION",
    "HOLD_BASES",
    "LEGAL_BASES",
    "RETENTION_BASES",
    "Category",
    "Complaint",
    "Contact",
    "Controller",
    "DataSubject",
    "DataSubjects",
    "Document",
    "Duration",
    "Justification",
    "Language",
    "LegalBasis",
    "LegalBasisStatement",
    "LocalText",
    "Policy",
    "PolicyError",
    "Processor",
    "Purpose",
    "Recipient",
    "Recipients",
    "Requests",
    "RetentionRule",
    "Right",
    "SecurityMeasure",
    "Transfers",
    "default_policy",
    "load_policy",
    "parse_duration",
]

FORMAT_VERSION = 1
Language = Literal["sv", "en"]
_D = TypeVar("_D", dt.date, dt.datetime)
_T = TypeVar("_T")


class PolicyError(ValueError):
    """A policy that does not validate; the message names the key path and the fix."""


# --- durations ---------------------------------------------------------------------------------

_DURATION = re.compile(
    r"P(?:(?P<years>[0-9]+)Y)?(?:(?P<months>[0-9]+)M)?(?:(?P<weeks>[0-9]+)W)?"
    r"(?:(?P<days>[0-9]+)D)?(?:T(?P<time>(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?"
    r"(?:(?P<seconds>[0-9]+)S)?))?"
)
_PARTS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
_UNIT_WORDS: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        "en": (
            ("year", "years"),
            ("month", "months"),
            ("week", "weeks"),
            ("day", "days"),
            ("hour", "hours"),
            ("minute", "minutes"),
            ("second", "seconds"),
        ),
        "sv": (
            ("år", "år"),
            ("månad", "månader"),
            ("vecka", "veckor"),
            ("dag", "dagar"),
            ("timme", "timmar"),
            ("minut", "minuter"),
            ("sekund", "sekunder"),
        ),
    }
)
_AND = MappingProxyType({"en": "and", "sv": "och"})


@dataclass(frozen=True)
class Duration:
    """An ISO 8601 duration in whole units (``P7Y``, ``P1M``, ``P2WT12H``)."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    def __post_init__(self) -> None:
        for name, value in zip(_PARTS, self._values(), strict=True):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Duration.{name} must be a whole number >= 0, not {value!r}")

    def _values(self) -> tuple[int, ...]:
        return (
            self.years,
            self.months,
            self.weeks,
            self.days,
            self.hours,
            self.minutes,
            self.seconds,
        )

    def iso(self) -> str:
        """The canonical ISO 8601 text (``P7Y``, ``P1Y2M``, ``PT12H``; zero is ``P0D``)."""
        values = self._values()
        date = "".join(f"{v}{d}" for v, d in zip(values[:4], "YMWD", strict=True) if v)
        time = "".join(f"{v}{d}" for v, d in zip(values[4:], "HMS", strict=True) if v)
        if not date and not time:
            return "P0D"
        return f"P{date}" + (f"T{time}" if time else "")

    def add_to(self, when: _D) -> _D:
        """``when`` plus this duration, calendar-aware.

        Years and months move the calendar month and clamp the day to the month's end
        (2024-02-29 + P1Y = 2025-02-28, 2024-01-31 + P1M = 2024-02-29); weeks, days and the time
        parts are then added as elapsed time. A plain date keeps whole days only (PT36H adds
        one day).
        """
        index = when.month - 1 + self.months + 12 * self.years
        year, month = when.year + index // 12, index % 12 + 1
        day = min(when.day, calendar.monthrange(year, month)[1])
        moved = when.replace(year=year, month=month, day=day)
        return moved + dt.timedelta(
            weeks=self.weeks,
            days=self.days,
            hours=self.hours,
            minutes=self.minutes,
            seconds=self.seconds,
        )

    def describe(self, lang: Language = "en") -> str:
        """Words for people: ``7 years``, ``1 år och 6 månader``."""
        if lang not in _UNIT_WORDS:
            raise ValueError(f"language must be 'sv' or 'en', not {lang!r}")
        units = _UNIT_WORDS[lang]
        words = [
            f"{v} {units[i][0] if v == 1 else units[i][1]}"
            for i, v in enumerate(self._values())
            if v
        ]
        if not words:
            return f"0 {units[3][1]}"
        if len(words) == 1:
            return words[0]
        return f"{', '.join(words[:-1])} {_AND[lang]} {words[-1]}"

    def __str__(self) -> str:
        return self.iso()


def parse_duration(text: str) -> Duration:
    """Parse an ISO 8601 duration ``PnYnMnWnDTnHnMnS`` (whole numbers, at least one part).

    Raises ValueError naming the text when it is not one.
    """
    match = _DURATION.fullmatch(text) if isinstance(text, str) else None
    if match is None or text == "P" or (match["time"] is not None and not match["time"]):
        raise ValueError(
            f"{text!r} is not an ISO 8601 duration like P7Y "
            "(PnYnMnWnDTnHnMnS in whole numbers, e.g. P7Y, P6M, P30D, PT12H)"
        )
    return Duration(**{name: int(match[name] or 0) for name in _PARTS})


# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalText:
    """A text in Swedish and English; either may be missing, not both."""

    sv: str | None = None
    en: str | None = None

    def __post_init__(self) -> None:
        if not self.sv and not self.en:
            raise ValueError("a LocalText needs at least one of sv, en")

    def get(self, lang: Language = "en") -> str:
        """The text in ``lang``, else in the other language."""
        first, second = (self.sv, self.en) if lang == "sv" else (self.en, self.sv)
        return first or second or ""


@dataclass(frozen=True)
class LegalBasis:
    """A lawful basis of GDPR Art. 6(1)."""

    key: str
    article: str
    name: LocalText


LEGAL_BASES: Mapping[str, LegalBasis] = MappingProxyType(
    {
        b.key: b
        for b in (
            LegalBasis("consent", "Art. 6(1)(a)", LocalText("samtycke", "consent")),
            LegalBasis("contract", "Art. 6(1)(b)", LocalText("avtal", "contract")),
            LegalBasis(
                "legal_obligation",
                "Art. 6(1)(c)",
                LocalText("rättslig förpliktelse", "legal obligation"),
            ),
            LegalBasis(
                "vital_interests",
                "Art. 6(1)(d)",
                LocalText("grundläggande intresse", "vital interests"),
            ),
            LegalBasis(
                "public_task",
                "Art. 6(1)(e)",
                LocalText("allmänt intresse eller myndighetsutövning", "public task"),
            ),
            LegalBasis(
                "legitimate_interests",
                "Art. 6(1)(f)",
                LocalText("berättigat intresse", "legitimate interests"),
            ),
        )
    }
)
#: Bases a retention rule may name: Art. 6's, plus legal claims (Art. 17(3)(e)).
RETENTION_BASES = frozenset({*LEGAL_BASES, "legal_claims"})
#: Bases under which erasure must neither delete nor alter the records (Art. 17(3)(b), (e)).
HOLD_BASES = frozenset({"legal_obligation", "legal_claims"})
_ROLES = ("controller", "processor", "sub_processor")
_RECIPIENT_KINDS = ("authority", "processor", "third_party")
_MEASURE_SOURCES = ("policy", "pdmap")
_CHANNELS = ("email", "chat", "phone", "sms", "ticket_system", "post", "web_form")


@dataclass(frozen=True)
class Document:
    """The policy document itself: title, validity, the agreements it complements."""

    title: LocalText
    effective_from: dt.date | None = None
    source: str | None = None
    complements: tuple[LocalText, ...] = ()
    acceptance: LocalText | None = None
    changes: LocalText | None = None


@dataclass(frozen=True)
class Contact:
    channels: tuple[str, ...] = ()
    description: LocalText | None = None
    website: str | None = None


@dataclass(frozen=True)
class Controller:
    """The controller (personuppgiftsansvarig); ``None`` where the policy names nobody."""

    name: str
    contact: Contact
    representative: str | None = None
    dpo: str | None = None
    note: LocalText | None = None


@dataclass(frozen=True)
class LegalBasisStatement:
    statement: LocalText
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    """A category the policy declares, and pdmap's entity types that belong to it."""

    key: str
    name: LocalText
    entity_types: tuple[str, ...]
    description: LocalText | None = None
    collection: LocalText | None = None
    note: LocalText | None = None


@dataclass(frozen=True)
class Justification:
    """Why an entity type needing one (personnummer) is processed; ``None``: the policy says not."""

    entity_type: str
    justification: LocalText | None = None
    note: LocalText | None = None


@dataclass(frozen=True)
class DataSubject:
    key: str
    name: LocalText
    description: LocalText | None = None


@dataclass(frozen=True)
class DataSubjects:
    groups: tuple[DataSubject, ...]
    as_processor: LocalText | None = None


@dataclass(frozen=True)
class Purpose:
    key: str
    name: LocalText
    legal_basis: str
    categories: tuple[str, ...]
    description: LocalText | None = None
    note: LocalText | None = None

    def basis(self) -> LegalBasis:
        """The Art. 6(1) basis (article and name) of :attr:`legal_basis`."""
        return LEGAL_BASES[self.legal_basis]


@dataclass(frozen=True)
class Recipient:
    """A category of recipients (Art. 30(1)(d)); ``kind`` is authority, processor, third_party."""

    key: str
    kind: str
    name: LocalText
    description: LocalText | None = None
    examples: tuple[LocalText, ...] = ()
    condition: LocalText | None = None


@dataclass(frozen=True)
class Recipients:
    groups: tuple[Recipient, ...]
    statement: LocalText | None = None
    exceptions: tuple[LocalText, ...] = ()


@dataclass(frozen=True)
class Processor:
    """An entry of the processor register (biträdesregister)."""

    name: str
    role: str
    third_country: bool
    systems: tuple[str, ...] = ()
    purpose: LocalText | None = None
    location: str | None = None
    safeguards: str | None = None
    placeholder: bool = False

    def serves(self, system: str | None) -> bool:
        """True for a system listed (case-insensitively) or any system when ``"*"`` is listed."""
        if "*" in self.systems:
            return True
        return system is not None and system.casefold() in {s.casefold() for s in self.systems}


@dataclass(frozen=True)
class Transfers:
    aim: LocalText
    may_occur: LocalText | None = None
    measures: LocalText | None = None
    note: LocalText | None = None


@dataclass(frozen=True)
class RetentionRule:
    """How long records under ``applies_to`` (a ``source:container`` glob) are kept, and why."""

    applies_to: str
    basis: str
    keep: Duration | None = None
    note: str | None = None

    def matches(self, source: str, container: str) -> bool:
        """Case-sensitive glob on ``source:container``; a pattern without ``:`` on the source.
        A schema-qualified table matches by its bare name too (``crm:fakturor`` holds
        PostgreSQL's ``public.fakturor``); a log path or object key only as written."""
        if ":" not in self.applies_to:
            return fnmatchcase(source, self.applies_to)
        if fnmatchcase(f"{source}:{container}", self.applies_to):
            return True
        schema, dot, table = container.rpartition(".")
        return bool(dot and schema and "/" not in container) and fnmatchcase(
            f"{source}:{table}", self.applies_to
        )

    @property
    def holds(self) -> bool:
        """True when erasure must neither delete nor alter these records."""
        return self.basis in HOLD_BASES


@dataclass(frozen=True)
class Right:
    key: str
    article: str
    name: LocalText
    description: LocalText | None = None
    grounds: tuple[LocalText, ...] = ()
    exceptions: tuple[LocalText, ...] = ()
    note: LocalText | None = None


@dataclass(frozen=True)
class Requests:
    """How requests to exercise rights are handled, as the policy states it."""

    timing: LocalText | None = None
    identification: LocalText | None = None
    assessment: LocalText | None = None


@dataclass(frozen=True)
class Complaint:
    authority: LocalText
    url: str | None = None
    formerly: LocalText | None = None
    note: LocalText | None = None


@dataclass(frozen=True)
class SecurityMeasure:
    """``stated_by``: ``policy`` (claimed by the policy, unverified) or ``pdmap`` (pdmap's own)."""

    stated_by: str
    description: LocalText


@dataclass(frozen=True)
class Policy:
    """The whole policy; build it with :func:`load_policy` or :func:`default_policy`."""

    document: Document
    controller: Controller
    legal_basis: LegalBasisStatement
    categories: tuple[Category, ...]
    justifications: tuple[Justification, ...]
    data_subjects: DataSubjects
    purposes: tuple[Purpose, ...]
    recipients: Recipients
    processors: tuple[Processor, ...]
    transfers: Transfers
    retention: tuple[RetentionRule, ...]
    rights: tuple[Right, ...]
    requests: Requests
    response_time: Duration
    complaint: Complaint
    automated_decisions: LocalText | None
    cookies: LocalText | None
    security_measures: tuple[SecurityMeasure, ...]
    format_version: int = FORMAT_VERSION

    def retention_for(self, source: str, container: str) -> RetentionRule | None:
        """The first retention rule matching ``source:container``, or None."""
        return next((r for r in self.retention if r.matches(source, container)), None)

    def held(self, source: str, container: str) -> RetentionRule | None:
        """The matching rule when it holds the records (legal obligation or legal claims)."""
        rule = self.retention_for(source, container)
        return rule if rule is not None and rule.holds else None

    def processors_for_system(self, system: str | None) -> list[Processor]:
        """Register entries serving ``system`` (a source's ``system``); ``"*"`` entries always."""
        return [p for p in self.processors if p.serves(system)]

    def category(self, key: str) -> Category | None:
        return next((c for c in self.categories if c.key == key), None)

    def purposes_for_category(self, key: str) -> list[Purpose]:
        return [p for p in self.purposes if key in p.categories]

    def unjustified(self) -> tuple[str, ...]:
        """Entity types that need a justification the policy does not give (personnummer)."""
        return tuple(j.entity_type for j in self.justifications if j.justification is None)

    def category_map(self) -> CategoryMap:
        """Entity type -> categories from this policy; other types keep the scanner's default.

        The declared categories are this policy's category keys, so a type the policy maps
        nowhere (IBAN_CODE: ``financial``) stays undeclared.
        """
        mapped: dict[str, list[str]] = {}
        for category in self.categories:
            for entity_type in category.entity_types:
                mapped.setdefault(entity_type, []).append(category.key)
        merged = {t: tuple(mapped.get(t, c)) for t, c in DEFAULT_CATEGORIES.items()}
        merged.update({t: tuple(c) for t, c in mapped.items() if t not in merged})
        return CategoryMap(
            categories=MappingProxyType(merged),
            declared=frozenset(c.key for c in self.categories),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: durations as ISO text, dates as ISO dates; loads back to an equal Policy."""
        plain = _plain(self)
        assert isinstance(plain, dict)
        return plain


def _plain(value: object) -> object:
    if isinstance(value, Duration):
        return value.iso()
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


# --- loading -----------------------------------------------------------------------------------


def default_policy() -> Policy:
    """The built-in policy (the seed's, ``datamap/data/default_policy.yaml``)."""
    return _parse(_default_raw())


def load_policy(spec: str | Path | Mapping[str, Any] | None, base_dir: Path) -> Policy:
    """The built-in policy with ``spec`` layered over it.

    ``spec`` is pdmap.yaml's ``policy:`` value: None (the default as is), a path to a policy
    YAML (relative to ``base_dir``, the config file's folder) or an inline mapping. Each
    top-level key it gives replaces the default's whole key. Raises PolicyError.
    """
    raw = _default_raw()
    if spec is None:
        return _parse(raw)
    if isinstance(spec, Mapping):
        override, origin = spec, ""
    elif isinstance(spec, str | Path):
        path = _resolve(spec, base_dir)
        override, origin = _read_yaml(path), f"{path}: "
    else:
        raise PolicyError(
            f"policy: expected a path to a policy YAML or a mapping, got {_kind(spec)}"
        )
    try:
        return _parse({**raw, **override})
    except PolicyError as error:
        raise PolicyError(f"{origin}{error}") from None


def _resolve(spec: str | Path, base_dir: Path) -> Path:
    if isinstance(spec, str) and not spec.strip():
        raise PolicyError("policy: an empty path; give a policy YAML file or a mapping")
    path = Path(spec).expanduser()
    return path if path.is_absolute() else base_dir / path


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(
            f"policy: file not found: {path} (a relative path is resolved against the config "
            "file's folder)"
        ) from None
    except OSError as error:
        raise PolicyError(f"policy: cannot read {path}: {error.strerror or error}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise PolicyError(f"policy: {path} is not valid YAML: {error}") from None
    if not isinstance(data, Mapping):
        raise PolicyError(
            f"policy: {path} must hold a mapping of policy keys ({', '.join(_TOP_LEVEL)}), "
            f"not {_kind(data)}"
        )
    return data


def _default_raw() -> Mapping[str, Any]:
    resource = resources.files("datamap").joinpath("data/default_policy.yaml")
    data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    if not isinstance(data, Mapping):
        raise PolicyError(f"the built-in policy {resource} is not a mapping; reinstall pdmap")
    return data


# --- validation helpers: each takes the raw value and its key path ------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _suggest(key: object, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fields(
    value: object, path: str, required: Sequence[str], optional: Sequence[str] = ()
) -> Mapping[str, Any]:
    allowed = (*required, *optional)
    if not isinstance(value, Mapping):
        raise PolicyError(
            f"{path}: expected a mapping with keys {', '.join(allowed)}, got {_kind(value)}"
        )
    for key in value:
        if key not in allowed:
            raise PolicyError(
                f"{path}.{key}: unknown key{_suggest(key, allowed)}; "
                f"allowed keys: {', '.join(allowed)}"
            )
    for key in required:
        if key not in value:
            raise PolicyError(f"{path}.{key}: missing; this key is required here")
    return value


def _str(value: object, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(f"{path}: expected a non-empty string, got {_kind(value)}")
    return value


def _opt_str(value: object, path: str) -> str | None:
    return None if value is None else _str(value, path)


def _choice(value: object, path: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise PolicyError(
            f"{path}: {value!r} is not one of {', '.join(allowed)}{_suggest(value, allowed)}"
        )
    return str(value)


def _bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise PolicyError(f"{path}: expected true or false, got {value!r}")
    return value


def _list(value: object, path: str, item: Callable[[object, str], _T]) -> tuple[_T, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise PolicyError(f"{path}: expected a list, got {_kind(value)}")
    return tuple(item(v, f"{path}[{i}]") for i, v in enumerate(value))


def _text(value: object, path: str) -> LocalText:
    """``{sv: ..., en: ...}`` (one may be null) or a plain string, taken for both languages."""
    if isinstance(value, str) and value.strip():
        return LocalText(sv=value, en=value)
    if isinstance(value, Mapping):
        fields = _fields(value, path, (), ("sv", "en"))
        sv, en = _opt_str(fields.get("sv"), f"{path}.sv"), _opt_str(fields.get("en"), f"{path}.en")
        if sv or en:
            return LocalText(sv=sv, en=en)
    raise PolicyError(
        f"{path}: expected a text: a string or {{sv: ..., en: ...}}, got {_kind(value)}"
    )


def _opt_text(value: object, path: str) -> LocalText | None:
    return None if value is None else _text(value, path)


def _duration(value: object, path: str) -> Duration:
    if not isinstance(value, str):
        raise PolicyError(
            f"{path}: {value!r} is not an ISO 8601 duration like P7Y; write it as text, e.g. P7Y"
        )
    try:
        return parse_duration(value)
    except ValueError as error:
        raise PolicyError(f"{path}: {error}") from None


def _date(value: object, path: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PolicyError(f"{path}: {value!r} is not a date like 2018-05-25")


_KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")


def _key(value: object, path: str) -> str:
    text = _str(value, path)
    if not _KEY.fullmatch(text):
        raise PolicyError(
            f"{path}: {text!r} is not a key; use lower_snake_case words, dotted for subcategories"
        )
    return text


def _entity_type(value: object, path: str) -> str:
    if value not in DEFAULT_CATEGORIES:
        known = tuple(DEFAULT_CATEGORIES)
        raise PolicyError(
            f"{path}: {value!r} is not a pdmap entity type{_suggest(value, known)}; "
            f"known: {', '.join(known)}"
        )
    return str(value)


def _unique(items: Sequence[_T], key: Callable[[_T], str], path: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        name = key(item)
        if name in seen:
            raise PolicyError(f"{path}[{i}]: {name!r} appears twice; keys must be unique")
        seen.add(name)


# --- one parser per part ------------------------------------------------------------------------


def _document(value: object, path: str) -> Document:
    f = _fields(
        value,
        path,
        ("title",),
        ("effective_from", "source", "complements", "acceptance", "changes"),
    )
    return Document(
        title=_text(f["title"], f"{path}.title"),
        effective_from=_date(f.get("effective_from"), f"{path}.effective_from"),
        source=_opt_str(f.get("source"), f"{path}.source"),
        complements=_list(f.get("complements"), f"{path}.complements", _text),
        acceptance=_opt_text(f.get("acceptance"), f"{path}.acceptance"),
        changes=_opt_text(f.get("changes"), f"{path}.changes"),
    )


def _controller(value: object, path: str) -> Controller:
    f = _fields(value, path, ("name",), ("contact", "representative", "dpo", "note"))
    c = _fields(
        f.get("contact") or {}, f"{path}.contact", (), ("channels", "description", "website")
    )
    return Controller(
        name=_str(f["name"], f"{path}.name"),
        contact=Contact(
            channels=_list(
                c.get("channels"),
                f"{path}.contact.channels",
                lambda v, p: _choice(v, p, _CHANNELS),
            ),
            description=_opt_text(c.get("description"), f"{path}.contact.description"),
            website=_opt_str(c.get("website"), f"{path}.contact.website"),
        ),
        representative=_opt_str(f.get("representative"), f"{path}.representative"),
        dpo=_opt_str(f.get("dpo"), f"{path}.dpo"),
        note=_opt_text(f.get("note"), f"{path}.note"),
    )


def _legal_basis_statement(value: object, path: str) -> LegalBasisStatement:
    f = _fields(value, path, ("statement",), ("references",))
    return LegalBasisStatement(
        statement=_text(f["statement"], f"{path}.statement"),
        references=_list(f.get("references"), f"{path}.references", _str),
    )


def _category(value: object, path: str) -> Category:
    f = _fields(value, path, ("key", "name", "entity_types"), ("description", "collection", "note"))
    return Category(
        key=_key(f["key"], f"{path}.key"),
        name=_text(f["name"], f"{path}.name"),
        entity_types=_list(f["entity_types"], f"{path}.entity_types", _entity_type),
        description=_opt_text(f.get("description"), f"{path}.description"),
        collection=_opt_text(f.get("collection"), f"{path}.collection"),
        note=_opt_text(f.get("note"), f"{path}.note"),
    )


def _justification(value: object, path: str) -> Justification:
    f = _fields(value, path, ("entity_type",), ("justification", "note"))
    return Justification(
        entity_type=_entity_type(f["entity_type"], f"{path}.entity_type"),
        justification=_opt_text(f.get("justification"), f"{path}.justification"),
        note=_opt_text(f.get("note"), f"{path}.note"),
    )


def _data_subject(value: object, path: str) -> DataSubject:
    f = _fields(value, path, ("key", "name"), ("description",))
    return DataSubject(
        key=_key(f["key"], f"{path}.key"),
        name=_text(f["name"], f"{path}.name"),
        description=_opt_text(f.get("description"), f"{path}.description"),
    )


def _data_subjects(value: object, path: str) -> DataSubjects:
    f = _fields(value, path, ("groups",), ("as_processor",))
    groups = _list(f["groups"], f"{path}.groups", _data_subject)
    _unique(groups, lambda g: g.key, f"{path}.groups")
    return DataSubjects(
        groups=groups, as_processor=_opt_text(f.get("as_processor"), f"{path}.as_processor")
    )


def _purpose(value: object, path: str) -> Purpose:
    f = _fields(value, path, ("key", "name", "legal_basis", "categories"), ("description", "note"))
    return Purpose(
        key=_key(f["key"], f"{path}.key"),
        name=_text(f["name"], f"{path}.name"),
        legal_basis=_choice(f["legal_basis"], f"{path}.legal_basis", tuple(LEGAL_BASES)),
        categories=_list(f["categories"], f"{path}.categories", _key),
        description=_opt_text(f.get("description"), f"{path}.description"),
        note=_opt_text(f.get("note"), f"{path}.note"),
    )


def _recipient(value: object, path: str) -> Recipient:
    f = _fields(value, path, ("key", "kind", "name"), ("description", "examples", "condition"))
    return Recipient(
        key=_key(f["key"], f"{path}.key"),
        kind=_choice(f["kind"], f"{path}.kind", _RECIPIENT_KINDS),
        name=_text(f["name"], f"{path}.name"),
        description=_opt_text(f.get("description"), f"{path}.description"),
        examples=_list(f.get("examples"), f"{path}.examples", _text),
        condition=_opt_text(f.get("condition"), f"{path}.condition"),
    )


def _recipients(value: object, path: str) -> Recipients:
    f = _fields(value, path, ("groups",), ("statement", "exceptions"))
    groups = _list(f["groups"], f"{path}.groups", _recipient)
    _unique(groups, lambda g: g.key, f"{path}.groups")
    return Recipients(
        groups=groups,
        statement=_opt_text(f.get("statement"), f"{path}.statement"),
        exceptions=_list(f.get("exceptions"), f"{path}.exceptions", _text),
    )


def _processor(value: object, path: str) -> Processor:
    f = _fields(
        value,
        path,
        ("name", "role", "third_country"),
        ("systems", "purpose", "location", "safeguards", "placeholder"),
    )
    return Processor(
        name=_str(f["name"], f"{path}.name"),
        role=_choice(f["role"], f"{path}.role", _ROLES),
        third_country=_bool(f["third_country"], f"{path}.third_country"),
        systems=_list(f.get("systems"), f"{path}.systems", _str),
        purpose=_opt_text(f.get("purpose"), f"{path}.purpose"),
        location=_opt_str(f.get("location"), f"{path}.location"),
        safeguards=_opt_str(f.get("safeguards"), f"{path}.safeguards"),
        placeholder=_bool(f.get("placeholder", False), f"{path}.placeholder"),
    )


def _transfers(value: object, path: str) -> Transfers:
    f = _fields(value, path, ("aim",), ("may_occur", "measures", "note"))
    return Transfers(
        aim=_text(f["aim"], f"{path}.aim"),
        may_occur=_opt_text(f.get("may_occur"), f"{path}.may_occur"),
        measures=_opt_text(f.get("measures"), f"{path}.measures"),
        note=_opt_text(f.get("note"), f"{path}.note"),
    )


def _retention_rule(value: object, path: str) -> RetentionRule:
    f = _fields(value, path, ("applies_to", "basis"), ("keep", "note"))
    keep = f.get("keep")
    return RetentionRule(
        applies_to=_str(f["applies_to"], f"{path}.applies_to"),
        basis=_choice(f["basis"], f"{path}.basis", sorted(RETENTION_BASES)),
        keep=None if keep is None else _duration(keep, f"{path}.keep"),
        note=_opt_str(f.get("note"), f"{path}.note"),
    )


def _right(value: object, path: str) -> Right:
    f = _fields(
        value,
        path,
        ("key", "article", "name"),
        ("description", "grounds", "exceptions", "note"),
    )
    return Right(
        key=_key(f["key"], f"{path}.key"),
        article=_str(f["article"], f"{path}.article"),
        name=_text(f["name"], f"{path}.name"),
        description=_opt_text(f.get("description"), f"{path}.description"),
        grounds=_list(f.get("grounds"), f"{path}.grounds", _text),
        exceptions=_list(f.get("exceptions"), f"{path}.exceptions", _text),
        note=_opt_text(f.get("note"), f"{path}.note"),
    )


def _requests(value: object, path: str) -> Requests:
    f = _fields(value, path, (), ("timing", "identification", "assessment"))
    return Requests(
        timing=_opt_text(f.get("timing"), f"{path}.timing"),
        identification=_opt_text(f.get("identification"), f"{path}.identification"),
        assessment=_opt_text(f.get("assessment"), f"{path}.assessment"),
    )


def _complaint(value: object, path: str) -> Complaint:
    f = _fields(value, path, ("authority",), ("url", "formerly", "note"))
    return Complaint(
        authority=_text(f["authority"], f"{path}.authority"),
        url=_opt_str(f.get("url"), f"{path}.url"),
        formerly=_opt_text(f.get("formerly"), f"{path}.formerly"),
        note=_opt_text(f.get("note"), f"{path}.note"),
    )


def _security_measure(value: object, path: str) -> SecurityMeasure:
    f = _fields(value, path, ("stated_by", "description"))
    return SecurityMeasure(
        stated_by=_choice(f["stated_by"], f"{path}.stated_by", _MEASURE_SOURCES),
        description=_text(f["description"], f"{path}.description"),
    )


def _format_version(value: object, path: str) -> int:
    if value != FORMAT_VERSION or isinstance(value, bool):
        raise PolicyError(
            f"{path}: format version {value!r} is not supported; this pdmap reads version "
            f"{FORMAT_VERSION}"
        )
    return FORMAT_VERSION


_TOP_LEVEL: tuple[str, ...] = (
    "format_version",
    "document",
    "controller",
    "legal_basis",
    "categories",
    "justifications",
    "data_subjects",
    "purposes",
    "recipients",
    "processors",
    "transfers",
    "retention",
    "rights",
    "requests",
    "response_time",
    "complaint",
    "automated_decisions",
    "cookies",
    "security_measures",
)


def _parse(raw: Mapping[str, Any]) -> Policy:
    f = _fields(raw, "policy", _TOP_LEVEL)
    categories = _list(f["categories"], "policy.categories", _category)
    _unique(categories, lambda c: c.key, "policy.categories")
    purposes = _list(f["purposes"], "policy.purposes", _purpose)
    _unique(purposes, lambda p: p.key, "policy.purposes")
    declared = [c.key for c in categories]
    for i, purpose in enumerate(purposes):
        for j, key in enumerate(purpose.categories):
            if key not in declared:
                raise PolicyError(
                    f"policy.purposes[{i}].categories[{j}]: {key!r} is not one of the policy's "
                    f"categories ({', '.join(declared)}); declare it under policy.categories"
                )
    justifications = _list(f["justifications"], "policy.justifications", _justification)
    _unique(justifications, lambda j: j.entity_type, "policy.justifications")
    rights = _list(f["rights"], "policy.rights", _right)
    _unique(rights, lambda r: r.key, "policy.rights")
    return Policy(
        format_version=_format_version(f["format_version"], "policy.format_version"),
        document=_document(f["document"], "policy.document"),
        controller=_controller(f["controller"], "policy.controller"),
        legal_basis=_legal_basis_statement(f["legal_basis"], "policy.legal_basis"),
        categories=categories,
        justifications=justifications,
        data_subjects=_data_subjects(f["data_subjects"], "policy.data_subjects"),
        purposes=purposes,
        recipients=_recipients(f["recipients"], "policy.recipients"),
        processors=_list(f["processors"], "policy.processors", _processor),
        transfers=_transfers(f["transfers"], "policy.transfers"),
        retention=_list(f["retention"], "policy.retention", _retention_rule),
        rights=rights,
        requests=_requests(f["requests"], "policy.requests"),
        response_time=_duration(f["response_time"], "policy.response_time"),
        complaint=_complaint(f["complaint"], "policy.complaint"),
        automated_decisions=_opt_text(f["automated_decisions"], "policy.automated_decisions"),
        cookies=_opt_text(f["cookies"], "policy.cookies"),
        security_measures=_list(
            f["security_measures"], "policy.security_measures", _security_measure
        ),
    )

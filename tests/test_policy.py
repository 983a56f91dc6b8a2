"""The policy model: durations, the built-in (seed) policy, retention, layering, categories."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import datamap.policy as policy_module
from datamap.policy import (
    Duration,
    Policy,
    PolicyError,
    RetentionRule,
    default_policy,
    load_policy,
    parse_duration,
)
from scanner.categories import DECLARED_BY_SEED_POLICY, DEFAULT_CATEGORIES


@pytest.fixture(scope="module")
def seed() -> Policy:
    return default_policy()


# --- durations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P7Y", Duration(years=7)),
        ("P1M", Duration(months=1)),
        ("PT1M", Duration(minutes=1)),
        ("P2W", Duration(weeks=2)),
        ("P30D", Duration(days=30)),
        ("PT12H", Duration(hours=12)),
        ("PT90S", Duration(seconds=90)),
        ("P0D", Duration()),
        ("P1Y2M3W4DT5H6M7S", Duration(1, 2, 3, 4, 5, 6, 7)),
        ("P10Y6M", Duration(years=10, months=6)),
        ("P1DT1H", Duration(days=1, hours=1)),
    ],
)
def test_parse_duration_valid(text: str, expected: Duration) -> None:
    parsed = parse_duration(text)
    assert parsed == expected
    assert parsed.iso() == text
    assert parse_duration(parsed.iso()) == parsed


def test_zero_duration_has_one_canonical_form() -> None:
    assert parse_duration("P0Y").iso() == "P0D"
    assert parse_duration("PT0S").iso() == "P0D"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "P",
        "PT",
        "P1YT",
        "7Y",
        "P7",
        "P1.5Y",
        "P1,5Y",
        "P-1Y",
        "p7y",
        " P7Y",
        "P7Y ",
        "seven years",
        "PT1D",
        "P1M1Y",
        "P1H",
        "P\u0667Y",  # Arabic-Indic digit seven
        "P7YP7Y",
    ],
)
def test_parse_duration_invalid(text: str) -> None:
    with pytest.raises(ValueError, match="is not an ISO 8601 duration like P7Y") as error:
        parse_duration(text)
    assert repr(text) in str(error.value)


def test_duration_rejects_negative_or_fractional_parts() -> None:
    with pytest.raises(ValueError, match="years"):
        Duration(years=-1)
    with pytest.raises(ValueError, match="days"):
        Duration(days=1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (dt.date(2024, 2, 29), "P1Y", dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), "P4Y", dt.date(2028, 2, 29)),
        (dt.date(2023, 2, 28), "P1Y", dt.date(2024, 2, 28)),
        (dt.date(2024, 1, 31), "P1M", dt.date(2024, 2, 29)),
        (dt.date(2023, 1, 31), "P1M", dt.date(2023, 2, 28)),
        (dt.date(2024, 3, 31), "P1M", dt.date(2024, 4, 30)),
        (dt.date(2024, 12, 31), "P2M", dt.date(2025, 2, 28)),
        (dt.date(2024, 11, 15), "P7Y", dt.date(2031, 11, 15)),
        (dt.date(2024, 10, 31), "P1Y4M", dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), "P1M1D", dt.date(2024, 3, 1)),
        (dt.date(2024, 2, 28), "P1D", dt.date(2024, 2, 29)),
        (dt.date(2024, 12, 25), "P2W", dt.date(2025, 1, 8)),
        (dt.date(2024, 5, 1), "PT36H", dt.date(2024, 5, 2)),
        (dt.date(2024, 5, 1), "P0D", dt.date(2024, 5, 1)),
        (dt.datetime(2024, 1, 31, 23, 0), "P1MT2H", dt.datetime(2024, 3, 1, 1, 0)),
        (dt.datetime(2024, 2, 29, 12, 30, 5), "P1Y", dt.datetime(2025, 2, 28, 12, 30, 5)),
        (dt.datetime(2024, 12, 31, 23, 59, 59), "PT1S", dt.datetime(2025, 1, 1, 0, 0, 0)),
    ],
)
def test_add_to(start: dt.date, duration: str, expected: dt.date) -> None:
    result = parse_duration(duration).add_to(start)
    assert result == expected
    assert type(result) is type(start)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("P7Y", "en", "7 years"),
        ("P7Y", "sv", "7 år"),
        ("P1Y", "en", "1 year"),
        ("P1M", "sv", "1 månad"),
        ("P1Y6M", "sv", "1 år och 6 månader"),
        ("P1Y2M3D", "en", "1 year, 2 months and 3 days"),
        ("P1WT1H", "sv", "1 vecka och 1 timme"),
        ("P0D", "en", "0 days"),
        ("P0D", "sv", "0 dagar"),
    ],
)
def test_describe(text: str, lang: Any, expected: str) -> None:
    assert parse_duration(text).describe(lang) == expected


# --- the built-in policy ------------------------------------------------------------------------

SEED_ENTITY_TYPES = {
    "identification": (
        "PERSON",
        "EMAIL_ADDRESS",
        "SE_PERSONNUMMER",
        "SE_ORGANISATIONSNUMMER",
        "USERNAME",
        "DATE_OF_BIRTH",
    ),
    "contact": ("EMAIL_ADDRESS", "PHONE_NUMBER", "STREET_ADDRESS", "POSTAL_CODE", "LOCATION"),
    "history": ("IP_ADDRESS", "MAC_ADDRESS"),
}


def test_default_declares_the_seed_categories(seed: Policy) -> None:
    assert {c.key: c.entity_types for c in seed.categories} == SEED_ENTITY_TYPES
    names = {c.key: (c.name.sv, c.name.en) for c in seed.categories}
    assert names == {
        "identification": ("Identifiering", "Identification"),
        "contact": ("Kontakt", "Contact"),
        "history": ("Historik", "History"),
    }
    assert frozenset(names) == DECLARED_BY_SEED_POLICY


def test_default_agrees_with_the_scanner_categories(seed: Policy) -> None:
    mapped: dict[str, list[str]] = {}
    for category in seed.categories:
        for entity_type in category.entity_types:
            mapped.setdefault(entity_type, []).append(category.key)
    for entity_type, categories in mapped.items():
        assert tuple(categories) == DEFAULT_CATEGORIES[entity_type], entity_type
    # and every type the scanner files under a declared category is mapped by the policy
    for entity_type, scanner_categories in DEFAULT_CATEGORIES.items():
        if set(scanner_categories) & DECLARED_BY_SEED_POLICY:
            assert entity_type in mapped, entity_type
    assert dict(seed.category_map().categories) == dict(DEFAULT_CATEGORIES)


def test_default_flags_personnummer_as_unjustified(seed: Policy) -> None:
    assert seed.unjustified() == ("SE_PERSONNUMMER",)
    (entry,) = seed.justifications
    assert entry.note is not None
    assert "3 kap. 10 §" in (entry.note.sv or "")


def test_default_mirrors_the_seed(seed: Policy) -> None:
    assert seed.controller.name == "Smartsign"
    assert seed.controller.dpo is None
    assert seed.controller.representative is None
    assert seed.controller.contact.channels == ("email", "chat", "phone", "ticket_system")
    assert seed.document.effective_from == dt.date(2018, 5, 25)
    assert {g.key for g in seed.data_subjects.groups} == {"customers", "users"}
    assert "personuppgiftsbiträde" in (seed.data_subjects.as_processor or _none()).get("sv")
    bases = {p.key: p.legal_basis for p in seed.purposes}
    assert bases.pop("bookkeeping") == "legal_obligation"
    assert set(bases.values()) == {"contract"}
    assert seed.purposes[0].basis().article == "Art. 6(1)(b)"
    assert {r.kind for r in seed.recipients.groups} == {"authority", "processor"}
    assert {r.key: r.article for r in seed.rights} == {
        "access": "Art. 15",
        "rectification": "Art. 16",
        "restriction": "Art. 18",
        "portability": "Art. 20",
        "erasure": "Art. 17",
        "objection_direct_marketing": "Art. 21(2)",
    }
    erasure = next(r for r in seed.rights if r.key == "erasure")
    assert len(erasure.grounds) == 3
    assert len(erasure.exceptions) == 3
    assert seed.response_time == Duration(months=1)
    assert seed.complaint.url == "https://www.imy.se"
    assert seed.complaint.formerly is not None
    assert seed.complaint.formerly.sv == "Datainspektionen"
    assert {m.stated_by for m in seed.security_measures} == {"policy", "pdmap"}


def test_default_processor_register_is_marked_as_placeholders(seed: Policy) -> None:
    controller, *others = seed.processors
    assert (controller.name, controller.role, controller.placeholder) == (
        "Smartsign",
        "controller",
        False,
    )
    assert controller.third_country is False
    assert others
    assert all(p.placeholder and p.role == "processor" for p in others)


def _none() -> Any:
    raise AssertionError("expected a text")


# --- retention ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "source", "container", "expected"),
    [
        ("crm:fakturor", "crm", "fakturor", True),
        ("crm:fakturor", "crm", "public.fakturor", True),  # a schema-qualified table: bare name
        ("crm:fakturor", "crm", "public.fakturor_arkiv", False),
        ("crm:public.fakturor", "crm", "sales.fakturor", False),
        ("logs:app.log", "logs", "/var/log/x/app.log", False),  # paths only as written
        ("crm:*fakturor", "crm", "public.fakturor", True),
        ("crm:Fakturor", "crm", "fakturor", False),  # case-sensitive
        ("*:*invoice*", "billing", "public.invoice_lines", True),
        ("*:*invoice*", "billing", "public.orders", False),
        ("crm", "crm", "public.anything", True),  # no ":": the source, any container
        ("crm", "crm2", "public.anything", False),
        ("crm*", "crm2", "x", True),
        ("applogs:/var/log/app/*.gz", "applogs", "/var/log/app/a.log.gz", True),
        ("applogs:/var/log/app/*.gz", "applogs", "/var/log/app/a.log", False),
    ],
)
def test_rule_matches(pattern: str, source: str, container: str, expected: bool) -> None:
    assert RetentionRule(pattern, "contract").matches(source, container) is expected


def test_default_holds_bookkeeping_material(seed: Policy) -> None:
    for container in ("public.fakturor", "Fakturarader", "public.invoices", "Invoice_2023"):
        rule = seed.held("crm", container)
        assert rule is not None, container
        assert rule.basis == "legal_obligation"
        assert rule.keep == Duration(years=7)
        assert rule.note is not None
        assert "Bokföringslagen" in rule.note
    assert seed.held("crm", "public.customers") is None
    general = seed.retention_for("crm", "public.customers")
    assert general is not None
    assert (general.basis, general.keep) == ("contract", None)


def _with_retention(*rules: dict[str, Any]) -> Policy:
    return load_policy({"retention": list(rules)}, Path("."))


def test_first_matching_rule_wins() -> None:
    policy = _with_retention(
        {"applies_to": "crm:*", "basis": "contract", "keep": "P2Y"},
        {"applies_to": "crm:fakturor", "basis": "legal_obligation", "keep": "P7Y"},
    )
    rule = policy.retention_for("crm", "fakturor")
    assert rule is not None
    assert rule.keep == Duration(years=2)
    assert policy.held("crm", "fakturor") is None
    assert policy.retention_for("shop", "orders") is None


@pytest.mark.parametrize(
    ("basis", "held"),
    [
        ("legal_obligation", True),
        ("legal_claims", True),
        ("contract", False),
        ("consent", False),
        ("legitimate_interests", False),
    ],
)
def test_held_only_for_legal_obligation_or_claims(basis: str, held: bool) -> None:
    policy = _with_retention({"applies_to": "crm:fakturor", "basis": basis})
    assert (policy.held("crm", "fakturor") is not None) is held
    assert policy.retention_for("crm", "fakturor") is not None


# --- layering and validation --------------------------------------------------------------------


def test_none_is_the_default(seed: Policy) -> None:
    assert load_policy(None, Path(".")) == seed


def test_inline_mapping_replaces_retention_and_keeps_categories(seed: Policy) -> None:
    policy = load_policy(
        {
            "retention": [
                {
                    "applies_to": "crm:fakturor",
                    "basis": "legal_obligation",
                    "keep": "P7Y",
                    "note": "Bokföringslagen 7 kap. 2 §",
                }
            ]
        },
        Path("."),
    )
    assert policy.retention == (
        RetentionRule(
            "crm:fakturor", "legal_obligation", Duration(years=7), "Bokföringslagen 7 kap. 2 §"
        ),
    )
    assert policy.categories == seed.categories
    assert policy.purposes == seed.purposes
    assert policy.retention_for("crm", "public.customers") is None


def test_yaml_file_relative_to_base_dir(tmp_path: Path, seed: Policy) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "ours.yaml").write_text(
        "processors:\n"
        "  - name: Acme Hosting AB\n"
        "    role: processor\n"
        "    systems: [CRM]\n"
        "    location: Sweden\n"
        "    third_country: false\n"
        "  - name: US Mail Inc\n"
        "    role: sub_processor\n"
        "    systems: [CRM, Newsletter]\n"
        "    location: United States\n"
        "    third_country: true\n"
        '    safeguards: "SCC, Art. 46(2)(c)"\n',
        encoding="utf-8",
    )
    for spec in ("policies/ours.yaml", Path("policies/ours.yaml")):
        policy = load_policy(spec, tmp_path)
        assert [p.name for p in policy.processors] == ["Acme Hosting AB", "US Mail Inc"]
        assert policy.processors[1].safeguards == "SCC, Art. 46(2)(c)"
        assert policy.categories == seed.categories
        assert policy.retention == seed.retention


def test_processors_for_system(tmp_path: Path) -> None:
    policy = load_policy(
        {
            "processors": [
                {
                    "name": "Smartsign",
                    "role": "controller",
                    "systems": ["*"],
                    "third_country": False,
                },
                {"name": "Acme", "role": "processor", "systems": ["CRM"], "third_country": False},
                {
                    "name": "Mailer",
                    "role": "sub_processor",
                    "systems": ["Mail"],
                    "third_country": True,
                },
            ]
        },
        tmp_path,
    )
    assert [p.name for p in policy.processors_for_system("CRM")] == ["Smartsign", "Acme"]
    assert [p.name for p in policy.processors_for_system("crm")] == ["Smartsign", "Acme"]
    assert [p.name for p in policy.processors_for_system("Mail")] == ["Smartsign", "Mailer"]
    assert [p.name for p in policy.processors_for_system("ERP")] == ["Smartsign"]
    assert [p.name for p in policy.processors_for_system(None)] == ["Smartsign"]


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="file not found") as error:
        load_policy("nowhere/policy.yaml", tmp_path)
    assert str(tmp_path / "nowhere" / "policy.yaml") in str(error.value)


def test_file_that_is_not_yaml_or_not_a_mapping(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("retention: [\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="is not valid YAML"):
        load_policy("broken.yaml", tmp_path)
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="must hold a mapping"):
        load_policy("list.yaml", tmp_path)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            {"retention": [{"applies_to": "crm:x", "basis": "contract", "keep": "seven years"}]},
            "policy.retention[0].keep: 'seven years' is not an ISO 8601 duration like P7Y",
        ),
        (
            {"retention": [{"applies_to": "crm:x", "basis": "contract", "keep": 7}]},
            "policy.retention[0].keep: 7 is not an ISO 8601 duration like P7Y",
        ),
        (
            {"retention": [{"applies_to": "crm:x", "basis": "legal_obligaton"}]},
            "policy.retention[0].basis: 'legal_obligaton' is not one of",
        ),
        (
            {"retention": [{"applies_to": "crm:x", "basis": "contract", "kep": "P1Y"}]},
            "policy.retention[0].kep: unknown key (did you mean 'keep'?)",
        ),
        (
            {"retention": [{"basis": "contract"}]},
            "policy.retention[0].applies_to: missing",
        ),
        ({"retension": []}, "policy.retension: unknown key (did you mean 'retention'?)"),
        ({"retention": "P7Y"}, "policy.retention: expected a list"),
        (
            {"categories": [{"key": "contact", "name": "Kontakt", "entity_types": ["EMAIL"]}]},
            "policy.categories[0].entity_types[0]: 'EMAIL' is not a pdmap entity type",
        ),
        (
            {
                "categories": [
                    {"key": "contact", "name": "Kontakt", "entity_types": ["PHONE_NUMBER"]}
                ]
            },
            "policy.purposes[0].categories[0]: 'identification' is not one of the policy's",
        ),
        (
            {"processors": [{"name": "Acme", "role": "procesor", "third_country": False}]},
            "policy.processors[0].role: 'procesor' is not one of",
        ),
        (
            {"processors": [{"name": "Acme", "role": "processor", "third_country": "no"}]},
            "policy.processors[0].third_country: expected true or false",
        ),
        ({"response_time": "one month"}, "policy.response_time: 'one month' is not an ISO 8601"),
        ({"format_version": 2}, "policy.format_version: format version 2 is not supported"),
        (
            {"rights": [{"key": "access", "article": "Art. 15", "name": {"de": "Auskunft"}}]},
            "policy.rights[0].name.de: unknown key",
        ),
    ],
)
def test_invalid_override_names_the_key_path(override: dict[str, Any], message: str) -> None:
    with pytest.raises(PolicyError) as error:
        load_policy(override, Path("."))
    assert str(error.value).startswith(message), str(error.value)


def test_error_in_a_file_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(
        "retention:\n  - applies_to: 'crm:x'\n    basis: contract\n    keep: sju år\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as error:
        load_policy(path, tmp_path)
    assert str(error.value).startswith(f"{path}: policy.retention[0].keep: 'sju år'")


def test_wrong_spec_type() -> None:
    with pytest.raises(PolicyError, match="expected a path to a policy YAML or a mapping"):
        load_policy(42, Path("."))  # type: ignore[arg-type]


# --- category map and export --------------------------------------------------------------------


def test_category_map_flags_undeclared_types(seed: Policy) -> None:
    categories = seed.category_map()
    assert categories.declared_by_policy("EMAIL_ADDRESS") is True
    assert categories.declared_by_policy("IBAN_CODE") is False
    assert categories.categories_of("IBAN_CODE") == ("financial",)
    assert categories.declared_by_policy("SE_VEHICLE_REGISTRATION") is False


def test_category_map_follows_an_overriding_policy() -> None:
    categories = [
        {"key": "contact", "name": "Kontakt", "entity_types": ["EMAIL_ADDRESS"]},
        {"key": "financial", "name": "Ekonomi", "entity_types": ["IBAN_CODE"]},
    ]
    purposes = [
        {
            "key": "billing",
            "name": "Fakturering",
            "legal_basis": "contract",
            "categories": ["financial"],
        }
    ]
    policy = load_policy({"categories": categories, "purposes": purposes}, Path("."))
    mapping = policy.category_map()
    assert mapping.declared == frozenset({"contact", "financial"})
    assert mapping.declared_by_policy("IBAN_CODE") is True
    assert mapping.categories_of("EMAIL_ADDRESS") == ("contact",)
    # types this policy maps nowhere keep the scanner's default and its undeclared category
    assert mapping.categories_of("IP_ADDRESS") == ("history",)
    assert mapping.declared_by_policy("IP_ADDRESS") is False


def test_to_dict_is_json_ready_and_loads_back(seed: Policy) -> None:
    data = seed.to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert data["retention"][0]["keep"] == "P7Y"
    assert data["response_time"] == "P1M"
    assert data["document"]["effective_from"] == "2018-05-25"
    assert load_policy(json.loads(text), Path(".")) == seed


def test_public_surface_is_complete() -> None:
    names = policy_module.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(policy_module, name), name

"""Deterministic generator of a labelled Swedish/English personal-data benchmark set.

Each output line (JSONL) is::

    {"id": "gen-00000", "text": "...", "language": "sv"|"en",
     "spans": [{"start": 0, "end": 12, "entity_type": "PERSON"}, ...],
     "template_id": "sv_ticket_delivery", "split": "dev"|"test", "kind": "support_ticket"}

Design
------
* Texts come from ~50 hand-written templates (support tickets, CRM notes, e-mail signatures,
  access-log lines, key=value application logs, JSON logs and *negatives*), Swedish and English.
  Placeholders ``{{name}}`` (``{{name:2}}`` for a second, independent value of the same generator)
  are filled by :class:`Filler`; labelled placeholders produce spans, unlabelled ones produce
  look-alikes (order and invoice numbers, OCR references, tracking numbers, EAN-13, SKUs, dates and
  timestamps, versions such as ``10.2.0.1``, amounts, UUIDs, hashes, durations, products, HTTP
  status lines, company and place names). Spans are computed while the text is assembled and
  asserted (``text[start:end] == value``).
* Labelling rules: PERSON is the name as written (first name alone when only that is written; titles
  such as "Dr" are never written); STREET_ADDRESS is one span for street + number (+ letter,
  + ``lgh NNNN``) and, when they follow, postnummer + ort / town + postcode (also across line
  breaks); POSTAL_CODE only for a postal code that stands alone; DATE_OF_BIRTH is the date only
  (not "född"); USERNAME is a login name that is not an e-mail address. Every value of a labelled
  kind is labelled, whether it belongs to a person or a company (a company's switchboard number,
  address, org.nr and bankgiro are labelled too). LOCATION and organisation names are never
  labelled (not scored).
* Personnummer are ONLY Skatteverket's official test numbers (``testpersonnummer`` CSV in the shared
  data dir), rendered as ``YYYYMMDD-NNNN``, ``YYMMDD-NNNN`` (``+`` for age >= 100 on the reference
  date 2025-01-01), ``YYYYMMDDNNNN`` and ``YYMMDDNNNN``; samordningsnummer are derived from them
  (day + 60, Luhn digit recomputed). Personnummer look-alikes in negatives (date + time run ids)
  fail Luhn.
* Checksums: IBANs pass mod 97, cards / org.nr / bankgiro / plusgiro pass Luhn, phone numbers pass
  ``phonenumbers.is_valid_number`` (US numbers use the fictional 555-01XX range, UK landlines
  Ofcom's drama ranges). OCR references avoid lengths 10, 12, 15 and 16 so that they do not collide
  with personnummer or card numbers by construction.
* Negatives (~28 % of the records, ``kind == "negative"``) contain no labelled value at all.
* Split: templates are grouped by (kind, language) in definition order; the 2nd, 5th, 8th ...
  template of each group is ``test``, the others ``dev`` (about 1 in 3; every group has both). Tune
  on dev only.
* Determinism: the same ``--seed``, record count, Faker version and test-number file give
  byte-identical output. Template choice is round-robin (balanced), order shuffled with the seed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import ipaddress
import json
import random
import re
import sys
import unicodedata
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import phonenumbers
from faker import Faker

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.paths import BENCH_DATA_DIR, resolve_data_dir

DEFAULT_N: Final[int] = 1500
DEFAULT_SEED: Final[int] = 20250101
DEFAULT_OUT: Final[Path] = BENCH_DATA_DIR / "sv_en_labelled.jsonl"
TESTPNR_RELPATH: Final[Path] = Path("testpersonnummer") / "testpersonnummer_skatteverket_all.csv"
NEGATIVE_SHARE: Final[float] = 0.28
REFERENCE_DATE: Final[dt.date] = dt.date(2025, 1, 1)

ENTITY_TYPES: Final[tuple[str, ...]] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "SE_PERSONNUMMER",
    "STREET_ADDRESS",
    "POSTAL_CODE",
    "IP_ADDRESS",
    "IBAN_CODE",
    "CREDIT_CARD",
    "SE_ORGANISATIONSNUMMER",
    "SE_BANKGIRO",
    "SE_PLUSGIRO",
    "SE_VEHICLE_REGISTRATION",
    "DATE_OF_BIRTH",
    "MAC_ADDRESS",
    "USERNAME",
)

PLACEHOLDER_RE: Final[re.Pattern[str]] = re.compile(r"\{\{(\w+)(?::(\w+))?\}\}")

# --------------------------------------------------------------------------------------------------
# Word lists (immutable)
# --------------------------------------------------------------------------------------------------
# fmt: off

SV_STREET_STEMS: Final[tuple[str, ...]] = (
    "Stor", "Kyrko", "Skol", "Björk", "Ek", "Lind", "Sjö", "Hamn", "Kvarn", "Ängs", "Sol", "Park",
    "Tall", "Gran", "Rosen", "Drottning", "Kungs", "Prästgårds", "Järnvägs", "Industri", "Bruks",
    "Smeds", "Fabriks", "Mölle", "Hassel", "Asp", "Lönn", "Rönn", "Fågel", "Blåbärs", "Lingon",
    "Vasa", "Linné", "Tegnér", "Strand", "Berg", "Dal", "Hög", "Skogs", "Åker", "Gärdes", "Post",
    "Ring", "Nya", "Slotts", "Vinter", "Sommar", "Väster", "Öster", "Norr", "Söder",
)
SV_STREET_SUFFIXES: Final[tuple[str, ...]] = (
    "gatan", "vägen", "stigen", "gränd", "torget", "allén", "backen", "plan",
)
SV_STREET_SUFFIX_WEIGHTS: Final[tuple[int, ...]] = (30, 30, 10, 8, 5, 6, 6, 5)
SV_STREET_QUALIFIERS: Final[tuple[str, ...]] = (
    "Södra", "Norra", "Östra", "Västra", "Lilla", "Stora", "Gamla", "Övre", "Nedre", "Sankt",
)
# (city, lowest and highest 3-digit postnummer prefix)
SV_CITIES: Final[tuple[tuple[str, int, int], ...]] = (
    ("Stockholm", 111, 129), ("Göteborg", 411, 426), ("Malmö", 211, 218), ("Uppsala", 751, 757),
    ("Linköping", 581, 589), ("Örebro", 702, 703), ("Västerås", 721, 725),
    ("Helsingborg", 252, 256), ("Norrköping", 602, 603), ("Jönköping", 553, 556),
    ("Umeå", 903, 907), ("Lund", 222, 227), ("Borås", 503, 507), ("Sundsvall", 852, 857),
    ("Gävle", 802, 806), ("Luleå", 972, 977), ("Karlstad", 652, 656), ("Växjö", 352, 355),
    ("Halmstad", 302, 305), ("Kiruna", 981, 981), ("Solna", 169, 171), ("Täby", 183, 187),
    ("Nacka", 131, 132), ("Östersund", 831, 832), ("Visby", 621, 621), ("Kalmar", 392, 393),
    ("Falun", 791, 791), ("Skellefteå", 931, 931), ("Trollhättan", 461, 461),
    ("Eskilstuna", 632, 635),
)
SV_COMPANIES: Final[tuple[str, ...]] = (
    "Nordlund Bygg AB", "Fjällström Konsult AB", "Ek & Lind Redovisning AB", "Sjöbergs Åkeri AB",
    "Norrsken Energi AB", "Bergslagens Trä AB", "Hallands Fastigheter AB", "Vänerns Båtvarv AB",
    "Klarälvens Elservice AB", "Gröna Dalen Förskola", "Svea Logistik AB", "Brf Tallbacken",
    "Mälardalens Tandvård AB", "Kustbyns IT-tjänster AB", "Östgöta Mat & Dryck AB", "Telia", "IKEA",
    "PostNord", "Systembolaget", "Vattenfall", "Klarna", "Swedbank", "Handelsbanken", "ICA Maxi",
    "Volvo Cars", "H&M", "SJ",
)
SV_AUTHORITIES: Final[tuple[str, ...]] = (
    "Skatteverket", "Försäkringskassan", "Kronofogden", "Transportstyrelsen", "Bolagsverket",
    "Arbetsförmedlingen", "Migrationsverket", "Region Stockholm", "Göteborgs Stad", "Polisen",
)
SV_DISTRICTS: Final[tuple[str, ...]] = (
    "Södermalm", "Västra Hamnen", "Majorna", "Kungsholmen", "Rosengård", "Frölunda", "Gamla Stan",
    "Norrmalm", "Haga", "Möllevången", "Hisingen", "Östermalm",
)
EN_COMPANIES: Final[tuple[str, ...]] = (
    "Acme Logistics Ltd", "Brightwave Analytics Inc.", "Northwind Traders", "Contoso Ltd",
    "Fabrikam Inc.", "Globex Corporation", "Initech LLC", "Blue Harbor Consulting",
    "Redwood Software Ltd", "Pinecrest Health", "Summit Retail Group", "Harbour & Vale LLP",
    "Apple", "Amazon Web Services", "Spotify", "Microsoft",
)
EN_CITIES: Final[tuple[str, ...]] = (
    "London", "Manchester", "Boston", "Denver", "Chicago", "Dublin", "Berlin", "Amsterdam",
    "Stockholm", "Copenhagen", "Washington", "Jordan", "Paris", "Austin", "Lincoln",
)
US_CITIES: Final[tuple[tuple[str, str, str], ...]] = (
    ("Springfield", "IL", "627"), ("Portland", "OR", "972"), ("Austin", "TX", "787"),
    ("Denver", "CO", "802"), ("Seattle", "WA", "981"), ("Boston", "MA", "021"),
    ("Columbus", "OH", "432"), ("Madison", "WI", "537"), ("Raleigh", "NC", "276"),
    ("Phoenix", "AZ", "850"), ("Minneapolis", "MN", "554"), ("Nashville", "TN", "372"),
)
US_AREA_CODES: Final[tuple[str, ...]] = (
    "212", "415", "312", "617", "303", "206", "512", "614", "608", "919", "602", "612", "615",
)
US_STREET_STEMS: Final[tuple[str, ...]] = (
    "Maple", "Oak", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Main", "Sunset",
    "Highland", "Lincoln", "Jefferson", "Meadow", "River", "2nd", "3rd", "5th", "Willow",
)
US_STREET_SUFFIXES: Final[tuple[str, ...]] = (
    "Street", "Avenue", "Road", "Lane", "Drive", "Court", "Boulevard", "Way", "Place", "St", "Ave",
    "Rd", "Dr", "Blvd",
)
# (town, postcode area, highest district number)
UK_TOWNS: Final[tuple[tuple[str, str, int], ...]] = (
    ("London", "SW", 20), ("London", "NW", 11), ("London", "E", 18), ("Leeds", "LS", 29),
    ("Manchester", "M", 40), ("Bristol", "BS", 49), ("Birmingham", "B", 99), ("York", "YO", 62),
    ("Oxford", "OX", 29), ("Cambridge", "CB", 25), ("Edinburgh", "EH", 55), ("Cardiff", "CF", 48),
    ("Brighton", "BN", 45), ("Sheffield", "S", 36), ("Norwich", "NR", 35), ("Glasgow", "G", 84),
)
UK_STREET_STEMS: Final[tuple[str, ...]] = (
    "Station", "Church", "High", "Mill", "Victoria", "Queen's", "King's", "Park", "School", "Manor",
    "Green", "Chapel", "Albert", "Grange", "Orchard", "Baker", "Castle",
)
UK_STREET_SUFFIXES: Final[tuple[str, ...]] = (
    "Road", "Street", "Lane", "Avenue", "Close", "Crescent", "Gardens", "Terrace", "Way", "Drive",
)
UK_POSTCODE_LETTERS: Final[str] = "ABDEFGHJLNPQRSTUWXYZ"
# Ofcom's ranges reserved for drama: (national prefix, number of random digits).
UK_DRAMA_LANDLINES: Final[tuple[tuple[str, str, int], ...]] = (
    ("020", "7946 0", 3), ("0113", "496 0", 3), ("0161", "496 0", 3), ("0121", "496 0", 3),
    ("0131", "496 0", 3), ("0117", "496 0", 3), ("029", "2018 0", 3),
)
INTL_REGIONS: Final[tuple[str, ...]] = ("DE", "NO", "FI", "DK", "FR", "NL", "GB", "IE", "ES", "PL")
SV_MOBILE_PREFIXES: Final[tuple[str, ...]] = ("70", "72", "73", "76", "79")
# (area code without trunk 0, possible subscriber lengths)
SV_AREA_CODES: Final[tuple[tuple[str, tuple[int, ...]], ...]] = (
    ("8", (7, 8)), ("31", (6, 7)), ("40", (6, 7)), ("18", (6, 7)), ("13", (6, 7)), ("19", (6, 7)),
    ("21", (6, 7)), ("35", (6, 7)), ("36", (6, 7)), ("42", (6, 7)), ("46", (6, 7)), ("54", (6, 7)),
    ("60", (6, 7)), ("63", (6, 7)), ("90", (6, 7)), ("910", (5, 6)), ("498", (5, 6)),
    ("171", (5, 6)), ("303", (5, 6)), ("380", (5, 6)),
)
SE_BANK_CODES: Final[tuple[str, ...]] = ("500", "600", "800", "300", "120", "902", "957", "923")
FOREIGN_IBAN_LOCALES: Final[tuple[str, ...]] = (
    "de_DE", "nl_NL", "fi_FI", "no_NO", "da_DK", "fr_FR", "es_ES", "en_GB",
)
OTHER_NAME_LOCALES: Final[tuple[str, ...]] = ("fi_FI", "pl_PL", "de_DE", "es_ES", "en_GB", "tr_TR")
FAKER_LOCALES: Final[tuple[str, ...]] = (
    "sv_SE", "en_US", "en_GB", "fi_FI", "pl_PL", "de_DE", "es_ES", "tr_TR", "nl_NL", "no_NO",
    "da_DK", "fr_FR",
)
# Common names in Sweden that Faker's sv_SE provider lacks.
SV_OTHER_FIRST_F: Final[tuple[str, ...]] = (
    "Fatima", "Amira", "Leyla", "Zainab", "Hodan", "Mariam", "Yasmin", "Noor", "Aisha", "Sara",
)
SV_OTHER_FIRST_M: Final[tuple[str, ...]] = (
    "Mohammed", "Ali", "Ahmed", "Omar", "Yusuf", "Hassan", "Abdi", "Mehmet", "Reza", "Karim",
)
SV_OTHER_LAST: Final[tuple[str, ...]] = (
    "Hassan", "Ali", "Mohammed", "Abdi", "Ahmadi", "Hussein", "Yilmaz", "Rahimi", "Karimi",
    "Nguyen", "Osman", "Farah", "Kaya", "Haddad",
)
EMAIL_DOMAINS_SV: Final[tuple[str, ...]] = (
    "example.se", "example.com", "telia.com", "gmail.com", "hotmail.se", "outlook.com",
    "bredband.net", "foretaget.se", "kommun.se",
)
EMAIL_DOMAINS_EN: Final[tuple[str, ...]] = (
    "example.com", "example.org", "gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com",
    "contoso.com", "acme-logistics.co.uk",
)
PRODUCTS: Final[tuple[str, ...]] = (
    "Fjällräven Kånken 16L", "iPhone 15 Pro 256 GB", "Samsung Galaxy S24", "Bosch Serie 6",
    "IKEA BILLY bokhylla", "Logitech MX Master 3S", "Volvo XC60 B5", "Dell Latitude 7440",
    "Philips Hue Starter Kit", "Sony WH-1000XM5", "Electrolux UltimateCare 700", "Nespresso Vertuo",
    "Garmin Forerunner 265", "Husqvarna Automower 305", "Apple Watch Series 9",
    "Lenovo ThinkPad T14",
)
USER_AGENTS: Final[tuple[str, ...]] = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.6367.118 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) "
    "Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "curl/8.5.0",
    "okhttp/4.12.0",
    "python-requests/2.31.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4.1 Safari/605.1.15",
)
HTTP_STATUS_LINES: Final[tuple[str, ...]] = (
    "HTTP/1.1 404 Not Found", "HTTP/1.1 503 Service Unavailable", "HTTP/2 502 Bad Gateway",
    "HTTP/1.1 200 OK", "HTTP/1.1 429 Too Many Requests", "HTTP/1.1 401 Unauthorized",
    "HTTP/2 500 Internal Server Error",
)
HTTP_PATHS: Final[tuple[str, ...]] = (
    "/api/v2/orders", "/mina-sidor/fakturor", "/kassa/bekrafta", "/static/css/main.css",
    "/api/v1/customers/search", "/produkter/kok/diskmaskiner", "/login", "/favicon.ico",
    "/wp-admin/setup-config.php", "/api/v3/shipments/track",
)
REFERERS: Final[tuple[str, ...]] = (
    "-", "https://www.example.se/", "https://shop.example.com/cart", "https://www.google.com/",
    "https://www.example.se/mina-sidor",
)
SV_MONTHS: Final[tuple[str, ...]] = (
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
)
SV_WEEKDAYS: Final[tuple[str, ...]] = (
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
)
EN_MONTHS: Final[tuple[str, ...]] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
EN_WEEKDAYS: Final[tuple[str, ...]] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)
CLF_MONTHS: Final[tuple[str, ...]] = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)
REGNR_LETTERS: Final[str] = "ABCDEFGHJKLMNOPRSTUWXYZ"  # no I, Q, V (nor Å, Ä, Ö)
REGNR_LAST_LETTERS: Final[str] = "ABCDEFGHJKLMNPRSTUWXYZ"  # the new last letter is never O
ASCII_FOLD: Final[Mapping[str, str]] = MappingProxyType(
    {"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "ı": "i", "đ": "d", "'": "", " ": ""}
)
# fmt: on

# --------------------------------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    id: str
    kind: str
    language: str
    body: str


TEMPLATES: Final[tuple[Template, ...]] = (
    # ---------------------------------------------------------------- support tickets, Swedish
    Template(
        "sv_ticket_delivery",
        "support_ticket",
        "sv",
        "{{greet_sv}}\n\nJag heter {{person}} och har inte fått min beställning {{order_no}} som "
        "skulle ha levererats {{date_sv_text}}. Spårningsnumret {{tracking}} visar fortfarande "
        '"Under transport" hos PostNord. Jag bor på {{addr_sv}} och nås enklast på {{phone_sv}}.'
        "\n\nMvh\n{{first_name}}",
    ),
    Template(
        "sv_ticket_invoice",
        "support_ticket",
        "sv",
        "Ärende {{ticket_no}} – Fakturafråga\nKunden {{person}} (pnr {{pnr}}) ringde från "
        "{{phone_sv}} angående faktura {{invoice_no}} på {{amount_sv}} med OCR {{ocr}}. Kunden "
        "vill "
        "få fakturan till {{email}} i stället för till {{addr_sv_full}}. Uppdaterat i "
        "Kundregistret."
        " /{{agent_first}}",
    ),
    Template(
        "sv_ticket_refund",
        "support_ticket",
        "sv",
        "Hej Kundtjänst!\nMitt kort {{card}} har dragits två gånger för order {{order_no}} "
        "({{amount_sv}}) den {{date}}. Kan ni betala tillbaka till mitt konto {{iban}}? Jag har "
        "kvittot med EAN {{ean13}} om ni behöver det.\nVänliga "
        "hälsningar\n{{person}}\n{{phone_sv}}",
    ),
    Template(
        "sv_ticket_broadband",
        "support_ticket",
        "sv",
        "Ärendenr {{ticket_no}}\nKategori: Bredband\nPrioritet: Hög\n\n{{person}} på "
        "{{addr_sv_street}} har ingen uppkoppling sedan i {{weekday_sv}}s. Routerns MAC-adress är "
        "{{mac}} och den fick senast IP {{ipv4}}. Firmware {{version4}}, senaste omstart tog "
        "{{duration}}. Kunden nås på {{mobile_sv}} efter kl 17. Tekniker {{agent}} bokad {{date}}.",
    ),
    Template(
        "sv_ticket_parking",
        "support_ticket",
        "sv",
        "Hej, jag har fått en kontrollavgift på {{amount_sv}} för bilen {{regnr}} i "
        "{{city_sv}} den {{date}}, men jag hade betalat via appen (kvitto {{order_no}}). Mitt "
        "personnummer är {{pnr}} och jag bor på {{addr_sv_full}}. Bifogar skärmdump från "
        "EasyPark.\nMvh {{person}}",
    ),
    Template(
        "sv_ticket_postcode",
        "support_ticket",
        "sv",
        "{{greet_sv}}! Levererar ni till postnummer {{postal_sv}}? Jag flyttar dit i "
        "{{month_sv}} och vill beställa en {{product}} (art.nr {{sku}}, {{amount_sv}}). Det står "
        '"Ej tillgänglig" i Kassan. Tack på förhand, {{first_name}} ({{email}})',
    ),
    # ---------------------------------------------------------------- support tickets, English
    Template(
        "en_ticket_delivery",
        "support_ticket",
        "en",
        "Hi,\n\nI ordered a {{product}} (order #{{order_no}}, {{amount_en}}) on {{date_en_text}} "
        "but "
        "it never arrived. Tracking {{tracking}} says it was delivered to {{addr_en}}, which is "
        "not my "
        "address. Please call me on {{phone_en}}.\n\nThanks,\n{{person}}",
    ),
    Template(
        "en_ticket_zip",
        "support_ticket",
        "en",
        "Can you deliver to ZIP code {{zip_us}}? I'm moving there in {{month_en}} and want to "
        "order "
        "SKU {{sku}} ({{amount_en}}). Also my phone number changed to {{phone_us}}. Order "
        "{{order_no}}. - {{first_name}}",
    ),
    Template(
        "en_ticket_card",
        "support_ticket",
        "en",
        "Hello Support, please update the card on file to {{card}} and my billing address to "
        "{{addr_uk}}. The old card ending {{last4}} can be removed. DOB {{dob_en}} for "
        "verification. "
        "Invoice {{invoice_no}} is still open ({{amount_en}}).\nRegards, {{person}}",
    ),
    Template(
        "en_ticket_login",
        "support_ticket",
        "en",
        "Ticket {{ticket_no}} | Priority: High | Product: {{product}}\nCustomer {{person}} "
        "({{email}}) reports that login fails from IP {{ip}} since version {{version}}. Error: "
        "{{http_status}}. Account username: {{username}}. Assigned to {{agent}}.",
    ),
    # ---------------------------------------------------------------- CRM notes, Swedish
    Template(
        "sv_crm_call",
        "crm_note",
        "sv",
        "{{date}} Telefonsamtal med {{person}} på {{company_sv}} (org.nr {{orgnr}}). Vill "
        "uppgradera"
        " till Premium från {{date_sv_text}}. Offert {{invoice_no}} på {{amount_sv}} skickad till "
        "{{email}}. Betalning via bankgiro {{bankgiro}}. Återkoppla på {{weekday_sv}}. "
        "/{{agent_first}}",
    ),
    Template(
        "sv_crm_form",
        "crm_note",
        "sv",
        "Kund: {{person}}\nPersonnummer: {{pnr}}\nAdress: {{addr_sv_full}}\nMobil: {{mobile_sv}}\n"
        "E-post: {{email}}\nKundnummer: {{customer_no}}\nAnteckning: Ringde om bil {{regnr}}, "
        "service "
        "bokad {{date}} på Verkstaden i {{city_sv}}. Kostnadsförslag {{amount_sv}}.",
    ),
    Template(
        "sv_crm_meeting",
        "crm_note",
        "sv",
        "Möte med {{person}} och {{person3}} från {{company_sv}} i {{city_sv}}. Diskuterade avtal "
        "{{contract_no}} (värde {{amount_sv}}). {{first_name}} är född {{dob_sv}} och vill ha "
        "utbetalningar till plusgiro {{plusgiro}}. Nästa steg: {{agent}} skickar Avtalet via "
        "Scrive senast {{date}}.",
    ),
    Template(
        "sv_crm_samordning",
        "crm_note",
        "sv",
        "Registrerat samordningsnummer {{samordning}} för {{person}}, som saknar svenskt "
        "personnummer. Tillfällig adress: c/o {{person3}}, {{addr_sv_ml}}. Utskick till postnr "
        "{{postal_sv}} stoppat tills vidare. Telefon {{phone_intl}}. Handläggare {{agent}}, "
        "ärende {{ticket_no}}.",
    ),
    # ---------------------------------------------------------------- CRM notes, English
    Template(
        "en_crm_call",
        "crm_note",
        "en",
        "{{date}} Call with {{person}} ({{company_en}}). Interested in the Enterprise plan, budget "
        "{{amount_en}}. Follow-up meeting booked in {{city_en}}; send the deck to {{email}}. "
        "Direct "
        "line {{phone_intl}}. Owner: {{agent}}.",
    ),
    Template(
        "en_crm_form",
        "crm_note",
        "en",
        "Contact: {{person}}\nTitle: Procurement Lead\nCompany: {{company_en}}\nPhone: "
        "{{phone_us}}\n"
        "Email: {{email}}\nAddress: {{addr_us}}\nNotes: Renewal due {{date}}; quote {{invoice_no}} "
        "sent. Prefers calls after 3pm. Date of birth: {{dob_en}} (KYC).",
    ),
    Template(
        "en_crm_onboarding",
        "crm_note",
        "en",
        "Met {{person}} at the {{city_en}} conference. Swedish client: personal identity number "
        "{{pnr}} provided for bank onboarding, IBAN {{iban}}, company reg. no. {{orgnr}}. Car on "
        "the "
        "lease: {{regnr}}. Will call {{mobile_sv}} next {{weekday_en}}. Contract {{contract_no}}.",
    ),
    # ---------------------------------------------------------------- e-mail signatures, Swedish
    Template(
        "sv_sig_full",
        "email_signature",
        "sv",
        "Med vänliga hälsningar\n\n{{person}}\nKundansvarig, {{company_sv}}\n{{addr_sv_ml}}\n"
        "Tel: {{landline_sv}}\nMobil: {{mobile_sv}}\nE-post: {{email}}\nOrg.nr: {{orgnr}}",
    ),
    Template(
        "sv_sig_finance",
        "email_signature",
        "sv",
        "Mvh {{first_name}}\n\n--\n{{person}} | Ekonomichef\n{{company_sv}} · {{addr_sv_full}}\n"
        "Växel {{landline_sv}} · Direkt {{mobile_sv}}\nBankgiro {{bankgiro}} · Plusgiro "
        "{{plusgiro}}"
        " · Org.nr {{orgnr}}",
    ),
    Template(
        "sv_sig_disclaimer",
        "email_signature",
        "sv",
        "Hälsningar,\n{{person}}\nProjektledare, Avdelningen för Digital Utveckling\nTfn "
        "{{phone_sv}}"
        "\n{{email}}\n\nDetta e-postmeddelande kan innehålla konfidentiell information. Om Du inte "
        "är rätt mottagare, meddela avsändaren och radera meddelandet. {{company_sv}} behandlar "
        "personuppgifter enligt GDPR.",
    ),
    # ---------------------------------------------------------------- e-mail signatures, English
    Template(
        "en_sig_full",
        "email_signature",
        "en",
        "Best regards,\n\n{{person}}\nAccount Manager | {{company_en}}\n{{addr_en_ml}}\n"
        "T: {{phone_en}}\nE: {{email}}",
    ),
    Template(
        "en_sig_mobile",
        "email_signature",
        "en",
        "Cheers,\n{{first_name}}\n--\n{{person}}, Head of Sales EMEA\n{{company_en}} | "
        "{{addr_uk}}\n"
        "Mobile {{phone_uk}} | Office {{phone_intl}}\nSent from my iPhone",
    ),
    Template(
        "en_sig_swedish_firm",
        "email_signature",
        "en",
        "Kind regards\n{{person}}\nSenior Engineer, Platform Team\n{{phone_intl}} "
        "(direct)\n{{email}}"
        "\n{{company_sv}} · Reg. no {{orgnr}} · {{addr_sv_full}}\nPlease consider the environment "
        "before printing this e-mail.",
    ),
    # ---------------------------------------------------------------- access logs
    Template(
        "access_clf_get",
        "access_log",
        "en",
        '{{ipv4}} - - [{{ts_clf}}] "GET {{http_path}} HTTP/1.1" {{status_code}} {{bytes}} '
        '"{{referer}}" "{{user_agent}}"',
    ),
    Template(
        "access_clf_login",
        "access_log",
        "en",
        '{{ipv6}} - {{username}} [{{ts_clf}}] "POST /api/v1/login HTTP/2.0" 401 {{bytes}} "-" '
        '"{{user_agent}}"',
    ),
    Template(
        "access_clf_query",
        "access_log",
        "en",
        '{{ipv4}} - - [{{ts_clf}}] "GET /mina-sidor/kvitto?order={{order_no}}&email={{email}} '
        'HTTP/1.1" 200 {{bytes}} "https://www.example.se/mina-sidor" "{{user_agent}}"',
    ),
    Template(
        "access_clf_static",
        "access_log",
        "en",
        '{{ip}} - - [{{ts_clf}}] "GET /static/app.{{short_hash}}.js?v={{version4}} HTTP/1.1" '
        '304 0 "{{referer}}" "{{user_agent}}"',
    ),
    # ---------------------------------------------------------------- key=value app logs, Swedish
    Template(
        "sv_app_customer",
        "app_log",
        "sv",
        '{{ts_log}} INFO  [kundregister] uppdaterade kund kundnr={{customer_no}} namn="{{person}}" '
        "pnr={{pnr}} tel={{phone_sv}} handläggare={{agent_username}} tid={{duration}}",
    ),
    Template(
        "sv_app_invoice",
        "app_log",
        "sv",
        '{{ts_iso}} level=info tjänst=fakturering msg="Faktura skapad" faktura={{invoice_no}} '
        'ocr={{ocr}} belopp="{{amount_sv}}" bankgiro={{bankgiro}} orgnr={{orgnr}} '
        "mottagare={{email}} version={{version4}}",
    ),
    Template(
        "sv_app_vehicle",
        "app_log",
        "sv",
        "{{ts_log}} WARN  [fordonsregister] uppslag misslyckades regnr={{regnr}} agare_pnr={{pnr}} "
        'adress="{{addr_sv}}" status=404 tid={{duration}} request_id={{uuid}}',
    ),
    # ---------------------------------------------------------------- key=value app logs, English
    Template(
        "en_app_login",
        "app_log",
        "en",
        "{{ts_log}} INFO  [auth-service] login succeeded user={{email}} src_ip={{ipv4}} "
        "session={{uuid}} mfa=totp latency_ms={{latency}} build={{version4}}",
    ),
    Template(
        "en_app_payment",
        "app_log",
        "en",
        '{{ts_iso}} level=warn svc=payments msg="card declined" card={{card}} '
        'amount={{amount_en}} order={{order_no}} customer="{{person}}" trace_id={{sha1}}',
    ),
    Template(
        "en_app_device",
        "app_log",
        "en",
        "{{ts_log}} DEBUG [device-registry] registered device mac={{mac}} ip={{ipv6}} "
        "fw={{version4}} owner={{username}} took={{duration}}",
    ),
    # ---------------------------------------------------------------- JSON logs, Swedish
    Template(
        "sv_json_login",
        "json_log",
        "sv",
        '{"ts":"{{ts_iso}}","nivå":"info","tjänst":"kundportal","händelse":'
        '"BankID-inloggning","personnummer":"{{pnr_compact}}","namn":"{{person}}",'
        '"ip":"{{ipv4}}","användaragent":"{{user_agent}}"}',
    ),
    Template(
        "sv_json_fraud",
        "json_log",
        "sv",
        '{"@timestamp":"{{ts_iso}}","log.level":"warn","message":"Misstänkt bedrägeri",'
        '"kort":"{{card}}","regnr":"{{regnr}}","fodelsedatum":"{{dob_iso}}","enhet_mac":'
        '"{{mac}}","app_version":"{{version4}}","belopp":"{{amount_sv}}"}',
    ),
    Template(
        "sv_json_address",
        "json_log",
        "sv",
        '{"tid":"{{ts_iso}}","level":"info","msg":"Leveransadress ändrad","kund":'
        '{"id":"{{customer_no}}","adress":"{{addr_sv_street}}","postnummer":'
        '"{{postal_sv}}","ort":"{{city_sv}}","mobil":"{{mobile_sv}}"},"order":'
        '"{{order_no}}","ean":"{{ean13}}"}',
    ),
    # ---------------------------------------------------------------- JSON logs, English
    Template(
        "en_json_contact",
        "json_log",
        "en",
        '{"ts":"{{ts_iso}}","level":"info","service":"crm-api","event":'
        '"contact.updated","contact":{"name":"{{person}}","email":"{{email}}","phone":'
        '"{{phone_intl}}"},"client_ip":"{{ipv4}}","request_id":"{{uuid}}","build":'
        '"{{version4}}"}',
    ),
    Template(
        "en_json_payment",
        "json_log",
        "en",
        '{"timestamp":"{{ts_iso}}","severity":"ERROR","msg":"payout failed","iban":'
        '"{{iban}}","amount":"{{amount_en}}","user":"{{username}}","ip":"{{ipv6}}",'
        '"duration_ms":{{latency}}}',
    ),
    Template(
        "en_json_address",
        "json_log",
        "en",
        '{"time":"{{ts_iso}}","lvl":"debug","msg":"address validated","street":'
        '"{{addr_us_street}}","city":"{{city_en}}","postal_code":"{{zip_us}}","dob":'
        '"{{dob_iso}}","validator":"v{{version}}","trace":"{{sha1}}"}',
    ),
    # ---------------------------------------------------------------- negatives, Swedish
    Template(
        "sv_neg_order",
        "negative",
        "sv",
        "{{greet_sv}}!\n\nTack för din beställning. Din order {{order_no}} har skickats med "
        "PostNord och"
        " beräknas levereras {{date_sv_text}}. Spårningsnummer: {{tracking}}.\n\nArtikel: "
        "{{product}}\nArt.nr: {{sku}}\nEAN: {{ean13}}\nSumma: {{amount_sv}} inkl. moms\n\nMed "
        "vänliga"
        " hälsningar\nKundtjänst, {{company_sv}}",
    ),
    Template(
        "sv_neg_reminder",
        "negative",
        "sv",
        "Påminnelse: Faktura {{invoice_no}} förföll {{date}}. Att betala: {{amount_sv}}. Ange "
        "OCR-nummer {{ocr}} vid betalning. Dröjsmålsränta debiteras enligt Räntelagen. Har Du "
        "redan "
        "betalat kan Du bortse från detta meddelande. Kundnummer {{customer_no}}.",
    ),
    Template(
        "sv_neg_memo",
        "negative",
        "sv",
        "Kundtjänst i {{city_sv}} har öppet Måndag–Fredag 08.00–17.00. Enligt {{authority}} ska "
        "Blanketten skickas in senast {{date_sv_text}}. Läs mer under Mina Sidor eller kontakta "
        "Växeln. Stora Torget och {{district}} är avstängda under Kulturnatten; {{company_sv}} "
        "flyttar tillfälligt till {{city_sv:2}}.",
    ),
    Template(
        "sv_neg_batch",
        "negative",
        "sv",
        "{{ts_log}} INFO  [batch] Körning {{pnr_lookalike}} klar: {{count}} fakturor skapade, "
        "{{count:2}} avvisade, tid {{duration}}. Version {{version4}}, commit {{short_hash}}, "
        "jobb-id {{uuid}}.",
    ),
    Template(
        "sv_neg_release",
        "negative",
        "sv",
        "Version {{version}} av appen är nu släppt. Nytt: stöd för Swish och BankID, snabbare "
        "inloggning ({{duration}}). Byggnummer {{version4}}, kontrollsumma SHA-256 {{sha256}}. "
        "Uppdatera via App Store eller Google Play före {{date_sv_text}}.",
    ),
    Template(
        "sv_neg_stock",
        "negative",
        "sv",
        "Lagerstatus {{date}}: {{product}} ({{sku}}) – {{count}} st i lager i {{city_sv}}, pris "
        "{{amount_sv}} (ord. {{amount_sv:2}}). Leveranstid 3–5 arbetsdagar. Inköpsorder "
        "{{order_no}}, faktura {{invoice_no}}, kortbetalning **** {{last4}} godkänd.",
    ),
    # ---------------------------------------------------------------- negatives, English
    Template(
        "en_neg_shipped",
        "negative",
        "en",
        "Your order #{{order_no}} has shipped! Carrier: UPS, tracking number {{tracking}}. Items: "
        "{{product}} (SKU {{sku}}) - {{amount_en}}. Estimated delivery: {{date_en_text}}. "
        "Questions? "
        "Reply to this e-mail or visit our Help Center.",
    ),
    Template(
        "en_neg_upstream",
        "negative",
        "en",
        "{{ts_iso}} ERROR upstream returned {{http_status}} after {{duration}} (attempt 3/5) "
        "request_id={{uuid}} build={{version4}} commit={{sha1}} pool=eu-north-1",
    ),
    Template(
        "en_neg_health",
        "negative",
        "en",
        "{{ts_log}} GET /healthz 200 OK in {{latency}}ms - node agent v{{version4}}, image "
        "sha256:{{sha256}}, uptime {{duration}}",
    ),
    Template(
        "en_neg_json",
        "negative",
        "en",
        '{"ts":"{{ts_iso}}","level":"info","msg":"invoice generated","invoice":'
        '"{{invoice_no}}","amount":"{{amount_en}}","ean":"{{ean13}}","job":"{{uuid}}",'
        '"version":"{{version4}}","status":"{{http_status}}"}',
    ),
    Template(
        "en_neg_memo",
        "negative",
        "en",
        "The {{city_en}} office moves to the new building in Solna on {{date_en_text}}. Please "
        "contact "
        "Facilities or the IT Service Desk with questions. {{company_en}} laptops will be "
        "re-imaged to version {{version4}}; expect downtime of {{duration}}. Parking at Victoria "
        "Park"
        " is free on {{weekday_en}}.",
    ),
    Template(
        "en_neg_finance",
        "negative",
        "en",
        "Q3 summary: revenue {{amount_en}} (+12.4%), EBITDA {{amount_en:2}}. Invoice "
        "{{invoice_no}} "
        "paid on {{date}}, reference {{ocr}}. Card payments ending **** {{last4}} settled. "
        "Reconciliation job {{uuid}} finished in {{duration}} with {{http_status}}.",
    ),
)

# --------------------------------------------------------------------------------------------------
# Checksums and helpers
# --------------------------------------------------------------------------------------------------


def luhn_check_digit(payload: str) -> str:
    """The Luhn (mod 10) digit to append to ``payload``."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        digit = int(ch)
        if i % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    return len(digits) > 1 and luhn_check_digit(digits[:-1]) == digits[-1]


def _iban_digits(text: str) -> str:
    return "".join(str(int(ch, 36)) for ch in text)


def iban_valid(iban: str) -> bool:
    compact = iban.replace(" ", "").upper()
    return len(compact) > 4 and int(_iban_digits(compact[4:] + compact[:4])) % 97 == 1


def make_iban(country: str, bban: str) -> str:
    check = 98 - int(_iban_digits(bban + country + "00")) % 97
    return f"{country}{check:02d}{bban}"


def gs1_check_digit(payload: str) -> str:
    """GS1 (EAN/SSCC) check digit: weights 3,1,3,... from the right."""
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(reversed(payload)))
    return str((10 - total % 10) % 10)


def s10_check_digit(serial: str) -> str:
    """UPU S10 check digit of an 8-digit serial."""
    total = sum(int(ch) * w for ch, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    return "0" if check == 10 else "5" if check == 11 else str(check)


def ascii_fold(text: str) -> str:
    lowered = "".join(ASCII_FOLD.get(ch, ch) for ch in text.lower())
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch in ".-_"))


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def group_digits(digits: str, sizes: Sequence[int], sep: str = " ") -> str:
    parts: list[str] = []
    pos = 0
    for size in sizes:
        parts.append(digits[pos : pos + size])
        pos += size
    if pos < len(digits):
        parts.append(digits[pos:])
    return sep.join(p for p in parts if p)


def _subscriber_groups(length: int) -> tuple[int, ...]:
    return {5: (3, 2), 6: (2, 2, 2), 7: (3, 2, 2), 8: (3, 3, 2)}[length]


def load_test_personnummer(path: Path) -> tuple[str, ...]:
    """Skatteverket's test personnummer (12 digits), validated."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row[0].strip() for row in csv.reader(handle) if row and row[0].strip().isdigit()]
    for number in rows:
        if len(number) != 12 or not luhn_valid(number[2:]):
            raise ValueError(f"not a valid 12-digit personnummer in {path}: {number!r}")
    if not rows:
        raise ValueError(f"no test personnummer found in {path}")
    return tuple(rows)


# --------------------------------------------------------------------------------------------------
# Filler: turns placeholder names into values
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    first: str
    last: str
    locale: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


Handler = Callable[[], str]


class Filler:
    """Produces placeholder values. All randomness comes from the seed given to the constructor."""

    def __init__(self, seed: int, test_personnummer: Sequence[str]) -> None:
        self.rng = random.Random(seed)
        self.fakers: dict[str, Faker] = {}
        for offset, locale in enumerate(FAKER_LOCALES):
            faker = Faker(locale)
            faker.seed_instance(seed * 100 + offset)
            self.fakers[locale] = faker
        modern: list[str] = []
        centenarian: list[str] = []
        for number in test_personnummer:
            birth = dt.date(int(number[:4]), int(number[4:6]), int(number[6:8]))
            if 1930 <= birth.year <= 2007:
                modern.append(number)
            elif age_on(birth, REFERENCE_DATE) >= 100:
                centenarian.append(number)
        self.pnr_all = tuple(test_personnummer)
        self.pnr_modern = tuple(modern) or self.pnr_all
        self.pnr_centenarian = tuple(centenarian) or self.pnr_all
        self.language = "sv"
        self.personas: dict[str, Persona] = {}
        labelled: dict[str, tuple[str, Handler]] = {
            "person": ("PERSON", lambda: self.persona("p1").full),
            "first_name": ("PERSON", lambda: self.persona("p1").first),
            "agent": ("PERSON", lambda: self.persona("p2").full),
            "agent_first": ("PERSON", lambda: self.persona("p2").first),
            "person3": ("PERSON", lambda: self.persona("p3").full),
            "email": ("EMAIL_ADDRESS", lambda: self.email_for(self.persona("p1"))),
            "username": ("USERNAME", lambda: self.username_for(self.persona("p1"))),
            "agent_username": ("USERNAME", lambda: self.username_for(self.persona("p2"))),
            "phone_sv": ("PHONE_NUMBER", self.phone_sv),
            "mobile_sv": ("PHONE_NUMBER", self.mobile_sv),
            "landline_sv": ("PHONE_NUMBER", self.landline_sv),
            "phone_en": ("PHONE_NUMBER", self.phone_en),
            "phone_us": ("PHONE_NUMBER", self.phone_us),
            "phone_uk": ("PHONE_NUMBER", self.phone_uk),
            "phone_intl": ("PHONE_NUMBER", self.phone_intl),
            "pnr": ("SE_PERSONNUMMER", self.pnr),
            "pnr_compact": ("SE_PERSONNUMMER", self.pnr_compact),
            "samordning": ("SE_PERSONNUMMER", self.samordning),
            "addr_sv": ("STREET_ADDRESS", self.addr_sv),
            "addr_sv_full": ("STREET_ADDRESS", self.addr_sv_full),
            "addr_sv_street": ("STREET_ADDRESS", self.addr_sv_street),
            "addr_sv_ml": ("STREET_ADDRESS", self.addr_sv_multiline),
            "addr_en": ("STREET_ADDRESS", self.addr_en),
            "addr_en_ml": ("STREET_ADDRESS", self.addr_en_multiline),
            "addr_us": ("STREET_ADDRESS", self.addr_us),
            "addr_us_street": ("STREET_ADDRESS", self.addr_us_street),
            "addr_uk": ("STREET_ADDRESS", self.addr_uk),
            "postal_sv": ("POSTAL_CODE", self.postal_sv),
            "zip_us": ("POSTAL_CODE", self.zip_us),
            "ipv4": ("IP_ADDRESS", self.ipv4),
            "ipv6": ("IP_ADDRESS", self.ipv6),
            "ip": ("IP_ADDRESS", lambda: self.ipv4() if self.rng.random() < 0.6 else self.ipv6()),
            "mac": ("MAC_ADDRESS", self.mac),
            "iban": ("IBAN_CODE", self.iban),
            "card": ("CREDIT_CARD", self.card),
            "orgnr": ("SE_ORGANISATIONSNUMMER", self.orgnr),
            "bankgiro": ("SE_BANKGIRO", self.bankgiro),
            "plusgiro": ("SE_PLUSGIRO", self.plusgiro),
            "regnr": ("SE_VEHICLE_REGISTRATION", self.regnr),
            "dob_sv": ("DATE_OF_BIRTH", self.dob_sv),
            "dob_en": ("DATE_OF_BIRTH", self.dob_en),
            "dob_iso": ("DATE_OF_BIRTH", lambda: self.birth_date().isoformat()),
        }
        unlabelled: dict[str, Handler] = {
            "greet_sv": lambda: self.rng.choice(("Hej", "Hejsan", "God morgon", "Hej hej")),
            "order_no": self.order_no,
            "invoice_no": self.invoice_no,
            "contract_no": lambda: (
                f"AVT-{self.rng.randint(2021, 2025)}-{self.rng.randint(1, 999):04d}"
            ),
            "ticket_no": self.ticket_no,
            "customer_no": self.customer_no,
            "ocr": self.ocr,
            "tracking": self.tracking,
            "ean13": self.ean13,
            "sku": self.sku,
            "date": lambda: self.recent_date().isoformat(),
            "date_sv_text": self.date_sv_text,
            "date_en_text": self.date_en_text,
            "month_sv": lambda: self.rng.choice(SV_MONTHS),
            "month_en": lambda: self.rng.choice(EN_MONTHS),
            "weekday_sv": lambda: self.rng.choice(SV_WEEKDAYS),
            "weekday_en": lambda: self.rng.choice(EN_WEEKDAYS),
            "ts_iso": self.ts_iso,
            "ts_log": self.ts_log,
            "ts_clf": self.ts_clf,
            "version": self.version,
            "version4": self.version4,
            "amount_sv": self.amount_sv,
            "amount_en": self.amount_en,
            "uuid": lambda: str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
            "sha1": lambda: f"{self.rng.getrandbits(160):040x}",
            "sha256": lambda: f"{self.rng.getrandbits(256):064x}",
            "short_hash": lambda: f"{self.rng.getrandbits(28):07x}",
            "duration": self.duration,
            "latency": lambda: str(self.rng.randint(3, 2400)),
            "count": lambda: str(self.rng.randint(1, 480)),
            "last4": lambda: f"{self.rng.randint(0, 9999):04d}",
            "product": lambda: self.rng.choice(PRODUCTS),
            "http_status": lambda: self.rng.choice(HTTP_STATUS_LINES),
            "http_path": lambda: self.rng.choice(HTTP_PATHS),
            "status_code": lambda: self.rng.choice(
                ("200", "200", "200", "301", "304", "404", "500")
            ),
            "bytes": lambda: str(self.rng.randint(0, 250_000)),
            "referer": lambda: self.rng.choice(REFERERS),
            "user_agent": lambda: self.rng.choice(USER_AGENTS),
            "company_sv": lambda: self.rng.choice(SV_COMPANIES),
            "company_en": lambda: self.rng.choice(EN_COMPANIES),
            "authority": lambda: self.rng.choice(SV_AUTHORITIES),
            "district": lambda: self.rng.choice(SV_DISTRICTS),
            "city_sv": lambda: self.rng.choice(SV_CITIES)[0],
            "city_en": lambda: self.rng.choice(EN_CITIES),
            "pnr_lookalike": self.pnr_lookalike,
        }
        handlers: dict[str, tuple[str | None, Handler]] = dict(labelled)
        handlers.update({name: (None, fn) for name, fn in unlabelled.items()})
        self.handlers: Mapping[str, tuple[str | None, Handler]] = MappingProxyType(handlers)

    # ---------------------------------------------------------------- per-record state
    def begin(self, language: str) -> None:
        self.language = language
        self.personas = {}

    def fill(self, name: str) -> tuple[str, str | None]:
        if name not in self.handlers:
            raise KeyError(f"unknown placeholder {{{{{name}}}}}")
        entity_type, handler = self.handlers[name]
        return handler(), entity_type

    def choice_weighted(self, options: Sequence[str], weights: Sequence[float]) -> str:
        return self.rng.choices(options, weights=weights, k=1)[0]

    # ---------------------------------------------------------------- people
    def persona(self, key: str) -> Persona:
        if key not in self.personas:
            self.personas[key] = self.new_persona()
        return self.personas[key]

    def new_persona(self) -> Persona:
        r = self.rng.random()
        if self.language == "sv":
            if r < 0.80:
                locale = "sv_SE"
            elif r < 0.88:
                return self.other_swedish_persona()
            else:
                locale = self.rng.choice(OTHER_NAME_LOCALES)
        else:
            locale = (
                "en_US"
                if r < 0.45
                else "en_GB"
                if r < 0.85
                else "sv_SE"
                if r < 0.95
                else (self.rng.choice(OTHER_NAME_LOCALES))
            )
        faker = self.fakers[locale]
        female = self.rng.random() < 0.5
        first = str(faker.first_name_female() if female else faker.first_name_male())
        last = str(faker.last_name())
        if locale == "sv_SE":
            r2 = self.rng.random()
            if r2 < 0.10:
                second = str(faker.first_name_female() if female else faker.first_name_male())
                if second != first:
                    first = f"{first}-{second}"
            elif r2 < 0.16:
                second = str(faker.first_name_female() if female else faker.first_name_male())
                if second != first:
                    first = f"{first} {second}"
            if self.rng.random() < 0.06:
                other = str(faker.last_name())
                if other != last:
                    last = f"{last}-{other}" if self.rng.random() < 0.5 else f"{last} {other}"
        return Persona(first, last, locale)

    def other_swedish_persona(self) -> Persona:
        female = self.rng.random() < 0.5
        first = self.rng.choice(SV_OTHER_FIRST_F if female else SV_OTHER_FIRST_M)
        last = self.rng.choice(SV_OTHER_LAST)
        return Persona(first, last, "sv_SE")

    def email_for(self, persona: Persona) -> str:
        first = ascii_fold(persona.first.split(" ")[0])
        last = ascii_fold(persona.last.replace(" ", "-"))
        pattern = self.rng.randint(0, 5)
        local = (
            f"{first}.{last}",
            f"{first[0]}.{last}",
            f"{first}{last}",
            f"{first}.{last}{self.rng.randint(1, 99)}",
            f"{first[:3]}{last[:3]}{self.rng.randint(60, 99)}",
            f"{last}.{first}",
        )[pattern]
        domains = EMAIL_DOMAINS_SV if self.language == "sv" else EMAIL_DOMAINS_EN
        if self.rng.random() < 0.2:
            return str(self.fakers["sv_SE" if self.language == "sv" else "en_GB"].email())
        return f"{local}@{self.rng.choice(domains)}"

    def username_for(self, persona: Persona) -> str:
        first = ascii_fold(persona.first.split(" ")[0].split("-")[0])
        last = ascii_fold(persona.last.split(" ")[0].split("-")[0])
        pattern = self.rng.randint(0, 5)
        return (
            f"{first[0]}{last}",
            f"{first}.{last}",
            f"{first}_{last[0]}{self.rng.randint(70, 99)}",
            f"{first[:2]}{last[:2]}{self.rng.randint(1, 20):02d}",
            f"{last}{first[0]}",
            f"{first}{self.rng.randint(1, 999)}",
        )[pattern]

    # ---------------------------------------------------------------- phones
    def _validated(self, candidate: Callable[[], tuple[str, str]]) -> str:
        """Call ``candidate`` (-> (rendered, region)) until phonenumbers says the number is
        valid."""
        for _ in range(50):
            rendered, region = candidate()
            try:
                parsed = phonenumbers.parse(rendered, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(parsed):
                return rendered
        raise RuntimeError("could not generate a valid phone number")

    def mobile_sv(self) -> str:
        def candidate() -> tuple[str, str]:
            prefix = self.rng.choice(SV_MOBILE_PREFIXES)
            sub = f"{self.rng.randint(0, 9_999_999):07d}"
            grouped = f"{sub[:3]} {sub[3:5]} {sub[5:]}"
            form = self.choice_weighted(
                ("dash", "plain", "spaced", "intl", "intl_plain", "00", "intl_paren"),
                (30, 15, 10, 20, 10, 8, 7),
            )
            rendered = {
                "dash": f"0{prefix}-{grouped}",
                "plain": f"0{prefix}{sub}",
                "spaced": f"0{prefix} {grouped}",
                "intl": f"+46 {prefix} {grouped}",
                "intl_plain": f"+46{prefix}{sub}",
                "00": f"0046 {prefix} {grouped}",
                "intl_paren": f"+46 (0){prefix} {grouped}",
            }[form]
            return rendered, "SE"

        return self._validated(candidate)

    def landline_sv(self) -> str:
        def candidate() -> tuple[str, str]:
            area, lengths = self.rng.choice(SV_AREA_CODES)
            length = self.rng.choice(lengths)
            sub = str(self.rng.randint(2, 9)) + "".join(
                str(self.rng.randint(0, 9)) for _ in range(length - 1)
            )
            grouped = group_digits(sub, _subscriber_groups(length))
            form = self.choice_weighted(("dash", "plain", "intl", "intl_paren"), (55, 12, 20, 13))
            rendered = {
                "dash": f"0{area}-{grouped}",
                "plain": f"0{area}{sub}",
                "intl": f"+46 {area} {grouped}",
                "intl_paren": f"+46 (0){area} {grouped}",
            }[form]
            return rendered, "SE"

        value = self._validated(candidate)
        if value.startswith("0") and "-" in value and self.rng.random() < 0.1:
            # Rarely written the old way, "(0)8 123 45 67"; validity was checked on the 0-form.
            area_and_rest = value[1:].replace("-", " ", 1)
            return f"(0){area_and_rest}"
        return value

    def phone_sv(self) -> str:
        return self.mobile_sv() if self.rng.random() < 0.65 else self.landline_sv()

    def phone_us(self) -> str:
        def candidate() -> tuple[str, str]:
            area = self.rng.choice(US_AREA_CODES)
            line = f"01{self.rng.randint(0, 99):02d}"
            form = self.rng.randint(0, 4)
            rendered = (
                f"({area}) 555-{line}",
                f"{area}-555-{line}",
                f"+1 {area}-555-{line}",
                f"{area}.555.{line}",
                f"+1 ({area}) 555 {line}",
            )[form]
            return rendered, "US"

        return self._validated(candidate)

    def phone_uk(self) -> str:
        def candidate() -> tuple[str, str]:
            prefix, middle, n_random = self.rng.choice(UK_DRAMA_LANDLINES)
            tail = "".join(str(self.rng.randint(0, 9)) for _ in range(n_random))
            national = f"{prefix} {middle}{tail}"
            if self.rng.random() < 0.35:
                return f"+44 {national[1:]}", "GB"
            return national, "GB"

        return self._validated(candidate)

    def phone_en(self) -> str:
        return self.phone_us() if self.rng.random() < 0.5 else self.phone_uk()

    def phone_intl(self) -> str:
        """A valid international number of a European region (or a Swedish one), E.164-ish
        format."""
        if self.rng.random() < 0.3:
            return self.mobile_sv()

        def candidate() -> tuple[str, str]:
            region = self.rng.choice(INTL_REGIONS)
            kind = self.rng.choice(
                (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
            )
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                return "", region
            national = str(example.national_number)
            keep = min(3, len(national) - 4)
            randomised = national[:keep] + "".join(
                str(self.rng.randint(0, 9)) for _ in range(len(national) - keep)
            )
            number = phonenumbers.parse(f"+{example.country_code}{randomised}", None)
            rendered = phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
            )
            return rendered, region

        return self._validated(candidate)

    # ---------------------------------------------------------------- personnummer
    def pick_pnr12(self) -> str:
        r = self.rng.random()
        pool = self.pnr_modern if r < 0.85 else self.pnr_centenarian if r < 0.93 else self.pnr_all
        return self.rng.choice(pool)

    @staticmethod
    def to_samordning(pnr12: str) -> str:
        day = int(pnr12[6:8]) + 60
        body = f"{pnr12[2:6]}{day:02d}{pnr12[8:11]}"
        return pnr12[:2] + body + luhn_check_digit(body)

    def render_pnr(self, number12: str, forms: Sequence[str], weights: Sequence[float]) -> str:
        day = int(number12[6:8])
        birth = dt.date(int(number12[:4]), int(number12[4:6]), day - 60 if day > 60 else day)
        old = age_on(birth, REFERENCE_DATE) >= 100
        form = self.choice_weighted(forms, weights)
        century_form = {"YYMMDD-NNNN": "YYMMDD+NNNN", "YYMMDDNNNN": "YYMMDD+NNNN"}
        if old:
            form = century_form.get(form, form)
        yy, mmdd, tail = number12[2:4], number12[4:8], number12[8:]
        rendered = {
            "YYYYMMDD-NNNN": f"{number12[:8]}-{tail}",
            "YYYYMMDDNNNN": number12,
            "YYMMDD-NNNN": f"{yy}{mmdd}-{tail}",
            "YYMMDDNNNN": f"{yy}{mmdd}{tail}",
            "YYMMDD+NNNN": f"{yy}{mmdd}+{tail}",
        }[form]
        assert luhn_valid(re.sub(r"\D", "", rendered)[-10:])
        return rendered

    def pnr(self) -> str:
        number = self.pick_pnr12()
        if self.rng.random() < 0.12:
            number = self.to_samordning(number)
        return self.render_pnr(
            number, ("YYYYMMDD-NNNN", "YYMMDD-NNNN", "YYYYMMDDNNNN", "YYMMDDNNNN"), (35, 30, 15, 20)
        )

    def pnr_compact(self) -> str:
        return self.render_pnr(self.pick_pnr12(), ("YYYYMMDDNNNN", "YYMMDDNNNN"), (70, 30))

    def samordning(self) -> str:
        number = self.to_samordning(self.pick_pnr12())
        return self.render_pnr(number, ("YYYYMMDD-NNNN", "YYMMDD-NNNN", "YYMMDDNNNN"), (40, 45, 15))

    def pnr_lookalike(self) -> str:
        """A date + time run id shaped like ``YYMMDD-NNNN`` whose last digit fails Luhn."""
        while True:
            stamp = self.recent_datetime()
            body = f"{stamp:%y%m%d}{stamp:%H%M}"
            if not luhn_valid(body):
                return f"{body[:6]}-{body[6:]}"

    # ---------------------------------------------------------------- addresses
    def sv_street(self) -> str:
        suffix = self.choice_weighted(SV_STREET_SUFFIXES, SV_STREET_SUFFIX_WEIGHTS)
        r = self.rng.random()
        if r < 0.15:
            name = str(self.fakers["sv_SE"].street_name())
        else:
            name = f"{self.rng.choice(SV_STREET_STEMS)}{suffix}"
        if self.rng.random() < 0.12:
            name = f"{self.rng.choice(SV_STREET_QUALIFIERS)} {name}"
        return name

    def sv_street_number(self) -> str:
        number = str(min(int(self.rng.expovariate(1 / 18)) + 1, 180))
        if self.rng.random() < 0.15:
            number += self.rng.choice("ABCD")
        return number

    def sv_postort(self) -> tuple[str, str]:
        if self.rng.random() < 0.9:
            city, lo, hi = self.rng.choice(SV_CITIES)
            prefix = self.rng.randint(lo, hi)
        else:
            city = str(self.fakers["sv_SE"].city())
            prefix = self.rng.randint(100, 984)
        digits = f"{prefix:03d}{self.rng.randint(0, 99):02d}"
        form = self.choice_weighted(("spaced", "plain", "SE-"), (80, 14, 6))
        postnr = {
            "spaced": f"{digits[:3]} {digits[3:]}",
            "plain": digits,
            "SE-": f"SE-{digits[:3]} {digits[3:]}",
        }[form]
        return postnr, city

    def addr_sv_street(self) -> str:
        return f"{self.sv_street()} {self.sv_street_number()}"

    def _lgh(self) -> str:
        return f"lgh {self.rng.randint(10, 15)}{self.rng.randint(1, 9):02d}"

    def addr_sv_full(self) -> str:
        street = self.addr_sv_street()
        if self.rng.random() < 0.25:
            sep = ", " if self.rng.random() < 0.7 else " "
            street = f"{street}{sep}{self._lgh()}"
        postnr, city = self.sv_postort()
        return f"{street}, {postnr} {city}"

    def addr_sv(self) -> str:
        if self.rng.random() < 0.55:
            return self.addr_sv_full()
        street = self.addr_sv_street()
        if self.rng.random() < 0.3:
            street = f"{street}, {self._lgh()}"
        return street

    def addr_sv_multiline(self) -> str:
        postnr, city = self.sv_postort()
        street = self.addr_sv_street()
        if self.rng.random() < 0.15:
            street = f"{street}, {self._lgh()}"
        return f"{street}\n{postnr} {city}"

    def us_street(self) -> str:
        number = self.rng.randint(1, 9800)
        return f"{number} {self.rng.choice(US_STREET_STEMS)} {self.rng.choice(US_STREET_SUFFIXES)}"

    def addr_us_street(self) -> str:
        street = self.us_street()
        if self.rng.random() < 0.25:
            unit = self.rng.choice(("Apt", "Suite", "Unit", "#"))
            street += f", {unit} {self.rng.randint(1, 40)}{self.rng.choice(('', 'B', 'C'))}"
        return street

    def zip_us(self) -> str:
        _, _, zip3 = self.rng.choice(US_CITIES)
        return f"{zip3}{self.rng.randint(1, 99):02d}"

    def addr_us(self) -> str:
        city, state, zip3 = self.rng.choice(US_CITIES)
        return f"{self.addr_us_street()}, {city}, {state} {zip3}{self.rng.randint(1, 99):02d}"

    def uk_postcode(self, area: str, max_district: int) -> str:
        letters = self.rng.choice(UK_POSTCODE_LETTERS) + self.rng.choice(UK_POSTCODE_LETTERS)
        return f"{area}{self.rng.randint(1, max_district)} {self.rng.randint(1, 9)}{letters}"

    def addr_uk_parts(self) -> tuple[str, str, str]:
        town, area, max_district = self.rng.choice(UK_TOWNS)
        street = (
            f"{self.rng.randint(1, 240)}{self.rng.choice(('', '', '', 'A', 'B'))} "
            f"{self.rng.choice(UK_STREET_STEMS)} {self.rng.choice(UK_STREET_SUFFIXES)}"
        )
        if self.rng.random() < 0.2:
            street = f"Flat {self.rng.randint(1, 30)}, {street}"
        return street, town, self.uk_postcode(area, max_district)

    def addr_uk(self) -> str:
        street, town, postcode = self.addr_uk_parts()
        return f"{street}, {town} {postcode}"

    def addr_en(self) -> str:
        return self.addr_us() if self.rng.random() < 0.5 else self.addr_uk()

    def addr_en_multiline(self) -> str:
        if self.rng.random() < 0.5:
            street, town, postcode = self.addr_uk_parts()
            return f"{street}\n{town}\n{postcode}"
        city, state, zip3 = self.rng.choice(US_CITIES)
        return f"{self.addr_us_street()}\n{city}, {state} {zip3}{self.rng.randint(1, 99):02d}"

    def postal_sv(self) -> str:
        postnr, _ = self.sv_postort()
        return postnr

    # ---------------------------------------------------------------- network
    def ipv4(self) -> str:
        r = self.rng.random()
        if r < 0.15:
            b, c = self.rng.randint(0, 255), self.rng.randint(0, 255)
            return f"10.{b}.{c}.{self.rng.randint(1, 254)}"
        if r < 0.25:
            return f"192.168.{self.rng.randint(0, 255)}.{self.rng.randint(1, 254)}"
        while True:
            address = ipaddress.IPv4Address(self.rng.getrandbits(32))
            if (
                address.is_global
                and not address.is_multicast
                and str(address).split(".")[-1] != "0"
            ):
                return str(address)

    def ipv6(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            base = 0x20010DB8 << 96
            address = ipaddress.IPv6Address(base | self.rng.getrandbits(64))
        elif r < 0.4:
            address = ipaddress.IPv6Address((0xFE80 << 112) | self.rng.getrandbits(64))
        else:
            prefix = self.rng.choice((0x2A00, 0x2A01, 0x2A02, 0x2001, 0x2600, 0x2C0F))
            address = ipaddress.IPv6Address(
                (prefix << 112) | (self.rng.getrandbits(48) << 64) | self.rng.getrandbits(16)
            )
        return address.exploded if self.rng.random() < 0.1 else address.compressed

    def mac(self) -> str:
        octets = [self.rng.randint(0, 255) for _ in range(6)]
        octets[0] &= 0b11111100
        form = self.choice_weighted(("colon", "COLON", "dash", "cisco"), (45, 25, 20, 10))
        hex_octets = [f"{o:02x}" for o in octets]
        if form == "colon":
            return ":".join(hex_octets)
        if form == "COLON":
            return ":".join(hex_octets).upper()
        if form == "dash":
            return "-".join(hex_octets).upper()
        joined = "".join(hex_octets)
        return f"{joined[:4]}.{joined[4:8]}.{joined[8:]}"

    # ---------------------------------------------------------------- payment
    def iban(self) -> str:
        if self.rng.random() < 0.5:
            bban = self.rng.choice(SE_BANK_CODES) + "".join(
                str(self.rng.randint(0, 9)) for _ in range(17)
            )
            value = make_iban("SE", bban)
        else:
            value = str(self.fakers[self.rng.choice(FOREIGN_IBAN_LOCALES)].iban())
            if not iban_valid(value):
                value = make_iban(value[:2], value[4:])
        assert iban_valid(value), value
        if self.rng.random() < 0.4:
            return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
        return value

    def card(self) -> str:
        card_type = self.choice_weighted(("visa16", "mastercard", "amex"), (50, 38, 12))
        number = str(self.fakers["en_US"].credit_card_number(card_type))
        assert luhn_valid(number), number
        form = self.choice_weighted(("plain", "spaces", "dashes"), (40, 45, 15))
        if form == "plain":
            return number
        sizes = (4, 6, 5) if len(number) == 15 else (4, 4, 4, 4)
        return group_digits(number, sizes, " " if form == "spaces" else "-")

    def orgnr(self) -> str:
        group = self.choice_weighted(
            ("55", "59", "71", "76", "80", "81", "96", "20", "21"), (45, 8, 12, 6, 10, 4, 8, 4, 3)
        )
        body = (
            group
            + str(self.rng.randint(2, 9))
            + "".join(str(self.rng.randint(0, 9)) for _ in range(6))
        )
        number = body + luhn_check_digit(body)
        return number if self.rng.random() < 0.12 else f"{number[:6]}-{number[6:]}"

    def bankgiro(self) -> str:
        length = self.rng.choice((7, 8))
        body = str(self.rng.randint(1, 9)) + "".join(
            str(self.rng.randint(0, 9)) for _ in range(length - 2)
        )
        number = body + luhn_check_digit(body)
        return f"{number[:-4]}-{number[-4:]}"

    def plusgiro(self) -> str:
        length = self.choice_weighted(("7", "8", "6"), (70, 15, 15))
        body = str(self.rng.randint(1, 9)) + "".join(
            str(self.rng.randint(0, 9)) for _ in range(int(length) - 2)
        )
        number = body + luhn_check_digit(body)
        return f"{number[:-1]}-{number[-1]}"

    # ---------------------------------------------------------------- vehicles, dates of birth
    def regnr(self) -> str:
        letters = "".join(self.rng.choice(REGNR_LETTERS) for _ in range(3))
        if self.rng.random() < 0.3:
            tail = f"{self.rng.randint(0, 99):02d}{self.rng.choice(REGNR_LAST_LETTERS)}"
        else:
            tail = f"{self.rng.randint(0, 999):03d}"
        return f"{letters} {tail}" if self.rng.random() < 0.75 else f"{letters}{tail}"

    def birth_date(self) -> dt.date:
        start = dt.date(1935, 1, 1).toordinal()
        end = dt.date(2006, 12, 31).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, end))

    def dob_sv(self) -> str:
        d = self.birth_date()
        form = self.choice_weighted(("iso", "text", "slash", "dots"), (50, 25, 10, 15))
        return {
            "iso": d.isoformat(),
            "text": f"{d.day} {SV_MONTHS[d.month - 1]} {d.year}",
            "slash": f"{d.day}/{d.month} {d.year}",
            "dots": f"{d.day:02d}.{d.month:02d}.{d.year}",
        }[form]

    def dob_en(self) -> str:
        d = self.birth_date()
        form = self.choice_weighted(("uk", "us", "text_uk", "text_us", "iso"), (30, 25, 15, 15, 15))
        return {
            "uk": f"{d.day:02d}/{d.month:02d}/{d.year}",
            "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
            "text_uk": f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}",
            "text_us": f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
            "iso": d.isoformat(),
        }[form]

    # ---------------------------------------------------------------- look-alikes
    def recent_datetime(self) -> dt.datetime:
        start = dt.datetime(2023, 1, 1)
        return start + dt.timedelta(seconds=self.rng.randint(0, 913 * 86400))

    def recent_date(self) -> dt.date:
        return self.recent_datetime().date()

    def date_sv_text(self) -> str:
        d = self.recent_date()
        if self.rng.random() < 0.3:
            return f"{SV_WEEKDAYS[d.weekday()]} {d.day} {SV_MONTHS[d.month - 1]}"
        return f"{d.day} {SV_MONTHS[d.month - 1]} {d.year}"

    def date_en_text(self) -> str:
        d = self.recent_date()
        if self.rng.random() < 0.5:
            return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"
        return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"

    def ts_iso(self) -> str:
        t = self.recent_datetime()
        millis = self.rng.randint(0, 999)
        zone = self.rng.choice(("Z", "+01:00", "+02:00"))
        return f"{t:%Y-%m-%dT%H:%M:%S}.{millis:03d}{zone}"

    def ts_log(self) -> str:
        t = self.recent_datetime()
        return f"{t:%Y-%m-%d %H:%M:%S},{self.rng.randint(0, 999):03d}"

    def ts_clf(self) -> str:
        t = self.recent_datetime()
        zone = self.rng.choice(("+0100", "+0200", "+0000"))
        return f"{t.day:02d}/{CLF_MONTHS[t.month - 1]}/{t.year}:{t:%H:%M:%S} {zone}"

    def version(self) -> str:
        major, minor, patch = (
            self.rng.randint(0, 24),
            self.rng.randint(0, 30),
            self.rng.randint(0, 40),
        )
        form = self.rng.randint(0, 3)
        return (
            f"{major}.{minor}.{patch}",
            f"{major}.{minor}.{patch}-beta.{self.rng.randint(1, 9)}",
            f"{major}.{minor}",
            f"{major}.{minor}.{patch}-{self.rng.randint(100, 999)}.el8",
        )[form]

    def version4(self) -> str:
        """Four-part build numbers; most are also valid dotted-quad IPv4 syntax."""
        parts = [self.rng.randint(0, 24), self.rng.randint(0, 20), self.rng.randint(0, 9)]
        last = self.rng.randint(0, 255) if self.rng.random() < 0.75 else self.rng.randint(256, 9999)
        return ".".join(str(p) for p in [*parts, last])

    def amount_sv(self) -> str:
        value = round(self.rng.uniform(19, 60_000), 2)
        whole = f"{int(value):,}".replace(",", " ")
        cents = f"{round(value * 100) % 100:02d}"
        form = self.rng.randint(0, 5)
        return (
            f"{whole},{cents} kr",
            f"SEK {whole}",
            f"{whole} kr",
            f"{int(value)}:-",
            f"{whole} SEK",
            f"{whole},{cents} SEK",
        )[form]

    def amount_en(self) -> str:
        value = round(self.rng.uniform(5, 250_000), 2)
        form = self.rng.randint(0, 4)
        return (
            f"${value:,.2f}",
            f"£{value:,.2f}",
            f"€ {value:,.2f}",
            f"USD {int(value):,}",
            f"{value:,.2f} EUR",
        )[form]

    def duration(self) -> str:
        form = self.rng.randint(0, 4)
        return (
            f"{self.rng.randint(2, 999)} ms",
            f"{self.rng.uniform(0.1, 60):.2f}s",
            f"{self.rng.randint(1, 5)}h {self.rng.randint(0, 59)}m",
            f"00:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}",
            f"{self.rng.randint(1, 45)} min",
        )[form]

    def order_no(self) -> str:
        while True:
            value = self._order_no()
            # A bare 10-digit Luhn-valid number would be personnummer/org.nr-shaped: not a
            # look-alike.
            if not (len(value) == 10 and value.isdigit() and luhn_valid(value)):
                return value

    def _order_no(self) -> str:
        form = self.rng.randint(0, 3)
        return (
            str(self.rng.randint(100_000, 999_999_999)),
            f"ORD-{self.rng.randint(2022, 2025)}-{self.rng.randint(0, 999_999):06d}",
            f"SO{self.rng.randint(1_000_000, 9_999_999)}",
            f"45{self.rng.randint(0, 99_999_999):08d}",
        )[form]

    def invoice_no(self) -> str:
        form = self.rng.randint(0, 2)
        return (
            f"INV-{self.rng.randint(2022, 2025)}-{self.rng.randint(1, 99_999):05d}",
            f"F{self.rng.randint(2022, 2025)}-{self.rng.randint(1, 9999)}",
            str(self.rng.randint(10_000_000, 99_999_999)),
        )[form]

    def ticket_no(self) -> str:
        form = self.rng.randint(0, 2)
        return (
            f"#{self.rng.randint(10_000, 99_999)}",
            f"SR-{self.rng.randint(2022, 2025)}-{self.rng.randint(0, 999_999):06d}",
            f"INC{self.rng.randint(0, 9_999_999):07d}",
        )[form]

    def customer_no(self) -> str:
        return (
            f"K-{self.rng.randint(100_000, 999_999)}"
            if self.rng.random() < 0.5
            else str(self.rng.randint(10_000, 999_999))
        )

    def ocr(self) -> str:
        length = self.rng.choice((6, 7, 8, 9, 11, 13, 14, 17, 18))
        body = str(self.rng.randint(1, 9)) + "".join(
            str(self.rng.randint(0, 9)) for _ in range(length - 2)
        )
        return body + luhn_check_digit(body)

    def tracking(self) -> str:
        form = self.rng.randint(0, 3)
        if form == 0:
            serial = f"{self.rng.randint(0, 99_999_999):08d}"
            prefix = self.rng.choice(("RR", "RA", "CP", "LX", "UA"))
            return f"{prefix}{serial}{s10_check_digit(serial)}SE"
        if form == 1:
            chars = "".join(self.rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6))
            return f"1Z{chars}{self.rng.randint(10, 99)}{self.rng.randint(0, 99_999_999):08d}"
        if form == 2:
            return f"JJD{self.rng.randint(0, 10**18 - 1):018d}"
        body = "00373" + "".join(str(self.rng.randint(0, 9)) for _ in range(12))
        return body + gs1_check_digit(body)

    def ean13(self) -> str:
        body = self.rng.choice(("73", "70", "40", "50", "87")) + "".join(
            str(self.rng.randint(0, 9)) for _ in range(10)
        )
        return body + gs1_check_digit(body)

    def sku(self) -> str:
        letters = "".join(self.rng.choice("ABCDEFGHKLMNPRSTX") for _ in range(3))
        form = self.rng.randint(0, 3)
        return (
            f"SKU-{letters[:2]}-{self.rng.randint(10_000, 99_999)}",
            f"{self.rng.randint(100, 999)}.{self.rng.randint(100, 999)}.{self.rng.randint(10, 99)}",
            f"{letters}-{self.rng.randint(100, 999)}-{self.rng.choice('BCDX')}",
            f"ART{self.rng.randint(100_000, 999_999)}",
        )[form]


# --------------------------------------------------------------------------------------------------
# Rendering and generation
# --------------------------------------------------------------------------------------------------


def template_splits(templates: Iterable[Template]) -> Mapping[str, str]:
    """``template_id -> "dev"|"test"``: 2nd, 5th, 8th ... template of each (kind, language)
    group."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for template in templates:
        groups[(template.kind, template.language)].append(template.id)
    splits: dict[str, str] = {}
    for ids in groups.values():
        for index, template_id in enumerate(ids):
            splits[template_id] = "test" if index % 3 == 1 else "dev"
    return MappingProxyType(splits)


def placeholders(template: Template) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER_RE.finditer(template.body)]


def render(template: Template, filler: Filler) -> tuple[str, list[dict[str, Any]]]:
    """Fill ``template``; return the text and its spans (asserted exact)."""
    filler.begin(template.language)
    parts: list[str] = []
    spans: list[dict[str, Any]] = []
    values: dict[str, tuple[str, str | None]] = {}
    position = 0
    last = 0
    for match in PLACEHOLDER_RE.finditer(template.body):
        literal = template.body[last : match.start()]
        parts.append(literal)
        position += len(literal)
        key = match.group(0)
        if key not in values:
            values[key] = filler.fill(match.group(1))
        value, entity_type = values[key]
        if entity_type is not None:
            spans.append(
                {
                    "start": position,
                    "end": position + len(value),
                    "entity_type": entity_type,
                    "_value": value,
                }
            )
        parts.append(value)
        position += len(value)
        last = match.end()
    parts.append(template.body[last:])
    text = "".join(parts)
    for span in spans:
        expected = span.pop("_value")
        assert text[span["start"] : span["end"]] == expected, (template.id, span, expected)
        assert expected, template.id
        assert expected == expected.strip(), (template.id, expected)
    if template.body.startswith('{"'):
        json.loads(text)  # JSON log templates must stay valid JSON
    return text, spans


def check_templates(templates: Sequence[Template], filler: Filler) -> None:
    ids = [t.id for t in templates]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate template ids")
    for template in templates:
        names = placeholders(template)
        unknown = [n for n in names if n not in filler.handlers]
        if unknown:
            raise ValueError(f"{template.id}: unknown placeholders {unknown}")
        labelled = [n for n in names if filler.handlers[n][0] is not None]
        if template.kind == "negative" and labelled:
            raise ValueError(
                f"negative template {template.id} has labelled placeholders {labelled}"
            )
        if template.kind != "negative" and not labelled:
            raise ValueError(f"positive template {template.id} has no labelled placeholder")


def generate(
    n: int = DEFAULT_N, seed: int = DEFAULT_SEED, data_dir: str | Path | None = None
) -> list[dict[str, Any]]:
    """Generate ``n`` labelled records (deterministic for a given seed)."""
    root = resolve_data_dir(data_dir)
    filler = Filler(seed, load_test_personnummer(root / TESTPNR_RELPATH))
    check_templates(TEMPLATES, filler)
    splits = template_splits(TEMPLATES)
    positives = [t for t in TEMPLATES if t.kind != "negative"]
    negatives = [t for t in TEMPLATES if t.kind == "negative"]
    n_negative = round(n * NEGATIVE_SHARE)
    schedule_rng = random.Random(seed)
    shuffled_pos = list(positives)
    shuffled_neg = list(negatives)
    schedule_rng.shuffle(shuffled_pos)
    schedule_rng.shuffle(shuffled_neg)
    schedule = [shuffled_neg[i % len(negatives)] for i in range(n_negative)]
    schedule += [shuffled_pos[i % len(positives)] for i in range(n - n_negative)]
    schedule_rng.shuffle(schedule)
    records: list[dict[str, Any]] = []
    for index, template in enumerate(schedule):
        text, spans = render(template, filler)
        records.append(
            {
                "id": f"gen-{index:05d}",
                "text": text,
                "language": template.language,
                "spans": spans,
                "template_id": template.id,
                "split": splits[template.id],
                "kind": template.kind,
            }
        )
    return records


def write_jsonl(records: Iterable[Mapping[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def summary_table(records: Sequence[Mapping[str, Any]]) -> str:
    """Aligned plain-text summary: records per kind and split, spans per type and split."""
    lines: list[str] = []
    kinds: Counter[tuple[str, str]] = Counter((r["kind"], r["split"]) for r in records)
    templates: dict[str, set[str]] = defaultdict(set)
    for r in records:
        templates[r["split"]].add(r["template_id"])
    lines.append(f"{'kind':<18}{'dev':>7}{'test':>7}{'all':>7}")
    for kind in sorted({k for k, _ in kinds}):
        dev, test = kinds[(kind, "dev")], kinds[(kind, "test")]
        lines.append(f"{kind:<18}{dev:>7}{test:>7}{dev + test:>7}")
    dev_total = sum(v for (_, s), v in kinds.items() if s == "dev")
    test_total = sum(v for (_, s), v in kinds.items() if s == "test")
    lines.append(f"{'records':<18}{dev_total:>7}{test_total:>7}{dev_total + test_total:>7}")
    lines.append(
        f"{'templates':<18}{len(templates['dev']):>7}{len(templates['test']):>7}"
        f"{len(templates['dev']) + len(templates['test']):>7}"
    )
    lines.append("")
    spans: Counter[tuple[str, str]] = Counter(
        (s["entity_type"], r["split"]) for r in records for s in r["spans"]
    )
    lines.append(f"{'entity type':<26}{'dev':>7}{'test':>7}{'all':>7}")
    for entity_type in ENTITY_TYPES:
        dev, test = spans[(entity_type, "dev")], spans[(entity_type, "test")]
        lines.append(f"{entity_type:<26}{dev:>7}{test:>7}{dev + test:>7}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--n", type=int, default=DEFAULT_N, help="number of records (default %(default)s)"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output JSONL (default %(default)s)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)"
    )
    parser.add_argument(
        "--data-dir",
        default=None,
        help="shared data dir (default $PDMAP_SHARED_DATA or <repo>/../shared/data)",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the summary table")
    args = parser.parse_args(argv)
    records = generate(args.n, args.seed, args.data_dir)
    write_jsonl(records, args.out)
    if not args.quiet:
        print(f"wrote {len(records)} records to {args.out}\n")
        print(summary_table(records))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

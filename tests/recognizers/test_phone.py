from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "PHONE_NUMBER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ring mig på 070-123 45 67 i eftermiddag", ["070-123 45 67"]),
        # digit groups of a possible number somewhere, beside a phone word
        ("They're not answering at 78 651 450", ["78 651 450"]),
        ("I would like to stop receiving messages to 699 956 915", ["699 956 915"]),
        ("Office: (37) 788-063", ["(37) 788-063"]),
        # a label joined by a hyphen after the number
        ("(37) 788-063-Office, (37) 788-064-Fax", ["(37) 788-063", "(37) 788-064"]),
        ("Kontor 08-123 456 78-växel", ["08-123 456 78"]),
        ("Code 0812-3345-21-AB12 on the label", []),  # letters then digits: a part number
        ("(37) 788-063-Office\\,07700 063 966-Fax", ["(37) 788-063", "07700 063 966"]),
        ("Amounts 1,234,567,890 and 2,345,678,901", []),
        ("Order 123 456 78 was shipped, call us if it is late.", []),
        ("The meeting is in room 12 345 tomorrow, call me.", []),
        # a number under another identifier's label is not a phone number
        ("Here's my SSN: 054-28-6917", []),
        ("Org.nr: 7694982484, tel 054-28 69 17", ["054-28 69 17"]),
        ("social security no: 054-28-6917", []),
        ('{"mobil":"070-123 45 67","order":"4581254244"}', ["070-123 45 67"]),
        ("ordernr=0701234567 tel=0701234568", ["0701234568"]),
        ("+46 70 123 45 67", ["+46 70 123 45 67"]),
        ("+46701234567", ["+46701234567"]),
        ("0046 70 123 45 67", ["0046 70 123 45 67"]),
        ("Växel 08-123 456 78", ["08-123 456 78"]),
        ("Göteborg 031-12 34 56", ["031-12 34 56"]),
        ("sms 0701234567", ["0701234567"]),
        ("tel: 0812345678", ["0812345678"]),
        ("Call me at (201) 555-0123 please", ["(201) 555-0123"]),
        ("UK office +44 20 7946 0958", ["+44 20 7946 0958"]),
        # possible but not assigned (exchange 182): reported only beside a phone word
        ("+1-984-182-0190 mobile", ["+1-984-182-0190"]),
        ("ref +1-984-182-0190", []),
        # a possible number in international digit groups, or in the North American layout,
        # stands without a phone word; a run of zeros is no country prefix
        ("Reach the desk: +1-565-369-0702", ["+1-565-369-0702"]),
        ("+1-565-369-0702", ["+1-565-369-0702"]),
        ("565-369-0702", ["565-369-0702"]),
        ("keywords (000-00-0000) mimicking SSN", []),
        ("phone: 463-612-6138x036", ["463-612-6138x036"]),
        # an extension's digits do not count toward the number's length
        ("call 001-818-956-1983x35053 today", ["001-818-956-1983x35053"]),
        # an area code of up to five digits in brackets, then a hyphen, a space or nothing
        ("Call me at (01632) 960 788 tomorrow.", ["(01632) 960 788"]),
        ("Phone: (0251)-027346", ["(0251)-027346"]),
        ("Tel (02328) 60129", ["(02328) 60129"]),
        # "my number" and the like are phone words; "number" alone is not
        ("my number is 21539743, thanks", ["21539743"]),
        ("Her number is 0485 384 699 if you need it", ["0485 384 699"]),
        ("The number is 21539743.", []),
        # a contact label and "text" are phone words too
        ("Contact: 0487 98 11 92", ["0487 98 11 92"]),
        ("Can you text 079 0442 1744?", ["079 0442 1744"]),
        ("Customer 21 253 109 8211 complained", []),  # digit groups, no trunk 0
        # a trunk 0 and digit groups, valid somewhere, stand alone
        ("I changed it to 0487 98 11 92 last week.", ["0487 98 11 92"]),
        ("079 0442 1744 is the one to use.", ["079 0442 1744"]),
        ("Order no. 0487 98 11 92 shipped", []),  # a value under an order label
        # a "+" and nine digits or more, or an area code in brackets before digit groups, are
        # written only for phone numbers: no phone word needed
        ("+447700677662", ["+447700677662"]),
        ("+41 (0)38 549 02 90 is the best way to get me", ["+41 (0)38 549 02 90"]),
        ("(37) 788-063 is the best way to get me.", ["(37) 788-063"]),
        ("Temperature +12345678", []),
        ("In (2019) 123 456 people voted", []),
        ("See section (4) 2345 678 of the act", []),
        ("Order 0012345678 shipped", []),
        # not phone numbers
        ("Order 4500123456 shipped", []),
        ("Datum 2024-03-12 kl 10:15", []),
        ("server 192.168.100.200", []),
        ("Ordernummer 100234567", []),
        ("EAN 7310865004703", []),
        ("Belopp 12 345 678 kr", []),
        ("version 10.2.0.1", []),
        ("personnummer 19800119-2387", []),
        # a log timestamp, even when a label-like "m:" ends a word nearby ("CRM:")
        ("2024-01-02 10:00:00 WARN CRM: note added", []),
        ("2024-01-02 10:00:00 item: 4471", []),
        ("m: 0701234567", ["0701234567"]),
        ("Kunden har Office 16.0.17126.20132", []),  # a build number, near "office"
        ("tel +46.70.123.45.67", ["+46.70.123.45.67"]),
        # record numbers under their label, with or without a colon
        ("Ärendenummer 083-4471-22 är stängt.", []),
        ("Serienummer 0812-3345-21 på routern.", []),
        ("Referens 0701-2024-15", []),
        ("Serial no. 0812-3345-21", []),
        ("Your booking number is 0701234567.", []),
        ("case_id=0812345678", []),
        # ... but a phone label, or a word that only looks like one, still gives a phone
        ("Kund 070-123 45 67 ringde i morse", ["070-123 45 67"]),
        ("Telefonnummer 08-123 456 78", ["08-123 456 78"]),
        ("Contact number 070-123 45 67", ["070-123 45 67"]),
        ("Referens: Anna Berg, tel 070-123 45 67", ["070-123 45 67"]),
    ],
)
def test_phone(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected

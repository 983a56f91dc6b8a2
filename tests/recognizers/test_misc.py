"""Table tests for SE_VEHICLE_REGISTRATION, DATE_OF_BIRTH, MAC_ADDRESS and USERNAME."""

from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("Bilen har regnr ABC 123", "SE_VEHICLE_REGISTRATION", ["ABC 123"]),
        ("registreringsnummer MLB 84C", "SE_VEHICLE_REGISTRATION", ["MLB 84C"]),
        ("SKU ABC 123", "SE_VEHICLE_REGISTRATION", []),
        ("regnr AIQ 123", "SE_VEHICLE_REGISTRATION", []),  # I and Q are never used
        ("Född 1985-03-12 i Lund", "DATE_OF_BIRTH", ["1985-03-12"]),
        ("DOB: 12/03/1985", "DATE_OF_BIRTH", ["12/03/1985"]),
        ("date of birth March 3, 1985", "DATE_OF_BIRTH", ["March 3, 1985"]),
        ("Leverans 2024-03-12", "DATE_OF_BIRTH", []),
        ("Jag är född den 14:e mars 1985.", "DATE_OF_BIRTH", ["14:e mars 1985"]),
        ('{"fodelsedatum":"19850314"}', "DATE_OF_BIRTH", ["19850314"]),
        ("födelsedag: 14/3-85", "DATE_OF_BIRTH", ["14/3-85"]),
        ("fdat 1985-03-14", "DATE_OF_BIRTH", ["1985-03-14"]),
        ("DOB 14-Mar-1985", "DATE_OF_BIRTH", ["14-Mar-1985"]),
        ("Leverans 14/3-24 till kontoret", "DATE_OF_BIRTH", []),  # no birth word
        ("Mötet flyttas till 14-Mar-2025.", "DATE_OF_BIRTH", []),
        ("Kunden är född 14/3 1985 och vill ha utbetalningar.", "DATE_OF_BIRTH", ["14/3 1985"]),
        ("D.O.B. 14-03-1985", "DATE_OF_BIRTH", ["14-03-1985"]),
        ("födelsedatum=19850314", "DATE_OF_BIRTH", ["19850314"]),
        ("född 19850314-2387", "DATE_OF_BIRTH", []),  # a personnummer, not a birth date
        ("född 14-03/1985", "DATE_OF_BIRTH", []),  # mixed separators
        ("Leverans 14/3 2024", "DATE_OF_BIRTH", []),
        ("Kunden är född 850314.", "DATE_OF_BIRTH", ["850314"]),
        ("född 85-03-14", "DATE_OF_BIRTH", ["85-03-14"]),
        ("DOB: 1985/03/14", "DATE_OF_BIRTH", ["1985/03/14"]),
        ("Födelsedatum 14.3.85", "DATE_OF_BIRTH", ["14.3.85"]),
        ("birth date 14/03/85", "DATE_OF_BIRTH", ["14/03/85"]),
        ("född 850314-2387", "DATE_OF_BIRTH", []),  # the start of a personnummer
        ("Order 850314 skickad", "DATE_OF_BIRTH", []),
        ("device mac 00:1A:2B:3C:4D:5E up", "MAC_ADDRESS", ["00:1A:2B:3C:4D:5E"]),
        ("hwaddr 00-1a-2b-3c-4d-5e", "MAC_ADDRESS", ["00-1a-2b-3c-4d-5e"]),
        ("mac 001a.2b3c.4d5e", "MAC_ADDRESS", ["001a.2b3c.4d5e"]),
        ("time 12:30:45 and 0:1:2:3:4:5", "MAC_ADDRESS", []),
        ("level=info user=anna.s action=login", "USERNAME", ["anna.s"]),
        ('{"username": "kalle_anka"}', "USERNAME", ["kalle_anka"]),
        ("user=null", "USERNAME", []),
        ("Kontot anna_berg är låst efter tre försök.", "USERNAME", ["anna_berg"]),
        ("Account jsmith42 locked after 5 failed attempts.", "USERNAME", ["jsmith42"]),
        ("User 'jsmith42' not found", "USERNAME", ["jsmith42"]),
        ('Login failed for user "anna.berg"', "USERNAME", ["anna.berg"]),
        ("Logga in med anna.berg82 och ditt lösenord", "USERNAME", ["anna.berg82"]),
        ("Please log in with your email and password", "USERNAME", []),
        ("Mitt användar-id är jdoe42", "USERNAME", ["jdoe42"]),
        ("handle @jdoe42 on the forum", "USERNAME", ["jdoe42"]),
        ("My user id is 4711", "USERNAME", []),
        (
            "Failed password for invalid user jsmith42 from 10.0.0.1 port 22",
            "USERNAME",
            ["jsmith42"],
        ),
        ("Accepted publickey for deploy_bot from 10.0.0.1 port 22", "USERNAME", ["deploy_bot"]),
        ("sudo: jsmith42 : TTY=pts/0 ; PWD=/home ; USER=root", "USERNAME", ["jsmith42"]),
        ("The account name is tindra.malm.", "USERNAME", ["tindra.malm"]),
        ("Please update your account e-mail address.", "USERNAME", []),
        ("See the user guide.pdf for details.", "USERNAME", []),
        ("Account example.com was verified.", "USERNAME", []),
        ("The user v2.1 interface is new.", "USERNAME", []),
        ("The user self-service portal is down.", "USERNAME", []),
        ("Login failed for user anna_berg from 10.0.0.1", "USERNAME", ["anna_berg"]),
        ("Inloggning misslyckades för användare olle.svensson", "USERNAME", ["olle.svensson"]),
        ("Kunden loggar in med användarnamnet erik83.", "USERNAME", ["erik83"]),
        ("Quota reached for user accounts in the EU.", "USERNAME", []),  # a word, no marks
        ("User: Anna.Berg logged in", "USERNAME", ["Anna.Berg"]),
        ("Inloggad användare: AnnaB", "USERNAME", ["AnnaB"]),
        ("username=AnnaBerg", "USERNAME", ["AnnaBerg"]),
        ("signed in as anna.berg", "USERNAME", ["anna.berg"]),
        ("Login anna.berg succeeded", "USERNAME", ["anna.berg"]),
        ("Användar-ID: ab1234", "USERNAME", ["ab1234"]),
        ("Owner: Laura Heath", "USERNAME", []),  # a name, not an account name
        ("Mail sent by user anna@example.se", "USERNAME", []),
        ("user=anna@example.se", "USERNAME", []),
    ],
)
def test_misc(
    pattern_engine: DetectionEngine, text: str, entity_type: str, expected: list[str]
) -> None:
    assert of_type(pattern_engine, text, entity_type) == expected

from __future__ import annotations

import pytest

from scanner.engine import DetectionEngine
from tests.conftest import of_type

T = "IP_ADDRESS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('203.0.113.7 - - [10/Oct/2024:13:55:36 +0200] "GET / HTTP/1.1" 200', ["203.0.113.7"]),
        ("client=2001:db8::8a2e:370:7334 ok", ["2001:db8::8a2e:370:7334"]),
        ("src 6e40:4041:c617:e898:c11:40d2:c669:2eb4", ["6e40:4041:c617:e898:c11:40d2:c669:2eb4"]),
        ("from ::ffff:192.0.2.128", ["::ffff:192.0.2.128"]),
        ("inloggning från 10.0.0.12.", ["10.0.0.12"]),
        ("Login from 10.0.0.12 failed.", ["10.0.0.12"]),
        ("Blocked 10.0.0.12 after five attempts.", ["10.0.0.12"]),
        ("The server at 10.0.0.5 is running out of disk.", ["10.0.0.5"]),
        ("Servern svarar från 10.1.2.3 men inte från 10.1.2.4.", ["10.1.2.3", "10.1.2.4"]),
        ("10.0.0.12 is blocked", ["10.0.0.12"]),
        ("Please whitelist 203.0.113.7 for the partner.", ["203.0.113.7"]),
        ("Lägg till 203.0.113.7 i vitlistan.", ["203.0.113.7"]),
        ("10.0.0.1", ["10.0.0.1"]),  # a field value: no sentence, no context needed
        ("anna,10.0.0.1,2024-01-02", ["10.0.0.1"]),
        ("2024-01-02 10:00:00 INFO auth ok 10.0.0.7", ["10.0.0.7"]),
        # in a sentence, a dotted quad without an address word is a version as often as not
        ("Appen (5.2.1.0) kraschar vid start.", []),
        ("BankID 7.1.0.12 fungerar inte.", []),
        ("Customer runs client 4.12.0.3 on Windows 11.", []),
        ("version 10.2.0.1", []),
        ("v1.2.3.4", []),
        ("build 4.18.0.305 released", []),
        ("999.1.1.1", []),
        ("1.2.3.4.5", []),
        ("kl 12:30:45", []),
        ("OID 1.3.6.1.4.1", []),
        ("Versionen är 2.0.0.1 och servern 10.1.2.3", ["10.1.2.3"]),
        ("The build is now 4.1.0.2 on the server", []),
        # compound version keys and words, tags, app and product codes
        ('{"event":"sync","appVersion":"15.6.3.233","status":"ok"}', []),
        ("ts=2025-01-02T10:00:00Z level=info fwVersion=15.6.3.233", []),
        ("ts=2025-01-02T10:00:00Z level=info msg=deployed tag=15.6.3.233", []),
        ("2025-01-02 10:00:00 INFO Klientversion 15.6.3.233 ansluten", []),
        ("2025-01-02 10:00:00 INFO Mobilapp 15.6.3.233 (iOS 17.2)", []),
        ("GET /api/v2/orders?apiVersion=15.6.3.233 HTTP/1.1", []),
        ("Produktkod: 15.6.3.233", []),
        ("server=15.6.3.233 user=anna", ["15.6.3.233"]),
        # version and build numbers named as numbers, and releases rolled out
        ("Versionsnummer: 23.6.4.193", []),
        ("Byggnummer 23.6.4.193 klar", []),
        ("Build no. 23.6.4.193", []),
        ('{"build_number":"23.6.4.193"}', []),
        ("Rolled out 23.6.4.193 yesterday", []),
        ("Ticket number 4 from 23.6.4.193", ["23.6.4.193"]),
        # addresses that stand for no machine: unspecified, loopback, multicast, netmasks,
        # networks, broadcast
        ("Server listening on 0.0.0.0:8080", []),
        ("connect to 127.0.0.1:5432 failed", []),
        ("bind [::1]:8080 and [::]:443", []),
        ("netmask 255.255.255.0 gateway 10.0.0.1", ["10.0.0.1"]),
        ("mcast 239.1.2.3 joined from 10.0.0.9", ["10.0.0.9"]),
        ("ip=0.1.2.3", []),
        ("Subnät 10.20.0.0/16 tilldelat", []),
        # ... but an interface address with its prefix length is a machine's
        ("inet 192.168.1.20/24 brd 192.168.1.255 scope global eth0", ["192.168.1.20"]),
        ("client ::ffff:192.0.2.7 connected", ["::ffff:192.0.2.7"]),
        ("client ::ffff:127.0.0.1 connected", []),
    ],
)
def test_ip_address(pattern_engine: DetectionEngine, text: str, expected: list[str]) -> None:
    assert of_type(pattern_engine, text, T) == expected


@pytest.mark.parametrize(
    "text",
    [
        '{"version":"5.3.4.100"}',
        "build=21.7.3.10",
        "GET /app.js?v=8.1.8.18 HTTP/1.1",
        "fw=24.20.0.225",
        # versions and section numbers in prose
        "Please upgrade the agent to 4.2.1.7 before Friday.",
        "We upgraded from 6.1.2.3 yesterday.",
        "Vi nedgraderade appen från 4.0.0.1 i går.",
        "We installed 4.2.1.7 on all servers yesterday.",
        "Hotfix 10.3.2.1 rolled out to production.",
        "The app crashes on iOS 17.1.2.1 and Android 14.0.0.2.",
        "Appen kraschar sedan uppdatering 5.1.2.3.",
        "See section 4.1.2.3 of the agreement.",
        "Se avsnitt 4.1.2.3 i avtalet.",
        "Enligt § 2.1.1.3 sparas uppgifterna i sju år.",
        "2.1.0.4 is out now with the fix.",
        "Router model AX3000 running 1.0.3.120",
        # versions in log lines: after a product or component word, or small numbers only
        "2024-03-01 10:00:01 INFO client BankID 7.1.0.12 started",
        "2024-03-01 10:00:01 INFO app started (Firefox 115.0.2.1)",
        "[2024-03-01 10:00:01] ERROR plugin foo-bar 2.3.4.5 failed to load",
        "2024-03-01 10:00:01 INFO Loaded config schema 1.2.0.0",
        "Sent from Outlook 16.0.5.1 for Windows",
        "Skickat från Mail 16.0.1.2 för Windows",
    ],
)
def test_version_keys_are_not_addresses(pattern_engine: DetectionEngine, text: str) -> None:
    assert of_type(pattern_engine, text, T) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01 10:00:01 INFO settings updated from 10.0.0.5 by admin", ["10.0.0.5"]),
        ("Profilen uppdaterades från 192.168.1.44 i går kväll.", ["192.168.1.44"]),
        # small numbers stay addresses beside an address word, and 10.x always
        ("2024-03-01 10:00:01 INFO resolver=1.1.1.1 ok", ["1.1.1.1"]),
        ("2024-03-01 10:00:01 INFO connected to 10.0.0.12", ["10.0.0.12"]),
        ("2024-03-01 10:00:01 WARN login from 2.3.4.5 failed", ["2.3.4.5"]),
    ],
)
def test_a_change_from_an_address_is_an_address(
    pattern_engine: DetectionEngine, text: str, expected: list[str]
) -> None:
    assert of_type(pattern_engine, text, T) == expected

"""USERNAME: account names after a user/login key in logs and forms (``user=anna.s``)."""

from __future__ import annotations

import re
from typing import ClassVar

from scanner.recognizers.base import RegexRecognizer

_KEY = (
    r"(?:user(?:name|_name|id|_id)?|login|uid|account|owner|handläggare|handlaggare|agent_user"
    r"|användar(?:e|namn|[_\-]?id)|anv(?:ändare)?|created_by|modified_by|skapad_av|ändrad_av|actor"
    r"|kontonamn|account_?name|screen_?name|handle)"
)
# Case-sensitive start: "Owner: Laura Heath" is a name, "owner=laura_h" a user name.
# A capitalised value counts when it is written like an account name: a dot, underscore or
# digit in it, or a capital after a small letter ("Anna.Berg", "AnnaB"; not "Laura").
_VALUE = (
    r"(?P<value>(?-i:[a-zåäö])[\w.\-]{1,63}"
    r"|(?-i:[A-ZÅÄÖ](?=[\w.\-]*(?:[._\d]|[a-zåäö][A-ZÅÄÖ]))[\w.\-]{1,63}))(?![\w@.\-])"
)


def _marked(marks: str) -> str:
    """A lower-case account name holding one of ``marks`` (a regex class body)."""
    return rf"(?P<value>(?-i:[a-zåäö])(?=[\w.\-]*[{marks}])[\w.\-]{{0,62}}\w)(?![\w@]|[.\-]\w)"


_MARKED = _marked(r"._\-\d")
# after a bare "user"/"account" word a hyphen is not enough ("account e-mail", "user self-service")
_MARKED_STRICT = _marked(r"._\d")
# any account name, as sshd and sudo write it
_ANY = r"(?P<value>[a-zåäö_][\w.\-]{0,63})(?![\w@.\-])"


class PdmapUsernameRecognizer(RegexRecognizer):
    ENTITY = "USERNAME"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("key=value", rf"(?<![\w.\-])\"?{_KEY}\"?\s?[=:]\s?\"?" + _VALUE, 0.6),
        (
            "logged in as",
            r"(?<![\w])(?:logged\sin\sas|signed\sin\sas|inloggad\ssom)\s" + _VALUE,
            0.6,
        ),
        ("login value", r"(?<![\w])(?:login|inloggning)\s" + _MARKED, 0.6),
        (
            # "Logga in med anna.berg82 och ...", "log in with jdoe42", "sign in as"
            "log in with",
            r"(?<![\w])(?i:logga\sin\smed|log\s?in\swith|sign\sin\swith|sign\sin\sas)\s" + _MARKED,
            0.6,
        ),
        (
            # a user id or handle named as such: "Mitt användar-id är jdoe42", "handle @jdoe42"
            "user id or handle",
            r"(?<![\w])(?i:användar-?id(?:t)?|user[\s\-]?id|handle|twitter|instagram|tiktok"
            r"|mastodon)\s(?:(?:is|är)\s)?@?" + _MARKED,
            0.6,
        ),
        # in prose the value must look like an account name ("for user anna_berg", not
        # "for user accounts"): a dot, underscore, hyphen or digit inside it
        (
            "user in prose",
            r"(?<![\w])(?:for|för|from|från|by|av)\s(?:user|användare(?:n)?)\s" + _MARKED,
            0.6,
        ),
        (
            # "Account jsmith42 locked", "Kontot anna_berg är låst", "invalid user jsmith42",
            # "User 'jsmith42' not found", "GitHub user octocat_99"
            "user or account word",
            r"(?<![\w\-])(?:user|användare(?:n)?|account|konto(?:t)?)\s['\"‘“]?" + _MARKED_STRICT,
            0.6,
        ),
        (
            "user name in prose",
            r"(?<![\w])(?:username|user\sname|login\sname|account\sname|användarnamn(?:et)?"
            r"|kontonamn(?:et)?)\s(?:(?:is|är)\s)?['\"‘“]?" + _MARKED,
            0.6,
        ),
        # sshd and sudo lines: "Accepted publickey for deploy_bot from ...", "sudo: jsmith :"
        (
            "sshd",
            r"(?<![\w])(?:Accepted|Failed)\s(?:password|publickey|keyboard-interactive/pam)\sfor"
            r"\s(?:invalid\suser\s)?" + _ANY + r"(?=\sfrom\s)",
            0.6,
        ),
        ("sudo", r"(?<![\w])sudo(?:\[\d+\])?:\s+" + _ANY + r"(?=\s:\s)", 0.6),
    )
    CONTEXT = ("user", "login", "account")

    def check(self, value: str) -> bool:
        lowered = value.lower()
        return (
            lowered not in _NOT_USERS
            and not lowered.isdigit()
            and _FILE_OR_DOMAIN.search(lowered) is None
            and _VERSION_OR_FLAG.fullmatch(lowered) is None
        )


# "the user guide.pdf", "account example.com": a file or a domain, not an account name
_FILE_OR_DOMAIN = re.compile(
    r"\.(?:pdf|json|txt|csv|docx?|xlsx?|pptx?|png|jpe?g|gif|log|zip|gz|html?|xml|ya?ml|exe"
    r"|com|se|org|net|io|nu|eu)$"
)
# "the user v2.1 interface", "the account is_active flag"
_VERSION_OR_FLAG = re.compile(r"v?\d+(?:\.\d+)+[a-z]?|(?:is|has)_\w+")
_NOT_USERS = frozenset(
    {"null", "none", "true", "false", "anonymous", "unknown", "guest", "admin", "root", "system",
     "-", "n/a", "nil", "undefined", "id", "agent"}
)  # fmt: skip

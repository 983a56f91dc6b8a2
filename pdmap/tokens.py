"""API tokens: created once, shown once, stored only as hashes.

A token is ``pdm_<id>_<secret>`` (the id names it in the audit log; the secret is 32 random
bytes). ``.pdmap/tokens.json`` next to the configuration (mode 0600) holds per token its id,
role, creation time and the SHA-256 of the whole token, never the token. Roles are ordered:
``reader`` (locations, findings, data map, scan runs) < ``operator`` (+ exports) < ``admin``
(+ erasure).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ROLES", "Token", "TokenStore"]

ROLES = ("reader", "operator", "admin")


@dataclass(frozen=True)
class Token:
    id: str
    role: str

    def allows(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


class TokenStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def create(self, role: str) -> str:
        """A new token of ``role``; only its hash is stored. Returns the token (show it once)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        entries = self._load()
        token_id = secrets.token_hex(4)
        token = f"pdm_{token_id}_{secrets.token_urlsafe(32)}"
        entries.append(
            {
                "id": token_id,
                "role": role,
                "sha256": _digest(token),
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
        )
        self._save(entries)
        return token

    def verify(self, token: str) -> Token | None:
        """The token's id and role, or None for a wrong, malformed or unknown token."""
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != "pdm":
            return None
        digest = _digest(token)
        for entry in self._load():
            if entry.get("id") == parts[1] and hmac.compare_digest(entry["sha256"], digest):
                return Token(entry["id"], entry["role"])
        return None

    def _load(self) -> list[dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        return list(data.get("tokens", []))

    def _save(self, entries: list[dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_suffix(".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"tokens": entries}, handle, indent=2)
        os.replace(temp, self.path)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

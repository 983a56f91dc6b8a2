"""Keyed fingerprints (HMAC-SHA256 of normalised values) and the key they are keyed with.

A fingerprint lets pdmap recognise the same identifier again (in another table, a log line, an
erasure request) without storing it. The key comes from ``PDMAP_SECRET`` or from a key file
created on first use with mode 0600; without the key, fingerprints cannot be brute-forced back
to personnummer or phone numbers, whose value spaces are small.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scanner.normalize import normalise

__all__ = ["Fingerprinter", "KeyError_", "load_or_create_key"]

ENV_VAR = "PDMAP_SECRET"
_MIN_SECRET = 16


class KeyError_(RuntimeError):
    """The fingerprint key is unusable (too short, unreadable, or too permissive)."""


@dataclass(frozen=True, slots=True)
class Fingerprinter:
    """Fingerprints values with one secret key."""

    key: bytes

    def __post_init__(self) -> None:
        if len(self.key) < _MIN_SECRET:
            raise KeyError_(f"fingerprint key must be at least {_MIN_SECRET} bytes")

    def __repr__(self) -> str:
        return "Fingerprinter(key=<hidden>)"

    def fingerprint(self, entity_type: str, value: str) -> str:
        """Hex HMAC-SHA256 over ``entity_type`` and the normalised value."""
        return self.fingerprint_normalised(entity_type, normalise(entity_type, value))

    def fingerprint_normalised(self, entity_type: str, normalised: str) -> str:
        message = f"{entity_type}\x00{normalised}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()


def load_or_create_key(key_file: Path, environ: Mapping[str, str] | None = None) -> bytes:
    """The key from ``PDMAP_SECRET``, else from ``key_file`` (created 0600 if absent)."""
    env = os.environ if environ is None else environ
    secret = env.get(ENV_VAR)
    if secret:
        if len(secret.encode()) < _MIN_SECRET:
            raise KeyError_(f"{ENV_VAR} must be at least {_MIN_SECRET} bytes long")
        return secret.encode()
    try:
        return _read_key(key_file)
    except FileNotFoundError:
        pass
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return _read_key(key_file)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return _read_key(key_file)


def _read_key(key_file: Path) -> bytes:
    mode = key_file.stat().st_mode & 0o777
    if mode & 0o077:
        raise KeyError_(
            f"key file {key_file} is readable by others (mode {mode:o}); run `chmod 600 {key_file}`"
        )
    key = key_file.read_text(encoding="ascii").strip().encode()
    if len(key) < _MIN_SECRET:
        raise KeyError_(f"key file {key_file} holds too short a key")
    return key

"""An append-only audit log whose entries are hash-chained, so that altering or removing an
entry shows: each JSON line carries the SHA-256 of the previous line's ``hash`` and its own
content. Subject requests (lookups, exports, erasures) are written here with the identifier
only as its keyed fingerprint, never as a value.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["AuditLog", "AuditTampered"]

GENESIS = "0" * 64
_TAIL_STEP = 4096


class AuditTampered(ValueError):
    """The chain does not verify; the message names the first bad line."""


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, event: Mapping[str, Any]) -> dict[str, Any]:
        """Append ``event`` (JSON-ready, no raw identifiers) with time, previous hash and hash."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "r+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # one writer at a time across processes
            previous = _last_hash(handle.fileno())
            entry: dict[str, Any] = {
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                **event,
                "prev": previous,
            }
            entry["hash"] = _hash(entry)
            handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return entry

    def verify(self) -> int:
        """The number of entries; raises :class:`AuditTampered` where the chain breaks."""
        previous = GENESIS
        count = 0
        if not self.path.exists():
            return 0
        with self.path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    raise AuditTampered(f"{self.path}: line {number} is not JSON") from None
                if entry.get("prev") != previous or entry.get("hash") != _hash(entry):
                    raise AuditTampered(f"{self.path}: the chain breaks at line {number}")
                previous = entry["hash"]
                count += 1
        return count


def _last_hash(fd: int) -> str:
    """The ``hash`` of the file's last entry, read from its end (appends stay O(1))."""
    end = os.lseek(fd, 0, os.SEEK_END)
    tail = b""
    position = end
    while position > 0:
        step = min(_TAIL_STEP, position)
        position -= step
        tail = os.pread(fd, step, position) + tail
        lines = tail.rstrip(b"\n").split(b"\n")
        if len(lines) > 1 or position == 0:
            last = lines[-1].strip()
            return str(json.loads(last)["hash"]) if last else GENESIS
    return GENESIS


def _hash(entry: Mapping[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

"""Baselines: record today's findings, later report only new ones.

A baseline holds fingerprints (``Finding.fingerprint``: code, host, file under
its root, offending text), not line numbers, so findings survive lines moving
above them, and a new host with an old host's fault is still reported.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable

from bondlint.atomic import write_atomic
from bondlint.config import ConfigError, read_input
from bondlint.findings import Finding

FORMAT = "bondlint-baseline/2"
#: Format 1 fingerprints held no host: they would hide every other host's copy of a fault.
OLD_FORMATS = ("bondlint-baseline/1",)
#: Large enough for every finding of thousands of hosts; bounded so /dev/zero or a
#: runaway file cannot eat the machine's memory.
MAX_SIZE = 256 * 1024 * 1024
_FINGERPRINT = re.compile(r"[0-9a-f]{32}")


def check_writable(path: str) -> None:
    """Refuse a --write-baseline target before the run, not after it (exit 2)."""
    if not path:
        raise ConfigError("--write-baseline: empty file name")
    folder = os.path.dirname(path) or "."
    if os.path.isdir(path):
        raise ConfigError(f"{path}: cannot write baseline: it is a directory")
    if os.path.lexists(path) and not os.path.isfile(path):
        raise ConfigError(f"{path}: cannot write baseline: not a regular file")
    if not os.path.isdir(folder):
        raise ConfigError(f"{path}: cannot write baseline: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"{path}: cannot write baseline: folder {folder} is not writable")


def write(path: str | Path, findings: list[Finding] | tuple[Finding, ...]) -> None:
    """Write atomically: a full disk or a signal leaves the old baseline whole."""
    entries = sorted(
        (
            {"fingerprint": f.fingerprint(), "code": f.code, "host": f.host, "path": f.relpath}
            for f in findings
        ),
        key=lambda e: (e["host"] or "", e["path"] or "", e["code"], e["fingerprint"]),
    )
    text = json.dumps({"format": FORMAT, "findings": entries}, indent=2) + "\n"
    try:
        write_atomic(path, text.encode("utf-8", "surrogateescape"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write baseline: {exc.strerror or exc}; the old file is unchanged") from None


def read(path: str | Path) -> list[str]:
    got = read_input(path, "baseline file", MAX_SIZE)
    if got.problems:
        raise ConfigError(f"{path}: not a bondlint baseline: not valid UTF-8")
    try:
        data = json.loads(got.text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, a 5000-digit number, 100k '['
        reason = exc if isinstance(exc, json.JSONDecodeError) else "nested too deeply or a number too long"
        raise ConfigError(f"{path}: not a readable bondlint baseline: {reason}") from None
    if isinstance(data, dict) and data.get("format") in OLD_FORMATS:
        raise ConfigError(
            f"{path}: baseline in the old format {data['format']!r}, whose fingerprints do not say which "
            f"host a finding is on; write it again with --write-baseline {path}"
        )
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: not a bondlint baseline (expected format {FORMAT!r})")
    fingerprints = []
    for i, entry in enumerate(data["findings"]):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str) or not _FINGERPRINT.fullmatch(fingerprint):
            raise ConfigError(f"{path}: baseline entry {i + 1} needs a 'fingerprint' of 32 hex digits")
        fingerprints.append(fingerprint)
    return fingerprints


class Multiset:
    """Fingerprints, each matched once: two identical findings need two entries
    (the baseline's matching, and ``bondlint diff``'s)."""

    def __init__(self, items: Iterable[str]) -> None:
        self._counts: dict[str, int] = {}
        self._left = 0
        for item in items:
            self._counts[item] = self._counts.get(item, 0) + 1
            self._left += 1

    def __bool__(self) -> bool:
        """Any entry left (with none, findings need no fingerprint at all)."""
        return self._left > 0

    def take(self, item: str) -> bool:
        n = self._counts.get(item, 0)
        if n:
            self._counts[item] = n - 1
            self._left -= 1
            return True
        return False

"""Baselines: record today's findings, later report only new ones.

A baseline holds fingerprints (``Finding.fingerprint``: code, host, file under
its root, offending text), not line numbers, so findings survive lines moving
above them, and a new host with an old host's fault is still reported. Equal
fingerprints are matched as a multiset (``Matcher``): two identical findings need
two entries. The same matching serves ``--since`` and ``bondlint diff``.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from bondlint.atomic import write_atomic
from bondlint.config import ConfigError, read_input
from bondlint.findings import FINGERPRINT_VERSION, Finding

#: The format number follows the fingerprint version: a new version needs a new baseline.
FORMAT = f"bondlint-baseline/{FINGERPRINT_VERSION}"
#: Why each older format's fingerprints cannot be matched any more.
OLD_FORMATS = {
    "bondlint-baseline/1": "whose fingerprints do not say which host a finding is on",
    "bondlint-baseline/2": "whose fingerprints hash the whole line (an edit beside a finding made it new)",
}
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
    text = json.dumps({"format": FORMAT, "fingerprint_version": FINGERPRINT_VERSION, "findings": entries}, indent=2) + "\n"
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
            f"{path}: baseline in the old format {data['format']!r}, {OLD_FORMATS[data['format']]}; "
            f"write it again once with: bondlint --write-baseline {path} ROOT... (then review what it suppresses)"
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


class Matcher:
    """Fingerprints, each matched once: two identical findings need two entries (the baseline's
    matching, ``--since``'s and ``bondlint diff``'s)."""

    def __init__(self, items: Iterable[str]) -> None:
        self._counts: Counter[str] = Counter(items)
        self._left = sum(self._counts.values())
        #: findings matched (hidden) so far
        self.suppressed = 0

    def __bool__(self) -> bool:
        """Any entry left (with none, findings need no fingerprint at all)."""
        return self._left > 0

    def take(self, item: str) -> bool:
        n = self._counts.get(item, 0)
        if n:
            self._counts[item] = n - 1
            self._left -= 1
            self.suppressed += 1
            return True
        return False

    @property
    def stale(self) -> int:
        """Entries no finding matched: faults fixed since, or hosts gone."""
        return self._left


def changes(old: Iterable[str], new: Iterable[str]) -> tuple[int, int, int]:
    """(new, gone, kept) entries from ``old`` to ``new``, matched as multisets."""
    before, after = Counter(old), Counter(new)
    kept = sum((before & after).values())
    return sum(after.values()) - kept, sum(before.values()) - kept, kept


def previous(path: str) -> list[str] | None:
    """The fingerprints of the baseline about to be overwritten, None when there is none usable."""
    if not os.path.isfile(path):
        return None
    try:
        return read(path)
    except ConfigError:
        return None


def read_report(path: str | Path) -> list[str]:
    """The fingerprints of an earlier JSON report (``--since OLD.json``), refused when of another version."""
    got = read_input(path, "earlier report", MAX_SIZE)
    try:
        data = json.loads(got.text)
    except (ValueError, RecursionError):
        raise ConfigError(f"{path}: not a bondlint JSON report") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: not a bondlint JSON report (expected its 'findings')")
    again = f"make it again with this bondlint: bondlint --format json -o {path} ROOT..."
    if "fingerprint_version" not in data:  # every report since fingerprint version 3 says its version
        raise ConfigError(f"{path}: a report from an older bondlint (no fingerprint_version), whose fingerprints this one cannot match; {again}")
    version = data["fingerprint_version"]
    prints = [f.get("fingerprint") for f in data["findings"] if isinstance(f, dict)]
    if str(version) != FINGERPRINT_VERSION or not all(isinstance(p, str) and _FINGERPRINT.fullmatch(p) for p in prints):
        raise ConfigError(f"{path}: its fingerprints are not of version {FINGERPRINT_VERSION}; {again}")
    return prints  # type: ignore[return-value]

"""Baselines: record today's findings, later report only new ones.

A baseline holds fingerprints (code, file under its root, offending text),
not line numbers, so findings survive lines moving above them.
"""

from __future__ import annotations

import json
from pathlib import Path

from bondlint.config import ConfigError
from bondlint.findings import Finding

FORMAT = "bondlint-baseline/1"


def write(path: str | Path, findings: list[Finding] | tuple[Finding, ...]) -> None:
    entries = sorted(
        ({"fingerprint": f.fingerprint(), "code": f.code, "path": f.relpath} for f in findings),
        key=lambda e: (e["path"] or "", e["code"], e["fingerprint"]),
    )
    Path(path).write_text(json.dumps({"format": FORMAT, "findings": entries}, indent=2) + "\n", encoding="utf-8")


def read(path: str | Path) -> list[str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable bondlint baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: not a bondlint baseline (expected format {FORMAT!r})")
    try:
        return [str(e["fingerprint"]) for e in data["findings"]]
    except (TypeError, KeyError):
        raise ConfigError(f"{path}: baseline entries need a 'fingerprint'") from None

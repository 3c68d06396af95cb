"""JSON reports read back: what ``merge`` and ``diff`` work from.

A report is checked for the keys they need and turned back into findings and
per-root results, so the reporters write a merged report exactly as a run
over all the roots would have.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from bondlint.config import ConfigError, read_input
from bondlint.findings import Finding, Related, Severity
from bondlint.runner import RootResult
from bondlint.syntax.span import Span

#: A JSON report of thousands of hosts fits easily; bounded against /dev/zero.
MAX_REPORT = 1024 * 1024 * 1024


@attrs.frozen(slots=True)
class RecordedFinding(Finding):
    """A finding read back from a report: its fingerprint is the one recorded, not recomputed."""

    recorded: str = ""

    def fingerprint(self) -> str:
        return self.recorded


@attrs.frozen(slots=True)
class Shard:
    """One JSON report: how it was made, and each root's result (the config's own findings last)."""

    path: str
    version: str
    selection: tuple[str, ...]
    config_digest: str
    fingerprint_version: str
    roots: tuple[str, ...]
    results: tuple[RootResult, ...]
    #: findings not of an audited root (the configuration file's BL902)
    unrooted: tuple[Finding, ...]


def read_shard(path: str) -> Shard:
    """Read ``path``; a file that is not a bondlint JSON report of this shape is a ConfigError."""
    got = read_input(path, "JSON report", MAX_REPORT)
    try:
        doc = json.loads(got.text)
    except (ValueError, RecursionError):
        raise ConfigError(f"{path}: not a bondlint JSON report (not valid JSON); write one with --format json or --report json=FILE") from None
    if not isinstance(doc, dict) or not {"version", "roots", "findings", "summary"} <= doc.keys():
        raise ConfigError(f"{path}: not a bondlint JSON report; write one with --format json or --report json=FILE")
    if not {"selection", "fingerprint_version", "hosts"} <= doc.keys():
        raise ConfigError(
            f"{path}: a JSON report of bondlint {doc.get('version')!r}, before reports recorded their selection and "
            "hosts; write it again with this bondlint (--format json)"
        )
    try:
        return _shard(path, doc)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path}: damaged bondlint JSON report ({type(exc).__name__}: {exc})") from None


def _span(d: dict[str, Any]) -> Span | None:
    if d.get("path") is None and d.get("line") is None:
        return None
    line, column = d.get("line") or 1, d.get("column") or 1
    return Span(d.get("path"), line, column, d.get("end_line") or line, d.get("end_column") or column, 0, 0)


def _finding(d: dict[str, Any], host: str | None) -> Finding:
    from bondlint.fixing.edits import Edit, Fix, Safety

    fix = None
    if d.get("fix") is not None:
        edits = tuple(Edit(_span(e), e["content"]) for e in d["fix"]["edits"])  # type: ignore[arg-type]
        fix = Fix(edits, Safety(d["fix"]["applicability"]), d["fix"]["message"])
    related = tuple(Related(_span(r), r["message"]) for r in d["related"])  # type: ignore[arg-type]
    return RecordedFinding(
        str(d["code"]), str(d["name"]), Severity.parse(d["severity"]), str(d["message"]), _span(d),
        root=d["root"], related=related, context=tuple(d.get("context", ())), host=host, fix=fix,
        unrecorded=int(d.get("unrecorded", 0)), recorded=str(d["fingerprint"]),
    )


def _shard(path: str, doc: dict[str, Any]) -> Shard:
    hosts = {h["root"]: h for h in doc["hosts"]}
    by_root: dict[str, list[Finding]] = {root: [] for root in hosts}
    unrooted: list[Finding] = []
    for d in doc["findings"]:
        root = d["root"]
        if root in by_root:
            by_root[root].append(_finding(d, hosts[root]["host"]))
        else:
            unrooted.append(_finding(d, None))
    results = tuple(
        RootResult(root, tuple(by_root[root]), (), tuple(h["files"]), h["release"], h["host"], h.get("scope") == "file")
        for root, h in hosts.items()
    )
    return Shard(
        path, str(doc["version"]), tuple(doc["selection"]), str(doc.get("config_digest", "")),
        str(doc["fingerprint_version"]), tuple(doc["roots"]), results, tuple(unrooted),
    )

"""SARIF 2.1.0: for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

URIs are relative to the current directory where possible (with
``%SRCROOT%`` as their base), and ``partialFingerprints`` are the baseline
fingerprints, so alerts stay the same alert when lines move.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Sequence, TextIO
from urllib.parse import quote

from bondlint.engine import Rule
from bondlint.findings import FINGERPRINT_VERSION, Finding, Severity
from bondlint.report.base import Sink, alone_note

if TYPE_CHECKING:
    from bondlint.result import RootResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _artifact(path: str) -> dict[str, str]:
    """Relative to %SRCROOT% (the current directory) when inside it, else an absolute file URI."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):  # not "..hidden/": that one is inside
        return {"uri": Path(absolute).as_uri()}
    # Percent-encoded from the bytes on disk, as as_uri() does for the absolute form:
    # a space, "#" or an undecodable byte in a folder name must not break the URI.
    return {"uri": quote(os.fsencode(Path(rel).as_posix())), "uriBaseId": "%SRCROOT%"}


def _rule(r: Rule) -> dict[str, object]:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.summary},
        "help": {"text": r.doc, "markdown": r.doc},
        "defaultConfiguration": {"level": LEVEL[r.severity]},
        "properties": {"tags": [r.code[:3] + "xx"], "origin": r.origin, "fix": str(r.fix)},
    }


def _result(f: Finding, rule_index: dict[str, int]) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": f.code,
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "partialFingerprints": {f"bondlint/v{FINGERPRINT_VERSION}": f.fingerprint()},
    }
    if f.code in rule_index:
        result["ruleIndex"] = rule_index[f.code]
    if f.path:
        location: dict[str, object] = {
            "artifactLocation": _artifact(f.path)
        }
        if f.line:
            location["region"] = {
                "startLine": f.line,
                "startColumn": f.column,
                "endLine": f.end_line,
                "endColumn": max(f.end_column or 1, 1),
            }
        result["locations"] = [{"physicalLocation": location}]
    if f.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "message": {"text": rel.message},
                "physicalLocation": {
                    "artifactLocation": _artifact(rel.span.path),
                    "region": {"startLine": rel.span.line, "startColumn": rel.span.column},
                },
            }
            for i, rel in enumerate(f.related)
            if rel.span.path
        ]
    if f.fix is not None:
        result["fixes"] = [_fix(f)]
        result["properties"] = {"fixSafety": str(f.fix.safety)}
    return result


def _fix(f: Finding) -> dict[str, object]:
    """SARIF's fix object: one artifactChange per file, replacements in file order."""
    assert f.fix is not None
    by_path: dict[str, list[dict[str, object]]] = {}
    for e in f.fix.edits:
        s = e.span
        region = {"startLine": s.line, "startColumn": s.column, "endLine": s.end_line, "endColumn": s.end_column}
        by_path.setdefault(e.path or "", []).append({"deletedRegion": region, "insertedContent": {"text": e.text}})
    return {
        "description": {"text": f"{f.fix.message} ({f.fix.safety} fix)"},
        "artifactChanges": [
            {"artifactLocation": _artifact(path), "replacements": replacements}
            for path, replacements in by_path.items()
        ],
    }


class SarifSink(Sink):
    """One run whose ``results`` array is written as roots finish (it comes last)."""

    def __init__(self, out: TextIO, rules: dict[str, Rule], version: str) -> None:
        super().__init__(out)
        self.described = list(rules.values())
        self.rule_index = {r.code: i for i, r in enumerate(self.described)}
        self.version = version
        self.count = 0
        self.alone = 0  # files given alone (not host roots)

    def add_result(self, result: RootResult) -> None:
        self.alone += result.alone
        self.add(result.findings)

    def start(self, roots: Sequence[str]) -> None:
        run = {
            "tool": {
                "driver": {
                    "name": "bondlint",
                    "version": self.version,
                    "informationUri": "https://pypi.org/project/bondlint/",
                    "rules": [_rule(r) for r in self.described],
                }
            },
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
        }
        head = json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2)
        # Reopen the run object to append "results" as its last member.
        self.out.write(head[: head.rindex("}", 0, head.rindex("]"))].rstrip() + ',\n      "results": [')

    def add(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            text = json.dumps(_result(f, self.rule_index), indent=2).replace("\n", "\n        ")
            self.out.write(("," if self.count else "") + "\n        " + text)
            self.count += 1

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        note = alone_note(self.alone)
        # The note as the invocation's notification, after "results" (written as roots finished).
        invocations = "" if note is None else ',\n      "invocations": ' + json.dumps(
            [{"executionSuccessful": True, "toolExecutionNotifications": [{"level": "note", "message": {"text": note}}]}], indent=2
        ).replace("\n", "\n      ")
        self.out.write(("\n      ]" if self.count else "]") + invocations + "\n    }\n  ]\n}\n")

"""Auditing: paths → targets → host models → rules → a Report.

This is the one place that drives the whole pipeline; the CLI and library
users both come through ``lint()``.
"""

from __future__ import annotations

import os
from typing import Iterable, Sequence

import attrs

from bondlint.engine import Rule, RuleFailure, registry, run_rules, select_rules
from bondlint.findings import Finding, Severity


@attrs.frozen(slots=True)
class Report:
    """The result of one run: findings of every root, in a stable order."""

    roots: tuple[str, ...]
    findings: tuple[Finding, ...]
    failures: tuple[RuleFailure, ...] = ()

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[str(f.severity)] += 1
        return counts

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


def audit(path: str, rules: Sequence[Rule], release: str | None = None) -> tuple[str, list[Finding], list[RuleFailure]]:
    """Audit one root (or a group of single files) with the given rules."""
    from bondlint.host.build import build_host
    from bondlint.host.discover import Missing, classify

    target = classify(path)
    if isinstance(target, Missing):
        rule = registry().get("BL000")
        finding = Finding(
            code="BL000",
            name=rule.name if rule else "unreadable-file",
            severity=rule.severity if rule else Severity.ERROR,
            message=target.problem.message,
            span=target.problem.span,
            root=path,
        )
        return path, [finding], []
    host = build_host(target, release=release)
    findings, failures = run_rules(host, rules)
    return host.root, findings, failures


def lint(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = ("/etc",),
    *,
    release: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> Report:
    """Lint host roots (or single files) and return every finding.

    >>> report = lint("fixtures/hosts/seed-centos52-xen-8023ad")  # doctest: +SKIP
    >>> report.summary()  # doctest: +SKIP
    {'error': 0, 'warning': 0, 'info': 0}
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    rules = select_rules(registry(), select=select, ignore=ignore, extend_select=extend_select)
    roots: list[str] = []
    findings: list[Finding] = []
    failures: list[RuleFailure] = []
    for path in paths:
        root, found, failed = audit(os.fspath(path), rules, release)
        roots.append(root)
        findings.extend(found)
        failures.extend(failed)
    return Report(tuple(roots), tuple(findings), tuple(failures))

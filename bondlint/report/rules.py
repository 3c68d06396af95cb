"""Rule documentation in the terminal: --list-rules and --explain."""

from __future__ import annotations

import re

from rich.console import Console, RenderableType
from rich.markdown import Markdown
from rich.table import Table

from bondlint.config import RELEASES
from bondlint.engine import Rule
from bondlint.report.text import STYLE, console


def fix_column(rule: Rule) -> str:
    """Which fixes a rule has: none, safe, or safe/unsafe (some of its fixes are unsafe)."""
    if str(rule.fix) == "none":
        return "none"
    return "safe/unsafe" if rule.unsafe_fixes else "safe"


def by_release(rule: Rule) -> dict[str, str]:
    """The rule's declared severity per release, where it differs from its default, in release order."""
    declared = rule.severity_by_release
    return {release: str(declared[release]) for release in RELEASES if release in declared}


def severity_text(rule: Rule) -> str:
    """``warning``, or ``warning (el5: error)`` for a rule whose severity depends on the release."""
    exceptions = ", ".join(f"{release}: {severity}" for release, severity in by_release(rule).items())
    return f"{rule.severity} ({exceptions})" if exceptions else str(rule.severity)


def release_list(releases: frozenset[str] | None) -> str:
    """``all``, or the releases oldest first, a run of three or more as a range: ``el6-el10``."""
    if not releases:
        return "all"
    known = [RELEASES.index(r) for r in RELEASES if r in releases]
    runs: list[list[int]] = []
    for i in known:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    shown = [f"{RELEASES[r[0]]}-{RELEASES[r[-1]]}" if len(r) >= 3 else ",".join(RELEASES[i] for i in r) for r in runs]
    return ",".join(shown + sorted(releases - set(RELEASES)))  # a pack's own release names last


def list_rules(rules: dict[str, Rule], as_json: bool = False) -> None:
    if as_json:
        import json
        import sys

        entries = [
            {
                "code": r.code,
                "name": r.name,
                "severity": str(r.severity),
                "severity_by_release": by_release(r),
                "releases": sorted(r.releases) if r.releases else None,
                "fix": fix_column(r),
                "origin": r.origin,
                "summary": r.summary,
            }
            for r in rules.values()
        ]
        sys.stdout.write(json.dumps(entries, indent=2) + "\n")
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("code", "name", "severity", "fix", "releases", "severity-on", "origin", "summary"):
        table.add_column(column, no_wrap=column != "summary")
    for r in rules.values():
        table.add_row(
            r.code,
            r.name,
            f"[{STYLE[r.severity]}]{r.severity}[/]",
            fix_column(r),
            release_list(r.releases),
            ",".join(f"{release}:{severity}" for release, severity in by_release(r).items()) or "-",
            r.origin,
            r.summary,
        )
    out = console()
    if not out.is_terminal:
        out.width = 1000  # piped: one rule per line, for grep
    _print_trimmed(out, table)


def explain(rules: dict[str, Rule], selector: str) -> bool:
    """Print the documentation of the rule with this code or name; False when none has it."""
    found = rules.get(selector.upper()) or next(
        (r for r in rules.values() if r.name == selector.lower()), None
    )
    if found is None:
        return False
    _print_trimmed(console(), Markdown(rule_markdown(found)))
    return True


def rule_markdown(rule: Rule) -> str:
    """A rule's documentation as --explain prints it (and the HTML report shows it), in Markdown."""
    releases = ", ".join(sorted(rule.releases)) if rule.releases else "all releases"
    fixes = "" if str(rule.fix) == "none" else f" Fix: {rule.fix} available{' (some unsafe)' if rule.unsafe_fixes else ''}."
    header = f"# {rule.code} {rule.name}\n\n*Default severity: {severity_text(rule)}. Applies to: {releases}. From: {rule.origin}.{fixes}*\n\n"
    return header + rule.doc


#: Spaces at the end of a line, before any closing style codes.
_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def _print_trimmed(out: Console, renderable: RenderableType) -> None:
    """Print without the spaces rich pads every line with to the console's width."""
    with out.capture() as captured:
        out.print(renderable)
    out.file.write(_TRAILING.sub(r"\1", captured.get()))

"""Rule documentation in the terminal: --list-rules and --explain."""

from __future__ import annotations

from rich.markdown import Markdown
from rich.table import Table

from bondlint.engine import Rule
from bondlint.report.text import STYLE, console


def list_rules(rules: dict[str, Rule]) -> None:
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("code", "name", "severity", "releases", "origin", "summary"):
        table.add_column(column, no_wrap=column != "summary")
    for r in rules.values():
        table.add_row(
            r.code,
            r.name,
            f"[{STYLE[r.severity]}]{r.severity}[/]",
            ",".join(sorted(r.releases)) if r.releases else "all",
            r.origin,
            r.summary,
        )
    out = console()
    if not out.is_terminal:
        out.width = 1000  # piped: one rule per line, for grep
    out.print(table)


def explain(rules: dict[str, Rule], selector: str) -> bool:
    """Print the documentation of the rule with this code or name; False when none has it."""
    found = rules.get(selector.upper()) or next(
        (r for r in rules.values() if r.name == selector.lower()), None
    )
    if found is None:
        return False
    releases = ", ".join(sorted(found.releases)) if found.releases else "all releases"
    fixes = "" if str(found.fix) == "none" else f" Fix: {found.fix} available{' (some unsafe)' if found.unsafe_fixes else ''}."
    header = f"# {found.code} {found.name}\n\n*Default severity: {found.severity}. Applies to: {releases}. From: {found.origin}.{fixes}*\n\n"
    console().print(Markdown(header + found.doc))
    return True

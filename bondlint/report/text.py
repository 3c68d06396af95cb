"""Human output: file:line:col, severity in colour, the source line with the span underlined.

Colour only on a terminal and never with NO_COLOR set (rich honours both);
lines are never wrapped, so piped output stays grep-able.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Sequence, TextIO

from rich.console import Console
from rich.text import Text

from bondlint.findings import Finding, Severity
from bondlint.report.base import Sink, alone_note, audited
from bondlint.report.bounds import ELLIPSIS, visible, window

#: Source lines a snippet shows at most (then "…").
MAX_SNIPPET_LINES = 3

if TYPE_CHECKING:
    from bondlint.runner import RootResult

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Leave a closed stdout to the CLI, which ends every format's run alike (rich would exit 1)."""
        self.quiet = True
        raise BrokenPipeError


def console(file: TextIO | None = None) -> Console:
    # NO_COLOR (no-color.org) means no ANSI styling at all: rich alone would still emit bold.
    plain = {"color_system": None} if os.environ.get("NO_COLOR") else {}
    return _Console(file=file, soft_wrap=True, highlight=False, emoji=False, **plain)


def location(f: Finding) -> str:
    """``path:line:col`` (the path alone for a file-wide finding, the root for a host-wide one)."""
    if not f.path:
        return visible(f.root or "-")
    if not f.line:
        return visible(f.path)
    return f"{visible(f.path)}:{f.line}:{f.column}"


def _snippet(f: Finding) -> list[Text]:
    if not f.context or not f.line:
        return []
    context = f.context[:MAX_SNIPPET_LINES]
    width = len(str(f.line + len(context) - 1))
    gutter = " " * width + " |"
    out = [Text(gutter, style="blue")]
    for i, line in enumerate(context):
        number = f.line + i
        line = line.expandtabs(1)
        start = f.column if i == 0 else 1
        end = (f.end_column if number == f.end_line else len(line) + 1) or start
        shown, cut = window(line, start, end)
        row = Text(f"{number:>{width}} | ", style="blue")
        row.append(visible(shown))
        out.append(row)
        carets = max(1, end - start) if number <= (f.end_line or number) else 0
        start -= cut
        if carets and shown and start >= 1:
            mark = Text(gutter + " " + " " * (start - 1), style="blue")
            mark.append("^" * min(carets, max(1, len(shown) - start + 2)), style=STYLE[f.severity])
            out.append(mark)
    if len(f.context) > len(context):
        out.append(Text(f"{' ' * width} | {ELLIPSIS}", style="blue"))
    return out


def finding_text(f: Finding) -> list[Text]:
    head = Text()
    head.append(location(f), style="bold")
    head.append(": ")
    head.append(f.code, style=STYLE[f.severity])
    head.append(" ")
    head.append(str(f.severity), style=STYLE[f.severity])
    head.append(f" [{f.name}] ", style="dim")
    head.append(visible(f.message))
    if f.fix is not None:  # ruff's marker, with the safety spelt out
        head.append(f" [fix: {f.fix.safety}]", style="green" if str(f.fix.safety) == "safe" else "yellow")
    lines = [head, *_snippet(f)]
    for rel in f.related:
        note = Text("   = ", style="blue")
        note.append(f"{visible(rel.span.path or '')}:{rel.span.line}:{rel.span.column}", style="bold")
        note.append(f": {visible(rel.message)}")
        lines.append(note)
    return lines


def summary_text(counts: dict[str, int], roots: int, alone: int = 0) -> Text:
    """``alone``: how many of the roots were files given alone (counted as files)."""
    total = sum(counts.values())
    where = f"in {audited(roots, alone)}"
    if not total:
        return Text(f"No findings {where}.", style="bold green")
    parts = ", ".join(f"{n} {name}{'s' if n != 1 and name != 'info' else ''}" for name, n in counts.items())
    return Text(f"Found {total} finding{'s' if total != 1 else ''} ({parts}) {where}.", style="bold")


def fixable_text(safe: int, unsafe: int) -> Text:
    parts = []
    if safe:
        parts.append(f"{safe} fixable with --fix")
    if unsafe:
        parts.append(f"{unsafe} more with --fix --unsafe-fixes")
    return Text("[*] " + "; ".join(parts) + " (--diff shows the change first).")


class TextSink(Sink):
    def __init__(self, out: TextIO, summary: bool = True) -> None:
        super().__init__(out)
        self.console = console(out)
        self.count = 0
        self.fixable = {"safe": 0, "unsafe": 0}
        self.summary = summary  # False for --quiet: the findings only
        self.alone = 0  # files given alone (not host roots)

    def add_result(self, result: RootResult) -> None:
        self.alone += result.alone
        self.add(result.findings)

    def add(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            if self.count:
                self.console.print()
            for line in finding_text(f):
                self.console.print(line)
            self.count += 1
            if f.fix is not None:
                self.fixable[str(f.fix.safety)] += 1

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        if not self.summary:
            return
        if self.count:
            self.console.print()
        if any(self.fixable.values()):  # before the summary: the summary stays the last line
            self.console.print(fixable_text(self.fixable["safe"], self.fixable["unsafe"]))
        note = alone_note(self.alone)
        if note:
            self.console.print(Text(f"Note: {note}."))
        self.console.print(summary_text(summary, len(roots), self.alone))

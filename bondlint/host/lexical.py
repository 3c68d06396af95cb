"""Convert a parsed shell-variable file into the lexical records rules read (bondlint.model.lexical).

Once per file, at build time: every logical line and assignment with its raw text
and span, which variables a value expands, the shell code after an operator, and
NM_CONTROLLED as NetworkManager reads it.
"""

from __future__ import annotations

import re

from bondlint.model.lexical import ShellAssignment, ShellFile, ShellFileLine, ShellOperator
from bondlint.model.values import NETWORKMANAGER, Located, read_bool
from bondlint.syntax.shellvars import Assignment, ShellDocument

_SIMPLE_REF = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


def references(raw: str) -> tuple[str, ...] | None:
    """The variables a value written as ``raw`` expands when each ``$`` outside single quotes is a
    plain ``$NAME`` or ``${NAME}``; None when one is anything else (``${X:-y}``, ``$(cmd)``, ``$1``)."""
    names: list[str] = []
    i, quote = 0, ""
    while i < len(raw):
        c = raw[i]
        if c in "'\"" and quote in ("", c):
            quote = "" if quote else c
        elif c == "\\" and quote != "'":
            i += 2
            continue
        elif c == "$" and quote != "'":
            m = _SIMPLE_REF.match(raw, i)
            if m is None:
                return None
            names.append(m.group(1) or m.group(2))
            i = m.end()
            continue
        i += 1
    return tuple(names)


def _assignment(a: Assignment, text: str) -> ShellAssignment:
    v = a.value
    operator = None
    if v.operator is not None:
        op = v.operator
        eol = text.find("\n", op.span.start)
        operator = ShellOperator(op.text, op.span, text[op.span.start : len(text) if eol < 0 else eol].strip())
    return ShellAssignment(
        name=a.name,
        name_span=a.name_span,
        span=a.span,
        value=Located(v.value.rstrip("\r"), v.span, v.raw, statement=a.span,
                      computed=v.expansion or v.command_substitution, exported=a.exported),
        command_substitution=v.command_substitution,
        expansion=v.expansion,
        references=references(v.raw) if v.expansion else (),
        nm_rejects=v.nm_value is None,
        operator=operator,
        extra_words=tuple(Located(w.text, w.span, w.text) for w in v.extra_words),
        exported=a.exported,
    )


def shell_file(doc: ShellDocument, path: str) -> ShellFile:
    """The lexical records of one parsed shell-variable file."""
    text = doc.text
    converted: dict[int, ShellAssignment] = {id(a): _assignment(a, text) for a in doc.assignments()}
    lines = tuple(
        ShellFileLine(line.raw, line.span, converted[id(line.assignment)] if line.assignment is not None else None)
        for line in doc.lines
    )
    kept = {}
    for a in doc.assignments():
        b = doc.get(a.name)
        if b is a:
            kept[a.name] = converted[id(a)]
    nm_controlled = read_bool(NETWORKMANAGER, "NM_CONTROLLED", doc.value("NM_CONTROLLED")).or_default(True)
    return ShellFile(path, text, lines, tuple(converted.values()), kept, nm_controlled)

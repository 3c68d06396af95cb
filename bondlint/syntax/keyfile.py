"""NetworkManager keyfiles and NetworkManager.conf → AST, read the way glib's GKeyFile reads them.

NetworkManager loads a profile with ``g_key_file_load_from_file(…, G_KEY_FILE_NONE)``
(nms-keyfile-reader.c) and NetworkManager.conf the same way: any line GKeyFile
rejects fails the whole file. Each such line is a BL704 problem; the parser
keeps reading so that the rules still see the rest (glib itself stops at the
first one).

What glib does, and this module mirrors (glib/gkeyfile.c):

- lines split at ``\\n``; one ``\\r`` right before it is dropped; leading
  ASCII blanks are skipped before the line is classified;
- ``#…`` and blank lines are comments (no inline comments: ``a=b # c`` has
  the value ``b # c``);
- ``[name]`` (then only spaces/tabs); a name with ``[``, ``]`` or a control
  character is "Invalid group name"; a repeated group is reopened (keys merge);
- ``key=value``: the key loses trailing blanks and may end in ``[locale]``
  (glib drops such translations at load unless the locale is the process's,
  so NetworkManager never reads them; here they are kept as their own key);
  an empty key, a key with ``[``/``]`` elsewhere or with a leading/trailing
  space is "Invalid key name"; the value loses its leading blanks only
  (trailing ones are kept); a key before any group is "Key file does not
  start with a group"; a repeated key replaces the earlier one;
- escapes (``\\s \\n \\t \\r \\\\``, and ``\\;`` in lists) are decoded only when a
  value is read as a string or list, so they are a property of the value
  (:attr:`KeyfileEntry.string`, :meth:`KeyfileEntry.items`), not of the line.

NetworkManager's group aliases (``[ethernet]`` for ``[802-3-ethernet]``) are
its own convention on top of GKeyFile and are resolved in
``bondlint.host.keyfile_reader``, not here.
"""

from __future__ import annotations

import functools
import re
from typing import Union

import attrs

from bondlint.syntax.document import Document
from bondlint.syntax.node import Node
from bondlint.syntax.span import Problem, Span, span_text

#: the problem kinds this parser gives (rules/keyfile.py's BL704 words them)
KIND = "keyfile-line"
KIND_MORE = "keyfile-more-lines"
_REJECTED = "NetworkManager rejects the whole file"
#: g_ascii_isspace without "\n" (lines are already split there).
_BLANKS = " \t\x0b\x0c\r"
#: glib's string escapes (g_key_file_parse_value_as_string).
_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
LIST_SEPARATOR = ";"
#: BL704 problems listed per file; the rest is one closing problem (bounded output).
MAX_PROBLEMS = 20


class KeyfileLine(Node):
    """One physical line: ``raw`` without its newline, ``eol`` the newline ("" on a last line).

    ``span`` covers ``raw`` minus a ``\\r`` that glib drops before the newline.
    """

    __slots__ = ("kind", "raw", "eol", "span")

    def __init__(self, kind: str, raw: str, eol: str, span: Span) -> None:
        self.kind = kind  # "group", "entry", "comment", "blank" or "bad"
        self.raw = raw
        self.eol = eol
        self.span = span


class KeyfileGroup(Node):
    """A ``[name]`` header. ``valid`` is False for a name glib refuses (then a BL704)."""

    __slots__ = ("name", "name_span", "line", "valid")

    def __init__(self, name: str, name_span: Span, line: KeyfileLine, valid: bool) -> None:
        self.name = name
        self.name_span = name_span
        self.line = line
        self.valid = valid


class ListItem(Node):
    """One element of a ``;``-separated list value, escapes decoded, with its place."""

    __slots__ = ("text", "span")

    def __init__(self, text: str, span: Span) -> None:
        self.text = text
        self.span = span


class KeyfileEntry(Node):
    """A ``key=value`` line.

    ``key`` is the key as GKeyFile stores it (``name`` or ``name[locale]``);
    ``raw`` is the value as GKeyFile stores it (leading blanks skipped, escapes
    not decoded); ``group`` is the header it follows (None before any header).
    ``valid`` is False when glib refuses the line (then a BL704).
    """

    __slots__ = ("group", "key", "name", "locale", "raw", "key_span", "value_span", "line", "valid")

    def __init__(
        self,
        group: str | None,
        key: str,
        name: str,
        locale: str | None,
        raw: str,
        key_span: Span,
        value_span: Span,
        line: KeyfileLine,
        valid: bool,
    ) -> None:
        self.group = group
        self.key = key
        self.name = name
        self.locale = locale
        self.raw = raw
        self.key_span = key_span
        self.value_span = value_span
        self.line = line
        self.valid = valid

    @property
    def string(self) -> str:
        """The value as ``g_key_file_get_string`` returns it (escapes decoded)."""
        return _decode(self.raw, False)[0]

    @property
    def escape_error(self) -> str | None:
        """glib's complaint about the value's escapes, if any: ``g_key_file_get_string``
        then reports "a value that cannot be interpreted" (NetworkManager warns)."""
        return _decode(self.raw, False)[2]

    def items(self, separator: str = LIST_SEPARATOR) -> tuple[ListItem, ...]:
        """The value as ``g_key_file_get_string_list`` splits it: at each unescaped
        ``;``, ``\\;`` kept as ``;``, an empty last element dropped (``a;b;`` is two).

        NetworkManager.conf is read with ``,`` as the separator (nm-config.c sets it).
        """
        _, pieces, _ = _decode(self.raw, True, separator)
        span = self.value_span
        return tuple(ListItem(text, sub_span(span, a, b)) for text, a, b in pieces)


class KeyfileTrivia(Node):
    """A comment, blank or bad line."""

    __slots__ = ("line",)

    def __init__(self, line: KeyfileLine) -> None:
        self.line = line


KeyfileNode = Union[KeyfileGroup, KeyfileEntry, KeyfileTrivia]


@attrs.frozen(slots=True)
class KeyfileDocument(Document):
    """A parsed keyfile: one node per physical line, in order.

    Accessors follow GKeyFile's lookups: a group repeated in the file is one
    group, and the last of several equal keys in a group is the one read.
    Only lines glib accepts count (a refused header or key is never found).
    """

    nodes: tuple[KeyfileNode, ...]

    def render(self) -> str:
        return "".join(n.line.raw + n.line.eol for n in self.nodes)

    @property
    def lines(self) -> tuple[KeyfileLine, ...]:
        """Every physical line, in order."""
        return tuple(n.line for n in self.nodes)

    @property
    def loads(self) -> bool:
        """Would GKeyFile load this file at all? (No BL704 problem.)"""
        return not any(p.kind in (KIND, KIND_MORE) for p in self.problems)

    @property
    def headers(self) -> tuple[KeyfileGroup, ...]:
        """Every valid ``[group]`` header, repeats included, in file order."""
        return tuple(n for n in self.nodes if isinstance(n, KeyfileGroup) and n.valid)

    def group_names(self) -> tuple[str, ...]:
        """The groups GKeyFile has, in order of first appearance."""
        return tuple(dict.fromkeys(h.name for h in self.headers))

    def has_group(self, group: str) -> bool:
        return any(h.name == group for h in self.headers)

    def header(self, group: str) -> KeyfileGroup | None:
        """The first header of ``group`` (where a finding about the group points)."""
        return next((h for h in self.headers if h.name == group), None)

    def entries(self, group: str | None = None) -> tuple[KeyfileEntry, ...]:
        """Valid entries (of ``group``, or all), repeats included, in file order."""
        return tuple(
            n
            for n in self.nodes
            if isinstance(n, KeyfileEntry) and n.valid and (group is None or n.group == group)
        )

    def keys(self, group: str) -> tuple[str, ...]:
        """The keys of ``group``, each once, in order of first appearance."""
        return tuple(dict.fromkeys(e.key for e in self.entries(group)))

    def get(self, group: str, key: str) -> KeyfileEntry | None:
        """The entry GKeyFile returns for ``key`` in ``group``: the last one written."""
        found = None
        for entry in self.entries(group):
            if entry.key == key:
                found = entry
        return found

    def duplicates(self, group: str, key: str) -> tuple[KeyfileEntry, ...]:
        """Earlier entries of ``key`` in ``group`` that the last one replaces."""
        same = [e for e in self.entries(group) if e.key == key]
        return tuple(same[:-1])


# --------------------------------------------------------------------------
# Values


def _decode(
    raw: str, as_list: bool, sep: str = LIST_SEPARATOR
) -> tuple[str, list[tuple[str, int, int]], str | None]:
    """(string, list pieces as (text, start, end) offsets in ``raw``, first escape error)."""
    if "\\" not in raw and not (as_list and sep in raw):
        return raw, ([(raw, 0, len(raw))] if raw else []), None
    out: list[str] = []
    pieces: list[tuple[str, int, int]] = []
    piece: list[str] = []
    piece_start = 0
    error: str | None = None
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c == "\\":
            if i + 1 >= n:
                error = error or "escape character at end of line"
                i += 1
                break
            e = raw[i + 1]
            if e in _ESCAPES:
                ch = _ESCAPES[e]
            elif as_list and e == sep:
                ch = sep
            else:
                ch = "\\" + e
                error = error or f"invalid escape sequence \\{e}"
            out.append(ch)
            piece.append(ch)
            i += 2
            continue
        if as_list and c == sep:
            pieces.append(("".join(piece), piece_start, i))
            piece = []
            piece_start = i + 1
        else:
            piece.append(c)
        out.append(c)
        i += 1
    if piece:
        pieces.append(("".join(piece), piece_start, n))
    return "".join(out), pieces, error


def sub_span(span: Span, a: int, b: int) -> Span:
    """The part [a, b) (offsets from its start) of a one-line span."""
    return Span(span.path, span.line, span.column + a, span.line, span.column + b, span.start + a, span.start + b)


def valid_group_name(name: str) -> bool:
    """glib's g_key_file_is_group_name: non-empty, no ``[``, ``]`` or ASCII control."""
    return bool(name) and not any(c in "[]" or ord(c) < 0x20 or ord(c) == 0x7F for c in name)


def split_key(key: str) -> tuple[str, str | None] | None:
    """(name, locale) when glib's g_key_file_is_key_name accepts ``key``, else None."""
    i, n = 0, len(key)
    while i < n and key[i] not in "=[]":
        i += 1
    if i == 0 or key[0] == " " or key[i - 1] == " ":
        return None
    name = key[:i]
    if i == n:
        return name, None
    if key[i] != "[":
        return None
    j = i + 1
    while j < n and (key[j].isalnum() or key[j] in "-_.@"):
        j += 1
    if j != n - 1 or key[j] != "]":
        return None
    return name, key[i + 1 : j] or None


# --------------------------------------------------------------------------
# Parsing


@functools.cache
def _scanner() -> re.Pattern[str]:
    """The grammar's terminals as one regex, tried in the grammar's priority order.

    keyfile.lark is the definition (Lark loads and checks it); the scan uses its
    terminals directly because a keyfile token is a whole line and Lark's
    per-token machinery (Token objects, line counting) cost 6 µs a line, the
    bulk of the parse. The alternation is total (BAD or NL always match). The terminals come
    from the generated tables while they are this grammar's (no Lark at start-up), else from Lark.
    """
    from bondlint.syntax import tables

    entry = tables.generated_entry("keyfile.lark", "terminals")
    if entry is not None:
        terminals = [(name, regex, priority) for name, regex, priority in entry["terminals"]]
    else:
        from lark import Lark

        grammar = Lark.open("keyfile.lark", rel_to=__file__, parser="lalr", lexer="basic")
        terminals = [(t.name, t.pattern.to_regexp(), t.priority) for t in grammar.terminals]
    terminals.sort(key=lambda t: -t[2])  # stable: the grammar's order among equal priorities
    return re.compile("|".join(f"(?P<{name}>{regex})" for name, regex, _ in terminals))


class _Builder:
    __slots__ = ("path", "problems", "group", "start_group", "saw_group")

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.group: str | None = None
        self.start_group: str | None = None
        self.saw_group = False

    def problem(self, message: str, span: Span) -> None:
        """Record a line GKeyFile refuses; past MAX_PROBLEMS, one closing problem only
        (glib already gives up at the first: a file of them is one broken file)."""
        count = len(self.problems)
        if count < MAX_PROBLEMS:
            self.problems.append(Problem(KIND, span, {"message": f"{message}: {_REJECTED}"}))
        elif count == MAX_PROBLEMS:
            self.problems.append(Problem(KIND_MORE, span, {"limit": MAX_PROBLEMS}))

    def node(self, kind: str, raw: str, start: int, line: int, eol: str) -> KeyfileNode:
        """The node of one line token (every such token starts a line)."""
        # glib drops a "\r" only when a "\n" follows it.
        content = raw[:-1] if eol and raw.endswith("\r") else raw
        span = Span(self.path, line, 1, line, 1 + len(content), start, start + len(content))
        if kind == "GROUP":
            return self._group(content, raw, eol, span)
        if kind == "ENTRY":
            return self._entry(content, raw, eol, span)
        line = KeyfileLine(kind.lower(), raw, eol, span)
        if kind == "BAD":
            self.problem(f"'{_shown(content.strip(_BLANKS))}' is not a [group], key=value or comment line", span)
        return KeyfileTrivia(line)

    def _group(self, content: str, raw: str, eol: str, span: Span) -> KeyfileGroup:
        open_at = len(content) - len(content.lstrip(_BLANKS))
        close_at = content.index("]", open_at)
        name = content[open_at + 1 : close_at]
        valid = valid_group_name(name)
        line = KeyfileLine("group", raw, eol, span)
        name_span = sub_span(span, open_at + 1, close_at)
        if valid:
            if self.start_group is None:
                self.start_group = name
        else:
            why = "empty" if not name else "it holds '[', ']' or a control character"
            self.problem(f"invalid group name '{_shown(name)}' ({why})", sub_span(span, open_at, close_at + 1))
        self.group = name
        self.saw_group = True
        return KeyfileGroup(name, name_span, line, valid)

    def _entry(self, content: str, raw: str, eol: str, span: Span) -> KeyfileEntry:
        key_start = len(content) - len(content.lstrip(_BLANKS))
        eq = content.index("=", key_start)
        key_end = eq
        while key_end > key_start and content[key_end - 1] in _BLANKS:
            key_end -= 1
        value_start = eq + 1
        while value_start < len(content) and content[value_start] in _BLANKS:
            value_start += 1
        key = content[key_start:key_end]
        value = content[value_start:]
        key_span = sub_span(span, key_start, key_end)
        value_span = sub_span(span, value_start, len(content))
        parts = split_key(key)
        valid = parts is not None and self.saw_group
        if not self.saw_group:
            self.problem("key=value before any [group] (\"Key file does not start with a group\")", key_span)
        elif parts is None:
            self.problem(f"invalid key name '{_shown(key)}'", key_span)
        elif key == "Encoding" and self.group == self.start_group and value.lower() != "utf-8":
            valid = False
            self.problem(f"unsupported Encoding '{_shown(value)}' in the first group", value_span)
        name, locale = parts if parts is not None else (key, None)
        line = KeyfileLine("entry", raw, eol, span)
        return KeyfileEntry(self.group, key, name, locale, value, key_span, value_span, line, valid)


def parse(text: str, path: str | None, kind: str = "keyfile") -> KeyfileDocument:
    """Parse keyfile text; never raises, whatever the text."""
    build = _Builder(path)
    nodes: list[KeyfileNode] = []
    pending: tuple[str, str, int, int] | None = None  # (kind, raw, start, line) of the open line
    match = _scanner().match
    pos, line, n = 0, 1, len(text)
    while pos < n:
        m = match(text, pos)
        kind_, end = (m.lastgroup or "BAD", m.end()) if m is not None else ("BAD", pos + 1)
        if kind_ == "NL":
            if pending is None:
                span = Span(path, line, 1, line, 1, pos, pos)
                nodes.append(KeyfileTrivia(KeyfileLine("blank", "", "\n", span)))
            else:
                nodes.append(build.node(*pending, "\n"))
                pending = None
            line += 1
        else:
            pending = (kind_, text[pos:end], pos, line)
        pos = end
    if pending is not None:
        nodes.append(build.node(*pending, ""))
    return KeyfileDocument(kind, path, text, tuple(build.problems), tuple(nodes))


def _shown(text: str) -> str:
    """Text for a message: control characters made visible, long text cut."""
    shown = text if text.isprintable() else repr(text)[1:-1]
    return shown if len(shown) <= 60 else shown[:57] + "..."


# --------------------------------------------------------------------------
# Snapshot view


def dump(doc: KeyfileDocument) -> str:
    """One line per node (values with their decoded string and list items), then the problems."""
    out = [f"KeyfileDocument kind={doc.kind} nodes={len(doc.nodes)} problems={len(doc.problems)}"]
    for node in doc.nodes:
        if isinstance(node, KeyfileGroup):
            state = "" if node.valid else " INVALID"
            out.append(f"{span_text(node.line.span)} group{state} {node.name!r}@{span_text(node.name_span)}")
        elif isinstance(node, KeyfileEntry):
            state = "" if node.valid else " INVALID"
            locale = f" locale={node.locale!r}" if node.locale else ""
            out.append(
                f"{span_text(node.line.span)} entry{state} [{node.group}] {node.key!r}@{span_text(node.key_span)}"
                f"{locale} raw={node.raw!r}@{span_text(node.value_span)}"
            )
            if node.string != node.raw:
                out.append(f"  string={node.string!r}")
            if node.escape_error:
                out.append(f"  escape_error={node.escape_error!r}")
            items = node.items()
            if len(items) > 1 or (items and items[0].text != node.string):
                for item in items:
                    out.append(f"  item {span_text(item.span)} {item.text!r}")
        else:
            line = node.line
            out.append(f"{span_text(line.span)} {line.kind} raw={line.raw!r}")
    for p in doc.problems:
        out.append(f"problem {p.kind} {span_text(p.span)} {p.details}")
    return "\n".join(out) + "\n"

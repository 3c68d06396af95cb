"""/proc/net/bonding/bondN: the bonding driver's runtime report, for BL8xx.

Every driver version prints "Key: value" lines, but the keys, the sections and
the indentation changed over time (2.6.1 without a blank line after the
header, 3.2.4 with space-indented aggregator info, 4.x churn states, 5.x
kernel-version headers and per-slave LACPDU details). The grammar therefore
only splits lines; this module groups them into the bond, the "802.3ad info"
block and the slaves, keeping every unknown field so that a newer driver's
additions are carried along rather than rejected.

No problems are reported. A file without a "Bonding Mode" line (empty,
truncated) simply yields ``mode_name is None`` and no slaves: RULES.md has no
code for "runtime report unusable" (BL000 is for files that cannot be read at
all), and a runtime rule with nothing to compare has nothing to say.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

import attrs

from bondlint.syntax import tables
from bondlint.syntax.document import Document
from bondlint.syntax.node import Node
from bondlint.syntax.span import LineIndex, Span

if TYPE_CHECKING:
    from lark import Lark, Token

#: ``Bonding Mode:`` text (``bond_mode_name``) → kernel option name; index = mode number.
MODE_NAMES: tuple[tuple[str, str], ...] = (
    ("load balancing (round-robin)", "balance-rr"),
    ("fault-tolerance (active-backup)", "active-backup"),
    ("load balancing (xor)", "balance-xor"),
    ("fault-tolerance (broadcast)", "broadcast"),
    ("ieee 802.3ad dynamic link aggregation", "802.3ad"),
    ("transmit load balancing", "balance-tlb"),
    ("adaptive load balancing", "balance-alb"),
)

_DRIVER_KEY = "ethernet channel bonding driver"
_SLAVE_KEY = "slave interface"
_AD_INFO_TITLE = "802.3ad info"
_AGGREGATOR_TITLE = "active aggregator info"
_NO_AGGREGATOR = re.compile(r"\bhas no active aggregator\b", re.IGNORECASE)
_LEADING_INT = re.compile(r"\d+")


def _norm(key: str) -> str:
    """Key identity across versions: case and spacing differ, the words do not."""
    return " ".join(key.split()).lower()


def _int(value: str | None) -> int | None:
    """The leading integer of ``value`` ("1000 Mbps" → 1000), None for "Unknown"/"N/A"/""."""
    if value is None:
        return None
    match = _LEADING_INT.match(value)
    return int(match.group()) if match else None


def _none_word(value: str | None) -> str | None:
    """The driver prints the word "None" (or nothing) where there is no device."""
    if value is None or value == "" or value == "None":
        return None
    return value


class Line(Node):
    """A line that is not ``Key: value``: kept verbatim so the file renders back exactly.

    ``kind`` is "blank", "title" ("802.3ad info"), "no_active_aggregator" or
    "other" (anything no driver version is known to print, e.g. a stray "Speed").
    """

    __slots__ = ("kind", "text", "newline", "span")

    def __init__(self, kind: str, text: str, newline: str, span: Span) -> None:
        self.kind = kind
        self.text = text
        self.newline = newline
        self.span = span


class Field(Node):
    """One ``Key: value`` line; ``key``/``value`` are stripped, ``text`` is the raw line."""

    __slots__ = ("key", "value", "span", "key_span", "value_span", "text", "newline")

    def __init__(
        self, key: str, value: str, span: Span, key_span: Span, value_span: Span, text: str, newline: str
    ) -> None:
        self.key = key
        self.value = value
        self.span = span
        self.key_span = key_span
        self.value_span = value_span
        self.text = text
        self.newline = newline

    @property
    def indented(self) -> bool:
        return self.text[:1] in (" ", "\t")


class Section(Node):
    """A run of fields; ``sections`` holds titled sub-blocks ("Active Aggregator Info",
    "details actor lacp pdu") so that their keys never shadow the parent's."""

    __slots__ = ("title", "fields", "sections", "span")

    def __init__(self, title: str | None, fields: tuple[Field, ...], sections: tuple[Section, ...], span: Span) -> None:
        self.title = title
        self.fields = fields
        self.sections = sections
        self.span = span

    def get(self, key: str) -> Field | None:
        """The first field named ``key`` (case and spacing insensitive)."""
        wanted = _norm(key)
        for field in self.fields:
            if _norm(field.key) == wanted:
                return field
        return None

    def value(self, key: str) -> str | None:
        field = self.get(key)
        return None if field is None else field.value

    def section(self, title: str) -> Section | None:
        """The first sub-section titled ``title`` (case and spacing insensitive)."""
        wanted = _norm(title)
        for sub in self.sections:
            if sub.title is not None and _norm(sub.title) == wanted:
                return sub
        return None


class SlaveSection(Section):
    """One ``Slave Interface:`` block; properties normalise what the BL8xx rules compare."""

    __slots__ = ("name",)

    def __init__(
        self, title: str | None, fields: tuple[Field, ...], sections: tuple[Section, ...], span: Span, name: str
    ) -> None:
        super().__init__(title, fields, sections, span)
        self.name = name

    @property
    def mii_status(self) -> str | None:
        value = self.value("MII Status")
        return value.lower() if value else None

    @property
    def speed(self) -> int | None:
        """Mbps; None when absent (old drivers) or "Unknown" (link down)."""
        return _int(self.value("Speed"))

    @property
    def duplex(self) -> str | None:
        """Lower-cased ("full", "half", "unknown"); None when absent."""
        value = self.value("Duplex")
        return value.lower() if value else None

    @property
    def link_failure_count(self) -> int | None:
        return _int(self.value("Link Failure Count"))

    @property
    def permanent_hwaddr(self) -> str | None:
        """None when absent or printed empty (some drivers/NICs leave it blank)."""
        return self.value("Permanent HW addr") or None

    @property
    def queue_id(self) -> int | None:
        return _int(self.value("Slave queue ID"))

    @property
    def aggregator_id(self) -> int | None:
        """None when absent or "N/A" (no aggregator)."""
        return _int(self.value("Aggregator ID"))

    @property
    def actor_churn_state(self) -> str | None:
        return self.value("Actor Churn State") or None

    @property
    def partner_churn_state(self) -> str | None:
        return self.value("Partner Churn State") or None

    @property
    def actor_port_state(self) -> int | None:
        return self._details("details actor lacp pdu", "port state")

    @property
    def partner_port_state(self) -> int | None:
        return self._details("details partner lacp pdu", "port state")

    @property
    def partner_mac(self) -> str | None:
        """The partner's LACP system MAC as this slave saw it (5.x details block)."""
        details = self.section("details partner lacp pdu")
        return None if details is None else details.value("system mac address") or None

    def _details(self, title: str, key: str) -> int | None:
        details = self.section(title)
        return None if details is None else _int(details.value(key))


@attrs.frozen(slots=True)
class BondingDocument(Document):
    """One bond's runtime report: every line for render(), plus the structured view.

    ``bond`` holds the fields before the first slave other than the driver
    header (that one is ``driver_version``) and the "802.3ad info" block
    (``ad_info``, whose "Active Aggregator Info" is a sub-section).
    """

    lines: tuple[Line | Field, ...]
    driver_version: Field | None
    bond: Section
    ad_info: Section | None
    slaves: tuple[SlaveSection, ...]
    no_active_aggregator: Span | None

    def render(self) -> str:
        return "".join(line.text + line.newline for line in self.lines)

    @property
    def mode_field(self) -> Field | None:
        return self.bond.get("Bonding Mode")

    @property
    def mode_name(self) -> str | None:
        """Kernel option name ("802.3ad", "balance-rr", ...), None if absent or unknown."""
        field = self.mode_field
        if field is None:
            return None
        text = field.value.lower()
        for printed, name in MODE_NAMES:
            if text.startswith(printed):
                return name
        return None

    @property
    def mode_number(self) -> int | None:
        name = self.mode_name
        if name is None:
            return None
        return [n for _, n in MODE_NAMES].index(name)

    @property
    def fail_over_mac(self) -> str | None:
        """"active"/"follow" from the mode line's ``(fail_over_mac X)`` suffix."""
        field = self.mode_field
        match = None if field is None else re.search(r"\(fail_over_mac (\w+)\)", field.value)
        return match.group(1) if match else None

    @property
    def xmit_hash_policy(self) -> str | None:
        """"layer2", "layer2+3", ... without the printed number."""
        value = self.bond.value("Transmit Hash Policy")
        return value.split()[0] if value else None

    @property
    def mii_status(self) -> str | None:
        value = self.bond.value("MII Status")
        return value.lower() if value else None

    @property
    def miimon(self) -> int | None:
        return _int(self.bond.value("MII Polling Interval (ms)"))

    @property
    def updelay(self) -> int | None:
        return _int(self.bond.value("Up Delay (ms)"))

    @property
    def downdelay(self) -> int | None:
        return _int(self.bond.value("Down Delay (ms)"))

    @property
    def arp_interval(self) -> int | None:
        return _int(self.bond.value("ARP Polling Interval (ms)"))

    @property
    def arp_ip_targets(self) -> tuple[str, ...]:
        value = self.bond.value("ARP IP target/s (n.n.n.n form)")
        return tuple(t.strip() for t in value.split(",") if t.strip()) if value else ()

    @property
    def primary_slave(self) -> str | None:
        """The device only, without " (primary_reselect X)"; None for "None"."""
        value = self.bond.value("Primary Slave")
        return _none_word(value.split()[0] if value else None)

    @property
    def active_slave(self) -> str | None:
        return _none_word(self.bond.value("Currently Active Slave"))

    @property
    def lacp_rate(self) -> str | None:
        return None if self.ad_info is None else self.ad_info.value("LACP rate") or None

    @property
    def system_mac(self) -> str | None:
        return None if self.ad_info is None else self.ad_info.value("System MAC address") or None

    @property
    def active_aggregator(self) -> Section | None:
        return None if self.ad_info is None else self.ad_info.section("Active Aggregator Info")

    @property
    def active_aggregator_id(self) -> int | None:
        info = self.active_aggregator
        return None if info is None else _int(info.value("Aggregator ID"))

    @property
    def active_aggregator_ports(self) -> int | None:
        info = self.active_aggregator
        return None if info is None else _int(info.value("Number of ports"))

    @property
    def partner_mac(self) -> str | None:
        """Partner Mac Address of the active aggregator (all zeros: no LACP partner)."""
        info = self.active_aggregator
        return None if info is None else info.value("Partner Mac Address") or None

    def slave(self, name: str) -> SlaveSection | None:
        for slave in self.slaves:
            if slave.name == name:
                return slave
        return None


# --------------------------------------------------------------------------- parsing


@functools.cache
def _parser() -> Lark:
    """bonding.lark's parser, with a transformer that flattens the tree to (content,
    newline-token) rows (positions stay on the tokens). Lark is imported here, when a
    /proc/net/bonding file is parsed, not at start-up."""
    from lark import Transformer

    class _Rows(Transformer):
        def start(self, rows: list[tuple[Any, Token | None]]) -> list[tuple[Any, Token | None]]:
            return rows

        def row(self, children: list[Any]) -> tuple[Any, Token | None]:
            return (children[0] if len(children) == 2 else None), children[-1]

        def last_row(self, children: list[Any]) -> tuple[Any, Token | None]:
            return children[0], None

        def field(self, tokens: list[Token]) -> tuple[str, dict[str, Token]]:
            return "field", {t.type: t for t in tokens}

        def other(self, tokens: list[Token]) -> tuple[str, dict[str, Token]]:
            return "other", {"OTHER": tokens[0]}

    return tables.lark("bonding.lark", {"transformer": _Rows()}, parser="lalr")


def _strip_span(index: LineIndex, text: str, start: int) -> Span:
    """Span of ``text`` (found at ``start``) without its surrounding whitespace."""
    stripped = text.strip()
    if not stripped:
        return index.span(start, start)
    offset = start + text.index(stripped)
    return index.span(offset, offset + len(stripped))


def _lines(text: str, index: LineIndex) -> list[Line | Field]:
    lines: list[Line | Field] = []
    line_start = 0
    for content, nl in _parser().parse(text):
        line_end = nl.start_pos if nl is not None else len(text)
        raw = text[line_start:line_end]
        newline = "" if nl is None else "\n"
        span = index.span(line_start, line_end)
        if content is None or content[0] == "other":
            bare = raw.strip()
            if not bare:
                kind = "blank"
            elif _norm(bare) == _AD_INFO_TITLE:
                kind = "title"
            elif _NO_AGGREGATOR.search(bare):
                kind = "no_active_aggregator"
            else:
                kind = "other"
            lines.append(Line(kind, raw, newline, span))
        else:
            tokens = content[1]
            colon = tokens["COLON"].start_pos
            key = text[line_start:colon]
            value = text[colon + 1 : line_end]
            lines.append(
                Field(
                    key=key.strip(),
                    value=value.strip(),
                    span=span,
                    key_span=_strip_span(index, key, line_start),
                    value_span=_strip_span(index, value, colon + 1),
                    text=raw,
                    newline=newline,
                )
            )
        line_start = line_end + 1
    return lines


def _is_title(field: Field) -> bool:
    """A ``Key:`` line that opens a block rather than carrying an (empty) value."""
    if field.value:
        return False
    key = _norm(field.key)
    return key == _AGGREGATOR_TITLE or key.startswith("details ")


class _Block:
    """A section being assembled: its extent grows with every line it takes."""

    __slots__ = ("title", "start", "end", "fields", "sections", "indented")

    def __init__(self, title: str | None) -> None:
        self.title = title
        self.start: int | None = None
        self.end = 0
        self.fields: list[Field] = []
        self.sections: list[Section] = []
        self.indented: bool | None = None  # whether the block's first field was indented

    def cover(self, span: Span) -> None:
        if self.start is None:
            self.start = span.start
        self.end = max(self.end, span.end)

    def add(self, field: Field) -> None:
        self.cover(field.span)
        if self.indented is None:
            self.indented = field.indented
        self.fields.append(field)

    def span(self, index: LineIndex) -> Span:
        start = 0 if self.start is None else self.start
        return index.span(start, max(start, self.end))

    def section(self, index: LineIndex) -> Section:
        return Section(self.title, tuple(self.fields), tuple(self.sections), self.span(index))


def parse(text: str, path: str | None, kind: str = "bonding") -> BondingDocument:
    """Parse a /proc/net/bonding file; never raises, whatever the text."""
    index = LineIndex(text, path)
    lines = _lines(text, index)

    driver: Field | None = None
    bond = _Block(None)
    ad_info: _Block | None = None
    slaves: list[tuple[str, _Block]] = []
    current = bond
    sub: _Block | None = None
    no_active: Span | None = None

    def close_sub() -> None:
        nonlocal sub
        if sub is not None:
            current.sections.append(sub.section(index))
            current.cover(sub.span(index))
            sub = None

    for line in lines:
        if isinstance(line, Line):
            if line.kind != "other":
                close_sub()
            if line.kind == "title" and ad_info is None and not slaves:
                ad_info = current = _Block(line.text.strip())
                current.cover(line.span)
            elif line.kind == "no_active_aggregator" and no_active is None:
                no_active = line.span
                current.cover(line.span)
            continue
        key = _norm(line.key)
        if key == _SLAVE_KEY:
            close_sub()
            current = _Block(None)
            slaves.append((line.value, current))
            current.add(line)
        elif key == _DRIVER_KEY and driver is None and not slaves:
            driver = line
        elif _is_title(line):
            close_sub()
            sub = _Block(line.key)
            sub.cover(line.span)
        else:
            if sub is not None and sub.indented and not line.indented:
                close_sub()
            (sub if sub is not None else current).add(line)
    close_sub()

    return BondingDocument(
        kind=kind,
        path=path,
        text=text,
        problems=(),
        lines=tuple(lines),
        driver_version=driver,
        bond=bond.section(index),
        ad_info=None if ad_info is None else ad_info.section(index),
        slaves=tuple(
            SlaveSection(None, tuple(b.fields), tuple(b.sections), b.span(index), name)
            for name, b in slaves
        ),
        no_active_aggregator=no_active,
    )


# --------------------------------------------------------------------------- snapshots


def _where(span: Span) -> str:
    if span.line == span.end_line:
        return f"{span.line}:{span.column}-{span.end_column}"
    return f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"


def _dump_section(section: Section, indent: str, out: list[str]) -> None:
    for field in section.fields:
        out.append(
            f"{indent}{field.key!r} = {field.value!r}"
            f"  key@{_where(field.key_span)} value@{_where(field.value_span)}"
        )
    for sub in section.sections:
        out.append(f"{indent}section {sub.title!r} @{_where(sub.span)}")
        _dump_section(sub, indent + "  ", out)


def dump(doc: BondingDocument) -> str:
    """A stable, reviewable text form of the whole AST and its derived values."""
    out: list[str] = []
    driver = doc.driver_version
    out.append(f"driver_version: {None if driver is None else driver.value!r}")
    summary = {
        "mode_name": doc.mode_name,
        "mode_number": doc.mode_number,
        "fail_over_mac": doc.fail_over_mac,
        "xmit_hash_policy": doc.xmit_hash_policy,
        "mii_status": doc.mii_status,
        "miimon": doc.miimon,
        "updelay": doc.updelay,
        "downdelay": doc.downdelay,
        "arp_interval": doc.arp_interval,
        "arp_ip_targets": doc.arp_ip_targets,
        "primary_slave": doc.primary_slave,
        "active_slave": doc.active_slave,
        "lacp_rate": doc.lacp_rate,
        "system_mac": doc.system_mac,
        "active_aggregator_id": doc.active_aggregator_id,
        "active_aggregator_ports": doc.active_aggregator_ports,
        "partner_mac": doc.partner_mac,
        "no_active_aggregator": None if doc.no_active_aggregator is None else _where(doc.no_active_aggregator),
    }
    out.extend(f"{name}: {value!r}" for name, value in summary.items())
    out.append(f"bond @{_where(doc.bond.span)}")
    _dump_section(doc.bond, "  ", out)
    if doc.ad_info is not None:
        out.append(f"ad_info {doc.ad_info.title!r} @{_where(doc.ad_info.span)}")
        _dump_section(doc.ad_info, "  ", out)
    for slave in doc.slaves:
        out.append(f"slave {slave.name!r} @{_where(slave.span)}")
        derived = {
            "mii_status": slave.mii_status,
            "speed": slave.speed,
            "duplex": slave.duplex,
            "link_failure_count": slave.link_failure_count,
            "permanent_hwaddr": slave.permanent_hwaddr,
            "queue_id": slave.queue_id,
            "aggregator_id": slave.aggregator_id,
            "churn": (slave.actor_churn_state, slave.partner_churn_state),
            "port_state": (slave.actor_port_state, slave.partner_port_state),
            "partner_mac": slave.partner_mac,
        }
        out.append("  " + " ".join(f"{name}={value!r}" for name, value in derived.items()))
        _dump_section(slave, "  ", out)
    for line in doc.lines:
        if isinstance(line, Line) and line.kind != "blank":
            out.append(f"line {line.kind} {line.text!r} @{_where(line.span)}")
    out.append(f"problems: {[(p.kind, p.details) for p in doc.problems]!r}")
    return "\n".join(out) + "\n"

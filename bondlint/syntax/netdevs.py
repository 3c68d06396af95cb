"""Interface lists a sosreport or collected archive keeps: which devices ran when it was taken.

``ip address`` / ``ip -d address`` (``sos_commands/networking/ip_address``,
``ip_-d_address``) print one ``N: name[@parent]: <flags> ...`` line per device;
``/proc/net/dev`` one ``name: counters`` line after two header lines. Both are
read with the line-level "Key: value" grammar of bonding.lark (every line with
a colon is a field, any other line "other"), so every token comes from that
grammar; this module only picks the device names out of the fields (BL814's
evidence that a configured bond did not run).
"""

from __future__ import annotations

import re

import attrs

from bondlint.syntax.bonding import Field, _lines
from bondlint.syntax.span import LineIndex, Span

#: A device name as the kernel allows it (dev_valid_name: no "/", ":" or blank).
_NAME = re.compile(r"[^\s/:@]{1,15}")


@attrs.frozen(slots=True)
class InterfaceList:
    """The devices one list shows, each with where its name is written."""

    path: str | None
    kind: str  # "ip-address" or "proc-net-dev"
    devices: tuple[tuple[str, Span], ...]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(name for name, _ in self.devices)


def parse(text: str, path: str | None, kind: str) -> InterfaceList:
    """The device names of an ``ip address`` listing or ``/proc/net/dev``; never raises."""
    index = LineIndex(text, path)
    devices: list[tuple[str, Span]] = []
    for line in _lines(text, index):
        if not isinstance(line, Field):
            continue
        if kind == "ip-address":
            # "2: bond0: <BROADCAST,...>": the key is the index, the name starts the value
            if line.text[:1].isspace() or not line.key.isdigit():
                continue
            name = line.value.split(":", 1)[0].split("@", 1)[0].strip()
            start = line.value_span.start
        else:
            name, start = line.key, line.key_span.start
        if _NAME.fullmatch(name):
            devices.append((name, index.span(start, start + len(name))))
    return InterfaceList(path, kind, tuple(devices))

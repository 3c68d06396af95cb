"""The running bonds: what the bonding driver reports, as typed and located records.

The converter (``host/runtime.py``) reads each ``/proc/net/bonding`` entry (under
``--live``, a bond with no readable entry is described from its sysfs files) once
into a ``RunningBond`` and joins it with the bond its configuration defines. Each
value the kernel printed is a ``Shown``: normalised once here, with the text as
printed and the line it is on, so a finding points at the proc line. Rules read
these records; the report's parse tree stays in the converter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from bondlint.syntax.span import Span

if TYPE_CHECKING:
    from bondlint.model.host import Bond, BondOption

T = TypeVar("T")

#: The LACP port-state bit the partner side sets when no LACPDU arrived (if_bonding.h).
DEFAULTED = 0x40


def _zero_mac(text: str) -> bool:
    """All six octets zero (``00:00:00:00:00:00``, ``0:0:0:0:0:0``): no LACP partner was heard."""
    octets = text.replace("-", ":").split(":")
    return len(octets) == 6 and all(o.strip("0") == "" for o in octets)


def _mac_key(text: str) -> str:
    return text.strip().lower().replace("-", ":")


@attrs.frozen(slots=True)
class Shown(Generic[T]):
    """One ``Key: value`` line of the kernel's report: its value normalised, as printed, and where."""

    value: T  # normalised: a number (None where the kernel printed none, e.g. "Unknown"), a lower-cased word
    text: str  # the value as printed, without surrounding blanks
    span: Span  # the value on its line
    line: Span  # the whole line


@attrs.frozen(slots=True)
class ActiveAggregator:
    """The ``Active Aggregator Info`` block of an 802.3ad bond."""

    aggregator_id: Shown[int | None] | None
    ports: Shown[int | None] | None  # Number of ports
    partner_mac: Shown[str] | None  # Partner Mac Address (None when absent or printed empty)

    @property
    def no_partner(self) -> bool:
        """The aggregator's partner MAC is all zeros: the switch sent no LACPDU."""
        return self.partner_mac is not None and _zero_mac(self.partner_mac.value)


@attrs.frozen(slots=True)
class RunningSlave:
    """One ``Slave Interface:`` block: a port as the bonding driver reports it."""

    name: str
    name_span: Span  # the name on its ``Slave Interface:`` line
    mii_status: Shown[str | None] | None  # lower-cased; None for an empty value
    speed: Shown[int | None] | None  # Mbps; None for "Unknown" (link down)
    duplex: Shown[str | None] | None  # lower-cased ("full", "half", "unknown")
    link_failure_count: Shown[int | None] | None
    permanent_mac: Shown[str] | None  # Permanent HW addr (None when absent or printed empty)
    aggregator_id: Shown[int | None] | None  # None for "N/A"
    actor_churn: Shown[str] | None  # lower-cased churn state (kernels that print one)
    partner_churn: Shown[str] | None
    actor_port_state: Shown[int | None] | None  # details actor lacp pdu: port state (5.x kernels)
    partner_port_state: Shown[int | None] | None  # details partner lacp pdu: port state
    partner_system_mac: Shown[str] | None  # details partner lacp pdu: system mac address

    @property
    def up(self) -> bool:
        return self.mii_status is not None and self.mii_status.value == "up"

    @property
    def link(self) -> tuple[int | None, str | None]:
        """Speed (Mbps) and duplex, each None where the kernel shows none (``Unknown``, absent)."""
        return (None if self.speed is None else self.speed.value, None if self.duplex is None else self.duplex.value)

    @property
    def no_partner(self) -> bool:
        """This port's LACPDU details show an all-zero partner system MAC: no LACPDU arrived."""
        return self.partner_system_mac is not None and _zero_mac(self.partner_system_mac.value)

    @property
    def partner_defaulted(self) -> bool:
        """The partner port state has the Defaulted bit: LACP fell back to defaults on this port."""
        state = self.partner_port_state
        return state is not None and state.value is not None and bool(state.value & DEFAULTED)

    def permanent_mac_is(self, mac: str) -> bool:
        """The NIC's permanent MAC is ``mac`` (case and ``-``/``:`` aside); False where none is shown."""
        return self.permanent_mac is not None and _mac_key(self.permanent_mac.value) == _mac_key(mac)


@attrs.frozen(slots=True)
class Expected:
    """What the configuration leaves for one option the kernel prints, as the kernel names it."""

    value: str  # the applying program's value ("" for none: no primary, no ARP targets)
    option: BondOption | None  # the word that sets it; None for the kernel's default
    #: where the tree does not tell who applies the bond, the other program's value; else None
    other: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class RunningBond:
    """One running bond, as the kernel reports it, joined with the bond configured for it (None: nothing does)."""

    name: str  # the configured name (bond0), or the proc name when unconfigured
    proc_name: str  # the name in /proc/net/bonding (pbond0 under Xen 3.0/3.1)
    bond: Bond | None
    #: how ``bond`` was found: "name" (the same name), "xen" (``p<bond>``, Xen 3.0/3.1 network-bridge),
    #: "ports" (the same ports as a configured bond that does not run under its name: renamed)
    joined_by: str = "name"
    path: str | None = None  # the report: its /proc/net/bonding file, or (--live) the bond's sysfs folder
    first_line: Span | None = None  # the report's first line, where a finding about the whole report points
    mode: Shown[int | None] | None = None  # Bonding Mode: the mode number (None: a text no kernel prints)
    mii_status: Shown[str | None] | None = None  # the bond's own MII Status, lower-cased
    miimon: Shown[int | None] | None = None  # MII Polling Interval (ms)
    arp_interval: Shown[int | None] | None = None  # ARP Polling Interval (ms)
    primary: Shown[str | None] | None = None  # Primary Slave: the device (None: "None"); text as printed
    #: the ``(primary_reselect X)`` the Primary Slave line shows, where it shows one
    primary_reselect: str | None = None
    active_slave: Shown[str | None] | None = None  # Currently Active Slave (None: "None")
    lacp_active: Shown[str] | None = None  # 802.3ad info: LACP active, lower-cased (newer kernels)
    aggregator: ActiveAggregator | None = None
    no_active_aggregator: Span | None = None  # the "bond X has no active aggregator" line
    slaves: tuple[RunningSlave, ...] = ()
    #: the options the configuration sets that the kernel prints, by option name, in report order:
    #: xmit_hash_policy, lacp_rate, ad_select, primary ("" for None) as the first word of their line;
    #: arp_interval (0 where no line shows it) and, with an ARP monitor, arp_ip_target (sorted, comma-joined)
    options: dict[str, Shown[str]] = attrs.field(factory=dict, eq=False)
    #: for a configured bond, what its configuration leaves for each of ``options``
    expected: dict[str, Expected] = attrs.field(factory=dict, eq=False)

    @property
    def renamed(self) -> bool:
        return self.proc_name != self.name

    @property
    def mode_number(self) -> int | None:
        return None if self.mode is None else self.mode.value

    @property
    def up_slaves(self) -> tuple[RunningSlave, ...]:
        return tuple(s for s in self.slaves if s.up)

    def slave(self, name: str) -> RunningSlave | None:
        return next((s for s in self.slaves if s.name == name), None)

    @property
    def mode_not_applied(self) -> bool:
        """The bond runs another mode than the valid one its configuration asks for (BL801): the
        configuration was not applied, so its other options' differences share that cause."""
        bond, running = self.bond, self.mode_number
        return bond is not None and bond.mode_valid and running is not None and running != bond.mode

    @property
    def label(self) -> str:
        """How messages name it: ``bond0 (running as pbond0)`` when Xen renamed it."""
        return f"{self.name} (running as {self.proc_name})" if self.renamed else self.name

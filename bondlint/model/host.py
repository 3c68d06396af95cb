"""The host model: one cross-file view of a host's network configuration.

Built once per audited root by ``host/build.py`` from the parsed documents;
rules read only this (and the ASTs it points into), never the disk. Every
value keeps the AST node it came from, so findings always have a location.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from typing import TYPE_CHECKING, Iterable, Iterator

import attrs

from bondlint.host.discover import looks_like_backup
from bondlint.model.lexical import ShellFile, Suppressions
from bondlint.model.values import (
    INITSCRIPTS, NETWORKMANAGER, Located, Truth, clean,
    read_bool,
)
from bondlint.model.bonds import BondingModule, OptionReading
from bondlint.model.networkmanager import BondSetting, GroupSplit, KeyConflict, VerifyError
from bondlint.model.release import NM_BOND_VLAN_GATE_LIFTED, NM_BONDING_OPTS_IS_BOND, Release, networkmanager_version
from bondlint.model.release import release as release_row
from bondlint.model.modules import ModuleConfig
from bondlint.model.xen import XenNetwork  # noqa: F401 (its topic module)
from bondlint.model.routes import DefaultRoute
from bondlint.model.runtime import RunningBond
from bondlint.host.spelling import MAX_EDITS, Misspelling, edit_distance
from bondlint.syntax.document import Document
from bondlint.syntax.span import Problem, Span, whole_file_span

if TYPE_CHECKING:
    from bondlint.model.addressing import Addressing, NumberedAddress
    from bondlint.host.services import Services
    from bondlint.syntax.shellvars import Assignment, ShellDocument

#: Mode numbers by kernel name; names and numbers are equivalent (RULES.md).
MODE_NAMES: dict[str, int] = {
    "balance-rr": 0,
    "active-backup": 1,
    "balance-xor": 2,
    "broadcast": 3,
    "802.3ad": 4,
    "balance-tlb": 5,
    "balance-alb": 6,
}
MODE_BY_NUMBER: dict[int, str] = {v: k for k, v in MODE_NAMES.items()}
#: The vendor half `sos clean` gives every MAC it obfuscates.
SOS_CLEAN_OUI = "53:4F:53:"
#: A device name initscripts and modprobe aliases give a bond.
_BOND_NAME = re.compile(r"bond\d+")
#: IPADDR and its numbered forms (IPADDR0, IPADDR1, …).
_IPADDR_KEY = re.compile(r"^IPADDR\d*$")
#: A MAC as initscripts and NetworkManager take it: six colon-separated two-digit hex octets
#: (an IPoIB hardware address has twenty).
_MAC = re.compile(r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}\Z")
_IB_MAC = re.compile(r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){19}\Z")
#: Link types that get their address from a peer, not from IPADDR (ifup-ppp, ifup-ippp, ifup-ipsec, ...).
PEER_TYPES = ("xDSL", "Modem", "ISDN", "IPSEC", "CIPE")


def _peer_addressed(f: IfcfgFile | KeyfileProfile) -> bool:
    """A PPP/xDSL/ISDN profile: ifup-ppp brings it up and never reads BOOTPROTO or IPADDR."""
    device = f.value("DEVICE") or f.suffix
    return f.value("TYPE") in PEER_TYPES or device.startswith(("ppp", "ippp"))


def _written_mac(f: IfcfgFile | KeyfileProfile, key: str) -> tuple[Located, str] | None:
    """``key``'s kept value and that value upper-cased (as initscripts compare MACs), when it is a
    well-formed MAC: six octets, or twenty in an InfiniBand file (TYPE=InfiniBand, an ``ib*`` device)."""
    a = f.located(key)
    if a is None or not a.text:
        return None
    infiniband = (clean(f.value("TYPE")) or "").lower() == "infiniband" or f.device_name.startswith("ib")
    if not (_MAC.match(a.text) or _IB_MAC.match(a.text) and infiniband):
        return None
    return a, a.text.upper()


class ShellValues:
    """What rules ask of a shell-variable file (``doc``): its values as located facts.

    Values are what bash keeps after sourcing (the last assignment), CR removed.
    An unreadable file is an empty document: it has no values.
    """

    __slots__ = ()
    doc: ShellDocument
    #: the Located of each assignment (by id), made once: rules ask for the same keys again and again
    _facts: dict[int, Located]

    def _fact(self, a: Assignment) -> Located:
        found = self._facts.get(id(a))  # the document holds every assignment as long as this dict
        if found is None:
            found = self._facts[id(a)] = _located(a)
        return found

    def get(self, name: str) -> Assignment | None:
        """The assignment bash keeps (the last)."""
        return self.doc.get(name)

    def value(self, name: str) -> str | None:
        a = self.get(name)
        return a.value.value if a is not None else None

    def located(self, name: str) -> Located | None:
        """The value bash keeps for ``name``, CR removed, with its span; None when unset or unreadable."""
        a = self.get(name)
        return self._fact(a) if a is not None else None

    def broken_assignment(self, name: str) -> Span | None:
        """A line bash cannot assign (BL006) that was meant to set ``name``: without its blanks it
        reads ``name=…`` (``IP ADDR=192.0.2.5``). ``name`` is then unset because of that line, and
        BL006 is the one finding (rules that miss ``name`` stay silent)."""
        for problem in self.doc.problems:
            if problem.kind == "command-line" and meant_assignment(problem.details.get("line", "")) == name:
                return problem.span
        return None

    def cut_at_space(self, name: str) -> bool:
        """bash ends the kept value of ``name`` at an unquoted space (BL002): the words after it are
        assignments or commands of their own, so what the value holds is BL002's one cause."""
        a = self.get(name)
        return a is not None and bool(a.value.extra_words)

    def plain(self, name: str) -> Located | None:
        """The value when it is a plain non-blank literal (expansions and broken quotes are BL001/BL003's)."""
        a = self.get(name)
        return self._fact(a) if a is not None and _is_plain(a) else None

    def assigned(self) -> Iterator[tuple[str, Located]]:
        """Every assignment word in file order, whether or not bash keeps it."""
        for a in self.doc.assignments():
            yield a.name, self._fact(a)

    def plain_values(self) -> Iterator[tuple[str, Located]]:
        """``assigned()`` where the value is a plain non-blank literal."""
        for a in self.doc.assignments():
            if _is_plain(a):
                yield a.name, self._fact(a)

    @property
    def text(self) -> str:
        """The file's text as read (what initscripts' grep sees)."""
        return self.doc.text

    def span_of(self, name: str) -> Span:
        """Where a finding about ``name`` points: its value, the statement when the value is
        empty, the file when unset."""
        a = self.get(name)
        if a is None:
            return whole_file_span(self.path)  # type: ignore[attr-defined]
        return a.value.span if a.value.span.end > a.value.span.start else a.span

    def line_of(self, name: str) -> Span | None:
        """The logical line holding the kept assignment of ``name``."""
        a = self.get(name)
        if a is None:
            return None
        return next((ln.span for ln in self.doc.lines if ln.assignment is a), a.span)

    def first_line(self) -> Span | None:
        """The file's first line (where a finding about the file as a whole shows); None when empty."""
        lines = self.doc.lines
        return lines[0].span if lines else None

    def assignment_span(self, name: str) -> Span | None:
        """The whole ``NAME=value`` of the kept assignment (where a new line goes beside it)."""
        a = self.get(name)
        return a.span if a is not None else None

    def written_as(self, name: str) -> str:
        """How messages name the key holding ``name`` (a keyfile profile names its own)."""
        return name


_MEANT_ASSIGNMENT = re.compile(r"([A-Z][A-Z0-9_]*)=")


def meant_assignment(line: str) -> str | None:
    """The upper-case NAME a non-assignment line reads as once its blanks are removed
    (``IP ADDR=x`` → ``IPADDR``); None when it does not read so."""
    m = _MEANT_ASSIGNMENT.match(re.sub(r"[ \t]+", "", line.split("=", 1)[0]) + "=") if "=" in line else None
    return m.group(1) if m is not None and " " in line.split("=", 1)[0].strip() else None


def _located(a: Assignment) -> Located:
    v = a.value
    span = v.span if v.span.end > v.span.start else a.name_span
    return Located(
        v.value.rstrip("\r"), span, v.raw, statement=a.span,
        computed=v.expansion or v.command_substitution, exported=a.exported,
    )


def _is_plain(a: Assignment) -> bool:
    v = a.value
    return not (v.command_substitution or v.expansion or v.unterminated_quote or not v.value.strip())


@attrs.frozen(slots=True)
class NetworkFile(ShellValues):
    """``etc/sysconfig/network``."""

    path: str
    doc: ShellDocument
    lexical: ShellFile = attrs.field(kw_only=True, eq=False, repr=False)  # its lines and assignments as written
    _facts: dict[int, Located] = attrs.field(init=False, factory=dict, eq=False, repr=False)


@attrs.frozen(slots=True)
class IfcfgFile(ShellValues):
    """One ``ifcfg-*`` file under network-scripts, live or ignored."""

    rel: str  # path relative to the root: etc/sysconfig/network-scripts/ifcfg-eth0
    path: str  # the path as reached from the root the user gave (what findings show)
    suffix: str  # the file name after "ifcfg-"
    doc: ShellDocument  # empty (with its BL000 problem) when unreadable: see HostModel.unread
    live: bool  # read by this release's initscripts (RULES.md "live file")
    ignored_reason: str | None = None  # why not live ("ignored suffix .bak"), else None
    #: assignments of keys nobody reads, near misses of keys that are read (BL013)
    misspellings: tuple[Misspelling, ...] = ()
    # -- what its kept values say, read once by the converter (host/build.py) --
    #: its lines and assignments as written (the lexical rules' facts)
    lexical: ShellFile = attrs.field(kw_only=True, eq=False, repr=False)
    device: str | None = attrs.field(kw_only=True, default=None)  # DEVICE (quotes and CR removed); None when unset
    master: str | None = attrs.field(kw_only=True, default=None)  # MASTER, likewise
    hwaddr: Located | None = attrs.field(kw_only=True, default=None)  # HWADDR, upper-cased as initscripts compare it
    nm_controlled: bool = attrs.field(kw_only=True, default=True)  # NM_CONTROLLED as NetworkManager reads it (unset: yes)
    #: the device an el5-style clone file configures (``ifcfg-eth0-lab``: eth0, an alternative profile
    #: ``ifup eth0-lab`` reads after ifcfg-eth0) where the release's ifup reads clone names; else None
    clone_of: str | None = attrs.field(kw_only=True, default=None)
    #: initscripts skip it for its suffix but NetworkManager's ifcfg-rh loads it as a profile (BL008):
    #: ``.rpmsave``/``.rpmorig``/``.old`` where the release's NetworkManager reads those, NM_CONTROLLED
    #: not false, not the shipped loopback file (``DEVICE=lo`` without TYPE: NetworkManager skips it)
    nm_loads_skipped: bool = attrs.field(kw_only=True, default=False)
    #: SLAVE as this release's initscripts read it (unset: UNKNOWN)
    slave: Truth = attrs.field(kw_only=True, default=Truth.UNKNOWN)

    @property
    def device_name(self) -> str:
        """The device the file configures as the builder keys it: DEVICE, else the file suffix."""
        return self.device or self.suffix

    @property
    def label(self) -> str:
        """How a message names the file: ``ifcfg-eth0``."""
        return f"ifcfg-{self.suffix}"

    @property
    def stray(self) -> bool:
        """A copy read as configuration (BL008's; BL011 leaves it to BL008): a live file named like a
        backup, or one NetworkManager loads though initscripts skip it."""
        return (self.live and self.looks_like_backup) or self.nm_loads_skipped
    _facts: dict[int, Located] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def misspelt_as(self, key: str) -> Misspelling | None:
        """The unread assignment meant to be ``key`` (its one nearest known key), when the file
        does not assign ``key`` itself: the cause of ``key``'s absence."""
        if self.get(key) is not None:
            return None
        return next((m for m in self.misspellings if m.meant == (key,)), None)

    @property
    def looks_like_backup(self) -> bool:
        """The name looks like a copy (``ifcfg-eth0.save``) and DEVICE does not claim it (VLAN eth0.2012)."""
        return looks_like_backup(self.suffix) and clean(self.value("DEVICE")) != self.suffix

    def mac(self, key: str) -> tuple[Located, str] | None:
        """HWADDR's or MACADDR's value and its upper-cased MAC, when it is a well-formed one (BL101 the rest)."""
        return _written_mac(self, key)

    @property
    def peer_addressed(self) -> bool:
        """A PPP/xDSL/ISDN profile (TYPE, or a ppp*/ippp* device): its address comes from the peer."""
        return _peer_addressed(self)


#: NetworkManager's writer turns a connection id into a file name so (escape_id(),
#: nms-ifcfg-rh-writer.c): a space becomes ``_``, each of these ``-`` (semantics-notes section 3).
_NM_ID_DASHED = str.maketrans({c: "-" for c in "\\][|/=()!:"} | {" ": "_"})


def nm_file_names(conn_id: str) -> re.Pattern[str]:
    """The ``ifcfg-`` suffixes NetworkManager writes for connection ``conn_id`` (``id``, ``id-1`` … ``id-9999``)."""
    return re.compile(re.escape(conn_id.translate(_NM_ID_DASHED)) + r"(-[1-9][0-9]{0,3})?")


def named_by_networkmanager(f: ShellValues, suffix: str) -> bool:
    """The file's name is one NetworkManager or its installers give profiles, not the device's:
    ``ifcfg-<escaped NAME>``, Anaconda's ``<master>_slave_<N>``, nmcli's ``<master>-slave-<dev>``,
    ``System_<...>`` (semantics-notes section 3)."""
    name = f.located("NAME")
    if name is not None and name.text and nm_file_names(name.text).fullmatch(suffix):
        return True
    master = f.located("MASTER")
    device = f.located("DEVICE")
    if master is not None and master.text:
        if re.fullmatch(re.escape(master.text) + r"_slave_[0-9]+", suffix):
            return True
        if device is not None and suffix == f"{master.text}-slave-{device.text}":
            return True
    return suffix.startswith("System_")


@attrs.frozen(slots=True)
class Applier:
    """The program that applies an interface's file, decided once from evidence in the tree
    (services.py: NetworkManager's and the network service's enablement, NM_CONTROLLED,
    NetworkManager.conf's plugins, the release's defaults; never ``UUID=``)."""

    program: str  # INITSCRIPTS or NETWORKMANAGER
    evidence: tuple[str, ...] = ()
    #: NetworkManager applies it and the network service is enabled too: initscripts' ifup asks
    #: NetworkManager for the file's UUID and, getting none (a profile it rejected), brings the
    #: device up itself
    fallback: bool = False
    #: the tree does not tell: ``program`` is the release's default
    assumed: bool = False

    def describe(self) -> str:
        """The program as a message or --show-host names it."""
        name = f"{self.program}, falling back to {INITSCRIPTS}" if self.fallback else self.program
        return f"unknown, the release's default is {name}" if self.assumed else name


@attrs.frozen(slots=True)
class Interface:
    """A device as the live ifcfg files define it (keyed by DEVICE, else file suffix)."""

    device: str
    #: the first live file defining this device, in initscripts' order; for NetworkManager
    #: with several profiles for the device, the one it activates (``profiles`` has them all)
    file: IfcfgFile | KeyfileProfile
    files: tuple[IfcfgFile, ...]  # every live ifcfg file defining it (BL011 when > 1)
    kind: str  # "bond", "slave", "bridge", "vlan", "alias", "loopback", "ethernet"
    master: str | None  # MASTER's value (quotes and CR removed)
    #: who brings it up (``applier.program``): NETWORKMANAGER where it is enabled (or the
    #: release's default), reads ifcfg files and NM_CONTROLLED is not false, else INITSCRIPTS
    consumer: str = INITSCRIPTS
    slave: Truth = Truth.UNKNOWN  # SLAVE as this release's initscripts read it (unset: UNKNOWN)
    nm_controlled: bool = True  # NM_CONTROLLED as NetworkManager reads it (unset: yes)
    hwaddr: Located | None = None  # HWADDR, upper-cased as initscripts compare it
    macaddr: Located | None = None  # MACADDR, upper-cased
    #: the Linux bridge this device is a port of: BRIDGE (quotes and CR removed), a keyfile's bridge
    #: controller (``bridge_port`` adds Open vSwitch; ``HostModel.bridged_vlans``: through VLANs)
    bridge: str | None = None
    vlan_parent: str | None = None  # PHYSDEV, else the part before the dot (eth0.12 → eth0)
    release: str | None = attrs.field(default=None, repr=False)
    gateway: Located | None = None  # this file's own plain GATEWAY (sysconfig/network's: host.gateway)
    ipv4: Addressing | None = None  # IPADDR/NETMASK/PREFIX/NETWORK/BROADCAST as ifup-eth reads them
    #: every profile NetworkManager may autoconnect on this device, ifcfg and keyfile, the one it
    #: uses first (BL011 when two compete)
    profiles: tuple[IfcfgFile | KeyfileProfile, ...] = ()
    #: who applies it and on what evidence (``consumer`` is its program)
    applier: Applier | None = None
    #: NetworkManager's reading of an ifcfg file's numbered addresses (IPADDR, IPADDR0, IPADDR1, …
    #: with PREFIXn/NETMASKn) and of its gateway (the first GATEWAY/GATEWAYn beside an address)
    #: (addressing.nm_addresses); a keyfile's ``[ipv4]`` addresses (address1, address2, …: its
    #: gateway is ``gateway``)
    nm_addresses: tuple[NumberedAddress, ...] = ()
    nm_gateway: Located | None = None
    #: the network service's reading of the same keys (addressing.initscripts_addresses): no
    #: GATEWAYn, nothing with BOOTPROTO=dhcp/bootp, IPADDR alone on el5; empty for a keyfile
    initscripts_addresses: tuple[NumberedAddress, ...] = ()

    @property
    def addresses(self) -> tuple[NumberedAddress, ...]:
        """Every static address the program that applies it adds, as that program reads them."""
        return self.nm_addresses if self.consumer == NETWORKMANAGER else self.initscripts_addresses

    @property
    def first_address(self) -> NumberedAddress | None:
        """expand_config's ``ipaddr[0]``: the first address the network service adds (IPADDR, else
        the first IPADDRn); ifup-eth's gateway test and a computed NETWORK use it."""
        return self.initscripts_addresses[0] if self.initscripts_addresses else None

    @property
    def writes_ipv4_address(self) -> bool:
        """Some IPADDR or IPADDRn assignment has a non-blank value: the device is meant to have an address."""
        return any(_IPADDR_KEY.match(name) and v.text.strip() for name, v in self.file.assigned())

    def nm_reaches_address(self, index: str) -> bool:
        """NetworkManager's ifcfg-rh reader gets as far as ``IPADDR<index>``: it reads IPADDR,
        IPADDR0 and IPADDR1, then stops at the first missing index from 2 on (and at the first it
        cannot read, which is this one at worst)."""
        if index in ("", "0", "1"):
            return True
        return all(self.plain(f"IPADDR{n}") is not None for n in range(2, int(index)))

    @property
    def dynamic(self) -> bool:
        """BOOTPROTO is dhcp or bootp: a DHCP (BOOTP) client configures it and installs its default route."""
        return (self.value("BOOTPROTO") or "") in ("dhcp", "bootp")

    @property
    def bridge_port(self) -> bool:
        """A port of a Linux bridge (BRIDGE=, a keyfile's bridge controller) or of an Open vSwitch
        bridge (OVS_BRIDGE=, DEVICETYPE=ovs): its own IP settings are not what carries traffic."""
        return self.bridge is not None or bool(self.value("OVS_BRIDGE")) or self.value("DEVICETYPE") == "ovs"

    @property
    def keyfile(self) -> KeyfileProfile | None:
        """The keyfile profile this interface is read from, else None (an ifcfg file)."""
        return self.file if isinstance(self.file, KeyfileProfile) else None

    def get(self, name: str) -> Assignment | None:
        return self.file.get(name)

    def value(self, name: str) -> str | None:
        return self.file.value(name)

    def located(self, name: str) -> Located | None:
        """One key's value as a located value (CR removed), from the live file initscripts read."""
        return self.file.located(name)

    def plain(self, name: str) -> Located | None:
        return self.file.plain(name)

    def cut_at_space(self, name: str) -> bool:
        return self.file.cut_at_space(name)

    def misspelt_as(self, key: str) -> Misspelling | None:
        """The misspelt assignment meant to be ``key`` in this device's ifcfg file (BL013), the
        cause of ``key``'s absence; None for a keyfile profile."""
        return self.file.misspelt_as(key) if isinstance(self.file, IfcfgFile) else None

    @property
    def is_slave(self) -> bool:
        return self.master is not None

    def boolean(self, key: str, consumer: str = INITSCRIPTS) -> Truth:
        """``key`` as ``consumer`` reads it on this host's release (semantics 1.1.3-1.1.5)."""
        return read_bool(consumer, key, self.value(key), self.release)

    @property
    def onboot(self) -> bool:
        """initscripts' view: only a value starting with no/No/NO/nO means 'no'."""
        return self.boolean("ONBOOT") is not Truth.FALSE

    @property
    def mtu(self) -> tuple[int, Located] | None:
        """MTU as ifup-eth hands it to ``ip link set mtu``: a plain decimal; None when unset or not one."""
        loc = self.plain("MTU")
        if loc is None or not loc.text.strip().isdigit():
            return None
        return int(loc.text.strip()), loc

    @property
    def virtual(self) -> bool:
        """A device with no hardware address of its own to pin (BL107): a tun/tap (``TYPE=Tap``/``Tun``,
        or named so by the kernel's tun driver: tunN, tapN), a bond, VLAN, bridge or alias."""
        kind = (self.value("TYPE") or "").strip().lower()
        return (kind in ("tap", "tun", "bond", "vlan", "bridge", "team") or self.kind in ("bond", "vlan", "bridge", "alias")
                or re.fullmatch(r"(tun|tap)[0-9]+", self.device) is not None)

    @property
    def link_layer(self) -> tuple[str, Located, str] | None:
        """The link type the configuration shows, with the sign that shows it and its key: "infiniband"
        (``TYPE=InfiniBand``, keyfile ``type=infiniband``, a 20-byte HWADDR) or "ethernet"
        (``TYPE=Ethernet``, keyfile ``type=ethernet``, a 6-byte HWADDR); None when nothing says
        (an ``ib*`` name alone is no sign: names are the admin's). BL215's fact."""
        kind = self.located("TYPE")
        if kind is not None:
            word = kind.text.strip().lower()
            if word == "infiniband":
                return "infiniband", kind, "TYPE"
            if word in ("ethernet", "802-3-ethernet"):
                return "ethernet", kind, "TYPE"
        if self.hwaddr is not None:
            octets = len(self.hwaddr.text.strip().replace("-", ":").split(":"))
            if octets == 20:
                return "infiniband", self.hwaddr, "HWADDR"
            if octets == 6:
                return "ethernet", self.hwaddr, "HWADDR"
        return None

    @property
    def onboot_nm(self) -> bool:
        """NetworkManager's view (autoconnect): a word it does not know means its default, yes."""
        return self.boolean("ONBOOT", NETWORKMANAGER).or_default(True)


@attrs.frozen(slots=True)
class BondOption:
    """One ``key=value`` word of BONDING_OPTS or of a modprobe ``options`` line."""

    key: str
    value: str
    word: str  # the word as written
    span: Span
    source: str  # "BONDING_OPTS", "modprobe" or "keyfile" (a [bond] key=value)
    index: int  # position among the bond's options from that source
    equals: int = 1  # number of "=" in the word: 0 → key == word, value == "" (BL317)
    value_span: Span | None = None  # the value part after the last "=", when mappable
    #: what the release's bonding driver makes of the word (bondopts.reading); None for a keyfile's
    #: [bond] key (NetworkManager's reading: KeyfileProfile.bond_setting)
    reading: OptionReading | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def value_place(self) -> Span:
        """Where a finding about the value points: the value, else the whole word."""
        return self.value_span or self.span

    @property
    def number(self) -> int | None:
        """The value as the kernel reads a plain decimal (None: not one)."""
        value = self.value.strip()
        return int(value) if value.isascii() and value.isdigit() else None


@attrs.frozen(slots=True)
class UnreadWords:
    """The words of one BONDING_OPTS value or ``options`` line past ``MAX_OPTION_WORDS``.

    The bonding driver has about 30 options, and a 256 KiB line is 131,000 words: the
    model reads the first MAX_OPTION_WORDS as options and records the rest here, so
    one finding says so for the whole line (BL301) and a hostile file's cost stays bounded.
    """

    span: Span  # the whole value or line's option words, read or not (a finding about the line)
    count: int  # words not read as options
    total: int  # words of the value or line


#: Words of one BONDING_OPTS value or ``options`` line read as options (see UnreadWords).
MAX_OPTION_WORDS = 256


@attrs.frozen(slots=True)
class Setting:
    """An option's effective value for the consumer that applies the bond, and where it came from."""

    key: str
    value: str
    option: BondOption | None  # the word that set it; None for a default
    source: str  # "BONDING_OPTS", "modprobe", or "default of initscripts" / "default of NetworkManager"

    @property
    def where(self) -> str:
        """file:line of the word, or the default's owner (for --show-host and messages)."""
        if self.option is None:
            return self.source
        span = self.option.span
        return f"{span.path}:{span.line}"


def mode_text(mode: int) -> str:
    """``802.3ad (4)``: how messages name a mode."""
    return f"{MODE_BY_NUMBER.get(mode, str(mode))} ({mode})"


@attrs.frozen(slots=True)
class MacPort:
    """A keyfile port of a bond with no interface-name, matched to its NIC by ``mac``."""

    profile: "KeyfileProfile"
    mac: Located
    #: the interface in the tree carrying ``mac`` (ifcfg HWADDR, keyfile mac-address), else None
    device: str | None = None


@attrs.frozen(slots=True)
class Bond:
    name: str
    interface: Interface | None  # None when only module config / runtime knows the bond
    bonding_opts: tuple[BondOption, ...]  # from BONDING_OPTS, in order
    module_options: tuple[BondOption, ...]  # from `options bonding` / `options <name>`, file order
    slaves: tuple[Interface, ...]  # live interfaces whose MASTER names this bond
    mode: int  # effective mode for the consumer (see ``effective``); 0 when nothing valid is written
    mode_option: BondOption | None  # the last mode= word the consumer applies, if any
    mode_valid: bool = True  # False when that word is not a valid mode (mode then stays at the
    # last valid one applied before it, else the default 0)
    consumer: str = INITSCRIPTS  # who applies the bond (its interface's consumer)
    #: something on the host asks for this bond: an ifcfg file, a bonding alias, module options
    #: (the builder also makes a Bond for every running name; one only the runtime knows is not)
    configured: bool = True
    #: option key → its effective value for ``consumer``: initscripts with BONDING_OPTS start
    #: from `options bonding` (module defaults; `options <bond>` is not read, semantics 1.3) and
    #: write BONDING_OPTS over them (1.5); without BONDING_OPTS `modprobe <bond>` applies every
    #: module line; NetworkManager applies BONDING_OPTS over its own defaults (keyfile-semantics 5)
    effective: dict[str, Setting] = attrs.field(factory=dict, eq=False)
    #: the words ``consumer`` applies, in the order it applies them (module defaults first)
    applied: tuple[BondOption, ...] = ()
    #: where the tree does not tell who applies the bond (``Applier.assumed``), the words the other
    #: program would apply (initscripts: module defaults, then BONDING_OPTS; NetworkManager:
    #: BONDING_OPTS alone); None where the applying program is known
    other_applied: tuple[BondOption, ...] | None = None
    #: the consumer's defaults for mode and miimon (miimon: only where the release is known)
    defaults: dict[str, Setting] = attrs.field(factory=dict, eq=False)
    #: BONDING_OPTS words past MAX_OPTION_WORDS, not read as options
    bonding_opts_unread: UnreadWords | None = None
    #: written options NetworkManager's normalisation removes before applying, for a bond it applies
    #: (nm-connection.c _normalize_bond_options: options unsupported in the mode, e.g. ARP in 802.3ad)
    nm_stripped: tuple[BondOption, ...] = ()
    #: keyfile ports with no interface-name (cloud-init and nmcli write them so): NetworkManager
    #: binds each to the NIC carrying its mac-address when it activates the bond
    mac_ports: tuple["MacPort", ...] = ()
    #: why NetworkManager's verify() rejects the profile of a bond it applies (ifcfg: BONDING_OPTS as
    #: ifcfg-rh reads them; a rejected keyfile is no bond: KeyfileProfile.verify_errors)
    rejected_by: tuple[VerifyError, ...] = ()

    @property
    def port_count(self) -> int:
        """Every port the bond gets: named slaves and ports NetworkManager matches by MAC."""
        return len(self.slaves) + len(self.mac_ports)

    @property
    def options(self) -> tuple[BondOption, ...]:
        """The words written for this bond: BONDING_OPTS when present, else module options."""
        return self.bonding_opts or self.module_options

    def option(self, key: str) -> BondOption | None:
        """The last word of ``options`` setting ``key`` (how a value is written, for BL3xx)."""
        found = None
        for opt in self.options:
            if opt.key == key:
                found = opt
        return found

    def setting(self, key: str) -> Setting | None:
        """The effective value of ``key`` (written or a known default); None when unknown."""
        return self.effective.get(key)

    def written(self, key: str) -> BondOption | None:
        """The word the effective value of ``key`` comes from; None when unset or a default."""
        s = self.effective.get(key)
        return s.option if s is not None else None

    def number(self, key: str) -> int | None:
        """The effective value of a written ``key`` as the kernel reads a number (None: unset or not one)."""
        written = self.written(key)
        return written.number if written is not None else None

    @property
    def arp_targets(self) -> tuple[tuple[str, BondOption], ...]:
        """Every ARP target written, with the word it came from (``-IP`` removals left out): the
        bond's own words, else those its program applies (module defaults)."""
        out: list[tuple[str, BondOption]] = []
        words = [o for o in self.options if o.key == "arp_ip_target"]
        for opt in words or [w for w in self.applied if w.key == "arp_ip_target"]:
            v = opt.value.strip()
            if v.startswith("-"):
                continue
            out.extend((t, opt) for t in ((v[1:],) if v.startswith("+") else v.split(",")) if t)
        return tuple(out)

    @property
    def options_span(self) -> Span:
        """Where the bond's options are written: a keyfile's [bond] group, BONDING_OPTS, else the
        module options, else its file (a bond only the runtime knows: no file at all)."""
        iface = self.interface
        keyfile = iface.keyfile if iface is not None else None
        if keyfile is not None and keyfile.bond_setting is not None and keyfile.bond_setting.group_span is not None:
            return keyfile.bond_setting.group_span
        opts = iface.located("BONDING_OPTS") if iface is not None else None
        if opts is not None:
            return opts.span
        if self.module_options:
            return self.module_options[0].span
        return iface.file.span_of("DEVICE") if iface is not None else whole_file_span(None)

    @property
    def miimon(self) -> int | None:
        """Effective miimon: the written number, else the consumer's default (None: unknown release)."""
        written = self.number("miimon")
        if written is not None:
            return written
        default = self.defaults.get("miimon")
        return int(default.value) if default is not None else None

    def lost_word(self, key: str) -> tuple[Span, str] | None:
        """Where ``key`` was meant to be set but is not: a shell variable of its own beside an
        unquoted BONDING_OPTS (`BONDING_OPTS=mode=4 miimon=100`: bash drops it from the value,
        BL002), or a misspelt word two edits from it (`miimmon=100`, BL301; a name the release's
        driver knows is never a misspelling)."""
        iface = self.interface
        if iface is not None and self.bonding_opts:
            stray, opts = iface.located(key), iface.located("BONDING_OPTS")
            if stray is not None:
                same_line = opts is not None and stray.span.line == opts.span.line
                why = (
                    "bash ends the unquoted BONDING_OPTS value at the space (BL002)"
                    if same_line
                    else "it is a line of its own, not a word of BONDING_OPTS"
                )
                return stray.statement or stray.span, f"{key}={stray.text} is a shell variable of its own: {why}"
        for opt in self.options:
            known = opt.reading is None or opt.reading.known
            if not known and opt.key != key and edit_distance(opt.key, key, MAX_EDITS + 1) <= MAX_EDITS:
                return opt.span, f"{opt.word} is not {key} (BL301)"
        typo = self.misspelt_opts
        if typo is not None and any(w.startswith(key + "=") for w in typo.value.split()):
            return typo.name_span, f"its {key} is in {typo.key}, which nothing reads (BL013)"
        return None

    @property
    def misspelt_opts(self) -> Misspelling | None:
        """A misspelt BONDING_OPTS (`BONDING_OPT=`) in the bond's file when it has none: the
        options the author wrote, which nobody applies."""
        return self.interface.misspelt_as("BONDING_OPTS") if self.interface is not None else None

    @property
    def mode_name(self) -> str:
        return MODE_BY_NUMBER.get(self.mode, str(self.mode))

    @property
    def mode_source(self) -> str:
        """Where the effective mode comes from: ``mode=4 in BONDING_OPTS``, or the consumer's default."""
        opt = self.mode_option
        if opt is None:
            typo = self.misspelt_opts
            word = next((w for w in typo.value.split() if w.startswith("mode=")), None) if typo else None
            lost = f"; its {word} is in {typo.key}, which nothing reads (BL013)" if typo and word else ""
            return f"default of {self.consumer}{lost}"
        where = {"BONDING_OPTS": "BONDING_OPTS", "keyfile": "[bond]"}.get(opt.source, "the module options")
        return f"{opt.word} in {where}"


@attrs.frozen(slots=True)
class Gateway:
    """GATEWAY and GATEWAYDEV of /etc/sysconfig/network (plain values only), and where they are."""

    gateway: Located | None = None
    gatewaydev: Located | None = None

    def of(self, iface: Interface) -> Located | None:
        """The GATEWAY ifup-eth uses for ``iface``: its ifcfg's, else the network file's."""
        return iface.gateway or self.gateway


@attrs.frozen(slots=True)
class HostModel:
    root: str  # the root as the user gave it (display form)
    release: str | None  # el5, el6, el7, el8; None when unknown
    release_source: str  # "etc/redhat-release", "--release", "inferred: modprobe.conf without ..."
    release_assumed: bool  # True when inferred rather than read or forced
    release_version: str | None  # "5.2", "7.9": the minor version where a release file gives it
    partial: bool  # single files linted on their own: only file-scope rules run
    documents: tuple[Document, ...]  # every file read, in discovery order
    ifcfg_files: tuple[IfcfgFile, ...]
    interfaces: dict[str, Interface]
    bonds: dict[str, Bond]
    network: ShellDocument | None  # etc/sysconfig/network
    modules: ModuleConfig
    xen: XenNetwork | None
    route_files: tuple[str, ...]  # rel paths of network-scripts/route-* files
    #: every running bond joined with its configuration once, in proc-name order
    running: tuple[RunningBond, ...] = ()
    #: what shows the runtime state, where something does: "proc/net/bonding" (entries in the tree), or
    #: the running host under --live (then no bond at all is evidence too); None: the tree shows none
    runtime_source: str | None = None
    #: the devices the tree's interface lists show ran (sos ``ip address``, proc/net/dev, sys/class/net);
    #: None when it holds no such list
    runtime_devices: frozenset[str] | None = None

    @property
    def runtime(self) -> tuple[str, ...]:
        """The names /proc/net/bonding shows (``--live``: the running host's bonds), in order."""
        return tuple(rb.proc_name for rb in self.running)

    def ran(self, device: str) -> bool:
        """The runtime evidence shows ``device``: a /proc/net/bonding entry, or an interface list naming it."""
        return any(rb.name == device for rb in self.running) or (
            self.runtime_devices is not None and device in self.runtime_devices)
    network_file: NetworkFile | None = None  # etc/sysconfig/network as located values
    #: files that could not be read: their documents are empty ones of their kind carrying BL000
    unread: frozenset[str] = frozenset()
    #: single files linted on their own inside a host tree: path → path relative to that tree
    host_relpaths: dict[str, str] = attrs.field(factory=dict, eq=False)
    gateway: Gateway = Gateway()
    #: every NetworkManager keyfile profile found (loaded or not), /run first
    keyfiles: tuple[KeyfileProfile, ...] = ()
    #: NetworkManager's discovery facts (nm_discover.NmDiscovery) and what it loads
    nm: NmHost | None = None
    #: NetworkManager's and the network service's enablement as the tree shows it (None: files named one by one)
    services: Services | None = None
    #: which bonds loading the bonding module creates by itself (max_bonds, `-o`/`install` lines)
    bonding_module: BondingModule = BondingModule()
    #: every ``# bondlint:`` directive of the host's files (bondlint.suppress reads them once)
    suppressions: Suppressions = Suppressions()
    #: who installs the default route (model/routes.py), computed once by the converter
    default_route: DefaultRoute = DefaultRoute()

    @property
    def sourced_files(self) -> tuple[ShellFile, ...]:
        """Every file bash sources on this host, as written: live ifcfg files, then sysconfig/network."""
        files = tuple(f.lexical for f in self.ifcfg_files if f.live)
        return files + (self.network_file.lexical,) if self.network is not None and self.network_file is not None else files

    def interface_of(self, f: IfcfgFile) -> Interface | None:
        """The interface ``f`` defines (one of its files), else None (a file beside the one that counts)."""
        iface = self.interfaces.get(f.device_name)
        return iface if iface is not None and any(x is f for x in iface.files) else None

    def is_bond_master(self, f: IfcfgFile) -> bool:
        """The file configures a bond: its interface is one, or it has BONDING_OPTS or TYPE=Bond."""
        iface = self.interface_of(f)
        if iface is not None and iface.kind == "bond":
            return True
        return f.get("BONDING_OPTS") is not None or (clean(f.value("TYPE")) or "").lower() == "bond"

    @property
    def has_bonding_report(self) -> bool:
        """The tree holds a /proc/net/bonding report, readable or not (an unreadable one is BL000's)."""
        return any(doc.kind == "bonding" for doc in self.documents)

    @property
    def has_network_configuration(self) -> bool:
        """The tree holds some network configuration (an ifcfg file, a keyfile, a modprobe file):
        without any, a running bond's missing configuration says nothing (a proc-only tree)."""
        return bool(self.ifcfg_files or self.keyfiles or self.modules.files)

    @property
    def configured_bonds(self) -> dict[str, Interface]:
        """Bond masters the live configuration defines, by device name (as modprobe aliases name
        them): a bond by its own file (BONDING_OPTS, TYPE=Bond, an alias), one a slave names in
        MASTER, or a non-slave device named bondN. What the modprobe rules hold aliases against."""
        masters = {i.master for i in self.interfaces.values() if i.master}
        return {
            name: iface
            for name, iface in self.interfaces.items()
            if not iface.is_slave and (iface.kind == "bond" or name in masters or _BOND_NAME.fullmatch(name))
        }

    def problems(self, kinds: Iterable[str]) -> Iterator[Problem]:
        """Parse/read problems of these kinds across every document of the host."""
        kinds = frozenset(kinds)
        for doc in self.documents:
            for p in doc.problems:
                if p.kind in kinds:
                    yield p

    @property
    def networkmanager(self) -> tuple[int, int] | None:
        """The NetworkManager version (major, minor) this release ships; None when unknown."""
        return networkmanager_version(self.release, self.release_version)

    @property
    def capabilities(self) -> Release:
        """What this host's release does with network files: its row of model/release.py
        (``UNKNOWN``'s answers when the release is unknown). Rules ask these, never a release name."""
        return release_row(self.release)

    @property
    def nm_bonding_opts_is_bond(self) -> Truth:
        """Whether this host's NetworkManager types a file with BONDING_OPTS alone as a bond (1.8+)."""
        nm = self.networkmanager
        if nm is None:
            return Truth.UNKNOWN
        return Truth.TRUE if nm >= NM_BONDING_OPTS_IS_BOND else Truth.FALSE

    @property
    def nm_bonds_need_vlan_flag(self) -> bool:
        """This host's NetworkManager reads bonds only with NM_BOND_VLAN_ENABLED=yes in
        /etc/sysconfig/network (0.8, RHEL 6.3-6.10: before NM_BOND_VLAN_GATE_LIFTED)."""
        nm = self.networkmanager
        return nm is not None and nm < NM_BOND_VLAN_GATE_LIFTED

    @property
    def macs_obfuscated(self) -> Located | None:
        """The first MAC `sos clean` replaced (``53:4F:53:…``, "SOS" in ASCII: sos/cleaner/mappings/
        mac_map.py), when this report was cleaned; None otherwise. sos maps each MAC to one
        obfuscated MAC throughout the report, so equality still holds; the values mean nothing."""
        for iface in self.interfaces.values():
            for mac in (iface.hwaddr, iface.macaddr):
                if mac is not None and mac.text.replace("-", ":").upper().startswith(SOS_CLEAN_OUI):
                    return mac
        return None

    def nm_reads(self, f: ShellValues) -> bool:
        """NetworkManager reads this ifcfg file: a release that has it (el6+; unknown counts) and
        NM_CONTROLLED not false as NM reads it."""
        return nm_reads_ifcfg(self.release, f)

    def assumption_for(self, path: str | None) -> str | None:
        """What a finding located in ``path`` rests on beyond the files: the ifcfg-rh plugin taken as
        installed, for a live ifcfg file on a host where only it would read them (NmHost.ifcfg_assumed)."""
        assumed = self.nm.ifcfg_assumed if self.nm is not None else None
        if assumed is None or path is None:
            return None
        return assumed if any(f.path == path for f in self.live_files()) else None

    def live_files(self) -> Iterator[IfcfgFile]:
        return (f for f in self.ifcfg_files if f.live)

    def profile_files(self) -> Iterator[IfcfgFile | KeyfileProfile]:
        """Every configuration a consumer applies: live ifcfg files, then loaded keyfiles."""
        yield from self.live_files()
        yield from (k for k in self.keyfiles if k.loaded)

    def network_value(self, name: str) -> str | None:
        if self.network is None:
            return None
        return self.network.value(name)

    def controller_of(self, profile: IfcfgFile | KeyfileProfile) -> ControllerRef | None:
        """The controller a profile attaches its device to, resolved to that controller's device:
        a keyfile's controller by uuid or interface-name (``KeyfileProfile.controller_device``), an
        ifcfg file's MASTER by DEVICE, else by a bond's NetworkManager UUID or NAME (as NetworkManager
        resolves it), else its BRIDGE. None for a profile that names no controller."""
        if isinstance(profile, KeyfileProfile):
            key = "BRIDGE" if profile.port_type == "bridge" else "MASTER"
            written = profile.facts.get(key)
            if not profile.controller or written is None:
                return None
            return ControllerRef(profile.controller_device or profile.controller, profile.port_type or "bond", written)
        master = profile.located("MASTER")
        if master is not None and master.text.strip():
            return ControllerRef(self._bond_named(master.text.strip()), "bond", master)
        bridge = profile.located("BRIDGE")
        if bridge is not None and bridge.text.strip():
            return ControllerRef(bridge.text.strip(), "bridge", bridge)
        return None

    def _bond_named(self, master: str) -> str:
        """The bond device an ifcfg MASTER names: a DEVICE, else a bond's UUID or NAME, else itself."""
        if master in self.interfaces:
            return master
        for iface in self.interfaces.values():
            if iface.kind == "bond" and master in (clean(iface.value("UUID")), clean(iface.value("NAME"))):
                return iface.device
        return master

    def master_target(self, master: str) -> Interface | None:
        """The device an ifcfg MASTER names, as initscripts (DEVICE) or NetworkManager (a bond's
        connection UUID or NAME) find it; None when nothing defines it (BL201)."""
        return self.interfaces.get(self._bond_named(master))

    def ports_by_profile(self, bond: Bond) -> int:
        """Live ifcfg files NetworkManager enslaves to ``bond`` by its connection UUID or NAME
        (MASTER_UUID=, MASTER=<NAME>), which the bond's own ports (by DEVICE) do not count."""
        iface = bond.interface
        if iface is None:
            return 0
        keys = {k for k in (clean(iface.value("UUID")), clean(iface.value("NAME"))) if k and k != bond.name}
        if not keys:
            return 0
        return sum(1 for f in self.live_files() if clean(f.value("MASTER_UUID")) in keys or f.master in keys)

    def refused_port_of(self, bond: Bond) -> bool:
        """A keyfile port of ``bond`` that NetworkManager does not load: its own finding names the
        cause (BL703, BL704, ...), so the bond's missing port is not reported again."""
        names = {bond.name} | ({bond.interface.value("UUID")} if bond.interface is not None else set())
        return any(not k.loaded and k.controller in names for k in self.keyfiles)

    def hwaddr_on_bond(self, f: IfcfgFile | KeyfileProfile) -> Located | None:
        """A bond master's file sets HWADDR (a keyfile's mac-address) other than its MACADDR: the
        address ifup's MAC check fails on (BL103), which is no NIC's own to share (BL102)."""
        a = f.located("HWADDR")
        if a is None or not a.text or not self.is_bond_master(f):
            return None
        return a if a.text.upper() != (clean(f.value("MACADDR")) or "").upper() else None

    def consumer_of(self, f: IfcfgFile) -> str | None:
        """The program that applies ``f``: its interface's consumer where the interface is read from
        ``f``; None for a file beside that one (a second file for one device, BL011)."""
        iface = self.interface_of(f)
        return iface.consumer if iface is not None and iface.file is f else None

    def vlans_on(self, device: str) -> tuple[Interface, ...]:
        """The VLANs whose parent is ``device`` (``Interface.vlan_parent``: PHYSDEV, else the name
        before the dot; a keyfile's ``[vlan] parent``)."""
        return tuple(i for i in self.interfaces.values() if i.kind == "vlan" and i.vlan_parent == device)

    def bridged_vlans(self, device: str) -> tuple[Interface, ...]:
        """The VLANs on ``device`` that are bridge ports (ifcfg ``VLAN=yes``/``bond0.15`` with
        ``BRIDGE=``, a keyfile ``[vlan] parent=`` with a bridge controller): the bridges its
        traffic lands in through VLANs, as if ``device`` were the bridge port itself."""
        return tuple(i for i in self.vlans_on(device) if i.bridge)

    def controllers_differ(self, a: IfcfgFile | KeyfileProfile, b: IfcfgFile | KeyfileProfile) -> bool:
        """Two profiles of one device both attach it to a controller, and not to the same one (BL207's
        fact; BL011 reports two competing profiles only when this is not so)."""
        ca, cb = self.controller_of(a), self.controller_of(b)
        return ca is not None and cb is not None and ca.device != cb.device


@attrs.frozen(slots=True)
class ControllerRef:
    """The controller a profile names for its device (``HostModel.controller_of``)."""

    device: str  # the controller's device: a uuid or NetworkManager NAME resolved to its interface name
    port_type: str  # "bond", "bridge" (a keyfile's port-type otherwise: "team", "ovs-port", ...)
    written: Located  # the value as written (MASTER=, BRIDGE=, controller=), where findings point


def autoconnect_priority(profile: IfcfgFile | KeyfileProfile) -> int:
    """NetworkManager's autoconnect-priority of a profile: a keyfile's ``autoconnect-priority``; 0 for an
    ifcfg file (its AUTOCONNECT_PRIORITY is not read here)."""
    return profile.priority if isinstance(profile, KeyfileProfile) else 0


def nm_reads_ifcfg(release: str | None, f: ShellValues) -> bool:
    """NetworkManager's ifcfg-rh reads this file: el6+ (unknown counts), NM_CONTROLLED not false."""
    if not release_row(release).nm_bonds:
        return False
    return read_bool(NETWORKMANAGER, "NM_CONTROLLED", f.value("NM_CONTROLLED")).or_default(True)


#: The namespace of the uuids NetworkManager derives from strings (nm_uuid_ns_1, libnm-glib-aux/nm-uuid.c).
_NM_UUID_NS = uuid_module.UUID("b425e9fb-7598-44b4-9e3b-5a2e3aaa4905")


#: NetworkManager's keyfile properties that carry the facts the ifcfg names stand for
#: (the correspondence NetworkManager's ifcfg-rh plugin reads and writes): rules that ask an
#: interface's file for ``HWADDR`` get a keyfile's ``[ethernet] mac-address``.
KEYFILE_NAMES: dict[str, str] = {
    "DEVICE": "interface-name",
    "NAME": "id",
    "UUID": "uuid",
    "TYPE": "type",
    "HWADDR": "mac-address",
    "MACADDR": "cloned-mac-address",
    "MASTER": "controller",
    "BRIDGE": "controller",
    "SLAVE": "port-type",
    "ONBOOT": "autoconnect",
    "BOOTPROTO": "[ipv4] method",
    "IPADDR": "[ipv4] address1",
    "PREFIX": "[ipv4] address1",
    "GATEWAY": "[ipv4] gateway",
    "DEFROUTE": "[ipv4] never-default",
}


@attrs.frozen(slots=True)
class KeyfileProfile:
    """One NetworkManager keyfile profile as the host model reads it.

    ``facts`` holds the profile's values under the ifcfg names of the same facts
    (``KEYFILE_NAMES``), each located in the keyfile, so an Interface built from a
    keyfile answers ``located("HWADDR")`` with its ``mac-address``; ``written_as``
    says how a message names the key. ``loaded`` is False when NetworkManager does
    not use the file (``why_not`` says why: BL703/BL704/shadowed).
    """

    rel: str
    path: str
    name: str  # the file name
    storage: str  # "run", "etc", "lib" (nm_discover.PROFILE_DIRS)
    doc: Document  # a KeyfileDocument (empty with BL000 when unreadable)
    id: str
    uuid: str | None  # written uuid (None: NetworkManager derives one from the path, BL711)
    type: str | None
    autoconnect: bool
    priority: int  # autoconnect-priority
    autoconnect_ports: bool = False  # autoconnect-ports=1: activating this controller activates its ports
    facts: dict[str, Located] = attrs.field(factory=dict, eq=False)
    loaded: bool = True
    why_not: str | None = None
    #: what keeps it from being loaded: "BL703", "BL704", "BL010" (the rule saying so), "verify"
    #: (nm_bond.verify_errors: BL3xx), "shadowed"; None when loaded
    rejection: str | None = None
    controller: str | None = None  # controller as written (deprecated master wins, see the notes)
    port_type: str | None = None
    #: the interface-name of the profile ``controller`` names (by uuid or interface-name), else None
    controller_device: str | None = None
    controller_by: str | None = None  # "uuid", "interface-name", or None when unresolved
    candidate: object = attrs.field(default=None, eq=False, repr=False)  # nm_discover.KeyfileCandidate
    bond: object = attrs.field(default=None, eq=False, repr=False)  # nm_bond.NmBond for [bond]
    #: the fatal checks NetworkManager's verify() fails (the profile is not loaded)
    verify_errors: tuple[VerifyError, ...] = ()
    #: MAC keys NetworkManager drops as invalid: (key, the text as written, its span)
    invalid_macs: tuple[tuple[str, str, Span], ...] = ()
    live: bool = True  # like IfcfgFile.live: the file is read (loaded is whether NM uses it)
    #: the file name looks like a copy (``bond0.nmconnection.bak``, ``bond0-copy.nmconnection``) and
    #: is not the profile's own id or interface-name (nmcli names files by id): BL008
    looks_like_backup: bool = False
    #: [bond] as NetworkManager reads it (None: no [bond] group, or no bond profile)
    bond_setting: BondSetting | None = None
    #: the [connection] header line (where a finding about the profile as a whole points), else None
    header_span: Span | None = None
    #: where the port-type is written (or the [bond-port] header it is inferred from), else None
    port_type_span: Span | None = None
    #: controller/master and port-type/slave-type written with different values (BL708)
    key_conflicts: tuple[KeyConflict, ...] = ()
    #: settings written under two group names (BL710)
    group_splits: tuple[GroupSplit, ...] = ()

    @property
    def profile_span(self) -> Span:
        """Where a finding about the profile as a whole points: its [connection] header, else the file."""
        return self.header_span or whole_file_span(self.path)

    @property
    def suffix(self) -> str:
        return self.facts["DEVICE"].text if "DEVICE" in self.facts else self.id

    @property
    def device_name(self) -> str:
        """The device the profile configures: its interface-name, else its id."""
        return clean(self.value("DEVICE")) or self.suffix

    @property
    def master(self) -> str | None:
        """The controller it names (``controller=``) unless it is a bridge port (that is its BRIDGE), else None."""
        return clean(self.value("MASTER"))

    @property
    def label(self) -> str:
        """How a message names the file: ``eth0.nmconnection``."""
        return self.name

    def mac(self, key: str) -> tuple[Located, str] | None:
        """``mac-address`` (HWADDR) or ``cloned-mac-address`` (MACADDR) and its upper-cased MAC, when well-formed."""
        return _written_mac(self, key)

    @property
    def peer_addressed(self) -> bool:
        """A ppp*/ippp* device: its address comes from the peer."""
        return _peer_addressed(self)

    @property
    def effective_uuid(self) -> str:
        """The uuid NetworkManager uses: the written one, else the one it derives from the file's name,
        a version-3 UUID of ``keyfile\\0/etc/NetworkManager/system-connections/<name>\\0`` in its
        namespace nm_uuid_ns_1 (nms-keyfile-reader.c seeds it with the /etc profile directory and the
        file name whatever directory holds the file; nm-keyfile.c nm_keyfile_read_ensure_uuid): ports
        may name it so, and a rename of the file changes it (BL711; docs/semantics-notes.md)."""
        if self.uuid:
            return self.uuid
        return str(uuid_module.uuid3(_NM_UUID_NS, f"keyfile\0/etc/NetworkManager/system-connections/{self.name}\0"))

    def written_as(self, name: str) -> str:
        """How messages name the key holding the fact ``name``."""
        return KEYFILE_NAMES.get(name, name)

    def get(self, name: str) -> None:
        """A keyfile has no shell assignments (rules reading them read ifcfg files)."""
        return None

    def cut_at_space(self, name: str) -> bool:
        """A keyfile value is the whole line: nothing cuts it (ShellValues.cut_at_space)."""
        return False

    def value(self, name: str) -> str | None:
        loc = self.facts.get(name)
        return loc.text if loc is not None else None

    def located(self, name: str) -> Located | None:
        return self.facts.get(name)

    plain = located

    def assigned(self) -> Iterator[tuple[str, Located]]:
        return iter(self.facts.items())

    plain_values = assigned

    @property
    def text(self) -> str:
        return self.doc.text

    def span_of(self, name: str) -> Span:
        loc = self.facts.get(name)
        if loc is not None:
            return loc.span
        dev = self.facts.get("DEVICE")
        return dev.span if dev is not None else whole_file_span(self.path)

    def line_of(self, name: str) -> Span | None:
        loc = self.facts.get(name)
        return loc.statement or loc.span if loc is not None else None

    def first_line(self) -> Span | None:
        lines = getattr(self.doc, "lines", ())
        return lines[0].span if lines else None

    def assignment_span(self, name: str) -> Span | None:
        return self.line_of(name)


@attrs.frozen(slots=True)
class NmHost:
    """NetworkManager on this host: discovery, the consumer table, the plugins it loads."""

    discovery: object  # nm_discover.NmDiscovery
    consumers: Release | None  # the release's row (None: release unknown)
    plugins: tuple[str, ...]  # loaded settings plugins, in priority order
    plugins_span: Span | None  # the plugins= line that decided them (None: the default)
    ifcfg_read: bool  # something reads ifcfg files (initscripts or the ifcfg-rh plugin)
    ifcfg_reason: str  # why (or why not): for BL709 and messages
    #: set when ``ifcfg_read`` rests on an assumption (RHEL 9 without a NetworkManager plugin directory
    #: in the tree: the optional ifcfg-rh package is taken as installed): what findings in ifcfg files say
    ifcfg_assumed: str | None = None
    #: the tree is a version-control checkout (nm_discover.VcsFact, where="above-root"): file modes and
    #: owners are the checkout's, so NetworkManager's permission check is not judged per file (BL703)
    checkout: object | None = None
    #: files in system-connections NetworkManager skips by name: (path as shown, why, "etc"/"run"/"lib") (BL705)
    ignored: tuple[tuple[str, str, str], ...] = ()
    #: profiles NetworkManager hides behind another of the same uuid (K06: BL011, BL008 for backups)
    shadows: tuple[UuidShadow, ...] = ()

    def winner_unknown(self, s: UuidShadow) -> bool:
        """The files do not say which profile of one uuid NetworkManager uses: it rests on mtimes
        (or equal ones), and a checkout's mtimes are the checkout's."""
        return s.by in ("mtime", "name") and self.checkout is not None

    def hidden(self, f: object) -> UuidShadow | None:
        """The shadowing that hides ``f`` (an ifcfg file or a keyfile profile), else None."""
        return next((s for s in self.shadows if s.hidden is f), None)


@attrs.frozen(slots=True)
class UuidShadow:
    """One profile NetworkManager does not use because another has its uuid (K06).

    ``by`` says what decided (nms-keyfile-storage.c ``cmp_fcn`` within the keyfile plugin,
    nm-settings-storage.c ``nm_settings_storage_cmp`` across plugins): "directory" (/run over
    /etc over /usr/lib), "mtime" (in one directory the newer file wins; a checkout or a copy does
    not keep mtimes), "name" (equal mtimes: the greater file name), "plugin" (the first plugin in
    NetworkManager's list wins; an in-memory /run profile beats every plugin).
    """

    uuid: str
    used: IfcfgFile | KeyfileProfile
    hidden: IfcfgFile | KeyfileProfile
    by: str

    @property
    def deliberate(self) -> bool:
        """How NetworkManager's own overrides look: a /run (in-memory) or /etc copy over a lower directory."""
        return self.by == "directory"


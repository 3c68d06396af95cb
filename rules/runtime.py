"""BL8xx: the running bonds (/proc/net/bonding under the audited root, or the live host).

Each rule reads the running bonds as ``HostModel.running``, which the builder
joins once with their configuration (``pbond0`` with ``bond0`` under Xen
3.0/3.1). Findings point at the proc line that shows the problem; the
configuration line that disagrees is attached as related.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from bondlint.rule_api import Related, Severity, Violation, rule
from bondlint.model.values import INITSCRIPTS, NETWORKMANAGER
from bondlint.model.host import BondOption, HostModel, mode_text
from bondlint.model.runtime import RunningBond
from bondlint.syntax.span import Span

#: LACP port state bits (if_bonding.h), in bit order.
PORT_STATE_BITS: tuple[str, ...] = (
    "Activity",
    "Timeout",
    "Aggregation",
    "Synchronization",
    "Collecting",
    "Distributing",
    "Defaulted",
    "Expired",
)
#: A negotiated port: Activity, Aggregation, Synchronization, Collecting, Distributing (+ short Timeout).
HEALTHY_ACTOR_STATES = frozenset({61, 63})
#: The same without Activity, for a bond with "LACP active: off" (passive LACP, newer kernels).
HEALTHY_PASSIVE_STATES = frozenset({60, 62})

_SOURCE_NAMES = {"BONDING_OPTS": "BONDING_OPTS", "keyfile": "the keyfile's [bond]"}


def _where(opt: BondOption) -> str:
    return f"{opt.word} in {_SOURCE_NAMES.get(opt.source, 'the module options')}"


def _related(opt: BondOption | None, message: str) -> tuple[Related, ...]:
    return () if opt is None else (Related(opt.value_place, message),)


def _bits(state: int) -> str:
    names = [name for i, name in enumerate(PORT_STATE_BITS) if state & (1 << i)]
    return ", ".join(names) or "no bits set"


# --------------------------------------------------------------------------- BL801


@rule("BL801", "runtime-mode-mismatch", Severity.ERROR)
def runtime_mode_mismatch(host: HostModel) -> Iterator[Violation]:
    """The bond runs in another mode than its configuration asks for.

    ## What it checks
    The mode of `Bonding Mode:` in `/proc/net/bonding/<bond>` against the
    bond's effective mode for whoever applies it (`Bond.mode`). initscripts:
    `mode=` in BONDING_OPTS, else the `options bonding` default it starts
    from (`options <bond>` is not read when BONDING_OPTS is set); without
    BONDING_OPTS, `options bonding` / `options <bond>`; else 0 (balance-rr).
    NetworkManager: `mode=` in BONDING_OPTS, else its default, balance-rr
    (module options do not reach it). Names and numbers are equivalent
    (`mode=4` is `802.3ad`).

    ## Why it matters
    The configuration on disk was not applied, so the host behaves unlike what
    its files say, and will change behaviour at the next reboot. Typical
    causes: the mode was written while the bond was up or had slaves (the
    kernel refuses it silently on RHEL 5), options in a modprobe.conf that
    kmod ignores, or `options bond0` lines that `modprobe bonding` never
    reads. A bond meant for 802.3ad running balance-rr sprays frames over
    switch ports that expect an LACP channel.

    ## Example
    ```
    # etc/sysconfig/network-scripts/ifcfg-bond0
    BONDING_OPTS="mode=802.3ad miimon=100"
    # proc/net/bonding/bond0
    Bonding Mode: load balancing (round-robin)
    ```
    Use instead: a running mode that matches the configuration:
    ```
    Bonding Mode: IEEE 802.3ad Dynamic link aggregation
    ```

    ## Fix
    Restart the bond so the configuration is applied from scratch
    (`ifdown bond0; ifup bond0`, or `modprobe -r bonding` first on RHEL 5),
    or correct the configuration if the running mode is the intended one.

    ## Notes
    A bond that nothing configures (created by hand) has no mode to compare
    with and is skipped, and so is a bond whose configured `mode=` is not a
    valid value (BL3xx reports that).
    """
    for rb in host.running:
        bond, shown = rb.bond, rb.mode
        if bond is None or shown is None or shown.value is None or not rb.mode_not_applied:
            continue
        opt = bond.mode_option
        where = (
            f"by {_where(opt)}"
            if opt is not None
            else "by default (no mode= in BONDING_OPTS or the module options)"
            if bond.consumer == INITSCRIPTS
            else "by NetworkManager's default (no mode= in BONDING_OPTS)"
        )
        polled, configured = rb.miimon.value if rb.miimon else None, bond.number("miimon")
        also = (
            f" (miimon={configured} is configured, MII polling runs at {polled} ms)"
            if polled is not None and configured is not None and polled != configured
            else ""
        )
        yield Violation(
            shown.span,
            f"{rb.label} runs in mode {mode_text(shown.value)} but is configured for "
            f"{mode_text(bond.mode)} {where}: the configuration was not applied{also}",
            related=_related(opt, f"{rb.name} is configured for mode {mode_text(bond.mode)} here"),
        )


# --------------------------------------------------------------------------- BL802


@rule("BL802", "runtime-miimon-mismatch", Severity.WARNING)
def runtime_miimon_mismatch(host: HostModel) -> Iterator[Violation]:
    """The running MII polling interval differs from the configured miimon.

    ## What it checks
    `MII Polling Interval (ms)` against the configured `miimon` (written for
    the consumer that applies the bond, as for BL801: BONDING_OPTS over the
    `options bonding` defaults for initscripts), or against 0 when only ARP
    monitoring (`arp_interval` with `arp_ip_target`) is configured.

    ## Why it matters
    Link monitoring is not what the admin chose: with 0 the bond never notices
    a dead link and keeps sending into it; a different interval changes how
    fast it fails over. It also shows that the options were not applied as
    written (rejected BONDING_OPTS, ARP/MII precedence).

    ## Example
    ```
    # ifcfg-bond0
    BONDING_OPTS="mode=active-backup miimon=100"
    # proc/net/bonding/bond0
    MII Polling Interval (ms): 0
    ```
    Use instead:
    ```
    MII Polling Interval (ms): 100
    ```

    ## Fix
    Restart the bond so BONDING_OPTS is applied again, and check the kernel
    log for rejected options; or make the configuration say what runs.

    ## Notes
    Silent when the mode was not applied either (BL801 reports the one
    cause: the configuration was not applied); when nothing configures
    miimon or ARP (the default differs between kernels); when both miimon and arp_interval are configured (which monitor
    wins depends on where they are written, so either 0 or miimon is
    accepted); when `miimon=0` is configured for modes 4–6 and 100 runs (the
    kernel forces 100 there); and for ARP settings in modes 4–6 (rejected or
    handled differently per kernel).
    """
    for rb in host.running:
        bond, field = rb.bond, rb.miimon
        running = None if field is None else field.value
        if bond is None or field is None or running is None or rb.mode_not_applied:
            continue  # a mode not applied is BL801's one finding: the options were not applied at all
        miimon_opt = bond.written("miimon")
        arp_opt = bond.written("arp_interval")
        miimon, arp = bond.number("miimon"), bond.number("arp_interval") or 0
        arp = arp if bond.written("arp_ip_target") is not None else 0
        if miimon_opt is not None and miimon is None:
            continue
        keyfile = bond.interface is not None and bond.interface.keyfile is not None
        nm_default = bond.setting("miimon") if miimon_opt is None and keyfile else None
        if nm_default is not None and arp == 0:
            miimon = int(nm_default.value)  # K43: what NetworkManager applies, written or not
        if nm_default is not None and miimon is not None and arp == 0:
            allowed, opt = {miimon}, None
            expected = f"NetworkManager applies miimon={miimon} ({nm_default.where}: nothing is written)"
        elif miimon is not None:
            if miimon > 0 and arp > 0:
                allowed = {miimon, 0}
            elif miimon == 0 and rb.mode_number in (4, 5, 6):
                allowed = {0, 100}
            else:
                allowed = {miimon}
            opt = miimon_opt
            expected = f"miimon={miimon} is configured ({_where(miimon_opt)})"
        elif arp > 0 and rb.mode_number not in (4, 5, 6):
            allowed, opt = {0}, arp_opt
            expected = f"only ARP monitoring is configured ({_where(arp_opt)}), so MII polling should be off (0)"
        else:
            continue
        if running in allowed:
            continue
        yield Violation(
            field.span,
            f"{rb.label} polls MII every {running} ms but {expected}: the configured "
            "link monitoring is not what runs",
            related=_related(opt, "configured here"),
        )


def _file_says(iface) -> str:
    return "its keyfile says" if iface.keyfile is not None else "its ifcfg file says"


# --------------------------------------------------------------------------- BL803


@rule("BL803", "lacp-partner-missing", Severity.ERROR)
def lacp_partner_missing(host: HostModel) -> Iterator[Violation]:
    """An 802.3ad bond has no LACP partner: the switch ports are not running LACP.

    ## What it checks
    A bond running 802.3ad whose active aggregator shows
    `Partner Mac Address: 00:00:00:00:00:00`, or (newer kernels) an up slave
    whose `details partner lacp pdu` shows `system mac address:
    00:00:00:00:00:00`.

    ## Why it matters
    The switch never sent an LACPDU: its ports are not in an LACP
    channel-group, or are in a static EtherChannel ("mode on"). Linux then
    puts each port in its own aggregator and uses only one of them, so the
    bond runs at one link's bandwidth with no load balancing, and a static
    channel on the switch side may even loop or drop frames. This is the
    seed scenario's missed step: "configure the switchports for 802.3ad".

    ## Example
    ```
    Active Aggregator Info:
    	Partner Mac Address: 00:00:00:00:00:00
    ```
    Use instead: the switch's system MAC as partner:
    ```
    Active Aggregator Info:
    	Partner Mac Address: 00:1b:54:3a:c2:80
    ```

    ## Fix
    Configure the switch ports of every slave as one LACP port-channel
    (Cisco: `channel-group N mode active`, not `mode on`), then check that
    `Partner Mac Address` shows the switch.

    ## Notes
    Slaves whose link is down are left to BL808: their partner information is
    naturally empty.
    """
    for rb in host.running:
        if rb.mode_number != 4:
            continue
        aggregator = rb.aggregator
        if aggregator is not None and aggregator.partner_mac is not None and aggregator.no_partner:
            field = aggregator.partner_mac
            yield Violation(
                field.span,
                f"{rb.label} runs 802.3ad but its LACP partner MAC is {field.text}: "
                "the switch ports are not running LACP (no LACPDU received). Configure them "
                "as an LACP channel-group (mode active/passive), not a static 'mode on' EtherChannel",
            )
            continue
        for slave in rb.up_slaves:
            mac = slave.partner_system_mac
            if mac is not None and slave.no_partner:
                yield Violation(
                    mac.span,
                    f"slave {slave.name} of {rb.label} has LACP partner system MAC {mac.text}: "
                    "its switch port is not running LACP (no LACPDU received). Add the port to "
                    "the LACP channel-group (mode active/passive) with the other slaves",
                )


# --------------------------------------------------------------------------- BL804


@rule("BL804", "lacp-defaulted", Severity.ERROR)
def lacp_defaulted(host: HostModel) -> Iterator[Violation]:
    """LACP did not negotiate on a port: defaulted partner, or actor state not 61/63.

    ## What it checks
    For each up slave of an 802.3ad bond that prints the LACPDU details
    (newer kernels): the actor `port state` must be 61 (slow rate) or 63
    (fast), that is Activity, Aggregation, Synchronization, Collecting and
    Distributing; and the partner `port state` must not have the Defaulted
    bit (0x40).

    ## Why it matters
    A port without Collecting and Distributing carries no traffic even though
    its link is up; a defaulted partner means no LACPDU arrived from the
    switch. The bond silently runs on fewer links than it has.

    ## Example
    ```
    details actor lacp pdu:
        port state: 77
    ```
    Use instead:
    ```
    details actor lacp pdu:
        port state: 61
    ```

    ## Fix
    Check the switch port: it must be in the same LACP channel-group as the
    other slaves, with LACP active or passive, same speed and duplex.

    ## Notes
    With `LACP active: off` (passive LACP, newer kernels) 60 and 62 are
    healthy too. Down slaves are left to BL808, and drivers that print no
    port state cannot be checked.
    """
    for rb in host.running:
        if rb.mode_number != 4:
            continue
        healthy = set(HEALTHY_ACTOR_STATES)
        if rb.lacp_active is not None and rb.lacp_active.value == "off":
            healthy |= HEALTHY_PASSIVE_STATES
        for slave in rb.up_slaves:
            actor, partner = slave.actor_port_state, slave.partner_port_state
            if actor is not None and actor.value is not None and actor.value not in healthy:
                state = actor.value
                yield Violation(
                    actor.span,
                    f"slave {slave.name} of {rb.label} has actor port state {state} "
                    f"(0x{state:02X}: {_bits(state)}), not 61 or 63: LACP did not negotiate on "
                    "this port, so it does not carry traffic",
                )
            elif partner is not None and partner.value is not None and slave.partner_defaulted:
                state = partner.value
                yield Violation(
                    partner.span,
                    f"slave {slave.name} of {rb.label} has partner port state {state} "
                    f"(0x{state:02X}: {_bits(state)}) with the Defaulted bit: no LACPDU came "
                    "from the switch on this port",
                )


# --------------------------------------------------------------------------- BL805


@rule("BL805", "aggregator-split", Severity.ERROR)
def aggregator_split(host: HostModel) -> Iterator[Violation]:
    """802.3ad slaves landed in different aggregators; only the active one carries traffic.

    ## What it checks
    In an 802.3ad bond, every up slave must show the `Aggregator ID` of the
    active aggregator, and the active aggregator's `Number of ports` must not
    be lower than the number of up slaves.

    ## Why it matters
    The bond sends and receives only through the active aggregator. A slave in
    another aggregator is up, looks healthy, and carries nothing: the bond
    has less bandwidth and less redundancy than it seems. Causes: slaves
    cabled to two switches that are not one logical switch (no MLAG/stack),
    different LACP keys, different speed or duplex, or ports outside the
    channel-group.

    ## Example
    ```
    Active Aggregator Info:
    	Aggregator ID: 1
    Slave Interface: eth0
    Aggregator ID: 1
    Slave Interface: eth1
    Aggregator ID: 2
    ```
    Use instead:
    ```
    Slave Interface: eth1
    Aggregator ID: 1
    ```

    ## Fix
    Put all slave ports in one port-channel on one switch (or an MLAG pair),
    with the same speed and duplex, then re-check the aggregator IDs.

    ## Notes
    Slaves whose link is down are left to BL808: a down port always sits
    outside the active aggregator.
    """
    for rb in host.running:
        if rb.mode_number != 4:
            continue
        up = rb.up_slaves
        info = rb.aggregator
        active = info.aggregator_id.value if info is not None and info.aggregator_id is not None else None
        ids = [(s.name, s.aggregator_id) for s in up if s.aggregator_id is not None and s.aggregator_id.value is not None]
        split = False
        if active is not None:
            for name, shown in ids:
                if shown.value != active:
                    split = True
                    yield Violation(
                        shown.span,
                        f"slave {name} of {rb.label} is up but in aggregator "
                        f"{shown.value}, not the active aggregator {active}: it carries no traffic",
                    )
        elif len({shown.value for _, shown in ids}) > 1:
            split = True
            yield Violation(
                ids[0][1].span,
                f"the up slaves of {rb.label} are in different aggregators "
                f"({', '.join(f'{name}: {shown.value}' for name, shown in ids)}): "
                "only one aggregator carries traffic",
            )
        field = None if info is None else info.ports
        ports = None if field is None else field.value
        if not split and ports is not None and field is not None and ports < len(up):
            yield Violation(
                field.span,
                f"the active aggregator of {rb.label} has {ports} port(s) while {len(up)} slaves "
                f"are up ({', '.join(s.name for s in up)}): the others carry no traffic",
            )


# --------------------------------------------------------------------------- BL806


@rule("BL806", "no-active-aggregator", Severity.ERROR)
def no_active_aggregator(host: HostModel) -> Iterator[Violation]:
    """An 802.3ad bond reports "has no active aggregator": it carries no traffic.

    ## What it checks
    The line `bond <bond> has no active aggregator` in the 802.3ad section.

    ## Why it matters
    Without an active aggregator the 802.3ad bond has no carrier: every
    address on it, every VLAN and every Xen guest bridged through it is off
    the network.

    ## Example
    ```
    802.3ad info
    LACP rate: slow
    bond bond0 has no active aggregator
    ```
    Use instead:
    ```
    802.3ad info
    LACP rate: slow
    Active Aggregator Info:
    	Aggregator ID: 1
    ```

    ## Fix
    Bring up the slave links (BL808) and check that the bond has slaves
    (BL810) and that the switch ports run LACP (BL803).
    """
    for rb in host.running:
        span = rb.no_active_aggregator
        if span is None:
            continue
        yield Violation(
            span,
            f"{rb.label} has no active aggregator: no 802.3ad aggregator has a usable link, "
            "so the bond carries no traffic",
        )


# --------------------------------------------------------------------------- BL807


@rule("BL807", "lacp-churned", Severity.WARNING)
def lacp_churned(host: HostModel) -> Iterator[Violation]:
    """LACP on a slave did not converge: its churn state is "churned".

    ## What it checks
    `Actor Churn State` or `Partner Churn State` of an up slave reads
    `churned` (kernels that print churn states).

    ## Why it matters
    The actor or partner did not reach a synchronised state within the churn
    detection time. The port stays out of the aggregator; usually the switch
    port runs no LACP or belongs to another channel.

    ## Example
    ```
    Slave Interface: ens1f1
    Actor Churn State: churned
    Partner Churn State: churned
    ```
    Use instead:
    ```
    Actor Churn State: none
    Partner Churn State: none
    ```

    ## Fix
    Configure the switch port in the bond's LACP channel-group, then check
    that the churn states return to `none`.

    ## Notes
    `monitoring` is the normal transient state after a link comes up and is
    not reported. Down slaves are left to BL808.
    """
    for rb in host.running:
        for slave in rb.up_slaves:
            churned = [
                (side, state)
                for side, state in (("actor", slave.actor_churn), ("partner", slave.partner_churn))
                if state is not None and state.value == "churned"
            ]
            if not churned:
                continue
            sides = [side for side, _ in churned]
            yield Violation(
                churned[0][1].span,
                f"slave {slave.name} of {rb.label} has {' and '.join(sides)} churn state "
                "'churned': LACP did not converge on this port (usually the switch port runs no LACP)",
            )


# --------------------------------------------------------------------------- BL808


@rule("BL808", "slave-link-down", Severity.ERROR)
def slave_link_down(host: HostModel) -> Iterator[Violation]:
    """A slave's link is down (error), or an up slave has lost its link before (warning).

    ## What it checks
    Each slave's `MII Status: down` (error); for an up slave, a
    `Link Failure Count` above 0 (warning).

    ## Why it matters
    A down slave means the bond runs without the redundancy it was built
    for: the next failure takes the host off the network. Link failures on
    an up slave point at a flapping cable, NIC or switch port that will fail
    again.

    ## Example
    ```
    Slave Interface: eth0
    MII Status: down
    Speed: Unknown
    ```
    Use instead:
    ```
    Slave Interface: eth0
    MII Status: up
    Speed: 1000 Mbps
    ```

    ## Fix
    Check the cable, the NIC and the switch port of the slave (`ethtool
    eth0`, the switch's port status), then watch that the failure count stays
    put.

    ## Notes
    One snapshot cannot show the count rising, so any count above 0 on an up
    slave is reported as a warning: the count is reset when the slave is
    enslaved again.
    """
    for rb in host.running:
        for slave in rb.slaves:
            status, failures = slave.mii_status, slave.link_failure_count
            if status is not None and status.value == "down":
                yield Violation(
                    status.span,
                    f"slave {slave.name} of {rb.label} has MII Status down: its link is lost "
                    "(cable, NIC or switch port), so the bond runs without that link",
                )
            elif slave.up and failures is not None and (failures.value or 0) > 0:
                count = failures.value
                yield Violation(
                    failures.span,
                    f"slave {slave.name} of {rb.label} is up but has lost its link {count} "
                    f"time{'s' if count != 1 else ''} since it was enslaved (Link Failure Count: {count}): "
                    "check the cable and switch port",
                    severity=Severity.WARNING,
                )


# --------------------------------------------------------------------------- BL809


@rule("BL809", "speed-duplex-mismatch", Severity.WARNING)
def speed_duplex_mismatch(host: HostModel) -> Iterator[Violation]:
    """802.3ad slaves differ in speed or duplex, run half duplex, or have an unknown speed.

    ## What it checks
    In an 802.3ad bond, the `Speed` and `Duplex` of the up slaves: all must
    be equal, full duplex, and known.

    ## Why it matters
    802.3ad "creates aggregation groups that share the same speed and duplex
    settings" (kernel bonding documentation): a slave at another speed lands
    in its own aggregator and carries nothing, and half duplex cannot be
    aggregated at all.

    ## Example
    ```
    Slave Interface: ens1f0
    Speed: 10000 Mbps
    Slave Interface: ens1f1
    Speed: 1000 Mbps
    ```
    Use instead:
    ```
    Slave Interface: ens1f1
    Speed: 10000 Mbps
    ```

    ## Fix
    Use NICs and switch ports of the same speed, with autonegotiation on both
    sides (or the same forced speed and full duplex on both).

    ## Notes
    The speed most slaves share is the reference (the first slave's on a
    tie). Down slaves (always "Unknown") are left to BL808; drivers that print
    no Speed line cannot be checked.
    """
    for rb in host.running:
        if rb.mode_number != 4:
            continue
        up = [s for s in rb.up_slaves if s.speed is not None or s.duplex is not None]
        known = [s.link for s in up if s.link[0] is not None]
        common = Counter(known).most_common(1)[0][0] if known else None
        for slave in up:
            reasons: list[str] = []
            speed, duplex = slave.link
            if slave.speed is not None and speed is None:
                reasons.append(f"its speed is {slave.speed.text!r}")
            if duplex == "half":
                reasons.append("it runs half duplex")
            if common is not None and speed is not None and (speed, duplex) != common:
                reasons.append(
                    f"it runs {speed} Mbps {duplex or '?'} duplex while the other slaves "
                    f"run {common[0]} Mbps {common[1] or '?'} duplex"
                )
            line = slave.speed if slave.speed is not None else slave.duplex
            if reasons and line is not None:
                yield Violation(
                    line.span,
                    f"slave {slave.name} of {rb.label}: {'; '.join(reasons)}: 802.3ad aggregates only "
                    "ports of the same speed and full duplex",
                )


# --------------------------------------------------------------------------- BL810


@rule("BL810", "slave-set-mismatch", Severity.ERROR)
def slave_set_mismatch(host: HostModel) -> Iterator[Violation]:
    """The running slaves differ from the slaves the live ifcfg files configure.

    ## What it checks
    The `Slave Interface:` names of a running bond against the live ifcfg
    files with `MASTER=<bond>`: a configured slave that is not enslaved, and
    an enslaved device that no file makes a slave.

    ## Why it matters
    A configured slave that is not enslaved leaves the bond with less
    redundancy than planned (an unterminated quote, `SLAVE` not `yes`, CRLF
    line endings, or Xen's network-bridge releasing the slaves). A device
    enslaved by hand works today and is gone after the next reboot.

    ## Example
    ```
    # ifcfg-eth2
    DEVICE=eth2
    MASTER=bond0
    SLAVE=yes
    # proc/net/bonding/bond0 lists only eth0 and eth1
    ```
    Use instead: `Slave Interface: eth2` in `/proc/net/bonding/bond0` after
    `ifup eth2`.

    ## Fix
    Fix the slave's ifcfg file (see its other findings) and run `ifup` on it;
    for a hand-enslaved device, write an ifcfg file with `MASTER` and
    `SLAVE=yes`, or release it.

    ## Notes
    Only bonds defined by an ifcfg file are compared. A configured slave with
    ONBOOT=no counts only where initscripts alone brings it up (el5, or
    NM_CONTROLLED false as NetworkManager reads it: `no`, `n`, `false`, `f`,
    `0`): initscripts enslaves it anyway, NetworkManager leaves it out. Under Xen 3.0/3.1 `pbond0` is compared with the slaves of `bond0`.
    """
    for rb in host.running:
        bond = rb.bond
        if bond is None or bond.interface is None:
            continue
        running = {s.name: s for s in rb.slaves}
        configured = {i.device: i for i in bond.slaves}
        shown = ", ".join(running) or "none"
        for device, iface in configured.items():
            # NetworkManager leaves an ONBOOT=no slave out, initscripts enslaves it anyway (semantics 1.x)
            if device in running or (not iface.onboot and host.capabilities.nm_bonds and iface.nm_controlled):
                continue
            span = iface.file.span_of("MASTER")
            hint = ""
            if rb.renamed and not running:
                hint = (
                    f"; Xen's network-bridge released the slaves when it renamed {rb.name} to "
                    f"{rb.proc_name} and never enslaved them again"
                )
            yield Violation(
                span,
                f"{device} is configured as a slave of {rb.name} (MASTER={rb.name}) but "
                f"{rb.proc_name} runs without it (running slaves: {shown}){hint}",
            )
        for name, slave in running.items():
            if name in configured:
                continue
            yield Violation(
                slave.name_span,
                f"{name} is enslaved to {rb.label} but no live ifcfg file has MASTER={rb.name} "
                "for it: it was enslaved by hand and will not be after a reboot",
            )


# --------------------------------------------------------------------------- BL811


@rule("BL811", "permanent-hwaddr-mismatch", Severity.WARNING)
def permanent_hwaddr_mismatch(host: HostModel) -> Iterator[Violation]:
    """A slave's permanent MAC differs from the HWADDR of its ifcfg file.

    ## What it checks
    Each running slave's `Permanent HW addr` against the `HWADDR` of the live
    ifcfg file of that device, case-insensitively.

    ## Why it matters
    The NIC enslaved as `eth1` is not the NIC the file describes: the kernel
    named the cards in another order (driver load order, a replaced card), so
    the bond may be cabled to the wrong switch or include the management NIC.
    initscripts may also refuse or rename the device at the next boot.

    ## Example
    ```
    # ifcfg-eth1
    HWADDR=00:1e:c9:b4:21:0c
    # proc/net/bonding/bond0
    Slave Interface: eth1
    Permanent HW addr: 00:1e:c9:b4:21:0a
    ```
    Use instead: the same address in both places.

    ## Fix
    Find which card carries which MAC (`ethtool -P eth1`), then fix HWADDR in
    the ifcfg files or pin the names (udev rules on RHEL 5/6).

    ## Notes
    Silent when either address is missing or empty (some drivers print an
    empty `Permanent HW addr:`).
    """
    for rb in host.running:
        for slave in rb.slaves:
            perm = slave.permanent_mac
            iface = host.interfaces.get(slave.name)
            hwaddr = None if iface is None else iface.located("HWADDR")
            if perm is None or hwaddr is None or not hwaddr.text.strip() or slave.permanent_mac_is(hwaddr.text):
                continue
            yield Violation(
                perm.span,
                f"slave {slave.name} of {rb.label} has permanent MAC {perm.text} but {_file_says(iface)} "
                f"{iface.file.written_as('HWADDR')}={hwaddr.text.strip()}: another NIC than the configured one is "
                f"enslaved as {slave.name}",
                related=(Related(hwaddr.span, f"{iface.file.written_as('HWADDR')} of {slave.name}"),),
            )


# --------------------------------------------------------------------------- BL812


@rule("BL812", "active-slave-not-primary", Severity.WARNING)
def active_slave_not_primary(host: HostModel) -> Iterator[Violation]:
    """The configured primary slave is up but another slave is active.

    ## What it checks
    In modes 1, 5 and 6 with `primary=<slave>` configured and that slave's
    MII up: `Currently Active Slave` must be the primary.

    ## Why it matters
    Traffic runs over the backup NIC, typically the slower card or the port
    on the secondary switch, although the preferred path is healthy. The
    primary was not applied (written before the slaves were enslaved, or it
    names no slave).

    ## Example
    ```
    # ifcfg-bond0
    BONDING_OPTS="mode=active-backup miimon=100 primary=eth0"
    # proc/net/bonding/bond0
    Primary Slave: None
    Currently Active Slave: eth1
    ```
    Use instead:
    ```
    Primary Slave: eth0 (primary_reselect always)
    Currently Active Slave: eth0
    ```

    ## Fix
    Set the primary again once the slaves are enslaved
    (`echo eth0 > /sys/class/net/bond0/bonding/primary`) and check that
    `primary=` names a slave of this bond.

    ## Notes
    Silent when `primary_reselect` is configured or running as `better` or
    `failure`: then the active slave legitimately stays on the backup.
    """
    for rb in host.running:
        bond = rb.bond
        if bond is None or rb.mode_number not in (1, 5, 6):
            continue
        primary_opt = bond.written("primary")
        reselect = bond.written("primary_reselect")
        primary = primary_opt.value.strip() if primary_opt is not None else ""
        if not primary or (reselect is not None and reselect.value.strip() not in ("always", "0")):
            continue
        if rb.primary_reselect is not None and rb.primary_reselect != "always":
            continue
        slave, field = rb.slave(primary), rb.active_slave
        active = None if field is None else field.value
        if slave is None or not slave.up or field is None or active is None or active == primary:
            continue
        extra = ""
        if rb.primary is None or rb.primary.value is None:
            extra = " (the driver shows Primary Slave: None: the primary was never applied)"
        yield Violation(
            field.span,
            f"{rb.label} is configured with primary={primary} and {primary} is up, but the active "
            f"slave is {active}{extra}",
            related=_related(primary_opt, "primary configured here"),
        )


# --------------------------------------------------------------------------- BL813


@rule("BL813", "bond-down", Severity.ERROR)
def bond_down(host: HostModel) -> Iterator[Violation]:
    """The bond itself is down: no slave can carry its traffic.

    ## What it checks
    The bond's own `MII Status:` (the line before the first slave) reads
    `down`.

    ## Why it matters
    The bond has no carrier: every address, VLAN and bridge on it is off the
    network, and so is every Xen guest bridged through it.

    ## Example
    ```
    Bonding Mode: fault-tolerance (active-backup)
    Currently Active Slave: None
    MII Status: down
    ```
    Use instead:
    ```
    Currently Active Slave: eth0
    MII Status: up
    ```

    ## Fix
    Restore at least one slave link (BL808), check that the bond has its
    slaves (BL810), and in 802.3ad that the switch runs LACP (BL803) and
    `min_links` can be met.
    """
    for rb in host.running:
        field = rb.mii_status
        if field is None or field.value != "down":
            continue
        yield Violation(
            field.span,
            f"{rb.label} has MII Status down ({len(rb.slaves)} slave(s), {len(rb.up_slaves)} up): "
            "the bond has no carrier and carries no traffic",
        )


# --------------------------------------------------------------------------- BL814


@rule("BL814", "bond-not-running", Severity.ERROR)
def bond_not_running(host: HostModel) -> Iterator[Violation]:
    """A bond configured to start at boot does not run, where the runtime state is known.

    ## What it checks
    Every bond with a configuration (ifcfg file or keyfile) that starts at boot
    must run: have an entry in `/proc/net/bonding` (or `p<bond>`, its name
    under Xen 3.0/3.1 network-bridge), where runtime evidence exists: entries
    for other bonds in the audited tree, `--live` (there an absent or empty
    `/proc/net/bonding` is evidence: no bond runs at all), or the interface
    lists a sosreport or collected archive keeps
    (`sos_commands/networking/ip_-d_address` or `ip_address`, `proc/net/dev`,
    the entries of `sys/class/net`) that lack it. A bond that runs
    under another name with exactly the configured bond's ports is reported
    once, as renamed.

    ## Why it matters
    The bond was never created, or was taken down: everything configured on
    it (addresses, VLANs, bridges, routes) is missing, and will stay missing
    at the next boot if the cause is in the configuration (missing
    `alias bond1 bonding` on RHEL 5, `max_bonds` too low, `max_bonds=0`).
    Renamed, it carries the ports but not what is configured for its name.

    ## Example
    ```
    # ifcfg-bond1
    DEVICE=bond1
    ONBOOT=yes
    # /proc/net/bonding holds only bond0
    ```
    Use instead: `/proc/net/bonding/bond1` present after `ifup bond1`.

    ## Fix
    Read the bond's other findings (BL4xx module configuration), then
    `ifup bond1` and check the kernel log.

    ## Notes
    Silent when the audited tree holds no runtime state (no `proc/net/bonding`
    entries, no interface list, no `--live`): most copied trees hold none,
    and absence there proves nothing.
    """
    source = host.runtime_source
    if source is None:
        return
    by_name = {rb.name: rb for rb in host.running}
    names = ", ".join(sorted(host.runtime)) or "none"
    listed = not host.runtime and host.runtime_devices is not None
    where = "/proc/net/bonding" if host.runtime else f"{source}: /proc/net/bonding"
    for name, bond in sorted(host.bonds.items()):
        iface = bond.interface
        rb = by_name.get(name)
        if iface is None or not iface.onboot or (rb is not None and rb.joined_by != "ports"):
            continue
        if rb is None and (host.ran(name) or (host.xen is not None and host.ran(f"p{name}"))):
            continue  # an interface list shows it (its /proc/net/bonding entry was not kept)
        span = iface.file.span_of("DEVICE")
        if rb is not None:
            ports = ", ".join(sorted(s.name for s in rb.slaves))
            yield Violation(
                span,
                f"{name} is configured to start at boot but runs as {rb.proc_name} (the same ports: {ports}): the "
                f"bond was created under another name, so what is configured for {name} (addresses, VLANs, "
                "routes) is not on it",
                related=_related_line(rb),
            )
            continue
        xen = f" (nor p{name}, its name under Xen network-bridge)" if host.xen is not None else ""
        shown = (f"{source} does not list {name}{xen} (the interfaces that ran when the tree was taken)" if listed
                 else f"{where} has no {name}{xen} (running: {names})")
        yield Violation(
            span,
            f"{name} is configured to start at boot but {shown}: the bond was not created or was taken down",
        )


def _related_line(rb: RunningBond) -> tuple[Related, ...]:
    return (Related(rb.mode.line, f"{rb.proc_name} runs here"),) if rb.mode is not None else ()


# --------------------------------------------------------------------------- BL817


@rule("BL817", "runtime-bond-unconfigured", Severity.WARNING)
def runtime_bond_unconfigured(host: HostModel) -> Iterator[Violation]:
    """A bond runs that no configuration defines: it is gone at the next boot.

    ## What it checks
    A `/proc/net/bonding/<bond>` entry (or, under `--live`, a running bond) for
    which no ifcfg file, keyfile, `alias <bond> bonding`, `options <bond>` or
    `options bonding` line creating it (bond0 up to `max_bonds`) exists, and
    which is not a configured bond under another name (BL814 says so).

    ## Why it matters
    It was made by hand (`ip link add bond1 type bond`, `echo +bond1 >
    /sys/class/net/bonding_masters`) or by another tool: whatever runs over it
    disappears at the next reboot, and nothing on disk says how it should be
    set up again.

    ## Example
    ```
    # proc/net/bonding/bond1 exists
    # no ifcfg-bond1, no bond1 keyfile, no alias bond1 bonding
    ```
    Use instead: an `ifcfg-bond1` (or keyfile) with the options it runs with.

    ## Fix
    Write the bond's configuration (its mode and link monitoring as
    `/proc/net/bonding/bond1` shows them, and its ports), or remove the bond
    if it is a leftover.

    ## Notes
    Silent for a tree holding no network configuration at all (only
    `proc/net/bonding`): there is nothing its absence could be read from. Its
    options are not compared with anything (BL801, BL802 and BL816 need a
    configuration); BL815 still reports missing link monitoring.
    """
    if not host.has_network_configuration:
        return
    for rb in host.running:
        if rb.bond is not None:
            continue
        span = rb.mode.line if rb.mode is not None else rb.first_line
        if span is None:
            continue
        shown = mode_text(rb.mode_number) if rb.mode_number is not None else "an unknown mode"
        yield Violation(
            span,
            f"{rb.proc_name} runs ({shown}) but no configuration defines it (no ifcfg file, keyfile, "
            "alias or module options line): it was made by hand or by another tool and is gone at the next boot",
        )


def _other_program(bond) -> str:
    """The program that is not the bond's assumed applier."""
    return INITSCRIPTS if bond.consumer == NETWORKMANAGER else NETWORKMANAGER


@rule("BL816", "runtime-option-drift", Severity.WARNING)
def runtime_option_drift(host: HostModel) -> Iterator[Violation]:
    """A running bond's lacp_rate, xmit_hash_policy, ad_select, primary or ARP monitor differs from its configuration.

    ## What it checks
    For a running bond with a configuration, the values `/proc/net/bonding`
    prints for `xmit_hash_policy` (Transmit Hash Policy), `lacp_rate`,
    `ad_select`, `primary` (Primary Slave), `arp_interval` and the ARP targets,
    against what the applying program leaves: the written value (BONDING_OPTS
    over the module defaults for initscripts, `[bond]` or BONDING_OPTS for
    NetworkManager), else the kernel's default (slow, layer2, stable, no
    primary, no ARP monitor). Names and numbers compare equal (`fast` is `1`,
    `layer2` is `0`). Where the tree does not tell who applies the bond
    (NetworkManager's enablement unknown), a value is reported only when it
    differs from both programs' readings. One finding per bond lists every
    difference.

    ## Why it matters
    The bond does not run as configured: the option was changed by hand
    through sysfs, or the configuration changed since the bond came up and was
    never applied. Traffic spreads, LACP timing or failover differ from what
    the files say, and the next restart changes the behaviour without warning.

    ## Example
    ```
    # ifcfg-bond0
    BONDING_OPTS="mode=802.3ad miimon=100 lacp_rate=fast xmit_hash_policy=layer3+4"
    # proc/net/bonding/bond0
    Transmit Hash Policy: layer2 (0)
    LACP rate: slow
    ```
    Use instead: a running bond that prints `layer3+4 (1)` and `LACP rate: fast`.

    ## Fix
    Restart the bond so its configuration is applied (`ifdown bond0; ifup
    bond0`, `nmcli connection up bond0`), or write the running values into the
    configuration if they are the intended ones.

    ## Notes
    Silent when the mode differs too (BL801 reports that one cause), for a
    bond nothing configures (BL817), and for lines the kernel does not print
    (options the mode has no use for are not shown). ARP settings in modes 4-6
    are BL304's, and with both miimon and arp_interval written BL305's; miimon
    is BL802's; a primary that is not the active port, BL812's.
    """
    for rb in host.running:
        bond = rb.bond
        if bond is None or rb.mode_not_applied or not bond.mode_valid:
            continue
        differs, related = [], []
        first: Span | None = None
        both_monitors = (bond.number("miimon") or 0) > 0 and (bond.number("arp_interval") or 0) > 0
        arp_ignored = rb.mode_number in (4, 5, 6)  # ARP monitoring there is BL304's (refused or ignored per kernel)
        ports = {s.name for s in rb.slaves}
        active = None if rb.active_slave is None else rb.active_slave.value
        for key, printed in rb.options.items():
            running, configured = printed.value, rb.expected[key]
            expected, word, other = configured.value, configured.option, configured.other
            if running in (expected, other) or (key.startswith("arp_") and (both_monitors or arp_ignored)):
                continue  # with both monitors written, which one runs depends on their order (BL305)
            if key == "primary" and expected and (expected not in ports or active != expected):
                continue  # a primary that is no running port is BL211's/BL810's; one not active, BL812's

            first = first or printed.span
            shown = f"{key}={running or 'none'}"
            wanted = f"{expected or 'none'} ({_where(word) if word is not None else 'the default'})"
            if other is not None and other != expected:  # who applies the bond is unknown: say both readings
                wanted += f" if {bond.consumer} applies it, {other or 'none'} if {_other_program(bond)} does"
            differs.append(f"{shown} where the configuration applies {wanted}")
            if word is not None:
                related.append(Related(word.value_place, f"{rb.name}'s {key} is configured here"))
        if first is None:
            continue
        yield Violation(
            first,
            f"{rb.label} runs {'; '.join(differs)}: the running bond is not what its configuration applies "
            "(changed by hand, or not applied since it changed)",
            related=tuple(related),
        )


# --------------------------------------------------------------------------- BL815


@rule("BL815", "runtime-no-link-monitoring", Severity.ERROR)
def runtime_no_link_monitoring(host: HostModel) -> Iterator[Violation]:
    """A running bond that nothing configures has no link monitoring.

    ## What it checks
    A `/proc/net/bonding/<bond>` report with `MII Polling Interval (ms): 0`
    and no ARP monitoring (`ARP Polling Interval` absent or 0), for a bond
    that no configuration on the audited root defines (a sosreport holding
    only /proc, a bond made by hand). Error for modes 0–3, warning for 4–6.

    ## Why it matters
    The running bond never notices a dead link: a pulled cable or dead
    switch port keeps its share of traffic, which is lost. No configuration
    is needed to see it: the kernel's own report says so.

    ## Example
    ```
    Bonding Mode: load balancing (round-robin)
    MII Polling Interval (ms): 0
    ```
    Use instead:
    ```
    MII Polling Interval (ms): 100
    ```

    ## Fix
    Set `miimon=100` (`echo 100 > /sys/class/net/bond0/bonding/miimon`) and
    write it where the bond is configured (BONDING_OPTS).

    ## Notes
    A bond with a configuration is judged there instead: BL303 for missing
    link monitoring, BL802 for a running interval that differs from it.
    """
    for rb in host.running:
        field, arp = rb.miimon, rb.arp_interval
        if rb.bond is not None or field is None or field.value != 0 or (arp is not None and (arp.value or 0) > 0):
            continue
        mode = rb.mode_number
        severity = Severity.WARNING if mode in (4, 5, 6) else Severity.ERROR
        shown = mode_text(mode) if mode is not None else "an unknown mode"
        yield Violation(
            field.span,
            f"{rb.label} runs {shown} with MII polling 0 and no ARP monitoring: "
            "it never detects a dead link",
            severity=severity,
        )

"""What each RHEL-family release does with network files: one capability row per release.

Rules ask a capability (``host.capabilities.modprobe_conf``), never a release name:
adding a release is one row here. The ``UNKNOWN`` row answers for a host whose
release is unknown; each of its values is the reading that keeps a rule from
claiming what the tree cannot show (a release-scoped rule stays silent there).

Sources per column are in docs/semantics-notes.md and reference/semantics.md;
the NetworkManager each minor release shipped is ``NM_BY_MINOR``.
"""

from __future__ import annotations

from typing import Callable

import attrs

#: initscripts' own suffix list (ifup and the network service skip these files), el5 and el6
IGNORED_SUFFIXES: tuple[str, ...] = ("~", ".bak", ".orig", ".rpmnew", ".rpmorig", ".rpmsave")
#: from el7 on, ``.old`` too
IGNORED_SUFFIXES_EL7: tuple[str, ...] = IGNORED_SUFFIXES + (".old",)


@attrs.frozen(slots=True)
class Release:
    """One release's capabilities.

    ``systemd``: services are systemd units (SysV init scripts before).
    ``modprobe``: "module-init-tools" or "kmod". ``modprobe_conf``: what
    /etc/modprobe.conf is to this modprobe: "read", "deprecated" (read, with a
    warning; el6) or "ignored" (kmod). ``bonds_by_alias``: initscripts create a
    bond by loading the bonding module under the bond's alias (el5), so the
    alias lines, their order and max_bonds decide which bonds exist.
    ``network_scripts``: initscripts' network service is "default", "optional"
    (deprecated, not installed by default) or "absent". ``nm_bonds``: its
    NetworkManager applies bonds at all (RHEL 6.3 on); ``nm_default``:
    NetworkManager runs by default. ``ifcfg_rh_plugin``: "default", "available"
    (loaded after keyfile when ``plugins=`` is unset) or "absent".
    ``keyfile_always_loaded``: the keyfile plugin loads whether ``plugins=``
    lists it or not. ``slave_is_true``: initscripts read SLAVE with ``is_true``
    (el8), not as the literal ``yes``. ``reads_clone_names``: ifup reads
    ``ifcfg-eth0-clone`` style names as a clone of eth0 (el5).
    ``applies_slave_mtu``: a slave's MTU= is applied (rhel5-branch ifup-eth
    enslaves and exits before ``ip link set mtu``). ``reads_defroute``:
    initscripts honour DEFROUTE. ``nm_reads_ignored_suffixes``: NetworkManager's
    ifcfg-rh reads files initscripts skip for their suffix.
    ``nics_named_by_load_order``: ethX names follow driver load order unless
    HWADDR pins them. ``xend``: a Xen dom0 with xend's network scripts.
    ``miimon_default_100``: the kernel's bonding default miimon is 100 where
    no ARP monitor is set. ``tlb_bridged``: balance-tlb works under a bridge.
    ``bonding_generation``: index of the bonding driver's option set
    (el5 0 … el8+ 3), for options "since" a release. ``nm_first``: the
    NetworkManager version of every minor release not in ``NM_BY_MINOR`` (None: it varies).
    """

    name: str | None
    systemd: bool
    modprobe: str
    modprobe_conf: str
    bonds_by_alias: bool
    network_scripts: str
    nm_bonds: bool
    nm_default: bool
    ifcfg_rh_plugin: str
    keyfile_always_loaded: bool
    default_plugins: tuple[str, ...]
    new_profiles: str
    slave_is_true: bool
    reads_clone_names: bool
    applies_slave_mtu: bool
    reads_defroute: bool
    ignored_suffixes: tuple[str, ...]
    nm_reads_ignored_suffixes: bool
    nics_named_by_load_order: bool
    xend: bool
    miimon_default_100: bool
    tlb_bridged: bool
    bonding_generation: int | None
    nm_first: tuple[int, int] | None
    notes: tuple[str, ...] = ()
    #: initscripts find a device by its HWADDR when the file has no DEVICE (network-functions'
    #: get_device_by_hwaddr, from el6 on)
    finds_device_by_hwaddr: bool = True
    # initscripts' addressing and slave handling
    #: the bond's ifup-eth greps slaves' ``MASTER=`` with single quotes as well as double
    #: (rhel5-branch ifup-eth accepts only double quotes)
    master_grep_single_quotes: bool = True
    #: ifup compares the NIC's address with HWADDR only (el6+ accept a match with MACADDR too)
    hwaddr_check_only: bool = False
    #: with both NETMASK and PREFIX set, ifup-eth tests the gateway (and NETWORK) with NETMASK
    #: (semantics 1.1.5; PREFIX from el6 on)
    gateway_test_netmask: bool = False
    #: initscripts' expand_config reads IPADDR0 … IPADDR255 and stops at the first missing index
    #: above this one (rhel6-branch: 3; later: 2); None: it reads IPADDR alone (rhel5-branch)
    numbered_ipaddr_optional: int | None = 2
    # release detection
    #: the Fedora release this RHEL major was branched from (a Fedora host is read as the newest
    #: release branched at or before its own number)
    branched_from_fedora: int | None = None

    @property
    def known(self) -> bool:
        return self.name is not None

    @property
    def kmod(self) -> bool:
        return self.modprobe == "kmod"

    @property
    def ifcfg_read(self) -> bool:
        """Can anything read an ifcfg file here (before ``plugins=`` and the packages are looked at)?"""
        return self.network_scripts != "absent" or self.ifcfg_rh_plugin != "absent"

    @property
    def tlb_hashes(self) -> bool:
        """balance-tlb picks a port by xmit_hash_policy (the el8+ driver; unknown: taken as yes)."""
        return self.bonding_generation is None or self.bonding_generation >= 3

    @property
    def options_written_in_order(self) -> bool:
        """initscripts write BONDING_OPTS to sysfs in the order written, unchecked (el5's ifup-eth,
        the one that also creates bonds by alias; from el6 on mode and miimon go first)."""
        return self.bonds_by_alias

    def for_fedora(self, fedora: int) -> Release:
        """This row under Fedora's own packaging: keyfile default from Fedora 33, no ifcfg-rh from 41."""
        plugin = "absent" if fedora >= 41 else "available" if fedora >= 33 else "default"
        return attrs.evolve(
            self,
            ifcfg_rh_plugin=plugin,
            default_plugins=("ifcfg-rh",) if plugin == "default" else (),
            new_profiles="ifcfg-rh" if plugin == "default" else "keyfile",
            notes=self.notes + (f"Fedora {fedora}: Fedora's packaging applied",),
        )


_R = Release
#: One row per release (positional in the column order of Release, then the columns with a
#: default where the release differs); a new release is one more row.
TABLE: tuple[Release, ...] = (
    #   name    systemd modprobe              conf          alias  network     nmbond nmdef  ifcfg-rh     kf     plugins        new         is_true clone  mtu    defrt  suffixes              nm-sfx load   xend   m100   tlb    gen nm
    _R("el5", False, "module-init-tools", "read",       True,  "default",  False, False, "default",   False, ("ifcfg-rh",), "ifcfg-rh", False, True,  False, False, IGNORED_SUFFIXES,     False, True,  True,  False, False, 0, None,
       ("NetworkManager 0.7 is optional; keyfile only when plugins= lists it (system-settings/src/main.c load_plugins)",),
       finds_device_by_hwaddr=False, master_grep_single_quotes=False, hwaddr_check_only=True, gateway_test_netmask=True, numbered_ipaddr_optional=None, branched_from_fedora=6),
    _R("el6", False, "module-init-tools", "deprecated", False, "default",  True,  False, "default",   False, ("ifcfg-rh",), "ifcfg-rh", False, False, True,  True,  IGNORED_SUFFIXES,     True,  True,  False, False, False, 1, (0, 8),
       ("NetworkManager 0.8 is optional; keyfile only when plugins= lists it (nm-sysconfig-settings.c load_plugins)",),
       numbered_ipaddr_optional=3, branched_from_fedora=12),
    _R("el7", True, "kmod",              "ignored",    False, "default",  True,  True,  "default",   True,  ("ifcfg-rh",), "ifcfg-rh", False, False, True,  True,  IGNORED_SUFFIXES_EL7, True,  False, False, False, False, 2, None,
       ("the network service and NetworkManager coexist (NM_CONTROLLED=no hands a device to initscripts)",),
       branched_from_fedora=19),
    _R("el8", True, "kmod",              "ignored",    False, "optional", True,  True,  "default",   True,  ("ifcfg-rh",), "ifcfg-rh", True,  False, True,  True,  IGNORED_SUFFIXES_EL7, True,  False, False, True,  True,  3, (1, 14),
       ("network-scripts is deprecated and not installed by default",),
       branched_from_fedora=28),
    _R("el9", True, "kmod",              "ignored",    False, "absent",   True,  True,  "available", True,  (),            "keyfile",  False, False, True,  True,  IGNORED_SUFFIXES_EL7, True,  False, False, True,  True,  3, (1, 36),
       ("ifcfg-rh is the separate package NetworkManager-initscripts-ifcfg-rh and is deprecated",
        "with plugins unset keyfile comes first: a UUID in both formats is the keyfile's"),
       branched_from_fedora=34),
    _R("el10", True, "kmod",             "ignored",    False, "absent",   True,  True,  "absent",    True,  (),            "keyfile",  False, False, True,  True,  IGNORED_SUFFIXES_EL7, False, False, False, True,  True,  3, (1, 52),
       ("NetworkManager is built without ifcfg-rh; NetworkManager-initscripts-ifcfg-rh is obsoleted",),
       branched_from_fedora=40),
)
#: The answers for an unknown release: as today's rules read "release unknown".
UNKNOWN: Release = _R(
    None, True, "kmod", "ignored", False, "default", True, False, "default", True, ("ifcfg-rh",), "ifcfg-rh", False, True, True,
    True, IGNORED_SUFFIXES_EL7, False, False, True, True, True, None, None,
)

#: The release names, oldest first (``--release``'s choices, the config's ``release``).
NAMES: tuple[str, ...] = tuple(r.name for r in TABLE if r.name)
_BY_NAME: dict[str, Release] = {r.name: r for r in TABLE if r.name}


def release(name: str | None, fedora: int | None = None) -> Release:
    """The row of ``name`` (``UNKNOWN`` for None), under Fedora's packaging where ``fedora`` is given."""
    row = _BY_NAME[name] if name is not None else UNKNOWN
    return row.for_fedora(fedora) if fedora is not None and name is not None else row


def newest_where(capable: Callable[[Release], bool]) -> str | None:
    """The newest release a predicate holds for (release detection's inferences), else None."""
    return next((r.name for r in reversed(TABLE) if r.name and capable(r)), None)


def fedora_branch(fedora: int) -> str | None:
    """The RHEL major a Fedora release behaves like: the newest branched at or before it."""
    return newest_where(lambda r: r.branched_from_fedora is not None and fedora >= r.branched_from_fedora)


def releases_where(capable: Callable[[Release], bool]) -> frozenset[str]:
    """The names of the releases a predicate holds for."""
    return frozenset(r.name for r in TABLE if r.name and capable(r))


#: The NetworkManager each RHEL minor release shipped (docs/semantics-notes.md section 1: the
#: advisories and NM's contrib/rh-bkr/bkr.py map). el6 before 6.3 had no NM bonding at all.
NM_BY_MINOR: dict[str, tuple[int, int]] = {
    "6.3": (0, 8), "6.4": (0, 8), "6.5": (0, 8), "6.6": (0, 8), "6.7": (0, 8), "6.8": (0, 8),
    "6.9": (0, 8), "6.10": (0, 8),
    "7.0": (0, 9), "7.1": (1, 0), "7.2": (1, 0), "7.3": (1, 4), "7.4": (1, 8), "7.5": (1, 10),
    "7.6": (1, 12), "7.7": (1, 18), "7.8": (1, 18), "7.9": (1, 18),
    # RHEL 8 and 9 minors (their release notes' NetworkManager rebases): verify()'s checks differ
    "8.0": (1, 14), "8.1": (1, 20), "8.2": (1, 22), "8.3": (1, 26), "8.4": (1, 30), "8.5": (1, 32),
    "8.6": (1, 36), "8.7": (1, 40), "8.8": (1, 40), "8.9": (1, 40), "8.10": (1, 40),
    "9.0": (1, 36), "9.1": (1, 40), "9.2": (1, 42), "9.3": (1, 44), "9.4": (1, 46), "9.5": (1, 48),
}
#: NetworkManager takes BONDING_OPTS alone as a bond marker from 1.8.0 (commit 12cc8d729d,
#: the 1.8 backport of e044071825; semantics-notes section 1).
NM_BONDING_OPTS_IS_BOND = (1, 8)
#: NetworkManager 0.8 (RHEL 6.3-6.10, Red Hat's bonding backport) handles bonds only with
#: NM_BOND_VLAN_ENABLED=yes in /etc/sysconfig/network; 0.9 on (RHEL 7) without it (semantics-notes section 1).
NM_BOND_VLAN_GATE_LIFTED = (0, 9)


def networkmanager_version(release: str | None, version: str | None) -> tuple[int, int] | None:
    """The (major, minor) NetworkManager of a release: from its minor version, else from the
    major where every minor agrees (el6: 0.8; el8, el9, el10: their first); None when unknown (el7 without minor)."""
    major_minor = ".".join((version or "").split(".")[:2])  # CentOS writes 7.9.2009
    if major_minor in NM_BY_MINOR:
        return NM_BY_MINOR[major_minor]
    major, _, minor = (version or "").partition(".")
    if major == "7" and minor.isdigit() and int(minor) > 5:
        return (1, 10)
    return _BY_NAME[release].nm_first if release in _BY_NAME else None

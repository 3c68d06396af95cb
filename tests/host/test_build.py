"""The host model built from real trees on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bondlint.host import bondopts
from bondlint.host.build import build_host
from bondlint.host.discover import SingleFiles, classify
from bondlint.model.host import HostModel
from tests.conftest import HOSTS, call_count, code_of, message_of

SEED = HOSTS / "seed-centos52-xen-8023ad"
SCRIPTS = "etc/sysconfig/network-scripts"


def build(path: Path | str, release: str | None = None) -> HostModel:
    return build_host(classify(str(path)), release=release)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


# --- the seed -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> HostModel:
    return build(SEED)


def test_seed_release_read_from_redhat_release(seed: HostModel) -> None:
    assert (seed.release, seed.release_source, seed.release_assumed) == ("el5", "etc/redhat-release", False)
    assert seed.root == str(SEED)
    assert not seed.partial


def test_seed_interfaces_and_kinds(seed: HostModel) -> None:
    assert {d: i.kind for d, i in seed.interfaces.items()} == {
        "bond0": "bond",
        "eth0": "slave",
        "eth1": "slave",
        "eth2": "ethernet",
        "eth3": "ethernet",
        "lo": "loopback",
    }
    assert all(f.live for f in seed.ifcfg_files)
    assert seed.interfaces["eth2"].onboot is False
    assert seed.interfaces["eth0"].file.path == os.path.join(str(SEED), SCRIPTS, "ifcfg-eth0")


def test_seed_bond0(seed: HostModel) -> None:
    bond = seed.bonds["bond0"]
    assert list(seed.bonds) == ["bond0"]
    assert bond.mode == 4 and bond.mode_name == "802.3ad" and bond.mode_valid
    assert [s.device for s in bond.slaves] == ["eth0", "eth1"]
    assert bond.module_options == ()
    assert [(o.key, o.value, o.word, o.equals) for o in bond.bonding_opts] == [
        ("mode", "4", "mode=4", 1),
        ("miimon", "100", "miimon=100", 1),
    ]
    mode, miimon = bond.bonding_opts
    assert bond.mode_option is mode
    # BONDING_OPTS="mode=4 miimon=100" is line 10; the value's quote is at column 14.
    assert (mode.span.line, mode.span.column, mode.span.end_column) == (10, 15, 21)
    assert (miimon.span.line, miimon.span.column, miimon.span.end_column) == (10, 22, 32)
    text = Path(SEED, SCRIPTS, "ifcfg-bond0").read_text()
    assert text[miimon.span.start : miimon.span.end] == "miimon=100"
    assert miimon.value_span is not None and text[miimon.value_span.start : miimon.value_span.end] == "100"
    assert bond.option("miimon") is miimon


def test_seed_network_modules_and_xen(seed: HostModel) -> None:
    assert seed.network_value("GATEWAYDEV") == "bond0"
    assert seed.network_value("GATEWAY") == "10.10.10.1"
    assert [(a.name, a.module) for a in seed.modules.aliases][:2] == [("bond0", "bonding"), ("eth0", "e1000")]
    assert seed.modules.modprobe_conf is not None and seed.modules.modprobe_conf.read
    assert seed.xen is not None
    assert seed.xen.script == "network-bridge"
    assert seed.xen.netdev == "bond0"
    value, span = seed.xen.args["netdev"].text, seed.xen.args["netdev"].span
    assert value == "bond0"
    text = Path(SEED, "etc/xen/xend-config.sxp").read_text()
    assert text[span.start : span.end] == "bond0"
    assert seed.xen.bridge_script_present is False
    assert seed.xen.bridge_script_handles_bonds is None


def test_seed_documents_in_discovery_order(seed: HostModel) -> None:
    kinds = [d.kind for d in seed.documents]
    assert kinds == ["ifcfg"] * 6 + ["network", "modprobe", "xend"]
    assert seed.unread == frozenset()


def test_forced_release_wins(seed: HostModel) -> None:
    host = build(SEED, release="el6")
    assert (host.release, host.release_source, host.release_assumed) == ("el6", "--release", False)


# --- release ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "text", "release"),
    [
        ("etc/redhat-release", "CentOS release 5.2 (Final)\n", "el5"),
        ("etc/redhat-release", "Red Hat Enterprise Linux Server release 5.11 (Tikanga)\n", "el5"),
        ("etc/redhat-release", "Scientific Linux release 6.10 (Carbon)\n", "el6"),
        ("etc/redhat-release", "CentOS Linux release 7.9.2009 (Core)\n", "el7"),
        ("etc/redhat-release", "Red Hat Enterprise Linux release 8.10 (Ootpa)\n", "el8"),
        ("etc/system-release", "Oracle Linux Server release 6.4\n", "el6"),
        ("etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n", "el9"),
        ("etc/redhat-release", "CentOS Stream release 10 (Coughlan)\n", "el10"),
        ("etc/os-release", 'ID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\n', "el9"),
        ("etc/os-release", 'NAME="CentOS Linux"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\n', "el7"),
        ("etc/os-release", 'ID=rocky\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.9"\n', "el8"),
        ("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", None),
    ],
)
def test_release_from_a_release_file(tmp_path: Path, rel: str, text: str, release: str | None) -> None:
    """Release detection goes through host/releases.parse_release (el5-el10, distro strings)."""
    host = build(write(tmp_path, {rel: text, f"{SCRIPTS}/ifcfg-eth0": "DEVICE=eth0\n", "etc/modprobe.d/x.conf": ""}))
    assert host.release == release
    assert host.release_source == (rel if release else "unknown: no release file, no --release, nothing to infer it from")


def test_fedora_is_read_as_its_rhel_branch_and_says_so(tmp_path: Path) -> None:
    host = build(write(tmp_path, {"etc/redhat-release": "Fedora release 40 (Forty)\n", "etc/modprobe.d/x.conf": ""}))
    assert (host.release, host.release_assumed) == ("el10", True)
    assert "fedora 40, read as el10" in host.release_source


def test_release_inferred_from_modprobe_conf(tmp_path: Path) -> None:
    write(tmp_path, {"etc/modprobe.conf": "alias bond0 bonding\n", f"{SCRIPTS}/ifcfg-bond0": "DEVICE=bond0\n"})
    host = build(tmp_path)
    assert host.release == "el5" and host.release_assumed
    assert "modprobe.conf" in host.release_source


def test_release_inferred_from_xend_config(tmp_path: Path) -> None:
    write(tmp_path, {"etc/xen/xend-config.sxp": "(network-script network-bridge)\n", "etc/modprobe.d/x.conf": ""})
    host = build(tmp_path)
    assert host.release == "el5" and host.release_assumed
    assert "xend-config.sxp" in host.release_source


def test_release_unknown(tmp_path: Path) -> None:
    write(tmp_path, {"etc/modprobe.conf": "", "etc/modprobe.d/bonding.conf": "alias bond0 bonding\n"})
    host = build(tmp_path)
    assert host.release is None and not host.release_assumed


# --- interfaces, live files, bonds ------------------------------------------------------


def test_live_and_ignored_files(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "etc/redhat-release": "CentOS release 5.4 (Final)\n",
            f"{SCRIPTS}/ifcfg-eth0": "DEVICE=eth0\n",
            f"{SCRIPTS}/ifcfg-eth0.bak": "DEVICE=eth0\n",
            f"{SCRIPTS}/ifcfg-eth0.old": "DEVICE=eth0\n",
            f"{SCRIPTS}/ifcfg-eth1": "ONBOOT=yes\n",
        },
    )
    (tmp_path / SCRIPTS / "ifcfg-eth9").mkdir()
    host = build(tmp_path)
    live = {f.suffix: (f.live, f.ignored_reason) for f in host.ifcfg_files}
    assert live["eth0"] == (True, None)
    assert live["eth0.bak"] == (False, "ignored suffix .bak")
    assert live["eth0.old"] == (True, None)  # el5 reads .old files
    assert live["eth9"][0] is False
    assert [f.suffix for f in host.interfaces["eth0"].files] == ["eth0", "eth0.old"]
    assert host.interfaces["eth1"].device == "eth1"  # no DEVICE: the file suffix
    assert "eth9" not in host.interfaces
    assert [message_of(p) for p in host.problems(["unreadable", "not-utf8"])] == ["a directory where a configuration file was expected"]
    el7 = build(tmp_path, release="el7")
    assert [f.suffix for f in el7.interfaces["eth0"].files] == ["eth0"]


def test_kind_detection(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            f"{SCRIPTS}/ifcfg-bond1": "DEVICE='bond1'\nTYPE=Bond\n",
            f"{SCRIPTS}/ifcfg-bond2": "DEVICE=bond2\nBONDING_MASTER=yes\n",
            f"{SCRIPTS}/ifcfg-bond3": "DEVICE=bond3\n",
            f"{SCRIPTS}/ifcfg-xenbr0": "DEVICE=xenbr0\nTYPE=Bridge\n",
            f"{SCRIPTS}/ifcfg-eth0.100": "DEVICE=eth0.100\nVLAN=yes\n",
            f"{SCRIPTS}/ifcfg-eth0:1": "DEVICE=eth0:1\n",
            f"{SCRIPTS}/ifcfg-eth0": 'DEVICE="eth0"\nMASTER="bond1"\nSLAVE=yes\n',
            "etc/modprobe.conf": "alias bond3 bonding\n",
        },
    )
    host = build(tmp_path)
    kinds = {d: i.kind for d, i in host.interfaces.items()}
    assert kinds == {
        "bond1": "bond",
        "bond2": "bond",
        "bond3": "bond",
        "eth0": "slave",
        "eth0.100": "vlan",
        "eth0:1": "alias",
        "xenbr0": "bridge",
    }
    assert host.interfaces["eth0"].master == "bond1"
    assert [s.device for s in host.bonds["bond1"].slaves] == ["eth0"]


def test_module_options_and_mode(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "etc/redhat-release": "CentOS release 5.2 (Final)\n",
            "etc/modprobe.conf": (
                "alias bond0 bonding\nalias bond1 bonding\n"
                "options bonding max_bonds=2\noptions bond0 -o bond0 mode=active-backup miimon=100\n"
                "options bond1 mode=802.3AD\n"
            ),
            f"{SCRIPTS}/ifcfg-bond0": "DEVICE=bond0\n",
            f"{SCRIPTS}/ifcfg-bond1": "DEVICE=bond1\n",
            f"{SCRIPTS}/ifcfg-bond2": "DEVICE=bond2\nBONDING_OPTS='miimon=100 mode=balance-alb mode=7 bogus a=b=c'\n",
        },
    )
    host = build(tmp_path)
    b0, b1, b2 = host.bonds["bond0"], host.bonds["bond1"], host.bonds["bond2"]
    assert [o.word for o in b0.module_options] == ["max_bonds=2", "mode=active-backup", "miimon=100"]
    assert (b0.mode, b0.mode_valid, b0.mode_option.word) == (1, True, "mode=active-backup")
    assert (b1.mode, b1.mode_valid) == (0, False)
    assert b2.mode == 6 and not b2.mode_valid and b2.mode_option.word == "mode=7"
    bogus, abc = b2.bonding_opts[3], b2.bonding_opts[4]
    assert (bogus.key, bogus.value, bogus.equals) == ("bogus", "", 0)
    assert (abc.key, abc.value, abc.equals) == ("a", "c", 2)
    text = (tmp_path / SCRIPTS / "ifcfg-bond2").read_text()
    assert text[abc.span.start : abc.span.end] == "a=b=c"


def test_kmod_ignores_modprobe_conf(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "etc/redhat-release": "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n",
            "etc/modprobe.conf": "options bonding mode=1\n",
            "etc/modprobe.d/bonding.conf": "options bonding miimon=100\n",
            "etc/modprobe.d/old-style": "options bonding mode=2\n",
            f"{SCRIPTS}/ifcfg-bond0": "DEVICE=bond0\nTYPE=Bond\n",
        },
    )
    host = build(tmp_path)
    assert {f.rel: f.read for f in host.modules.files} == {
        "etc/modprobe.conf": False,
        "etc/modprobe.d/bonding.conf": True,
        "etc/modprobe.d/old-style": False,
    }
    assert [o.word for o in host.bonds["bond0"].module_options] == ["miimon=100"]
    assert host.bonds["bond0"].mode == 0


def test_runtime_and_bridge_script(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "etc/xen/xend-config.sxp": "(network-script 'network-bridge  netdev=bond0 bridge=xenbr0')\n",
            "etc/xen/scripts/network-bridge": "#!/bin/sh\nslaves=`cat /sys/class/net/${netdev}/bonding/slaves`\n",
            "proc/net/bonding/bond0": "Bonding Mode: IEEE 802.3ad Dynamic link aggregation\n",
        },
    )
    host = build(tmp_path)
    assert list(host.runtime) == ["bond0"]
    assert host.bonds["bond0"].interface is None
    assert host.xen is not None and host.xen.bridge_script_handles_bonds is True
    assert host.xen.netdev == "bond0" and host.xen.bridge == "xenbr0"
    text = (tmp_path / "etc/xen/xend-config.sxp").read_text()
    span = host.xen.args["bridge"].span
    assert text[span.start : span.end] == "xenbr0"


def test_unquoted_network_script_keeps_only_the_script(tmp_path: Path) -> None:
    write(tmp_path, {"etc/xen/xend-config.sxp": "(network-script network-bridge netdev=bond0)\n"})
    host = build(tmp_path)
    assert host.xen is not None and host.xen.script == "network-bridge" and host.xen.args == {}


# --- chroot symlinks -------------------------------------------------------------------


def test_absolute_symlink_resolves_inside_the_root(tmp_path: Path) -> None:
    write(tmp_path, {"srv/ifcfg-eth0": "DEVICE=eth0\nONBOOT=yes\n"})
    (tmp_path / SCRIPTS).mkdir(parents=True)
    os.symlink("/srv/ifcfg-eth0", tmp_path / SCRIPTS / "ifcfg-eth0")
    host = build(tmp_path)
    assert host.interfaces["eth0"].value("ONBOOT") == "yes"
    assert list(host.problems(["unreadable", "not-utf8"])) == []


def test_relative_symlink_escaping_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "host"
    write(tmp_path, {"secret": "DEVICE=eth0\n"})
    (root / SCRIPTS).mkdir(parents=True)
    os.symlink("../../../../secret", root / SCRIPTS / "ifcfg-eth0")
    host = build(root)
    problems = list(host.problems(["unreadable", "not-utf8"]))
    assert len(problems) == 1 and "leaves the audited root" in message_of(problems[0])
    assert problems[0].span.path == os.path.join(str(root), SCRIPTS, "ifcfg-eth0")
    assert "eth0" not in host.interfaces


# --- single files, corpus, speed --------------------------------------------------------


def test_single_files_make_a_partial_host() -> None:
    paths = (str(SEED / SCRIPTS / "ifcfg-bond0"), str(SEED / "etc/modprobe.conf"))
    host = build_host(SingleFiles(paths))
    assert host.partial and host.release is None
    assert [d.path for d in host.documents] == list(paths)
    assert host.bonds["bond0"].mode == 4


def test_single_file_of_unknown_kind(tmp_path: Path) -> None:
    p = tmp_path / "notes.txt"
    p.write_text("hello\n")
    host = build(p)
    assert [code_of(x) for x in host.problems(["unreadable", "not-utf8"])] == ["BL000"]


def test_every_corpus_host_builds(corpus: Path) -> None:
    hosts = sorted(p for p in (corpus / "hosts").iterdir() if p.is_dir())
    assert hosts
    for path in hosts:
        host = build(path)
        assert host.ifcfg_files, path
        assert host.root == str(path)


def _bond_with_slaves(folder: Path, n: int) -> Path:
    scripts = folder / SCRIPTS
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-bond0").write_text('DEVICE=bond0\nBONDING_OPTS="mode=1 miimon=100"\n')
    for i in range(n):
        (scripts / f"ifcfg-eth{i}").write_text(f"DEVICE=eth{i}\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\n")
    return folder


def test_build_grows_linearly_with_the_number_of_files(tmp_path: Path) -> None:
    """Twice the slaves, about twice the work: counted in function calls, not seconds
    (a loaded machine cannot flake it). Timings: benchmarks/scaling.py."""
    small, large = _bond_with_slaves(tmp_path / "small", 150), _bond_with_slaves(tmp_path / "large", 300)
    build(small)  # parsers and caches warm
    calls_small = call_count(lambda: build(small))
    host = None

    def build_large() -> None:
        nonlocal host
        host = build(large)

    calls_large = call_count(build_large)
    assert len(host.bonds["bond0"].slaves) == 300
    ratio = calls_large / calls_small
    assert 1.8 < ratio < 2.3, f"{calls_small:,} calls for 150 slaves, {calls_large:,} for 300 ({ratio:.2f}x)"


# --- option tables -----------------------------------------------------------------------


def test_known_options_per_release() -> None:
    assert "ad_select" not in bondopts.known_options("el5")
    assert "ad_select" in bondopts.known_options("el6")
    assert "max_bonds" not in bondopts.known_options("el7")
    assert "max_bonds" in bondopts.known_options("el7", source="modprobe")
    assert "mimon" not in bondopts.known_options(None)
    assert bondopts.known_options("el5") <= bondopts.known_options(None)


@pytest.mark.parametrize(
    ("key", "value", "release", "ok"),
    [
        ("mode", "802.3ad", "el5", True),
        ("mode", "4", "el5", True),
        ("mode", "802.3AD", "el5", False),
        ("mode", "Active-Backup", "el7", False),
        ("mode", "7", "el7", False),
        ("miimon", "-1", "el5", False),
        ("miimon", "100", "el5", True),
        ("lacp_rate", "fast", "el5", True),
        ("lacp_rate", "1", "el5", True),
        ("xmit_hash_policy", "encap3+4", "el5", False),
        ("xmit_hash_policy", "encap3+4", "el7", True),
        ("arp_ip_target", "10.0.0.1,10.0.0.2", "el5", True),
        ("arp_ip_target", "+10.0.0.1", "el6", True),
        ("arp_ip_target", "10.0.0", "el6", False),
        ("arp_ip_target", "0.0.0.0", "el6", False),
        ("fail_over_mac", "active", "el6", True),
    ],
)
def test_validate(key: str, value: str, release: str, ok: bool) -> None:
    assert (bondopts.validate(key, value, release) is None) is ok


def test_parse_mode_is_case_sensitive() -> None:
    assert bondopts.parse_mode("balance-alb") == 6
    assert bondopts.parse_mode("Balance-ALB") is None
    assert bondopts.parse_mode("06") == 6


# --- numbered addresses as the network service reads them (network-functions expand_config) ----

NUMBERED = (
    "DEVICE=eth2\nONBOOT=yes\nNM_CONTROLLED=no\nBOOTPROTO={proto}\n"
    "IPADDR0=10.0.0.5\nPREFIX0=24\nNETMASK0=255.255.0.0\nGATEWAY0=10.0.0.1\n"
    "IPADDR2=10.0.2.5\nIPADDR3=10.0.3.5\nPREFIX3=16\nIPADDR5=10.0.5.5\n"
)


@pytest.mark.parametrize(("release", "proto", "expected"), [
    # el7+: IPADDR and IPADDR1 may be missing, the missing IPADDR4 ends the reading (no IPADDR5)
    ("el7", "none", [("IPADDR0", "10.0.0.0/24"), ("IPADDR2", "10.0.0.0/8"), ("IPADDR3", "10.0.0.0/16")]),
    # el6 breaks only from index 3 on (`-gt 2`): the same here, IPADDR4 is still the end
    ("el6", "static", [("IPADDR0", "10.0.0.0/24"), ("IPADDR2", "10.0.0.0/8"), ("IPADDR3", "10.0.0.0/16")]),
    ("el5", "none", []),  # el5 reads IPADDR alone
    ("el7", "dhcp", []),  # ifup-eth runs dhclient and adds no static address
])
def test_initscripts_numbered_addresses(tmp_path: Path, release: str, proto: str, expected: list) -> None:
    write(tmp_path, {f"{SCRIPTS}/ifcfg-eth2": NUMBERED.format(proto=proto)})
    iface = build(tmp_path, release=release).interfaces["eth2"]
    assert [(a.key, str(a.network)) for a in iface.initscripts_addresses] == expected
    assert iface.addresses == iface.initscripts_addresses  # NM_CONTROLLED=no: the network service applies it
    # NetworkManager reads the same keys whatever BOOTPROTO says
    assert [a.key for a in iface.nm_addresses] == ["IPADDR0", "IPADDR2", "IPADDR3"]


def test_el6_reads_ipaddr3_after_a_missing_ipaddr2(tmp_path: Path) -> None:
    write(tmp_path, {f"{SCRIPTS}/ifcfg-eth2": "DEVICE=eth2\nNM_CONTROLLED=no\nIPADDR=10.0.0.5\nIPADDR3=10.0.3.5\n"})
    assert [a.key for a in build(tmp_path, "el6").interfaces["eth2"].initscripts_addresses] == ["IPADDR", "IPADDR3"]
    assert [a.key for a in build(tmp_path, "el7").interfaces["eth2"].initscripts_addresses] == ["IPADDR"]

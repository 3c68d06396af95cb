"""BL8xx: running bonds against their configuration.

Fixture hosts run through the real CLI; the corpus /proc/net/bonding samples
are read in place and joined with a small configured host; the ``--live``
reader runs on fake proc and sys roots built in tmp_path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bondlint.engine import registry, run_rules
from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.host import HostModel
from bondlint.host.runtime import attach_runtime, live_runtime
from bondlint.syntax import parse_file
from bondlint.syntax.bonding import BondingDocument
from tests.conftest import HOSTS, run_json

BL8 = [r for code, r in registry().items() if code.startswith("BL8")]


def _bl8(*roots: Path) -> list[dict]:
    report = run_json("--select", "BL8", *(str(r) for r in roots))
    return report["findings"]


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


NS = "etc/sysconfig/network-scripts"
CONFIG_8023AD = {
    "etc/redhat-release": "Red Hat Enterprise Linux Server release 6.4 (Santiago)\n",
    f"{NS}/ifcfg-bond0": 'DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nIPADDR=10.0.0.5\n'
    'NETMASK=255.255.255.0\nBONDING_OPTS="mode=802.3ad miimon=100"\n',
    f"{NS}/ifcfg-eth0": "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\nBOOTPROTO=none\n",
    f"{NS}/ifcfg-eth1": "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\nBOOTPROTO=none\n",
}


def _host(root: Path) -> HostModel:
    return build_host(classify(str(root)))


def _codes(host: HostModel) -> list[str]:
    findings, failures = run_rules(host, BL8)
    assert failures == []
    return sorted(f.code for f in findings)


# --------------------------------------------------------------------------- the brief's must-shows


def test_sosreport_with_zero_partner_mac_says_switch_runs_no_lacp() -> None:
    root = HOSTS / "BL803-partner-mac-zero-sosreport"
    assert {"etc", "proc", "sos_commands"} <= {p.name for p in root.iterdir()}
    bl803 = [f for f in _bl8(root) if f["code"] == "BL803"]
    assert len(bl803) == 1
    assert bl803[0]["path"].endswith("proc/net/bonding/bond0")
    assert "switch ports are not running LACP" in bl803[0]["message"]
    assert "00:00:00:00:00:00" in bl803[0]["message"]


def test_running_mode_differing_from_bonding_opts_is_bl801() -> None:
    findings = _bl8(HOSTS / "BL801-mode-mismatch-el5")
    assert [f["code"] for f in findings] == ["BL801"]
    assert "balance-rr (0)" in findings[0]["message"]
    assert "802.3ad (4)" in findings[0]["message"]


@pytest.mark.parametrize(
    "fixture",
    [
        "BL803-ok-healthy-8023ad-el5",  # driver 3.2.4, RHEL 5.2
        "BL806-ok-active-aggregator-el5",  # driver 3.4.0
        "BL801-ok-mode-name-vs-number-el7",  # driver 3.7.1 with churn states
        "BL804-ok-fast-rate-el9",  # kernel 5 LACPDU details
        "BL810-ok-xen-pbond0-joined",  # Xen 3.0/3.1 pbond0
    ],
)
def test_healthy_8023ad_with_matching_config_reports_nothing(fixture: str) -> None:
    assert _bl8(HOSTS / fixture) == []


# --------------------------------------------------------------------------- joining


def test_pbond0_joins_configured_bond0_only_without_a_bond0_entry(tmp_path: Path) -> None:
    proc = (HOSTS / "BL803-ok-healthy-8023ad-el5" / "proc/net/bonding/bond0").read_text()
    _write(tmp_path, {**CONFIG_8023AD, "proc/net/bonding/pbond0": proc})
    joined = list(_host(tmp_path).running)
    assert [(r.name, r.proc_name, r.bond is not None) for r in joined] == [("bond0", "pbond0", True)]

    _write(tmp_path, {"proc/net/bonding/bond0": proc})
    joined = list(_host(tmp_path).running)
    assert [(r.name, r.proc_name, r.bond is not None) for r in joined] == [
        ("bond0", "bond0", True),
        ("pbond0", "pbond0", False),
    ]


def test_bond_nothing_configures_is_not_compared(tmp_path: Path) -> None:
    """A bond made by hand has no configured mode or slaves: no BL801/BL810, no BL814 for it; BL817
    says nothing defines it. (Its ports are not bond0's: with bond0's ports it is bond0 renamed.)"""
    proc = (HOSTS / "BL801-mode-mismatch-el5" / "proc/net/bonding/bond0").read_text()
    proc = proc.replace("Interface: eth0", "Interface: eth8").replace("Interface: eth1", "Interface: eth9")
    _write(tmp_path, {**CONFIG_8023AD, "proc/net/bonding/bond7": proc})
    host = _host(tmp_path)
    assert [(r.name, r.bond) for r in host.running] == [("bond7", None)]
    assert _codes(host) == ["BL814", "BL817"]  # bond0 is configured ONBOOT and not running


def test_bond_running_with_a_configured_bonds_ports_is_that_bond_renamed(tmp_path: Path) -> None:
    proc = (HOSTS / "BL801-mode-mismatch-el5" / "proc/net/bonding/bond0").read_text()
    _write(tmp_path, {**CONFIG_8023AD, "proc/net/bonding/bond7": proc})
    host = _host(tmp_path)
    assert [(r.name, r.proc_name, r.joined_by) for r in host.running] == [("bond0", "bond7", "ports")]
    assert "BL817" not in _codes(host) and _codes(host).count("BL814") == 1


def test_no_runtime_state_means_no_bl814(tmp_path: Path) -> None:
    _write(tmp_path, CONFIG_8023AD)
    assert _codes(_host(tmp_path)) == []


# --------------------------------------------------------------------------- corpus samples, read in place

CORPUS_EXPECTED: dict[str, list[str]] = {
    # 4 slaves in aggregators 2 and 3, active 3: eth0/eth1 carry nothing
    "domcleal-augeas__test_procnetbonding.aggregation": ["BL805", "BL805"],
    # RHEL 5 driver 3.2.4: partner MAC zeros, aggregator IDs 3, 3, 2
    "insights__test_bond.BONDINFO_MODE_4": ["BL803", "BL805"],
    # partner MAC zeros, actor state 77, partner churned, second slave down
    "insights__test_bond.BOND_MODE_4": ["BL803", "BL804", "BL807", "BL808"],
    # actor state 15 (no Collecting/Distributing), partner churned
    "sergeynowitzki-otus__bond0.lacp-kernel5.15": ["BL804", "BL807"],
    "telegraf__bond_test.sampleTest802": ["BL806", "BL808"],
    "inspec__bond0": ["BL808"],
    "insights__test_bond.BONDINFO_CORRUPT": [],  # no mode line: nothing to say, no crash
    "insights__test_bond.BONDINFO_UNKNOWN_BOND_MODE": [],
}


@pytest.fixture(scope="module")
def configured_host(tmp_path_factory: pytest.TempPathFactory) -> HostModel:
    return _host(_write(tmp_path_factory.mktemp("host"), CONFIG_8023AD))


def _with_sample(host: HostModel, sample: Path) -> HostModel:
    doc = parse_file(str(sample), "bonding")
    assert isinstance(doc, BondingDocument)
    return attach_runtime(host, {"bond0": doc})


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_samples(name: str, corpus: Path, configured_host: HostModel) -> None:
    host = _with_sample(configured_host, corpus / "proc-bonding" / name)
    codes = [c for c in _codes(host) if c not in ("BL801", "BL802", "BL810", "BL811", "BL816")]  # the config is ours
    assert codes == CORPUS_EXPECTED[name]


def test_every_corpus_sample_runs_without_rule_failure(corpus: Path, configured_host: HostModel) -> None:
    samples = sorted((corpus / "proc-bonding").iterdir())
    assert samples
    for sample in samples:
        _, failures = run_rules(_with_sample(configured_host, sample), BL8)
        assert failures == [], sample.name


# --------------------------------------------------------------------------- --live


def _fake_live(tmp_path: Path) -> tuple[Path, Path]:
    proc_root, sys_root = tmp_path / "proc-root", tmp_path / "sys-root"
    healthy = (HOSTS / "BL803-ok-healthy-8023ad-el5" / "proc/net/bonding/bond0").read_text()
    _write(proc_root, {"proc/net/bonding/bond0": healthy})
    # bond1 is listed by sysfs only (its proc entry missing): described from sysfs.
    base = "sys/class/net/bond1/bonding"
    _write(
        sys_root,
        {
            "sys/class/net/bonding_masters": "bond0 bond1\n",
            f"{base}/mode": "active-backup 1\n",
            f"{base}/miimon": "0\n",
            f"{base}/mii_status": "up\n",
            f"{base}/slaves": "eth2 eth3\n",
            f"{base}/primary": "eth2\n",
            f"{base}/active_slave": "eth3\n",
            "sys/class/net/eth2/bonding_slave/mii_status": "up\n",
            "sys/class/net/eth2/bonding_slave/perm_hwaddr": "00:25:90:1a:2b:3e\n",
            "sys/class/net/eth3/bonding_slave/mii_status": "up\n",
            "sys/class/net/eth3/bonding_slave/perm_hwaddr": "00:25:90:1a:2b:3f\n",
        },
    )
    return proc_root, sys_root


def test_live_reader_reads_proc_then_sysfs(tmp_path: Path) -> None:
    proc_root, sys_root = _fake_live(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    runtime = live_runtime(proc_root=str(proc_root), sys_root=str(sys_root))
    assert sorted(runtime) == ["bond0", "bond1"]
    assert runtime["bond0"].path == os.path.join(str(proc_root), "proc/net/bonding/bond0")
    assert runtime["bond0"].mode_name == "802.3ad"
    bond1 = runtime["bond1"]
    assert bond1.path == os.path.join(str(sys_root), "sys/class/net/bond1/bonding")
    assert (bond1.mode_name, bond1.miimon, bond1.active_slave, bond1.primary_slave) == (
        "active-backup",
        0,
        "eth3",
        "eth2",
    )
    assert [(s.name, s.mii_status, s.permanent_hwaddr) for s in bond1.slaves] == [
        ("eth2", "up", "00:25:90:1a:2b:3e"),
        ("eth3", "up", "00:25:90:1a:2b:3f"),
    ]
    # read-only: nothing created, nothing touched
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before


def test_live_reader_refuses_fifo_and_symlink_out(tmp_path: Path) -> None:
    proc_root = tmp_path / "proc-root"
    bonding = proc_root / "proc/net/bonding"
    bonding.mkdir(parents=True)
    os.mkfifo(bonding / "bond0")  # opening it would hang: it must be stat'ed and skipped
    (tmp_path / "outside").write_text("Bonding Mode: load balancing (round-robin)\n")
    (bonding / "bond1").symlink_to(tmp_path / "outside")
    os.symlink("../../../../outside", bonding / "bond2")
    assert live_runtime(proc_root=str(proc_root), sys_root=str(tmp_path / "no-sys")) == {}


def test_live_runtime_joins_a_host_built_from_etc(tmp_path: Path) -> None:
    """What ``bondlint --live`` does: build from /etc, attach the live view, run the rules."""
    proc_root, sys_root = _fake_live(tmp_path)
    etc_root = _write(
        tmp_path / "host",
        {
            **CONFIG_8023AD,
            f"{NS}/ifcfg-eth0": "DEVICE=eth0\nHWADDR=00:1e:c9:b4:21:0a\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\n",
            f"{NS}/ifcfg-eth1": "DEVICE=eth1\nHWADDR=00:1e:c9:b4:21:0c\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\n",
            f"{NS}/ifcfg-bond1": "DEVICE=bond1\nONBOOT=yes\n"
            'BONDING_OPTS="mode=active-backup miimon=100 primary=eth2"\n',
            f"{NS}/ifcfg-eth2": "DEVICE=eth2\nMASTER=bond1\nSLAVE=yes\nONBOOT=yes\n",
            f"{NS}/ifcfg-eth3": "DEVICE=eth3\nMASTER=bond1\nSLAVE=yes\nONBOOT=yes\n",
        },
    )
    host = _host(etc_root / "etc")
    assert host.running == ()
    runtime = live_runtime(proc_root=str(proc_root), sys_root=str(sys_root))
    live = attach_runtime(host, runtime)
    findings, failures = run_rules(live, BL8)
    assert failures == []
    got = sorted((f.code, f.path) for f in findings)
    sysfs = os.path.join(str(sys_root), "sys/class/net/bond1/bonding")
    assert got == [("BL802", sysfs), ("BL812", sysfs)]
    assert live.runtime == ("bond0", "bond1")
    assert all(doc in live.documents for doc in runtime.values())


def test_live_flag_runs_the_real_cli_on_this_machine() -> None:
    """`--live` reads this machine's /proc and /sys (read-only) without failing.

    CI machines run no bonds, so the seed host's ONBOOT bond0 is BL814's (no bond at all runs
    is evidence under --live); the reader itself is exercised on fake proc/sys roots above.
    """
    from tests.conftest import HOSTS, run_cli

    proc = run_cli("--live", "--format", "json", "--select", "BL8", str(HOSTS / "seed-centos52-xen-8023ad"))
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    import json

    assert json.loads(proc.stdout)["roots"] == [str(HOSTS / "seed-centos52-xen-8023ad")]


@pytest.mark.parametrize(("polling", "codes"), [("0", ["BL815"]), ("100", [])])
def test_proc_only_root_gets_the_checks_that_need_no_configuration(tmp_path: Path, polling: str, codes: list[str]) -> None:
    """A tree holding nothing but /proc/net/bonding (no etc/) is a host root: BL815 judges it."""
    proc = (HOSTS / "BL815-proc-only-mii-polling-zero" / "proc/net/bonding/bond0").read_text()
    root = _write(tmp_path, {"proc/net/bonding/bond0": proc.replace("(ms): 0", f"(ms): {polling}")})
    assert not (root / "etc").exists()
    assert [f["code"] for f in _bl8(root)] == codes


def test_live_without_any_bond_is_evidence_for_bl814(configured_host: HostModel) -> None:
    """Under --live an absent or empty /proc/net/bonding shows the ONBOOT bond is not running;
    the same tree without --live and without proc entries says nothing."""
    assert "BL814" not in _codes(configured_host)
    live = attach_runtime(configured_host, {})
    findings, failures = run_rules(live, BL8)
    assert failures == []
    [finding] = [f for f in findings if f.code == "BL814"]
    assert "the running host (--live): /proc/net/bonding has no bond0 (running: none)" in finding.message

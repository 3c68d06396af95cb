"""BL6xx on real host trees: the seed scenario with one thing changed at a time."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import bondlint
from bondlint.findings import Finding, Severity
from tests.conftest import HOSTS, run_json

SEED = HOSTS / "seed-centos52-xen-8023ad"
XEND = "etc/xen/xend-config.sxp"
SCRIPTS = "etc/sysconfig/network-scripts"
SEED_NS = "(network-script 'network-bridge netdev=bond0')"


def seed_host(tmp_path: Path, network_script: str | None = None, files: dict[str, str] | None = None) -> Path:
    """A copy of the seed host with its network-script line and some files replaced."""
    root = tmp_path / "host"
    shutil.copytree(SEED, root)
    if network_script is not None:
        xend = root / XEND
        text = xend.read_text()
        assert text.count(SEED_NS) == 1
        xend.write_text(text.replace(SEED_NS, network_script))
    for rel, text in (files or {}).items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def lint(root: Path, code: str) -> list[Finding]:
    report = bondlint.lint(root, select=[code])
    assert not report.failures, report.failures
    return [f for f in report.findings if f.code == code]


def test_bad_xend_file_hides_nothing() -> None:
    """Issue 3: a xend-config.sxp that does not parse still leaves every other file linted."""
    root = HOSTS / "BL601-stray-paren-other-files-linted"
    findings = run_json(str(root))["findings"]
    by_code = {(f["code"], f["path"].rsplit("/", 1)[-1]) for f in findings}
    assert ("BL601", "xend-config.sxp") in by_code
    assert ("BL201", "ifcfg-eth1") in by_code


def test_seed_has_no_xen_or_manager_problem() -> None:
    findings = bondlint.lint(SEED, select=["BL6", "BL7"]).findings
    assert [f for f in findings if f.severity >= Severity.WARNING] == []


def test_unclosed_network_script_list_is_bl601_only(tmp_path: Path) -> None:
    root = seed_host(tmp_path, "(network-script 'network-bridge netdev=bond0'")
    assert [f.message for f in lint(root, "BL601")] == [
        "unterminated list (unexpected EOF): xend will not start"
    ]
    assert lint(root, "BL602") == []


@pytest.mark.parametrize(
    ("network_script", "expected"),
    [
        ("(network-script 'network-bridge\tnetdev=bond0')", ["a tab"]),
        ("(network-script 'network-bridge  netdev=bond0  bridge=xenbr0')", ["a double space"] * 2),
        ("(network-script 'network-bridge netdev=bond0 bridge=xenbr0')", []),
    ],
)
def test_network_script_spacing(tmp_path: Path, network_script: str, expected: list[str]) -> None:
    found = lint(seed_host(tmp_path, network_script), "BL604")
    assert [f.message.split(" in the ")[0] for f in found] == expected


def test_tab_span_points_at_the_tab(tmp_path: Path) -> None:
    (f,) = lint(seed_host(tmp_path, "(network-script 'network-bridge\tnetdev=bond0')"), "BL604")
    line = (tmp_path / "host" / XEND).read_text().splitlines()[f.line - 1]
    assert line[f.column - 1 : f.end_column - 1] == "\t"


@pytest.mark.parametrize(
    ("network_script", "fires"),
    [
        ("(network-script 'network-bridge netdev=`cat /etc/uplink`')", True),
        ("(network-script 'network-bridge netdev=bond0;reboot')", True),
        ("(network-script 'network-bridge netdev=$(uplink)')", True),
        # no "=": evalVariables leaves it alone
        ("(network-script 'network-bridge start;x netdev=bond0')", False),
        ("(network-script 'network-bridge netdev=${uplink}')", False),
    ],
)
def test_network_script_injection(tmp_path: Path, network_script: str, fires: bool) -> None:
    assert bool(lint(seed_host(tmp_path, network_script), "BL605")) is fires


def test_netdev_onboot_no_and_missing(tmp_path: Path) -> None:
    root = seed_host(tmp_path, "(network-script 'network-bridge netdev=eth2')")
    (f,) = lint(root, "BL606")
    assert "ONBOOT=no" in f.message and f.path.endswith(XEND)
    root = seed_host(tmp_path / "b", "(network-script 'network-bridge netdev=bond1')")
    (f,) = lint(root, "BL606")
    assert "no live ifcfg file with DEVICE=bond1" in f.message
    root = seed_host(tmp_path / "c", "(network-script 'network-bridge netdev=$(uplink)')")
    assert lint(root, "BL606") == []


def test_unquoted_arguments_also_hit_the_default_slave(tmp_path: Path) -> None:
    """BL602's dropped netdev= leaves network-bridge on eth0, a slave: both rules speak."""
    root = seed_host(tmp_path, "(network-script network-bridge netdev=bond0)")
    assert len(lint(root, "BL602")) == 1
    (f,) = lint(root, "BL607")
    assert "bridges eth0" in f.message and "dropped" in f.message


def test_default_device_follows_vifnum(tmp_path: Path) -> None:
    """vifnum=2 makes Xen 3.0/3.1 use eth2, which is no slave."""
    root = seed_host(tmp_path, "(network-script 'network-bridge vifnum=2')")
    assert lint(root, "BL607") == []


def test_default_device_on_xen_33_is_the_route_device(tmp_path: Path) -> None:
    """Outside el5 the default is the default-route device (bond0 here): no slave, but it is the uplink."""
    root = seed_host(
        tmp_path,
        "(network-script network-bridge)",
        {
            "etc/redhat-release": "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n",
            f"{SCRIPTS}/ifcfg-bond0": 'DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nBONDING_OPTS="mode=5 miimon=100"\n',
        },
    )
    assert lint(root, "BL607") == []
    (f,) = lint(root, "BL608")
    assert f.severity is Severity.ERROR and "by default" in f.message and "balance-tlb" in f.message


@pytest.mark.parametrize(
    ("opts", "severity"),
    [
        ("miimon=100", Severity.ERROR),  # no mode: balance-rr
        ("mode=broadcast miimon=100", Severity.WARNING),
        ("mode=2 arp_interval=500 arp_ip_target=10.10.10.1", Severity.WARNING),
        ("mode=1 arp_interval=0 miimon=100", None),
        ("mode=active-backup miimon=100", None),
    ],
)
def test_bridge_mode_severity(tmp_path: Path, opts: str, severity: Severity | None) -> None:
    bond = (SEED / SCRIPTS / "ifcfg-bond0").read_text().replace('"mode=4 miimon=100"', f'"{opts}"')
    root = seed_host(tmp_path, None, {f"{SCRIPTS}/ifcfg-bond0": bond})
    assert [f.severity for f in lint(root, "BL608")] == ([severity] if severity else [])


def test_duplicate_key_points_at_the_second(tmp_path: Path) -> None:
    root = seed_host(tmp_path, SEED_NS + "\n(dom0-cpus 2)")
    (f,) = lint(root, "BL603")
    assert f.message.startswith("(dom0-cpus ...) is given again here")
    assert f.related and f.related[0].span.line < f.line


def test_vif_bridge_needs_a_second_bridge(tmp_path: Path) -> None:
    """One bridge only: vif-bridge can only find that one, so BL610 stays quiet."""
    root = seed_host(tmp_path, "(network-script 'network-bridge netdev=bond0 bridge=xenbr1')")
    assert lint(root, "BL610") == []


def test_unreadable_network_bridge_script_is_not_judged(tmp_path: Path) -> None:
    root = seed_host(tmp_path, None, {"etc/xen/scripts/network-bridge": "\x00\x01binary"})
    assert lint(root, "BL609") == []


def test_corpus_xend_files_under_the_seed(corpus: Path, tmp_path: Path) -> None:
    """Every real xend file, dropped into the seed host at test time: no crash, and the
    upstream examples' stock `(network-script network-bridge)` is exactly a BL607."""
    files = sorted((corpus / "xend").glob("*.sxp"))
    if not files:
        pytest.skip("no xend files in the corpus")
    roots = []
    for f in files:
        root = tmp_path / f.stem
        shutil.copytree(SEED, root)
        shutil.copyfile(f, root / XEND)
        roots.append(root)
    report = bondlint.lint(roots, select=["BL6"])
    assert not report.failures, report.failures
    stock_line = re.compile(r"^[ \t]*\(network-script network-bridge\)", re.MULTILINE)
    stock = {str(r) for r, f in zip(roots, files) if stock_line.search(f.read_text(errors="replace"))}
    assert stock, "the corpus should hold upstream examples with the stock network-script"
    flagged = {f.root for f in report.findings if f.code == "BL607"}
    assert flagged == stock
    assert {f.code for f in report.findings} <= {"BL607"}

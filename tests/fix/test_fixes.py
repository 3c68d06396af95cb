"""Each fix on its fixture: the diff (snapshot), the code gone after --fix, nothing new, idempotent.

Every step goes through the real CLI in-process (``cli.main``) on a copy of the
fixture, so the fixture trees in the repository are never written.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from bondlint import cli
from tests.conftest import HOSTS
from tests.fix._support import copy_host, tree_bytes

SNAPSHOTS = Path(__file__).parent / "snapshots"

#: (fixture, code it repairs, extra flags)
CASES = [
    ("BL002-bonding-opts-unquoted", "BL002", ()),
    ("BL004-crlf-slave", "BL004", ()),
    ("BL007-slave-uppercase-onboot-true", "BL007", ("--unsafe-fixes",)),
    ("BL402-slave-driver-alias-first", "BL402", ()),
    ("BL405-options-trailing-comment", "BL405", ()),
    ("BL602-network-script-unquoted", "BL602", ()),
    ("BL203-slave-uppercase-and-missing", "BL203", ("--unsafe-fixes",)),
    ("BL313-lacp-rate-before-mode", "BL313", ()),
    ("BL512-dhcp-port-without-gatewaydev", "BL512", ("--unsafe-fixes",)),
    ("BL301-typo-nearest-option", "BL301", ("--unsafe-fixes",)),
    ("BL303-no-link-monitoring", "BL303", ("--unsafe-fixes",)),
    ("BL302-value-letter-case", "BL302", ("--unsafe-fixes",)),
    ("BL604-double-space", "BL604", ()),
    ("BL010-bond-without-device", "BL010", ("--unsafe-fixes",)),
    ("BL012-userctl-on-bond-and-slave", "BL012", ("--unsafe-fixes",)),
    ("BL205-el5-quotes-export-semicolon", "BL205", ("--unsafe-fixes",)),
    ("BL205-el7-export-is-warning", "BL205", ("--unsafe-fixes",)),
    ("BL404-install-bonding-true", "BL404", ("--unsafe-fixes",)),
    ("BL901-stale-disables", "BL901", ()),
    ("BL315-max-bonds-with-bonding-opts", "BL315", ("--unsafe-fixes",)),
    ("BL013-bonding-opt-and-nm-controler-el7", "BL013", ("--unsafe-fixes",)),
    ("BL301-keyfile-lacp-rate-with-dash", "BL301", ("--unsafe-fixes",)),
    ("BL302-keyfile-mode-upper-case", "BL302", ("--unsafe-fixes",)),
    ("BL303-keyfile-miimon-0-no-arp", "BL303", ("--unsafe-fixes",)),
]


def main(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def findings(root: Path) -> list[dict]:
    code, out, err = main("--format", "json", str(root))
    assert code in (0, 1), err
    return json.loads(out)["findings"]


def _key(f: dict, root: Path) -> tuple[str, str]:
    return f["code"], str(Path(f["path"]).relative_to(root)) if f["path"] else ""


@pytest.mark.parametrize(("fixture", "code", "flags"), CASES, ids=[c[0] for c in CASES])
def test_fix_on_its_fixture(fixture: str, code: str, flags: tuple[str, ...], tmp_path: Path, snapshot) -> None:
    root = copy_host(HOSTS / fixture, tmp_path / fixture)
    before = findings(root)
    assert any(f["code"] == code and "fix" in f for f in before), f"{fixture} offers no {code} fix"
    original = tree_bytes(root)

    status, diff, _ = main("--diff", *flags, str(root))
    assert status == 1 and diff
    assert tree_bytes(root) == original, "--diff wrote something"
    snapshot.snapshot_dir = SNAPSHOTS
    shown = diff.replace(str(tmp_path) + "/", "").replace("\r", "\\r")  # CRs visible (and storable)
    snapshot.assert_match(shown, f"{fixture}.diff")

    main("--fix", *flags, str(root))
    after = findings(root)
    assert not [f for f in after if f["code"] == code], f"{code} still reported after --fix"
    new = Counter(_key(f, root) for f in after) - Counter(_key(f, root) for f in before)
    assert not new, f"--fix brought new findings: {new}"

    fixed = tree_bytes(root)
    assert fixed != original
    status, diff, _ = main("--diff", *flags, str(root))
    assert (status, diff) == (0, ""), "a second pass would still change something"
    main("--fix", *flags, str(root))
    assert tree_bytes(root) == fixed, "a second --fix changed the files"


def test_safe_only_by_default(tmp_path: Path) -> None:
    """SLAVE=YES is no slave to initscripts: rewriting it is unsafe, so plain --fix leaves it."""
    root = copy_host(HOSTS / "BL007-slave-uppercase-onboot-true", tmp_path / "h")
    main("--fix", str(root))
    eth0 = (root / "etc/sysconfig/network-scripts/ifcfg-eth0").read_text()
    assert "ONBOOT=yes" in eth0 and "SLAVE=YES" in eth0
    left = [f for f in findings(root) if f["code"] == "BL203"]  # SLAVE beside MASTER is BL203's (issue 12)
    assert [f["fix"]["applicability"] for f in left] == ["unsafe"]


def test_fixes_that_wait_for_an_earlier_pass(tmp_path: Path) -> None:
    """CRLF first (BL004), then the quoting (BL002) of the value the CR was stuck to: two passes."""
    root = tmp_path / "h"
    scripts = root / "etc/sysconfig/network-scripts"
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-bond0").write_bytes(b"DEVICE=bond0\r\nONBOOT=YES\r\nBONDING_OPTS=mode=1 miimon=100\r\n")
    status, _, err = main("--fix", "--show-fixes", "--select", "BL002,BL004,BL007", str(root))
    assert (scripts / "ifcfg-bond0").read_bytes() == b'DEVICE=bond0\nONBOOT=yes\nBONDING_OPTS="mode=1 miimon=100"\n'
    assert "(pass 1)" in err and "(pass 2)" in err
    assert status == 0


def test_variable_assignments_after_a_value_are_an_unsafe_quote(tmp_path: Path) -> None:
    root = tmp_path / "h"
    scripts = root / "etc/sysconfig/network-scripts"
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-eth0").write_text("DEVICE=eth0\nIPADDR=10.0.0.1 NETMASK=255.0.0.0\n")
    (bl002,) = [f for f in findings(root) if f["code"] == "BL002"]
    assert bl002["fix"]["applicability"] == "unsafe"
    assert main("--diff", str(root))[0] == 0


def test_every_format_says_whether_a_fix_is_available(tmp_path: Path) -> None:
    root = copy_host(HOSTS / "BL007-slave-uppercase-onboot-true", tmp_path / "h")
    _, text, _ = main("--select", "BL007,BL203", str(root))
    assert "[fix: safe]" in text and "[fix: unsafe]" in text and "[*] 2 fixable with --fix; 1 more" in text
    _, gh, _ = main("--format", "github", "--select", "BL007,BL203", str(root))
    assert "(fix available, unsafe: bondlint --fix --unsafe-fixes)" in gh
    _, sarif, _ = main("--format", "sarif", "--select", "BL007,BL203", str(root))
    results = json.loads(sarif)["runs"][0]["results"]
    assert {r["properties"]["fixSafety"] for r in results} == {"safe", "unsafe"}
    change = results[0]["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"]["text"] in ("yes", "no")
    _, gitlab, _ = main("--format", "gitlab", "--select", "BL007,BL203", str(root))
    notes = sorted(i["description"].rsplit("(", 1)[1] for i in json.loads(gitlab))
    assert set(notes) == {"fix available, safe: bondlint --fix)", "fix available, unsafe: bondlint --fix --unsafe-fixes)"}
    _, junit, _ = main("--format", "junit", "--select", "BL007,BL203", str(root))
    assert "= fix available, safe: bondlint --fix: write ONBOOT=yes" in junit
    _, page, _ = main("--format", "html", "--select", "BL007,BL203", str(root))
    assert '<p class="fix unsafe">fix available, unsafe: bondlint --fix --unsafe-fixes: write SLAVE=yes' in page


@pytest.mark.parametrize(
    ("release", "line", "safety"),
    [
        ("el7", "ONBOOT=YES", "safe"),  # yes to initscripts and NetworkManager
        ("el7", "ONBOOT=No", "safe"),  # no to both
        ("el7", "ONBOOT=false", "unsafe"),  # yes to initscripts, no to NetworkManager
        ("el5", "ONBOOT=off", "unsafe"),  # yes to initscripts: the word says no
        ("el7", "ONBOOT=n", "unsafe"),  # yes to initscripts, no to NetworkManager
        ("el7", "SLAVE=NO", "safe"),  # not a slave to initscripts either way; NM ignores SLAVE
        ("el7", "SLAVE=True", "unsafe"),  # no slave to initscripts today
        ("el7", "USERCTL='TRUE'", "safe"),  # usernetctl grants it already
        ("el7", "USERCTL=1", "unsafe"),  # usernetctl does not grant it today
        ("el7", "NM_CONTROLLED=NO", "unsafe"),  # initscripts compare with literal strings
        ("el7", "ONBOOT=maybe", None),  # no boolean word: no fix
    ],
)
def test_boolean_fix_safety_per_reader(release: str, line: str, safety: str | None, tmp_path: Path) -> None:
    root = tmp_path / "h"
    scripts = root / "etc/sysconfig/network-scripts"
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-eth0").write_text(f"DEVICE=eth0\n{line}\n")
    _, out, _ = main("--format", "json", "--release", release, "--select", "BL007", str(root))
    (finding,) = json.loads(out)["findings"]
    assert (finding["fix"]["applicability"] if "fix" in finding else None) == safety


def _host(tmp_path: Path, files: dict[str, str], release: str = "CentOS release 5.2 (Final)\n") -> Path:
    root = tmp_path / "h"
    for rel, text in {"etc/redhat-release": release, **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


SCRIPTS = "etc/sysconfig/network-scripts"
BOND = "DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nIPADDR=10.0.0.2\nNETMASK=255.255.255.0\n"


def _fixed(root: Path, code: str, rel: str) -> tuple[dict | None, str]:
    """The finding's fix (None: none offered), and the file after --fix --unsafe-fixes of that code only."""
    (finding,) = [f for f in findings(root) if f["code"] == code]
    main("--fix", "--unsafe-fixes", "--select", code, str(root))
    assert not [f for f in findings(root) if f["code"] == code] or "fix" not in finding
    return finding.get("fix"), (root / rel).read_text()


@pytest.mark.parametrize(
    ("opts", "after"),
    [
        ('BONDING_OPTS="mode=1"', 'BONDING_OPTS="mode=1 miimon=100"'),
        ("BONDING_OPTS='updelay=200 mode=1'", "BONDING_OPTS='updelay=200 mode=1 miimon=100'"),  # BL313 then reorders
        ("BONDING_OPTS=mode=1", 'BONDING_OPTS="mode=1 miimon=100"'),  # one word: now two, quoted
        ('BONDING_OPTS="downdelay=0"', 'BONDING_OPTS="miimon=100 downdelay=0"'),  # before the delays (el5)
        ('BONDING_OPTS="mode=1 miimon=0"', 'BONDING_OPTS="mode=1 miimon=100"'),
        ("TYPE=Bond", 'TYPE=Bond\nBONDING_OPTS="miimon=100"'),
    ],
)
def test_miimon_fix_per_way_of_writing_bonding_opts(opts: str, after: str, tmp_path: Path) -> None:
    root = _host(tmp_path, {f"{SCRIPTS}/ifcfg-bond0": f"{BOND}{opts}\n", "etc/modprobe.conf": "alias bond0 bonding\n"})
    fix, text = _fixed(root, "BL303", f"{SCRIPTS}/ifcfg-bond0")
    assert fix is not None and fix["applicability"] == "unsafe"
    assert text == f"{BOND}{after}\n"


def test_no_miimon_fix_for_shared_module_options_or_a_misspelt_miimon(tmp_path: Path) -> None:
    root = _host(tmp_path, {f"{SCRIPTS}/ifcfg-bond0": BOND, "etc/modprobe.conf": "alias bond0 bonding\noptions bonding mode=1\n"})
    assert _fixed(root, "BL303", f"{SCRIPTS}/ifcfg-bond0")[0] is None
    (root / SCRIPTS / "ifcfg-bond0").write_text(f'{BOND}BONDING_OPTS="mode=1 mimon=100"\n')
    (bl303,) = [f for f in findings(root) if f["code"] == "BL303"]
    assert "fix" not in bl303, "BL301 renames mimon; adding miimon too would write it twice"
    main("--fix", "--unsafe-fixes", str(root))
    assert (root / SCRIPTS / "ifcfg-bond0").read_text() == f'{BOND}BONDING_OPTS="mode=1 miimon=100"\n'


@pytest.mark.parametrize(
    ("opts", "after"),
    [
        ('"mode=1 mimon=100"', '"mode=1 miimon=100"'),
        ('"mode=4 lacp-rate=1 miimon=100"', '"mode=4 lacp_rate=1 miimon=100"'),
        ('"mode=1 ad_select=stable miimon=100"', None),  # an option of later releases: no typo
        ('"mode=1 mimon=100 miimon=200"', None),  # the rename would write miimon twice
        ('"mode=1 xyzzy=1 miimon=100"', None),  # nothing near
    ],
)
def test_option_rename_fix(opts: str, after: str | None, tmp_path: Path) -> None:
    root = _host(tmp_path, {f"{SCRIPTS}/ifcfg-bond0": f"{BOND}BONDING_OPTS={opts}\n", "etc/modprobe.conf": "alias bond0 bonding\n"})
    fix, text = _fixed(root, "BL301", f"{SCRIPTS}/ifcfg-bond0")
    assert (fix["applicability"] if fix else None) == ("unsafe" if after else None)
    assert text == f"{BOND}BONDING_OPTS={after or opts}\n"


def test_option_rename_in_a_modprobe_options_line(tmp_path: Path) -> None:
    root = _host(tmp_path, {f"{SCRIPTS}/ifcfg-bond0": BOND, "etc/modprobe.conf": "alias bond0 bonding\noptions bond0 mode=1 miimon=100 max_bond=2\n"})
    fix, text = _fixed(root, "BL301", "etc/modprobe.conf")
    assert fix is not None and text == "alias bond0 bonding\noptions bond0 mode=1 miimon=100 max_bonds=2\n"


#: The bond's own GATEWAY and a DHCP port that could take the default route (BL512).
GATEWAY_ON_BOND = {
    f"{SCRIPTS}/ifcfg-bond0": f'{BOND}GATEWAY=10.0.0.1\nBONDING_OPTS="mode=1 miimon=100"\n',
    f"{SCRIPTS}/ifcfg-eth2": "DEVICE=eth2\nBOOTPROTO=dhcp\nONBOOT=yes\n",
    "etc/modprobe.conf": "alias bond0 bonding\n",
}


def test_gatewaydev_fix_creates_the_network_file(tmp_path: Path) -> None:
    """No /etc/sysconfig/network: the fix creates it."""
    root = _host(tmp_path, GATEWAY_ON_BOND)
    assert main("--fix", str(root))[0] == 1 and not (root / "etc/sysconfig/network").exists(), "unsafe only"
    fix, text = _fixed(root, "BL512", "etc/sysconfig/network")
    assert fix["applicability"] == "unsafe" and fix["edits"][0]["content"] == "GATEWAYDEV=bond0\n"
    assert text == "GATEWAYDEV=bond0\n"


def test_gatewaydev_goes_at_the_end_without_gateway_line(tmp_path: Path) -> None:
    root = _host(tmp_path, {**GATEWAY_ON_BOND, "etc/sysconfig/network": "NETWORKING=yes"})
    assert _fixed(root, "BL512", "etc/sysconfig/network")[1] == "NETWORKING=yes\nGATEWAYDEV=bond0\n"


@pytest.mark.parametrize(
    ("release", "slave", "safety", "after"),
    [
        ("CentOS release 5.2 (Final)\n", "SLAVE=YES\n", "unsafe", "SLAVE=yes\n"),
        ("CentOS release 5.2 (Final)\n", "SLAVE='no'\n", "unsafe", "SLAVE='yes'\n"),
        ("CentOS release 5.2 (Final)\n", "", "unsafe", "SLAVE=yes\n"),  # the new line goes above MASTER=
    ],
)
def test_slave_yes_fix(release: str, slave: str, safety: str, after: str, tmp_path: Path) -> None:
    eth0 = f"{SCRIPTS}/ifcfg-eth0"
    root = _host(
        tmp_path,
        {
            f"{SCRIPTS}/ifcfg-bond0": f'{BOND}BONDING_OPTS="mode=1 miimon=100"\n',
            eth0: f"DEVICE=eth0\nONBOOT=yes\n{slave}MASTER=bond0\n",
            "etc/modprobe.conf": "alias bond0 bonding\n",
        },
        release,
    )
    fix, text = _fixed(root, "BL203", eth0)
    assert fix["applicability"] == safety
    assert text == f"DEVICE=eth0\nONBOOT=yes\n{after}MASTER=bond0\n"


@pytest.mark.parametrize(
    ("written", "after"),
    [
        ("'network-bridge\tnetdev=bond0'", "'network-bridge netdev=bond0'"),
        ("'network-bridge netdev=bond0  '", "'network-bridge netdev=bond0'"),
        ("'  network-bridge netdev=bond0'", "'network-bridge netdev=bond0'"),
    ],
)
def test_network_script_spacing_fix(written: str, after: str | None, tmp_path: Path) -> None:
    root = _host(tmp_path, {"etc/xen/xend-config.sxp": f"(network-script {written})\n"})
    bl604 = [f for f in findings(root) if f["code"] == "BL604"]
    assert bl604 and all(("fix" in f) == (after is not None) for f in bl604)
    main("--fix", str(root))
    assert (root / "etc/xen/xend-config.sxp").read_text() == f"(network-script {after or written})\n"


@pytest.mark.parametrize(
    ("name", "text", "fixable"),
    [
        ("ifcfg-bond0", 'BONDING_OPTS="mode=1 miimon=100"\n', True),
        ("ifcfg-eth0", "HWADDR=00:1E:68:37:FA:92\nONBOOT=yes\n", False),  # el6+ find the NIC by HWADDR
        ("ifcfg-eth0", "DEVICE=\nONBOOT=yes\n", False),  # an empty DEVICE line: not a second one
        ("ifcfg-System_eth0", "ONBOOT=yes\n", True),
        ("ifcfg-My Port", "ONBOOT=yes\n", False),  # no device name
    ],
)
def test_device_fix_only_where_the_name_is_unambiguous(name: str, text: str, fixable: bool, tmp_path: Path) -> None:
    root = _host(tmp_path, {f"{SCRIPTS}/{name}": text})
    fix, after = _fixed(root, "BL010", f"{SCRIPTS}/{name}")
    assert (fix is not None) == fixable
    assert after == (f"DEVICE={name[6:]}\n{text}" if fixable else text)


@pytest.mark.parametrize(
    ("modprobe", "after"),
    [
        ("alias bond0 off\n# keep\n", "alias bond0 bonding\n# keep\n"),
        ("alias bond0 bonding\nblacklist bonding\noptions bonding miimon=100\n", "alias bond0 bonding\noptions bonding miimon=100\n"),
        ("alias bond0 bonding\ninstall bonding :", "alias bond0 bonding\n"),  # no newline at the end
    ],
)
def test_bonding_disabled_fix(modprobe: str, after: str, tmp_path: Path) -> None:
    root = _host(tmp_path, {f"{SCRIPTS}/ifcfg-bond0": f'{BOND}BONDING_OPTS="mode=1 miimon=100"\n', "etc/modprobe.conf": modprobe})
    fix, text = _fixed(root, "BL404", "etc/modprobe.conf")
    assert fix["applicability"] == "unsafe" and text == after


def test_a_cached_run_keeps_each_fix(tmp_path: Path) -> None:
    """The content cache stores findings with their fixes, and the rules' fix declarations."""
    root = copy_host(HOSTS / "BL007-slave-uppercase-onboot-true", tmp_path / "h")
    runs = [main("--format", "json", "--cache-dir", str(tmp_path / "cache"), str(root)) for _ in range(2)]
    assert runs[0] == runs[1] and '"applicability": "unsafe"' in runs[0][1]
    assert any((tmp_path / "cache").rglob("*.json")), "the second run was not answered from the cache"
    sarif = [main("--format", "sarif", "--cache-dir", str(tmp_path / "cache"), str(root))[1] for _ in range(2)]
    assert sarif[0] == sarif[1] and '"fix": "sometimes"' in sarif[0]


@pytest.mark.parametrize(
    ("eth0", "after"),
    [
        ("ONBOOT=yes  # bondlint: disable=BL007\n", "ONBOOT=yes\n"),
        ("ONBOOT=yes # keep\n# bondlint: disable=BL007,BL012\nMTU=9000\n", "ONBOOT=yes # keep\nMTU=9000\n"),
        ("# bondlint: disable=BL007, BL209\nONBOOT=YES\n", "# bondlint: disable=BL007\nONBOOT=YES\n"),
        ("# bondlint: disable=BL209,BL007\nONBOOT=YES\n", "# bondlint: disable=BL007\nONBOOT=YES\n"),
    ],
)
def test_unused_suppression_fix(eth0: str, after: str, tmp_path: Path) -> None:
    root = _host(tmp_path, {f"{SCRIPTS}/ifcfg-eth0": f"DEVICE=eth0\n{eth0}"})
    status, _, err = main("--fix", str(root))
    assert (root / SCRIPTS / "ifcfg-eth0").read_text() == f"DEVICE=eth0\n{after}", err
    assert not [f for f in findings(root) if f["code"] == "BL901"]


@pytest.mark.parametrize(
    ("line", "after", "bond1"),
    [
        ("options bonding max_bonds=2 miimon=100\n", "options bonding miimon=100\n", True),
        ("options bonding miimon=100 max_bonds=2\n", "options bonding miimon=100\n", True),
        ("options bonding max_bonds=2\n", "", True),
        ("options bonding max_bonds=2\n", None, False),  # bond1 has no BONDING_OPTS: the module may create it
    ],
)
def test_max_bonds_fix(line: str, after: str | None, bond1: bool, tmp_path: Path) -> None:
    opts = 'BONDING_OPTS="mode=1 miimon=100"\n' if bond1 else ""
    root = _host(
        tmp_path,
        {
            f"{SCRIPTS}/ifcfg-bond0": f'{BOND}BONDING_OPTS="mode=1 miimon=100"\n',
            f"{SCRIPTS}/ifcfg-bond1": f"DEVICE=bond1\nONBOOT=yes\nBOOTPROTO=none\nIPADDR=10.0.1.2\nNETMASK=255.255.255.0\n{opts}",
            "etc/modprobe.conf": f"alias bond0 bonding\nalias bond1 bonding\n{line}",
        },
    )
    fix, text = _fixed(root, "BL315", "etc/modprobe.conf")
    assert (fix is not None) == (after is not None)
    assert text == "alias bond0 bonding\nalias bond1 bonding\n" + (line if after is None else after)


@pytest.mark.parametrize(
    ("lines", "after"),
    [
        ("NM_CONTROLER=no\n", "NM_CONTROLLED=no\n"),
        ("export USRCTL=no\n", "export USERCTL=no\n"),
        ("userctl=no\n", "USERCTL=no\n"),  # letter case only: bash names are case-sensitive
        ("USRCTL=no\nUSERCTL=yes\n", None),  # USERCTL is assigned: a rename would write it twice
        ("USRCTL=no\nuserctl=yes\n", None),  # both mean USERCTL: which one the author meant is unknown
        ("USRCTL=no\nUSRCTL=yes\n", None),  # the typo twice: renaming one leaves the other
        ("NETMASKS=255.0.0.0\n", None),  # NETMASK, NETMASK0, NETMASK1 ... are all one edit away
    ],
)
def test_key_typo_fix_only_when_the_rename_is_unambiguous(lines: str, after: str | None, tmp_path: Path) -> None:
    root = _host(tmp_path, {f"{SCRIPTS}/ifcfg-eth0": f"DEVICE=eth0\nONBOOT=yes\n{lines}"})
    fixes = [f.get("fix") for f in findings(root) if f["code"] == "BL013"]
    assert fixes
    main("--fix", "--unsafe-fixes", "--select", "BL013", str(root))
    text = (root / SCRIPTS / "ifcfg-eth0").read_text()
    if after is None:
        assert fixes == [None] * len(fixes) and text == f"DEVICE=eth0\nONBOOT=yes\n{lines}"
    else:
        assert [f["applicability"] for f in fixes] == ["unsafe"] and text == f"DEVICE=eth0\nONBOOT=yes\n{after}"
        assert not [f for f in findings(root) if f["code"] == "BL013"]


def test_misspelt_bonding_opts_is_named_by_bl303_and_left_to_bl013(tmp_path: Path) -> None:
    """One root cause: BL303 says the miimon is in the misspelt BONDING_OPT and offers no fix of its own."""
    root = _host(
        tmp_path,
        {f"{SCRIPTS}/ifcfg-bond0": f'{BOND}BONDING_OPT="mode=1 miimon=100"\n', "etc/modprobe.conf": "alias bond0 bonding\n"},
    )
    (bl303,) = [f for f in findings(root) if f["code"] == "BL303"]
    assert "its miimon is in BONDING_OPT, which nothing reads (BL013)" in bl303["message"] and "fix" not in bl303
    main("--fix", "--unsafe-fixes", str(root))
    assert (root / SCRIPTS / "ifcfg-bond0").read_text().endswith('\nBONDING_OPTS="mode=1 miimon=100"\n')
    assert not [f for f in findings(root) if f["code"] in ("BL013", "BL303")]


KEYFILE_BOND = (
    "[connection]\nid=bond0\nuuid=3f2a1c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b\ntype=bond\ninterface-name=bond0\n\n"
    "[ipv4]\nmethod=disabled\n\n[ipv6]\nmethod=disabled\n\n[bond]\n"
)


@pytest.mark.parametrize(
    ("bond", "code", "after"),
    [
        ("mode=802.3ad\nmiimon=100\nlacp-rate=fast\n", "BL301", "mode=802.3ad\nmiimon=100\nlacp_rate=fast\n"),
        ("mode=802.3ad\nmiimon=100\nlacp-rate=fast\nlacp_rate=slow\n", "BL301", None),  # lacp_rate is written
        ("mode=802.3ad\nmiimon=100\nlacp_rate=fast\nlacp-rate=fast\n", "BL301", None),
        ("mode=Active-Backup\nmiimon=100\n", "BL302", "mode=active-backup\nmiimon=100\n"),
        ("mode=802.3ad\nmiimon=100\nxmit_hash_policy=none\n", "BL302", None),  # no valid spelling of it
        ("mode=active-backup\nmiimon=0\n", "BL303", "mode=active-backup\nmiimon=100\n"),
    ],
)
def test_keyfile_bond_fixes(bond: str, code: str, after: str | None, tmp_path: Path) -> None:
    rel = "etc/NetworkManager/system-connections/bond0.nmconnection"
    root = _host(tmp_path, {rel: KEYFILE_BOND + bond}, release="Red Hat Enterprise Linux release 9.4 (Plow)\n")
    (root / rel).chmod(0o600)
    fix, text = _fixed(root, code, rel)
    assert (fix is not None) == (after is not None)
    assert text == KEYFILE_BOND + (bond if after is None else after)
    assert (root / rel).stat().st_mode & 0o777 == 0o600

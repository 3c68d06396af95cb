"""BL3xx triggers the fixtures show only one side of, each on a real host tree in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from bondlint import Severity
from tests.rules._hosts import findings, write_host

EL8 = {"etc/redhat-release": "Red Hat Enterprise Linux release 8.6 (Ootpa)\n"}


def bond(opts: str | None, name: str = "bond0") -> str:
    text = f"DEVICE={name}\nONBOOT=yes\nBOOTPROTO=none\nIPADDR=10.0.0.5\nNETMASK=255.255.255.0\n"
    return text + (f'BONDING_OPTS="{opts}"\n' if opts is not None else "")


def slave(dev: str, master: str = "bond0") -> str:
    return f"DEVICE={dev}\nMASTER={master}\nSLAVE=yes\nONBOOT=yes\nBOOTPROTO=none\n"


def host(tmp_path: Path, opts: str | None, release: str | None = "el5", extra: dict[str, str] | None = None) -> Path:
    files = {"ifcfg-bond0": bond(opts), "ifcfg-eth0": slave("eth0"), "ifcfg-eth1": slave("eth1")}
    if release == "el8":
        files.update(EL8)
        release = None
    files.update(extra or {})
    return write_host(tmp_path, files, release=release)


@pytest.mark.parametrize(
    ("release", "opts", "words"),
    [
        ("el5", "mode=802.3ad miimon=100 ad_select=stable", ["ad_select=stable"]),
        ("el6", "mode=802.3ad miimon=100 ad_select=stable", []),
        (None, "mode=802.3ad miimon=100 tlb_dynamic_lb=1 mimon=100", ["mimon=100"]),
        ("el7", "mode=1 miimon=100 max_bonds=2", ["max_bonds=2"]),
        ("el7", "mode=1 miimon=100 active_slave=eth0 num_grat_arp=3", []),
    ],
)
def test_bl301_known_options_by_release(tmp_path: Path, release: str | None, opts: str, words: list[str]) -> None:
    found = findings(host(tmp_path, opts, release), "BL301")
    assert [f.context[0][f.column - 1 : f.end_column - 1] for f in found] == words


def test_bl301_module_parameters(tmp_path: Path) -> None:
    root = host(
        tmp_path, None, extra={"etc/modprobe.conf": "alias bond0 bonding\noptions bond0 mode=1 mimon=100 max_bonds=1\n"}
    )
    (found,) = findings(root, "BL301")
    assert found.path.endswith("modprobe.conf") and "mimon" in found.message and "refuse to load" in found.message


@pytest.mark.parametrize(
    ("opts", "bad"),
    [
        ("mode=802.3AD miimon=100", "mode=802.3AD"),
        ("mode=7 miimon=100", "mode=7"),
        ("mode=4 miimon=100 lacp_rate=quick", "lacp_rate=quick"),
        ("mode=1 arp_interval=1000 arp_ip_target=10.0.0.256", "arp_ip_target=10.0.0.256"),
        ("mode=1 miimon=100 arp_validate=filter", "arp_validate=filter"),  # el7+ only
        ("mode=802.3ad miimon=100", None),
        ("mode=0 miimon=100 use_carrier=1", None),
    ],
)
def test_bl302_values(tmp_path: Path, opts: str, bad: str | None) -> None:
    found = findings(host(tmp_path, opts), "BL302")
    assert [f.context[0][f.column - 1 : f.end_column - 1] for f in found] == ([bad] if bad else [])


@pytest.mark.parametrize(
    ("release", "opts", "severity"),
    [
        ("el5", "mode=balance-xor", Severity.ERROR),
        ("el5", "mode=balance-alb", Severity.INFO),
        ("el5", "mode=1 arp_interval=1000", Severity.ERROR),
        ("el6", "mode=1", Severity.ERROR),  # the network service applies it (el6's default)
        ("el7", "mode=1", None),  # NetworkManager applies it (el7's default): miimon 100
        ("el8", "mode=1", None),  # the kernel defaults miimon to 100
        ("el8", "mode=1 miimon=0", Severity.ERROR),
        (None, "mode=1", None),  # unknown kernel: may default to 100
        (None, "mode=1 miimon=0", Severity.ERROR),
        ("el5", "mode=7", None),  # invalid mode: BL302's
    ],
)
def test_bl303_monitoring(tmp_path: Path, release: str | None, opts: str, severity: Severity | None) -> None:
    found = findings(host(tmp_path, opts, release), "BL303")
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_bl303_from_module_options(tmp_path: Path) -> None:
    root = host(tmp_path, None, extra={"etc/modprobe.conf": "alias bond0 bonding\noptions bond0 mode=active-backup\n"})
    (found,) = findings(root, "BL303")
    assert found.path.endswith("modprobe.conf") and found.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("opts", "count"),
    [
        ("mode=802.3ad miimon=100 arp_validate=none arp_interval=0", 0),
        ("mode=balance-tlb miimon=100 arp_validate=all", 1),
        # el7's NetworkManager applies the file and rejects it: one error, not a warning per option
        ("mode=6 arp_interval=200 arp_ip_target=10.0.0.1,10.0.0.2", 1),
    ],
)
def test_bl304_arp_options(tmp_path: Path, opts: str, count: int) -> None:
    assert len(findings(host(tmp_path, opts, "el7"), "BL304")) == count


@pytest.mark.parametrize(
    ("release", "mode", "fires"),
    [("el7", "balance-tlb", True), ("el8", "balance-tlb", False), (None, "5", False), ("el5", "802.3ad", False)],
)
def test_bl309_tlb_hash_by_release(tmp_path: Path, release: str | None, mode: str, fires: bool) -> None:
    root = host(tmp_path, f"mode={mode} miimon=100 xmit_hash_policy=layer2+3", release)
    assert bool(findings(root, "BL309")) == fires


@pytest.mark.parametrize(
    ("release", "opts", "messages"),
    [
        ("el7", "mode=balance-rr downdelay=5 miimon=100 updelay=10", ["rounds it down to 0 ms"] * 2),
        ("el7", "mode=1 miimon=100 updelay=250", ["rounds it down to 200 ms"]),
        ("el5", "mode=1 updelay=200", ["with miimon=0"]),
        ("el8", "mode=1 updelay=200", []),  # default miimon 100
        (None, "mode=1 updelay=200", []),  # default miimon unknown
        ("el7", "mode=1 miimon=100 updelay=0", []),
    ],
)
def test_bl312_delays(tmp_path: Path, release: str | None, opts: str, messages: list[str]) -> None:
    found = findings(host(tmp_path, opts, release), "BL312")
    assert len(found) == len(messages)
    for f, expected in zip(found, messages):
        assert expected in f.message


@pytest.mark.parametrize(
    ("release", "opts", "count"),
    [
        ("el5", "downdelay=200 lacp_rate=fast miimon=100 mode=802.3ad", 2),  # NM's alphabetical order
        ("el7", "downdelay=200 lacp_rate=fast miimon=100 mode=802.3ad", 0),  # RHEL 6+ write mode first
        ("el5", "primary=eth0 mode=active-backup miimon=100", 1),
        ("el5", "lacp_rate=fast miimon=100", 0),  # no mode= at all: BL308's business
    ],
)
def test_bl313_order(tmp_path: Path, release: str, opts: str, count: int) -> None:
    assert len(findings(host(tmp_path, opts, release), "BL313")) == count


def test_shared_module_options_reported_once(tmp_path: Path) -> None:
    """`options bonding` applies to every bond; its words are reported once, not once per bond."""
    root = write_host(
        tmp_path,
        {
            "ifcfg-bond0": bond(None),
            "ifcfg-bond1": bond(None, "bond1"),
            "ifcfg-eth0": slave("eth0"),
            "ifcfg-eth1": slave("eth1", "bond1"),
            "etc/modprobe.conf": "alias bond0 bonding\nalias bond1 bonding\n"
            "options bonding max_bonds=2 mode=active-backup miimon=100 lacp_rate=fast\n",
        },
    )
    (found,) = findings(root, "BL308")
    assert found.path.endswith("modprobe.conf") and found.line == 3


def test_bl314_max_bonds_only_line_is_bl315s(tmp_path: Path) -> None:
    root = host(
        tmp_path, "mode=1 miimon=100", "el6", extra={"etc/modprobe.d/bonding.conf": "options bonding max_bonds=1\n"}
    )
    assert findings(root, "BL314") == []
    assert len(findings(root, "BL315")) == 1


def test_bl314_options_bonding_names_every_bond(tmp_path: Path) -> None:
    root = write_host(
        tmp_path,
        {
            "ifcfg-bond0": bond("mode=1 miimon=100"),
            "ifcfg-bond1": bond("mode=4 miimon=100", "bond1"),
            "ifcfg-eth0": slave("eth0"),
            "ifcfg-eth1": slave("eth1", "bond1"),
            "etc/modprobe.conf": "alias bond0 bonding\nalias bond1 bonding\noptions bonding miimon=50\n",
        },
    )
    (found,) = findings(root, "BL314")
    assert "bond0, bond1" in found.message and len(found.related) == 2


def test_bl316_install_line_creates_the_bond(tmp_path: Path) -> None:
    files = {
        "ifcfg-bond1": bond(None, "bond1"),
        "ifcfg-eth0": slave("eth0", "bond1"),
        "ifcfg-eth1": slave("eth1", "bond1"),
        "etc/modprobe.conf": "alias bond1 bonding\noptions bonding mode=1 miimon=100\n",
    }
    assert len(findings(write_host(tmp_path / "a", files), "BL316")) == 1
    files["etc/modprobe.conf"] += "install bond1 /sbin/modprobe --ignore-install bonding -o bond1\n"
    assert findings(write_host(tmp_path / "b", files), "BL316") == []


def test_bl317_words_keep_their_own_spans(tmp_path: Path) -> None:
    root = host(tmp_path, "mode=1 miimon=100 primary eth0 mode==1")
    found = findings(root, "BL317")
    assert [f.context[0][f.column - 1 : f.end_column - 1] for f in found] == ["primary", "eth0", "mode==1"]


def test_bl302_module_value_in_double_quotes(tmp_path: Path) -> None:
    text = 'alias bond0 bonding\noptions bond0 mode=1 arp_interval=1000 arp_ip_target="10.0.0.1,10.0.0.2"\n'
    assert findings(host(tmp_path, None, extra={"etc/modprobe.conf": text}), "BL302") == []


def test_options_bonding_are_defaults_under_bonding_opts(tmp_path: Path) -> None:
    """sysfs-created bonds start from the module's `options bonding` values (BL314 warns about it)."""
    conf = {"etc/modprobe.conf": "alias bond0 bonding\noptions bonding mode=802.3ad miimon=100\n"}
    root = host(tmp_path, "lacp_rate=fast", extra=conf)
    assert findings(root, "BL303") == []
    assert findings(root, "BL308") == []
    assert len(findings(root, "BL314")) == 1


@pytest.mark.parametrize(
    ("release", "extra", "fires"),
    [
        ("el7", "UUID=5e3a4f8e-0c43-4f5b-9d5c-1e0d4c7e8a11\n", False),  # NM writes miimon=100 itself
        ("el7", "UUID=5e3a4f8e-0c43-4f5b-9d5c-1e0d4c7e8a11\nNM_CONTROLLED=no\n", True),
        ("el5", "UUID=5e3a4f8e-0c43-4f5b-9d5c-1e0d4c7e8a11\n", True),
    ],
)
def test_bl303_networkmanager_default_miimon(tmp_path: Path, release: str, extra: str, fires: bool) -> None:
    root = write_host(
        tmp_path,
        {"ifcfg-bond0": bond("mode=balance-rr") + extra, "ifcfg-eth0": slave("eth0"), "ifcfg-eth1": slave("eth1")},
        release=release,
    )
    assert bool(findings(root, "BL303")) == fires


def test_bl303_names_the_lost_miimon(tmp_path: Path) -> None:
    """miimon written but lost: BL303 says why (BL002's dropped word, BL301's misspelling) and points at it."""
    unquoted = {"ifcfg-bond0": bond(None) + "BONDING_OPTS=mode=1 miimon=100\n"}
    (dropped,) = findings(host(tmp_path / "a", None, extra=unquoted), "BL303")
    assert "bash ends the unquoted BONDING_OPTS value at the space (BL002)" in dropped.message
    assert dropped.related[0].span.line == 6
    (typo,) = findings(host(tmp_path / "b", "mode=1 miimmon=100"), "BL303")
    assert "miimmon=100 is not miimon (BL301)" in typo.message


def test_bl301_suggests_the_nearest_option(tmp_path: Path) -> None:
    got = findings(host(tmp_path, "mode=1 miimmon=100 downdleay=200"), "BL301")
    assert ["did you mean miimon?" in f.message for f in got] == [True, False]
    assert "did you mean downdelay?" in got[1].message


@pytest.mark.parametrize(
    ("line", "bl301", "bl303"),
    [
        ("options bonding miimon=50 mode=4 (note: miimon = 50 was agreed)", ["(note: miimon = 50 was agreed)"], 0),
        ("options bond0 mode=1 miimon=100   # active-backup", [], 0),
        ("options bond0 mode=1 mimon=100   # primary link", ["mimon"], 1),
    ],
    ids=["free-text", "inline-comment", "typo-then-comment"],
)
def test_options_line_words_of_comments_and_free_text_are_no_options(
    tmp_path: Path, line: str, bl301: list[str], bl303: int
) -> None:
    """One BL301 for free text, none for a comment's words; miimon=50 stands (no bare `miimon` read from the note)."""
    root = host(tmp_path, None, extra={"etc/modprobe.conf": "alias bond0 bonding\n" + line + "\n"})
    got = findings(root, "BL301")
    assert len(got) == len(bl301) and all(w in f.message for w, f in zip(bl301, got))
    assert len(findings(root, "BL303")) == bl303

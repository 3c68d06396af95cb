"""The lexical facts the converter records (bondlint.model.lexical), read from real trees on disk.

The BL0xx rules read these instead of a parse tree: each test writes a small host and
checks the records a rule relies on (raw text, spans, what bash keeps, what a program greps).
"""

from __future__ import annotations

from pathlib import Path

from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.host import HostModel
from bondlint.syntax.span import Span

SCRIPTS = "etc/sysconfig/network-scripts"


def span_text(span: Span, text: str) -> str:
    return text[span.start : span.end]


def build(root: Path, files: dict[str, str], release: str | None = None) -> HostModel:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode())
    return build_host(classify(str(root)), release=release)


def test_assignments_keep_raw_text_bash_value_and_place(tmp_path: Path) -> None:
    host = build(tmp_path, {f"{SCRIPTS}/ifcfg-eth0": 'DEVICE=eth0\r\nSLAVE="yes"\r\nONBOOT=\nUSERCTL=yes\n'})
    f = host.ifcfg_files[0].lexical
    device, slave, onboot, _userctl = f.assignments
    assert (device.value.text, device.bash_value, device.written) == ("eth0", "eth0\r", "eth0")
    assert (slave.value.raw, slave.value.text, slave.bash_value) == ('"yes"\r', "yes", "yes\r")
    assert span_text(slave.value.span, f.text) == '"yes"\r'
    assert onboot.place == onboot.name_span  # an empty value: the name is where a finding points
    assert [line.crlf for line in f.lines] == [True, True, False, False]
    assert [line.assignment.name for line in f.cr_lines] == ["DEVICE", "SLAVE"]


def test_kept_assignment_is_the_last_bash_keeps(tmp_path: Path) -> None:
    host = build(tmp_path, {f"{SCRIPTS}/ifcfg-eth0": "DEVICE=eth0\nMTU=1500\nMTU=9000\nMTU=1 logger x\n"})
    f = host.ifcfg_files[0].lexical
    assert [a.value.text for a in f.all("MTU")] == ["1500", "9000", "1"]
    assert f.assignment("MTU").value.text == "9000"  # MTU=1 only reaches logger's environment
    assert [w.text for w in f.all("MTU")[2].extra_words] == ["logger", "x"]


def test_references_and_operator(tmp_path: Path) -> None:
    host = build(tmp_path, {f"{SCRIPTS}/ifcfg-eth0": (
        'DEVICE=eth0\nETHTOOL_OPTS="-s ${DEVICE} autoneg off"\nIPADDR=${ADDR:-10.0.0.1}\n'
        "NAME='$HOME'\nMASTER=bond0; logger up\n"
    )})
    f = host.ifcfg_files[0].lexical
    ethtool, ipaddr, name, master = (f.assignment(n) for n in ("ETHTOOL_OPTS", "IPADDR", "NAME", "MASTER"))
    assert ethtool.references == ("DEVICE",)
    assert ipaddr.references is None  # a default is no plain reference
    assert (name.expansion, name.references) == (False, ())  # single quotes expand nothing
    assert master.operator is not None and (master.operator.text, master.operator.rest) == (";", "; logger up")
    assert not master.literal and f.assignment("DEVICE").literal


def test_usernetctl_obeys_the_first_userctl_at_column_one(tmp_path: Path) -> None:
    host = build(tmp_path, {f"{SCRIPTS}/ifcfg-eth0": "DEVICE=eth0\n  USERCTL=no\nUSERCTL=yes\nUSERCTL=no\n"})
    f = host.ifcfg_files[0].lexical
    assert f.usernetctl_userctl.value.text == "yes" and f.usernetctl_userctl.span.line == 3
    assert f.assignment("USERCTL").value.text == "no"


def test_ifcfg_file_facts(tmp_path: Path) -> None:
    host = build(tmp_path, {
        f"{SCRIPTS}/ifcfg-eth0": 'DEVICE="eth0"\r\nMASTER=bond0\r\nHWADDR=00:1e:68:37:fa:92\r\nNM_CONTROLLED=No\r\n',
        f"{SCRIPTS}/ifcfg-eth1.rpmsave": "DEVICE=eth1\n",
        f"{SCRIPTS}/ifcfg-lo.old": "DEVICE=lo\n",
        f"{SCRIPTS}/ifcfg-eth2-lab": "DEVICE=eth2\n",
        f"{SCRIPTS}/ifcfg-eth3.save": "DEVICE=eth3\n",
    }, release="el7")
    by = {f.suffix: f for f in host.ifcfg_files}
    eth0 = by["eth0"]
    assert (eth0.device, eth0.master, eth0.hwaddr.text, eth0.nm_controlled) == ("eth0", "bond0", "00:1E:68:37:FA:92", False)
    assert (eth0.device_name, eth0.label) == ("eth0", "ifcfg-eth0")
    assert by["eth1.rpmsave"].nm_loads_skipped and by["eth1.rpmsave"].stray
    assert not by["lo.old"].nm_loads_skipped  # NetworkManager skips the shipped loopback file
    assert by["eth3.save"].stray and not by["eth3.save"].nm_loads_skipped
    assert by["eth2-lab"].clone_of is None  # el7's ifup reads no clone names
    assert [f.path for f in host.sourced_files] == [f.path for f in host.ifcfg_files if f.live]


def test_el5_reads_clone_names_and_nm_no_suffixed_copies(tmp_path: Path) -> None:
    host = build(tmp_path, {
        f"{SCRIPTS}/ifcfg-eth2-lab": "DEVICE=eth2\n",
        f"{SCRIPTS}/ifcfg-eth1.rpmsave": "DEVICE=eth1\n",
    }, release="el5")
    by = {f.suffix: f for f in host.ifcfg_files}
    assert by["eth2-lab"].clone_of == "eth2"
    assert not by["eth1.rpmsave"].nm_loads_skipped


def test_sysconfig_network_is_sourced_last(tmp_path: Path) -> None:
    host = build(tmp_path, {f"{SCRIPTS}/ifcfg-eth0": "DEVICE=eth0\n", "etc/sysconfig/network": "NETWORKING=yes\n"})
    assert [Path(f.path).name for f in host.sourced_files] == ["ifcfg-eth0", "network"]


def test_suppressions_are_read_once_with_what_a_fix_removes(tmp_path: Path) -> None:
    text = "DEVICE=eth0\n# bondlint: disable=BL007, BL005\nONBOOT=YES\nMTU=9000 # bondlint: disable=BL013\r\nX=1#bondlint: disable=BL001\n"
    host = build(tmp_path, {f"{SCRIPTS}/ifcfg-eth0": text})
    own, inline = host.suppressions.directives
    assert (own.kind, own.target_line, own.own_line) == ("line", 3, True)
    assert span_text(own.removal, text) == "# bondlint: disable=BL007, BL005\n"
    assert [span_text(r, text) for r in own.code_removals] == ["BL007, ", ", BL005"]
    assert span_text(inline.removal, text) == " # bondlint: disable=BL013"  # the line's CR stays
    assert inline.code_removals == (None,)
    (inert,) = host.suppressions.inert
    assert span_text(inert.span, text) == "#bondlint: disable=BL001" and "glued" in inert.why
    assert [c for c, _ in host.suppressions.codes()] == ["BL007", "BL005", "BL013"]

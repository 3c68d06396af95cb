"""Model facts the BL4xx and BL6xx rules read: modprobe command records and network-bridge's default device."""

from __future__ import annotations

from pathlib import Path

import pytest

from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.modules import MAX_COMMAND_WORDS, ModprobeCommand
from bondlint.syntax.modprobe import parse


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _commands(tmp_path: Path, text: str, release: str = "el7") -> tuple[ModprobeCommand, ...]:
    host = build_host(classify(str(_tree(tmp_path, {"etc/modprobe.d/b.conf": text}))), release=release)
    return host.modules.commands


def test_a_command_has_its_words_its_normalised_module_and_its_whole_line(tmp_path: Path) -> None:
    text = "# top\n  alias bond-0 bonding\r\nblacklist  bonding"
    alias, blacklist = _commands(tmp_path, text)
    # a CR is a word character to modprobe (the DOS line ending BL408 points out)
    assert (alias.kind, [w.text for w in alias.words], alias.module_name, alias.target_name) == (
        "alias", ["bond-0", "bonding\r"], "bond_0", "bonding\r")
    assert alias.text == "alias bond-0 bonding\r" and alias.file.read and alias.file.rel == "etc/modprobe.d/b.conf"
    # from column 1 (the indentation too) through the CRLF: what deleting or moving the line carries
    assert alias.whole_line.text == "  alias bond-0 bonding\r\n" and alias.newline == "\r\n"
    start = text.index("  alias")
    assert (alias.whole_line.span.start, alias.whole_line.span.end) == (start, start + len(alias.whole_line.text))
    assert alias.words[0].span.start == text.index("bond-0")
    # the last line has no newline to carry
    assert blacklist.whole_line.text == "blacklist  bonding" and blacklist.newline == ""


def test_continued_words_are_joined_as_modprobe_joins_them(tmp_path: Path) -> None:
    text = "install bonding /sbin/modprobe \\\n --ignore-install bon\\\nding && /bin/true\n"
    (install,) = _commands(tmp_path, text)
    assert install.continued
    assert [w.text for w in install.words] == ["bonding", "/sbin/modprobe", "--ignore-install", "bonding", "&&", "/bin/true"]
    assert install.program is not None
    assert install.program.text == "/sbin/modprobe --ignore-install bonding && /bin/true"
    assert (install.program.span.start, install.program.span.end) == (text.index("/sbin"), text.index("/bin/true") + 9)
    assert not install.no_op  # it runs modprobe


@pytest.mark.parametrize(("line", "no_op"), [("install bonding /bin/true\n", True), ("install bond0 :\n", True),
                                             ("remove bonding /bin/false\n", True), ("install bonding /bin/sh -c x\n", False),
                                             ("options bonding true\n", False)])
def test_an_install_that_runs_a_no_op_loads_nothing(tmp_path: Path, line: str, no_op: bool) -> None:
    (command,) = _commands(tmp_path, line)
    assert command.no_op is no_op


def test_an_inline_comment_says_what_modprobe_passes_and_what_moving_it_cuts(tmp_path: Path) -> None:
    text = "options bond0 mode=4  # LACP\tto core\noptions #x y\noptions bond2 m=1 # bondlint: disable=BL405\n"
    first, second, third = _commands(tmp_path, text)
    comment = first.comment
    assert comment is not None and comment.text == "# LACP to core" and comment.body == "# LACP\tto core"
    assert not comment.directive
    assert comment.cut is not None and (comment.cut.start, comment.cut.end) == (
        text.index("  #"), text.index("core") + len("core"))
    assert second.comment is not None and second.comment.cut is None  # the module itself starts with '#'
    assert third.comment is not None and third.comment.directive


@pytest.mark.parametrize("words", [3, MAX_COMMAND_WORDS + 40])
def test_a_long_line_keeps_a_bounded_number_of_words_and_joins_them_all(tmp_path: Path, words: int) -> None:
    args = [f"w{i}" for i in range(words)]
    line = "install bonding " + " \\\n ".join(args) + " # end\n"
    (install,) = _commands(tmp_path, line)
    parsed = parse(line, "x").lines[0]
    assert install.word_count == len(parsed.words) == words + 3
    assert len(install.words) == min(words + 3, MAX_COMMAND_WORDS)
    assert install.program is not None and install.program.text == " ".join(w.text for w in parsed.words[1:])
    assert install.comment is not None and install.comment.text == "# end"


def test_commands_of_unread_files_are_kept_and_marked(tmp_path: Path) -> None:
    host = build_host(classify(str(_tree(tmp_path, {
        "etc/modprobe.conf": "alias bond0 bonding\n",
        "etc/modprobe.d/b.conf": "options bonding miimon=100\n",
    }))), release="el7")
    read = {c.text: c.read for c in host.modules.commands}
    assert read == {"alias bond0 bonding": False, "options bonding miimon=100": True}
    assert [c.text for c in host.modules.read_commands("alias")] == []
    conf = host.modules.modprobe_conf
    assert conf is not None and [c.text for c in host.modules.commands_in(conf, "alias")] == ["alias bond0 bonding"]
    assert conf.first_line.line == 1 and conf.first_line.end_column == len("alias bond0 bonding") + 1


_EL5 = "Red Hat Enterprise Linux Server release 5.11 (Tikanga)\n"
_EL6 = "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n"
_SCRIPTS = "etc/sysconfig/network-scripts/"


def _xen_host(tmp_path: Path, release: str, script: str, gatewaydev: str | None = None):  # type: ignore[no-untyped-def]
    files = {
        "etc/redhat-release": release,
        "etc/xen/xend-config.sxp": f"(network-script {script})\n",
        _SCRIPTS + "ifcfg-bond0": "DEVICE=bond0\nONBOOT=yes\nIPADDR=10.0.0.5\nNETMASK=255.255.255.0\nGATEWAY=10.0.0.1\n",
        _SCRIPTS + "ifcfg-eth0": "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n",
        _SCRIPTS + "ifcfg-eth2": "DEVICE=eth2\nONBOOT=yes\nBOOTPROTO=dhcp\n",
    }
    if gatewaydev is not None:
        files["etc/sysconfig/network"] = f"GATEWAYDEV={gatewaydev}\n"
    return build_host(classify(str(_tree(tmp_path, files))))


def test_xen_3_0_bridges_eth_vifnum_from_the_default_route_device(tmp_path: Path) -> None:
    host = _xen_host(tmp_path, _EL5, "network-bridge")
    xen = host.xen
    assert xen is not None and xen.runs_network_bridge and xen.netdev is None
    default = xen.default_netdev
    assert default is not None and default.device == "eth0"
    assert "vifnum 0 from the default route on bond0 (GATEWAY in ifcfg-bond0)" in default.how
    # eth2 takes a default route from DHCP at boot too: network-bridge would then pick eth2
    assert [(r.device, r.how, r.netdev) for r in default.rivals] == [("eth2", "BOOTPROTO=dhcp", "eth2")]


def test_xen_3_3_bridges_the_default_route_device_and_gatewaydev_leaves_no_rival(tmp_path: Path) -> None:
    host = _xen_host(tmp_path, _EL6, "network-bridge", gatewaydev="bond0")
    assert host.xen is not None and host.xen.default_netdev is not None
    assert host.xen.default_netdev.device == "bond0" and host.xen.default_netdev.rivals == ()
    assert host.xen.default_netdev.how == "Xen 3.3+ uses the default-route device bond0 (GATEWAYDEV=bond0)"


def test_no_default_device_for_another_script(tmp_path: Path) -> None:
    host = _xen_host(tmp_path, _EL5, "/bin/true")
    assert host.xen is not None and not host.xen.runs_network_bridge and host.xen.default_netdev is None

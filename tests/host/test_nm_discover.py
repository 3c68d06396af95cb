"""NetworkManager discovery on real trees: names, stat facts, shadowing, config order, VCS."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bondlint.host import nm_discover as nd
from bondlint.source import Root

ETC = "etc/NetworkManager/system-connections"
RUN = "run/NetworkManager/system-connections"
LIB = "usr/lib/NetworkManager/system-connections"
PROFILE = "[connection]\nid=x\ntype=ethernet\n"


def put(root: Path, rel: str, text: str = PROFILE, mode: int = 0o600) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


@pytest.mark.parametrize(
    ("storage", "name", "ignored"),
    [
        ("etc", "bond0", False),
        ("etc", "bond0.nmconnection.bak", False),
        ("etc", "bond0.rpmsave", False),
        ("etc", "bond0.rpmnew", True),  # six letters after the last dot: a mkstemp name to NM
        ("etc", "bond0.backup", True),
        ("etc", "bond0.nmconnection~", True),
        ("etc", ".bond0.nmconnection", True),
        ("etc", "bond0.nmconnection.Ab12Cd", True),
        ("etc", "client.PEM", True),
        ("etc", "a.pem.nmconnection", False),
        ("run", "bond0", True),
        ("run", "bond0.nmconnection", False),
        ("run", ".nmconnection", True),
        ("lib", "bond0.nmconnection~", True),
        ("lib", "bond0.nmconnection", False),
        ("lib", "x.Ab12Cd.nmconnection", False),
    ],
)
def test_name_rules_per_directory(storage: str, name: str, ignored: bool) -> None:
    assert (nd.ignored_reason(storage, name) is not None) is ignored


@pytest.mark.parametrize(
    ("name", "backup"),
    [
        ("bond0.nmconnection.bak", True), ("bond0.orig", True), ("bond0.rpmsave", True), ("bond0.old", True),
        ("bond0-copy.nmconnection", True), ("bond0.nmconnection-20240301", True), ("eth0.save", True),
        ("bond0.nmconnection", False), ("bond0", False), ("Wired connection 1.nmconnection", False),
        ("bond0.2012.nmconnection", True),  # a name rule alone: the model clears it when interface-name says so
    ],
)
def test_backup_looking_names(name: str, backup: bool) -> None:
    cand = nd.KeyfileCandidate(f"{ETC}/{name}", "etc", name, None, None, nd.FileFacts("regular"))
    assert cand.backup_name is backup


def test_keyfile_plugin_on_networkmanager_0_7_and_0_8_only_when_listed() -> None:
    assert nd.loaded_plugins(("ifcfg-rh",), ifcfg_rh_built=True, keyfile_always=False) == ("ifcfg-rh",)
    assert nd.loaded_plugins(("ifcfg-rh", "keyfile"), ifcfg_rh_built=True, keyfile_always=False) == ("ifcfg-rh", "keyfile")
    assert nd.loaded_plugins((), ifcfg_rh_built=True, keyfile_always=False) == ()


def test_nmmeta_names() -> None:
    assert nd.nmmeta_uuid("5D3B7A2E-4C1F-4E8A-9B6D-2F0C1A7E3B10.nmmeta") == "5d3b7a2e-4c1f-4e8a-9b6d-2f0c1a7e3b10"
    assert nd.nmmeta_uuid("bond0.nmmeta") is None


def test_stat_follows_links_inside_the_root_only(tmp_path: Path) -> None:
    put(tmp_path, "srv/bond0.nmconnection", mode=0o644)
    (tmp_path / ETC).mkdir(parents=True)
    os.symlink("/srv/bond0.nmconnection", tmp_path / ETC / "bond0.nmconnection")
    os.symlink("../../../../etc/passwd", tmp_path / ETC / "escape.nmconnection")
    os.symlink("/nowhere", tmp_path / ETC / "dangling.nmconnection")
    os.mkfifo(tmp_path / ETC / "fifo.nmconnection")
    put(tmp_path, f"{ETC}/good.nmconnection")
    root = Root(tmp_path)
    facts = {c.name: c.facts for c in nd.profile_candidates(root)}
    linked = facts["bond0.nmconnection"]
    assert (linked.kind, linked.symlink, linked.mode, linked.insecure_mode) == ("regular", True, 0o644, True)
    assert linked.uid == os.geteuid()
    assert facts["escape.nmconnection"].kind == "outside-root"
    assert facts["dangling.nmconnection"].kind == "missing"
    assert facts["fifo.nmconnection"].kind == "fifo" and not facts["fifo.nmconnection"].loadable
    good = facts["good.nmconnection"]
    assert good.kind == "regular" and not good.insecure_mode
    assert good.loadable is (os.geteuid() == 0)


def test_candidates_order_and_profiles(tmp_path: Path) -> None:
    put(tmp_path, f"{LIB}/a.nmconnection")
    put(tmp_path, f"{ETC}/b")
    put(tmp_path, f"{ETC}/b~")
    put(tmp_path, f"{RUN}/c.nmconnection")
    put(tmp_path, f"{RUN}/d")
    found = nd.discover(Root(tmp_path))
    assert [(c.storage, c.name) for c in found.candidates] == [
        ("run", "c.nmconnection"), ("run", "d"), ("etc", "b"), ("etc", "b~"), ("lib", "a.nmconnection"),
    ]
    assert [c.name for c in found.profiles] == ["c.nmconnection", "b", "a.nmconnection"]


def test_shadowing_by_directory_mtime_name_and_tombstone(tmp_path: Path) -> None:
    uuid = "5d3b7a2e-4c1f-4e8a-9b6d-2f0c1a7e3b10"
    put(tmp_path, f"{LIB}/bond0.nmconnection")
    put(tmp_path, f"{ETC}/bond0.nmconnection")
    put(tmp_path, f"{ETC}/bond0-copy.nmconnection")
    put(tmp_path, f"{ETC}/other.nmconnection")
    os.utime(tmp_path / ETC / "bond0-copy.nmconnection", ns=(1, 1))
    root = Root(tmp_path)
    cands = {c.rel: c for c in nd.profile_candidates(root)}
    claims = [nd.UuidClaim(c, uuid) for rel, c in cands.items() if "bond0" in rel]
    claims.append(nd.UuidClaim(cands[f"{ETC}/other.nmconnection"], "other"))
    (result,) = nd.resolve_shadowing(claims, cands.values())
    assert result.winner.rel == f"{ETC}/bond0.nmconnection"
    assert [c.rel for c in result.shadowed] == [f"{ETC}/bond0-copy.nmconnection", f"{LIB}/bond0.nmconnection"]
    os.symlink("/dev/null", tmp_path / ETC / f"{uuid}.nmmeta")
    cands = {c.rel: c for c in nd.profile_candidates(root)}
    tomb = cands[f"{ETC}/{uuid}.nmmeta"]
    assert tomb.tombstone and not tomb.is_profile
    claims = [nd.UuidClaim(c, uuid) for rel, c in cands.items() if "bond0" in rel]
    (result,) = nd.resolve_shadowing(claims, cands.values())
    assert result.winner is None and len(result.shadowed) == 3 and result.tombstone == tomb


def test_config_order_and_plugins(tmp_path: Path) -> None:
    put(tmp_path, "usr/lib/NetworkManager/conf.d/00-server.conf", "[main]\nplugins=ifcfg-rh\n")
    put(tmp_path, "usr/lib/NetworkManager/conf.d/20-x.conf", "[main]\n")
    put(tmp_path, "run/NetworkManager/conf.d/20-x.conf", "[main]\n")
    put(tmp_path, "etc/NetworkManager/NetworkManager.conf", "[main]\n#plugins=keyfile\nplugins+=keyfile\n")
    put(tmp_path, "etc/NetworkManager/conf.d/90-drop.conf", "[main]\nplugins-=ifcfg-rh\n")
    put(tmp_path, "etc/NetworkManager/conf.d/README", "not read")
    found = nd.discover(Root(tmp_path), default_plugins=("ifcfg-rh",))
    assert [(f.rel.split("/", 1)[0] + ":" + f.rel.rsplit("/", 1)[1], f.read) for f in found.config_files] == [
        ("usr:00-server.conf", True), ("usr:20-x.conf", False), ("run:20-x.conf", True),
        ("etc:NetworkManager.conf", True), ("etc:90-drop.conf", True),
    ]
    assert found.plugins.value == ("keyfile",)
    assert found.plugins.span.line == 2 and found.plugins.entry.key == "plugins-"
    assert nd.loaded_plugins(("ifcfg-rh",), ifcfg_rh_built=False) == ("keyfile",)
    assert nd.loaded_plugins(("ifcfg-rh",), ifcfg_rh_built=True) == ("ifcfg-rh", "keyfile")
    assert nd.loaded_plugins((), ifcfg_rh_built=True) == ("keyfile", "ifcfg-rh")


def test_plugins_default_and_broken_config(tmp_path: Path) -> None:
    assert nd.discover(Root(tmp_path), ("ifcfg-rh",)).plugins.origin == "default"
    put(tmp_path, "etc/NetworkManager/NetworkManager.conf", "[main]\nplugins=keyfile\nbroken line\n")
    found = nd.discover(Root(tmp_path), ("ifcfg-rh",))
    assert found.plugins.value == ("ifcfg-rh",)  # a file GKeyFile refuses is not merged
    assert found.config_files[0].doc.problems[0].kind == "keyfile-line"


def test_old_main_file_wins(tmp_path: Path) -> None:
    put(tmp_path, "etc/NetworkManager/nm-system-settings.conf", "[main]\nplugins=ifcfg-rh\n")
    put(tmp_path, "etc/NetworkManager/NetworkManager.conf", "[main]\nplugins=keyfile\n")
    found = nd.discover(Root(tmp_path))
    assert found.plugins.value == ("ifcfg-rh",)
    assert [f.read for f in found.config_files] == [True, False]


def test_ifcfg_rh_module(tmp_path: Path) -> None:
    assert nd.ifcfg_rh_module_present(Root(tmp_path)) is None
    put(tmp_path, "usr/lib64/NetworkManager/1.46.0-1.el9/libnm-device-plugin-team.so", "")
    assert nd.ifcfg_rh_module_present(Root(tmp_path)) is False
    put(tmp_path, "usr/lib64/NetworkManager/1.46.0-1.el9/libnm-settings-plugin-ifcfg-rh.so", "")
    assert nd.ifcfg_rh_module_present(Root(tmp_path)) is True


def test_version_control(tmp_path: Path) -> None:
    host = tmp_path / "repo" / "hosts" / "web1"
    (host / "etc").mkdir(parents=True)
    assert nd.version_control(Root(host)) is None or nd.version_control(Root(host)).where == "above-root"
    (tmp_path / "repo" / ".git").mkdir()
    fact = nd.version_control(Root(host))
    assert (fact.kind, fact.where, fact.marker) == ("git", "above-root", str(tmp_path / "repo" / ".git"))
    (host / "etc" / ".git").mkdir()
    assert nd.version_control(Root(host)).where == "in-etc"


def test_a_linked_directory_is_resolved_inside_the_root(tmp_path: Path) -> None:
    """etc/NetworkManager -> /srv/nm (absolute) means <root>/srv/nm, never the auditor's /srv/nm."""
    put(tmp_path, "srv/nm/system-connections/bond0.nmconnection", mode=0o640)
    (tmp_path / "etc").mkdir()
    os.symlink("/srv/nm", tmp_path / "etc" / "NetworkManager")
    (cand,) = nd.profile_candidates(Root(tmp_path))
    assert (cand.name, cand.facts.kind, cand.facts.mode, cand.facts.symlink) == ("bond0.nmconnection", "regular", 0o640, False)


def test_uuid_less_files_of_one_name_are_one_profile(tmp_path: Path) -> None:
    put(tmp_path, f"{RUN}/bond0.nmconnection")
    put(tmp_path, f"{ETC}/bond0.nmconnection")
    put(tmp_path, f"{ETC}/eth0.nmconnection")
    cands = nd.profile_candidates(Root(tmp_path))
    claims = [nd.uuid_claim(c, None) for c in cands]
    (result,) = nd.resolve_shadowing(claims, cands)
    assert result.uuid == f"derived:/{ETC}/bond0.nmconnection"
    assert (result.winner.storage, [c.storage for c in result.shadowed]) == ("run", ["etc"])
    assert nd.uuid_claim(cands[0], "abc").uuid == "abc"


def test_an_old_main_file_glib_refuses_falls_back(tmp_path: Path) -> None:
    put(tmp_path, "etc/NetworkManager/nm-system-settings.conf", "[main]\nplugins ifcfg-rh\n")
    put(tmp_path, "etc/NetworkManager/NetworkManager.conf", "[main]\nplugins=keyfile\n")
    found = nd.discover(Root(tmp_path))
    assert [f.read for f in found.config_files] == [False, True]
    assert found.plugins.value == ("keyfile",)

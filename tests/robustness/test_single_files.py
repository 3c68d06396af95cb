"""A file given alone is read as its host would read it, and says only file-level rules ran
(issue 24 items 3, 8)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

SCRIPTS = "etc/sysconfig/network-scripts"
SECRET = "root:$6$SECRET-HASH:19000:0:99999:7:::"


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "shadow"
    secret.write_text(SECRET + "\n")
    return secret


def test_a_symlink_in_a_host_tree_resolves_inside_the_host(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    scripts = tmp_path / "host" / SCRIPTS
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-x").symlink_to(secret)  # absolute: inside the host it is host/<that path>
    result = run_cli("--no-cache", str(scripts / "ifcfg-x"))
    assert "SECRET-HASH" not in result.stdout + result.stderr
    assert "BL000" in result.stdout and "file does not exist" in result.stdout


def test_a_file_outside_any_host_may_not_leave_its_directory(tmp_path: Path) -> None:
    _secret(tmp_path)
    given = tmp_path / "given"
    given.mkdir()
    (given / "ifcfg-y").symlink_to("../shadow")
    result = run_cli("--no-cache", str(given / "ifcfg-y"))
    assert "SECRET-HASH" not in result.stdout + result.stderr
    assert "leaves the audited root" in result.stdout


def test_a_plain_file_and_a_link_within_its_directory_are_read(tmp_path: Path) -> None:
    (tmp_path / "ifcfg-bond0.real").write_text('DEVICE=bond0\nBONDING_OPTS="mode=9"\n')
    (tmp_path / "ifcfg-bond0").symlink_to("ifcfg-bond0.real")
    for name in ("ifcfg-bond0", "ifcfg-bond0.real"):
        result = run_cli("--no-cache", str(tmp_path / name))
        assert "BL302" in result.stdout and f"{tmp_path / name}:2:" in result.stdout, result.stdout

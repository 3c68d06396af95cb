"""Archives as roots: every fixture host packed into a tar.gz gives the findings of the same tree
unpacked, once the root prefix is removed, with equal fingerprints."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from bondlint.cli import main

FIXTURES = Path(__file__).parents[2] / "fixtures" / "hosts"
HOSTS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def _audit(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["--no-cache", "-j", "1", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def _normalised(report: dict, root: str, separator: str) -> list[dict]:
    """The findings with the root's own name (``tree/…`` or ``archive:…``) taken out of every string."""
    text = json.dumps(report["findings"]).replace(root + separator, "ROOT/").replace(root, "ROOT")
    return json.loads(text)


def pack(tree: Path, archive: Path) -> None:
    """The tree as a gzip tarball, members relative to it (as the collector writes them)."""
    with tarfile.open(archive, "w:gz") as tar:
        for path in sorted(tree.rglob("*")):
            tar.add(path, arcname=str(path.relative_to(tree)), recursive=False)


@pytest.mark.parametrize("host", HOSTS)
def test_archive_finds_what_the_unpacked_tree_finds(host: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / f"{host}.tar.gz"
    pack(FIXTURES / host, archive)
    tree = tmp_path / host
    tree.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(tree)  # the unpacked tree, outside the repository's checkout as the archive is
    code_tree, on_tree = _audit(capsys, str(tree))
    code_archive, on_archive = _audit(capsys, str(archive))
    assert code_archive == code_tree
    assert _normalised(on_archive, str(archive), ":") == _normalised(on_tree, str(tree), "/")


def test_every_interface_list_discovery_reads_is_kept_from_an_archive() -> None:
    """An archive keeps only some members' content: each runtime list discovery reads must be among them."""
    from bondlint.archive import KEPT_PREFIXES
    from bondlint.host.discover import INTERFACE_LISTS

    assert all(rel.startswith(KEPT_PREFIXES) for rel, _ in INTERFACE_LISTS)


def test_every_service_record_the_applying_program_reads_is_kept_from_an_archive() -> None:
    """A sosreport's records of enabled services (host.services) decide who applies an ifcfg file:
    an archive must keep their content (the sosreport-records fixtures differ by them alone)."""
    from bondlint.archive import KEPT_PREFIXES, _kept
    from bondlint.host.services import SOS_RECORDS

    assert all(rel.startswith(KEPT_PREFIXES) for rel in SOS_RECORDS)
    assert all(_kept(f"sosreport-web1-2026-12-07/{rel}") for rel in SOS_RECORDS)

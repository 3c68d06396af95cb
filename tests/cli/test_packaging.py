"""What a non-editable install holds: every package and data file the code imports.

CI installs editable (``pip install -e``), which serves the source tree, so a package
left out of pyproject's ``packages`` still imports there, while a wheel (PyPI, ``pip
install .``, a pre-commit hook's environment) lacks it: ``bondlint.fixing`` was missing
from the list this way, and ``pip install .`` gave a bondlint that could not start. A
wheel cannot be built offline in a fresh venv (no ``wheel`` package; the venv's
setuptools predates the project table's license string), so this reads the
configuration setuptools builds from: the explicit ``packages`` list with its
``package-dir`` mapping, and ``package-data``.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from tests.conftest import REPO


def _setuptools() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]


def _folder(package: str, package_dir: dict[str, str]) -> Path:
    """Where setuptools takes ``package`` from: the longest mapped prefix, then the rest as folders."""
    parts = package.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in package_dir:
            return REPO / package_dir[prefix] / Path(*parts[i:])
    return REPO / Path(*parts)


def test_every_package_of_the_tree_is_listed() -> None:
    cfg = _setuptools()
    listed = {_folder(p, cfg["package-dir"]).resolve() for p in cfg["packages"]}
    found = {p.parent.resolve() for root in ("bondlint", "rules") for p in (REPO / root).rglob("__init__.py")}
    missing = sorted(str(p.relative_to(REPO)) for p in found - listed)
    assert not missing, f"packages a wheel would leave out (add them to [tool.setuptools] packages): {missing}"
    assert all(f.is_dir() for f in listed)


def test_every_data_file_the_code_reads_is_declared() -> None:
    cfg = _setuptools()
    declared = cfg["package-data"]
    for package in cfg["packages"]:
        folder = _folder(package, cfg["package-dir"])
        for f in folder.iterdir():
            if f.is_file() and f.suffix not in (".py", ".pyc"):
                patterns = declared.get(package, [])
                assert any(fnmatch.fnmatch(f.name, p) for p in patterns), f"{f.relative_to(REPO)} is not in package-data"

"""Writing small host trees in tmp_path for rule tests (real files, real lint)."""

from __future__ import annotations

from pathlib import Path

import bondlint

RELEASES = {
    "el5": "CentOS release 5.2 (Final)\n",
    "el6": "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n",
    "el7": "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n",
}


def write_host(root: Path, files: dict[str, str | bytes], release: str | None = "el5") -> Path:
    """Files named ``ifcfg-*`` go to network-scripts; other names are relative to the root."""
    if release is not None:
        (root / "etc").mkdir(parents=True, exist_ok=True)
        (root / "etc/redhat-release").write_text(RELEASES[release])
    for name, text in files.items():
        path = root / "etc/sysconfig/network-scripts" / name if name.startswith("ifcfg-") else root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
    (root / "etc/sysconfig/network-scripts").mkdir(parents=True, exist_ok=True)
    return root


def findings(root: Path, code: str) -> list[bondlint.Finding]:
    report = bondlint.lint(root, select=[code])
    assert not report.failures, report.failures
    return [f for f in report.findings if f.code == code]

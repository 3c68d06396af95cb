"""Which programs are enabled to bring the network up, read from the tree's service links.

The applying program of an ifcfg file is decided from evidence, never from ``UUID=``
(hand-written files have none, and NetworkManager's ifcfg-rh plugin reads them all):

- systemd (el7+): a unit is enabled when a ``etc/systemd/system/*.wants/`` folder links it,
  masked (so disabled) when ``etc/systemd/system/<unit>`` itself is a link to ``/dev/null``
  (read here as a file the root refuses or that is empty); a tree holding ``.wants`` folders
  without the unit has it disabled;
- SysV (every release, el7 and el8 included for the ``network`` script): an ``S??name``
  link in ``etc/rc.d/rc[2-5].d`` enables it, a ``K??name`` link there disables it;
- no such folder in the tree: unknown (the release's default decides, and says so).
"""

from __future__ import annotations

import re

import attrs

from bondlint.source import Refused, Root

SYSTEMD = "etc/systemd/system"
RC_DIRS: tuple[str, ...] = tuple(f"etc/rc.d/rc{n}.d" for n in (2, 3, 4, 5))


@attrs.frozen(slots=True)
class Enablement:
    """Whether a service starts at boot: True, False, or None (the tree does not say), and why."""

    enabled: bool | None
    evidence: str


@attrs.frozen(slots=True)
class Services:
    networkmanager: Enablement
    network: Enablement

    @classmethod
    def unknown(cls) -> Services:
        return cls(Enablement(None, "files named one by one"), Enablement(None, "files named one by one"))


def _systemd(root: Root, unit: str, top: list[str]) -> Enablement | None:
    wants = [n for n in top if n.endswith(".wants")]
    if unit in top:
        body = root.read(f"{SYSTEMD}/{unit}")
        if isinstance(body, Refused) or not body.text.strip():
            return Enablement(False, f"{SYSTEMD}/{unit} is masked (linked to /dev/null)")
    for w in wants:
        if unit in root.listdir(f"{SYSTEMD}/{w}"):
            return Enablement(True, f"{SYSTEMD}/{w}/{unit}")
    if wants:
        return Enablement(False, f"no {SYSTEMD}/*.wants/{unit} link")
    return None


def _sysv(root: Root, name: str) -> Enablement | None:
    link = re.compile(rf"^([SK])\d\d{re.escape(name)}$")
    seen = False
    for rc in RC_DIRS:
        names = root.listdir(rc)
        seen = seen or bool(names)
        for n in names:
            m = link.match(n)
            if m and m.group(1) == "S":
                return Enablement(True, f"{rc}/{n}")
    if seen:
        return Enablement(False, f"no {RC_DIRS[1].replace('3', '[2-5]')}/S??{name} link")
    return None


def read_services(root: Root, systemd: bool) -> Services:
    """NetworkManager's and the network service's enablement (``systemd``: the release boots with it)."""
    top = root.listdir(SYSTEMD) if systemd else []
    nm = ((_systemd(root, "NetworkManager.service", top) if systemd else None) or _sysv(root, "NetworkManager")
          or Enablement(None, "no NetworkManager service link in the tree"))
    network = _sysv(root, "network") or Enablement(None, "no network service link in the tree")
    return Services(nm, network)

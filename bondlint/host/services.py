"""Which programs are enabled to bring the network up, read from the tree's service links
and a sosreport's own records of them.

The applying program of an ifcfg file is decided from evidence, never from ``UUID=``
(hand-written files have none, and NetworkManager's ifcfg-rh plugin reads them all):

- systemd (el7+): a unit is enabled when a ``etc/systemd/system/*.wants/`` folder links it,
  masked (so disabled) when ``etc/systemd/system/<unit>`` itself is a link to ``/dev/null``
  (read here as a file the root refuses or that is empty); a tree holding ``.wants`` folders
  without the unit has it disabled;
- SysV (every release, el7 and el8 included for the ``network`` script): an ``S??name``
  link in ``etc/rc.d/rc[2-5].d`` enables it, a ``K??name`` link there disables it;
- a sosreport's own records, where it kept them: ``systemctl list-unit-files``
  (``sos_commands/systemd/systemctl_list-unit-files``: ``enabled``, or ``disabled``/``masked``)
  and ``chkconfig --list`` (``sos_commands/services/chkconfig_--list``, older sos
  ``sos_commands/startup/``: ``on`` in a runlevel 2-5, or ``off`` in all four). Written by the
  host's own tools when the report was taken, they count what the links above miss (vendor
  links, a tree copied in part), so where one names the service it decides; its other states
  (``static``, ``indirect``, ``generated``, ``*-runtime``) leave it to the links;
- no such folder in the tree: unknown (the release's default decides, and says so).
"""

from __future__ import annotations

import re

import attrs

from bondlint.source import Refused, Root, SourceText
from bondlint.syntax.servicelists import Row, parse

SYSTEMD = "etc/systemd/system"
RC_DIRS: tuple[str, ...] = tuple(f"etc/rc.d/rc{n}.d" for n in (2, 3, 4, 5))
#: a sosreport's record of ``systemctl list-unit-files`` (sos's systemd plugin)
UNIT_FILES_LIST = "sos_commands/systemd/systemctl_list-unit-files"
#: its record of ``chkconfig --list``: sos 3 and later's services plugin, and older sos's startup plugin
CHKCONFIG_LISTS: tuple[str, ...] = ("sos_commands/services/chkconfig_--list", "sos_commands/startup/chkconfig_--list")
#: every record read here (an archive keeps their content: bondlint.archive.KEPT_PREFIXES)
SOS_RECORDS: tuple[str, ...] = (UNIT_FILES_LIST, *CHKCONFIG_LISTS)
#: ``systemctl list-unit-files`` states that say whether the unit starts at boot; others leave it to the links
_UNIT_STATES = {"enabled": True, "disabled": False, "masked": False}
#: the SysV runlevels a host boots into (as for the rc[2-5].d links)
_RUNLEVELS = ("2", "3", "4", "5")


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


def _listing(root: Root, rel: str) -> tuple[Row, ...]:
    """The rows of a sosreport's listing at ``rel``, or () where it has none (or it cannot be read)."""
    folder, name = rel.rsplit("/", 1)
    if name not in root.listdir(folder):
        return ()
    got = root.read(rel)
    return parse(got.text, got.path) if isinstance(got, SourceText) else ()


def _unit_records(root: Root) -> dict[str, Enablement]:
    """What the sosreport's ``systemctl list-unit-files`` says of each unit, where it decides."""
    out: dict[str, Enablement] = {}
    for row in _listing(root, UNIT_FILES_LIST):
        unit, state = (row.texts + ("", ""))[:2]
        if state in _UNIT_STATES:
            out.setdefault(unit, Enablement(_UNIT_STATES[state], f"{UNIT_FILES_LIST}:{row.line} records {unit} {state}"))
    return out


def _sysv_records(root: Root) -> dict[str, Enablement]:
    """What the sosreport's ``chkconfig --list`` says of each SysV service: on in a runlevel 2-5, or off in all."""
    out: dict[str, Enablement] = {}
    for rel in CHKCONFIG_LISTS:
        for row in _listing(root, rel):
            name, texts = row.texts[0], row.texts
            # "name 0 : off 1 : off 2 : on ...": each runlevel is three words
            levels = {texts[i]: texts[i + 2] for i in range(1, len(texts) - 2, 3) if texts[i + 1] == ":"}
            states = [levels.get(n) for n in _RUNLEVELS]
            if "on" in states:
                said = Enablement(True, f"{rel}:{row.line} records {name} on in runlevel {_RUNLEVELS[states.index('on')]}")
            elif all(state == "off" for state in states):
                said = Enablement(False, f"{rel}:{row.line} records {name} off in runlevels 2-5")
            else:
                continue
            out.setdefault(name, said)
    return out


def read_services(root: Root, systemd: bool) -> Services:
    """NetworkManager's and the network service's enablement (``systemd``: the release boots with it):
    a sosreport's own record first, then the tree's links."""
    units = _unit_records(root) if systemd else {}
    sysv = _sysv_records(root)
    top = root.listdir(SYSTEMD) if systemd else []
    nm = (units.get("NetworkManager.service") or sysv.get("NetworkManager")
          or (_systemd(root, "NetworkManager.service", top) if systemd else None) or _sysv(root, "NetworkManager")
          or Enablement(None, "no NetworkManager service link in the tree"))
    network = (units.get("network.service") or sysv.get("network") or _sysv(root, "network")
               or Enablement(None, "no network service link in the tree"))
    return Services(nm, network)

"""Which RHEL-family release a host runs, and which programs read its network files there.

Which release a host runs (the capabilities of each are ``model/release.py``'s table):

- :func:`parse_release` reads ``etc/redhat-release`` (and its siblings) or
  ``etc/os-release`` for RHEL, CentOS Linux, CentOS Stream, Rocky, AlmaLinux,
  Oracle Linux, Scientific Linux, CloudLinux and Fedora, el5 to el10. Fedora
  is mapped to the RHEL major branched from it (RHEL 8 from Fedora 28, 9 from
  34, 10 from 40) and marked ``assumed``: its packaging differs in places
  (``model.release.release`` takes ``fedora=`` for those).

Sources for the table's NetworkManager and initscripts columns (checked for it):

- NetworkManager's own packaging, NetworkManager/NetworkManager
  contrib/fedora/rpm/NetworkManager.spec @ 355bc902 ("a similar configuration
  as RHEL and Fedora Rawhide"; not the official RHEL spec): ``default_ifcfg_rh``
  (``-Dconfig_plugins_default=ifcfg-rh``) only below Fedora 33 / RHEL 9;
  ``ifcfg_rh`` (the plugin built at all) off for RHEL >= 10 and Fedora >= 41;
  on RHEL 9 the plugin is the separate package NetworkManager-initscripts-ifcfg-rh
  and ``ifcfg_warning`` is on; RHEL 10 ``Obsoletes:
  NetworkManager-initscripts-ifcfg-rh < 1:1.47.5-3``; Fedora >= 39 migrates
  ifcfg files to keyfiles (``config_migrate_ifcfg_rh_default=true``).
- nm-settings.c ``load_plugins``: keyfile is always loaded ("keyfile plugin is
  built-in now"); with ``plugins`` unset, keyfile first then ifcfg-rh when built.
  For el7 (NetworkManager 1.0-1.18) the always-loaded keyfile plugin is the
  brief's statement; this mirror is shallow and its history was not checked.
- Red Hat, "Considerations in adopting RHEL 8", 9.1.1: network scripts are
  deprecated and not provided by default (``yum install network-scripts``).
- Red Hat blog "RHEL 9 networking: Say goodbye to ifcfg-files" (RHEL 9 release
  note: new profiles are keyfiles, ifcfg still supported; keyfile wins a
  UUID shared with an ifcfg file under the default plugins); the
  network-scripts package is not shipped in RHEL 9 (same blog, and
  NetworkManager MR !1061 "on RHEL9 where initscripts is not installed by
  default").
- el5-el7: initscripts' ``network`` service reads ifcfg files at boot
  (semantics.md); NetworkManager's ifcfg-rh plugin reads them where NM runs.
- el5/el6 keyfile plugin (``Release.keyfile_always_loaded`` False), read in NetworkManager's
  history (GitHub mirror, read through the search tool): NetworkManager 0.7's
  settings daemon, system-settings/src/main.c (@04be05e5) ``load_plugins``, and
  0.8's src/system-settings/nm-sysconfig-settings.c (© 2007-2010, PolicyKit 1)
  ``load_plugins`` open each name of the comma-separated ``plugins`` list as the
  module ``nm-settings-plugin-<name>``, keyfile included, and nothing else (0.7
  exits with "No plugins were specified." when the list is missing). The
  always-loaded built-in keyfile plugin ("keyfile plugin is built-in now", "If
  keyfile plugin was not among configured plugins, add it as the last one")
  first appears in the 0.9 tree's src/settings/nm-settings.c; RHEL 7 ships
  0.9.9 and later. RHEL 5 shipped 0.7 and RHEL 6 0.8.1 (not re-checked here).
"""

from __future__ import annotations

import posixpath
import re

import attrs

#: The releases this table knows, oldest first.
from bondlint.model.release import NAMES as RELEASES
from bondlint.model.release import fedora_branch

_RELEASE_LINE = re.compile(
    r"(?P<name>red hat enterprise linux|centos stream|centos linux|centos|scientific linux|"
    r"oracle linux|enterprise linux|rocky linux|almalinux|cloudlinux|fedora)\b.*?\brelease\s+"
    r"(?P<version>\d+(?:\.\d+)*)",
    re.IGNORECASE,
)
_DISTRO_NAMES = {
    "red hat enterprise linux": "rhel",
    "centos stream": "centos-stream",
    "centos linux": "centos",
    "centos": "centos",
    "scientific linux": "scientific",
    "oracle linux": "ol",
    "enterprise linux": "ol",
    "rocky linux": "rocky",
    "almalinux": "almalinux",
    "cloudlinux": "cloudlinux",
    "fedora": "fedora",
}
_OS_RELEASE_IDS = {
    "rhel": "rhel", "centos": "centos", "scientific": "scientific", "ol": "ol",
    "rocky": "rocky", "almalinux": "almalinux", "cloudlinux": "cloudlinux", "fedora": "fedora",
}


@attrs.frozen(slots=True)
class ReleaseInfo:
    """The host's release: ``release`` is the RHEL major it behaves like (el5..el10),
    ``distro`` the distribution id, ``version`` as written. ``assumed`` is True when
    ``release`` is an equivalence, not the distribution's own number (Fedora)."""

    release: str
    distro: str
    version: str
    assumed: bool = False

    @property
    def fedora(self) -> int | None:
        return int(self.version.split(".")[0]) if self.distro == "fedora" else None


def _info(distro: str, version: str) -> ReleaseInfo | None:
    major = int(version.split(".")[0])
    if distro == "fedora":
        branch = fedora_branch(major)
        return ReleaseInfo(branch, distro, version, True) if branch else None
    name = f"el{major}"
    return ReleaseInfo(name, distro, version) if name in RELEASES else None


def parse_release(rel: str, text: str) -> ReleaseInfo | None:
    """The release named by one release file (``rel`` is its path), or None.

    ``os-release``: ``ID``, then ``ID_LIKE`` (a derivative is read as the first family
    it names, with its own ``VERSION_ID``); CentOS Stream
    is told from CentOS Linux by ``NAME``. Other files: the "<name> release N"
    line (``Red Hat Enterprise Linux release 9.4 (Plow)``, ``CentOS Stream
    release 9``, ``Rocky Linux release 9.3``, ``Fedora release 40``).
    """
    if posixpath.basename(rel) == "os-release":
        values = {
            m.group(1): m.group(2).strip().strip("\"'")
            for m in re.finditer(r"^\s*([A-Z_]+)=(.*)$", text, re.MULTILINE)
        }
        version = values.get("VERSION_ID", "")
        if not re.fullmatch(r"\d+(?:\.\d+)*", version):
            return None
        ids = [values.get("ID", "")] + values.get("ID_LIKE", "").split()
        distro = next((_OS_RELEASE_IDS[i] for i in ids if i in _OS_RELEASE_IDS), None)
        if distro is None:
            return None
        if distro == "centos" and "stream" in values.get("NAME", "").lower():
            distro = "centos-stream"
        return _info(distro, version)
    m = _RELEASE_LINE.search(text)
    if m is None:
        return None
    return _info(_DISTRO_NAMES[m.group("name").lower()], m.group("version"))

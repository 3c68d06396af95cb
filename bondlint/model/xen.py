"""Xen's xend-config.sxp as xend reads it, and what its network-bridge script then does.

The converter (``host/xen.py``) fills these once: the network-script setting xend uses (the
first one) with its located values, the arguments network-bridge evaluates, and the device it
bridges when no ``netdev=`` is given, which follows the Xen scripts the release ships and the
host's default route.
"""

from __future__ import annotations

import posixpath

import attrs

from bondlint.model.values import Located
from bondlint.syntax.span import Span


@attrs.frozen(slots=True)
class RouteRival:
    """A device that may take the default route at boot instead of the one the files name."""

    device: str
    how: str  # "BOOTPROTO=dhcp", "its own GATEWAY=10.0.0.1"
    netdev: str  # what network-bridge would bridge by default then


@attrs.frozen(slots=True)
class DefaultNetdev:
    """The device network-bridge bridges when ``netdev=`` is not given, and why.

    Xen 3.0/3.1 (RHEL/CentOS 5, or the release unknown): ``eth${vifnum}``, vifnum from the
    ``vifnum=`` argument, else the digits of the default-route device (bond0 → eth0), else 0.
    Xen 3.3+: the default-route device itself (no default when the files do not name it).
    """

    device: str
    how: str  # how it was chosen, in words ("Xen 3.3+ uses the default-route device bond0 (GATEWAYDEV=bond0)")
    #: ONBOOT devices that may take the default route at boot instead (none when GATEWAYDEV decides)
    rivals: tuple[RouteRival, ...] = ()


@attrs.frozen(slots=True)
class XenNetwork:
    """xend's network-script setting and the host's network-bridge script."""

    path: str
    script: str | None  # first word of the network-script string ("network-bridge")
    args: dict[str, Located]  # key=value arguments after the script name: key → its value
    bridge_script_present: bool  # etc/xen/scripts/network-bridge exists under the root
    bridge_script_handles_bonds: bool | None  # it saves/restores bonding/slaves (BL609)
    #: the network-script value (its first atom): text as xend reads it, raw as written, and an
    #: offset map when the quoting maps back exactly; ``quoted`` False means xend keeps one atom
    value: Located | None = None
    quoted: bool = False
    #: the string split as xend splits it (``split(" ")``: empty words kept), each with its span
    words: tuple[Located, ...] = ()
    #: every value of the (network-script ...) list as written (text = raw), and whether it is closed
    written: tuple[Located, ...] = ()
    closed: bool = True
    #: those values are all bare atoms with only blanks between them (a quoting fix may join them)
    written_bare: bool = False
    #: where a finding about the setting points: its first value, else the list, else the file
    script_span: Span | None = None
    #: every top-level (name ...) setting in order: (name, the list's span, the name's span)
    settings: tuple[tuple[str, Span, Span], ...] = ()
    vif_bridge: str | None = None  # bridge= of the vif-script xend uses
    #: the device network-bridge bridges without ``netdev=``; None when it is no network-bridge
    #: or the files do not decide it
    default_netdev: DefaultNetdev | None = None

    @property
    def runs_network_bridge(self) -> bool:
        """xend's network-script is Xen's network-bridge (whose arguments mean what Xen says)."""
        return self.script is not None and posixpath.basename(self.script) == "network-bridge"

    @property
    def netdev(self) -> str | None:
        arg = self.args.get("netdev")
        return arg.text if arg else None

    @property
    def bridge(self) -> str | None:
        arg = self.args.get("bridge")
        return arg.text if arg else None

"""xend-config.sxp → the model's Xen facts (model/xen.py): the network-script setting xend
uses with its located values, and the device network-bridge bridges by default.

The default follows the Xen scripts the release ships (3.0/3.1 on RHEL 5: ``eth${vifnum}``;
3.3+: the default-route device) and the host's default route, so it is settled once the host is
linked (``with_default_netdev``).
"""

from __future__ import annotations

import attrs

from bondlint.host.routes import gateway_carrier, rivals
from bondlint.model.host import HostModel
from bondlint.model.values import Located, clean
from bondlint.model.xen import DefaultNetdev, RouteRival, XenNetwork
from bondlint.source import Refused, Root
from bondlint.syntax.document import Document
from bondlint.syntax.span import LineIndex, whole_file_span
from bondlint.syntax.sxp import SxpAtom, SxpDocument, SxpList, SxpTrivia


def _script_value(doc: Document, first: object) -> tuple[Located | None, bool]:
    """The network-script atom as a located value; offsets only where the quoted body is the value."""
    text = getattr(first, "value", None)
    if text is None:
        return None, False
    raw, span, quote = first.raw, first.span, getattr(first, "quote", None)  # type: ignore[attr-defined]
    if quote is None:
        return Located(text, span, raw), False
    body = raw[1:-1] if first.closed else raw[1:]  # type: ignore[attr-defined]
    offsets = tuple(range(span.start + 1, span.start + 1 + len(text))) if body == text else None
    return Located(text, span, raw, offsets, LineIndex(doc.text, doc.path)), True


def _xen_layout(doc: Document, ns: SxpList | None, rel: str) -> dict:
    """How the settings are written: the network-script values, the top-level settings, vif-script's bridge."""
    written = tuple(
        Located(a.raw if isinstance(a, SxpAtom) else a.render(), a.span) for a in (ns.args if ns is not None else ())
    )
    bare = False
    if ns is not None and ns.args:
        first, last = ns.args[0].span.start, ns.args[-1].span.end
        between = [p for p in ns.parts if first <= p.span.start < last]
        bare = all(
            (isinstance(p, SxpAtom) and p.quote is None) or (isinstance(p, SxpTrivia) and p.kind == "space")
            for p in between
        )
    if ns is not None and ns.args and isinstance(ns.args[0], SxpAtom):
        span = ns.args[0].span
    else:
        span = ns.span if ns is not None else whole_file_span(doc.path or rel)
    settings = tuple(
        (item.name, item.span, item.items[0].span)
        for item in (doc.items if isinstance(doc, SxpDocument) else ())
        if isinstance(item, SxpList) and item.name is not None
    )
    vif = doc.get("vif-script") if isinstance(doc, SxpDocument) else None
    vif_bridge = None
    if vif is not None and vif.args and isinstance(vif.args[0], SxpAtom):
        vif_bridge = next((w[len("bridge="):] for w in vif.args[0].value.split(" ")[1:] if w.startswith("bridge=")), None)
    return {
        "written": written, "closed": ns.closed if ns is not None else True, "written_bare": bare, "script_span": span,
        "settings": settings, "vif_bridge": vif_bridge,
    }


def xen_network(doc: Document, rel: str, root: Root | None, bridge_script: str | None) -> XenNetwork:
    """xend-config.sxp's network-script as xend reads it; ``bridge_script``: the host's
    etc/xen/scripts/network-bridge, where the tree has one (read to see whether it handles bonds)."""
    ns = doc.get("network-script") if isinstance(doc, SxpDocument) else None
    value, quoted = _script_value(doc, ns.args[0]) if ns is not None and ns.args else (None, False)
    words: list[Located] = []
    args: dict[str, Located] = {}
    if value is not None and quoted:
        pos = 0
        for word in value.text.split(" "):
            words.append(attrs.evolve(value, text=word, raw=None, span=value.sub(pos, pos + len(word)),
                                      offsets=value.offsets[pos:pos + len(word)] if value.offsets else None))
            pos += len(word) + 1
        for w in words[1:]:
            if "=" in w.text:
                key, _, val = w.text.partition("=")
                start = len(key) + 1
                args[key] = attrs.evolve(w, text=val, span=w.sub(start, len(w.text)),
                                         offsets=w.offsets[start:] if w.offsets else None)
    script = (words[0].text if words else value.text) if value is not None else None
    extras = _xen_layout(doc, ns, rel)
    handles: bool | None = None
    present = False
    if root is not None and bridge_script is not None:
        present = True
        source = root.read(bridge_script)
        if not isinstance(source, Refused):
            handles = "bonding/slaves" in source.text
    return XenNetwork(
        path=doc.path or rel,
        script=script,
        args=args,
        value=value,
        quoted=quoted,
        words=tuple(words),
        **extras,
        bridge_script_present=present,
        bridge_script_handles_bonds=handles,
    )


# ---------------------------------------------------------------------------
# The device network-bridge bridges by default


def with_default_netdev(xen: XenNetwork, host: HostModel) -> XenNetwork:
    """``xen`` with the device network-bridge picks when no ``netdev=`` is given (DefaultNetdev)."""
    if not xen.runs_network_bridge:
        return xen
    return attrs.evolve(xen, default_netdev=_default_netdev(host, xen))


def _xen_3_0(host: HostModel) -> bool:
    """Xen 3.0/3.1 network-bridge semantics: the xen userland of RHEL/CentOS 5 (xend's release),
    also taken where the release is unknown (an xend-config.sxp makes the host read as el5)."""
    release = host.capabilities
    return release.xend or not release.known


def _default_route_device(host: HostModel) -> tuple[str, str] | None:
    """The device the default route leaves by as far as the config says, and why.

    GATEWAYDEV wins; otherwise the one live ONBOOT interface whose ifcfg sets
    GATEWAY; otherwise the device whose subnet holds /etc/sysconfig/network's
    GATEWAY (ifup-eth installs the route there). None when the config does not
    decide it.
    """
    gwdev = clean(host.network_value("GATEWAYDEV"))
    if gwdev is not None:
        return gwdev, f"GATEWAYDEV={gwdev}"
    with_gateway = [
        i.device for i in host.interfaces.values() if clean(i.value("GATEWAY")) is not None and i.onboot
    ]
    if len(with_gateway) == 1:
        return with_gateway[0], f"GATEWAY in ifcfg-{with_gateway[0]}"
    carrier = gateway_carrier(host)
    if carrier is not None and carrier.onboot and not with_gateway:
        gw = host.gateway.of(carrier)
        return carrier.device, f"GATEWAY={gw.text if gw else ''} is in {carrier.device}'s subnet"
    return None


def _default_netdev(host: HostModel, xen: XenNetwork) -> DefaultNetdev | None:
    """Xen 3.0/3.1: ``eth${vifnum}``, vifnum from the digits of the default-route device
    (bond0 → 0 → eth0), default 0. Xen 3.3+: the default-route device; None when the config
    does not say which it is (the live route decides)."""
    route = _default_route_device(host)
    old = _xen_3_0(host)
    rivals = _route_rivals(host, route, old)
    if old:
        vifarg = xen.args.get("vifnum")
        if vifarg is not None:
            return DefaultNetdev(f"eth{vifarg.text}", f"Xen 3.0/3.1 uses eth${{vifnum}} with vifnum={vifarg.text}", rivals)
        if route is not None:
            digits = _strip_non_digits(route[0]) or "0"
            return DefaultNetdev(f"eth{digits}", (
                f"Xen 3.0/3.1 uses eth${{vifnum}}, vifnum {digits} from the default route on {route[0]} ({route[1]})"
            ), rivals)
        return DefaultNetdev("eth0", "Xen 3.0/3.1 uses eth${vifnum}; no GATEWAYDEV or GATEWAY names the default-route "
                             "device, so vifnum 0 is assumed", rivals)
    if route is not None:
        return DefaultNetdev(route[0], f"Xen 3.3+ uses the default-route device {route[0]} ({route[1]})", rivals)
    return None


def _route_rivals(host: HostModel, route: tuple[str, str] | None, old: bool) -> tuple[RouteRival, ...]:
    """What network-bridge would pick instead if a rival ONBOOT device took the default route at boot."""
    if route is None or route[1].startswith("GATEWAYDEV") or route[0] not in host.interfaces:
        return ()
    return tuple(
        RouteRival(r.iface.device, r.how, f"eth{_strip_non_digits(r.iface.device) or '0'}" if old else r.iface.device)
        for r in rivals(host, host.interfaces[route[0]])
        if r.iface.onboot
    )


def _strip_non_digits(name: str) -> str:
    """``sed 's/^[^0-9]*//'``: drop the leading non-digits."""
    i = 0
    while i < len(name) and not name[i].isdigit():
        i += 1
    return name[i:]

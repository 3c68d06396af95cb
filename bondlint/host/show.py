"""``bondlint --show-host ROOT``: the host model made visible, for users and for debugging.

Each bond with its consumer, slaves, effective options and mode and where
each came from (file:line, or "default of <consumer>"), its addressing, the
gateway, the Xen bridge and the runtime state. Plain data first (``describe``),
so the JSON and the text show the same facts.
"""

from __future__ import annotations

import json
from typing import Any

from bondlint.model.host import MODE_BY_NUMBER, Bond, HostModel, Interface, mode_text


def _interface(iface: Interface | None) -> dict[str, Any] | None:
    if iface is None:
        return None
    return {
        "device": iface.device,
        "kind": iface.kind,
        "file": iface.file.path,
        "consumer": iface.consumer,
        "applied_by": None if iface.applier is None else {
            "program": iface.applier.program,
            "fallback_initscripts": iface.applier.fallback,
            "assumed": iface.applier.assumed,
            "evidence": list(iface.applier.evidence),
            "text": iface.applier.describe(),
        },
        "onboot": {"initscripts": iface.onboot, "NetworkManager": iface.onboot_nm},
        "nm_controlled": iface.nm_controlled,
        "master": iface.master,
        "slave": iface.slave.value,
        "hwaddr": iface.hwaddr.text if iface.hwaddr else None,
        "macaddr": iface.macaddr.text if iface.macaddr else None,
        "bridge": iface.bridge,
        "ipaddr": iface.value("IPADDR"),
        "netmask": iface.value("NETMASK"),
        "prefix": iface.value("PREFIX"),
        "bootproto": iface.value("BOOTPROTO"),
        #: every static address NetworkManager reads from the file (IPADDR, IPADDR0, IPADDR1, …)
        "nm_addresses": [f"{a.address.text}/{a.network.prefixlen} ({a.key})" for a in iface.nm_addresses],
        #: the addresses the network service adds (initscripts' expand_config; none with BOOTPROTO=dhcp)
        "initscripts_addresses": [f"{a.address.text}/{a.network.prefixlen} ({a.key})" for a in iface.initscripts_addresses],
    }


def _bond(host: HostModel, bond: Bond) -> dict[str, Any]:
    running = next((r for r in host.running if r.bond is bond), None)
    return {
        "name": bond.name,
        "configured": bond.configured,
        "consumer": bond.consumer,
        "mode": {"value": mode_text(bond.mode), "valid": bond.mode_valid, "from": bond.mode_source},
        "options": {
            key: {"value": s.value, "from": s.where} for key, s in sorted(bond.effective.items())
        },
        "slaves": [s.device for s in bond.slaves],
        "interface": _interface(bond.interface),
        "running": None
        if running is None
        else {
            "proc_name": running.proc_name,
            "path": running.path,
            "mode": MODE_BY_NUMBER.get(running.mode_number) if running.mode_number is not None else None,
            "miimon": running.miimon.value if running.miimon is not None else None,
            "slaves": [s.name for s in running.slaves],
        },
    }


def describe(host: HostModel) -> dict[str, Any]:
    """The model as plain data (what ``--show-host --format json`` prints)."""
    network = host.network
    xen = host.xen
    return {
        "root": host.root,
        "release": {
            "name": host.release, "version": host.release_version, "from": host.release_source,
            "assumed": host.release_assumed,
        },
        "bonds": [_bond(host, b) for b in host.bonds.values()],
        "interfaces": [_interface(i) for i in host.interfaces.values()],
        "gateway": {
            "GATEWAY": network.value("GATEWAY") if network is not None else None,
            "GATEWAYDEV": network.value("GATEWAYDEV") if network is not None else None,
            "from": network.path if network is not None else None,
            "per_interface": {
                d: i.value("GATEWAY") for d, i in host.interfaces.items() if i.value("GATEWAY") is not None
            },
        },
        "xen": None
        if xen is None
        else {
            "file": xen.path,
            "script": xen.script,
            "netdev": xen.netdev,
            "bridge": xen.bridge,
            "bridge_script_present": xen.bridge_script_present,
        },
        "services": None if host.services is None else {
            name: {"enabled": e.enabled, "evidence": e.evidence}
            for name, e in (("NetworkManager", host.services.networkmanager), ("network", host.services.network))
        },
        "running_unconfigured": [r.proc_name for r in host.running if r.bond is None],
        "macs_obfuscated": _obfuscated(host),
        "networkmanager": None
        if host.nm is None
        else {
            "plugins": list(host.nm.plugins),
            "ifcfg_read": host.nm.ifcfg_read,
            "ifcfg_reason": host.nm.ifcfg_reason,
            "keyfiles": [
                {"file": k.path, "id": k.id, "loaded": k.loaded, "why_not": k.why_not} for k in host.keyfiles
            ],
        },
    }


def _obfuscated(host: HostModel) -> str | None:
    """Where the first MAC `sos clean` replaced is (file:line), when the report was cleaned."""
    mac = host.macs_obfuscated
    return None if mac is None else f"{mac.span.path}:{mac.span.line}"


def render_json(host: HostModel) -> str:
    return json.dumps(describe(host), indent=2) + "\n"


def render_text(host: HostModel) -> str:
    d = describe(host)
    rel = d["release"]
    version = f" ({rel['version']})" if rel['version'] else ""
    out = [f"host {d['root']}", f"  release: {rel['name'] or 'unknown'}{version} from {rel['from']}"]
    for b in d["bonds"]:
        state = "" if b["configured"] else " (not configured: only the runtime knows it)"
        applied = b["interface"] and b["interface"]["applied_by"]
        by = f"{applied['text']} ({'; '.join(applied['evidence'])})" if applied else b["consumer"]
        out.append(f"  bond {b['name']}{state}, applied by {by}")
        out.append(f"    mode: {b['mode']['value']} from {b['mode']['from']}" + ("" if b["mode"]["valid"] else " (invalid mode written)"))
        for key, opt in b["options"].items():
            out.append(f"    {key}={opt['value']}  ({opt['from']})")
        out.append(f"    slaves: {', '.join(b['slaves']) or 'none'}")
        iface = b["interface"]
        if iface is not None and (iface["ipaddr"] or iface["bootproto"]):
            mask = iface["prefix"] and f"/{iface['prefix']}" or (iface["netmask"] and f" netmask {iface['netmask']}") or ""
            out.append(f"    addressing: {iface['bootproto'] or 'static'} {iface['ipaddr'] or ''}{mask}".rstrip())
        if iface is not None and any(not a.endswith("(IPADDR)") for a in iface["nm_addresses"]):
            out.append(f"    NetworkManager reads the addresses: {', '.join(iface['nm_addresses'])}")
        if iface is not None and any(not a.endswith("(IPADDR)") for a in iface["initscripts_addresses"]):
            out.append(f"    the network service adds the addresses: {', '.join(iface['initscripts_addresses'])}")
        if iface is not None and iface["bridge"]:
            out.append(f"    bridge: {iface['bridge']}")
        r = b["running"]
        if r is None:
            out.append("    running: no /proc/net/bonding entry")
        else:
            out.append(f"    running as {r['proc_name']}: {r['mode']}, miimon {r['miimon']}, slaves {', '.join(r['slaves']) or 'none'}")
    svc = d["services"]
    if svc is not None:
        for name, e in svc.items():
            state = {True: "enabled", False: "disabled", None: "unknown"}[e["enabled"]]
            out.append(f"  service {name}: {state} ({e['evidence']})")
    g = d["gateway"]
    out.append(f"  gateway: GATEWAY={g['GATEWAY'] or '-'} GATEWAYDEV={g['GATEWAYDEV'] or '-'} ({g['from'] or 'no sysconfig/network'})")
    for dev, gw in g["per_interface"].items():
        out.append(f"    {dev}: GATEWAY={gw}")
    x = d["xen"]
    if x is not None:
        out.append(f"  xen: network-script {x['script'] or '-'} netdev={x['netdev'] or '-'} bridge={x['bridge'] or '-'} ({x['file']})")
    for name in d["running_unconfigured"]:
        out.append(f"  running but not configured: {name}")
    if d["macs_obfuscated"]:
        out.append(
            f"  MACs obfuscated by sos clean (53:4f:53:..., first at {d['macs_obfuscated']}): "
            "MAC values not judged (BL108); MAC equality still holds"
        )
    nm = d["networkmanager"]
    if nm is not None and (nm["keyfiles"] or not nm["ifcfg_read"]):
        read = "read" if nm["ifcfg_read"] else "NOT read"
        out.append(f"  NetworkManager: plugins {', '.join(nm['plugins'])}; ifcfg files {read} ({nm['ifcfg_reason']})")
        for k in nm["keyfiles"]:
            if not k["loaded"]:
                out.append(f"    not loaded: {k['file']}: {k['why_not']}")
    return "\n".join(out) + "\n"

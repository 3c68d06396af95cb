#!/usr/bin/env python3
"""Write a fleet of synthetic RHEL host trees for the benchmark.

Each host is a directory that looks like the `etc/` of a real el5/el6/el7 box with bonded
NICs. Trees are clean per /work/shared/RULES.md (no error or warning finding is expected)
except about one host in ten, which carries exactly one seeded fault; `faults.json` lists
those as (host, code, path relative to the host root). The same seed always writes the same
bytes, so figures from different days compare.

    python benchmarks/generate_hosts.py --hosts 1000 --seed 1 OUT
    python benchmarks/generate_hosts.py --seed-tree OUT     # the howto's host, OUT/seed-host
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

FAULTS_FILE = "faults.json"
SEED_HOST = "seed-host"

# Codes whose trigger in RULES.md leaves no room for interpretation, and what they need.
FAULT_CODES = ("BL002", "BL102", "BL201", "BL302", "BL402", "BL512", "BL602")

RELEASES = {
    "el5": ("CentOS release 5.2 (Final)", "Red Hat Enterprise Linux Server release 5.11 (Tikanga)"),
    "el6": ("CentOS release 6.10 (Final)", "Red Hat Enterprise Linux Server release 6.10 (Santiago)"),
    "el7": ("CentOS Linux release 7.9.2009 (Core)", "Red Hat Enterprise Linux Server release 7.9 (Maipo)"),
}
DRIVERS = {
    "el5": ("e1000", "e1000e", "bnx2", "tg3", "igb"),
    "el6": ("e1000e", "bnx2", "igb", "ixgbe", "tg3"),
    "el7": ("igb", "ixgbe", "bnx2x", "tg3", "i40e"),
}
OUIS = ("00:1E:68", "00:1B:21", "00:10:18", "00:25:90", "00:15:17", "A0:36:9F")
MODE_NAMES = ("balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb")
ROLES = ("web", "db", "app", "nfs", "xen", "mq")

XEND_CONFIG = """\
# -*- sh -*-

#
# Xend configuration file.
#

# This example configuration is appropriate for an installation that
# utilizes a bridged network configuration. Access to xend via http
# is disabled.

#(logfile /var/log/xen/xend.log)
#(loglevel DEBUG)

(xend-http-server no)
(xend-unix-server yes)
(xend-relocation-server {relocation})
(xend-relocation-port 8002)
(xend-relocation-hosts-allow '^localhost$ ^localhost\\\\.localdomain$')

# The limit (in kilobytes) on the size of the console buffer
#(console-limit 1024)

##
# To bridge network traffic, like this:
#
# dom0: ----------------- bridge -> real eth0 -> the network
#                            |
# domU: fake eth0 -> vifN.0 -+
#
# use
#
# (network-script network-bridge)
#
# Your default ethernet device is used as the outgoing interface, by default.
# To use a different one (e.g. eth1) use
#
# (network-script 'network-bridge netdev=eth1')
#
{network_script}

# The script used to control virtual interfaces.  This can be overridden on a
# per-vif basis when creating a domain or a configuring a new vif.  The
# vif-bridge script is designed for use with the network-bridge script, or
# similar configurations.
(vif-script vif-bridge)

# dom0-min-mem is the lowest permissible memory level (in MB) for dom0.
(dom0-min-mem {min_mem})

# In SMP system, dom0 will use dom0-cpus # of CPUS
# If dom0-cpus = 0, dom0 will take all cpus available
(dom0-cpus 0)

# Whether to enable core-dumps when domains crash.
#(enable-dump no)

# The interface for VNC servers to listen on. Defaults
# to 127.0.0.1  To restore old 'listen everywhere' behaviour
# set this to 0.0.0.0
#(vnc-listen '127.0.0.1')

# The default password for VNC console on HVM domain.
(vncpasswd '')

# The default keymap to use for the VM's virtual keyboard.
(keymap '{keymap}')
"""


@dataclass
class Nic:
    name: str
    mac: str
    driver: str
    master: str | None = None


@dataclass
class Bond:
    name: str
    slaves: list[Nic]
    mode: int
    opts: list[str]
    address: ipaddress.IPv4Interface
    quote: str = '"'


@dataclass
class Host:
    """Decisions first, text last: faults edit these fields, then `files()` renders."""

    name: str
    hostname: str
    release: str
    release_text: str
    nics: list[Nic]
    bonds: list[Bond]
    gateway: ipaddress.IPv4Address
    xen: bool
    nm_controlled: str | None
    prefix_style: bool
    explicit_network: bool
    gateway_in_ifcfg: bool
    keymap: str
    min_mem: int
    relocation: str
    fault: str | None = None
    fault_path: str = ""
    #: other files a correct report may name instead (a duplicate has two ends)
    fault_also: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def spares(self) -> list[Nic]:
        return [nic for nic in self.nics if nic.master is None]


def mac(index: int, slot: int, oui: str) -> str:
    """Fleet-unique: the low 24 bits are (host index, NIC slot)."""
    low = (index * 16 + slot) & 0xFFFFFF
    return f"{oui}:{low >> 16:02X}:{(low >> 8) & 0xFF:02X}:{low & 0xFF:02X}"


def bonding_opts(rng: random.Random, mode: int, slaves: list[Nic], release: str) -> list[str]:
    """Options valid for the mode and release, in the order el5 needs (mode, miimon, rest)."""
    miimon = rng.choice((100, 100, 100, 50, 200))
    words = [f"mode={rng.choice((str(mode), MODE_NAMES[mode]))}", f"miimon={miimon}"]
    if rng.random() < 0.3:
        words.append(f"updelay={miimon * rng.choice((2, 4))}")
        words.append(f"downdelay={miimon * rng.choice((1, 2))}")
    if mode == 4:
        if rng.random() < 0.5:
            words.append(f"lacp_rate={rng.choice(('fast', 'slow', '1'))}")
        if rng.random() < 0.5:
            words.append(f"xmit_hash_policy={rng.choice(('layer2', 'layer3+4'))}")
    elif mode == 2 and rng.random() < 0.6:
        words.append(f"xmit_hash_policy={rng.choice(('layer2', 'layer3+4', 'layer2+3'))}")
    elif mode == 1 and rng.random() < 0.5:
        words.append(f"primary={slaves[0].name}")
        if release != "el5" and rng.random() < 0.5:
            words.append(f"primary_reselect={rng.choice(('always', 'better', 'failure'))}")
    return words


def plan_host(index: int, seed: int, fault_rate: float) -> Host:
    rng = random.Random(f"bondlint-bench:{seed}:{index}")
    fault = rng.choice(FAULT_CODES) if rng.random() < fault_rate else None
    release = "el5" if fault in ("BL402", "BL602") else rng.choice(("el5", "el5", "el6", "el6", "el7"))
    xen = fault == "BL602" or (release == "el5" and rng.random() < 0.5)
    n_nics = rng.randint(4, 8)
    n_bonds = 2 if n_nics >= 5 and rng.random() < 0.4 else 1
    oui = rng.choice(OUIS)
    drivers = DRIVERS[release]
    onboard, addon = rng.choice(drivers), rng.choice(drivers)
    nics = [Nic(f"eth{i}", mac(index, i, oui), onboard if i < 2 else addon) for i in range(n_nics)]

    # Slaves: at most n_nics - 1 of them, so every host keeps a spare NIC.
    free = list(nics)
    bonds: list[Bond] = []
    nets = rng.sample(range(1, 250), 2)
    for b in range(n_bonds):
        room = len(free) - 1 - 2 * (n_bonds - b - 1)
        count = 2 if room < 4 or rng.random() < 0.8 else rng.randint(3, min(4, room))
        slaves = sorted(rng.sample(free, count), key=lambda nic: int(nic.name[3:]))
        for nic in slaves:
            free.remove(nic)
            nic.master = f"bond{b}"
        if b == 0:
            mode = rng.choice((1, 4, 4, 2)) if xen else rng.choice((0, 1, 1, 2, 3, 4, 4, 5, 6))
            net = ipaddress.IPv4Network(f"10.{index % 200 + 20}.{nets[0]}.0/24")
        else:
            mode = rng.choice((1, 4, 6, 0))
            net = ipaddress.IPv4Network(f"192.168.{nets[1]}.0/24")
        address = ipaddress.IPv4Interface(f"{net.network_address + rng.randint(10, 250)}/{net.prefixlen}")
        bonds.append(
            Bond(f"bond{b}", slaves, mode, bonding_opts(rng, mode, slaves, release), address,
                 rng.choice(('"', '"', '"', "'")))
        )
    gateway = bonds[0].address.network.network_address + rng.choice((1, 254))

    host = Host(
        name=f"host-{index:05d}",
        hostname=f"{rng.choice(ROLES)}{index:05d}.example.com",
        release=release,
        release_text=rng.choice(RELEASES[release]),
        nics=nics,
        bonds=bonds,
        gateway=gateway,
        xen=xen,
        nm_controlled=None if release == "el5" else rng.choice((None, "no", "no")),
        prefix_style=release == "el7" and rng.random() < 0.6,
        explicit_network=release == "el5" and rng.random() < 0.5,
        gateway_in_ifcfg=release == "el7" and fault != "BL512" and rng.random() < 0.25,
        keymap=rng.choice(("en-us", "de", "fr")),
        min_mem=rng.choice((256, 512, 1024)),
        relocation=rng.choice(("no", "yes")),
    )
    if fault:
        seed_fault(host, fault, rng)
    return host


def seed_fault(host: Host, code: str, rng: random.Random) -> None:
    """Apply one fault to the plan and record which file bondlint must point at."""
    host.fault = code
    scripts = "etc/sysconfig/network-scripts"
    spare = rng.choice(host.spares())
    bond = rng.choice(host.bonds)
    if code == "BL002":
        bond.opts, bond.quote = ["mode=4", "miimon=100"], ""
        bond.mode = 4
        host.fault_path = f"{scripts}/ifcfg-{bond.name}"
    elif code == "BL302":
        bond.opts[0] = "mode=7"
        host.fault_path = f"{scripts}/ifcfg-{bond.name}"
    elif code == "BL201":
        spare.master = "bond7"
        host.fault_path = f"{scripts}/ifcfg-{spare.name}"
    elif code == "BL102":
        twin = rng.choice(host.bonds[0].slaves)
        if twin.mac == twin.mac.lower():  # all digits: take an OUI with letters, same unique low half
            twin.mac = "A0:36:9F" + twin.mac[8:]
        spare.mac = twin.mac.lower()
        host.fault_path = f"{scripts}/ifcfg-{spare.name}"
        host.fault_also = (f"{scripts}/ifcfg-{twin.name}",)
    elif code == "BL512":
        host.extra["dhcp_onboot"] = spare.name
        host.fault_path = "etc/sysconfig/network"
    elif code == "BL402":
        host.extra["nic_aliases_first"] = "yes"
        host.fault_path = "etc/modprobe.conf"
    elif code == "BL602":
        host.extra["unquoted_network_script"] = "yes"
        host.fault_path = "etc/xen/xend-config.sxp"


def ifcfg(lines: list[tuple[str, str]]) -> str:
    return "".join(f"{key}={value}\n" for key, value in lines)


def render(host: Host) -> dict[str, str]:
    """Relative path → text for every file of the host."""
    scripts = "etc/sysconfig/network-scripts"
    files: dict[str, str] = {"etc/redhat-release": host.release_text + "\n"}
    nm = [("NM_CONTROLLED", host.nm_controlled)] if host.nm_controlled else []
    gw_bond = host.bonds[0]

    network = [("NETWORKING", "yes")]
    if host.release != "el7":
        network.append(("NETWORKING_IPV6", "no"))
    network.append(("HOSTNAME", host.hostname))
    if not host.gateway_in_ifcfg:
        network.append(("GATEWAY", str(host.gateway)))
    if "dhcp_onboot" not in host.extra:
        network.append(("GATEWAYDEV", gw_bond.name))
    if host.release == "el7":
        network.append(("NOZEROCONF", "yes"))
    files["etc/sysconfig/network"] = ifcfg(network)

    files[f"{scripts}/ifcfg-lo"] = ifcfg([
        ("DEVICE", "lo"), ("IPADDR", "127.0.0.1"), ("NETMASK", "255.0.0.0"), ("NETWORK", "127.0.0.0"),
        ("BROADCAST", "127.255.255.255"), ("ONBOOT", "yes"), ("NAME", "loopback"),
    ])

    for bond in host.bonds:
        lines = [("DEVICE", bond.name)]
        if host.release != "el5":
            lines += [("TYPE", "Bond"), ("BONDING_MASTER", "yes")]
        lines.append(("IPADDR", str(bond.address.ip)))
        if host.prefix_style:
            lines.append(("PREFIX", str(bond.address.network.prefixlen)))
        else:
            lines.append(("NETMASK", str(bond.address.netmask)))
        if host.explicit_network:
            lines += [("NETWORK", str(bond.address.network.network_address)),
                      ("BROADCAST", str(bond.address.network.broadcast_address))]
        if host.gateway_in_ifcfg and bond is gw_bond:
            lines.append(("GATEWAY", str(host.gateway)))
        lines += [("ONBOOT", "yes"), ("BOOTPROTO", "none" if host.release != "el7" else "static"),
                  ("USERCTL", "no"), *nm]
        lines.append(("BONDING_OPTS", f"{bond.quote}{' '.join(bond.opts)}{bond.quote}"))
        files[f"{scripts}/ifcfg-{bond.name}"] = ifcfg(lines)

    for nic in host.nics:
        if nic.master:
            lines = [("DEVICE", nic.name), ("HWADDR", nic.mac), ("MASTER", nic.master), ("SLAVE", "yes"),
                     ("ONBOOT", "yes"), ("BOOTPROTO", "none"), ("USERCTL", "no"), *nm]
        else:
            onboot = "yes" if host.extra.get("dhcp_onboot") == nic.name else "no"
            lines = [("DEVICE", nic.name), ("BOOTPROTO", "dhcp"), ("HWADDR", nic.mac), ("ONBOOT", onboot), *nm]
        files[f"{scripts}/ifcfg-{nic.name}"] = ifcfg(lines)

    bond_aliases = [f"alias {bond.name} bonding\n" for bond in host.bonds]
    if host.release == "el5":
        nic_aliases = [f"alias {nic.name} {nic.driver}\n" for nic in host.nics]
        head = nic_aliases + bond_aliases if "nic_aliases_first" in host.extra else bond_aliases + nic_aliases
        files["etc/modprobe.conf"] = "".join(
            head + ["alias scsi_hostadapter megaraid_sas\n", "alias scsi_hostadapter1 ata_piix\n",
                    "alias usb-controller ehci-hcd\n", "alias usb-controller1 uhci-hcd\n"]
        )
    else:
        files["etc/modprobe.d/bonding.conf"] = "".join(bond_aliases)

    if host.xen:
        script = "network-bridge netdev=bond0"
        quoted = "unquoted_network_script" not in host.extra
        line = f"(network-script '{script}')" if quoted else f"(network-script {script})"
        files["etc/xen/xend-config.sxp"] = XEND_CONFIG.format(
            relocation=host.relocation, network_script=line, min_mem=host.min_mem, keymap=host.keymap
        )
    return files


def seed_tree_files() -> dict[str, str]:
    """The reference scenario of /work/shared/seed/xen-bonding-howto.txt, done right."""
    scripts = "etc/sysconfig/network-scripts"
    files = {
        "etc/redhat-release": "CentOS release 5.2 (Final)\n",
        "etc/modprobe.conf": "alias bond0 bonding\n" + "".join(f"alias eth{i} e1000\n" for i in range(4)),
        "etc/sysconfig/network": "NETWORKING=yes\nHOSTNAME=xen01.example.com\nGATEWAY=10.10.10.1\nGATEWAYDEV=bond0\n",
        f"{scripts}/ifcfg-lo": "DEVICE=lo\nIPADDR=127.0.0.1\nNETMASK=255.0.0.0\nNETWORK=127.0.0.0\n"
        "BROADCAST=127.255.255.255\nONBOOT=yes\nNAME=loopback\n",
        f"{scripts}/ifcfg-bond0": "DEVICE=bond0\nIPADDR=10.10.10.119\nMACADDR=00:00:10:01:01:19\n"
        "NETMASK=255.255.255.0\nNETWORK=10.10.10.0\nBROADCAST=10.10.10.255\nONBOOT=yes\nBOOTPROTO=none\n"
        'USERCTL=no\nBONDING_OPTS="mode=4 miimon=100"\n',
        "etc/xen/xend-config.sxp": XEND_CONFIG.format(
            relocation="no", network_script="(network-script 'network-bridge netdev=bond0')", min_mem=256,
            keymap="en-us",
        ),
    }
    for i, low in enumerate(("92", "93")):
        files[f"{scripts}/ifcfg-eth{i}"] = (
            f"DEVICE=eth{i}\nONBOOT=yes\nBOOTPROTO=none\nUSERCTL=no\nMASTER=bond0\nSLAVE=yes\n"
            f"HWADDR=00:1E:68:37:FA:{low}\n"
        )
    for i, low in ((2, "94"), (3, "95")):
        files[f"{scripts}/ifcfg-eth{i}"] = f"DEVICE=eth{i}\nBOOTPROTO=dhcp\nHWADDR=00:1E:68:37:FA:{low}\nONBOOT=no\n"
    return files


def write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def generate(out: Path, hosts: int, seed: int, fault_rate: float = 0.1) -> list[dict[str, str]]:
    """Write `hosts` trees under `out` and `out/faults.json`; return the fault records."""
    out.mkdir(parents=True, exist_ok=True)
    faults: list[dict[str, str]] = []
    for index in range(hosts):
        host = plan_host(index, seed, fault_rate)
        write_tree(out / host.name, render(host))
        if host.fault:
            faults.append({"host": host.name, "code": host.fault, "path": host.fault_path, "also": list(host.fault_also)})
    manifest = {"seed": seed, "hosts": hosts, "fault_rate": fault_rate, "faults": faults}
    (out / FAULTS_FILE).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return faults


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="directory to fill (host-NNNNN/ trees and faults.json)")
    parser.add_argument("--hosts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fault-rate", type=float, default=0.1, help="share of hosts with one seeded fault")
    parser.add_argument("--seed-tree", action="store_true", help=f"write only the howto's host as OUT/{SEED_HOST}")
    args = parser.parse_args(argv)
    if args.seed_tree:
        write_tree(args.out / SEED_HOST, seed_tree_files())
        return 0
    if not 0.0 <= args.fault_rate <= 1.0:
        parser.error("--fault-rate must be between 0 and 1")
    faults = generate(args.out, args.hosts, args.seed, args.fault_rate)
    print(f"wrote {args.hosts} hosts, {len(faults)} seeded faults, under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

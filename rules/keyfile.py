"""BL703-BL711: what is NetworkManager's alone (keyfile profiles, and who reads ifcfg files).

The facts come from the host model (``host.keyfiles``, ``host.nm``); the
semantic families (MAC, topology, options, addressing, runtime) read keyfile
bonds through the same Interface and Bond facts as ifcfg ones.
"""

from __future__ import annotations

from typing import Iterator

from bondlint.rule_api import Related, Severity, Violation, from_problems, rule
from bondlint.model.host import HostModel, KeyfileProfile
from bondlint.model.networkmanager import PORT_TYPES
from bondlint.syntax.span import whole_file_span

#: the most related places one finding lists
_RELATED_MAX = 20


def _loaded(host: HostModel) -> Iterator[KeyfileProfile]:
    return (k for k in host.keyfiles if k.loaded)


def _parsed(host: HostModel) -> Iterator[KeyfileProfile]:
    """Profiles GKeyFile reads (a file it refuses is BL704's alone), loaded or not."""
    return (k for k in host.keyfiles if k.rejection != "BL704")


@rule("BL703", "keyfile-insecure", Severity.ERROR)
def keyfile_insecure(host: HostModel) -> Iterator[Violation]:
    """A keyfile that group or others may read, or that root does not own: NetworkManager refuses it.

    ## What it checks
    Each file NetworkManager tries to load from `system-connections/`, as
    `stat()` sees it (links followed inside the audited root): permission
    bits for group or others, or an owner other than root. In a tree that is
    a version-control checkout (a config repository), the modes and owners
    are the checkout's, not the deployment's: then one info per root says
    what the deployment must set instead of an error per file.

    ## Why it matters
    NetworkManager skips the file with "File permissions (644) are insecure"
    (or "File owner (1000) is insecure"): the profile does not exist, so the
    bond and everything on it stay down after the next reboot or reload.
    Git keeps no owner and checks files out 0644.

    ## Example
    ```
    -rw-r--r-- 1 root root  bond0.nmconnection
    ```
    Use instead:
    ```
    -rw------- 1 root root  bond0.nmconnection
    ```

    ## Fix
    `chown root:root` and `chmod 0600` the file (in a deployment tool: set
    owner and mode explicitly; a checkout's modes are not kept).
    """
    nm = host.nm
    if nm is None:
        return
    if nm.checkout is not None:
        if host.keyfiles:
            first = host.keyfiles[0]
            yield Violation(
                first.profile_span,
                f"this tree is a {nm.checkout.kind} checkout: file modes and owners are the checkout's, and "
                "NetworkManager loads a keyfile only when root owns it with no group or other permission bits; "
                f"make the deployment install the {len(host.keyfiles)} keyfile(s) as root:root 0600",
                severity=Severity.INFO,
            )
        return
    by_rel = {k.rel: k for k in host.keyfiles}
    for cand in nm.discovery.profiles:
        facts = cand.facts
        k = by_rel.get(cand.rel)
        span = k.profile_span if k is not None else whole_file_span(cand.rel)
        if facts.insecure_mode:
            yield Violation(
                span,
                f"{cand.name} has mode {facts.mode:04o}: NetworkManager refuses a keyfile with group or other "
                f"permission bits (\"File permissions ({facts.mode & 0o777:03o}) are insecure\") and the profile "
                "is not loaded; chmod 0600 it",
            )
        elif facts.insecure_owner:
            yield Violation(
                span,
                f"{cand.name} is owned by uid {facts.uid}: NetworkManager loads only keyfiles owned by root "
                f"(\"File owner ({facts.uid}) is insecure\") and the profile is not loaded; chown root it",
            )


_KEYFILE_LINES = {
    "keyfile-line": lambda p: p.details["message"],
    "keyfile-more-lines": lambda p: (
        f"more lines GKeyFile refuses from here on (only the first {p.details['limit']} are listed)"
    ),
}


@rule("BL704", "keyfile-syntax", Severity.ERROR, scope="file", problems=_KEYFILE_LINES)
def keyfile_syntax(host: HostModel) -> Iterator[Violation]:
    """A keyfile line that GKeyFile cannot read: NetworkManager rejects the whole file.

    ## What it checks
    Each line of a keyfile (and of NetworkManager.conf and conf.d) as glib
    classifies it: a comment or blank, a `[group]` header, or `key=value`.
    Anything else (a key before any group, a line without `=`, a bad group
    name, a key with spaces or brackets) is reported, the first 20 per file.

    ## Why it matters
    GKeyFile fails the whole file at the first such line: the profile is not
    loaded (a NetworkManager.conf that fails makes the whole configuration
    fail), so the bond does not come up after the next reboot.

    ## Example
    ```
    [bond]
    mode 802.3ad
    ```
    Use instead:
    ```
    [bond]
    mode=802.3ad
    ```

    ## Fix
    Write every setting as `key=value` under its `[group]`; put comments on
    lines of their own starting with `#`.
    """
    yield from from_problems(host, _KEYFILE_LINES)


@rule("BL705", "keyfile-ignored-name", Severity.WARNING)
def keyfile_ignored_name(host: HostModel) -> Iterator[Violation]:
    """A file in system-connections that NetworkManager skips because of its name.

    ## What it checks
    A file in `/run` or `/usr/lib/NetworkManager/system-connections` whose
    name does not end in `.nmconnection`, and a file in `/etc` whose name
    NetworkManager skips (hidden, ending in `~`, a temp-file name with six
    letters or digits after the last dot) while it names a `.nmconnection`.

    ## Why it matters
    The profile was meant to be loaded and never is: its bond or port does
    not exist. (In `/etc` any other name is loaded: `bond0.nmconnection.bak`
    is a live profile: BL008.)

    ## Example
    ```
    /usr/lib/NetworkManager/system-connections/bond0.conf
    ```
    Use instead:
    ```
    /usr/lib/NetworkManager/system-connections/bond0.nmconnection
    ```

    ## Fix
    Rename the file to `<name>.nmconnection`, or delete it.
    """
    nm = host.nm
    if nm is None:
        return
    for path, why, storage in nm.ignored:
        name = path.rsplit("/", 1)[-1]
        if storage == "etc" and ".nmconnection" not in name:
            continue
        yield Violation(
            whole_file_span(path),
            f"NetworkManager skips {name} ({why}): the profile in it is never loaded; rename it to "
            "<name>.nmconnection or delete it",
        )


@rule("BL706", "keyfile-port-type", Severity.ERROR)
def keyfile_port_type(host: HostModel) -> Iterator[Violation]:
    """A port profile with a controller but no valid port-type: NetworkManager rejects it.

    ## What it checks
    A keyfile with `controller` (or `master`) and neither `port-type`
    (`slave-type`) nor a `[bond-port]`/`[bridge-port]`/`[team-port]` group
    NetworkManager could infer it from; or a port-type that is not one of
    bond, bridge, team, ovs-bridge, ovs-port, vrf (`bonding`, `bridge-port`).

    ## Why it matters
    verify() fails ("Cannot set 'controller' without 'port-type'", or an
    invalid port-type): the profile is not loaded, so the NIC is never
    attached to its bond and the bond may have no carrier.

    ## Example
    ```
    [connection]
    interface-name=eth0
    controller=bond0
    ```
    Use instead:
    ```
    [connection]
    interface-name=eth0
    controller=bond0
    port-type=bond
    ```

    ## Fix
    Add `port-type=bond` (or `bridge`) beside `controller`, or fix its spelling.
    """
    for k in _parsed(host):
        if not k.controller:
            continue
        if not k.port_type:  # a [bond-port] group infers it (KeyfileProfile.port_type)
            yield Violation(
                k.span_of("MASTER" if "MASTER" in k.facts else "BRIDGE"),
                f"controller={k.controller} without port-type (and no [bond-port] group): NetworkManager "
                "rejects the profile (\"Cannot set 'controller' without 'port-type'\"), so "
                f"{k.suffix} is never attached; add port-type=bond",
            )
        elif k.port_type not in PORT_TYPES and k.port_type_span is not None:
            yield Violation(
                k.port_type_span,
                f"port-type={k.port_type} is not one of {', '.join(sorted(PORT_TYPES))}: NetworkManager "
                f"rejects the profile, so {k.suffix} is never attached to {k.controller}",
            )


@rule("BL707", "keyfile-controller-by-id", Severity.ERROR)
def keyfile_controller_by_id(host: HostModel) -> Iterator[Violation]:
    """controller names a profile's id: NetworkManager looks controllers up by uuid or interface-name only.

    ## What it checks
    A keyfile whose `controller` (`master`) equals the `id` of a loaded
    profile and no profile's uuid or interface-name.

    ## Why it matters
    NetworkManager resolves the controller by connection uuid, else by
    interface name; an id (the human label) is never used, so the port
    never finds its bond and stays down.

    ## Example
    ```
    # bond0.nmconnection: id=bond-uplink, interface-name=bond0
    # eth0.nmconnection
    controller=bond-uplink
    ```
    Use instead:
    ```
    controller=bond0
    ```

    ## Fix
    Use the bond's interface-name (or its uuid).
    """
    by_id = {k.id: k for k in _loaded(host)}
    for k in _loaded(host):
        if not k.controller or k.controller_by is not None or k.controller in host.interfaces:
            continue
        target = by_id.get(k.controller)
        if target is None:
            continue
        yield Violation(
            k.span_of("MASTER" if "MASTER" in k.facts else "BRIDGE"),
            f"controller={k.controller} is the id of {target.name}, but NetworkManager finds a controller only "
            f"by uuid or interface-name: {k.suffix} is never attached; write controller={target.suffix}",
            related=(Related(target.profile_span, f"the profile whose id is {k.controller}"),),
        )


@rule("BL708", "keyfile-controller-conflict", Severity.WARNING)
def keyfile_controller_conflict(host: HostModel) -> Iterator[Violation]:
    """controller and master (or port-type and slave-type) both written, with different values.

    ## What it checks
    A keyfile's `[connection]` with both the new key and its deprecated alias
    set to different values.

    ## Why it matters
    They are one property: NetworkManager reads the keys in name order, so
    the deprecated `master`/`slave-type` wins, which is rarely what whoever
    added `controller`/`port-type` meant.

    ## Example
    ```
    controller=bond0
    master=bond1
    ```
    Use instead:
    ```
    controller=bond0
    ```

    ## Fix
    Keep one key of each pair (NetworkManager ≥ 1.46 writes only
    controller and port-type).
    """
    for k in _parsed(host):
        for conflict in k.key_conflicts:  # (new key, deprecated key): the deprecated one is read last
            lost, kept = conflict.lost, conflict.kept
            yield Violation(
                lost.value_span,
                f"{lost.key}={lost.raw} is overridden by {kept.key}={kept.raw} (one property; the deprecated key "
                f"wins): NetworkManager uses {kept.raw}; keep one of the two keys",
                related=(Related(kept.value_span, "the value NetworkManager uses"),),
            )


@rule("BL709", "ifcfg-not-read", Severity.ERROR)
def ifcfg_not_read(host: HostModel) -> Iterator[Violation]:
    """ifcfg files on a host where nothing reads them: their configuration is not applied.

    ## What it checks
    `ifcfg-*` files on a release whose NetworkManager has no ifcfg-rh plugin
    and no initscripts (RHEL 10), or where the plugin is not installed or
    NetworkManager.conf's `plugins=` leaves it out (RHEL 9). One finding per
    host, naming the files.

    ## Why it matters
    After the upgrade or the next reboot the bond, its ports and the
    addresses in these files simply do not exist: nothing reads them.

    ## Example
    ```
    # /etc/redhat-release: Red Hat Enterprise Linux release 10.0
    /etc/sysconfig/network-scripts/ifcfg-bond0
    ```
    Use instead:
    ```
    /etc/NetworkManager/system-connections/bond0.nmconnection
    ```

    ## Fix
    Convert the profiles to keyfiles before upgrading (`nmcli connection
    migrate` on RHEL 9), or keep the ifcfg-rh plugin where it still exists.
    """
    nm = host.nm
    if nm is None or nm.ifcfg_read:
        return
    unread = [f for f in host.ifcfg_files if f.ignored_reason == f"not read: {nm.ifcfg_reason}"]
    if not unread:
        return
    first = unread[0]
    span = first.first_line() or whole_file_span(first.path)
    names = ", ".join(f"ifcfg-{f.suffix}" for f in unread[:_RELATED_MAX])
    more = f" and {len(unread) - _RELATED_MAX} more" if len(unread) > _RELATED_MAX else ""
    assumed = " (release assumed)" if host.release_assumed else ""
    yield Violation(
        span,
        f"nothing reads ifcfg files on this host{assumed}: {nm.ifcfg_reason}; {len(unread)} file(s) ({names}{more}) "
        "are not applied, so their bonds, ports and addresses do not exist at boot; convert them to keyfiles",
        related=tuple(Related(f.first_line() or whole_file_span(f.path), "not read")
                      for f in unread[1:_RELATED_MAX]),
    )


@rule("BL710", "keyfile-group-split", Severity.WARNING)
def keyfile_group_split(host: HostModel) -> Iterator[Violation]:
    """A keyfile with a setting's group under both its names: keys under one are ignored.

    ## What it checks
    Both `[ethernet]` and `[802-3-ethernet]` (or another group and its
    alias, such as `[wifi]` / `[802-11-wireless]`) in one keyfile.

    ## Why it matters
    NetworkManager reads each setting from one group only, so keys written
    under the other (a `mac-address`, a `cloned-mac-address`) are silently
    not applied.

    ## Example
    ```
    [ethernet]
    mtu=9000
    [802-3-ethernet]
    mac-address=00:1E:68:37:FA:92
    ```
    Use instead:
    ```
    [ethernet]
    mtu=9000
    mac-address=00:1E:68:37:FA:92
    ```

    ## Fix
    Move every key into one group (the short name) and delete the other.
    """
    for k in _parsed(host):
        for split in k.group_splits:
            yield Violation(
                split.other_span,
                f"[{split.other}] and [{split.first}] are one setting ({split.setting}): NetworkManager reads one "
                "group only, so the keys of the other are ignored; merge them into one group",
                related=(Related(split.first_span, f"the other group of {split.setting}"),),
            )


@rule("BL711", "keyfile-uuid-missing", Severity.WARNING)
def keyfile_uuid_missing(host: HostModel) -> Iterator[Violation]:
    """A bond or bridge keyfile without uuid: NetworkManager derives one from the file's path.

    ## What it checks
    A keyfile of `type=bond` or `type=bridge` with no `uuid` in
    `[connection]`: a warning where a port names it by the uuid
    NetworkManager derives from the file's path (a version-3 UUID of
    `keyfile`, the path, in NetworkManager's namespace), else an info.

    ## Why it matters
    NetworkManager makes the uuid from the file's path, so renaming or
    moving the file changes it, and every port that names its controller by
    uuid (what nmcli writes) loses its bond.

    ## Example
    ```
    [connection]
    id=bond0
    type=bond
    interface-name=bond0
    ```
    Use instead:
    ```
    [connection]
    id=bond0
    uuid=5d3b7a2e-4c1f-4e8a-9b6d-2f0c1a7e3b10
    type=bond
    interface-name=bond0
    ```

    ## Fix
    Add a `uuid=` (`uuidgen`), and point ports at it or at the interface name.
    """
    loaded = list(_loaded(host))
    for k in loaded:
        if k.type in ("bond", "bridge") and not k.uuid:
            by_derived = [p for p in loaded if p.controller_by == "derived uuid" and p.controller == k.effective_uuid]
            if by_derived:
                ports = ", ".join(p.id for p in by_derived)
                yield Violation(
                    k.profile_span,
                    f"{k.type} profile {k.id} has no uuid: NetworkManager derives {k.effective_uuid} from the "
                    f"file's path, and {ports} name{'s' if len(by_derived) == 1 else ''} it by that uuid: renaming "
                    f"or moving {k.name} changes it and leaves them without a controller; write uuid={k.effective_uuid}",
                )
                continue
            yield Violation(
                k.profile_span,
                f"{k.type} profile {k.id} has no uuid: NetworkManager derives one from the file's path; no port "
                f"names it by uuid today (they would break when {k.name} is renamed or moved); add uuid=",
                severity=Severity.INFO,
            )

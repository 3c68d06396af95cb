"""BL013: ifcfg keys that nothing reads, one or two keystrokes away from one that is read.

The known keys are data of the model layer (``bondlint.host.ifcfg_keys``, built from
initscripts' sysconfig.txt and network scripts and NetworkManager's ifcfg-rh plugin; its
docstring names each source and commit); each file's near misses are computed once by
``bondlint.host.spelling.misspellings`` into ``IfcfgFile.misspellings``, where BL303 and BL702
find the cause of a key they miss.
"""

from __future__ import annotations

from typing import Iterator

from bondlint.rule_api import Edit, Fix, Severity, Violation, quoted, rule, suggestion
from bondlint.model.host import HostModel


@rule("BL013", "ifcfg-key-typo", Severity.WARNING, scope="file", fix="sometimes", unsafe_fixes=True)
def ifcfg_key_typo(host: HostModel) -> Iterator[Violation]:
    """A key that neither initscripts nor NetworkManager reads, a typo away from one they do.

    ## What it checks
    Every assignment in a live `ifcfg-*` file whose name no consumer reads
    (initscripts' network scripts, NetworkManager's ifcfg-rh plugin, Open
    vSwitch's ifup-ovs, dhclient-script, firewalld) and that is within two
    edits (insertions, deletions, substitutions, swaps of neighbours) of a key
    one of them reads. Numbered keys (`IPADDR2`, `DNS3`, `GATEWAY1`) are known;
    names shorter than five characters are never guessed at, and a name that
    differs from a known key only in letter case is reported too (bash names
    are case-sensitive).

    ## Why it matters
    bash assigns the misspelt variable and nobody ever reads it; NetworkManager
    skips it as an unknown key. Nothing says so. `NM_CONTROLER=no` leaves the
    device managed by NetworkManager, `USRCTL=no` leaves USERCTL at its
    default, `BONDING_OPT="mode=1 miimon=100"` leaves the bond in balance-rr
    without link monitoring.

    ## Example
    ```
    DEVICE=bond0
    BONDING_OPT="mode=active-backup miimon=100"
    NM_CONTROLER=no
    ```
    Use instead:
    ```
    DEVICE=bond0
    BONDING_OPTS="mode=active-backup miimon=100"
    NM_CONTROLLED=no
    ```

    ## Fix
    Spell the key as suggested. `bondlint --fix --unsafe-fixes` renames the
    key to the suggested one and keeps its value as written. A variable of
    your own that happens to look like a known key can be kept with
    `# bondlint: disable=BL013` on its line.

    ## Fix safety
    Unsafe: the new name is a guess at the author's intent, and the rename
    turns a line nobody reads into a setting that applies at the next `ifup`
    (`NM_CONTROLLED=no` takes the device from NetworkManager,
    `BONDING_OPTS` changes the bond's mode). The fix is offered only when
    exactly one known key is nearest, the file does not assign that key
    already, and no other misspelt key in the file would be renamed to it
    (`USRCTL=no` beside `userctl=no`): a rename must never leave two
    assignments of one key, where the last one silently wins.
    """
    for f in host.live_files():
        for m in f.misspellings:
            fix = None
            if m.rename_to is not None:
                fix = Fix.unsafe(
                    f"rename {m.key} to {m.rename_to} (a guess: the nearest key that is read)",
                    Edit.replace(m.name_span, m.rename_to),
                )
            yield Violation(
                m.name_span,
                f"neither initscripts nor NetworkManager reads {m.key}, so {m.key}={quoted(m.value)} has no "
                f"effect; did you mean {suggestion(m.meant)}?",
                fix=fix,
            )

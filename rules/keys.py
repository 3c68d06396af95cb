"""BL013: ifcfg keys that nothing reads, one or two keystrokes away from one that is read.

The known keys are data of the model layer (``bondlint.host.ifcfg_keys``, built from
initscripts' sysconfig.txt and network scripts and NetworkManager's ifcfg-rh plugin; its
docstring names each source and commit); the near-miss search is ``bondlint.host.spelling``.
"""

from __future__ import annotations

from typing import Iterator

from bondlint.engine import rule
from bondlint.findings import Severity, Violation
from bondlint.host.model import HostModel
from bondlint.host.spelling import MAX_EDITS, ifcfg_known_keys, suggestion
from bondlint.rules import _ifcfg

#: Keys shorter than this are never guessed at: `MTUU`, `DNS9`, `VID2` are as likely a
#: variable of the admin's own as a slip, and two edits turn any short word into another.
MIN_GUESS_LENGTH = 5


@rule("BL013", "ifcfg-key-typo", Severity.WARNING, scope="file")
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
    Spell the key as suggested. A variable of your own that happens to look
    like a known key can be kept with `# bondlint: disable=BL013` on its line.
    """
    known = ifcfg_known_keys()
    for f in host.live_files():
        doc = _ifcfg.shell_doc(f)
        if doc is None:
            continue
        for a in doc.assignments():
            key = a.name
            if len(key) < MIN_GUESS_LENGTH or known.knows(key):
                continue
            if known.knows(key.upper()):
                distance, names = 0, (key.upper(),)
            else:
                distance, names = known.nearest(key)
            if not names or distance > MAX_EDITS:
                continue
            written = f"{key}={_ifcfg.show(a.value.value.rstrip(chr(13)))}"
            yield Violation(
                a.name_span,
                f"neither initscripts nor NetworkManager reads {key}, so {written} has no effect; "
                f"did you mean {suggestion(names)}?",
            )

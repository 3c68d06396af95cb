"""The host model: the one door rules read a host through.

Frozen, resolved data, split by topic; ``bondlint/host/`` (the converter) builds it
from the parsed files. Rules import the submodules they need
(``from bondlint.model.host import HostModel``); this package imports nothing, so a run
answered from the cache, which needs ``model.release`` at most, loads no more.

- ``release``: one capability row per release (rules ask capabilities, never a name)
- ``values``: located values, consumers, three-valued booleans
- ``host``: the host, its interfaces, bonds, kernel modules, NetworkManager profiles, runtime
"""

# -*- coding: utf-8 -*-
# The documentation of the collect action plugin (plugins/action/collect.py): nothing runs on the host
# but the POSIX sh collector.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: collect
short_description: Collect what bondlint reads from a host, without Python on the host
description:
  - Copies bondlint's POSIX C(sh) collector (C(bondlint collect --print-script)) to the host, runs it
    through the connection's low-level shell and fetches the gzip tarball it writes to O(dest) on the
    controller with the connection's own file transfer (sftp, scp or piped).
  - No module runs on the host, so it works on any Python or none (RHEL 5 to 10); facts are not needed.
  - Under become the collector runs privileged (it can then read 0600 keyfiles) and hands the archive to
    the login user before the transfer; the temporary directory is removed, under become too, on every
    exit path.
  - Paths the collector could not read are listed in the archive's manifest and reported by bondlint
    as BL000, never as a clean host.
version_added: 0.1.0
author:
  - bondlint contributors
options:
  dest:
    description:
      - Where to write the archive on the controller (written whole or not at all).
    type: path
    required: true
  root:
    description:
      - The tree to collect from on the host (the collector's E(BONDLINT_ROOT)).
      - Defaults to the host variable C(bondlint_root), else C(/).
    type: path
  bondlint_command:
    description:
      - The bondlint executable on the controller, used when the collector cannot be imported from
        Ansible's own Python.
    type: str
    default: bondlint
attributes:
  check_mode:
    support: none
  diff_mode:
    support: none
  platform:
    platforms: posix
notes:
  - The host needs C(sh), C(cat), C(gzip), C(mkdir), C(mktemp), C(rm) and C(tar).
seealso:
  - name: bondlint
    description: The linter, its README's "Fleets" section.
    link: https://pypi.org/project/bondlint/
"""

EXAMPLES = r"""
- name: Collect the bonding configuration of every host
  bondlint.audit.collect:
    dest: "/srv/audit/archives/{{ inventory_hostname }}.tar.gz"
"""

RETURN = r"""
dest:
  description: The archive on the controller.
  returned: success
  type: str
  sample: /srv/audit/archives/web1.tar.gz
stderr:
  description: What the collector wrote on standard error.
  returned: always
  type: str
"""

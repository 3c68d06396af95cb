# -*- coding: utf-8 -*-
"""bondlint.audit.collect: run bondlint's sh collector on a host through the connection alone.

ansible-core 2.17+ cannot run its own modules on the Python 2.6-3.6 of most el5-el8 hosts, so
nothing here is a module: the script goes over with the connection's put_file, runs through
its low-level shell, and the archive comes back with its fetch_file.
"""
from __future__ import annotations

import os
import shlex
import subprocess

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

SCRIPT = "bondlint-collect.sh"
ARCHIVE = "bondlint.tar.gz"


def collector_script(command: str) -> str:
    """The collector of the bondlint installed on the controller (the one that will audit)."""
    try:
        from bondlint.collect import script
    except ImportError:  # Ansible runs on another Python than bondlint: ask the command
        try:
            return subprocess.run([command, "collect", "--print-script"], check=True, capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            raise AnsibleActionFail(f"cannot get bondlint's collector from {command!r} on the controller: {exc}") from None
    return script()


class ActionModule(ActionBase):
    TRANSFERS_FILES = True
    _requires_connection = True

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        _, args = self.validate_argument_spec(argument_spec={
            "dest": {"type": "path", "required": True},
            "root": {"type": "path"},
            "bondlint_command": {"type": "str", "default": "bondlint"},
        })
        root = args["root"] or self._templar.template(task_vars.get("bondlint_root", "/")) or "/"
        dest = args["dest"]
        text = collector_script(args["bondlint_command"])

        # Made by ActionBase.run (TRANSFERS_FILES) as the login user, by the shell: no Python.
        remote_tmp = self._connection._shell.tmpdir or self._make_tmp_path()
        try:
            script = self._connection._shell.join_path(remote_tmp, SCRIPT)
            archive = self._connection._shell.join_path(remote_tmp, ARCHIVE)
            self._transfer_data(script, text)
            q = shlex.quote
            command = f"BONDLINT_ROOT={q(root)} TMPDIR={q(remote_tmp)} sh {q(script)} {q(archive)}"
            if self._connection.become:  # the archive is root's 0600: hand it to the login user for the transfer
                command += f" && chown {q(self._get_remote_user())} {q(archive)}"
            run = self._low_level_execute_command(command, sudoable=True)
            result["stderr"] = run.get("stderr", "")
            if run["rc"] != 0:
                result.update(failed=True, rc=run["rc"], msg=f"the bondlint collector failed on the host (exit {run['rc']}): {run.get('stderr', '').strip()}")
                return result
            os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
            partial = f"{dest}.part"
            try:
                self._connection.fetch_file(archive, partial)
                os.chmod(partial, 0o600)  # keyfiles' secrets
                os.replace(partial, dest)  # whole or not at all
            finally:
                if os.path.lexists(partial):
                    os.unlink(partial)
        finally:
            # Under become too: a collector killed mid-run may leave root's files behind.
            self._low_level_execute_command(f"rm -rf {shlex.quote(remote_tmp)}", sudoable=True)
            self._connection._shell.tmpdir = None  # removed: nothing left for cleanup()
        result.update(changed=False, dest=dest)
        return result

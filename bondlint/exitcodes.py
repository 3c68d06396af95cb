"""Every exit status bondlint returns, in one table: the command, ``--fix``/``--diff``,
``collect``, ``merge`` and ``diff`` all return these, and README's "Exit codes" lists them."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """What a run's exit status means (README's table is checked against this one)."""

    #: nothing at or above --fail-on (merge: in the merged reports; diff: no new finding)
    OK = 0
    #: findings at or above --fail-on; --diff: a fix would apply; diff: a finding is new
    FINDINGS = 1
    #: a usage, configuration or input error, a report that cannot be written, or an internal
    #: failure (a rule that crashed: its findings are missing)
    ERROR = 2
    #: ended by SIGHUP (its temporary files removed: no report is left half-written)
    HANGUP = 128 + 1
    #: interrupted (Ctrl-C, SIGINT)
    INTERRUPTED = 128 + 2
    #: the reader of standard output closed it early (`| head`), as for a command killed by SIGPIPE
    PIPE = 128 + 13
    #: ended by SIGTERM (as for SIGHUP)
    TERMINATED = 128 + 15

    @classmethod
    def signalled(cls, signum: int) -> ExitCode:
        """The status of a run ended by the signal ``signum`` (SIGHUP, SIGINT, SIGTERM)."""
        return cls(128 + signum)

"""Configuration: ``[tool.bondlint]`` in pyproject.toml, or a ``.bondlint.toml`` or ``bondlint.toml``.

Found from the current directory upward (the first file that has bondlint
settings wins); ``--config FILE`` wins over discovery; command-line options
win over the file. Unknown keys and bad values are errors (exit 2), never
silently ignored.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path
from typing import Any

import attrs

from bondlint.findings import Severity
from bondlint.model.release import NAMES
from bondlint.source import SourceText

#: Releases accepted by --release, the config and the library (RULES.md: el5 to el10).
RELEASES = NAMES  # the release table's names (model/release.py)


class ConfigError(ValueError):
    """A configuration the user must fix; the CLI prints it and exits 2."""


class UsageError(Exception):
    """A command line the user must correct (exit 2). Here, beside the config, so that the CLI
    and the fixing CLI both raise it without importing each other."""


@attrs.frozen(slots=True)
class Config:
    path: str | None = None  # the file it came from, if any
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity | None = Severity.WARNING  # None: "never", findings alone never fail the run
    release: str | None = None
    severity: dict[str, Severity] = attrs.field(factory=dict)  # code, prefix or name → severity override
    per_path_ignores: dict[str, tuple[str, ...]] = attrs.field(factory=dict)  # glob → codes

    def ignored_for(self, relpath: str | None) -> tuple[str, ...]:
        """Codes ignored for a file by ``per-path-ignores`` (globs on the path under the root)."""
        if not relpath or not self.per_path_ignores:
            return ()
        out: list[str] = []
        for pattern, codes in self.per_path_ignores.items():
            if fnmatch.fnmatch(relpath, pattern) or fnmatch.fnmatch(os.path.basename(relpath), pattern):
                out.extend(codes)
        return tuple(out)

    def unmatched_ignores(self, relpaths: set[str]) -> list[str]:
        """``per-path-ignores`` keys matching none of these paths (under their host roots): likely typos."""
        return [
            pattern
            for pattern in self.per_path_ignores
            if not any(fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(os.path.basename(p), pattern) for p in relpaths)
        ]

    def unmatched_ignore_warnings(self, relpaths: set[str]) -> list[str]:
        """What to say on stderr of each ``per-path-ignores`` key matching none of these paths."""
        return [
            f"bondlint: warning: {self.path}: per-path-ignores key {pattern!r} matches no file of any root "
            "(keys are paths under each host root, e.g. 'etc/modprobe.d/*.conf', or a file name)"
            for pattern in self.unmatched_ignores(relpaths)
        ]

    def source_text(self) -> str:
        """The text of the file it came from, for locating its entries (BL902)."""
        return Path(self.path).read_text(encoding="utf-8") if self.path else ""

    def code_entries(self) -> list[str]:
        """Every code or selector the config names (for BL902)."""
        entries = list(self.select or ()) + list(self.ignore) + list(self.extend_select)
        entries += list(self.severity)
        for codes in self.per_path_ignores.values():
            entries += codes
        return entries


KEYS = {"select", "ignore", "extend-select", "fail-on", "release", "severity", "per-path-ignores"}


#: Largest config file read (the biggest real one is a few KiB).
CONFIG_MAX_SIZE = 1024 * 1024
#: ``[tool.bondlint]`` written in a file TOML cannot parse: it is ours, so it is an error.
_OUR_TABLE = re.compile(r"^[ \t]*\[+[ \t]*tool[ \t]*\.[ \t]*[\"']?bondlint\b", re.MULTILINE)


def discover(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest .bondlint.toml, bondlint.toml or pyproject.toml with [tool.bondlint], from start upward.

    In one folder in that order, as ruff reads ``.ruff.toml``, ``ruff.toml``, ``pyproject.toml``.

    A pyproject.toml that does not parse is ours (an error, not skipped) when it
    writes a ``[tool.bondlint`` table; someone else's broken one is passed over.
    """
    try:
        return _discover(Path(start or os.getcwd()).resolve())
    except OSError as exc:  # a working directory deeper than PATH_MAX
        raise ConfigError(f"cannot look for a config file above the working directory: {exc.strerror}; give --config FILE") from None


def _discover(here: Path) -> Path | None:
    for folder in (here, *here.parents):
        for name in (".bondlint.toml", "bondlint.toml"):
            if os.path.lexists(folder / name):  # a FIFO or a device is refused by load() as --config refuses it
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = _utf8(read_input(pyproject, "config file"), "config file")
            except ConfigError:
                continue  # unreadable: not something we can tell is ours
            import tomllib  # only where a config file exists: a run without one never loads it

            try:
                data = _parse_toml(text, pyproject)
            except ConfigError:
                if _OUR_TABLE.search(text):
                    raise
                continue  # someone else's broken pyproject is not our config
            except tomllib.TOMLDecodeError as exc:
                if _OUR_TABLE.search(text):
                    raise ConfigError(f"{pyproject}: invalid TOML: {exc}") from None
                continue  # someone else's broken pyproject is not our config
            if _ours(data, pyproject) is not None:
                return pyproject
    return None


def read_input(path: str | os.PathLike[str], what: str, max_size: int = CONFIG_MAX_SIZE) -> SourceText:
    """A file the user named as input (config, baseline, list of roots), read safely.

    Stat before open (a FIFO would hang, /dev/zero eat memory, a directory crash
    the run at its end), the size capped, a refusal a ConfigError naming the file.
    """
    from bondlint.source import Refused, read_file

    if not os.fspath(path):
        raise ConfigError(f"{what}: empty file name")
    got = read_file(path, max_size)
    if isinstance(got, Refused):
        reason = got.problem.details["reason"]
        if reason == "file does not exist":
            raise ConfigError(f"{os.fspath(path)}: {what} not found")
        raise ConfigError(f"{os.fspath(path)}: cannot use as {what}: {reason}")
    return got


def load(path: str | os.PathLike[str]) -> Config:
    text = _utf8(read_input(path, "config file"), "config file")
    path = Path(path)
    import tomllib

    try:
        data = _parse_toml(text, path)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = _ours(data, path) or {}
    elif "tool" in data:
        data = _ours(data, path) or data
    return from_mapping(data, str(path))


def _parse_toml(text: str, path: str | os.PathLike[str]) -> dict:
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ConfigError(f"{os.fspath(path)}: invalid TOML: arrays or tables nested too deep") from None


def _utf8(got: SourceText, what: str) -> str:
    if got.problems:
        span = got.problems[0].span
        raise ConfigError(f"{span.path}:{span.line}: {what} is not valid UTF-8")
    return got.text


def _ours(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """``[tool.bondlint]`` of a parsed file, None when it has none; a non-table is an error."""
    tool = data.get("tool")
    if not isinstance(tool, dict) or "bondlint" not in tool:
        return None
    if not isinstance(tool["bondlint"], dict):
        raise ConfigError(f"{path}: tool.bondlint must be a table of settings")
    return tool["bondlint"]


def from_mapping(data: dict[str, Any], source: str) -> Config:
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(
            f"{source}: unknown key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(KEYS))}"
        )
    kwargs: dict[str, Any] = {"path": source}
    if "select" in data:
        kwargs["select"] = _codes(data["select"], "select", source)
    for key in ("ignore", "extend-select"):
        if key in data:
            kwargs[key.replace("-", "_")] = _codes(data[key], key, source)
    if "fail-on" in data:
        never = data["fail-on"] == "never"
        kwargs["fail_on"] = None if never else _severity(data["fail-on"], "fail-on", source, also="never")
    if "release" in data:
        if data["release"] not in RELEASES:
            raise ConfigError(f"{source}: release must be one of {', '.join(RELEASES)}, not {data['release']!r}")
        kwargs["release"] = data["release"]
    if "severity" in data:
        table = data["severity"]
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: severity must be a table of CODE = \"error|warning|info\"")
        kwargs["severity"] = {str(k): _severity(v, f"severity.{k}", source) for k, v in table.items()}
    if "per-path-ignores" in data:
        table = data["per-path-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: per-path-ignores must be a table of \"glob\" = [codes]")
        kwargs["per_path_ignores"] = {
            str(k): _codes(v, f"per-path-ignores.{k}", source) for k, v in table.items()
        }
    return Config(**kwargs)


def _codes(value: Any, key: str, source: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: {key} must be a list of codes, prefixes or rule names")
    codes = tuple(v.strip() for v in value)
    if not all(codes):
        # "" is a prefix of every code: ignore = [""] would silently drop every rule
        raise ConfigError(f"{source}: {key} has an empty entry; write a code, prefix or rule name")
    return codes


def _severity(value: Any, key: str, source: str, also: str = "") -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError:
        choices = f"error, warning, info or {also}" if also else "error, warning or info"
        raise ConfigError(f"{source}: {key} must be {choices}, not {value!r}") from None

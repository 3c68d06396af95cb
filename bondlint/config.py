"""Configuration: ``[tool.bondlint]`` in pyproject.toml or a ``.bondlint.toml``.

Found from the current directory upward (the first file that has bondlint
settings wins); ``--config FILE`` wins over discovery; command-line options
win over the file. Unknown keys and bad values are errors (exit 2), never
silently ignored.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from pathlib import Path
from typing import Any

import attrs

from bondlint.findings import Severity

RELEASES = ("el5", "el6", "el7", "el8")


class ConfigError(Exception):
    """A configuration the user must fix; the CLI prints it and exits 2."""


@attrs.frozen(slots=True)
class Config:
    path: str | None = None  # the file it came from, if any
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
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


def discover(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest pyproject.toml with [tool.bondlint], or .bondlint.toml, from start upward."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        dot = folder / ".bondlint.toml"
        if dot.is_file():
            return dot
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue  # someone else's broken pyproject is not our config
            if "bondlint" in data.get("tool", {}):
                return pyproject
    return None


def load(path: str | os.PathLike[str]) -> Config:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("bondlint", {})
    elif "tool" in data and "bondlint" in data["tool"]:
        data = data["tool"]["bondlint"]
    return from_mapping(data, str(path))


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
        kwargs["fail_on"] = _severity(data["fail-on"], "fail-on", source)
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


def _severity(value: Any, key: str, source: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError:
        raise ConfigError(f"{source}: {key} must be error, warning or info, not {value!r}") from None

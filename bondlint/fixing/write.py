"""Writing a fixed file: inside the root, never through a symlink, atomically, metadata kept.

The temporary file sits in the target's directory (so the rename is atomic)
under a name every reader of these directories skips: a leading dot (kmod's
and module-init-tools' ``config_filter``, NetworkManager's keyfile plugin,
and the ``ifcfg-*`` glob skip hidden names) and a trailing ``~``
(initscripts' ``is_ignored_file`` and NetworkManager's ifcfg-rh ignore it).
A kill at any moment leaves the original wholly old or wholly new, and at
worst such a hidden temporary file, which the next ``--fix`` removes.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time

import attrs

from bondlint.atomic import fitting

TEMP_MARK = ".bondlint-"


@attrs.frozen(slots=True)
class WriteRefused(Exception):
    """A file the fix engine will not write, and why (shown to the user)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


_TEMP_NAME = re.compile(r"\..*\.bondlint-[0-9a-f]{8}~", re.DOTALL)


def temp_name(name: str) -> str:
    """``.NAME.bondlint-XXXXXXXX~``, NAME cut to fit NAME_MAX."""
    return fitting(".", name, f"{TEMP_MARK}{secrets.token_hex(4)}~")


def is_temp_name(name: str) -> bool:
    """Exactly ``temp_name``'s shape (a user's own ``.x.bondlint-notes~`` is not ours)."""
    return _TEMP_NAME.fullmatch(name) is not None


def open_parent(root: str, rel: str, display: str) -> int:
    """An fd of ``rel``'s directory, reached from ``root`` with no symlink on the way."""
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise WriteRefused(display, "outside the audited root: not written")
    flags = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(root, flags)
    except OSError as exc:
        raise WriteRefused(display, f"cannot open the root: {exc.strerror}") from None
    try:
        for part in parts[:-1]:
            try:
                nxt = os.open(part, flags | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise WriteRefused(display, f"{part}/ is a symlink or not a directory: not written through it") from None
                raise WriteRefused(display, f"cannot open {part}/: {exc.strerror}") from None
            os.close(fd)
            fd = nxt
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_target(dir_fd: int, name: str, display: str, expected: bytes | None) -> os.stat_result | None:
    """The target's stat (None when it is to be created); refuse what a rename would break."""
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        if expected is not None:
            raise WriteRefused(display, "file disappeared while fixing: not written") from None
        return None
    if expected is None:
        raise WriteRefused(display, "a file appeared where the fix creates one: not written")
    if stat.S_ISLNK(st.st_mode):
        raise WriteRefused(display, "is a symlink: not written through it (fix the file it points to)")
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused(display, "not a regular file: not written")
    if st.st_nlink > 1:
        raise WriteRefused(
            display,
            f"has {st.st_nlink} hard links (system-config-network keeps copies linked): "
            "replacing it would split them; not written",
        )
    return st


def read_at(dir_fd: int, name: str) -> bytes:
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0), dir_fd=dir_fd)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _copy_metadata(src: os.stat_result, fd: int, src_xattrs: dict[str, bytes], display: str) -> None:
    """The old file's owner, then mode, then extended attributes, onto the new one.

    In that order: chown clears setuid/setgid (so the mode comes after it) and
    security.capability (so the xattrs come last); an ACL the new file inherited
    from its directory's default ACL and the old file lacked is removed before
    the old file's xattrs (its own ACL among them) are set.
    """
    try:
        os.fchown(fd, src.st_uid, src.st_gid)
    except PermissionError:
        st = os.fstat(fd)
        if (st.st_uid, st.st_gid) != (src.st_uid, src.st_gid):
            raise WriteRefused(display, "cannot keep its owner and group (not running as root): not written") from None
    os.fchmod(fd, stat.S_IMODE(src.st_mode))
    for key in _xattr_names(fd):
        if key.startswith(_ACL_PREFIX) and key not in src_xattrs:
            os.removexattr(fd, key)
    for key, value in src_xattrs.items():
        try:
            os.setxattr(fd, key, value)
        except OSError as exc:
            raise WriteRefused(display, f"cannot keep extended attribute {key} ({exc.strerror}): not written") from None
    if any(key.startswith(_ACL_PREFIX) for key in src_xattrs) and stat.S_IMODE(os.fstat(fd).st_mode) != stat.S_IMODE(src.st_mode):
        os.fchmod(fd, stat.S_IMODE(src.st_mode))  # an ACL rewrites the group bits: the old mode wins


#: POSIX ACLs are stored as these extended attributes (acl(5)).
_ACL_PREFIX = "system.posix_acl_"


def _xattr_names(fd: int) -> list[str]:
    """The extended attributes of ``fd`` this process can see ([] where the filesystem has none).

    Without CAP_SYS_ADMIN the kernel leaves ``trusted.*`` out (xattr(7)): such an
    attribute of the old file cannot be kept, since bondlint never sees it.
    """
    try:
        return os.listxattr(fd)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)):
            return []
        raise


#: CAP_SYS_ADMIN's bit in the capability sets (linux/capability.h).
CAP_SYS_ADMIN = 21


def has_cap_sys_admin(status: str = "/proc/self/status") -> bool:
    """Whether this process may see ``trusted.*`` xattrs: CAP_SYS_ADMIN in its effective set
    (CapEff of /proc/self/status). Where that cannot be read (not Linux), only root is assumed to."""
    try:
        fd = os.open(status, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            text = os.read(fd, 1 << 16).decode("ascii", "replace")
        finally:
            os.close(fd)
        for line in text.splitlines():
            if line.startswith("CapEff:"):
                return bool(int(line.split()[1], 16) >> CAP_SYS_ADMIN & 1)
    except (OSError, ValueError, IndexError):
        pass
    return os.geteuid() == 0


def _xattrs(dir_fd: int, name: str) -> dict[str, bytes]:
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0), dir_fd=dir_fd)
    try:
        return {k: os.getxattr(fd, k) for k in _xattr_names(fd)}
    finally:
        os.close(fd)


def remove_stale_temps(dir_fd: int, now: float | None = None) -> None:
    """Hidden temporaries a killed ``--fix`` left behind (no reader reads them; tidy anyway).

    Only ours: our exact name shape, a regular file owned by this user, older than
    the cache's STALE_TEMP_AGE (a concurrent run's live temporary lives milliseconds).
    """
    from bondlint.cache import STALE_TEMP_AGE

    now = time.time() if now is None else now
    uid = os.geteuid()
    for name in os.listdir(dir_fd):
        if is_temp_name(name):
            try:
                st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and st.st_uid == uid and now - st.st_mtime > STALE_TEMP_AGE:
                    os.unlink(name, dir_fd=dir_fd)
            except OSError:
                pass


def write_fixed(root: str, rel: str, display: str, expected: bytes | None, data: bytes) -> os.stat_result | None:
    """Replace ``root/rel`` (whose bytes must still be ``expected``; None: create it) by ``data``.

    Mode, owner, group and every extended attribute (SELinux labels
    included) are copied to the new file before it is fsynced and renamed
    over the old one; the directory is fsynced after. Raises WriteRefused.
    Returns the replaced file's stat (None when the file was created).
    """
    dir_fd = open_parent(root, rel, display)
    name = rel.rstrip("/").rsplit("/", 1)[-1]
    tmp = None
    try:
        remove_stale_temps(dir_fd)
        st = check_target(dir_fd, name, display, expected)
        if st is not None:
            if read_at(dir_fd, name) != expected:
                raise WriteRefused(display, "changed on disk while fixing: not written")
            xattrs = _xattrs(dir_fd, name)
        tmp = temp_name(name)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600, dir_fd=dir_fd)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if st is not None:
                _copy_metadata(st, fd, xattrs, display)
            else:
                os.fchmod(fd, 0o644)
            os.fsync(fd)
        finally:
            os.close(fd)
        if st is not None:
            now = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
            if (now.st_ino, now.st_mtime_ns, now.st_size) != (st.st_ino, st.st_mtime_ns, st.st_size):
                raise WriteRefused(display, "changed on disk while fixing: not written")
            os.rename(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        else:
            try:  # link, not rename: never replaces a file that appeared meanwhile
                os.link(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
            except FileExistsError:
                raise WriteRefused(display, "a file appeared where the fix creates one: not written") from None
            os.unlink(tmp, dir_fd=dir_fd)
        tmp = None
        os.fsync(dir_fd)
        return st
    except OSError as exc:
        raise WriteRefused(display, f"cannot write: {exc.strerror}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp, dir_fd=dir_fd)
            except OSError:
                pass
        os.close(dir_fd)

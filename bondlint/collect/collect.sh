#!/bin/sh
# bondlint collector: a gzip tarball of exactly the files bondlint reads on this host.
#
# Usage: sh collect.sh [OUTPUT.tar.gz]     (no argument: the archive goes to standard output)
#        BONDLINT_ROOT=/some/tree sh collect.sh out.tar.gz   (collect from a tree instead of /)
#
# POSIX sh (dash, busybox sh, bash 3); uses cat, gzip, mkdir, mktemp, rm, tar (and date when
# present) and nothing else: no Python. Reads only the files listed below; writes only its
# temporary directory and the output; removes the temporary directory on every exit path.
# Configuration files are archived by tar from where they are (mode, owner and symlinks kept);
# /proc and /sys files are copied by content (tar would store them as empty files). Every path
# that cannot be read or listed is recorded in BONDLINT-MANIFEST: bondlint reports each as BL000.

COLLECTOR_VERSION=1

umask 022  # the stage is inside mktemp's private (0700) folder; the output is made 0600 below
out=${1-}
root=${BONDLINT_ROOT:-/}
case $root in
    /*) ;;
    *) root=$PWD/$root ;;
esac
if [ ! -d "$root" ]; then
    echo "bondlint-collect: BONDLINT_ROOT is not a directory: $root" >&2
    exit 2
fi
while :; do  # "/" becomes "", so "$root/etc" is "/etc"
    case $root in
        */) root=${root%/} ;;
        *) break ;;
    esac
done
if [ -z "$out" ] && [ -t 1 ]; then
    echo "bondlint-collect: standard output is a terminal; give an output file (e.g. host.tar.gz)" >&2
    exit 2
fi

tmp=
trap '[ -z "$tmp" ] || rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 141' PIPE

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bondlint-collect.XXXXXXXX") || {
    tmp=
    echo "bondlint-collect: cannot create a temporary directory" >&2
    exit 2
}
case $tmp in
    /*) ;;
    *) tmp=$PWD/$tmp ;;  # tar's second -C must not be relative to the first
esac
stage=$tmp/stage
mkdir "$stage" || exit 2
manifest=$stage/BONDLINT-MANIFEST
notes=$tmp/notes
: >"$notes" || exit 2

note() {  # note KIND PATH: a path not read, for the manifest
    printf '%s: %s\n' "$1" "$2" >>"$notes"
}

# Members are gathered in a file, one per line, then turned into tar's arguments once
# (a function cannot append to the caller's "$@"); each is listed once.
members=$tmp/members
: >"$members" || exit 2
seen='
'
member() {
    case $seen in
        *"
$1
"*) return 0 ;;
    esac
    seen="$seen$1
"
    printf '%s\n' "$1" >>"$members"
}

reachable() {  # reachable REL: archive the folders on the way to REL; false when one is absent
    # or a symlink (the link is archived; what is under it is collected at its real place, if listed)
    rest=$1
    path=
    while :; do
        case $rest in
            */*) part=${rest%%/*}; rest=${rest#*/} ;;
            *) return 0 ;;
        esac
        path=${path:+$path/}$part
        enter "$path" || return 1
    done
}

enter() {  # enter REL: archive a folder on the way; fails where the walk stops (a symlink, archived
    # as the link; no folder; a folder that cannot be listed, noted)
    if [ -h "$root/$1" ]; then
        member "$1"
        return 1
    fi
    [ -d "$root/$1" ] || return 1
    if [ ! -r "$root/$1" ] || [ ! -x "$root/$1" ]; then
        note unlisted "$1"
        return 1
    fi
    member "$1"
}

newline='
'
add() {  # add REL: a file (or symlink) under the root, when it is there
    case $1 in
        *"$newline"*)  # the member list is one name per line: such a name cannot be archived
            note unreadable "${1%%"$newline"*}... (a name holding a newline)"
            return 0 ;;
    esac
    reachable "$1" || return 0
    if [ -h "$root/$1" ]; then
        member "$1"
    elif [ -f "$root/$1" ]; then
        if [ -r "$root/$1" ]; then
            member "$1"
        else
            note unreadable "$1"
        fi
    elif [ -e "$root/$1" ]; then
        note "not-a-file" "$1"
    fi
}

add_dir() {  # add_dir REL PATTERN...: the folder itself and its entries matching the patterns
    dir=$1
    shift
    reachable "$dir" || return 0
    enter "$dir" || return 0
    for pattern in "$@"; do
        for entry in "$root/$dir"/$pattern; do
            [ -e "$entry" ] || [ -h "$entry" ] || continue
            add "$dir/${entry##*/}"
        done
    done
}

# --- configuration, archived as it is ----------------------------------------------------
for f in etc/redhat-release etc/centos-release etc/system-release etc/os-release \
    usr/lib/os-release etc/hostname etc/sysconfig/network etc/modprobe.conf \
    etc/NetworkManager/NetworkManager.conf etc/NetworkManager/nm-system-settings.conf; do
    add "$f"
done
add_dir etc/sysconfig/network-scripts 'ifcfg-*' 'route-*' 'route6-*' 'rule-*'
add_dir etc/modprobe.d '*' '.[!.]*' '..?*'  # every entry, dot-files too
for d in run/modprobe.d usr/local/lib/modprobe.d usr/lib/modprobe.d lib/modprobe.d; do
    add_dir "$d" '*.conf'
done
add_dir etc/xen '*.sxp'
add_dir etc/xen/scripts 'network-*' 'vif-*'
for d in etc run usr/lib; do
    add_dir "$d/NetworkManager" 'NetworkManager.conf' 'nm-system-settings.conf'
    add_dir "$d/NetworkManager/conf.d" '*'
    add_dir "$d/NetworkManager/system-connections" '*' '.[!.]*' '..?*'
done
# NetworkManager's settings plugins (el9's ifcfg-rh module decides whether ifcfg files are read)
for d in usr/lib64/NetworkManager usr/lib/NetworkManager; do
    for v in "$root/$d"/*; do
        [ -d "$v" ] || continue
        v=${v##*/}
        case $v in conf.d|system-connections|dispatcher.d|VPN) continue ;; esac
        add_dir "$d/$v" 'libnm-settings-plugin-*.so'
    done
done
# Who applies the files: systemd's enablement links and SysV runlevel links
for w in "$root"/etc/systemd/system/*.wants; do
    [ -d "$w" ] || continue
    add_dir "etc/systemd/system/${w##*/}" 'NetworkManager*' 'network*'
done
for n in 0 1 2 3 4 5 6; do
    add_dir "etc/rc.d/rc$n.d" 'S[0-9][0-9]network' 'S[0-9][0-9]NetworkManager' \
        'K[0-9][0-9]network' 'K[0-9][0-9]NetworkManager'
done

# --- runtime state, copied by content ----------------------------------------------------
staged=$tmp/staged
: >"$staged" || exit 2

copy() {  # copy REL: a /proc or /sys file's content into the stage (regular files only: no FIFO hangs it)
    if [ -h "$root/$1" ] || [ ! -f "$root/$1" ]; then
        note "not-a-file" "$1"
        return
    fi
    if [ ! -r "$root/$1" ]; then
        note unreadable "$1"
        return
    fi
    if cat "$root/$1" >"$stage/$1" 2>/dev/null; then
        printf '%s\n' "$1" >>"$staged"
    else
        note unreadable "$1"
    fi
}

stage_dir() {  # stage_dir REL: a folder of the stage
    mkdir -p "$stage/$1" && printf '%s\n' "$1" >>"$staged"
}

if [ -d "$root/proc/net" ]; then
    stage_dir proc/net
    [ -e "$root/proc/net/dev" ] && copy proc/net/dev
    if [ -d "$root/proc/net/bonding" ]; then
        if [ -r "$root/proc/net/bonding" ] && [ -x "$root/proc/net/bonding" ]; then
            stage_dir proc/net/bonding
            for b in "$root"/proc/net/bonding/*; do
                [ -e "$b" ] || continue
                copy "proc/net/bonding/${b##*/}"
            done
        else
            note unlisted proc/net/bonding
        fi
    fi
fi
if [ -d "$root/sys/class/net" ]; then
    if [ -r "$root/sys/class/net" ] && [ -x "$root/sys/class/net" ]; then
        stage_dir sys/class/net
        [ -f "$root/sys/class/net/bonding_masters" ] && copy sys/class/net/bonding_masters
        for i in "$root"/sys/class/net/*; do
            [ -d "$i" ] || continue
            i=${i##*/}
            stage_dir "sys/class/net/$i"
            for sub in bonding bonding_slave; do
                [ -d "$root/sys/class/net/$i/$sub" ] || continue
                stage_dir "sys/class/net/$i/$sub"
                for a in "$root/sys/class/net/$i/$sub"/*; do
                    [ -f "$a" ] || continue
                    copy "sys/class/net/$i/$sub/${a##*/}"
                done
            done
        done
    else
        note unlisted sys/class/net
    fi
fi

# --- the manifest --------------------------------------------------------------------------
first_line() {  # first_line FILE: its first line, or nothing
    line=
    if [ -r "$1" ] && [ -f "$1" ]; then
        IFS= read -r line <"$1" || :
    fi
    printf '%s' "$line"
}

host=$(first_line "$root/proc/sys/kernel/hostname")
[ -n "$host" ] || host=$(first_line "$root/etc/hostname")
kernel=$(first_line "$root/proc/sys/kernel/osrelease")
uid=
if [ -r /proc/self/status ]; then
    while read -r key value _; do
        if [ "$key" = "Uid:" ]; then
            uid=$value
            break
        fi
    done </proc/self/status
fi
when=$(date -u '+%Y-%m-%dT%H:%M:%SZ' 2>/dev/null) || when=

{
    echo "bondlint-manifest: 1"
    echo "collector-version: $COLLECTOR_VERSION"
    echo "hostname: $host"
    echo "kernel: $kernel"
    echo "uid: $uid"
    echo "time: $when"
    echo "root: ${root:-/}"
    cat "$notes"
} >"$manifest" || exit 2

# --- the archive -----------------------------------------------------------------------------
set --
while IFS= read -r m; do
    set -- "$@" "$m"
done <"$members"
set -- "$@" -C "$stage" BONDLINT-MANIFEST
while IFS= read -r m; do
    set -- "$@" "$m"
done <"$staged"

tar -cf "$tmp/archive.tar" --no-recursion -C "${root:-/}" "$@"
rc=$?
if [ "$rc" -gt 1 ]; then
    echo "bondlint-collect: tar failed (exit $rc)" >&2
    exit 2
fi
gzip -c "$tmp/archive.tar" >"$tmp/archive.tar.gz" || {
    echo "bondlint-collect: gzip failed" >&2
    exit 2
}
umask 077  # the archive may hold keyfiles' secrets
if [ -n "$out" ]; then
    cat "$tmp/archive.tar.gz" >"$out" || {
        echo "bondlint-collect: cannot write $out" >&2
        exit 2
    }
else
    cat "$tmp/archive.tar.gz" || exit 2
fi
exit 0

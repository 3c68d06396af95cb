"""Peak RSS of looking up every record of a cache log of N records (bondlint.cachelog).

The log's index (key -> offset, length, CRC) is all a run keeps of it; payloads are read one
root at a time. Run twice per N: the first run writes the log, the second looks everything up.

    python benchmarks/cache_log_memory.py 10000 /tmp/log-10k.log
"""

from __future__ import annotations

import os
import resource
import sys

from bondlint.cachelog import Log

#: About a fleet root's record (7.6 KiB: its observations and findings as JSON).
PAYLOAD = b'{"pad": "' + b"x" * 7600 + b'"}'


def main(count: int, path: str) -> None:
    if not os.path.exists(path):
        writer = Log(path, b"bench\n", 1 << 24)
        for i in range(count):
            writer.put(f"{i:032x}", PAYLOAD)
        writer.flush()
        print(f"written {count} records, {os.path.getsize(path) / 1e6:.1f} MB")
        return
    reader = Log(path, b"bench\n", 1 << 24)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    hits = sum(reader.get(f"{i:032x}") is not None for i in range(count))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{count} records, {hits} found, {os.path.getsize(path) / 1e6:.1f} MB log: peak RSS {peak} KB (before lookups {before} KB)")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])

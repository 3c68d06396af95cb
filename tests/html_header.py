"""The parts of an HTML report that say when and how it was made, for comparing two pages."""

import re


def without_made(page: str, *, whole_run: bool = False) -> str:
    """The page without its time and command line (``whole_run``: without its run block at all)."""
    page = re.sub(r"<time>[^<]*</time>", "<time></time>", page)
    if whole_run:
        return re.sub(r'<div class="run-info">.*?</div>', "", page, flags=re.S)
    return re.sub(r'<span class="run" data-key="command">.*?</code></span>', "", page, flags=re.S)

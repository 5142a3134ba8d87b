"""Pause Python's cyclic garbage collector while a bank is read or built.

Reading a bank makes tens of thousands of long-lived containers (parsed JSON or YAML,
then records) and no cyclic garbage. While they are made the collector runs again and
again, and its full collections walk every object made so far: on 1,000 stories that
was about a third of reading a YAML file. Reference counting still frees everything
that is dropped; only the search for reference cycles waits until the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; it is switched back on after only if
    it was on before (nested blocks and other threads leave it as they found it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

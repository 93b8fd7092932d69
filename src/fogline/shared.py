"""Where the shared gold sets live: ``../shared`` beside the checkout (or ``$FOGLINE_SHARED``).

They are read in place, never copied into the project; commands and tests that need them say so
clearly when they are absent.
"""
from __future__ import annotations

import os
from pathlib import Path


class SharedMissing(Exception):
    """../shared (the gold sets) is not there."""


def shared_dir(path: str | os.PathLike[str] | None = None, *, need: str = "data") -> Path:
    """The shared folder: ``path``, else ``$FOGLINE_SHARED``, else ``../shared`` from the current
    directory or from the repository this package lives in. Raises SharedMissing."""
    candidates = [Path(path)] if path else []
    if not path and os.environ.get("FOGLINE_SHARED"):
        candidates.append(Path(os.environ["FOGLINE_SHARED"]))
    if not path:
        candidates += [Path.cwd().parent / "shared", Path(__file__).resolve().parents[3] / "shared"]
    for c in candidates:
        if (c / need).exists():
            return c
    raise SharedMissing(f"shared gold sets not found (looked for {need}/ in "
                        + ", ".join(str(c) for c in candidates) + "); pass --shared or set FOGLINE_SHARED")

"""The embedded demo corpus: original reports written for fogline (see ``demo/README.md``)."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .ingest import SUFFIXES


def demo_dir() -> Path:
    return Path(str(files("fogline") / "demo"))


def demo_paths() -> list[Path]:
    """The demo reports, in file-name order."""
    return sorted(p for p in demo_dir().iterdir() if p.suffix.lower() in SUFFIXES and p.name != "README.md")

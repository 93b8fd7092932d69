"""Extractors: each reads a :class:`~fogline.nlp.ParsedDocument` once and fills one kind of
fact on its document (events, claims and silences, agreement mentions).

An extractor is a function registered by name, run in registration order; each may read what
the ones before it wrote. Later stages (issues #3-#5) register here.
"""
from __future__ import annotations

from collections.abc import Callable

from ..nlp import ParsedDocument

Extractor = Callable[[ParsedDocument], None]
EXTRACTORS: dict[str, Extractor] = {}


def extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register ``fn`` as the extractor ``name``."""

    def register(fn: Extractor) -> Extractor:
        EXTRACTORS[name] = fn
        return fn

    return register


def run_extractors(parsed: ParsedDocument, names: list[str] | None = None) -> None:
    for name, fn in EXTRACTORS.items():
        if names is None or name in names:
            fn(parsed)


# Registration order is run order: actors first, the extractors that ask it after.
from . import actors, claims, events, agreements  # noqa: E402,F401,I001

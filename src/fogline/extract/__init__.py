"""Extractors: each reads a :class:`~fogline.nlp.ParsedDocument` once and fills one kind of
fact on its document (events, claims and silences, agreement mentions).

An extractor is a function registered by name, run in registration order; each may read what
the ones before it wrote. Later stages (issues #3-#5) register here.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from ..model import unique_ids
from ..nlp import ParsedDocument

log = logging.getLogger("fogline")
Extractor = Callable[[ParsedDocument], None]
EXTRACTORS: dict[str, Extractor] = {}
# Work an extractor does better over many parsed parts at once than part by part (the claims
# extractor's neural tagger reads the windows of many parts in shared batches); registered with
# :func:`preparer`, run per chunk of documents by ``parse_documents(prepare=prepare_parts)``.
PREPARERS: list[Callable[[list], None]] = []


def extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register ``fn`` as the extractor ``name``."""

    def register(fn: Extractor) -> Extractor:
        EXTRACTORS[name] = fn
        return fn

    return register


def preparer(fn: Callable[[list], None]) -> Callable[[list], None]:
    """Register ``fn(parts)``, called with the spaCy Docs of every part of a chunk of documents."""
    PREPARERS.append(fn)
    return fn


def prepare_parts(parts: list) -> None:
    """Run every registered preparer over ``parts`` (spaCy Docs): optional, an extractor works out
    the same results on its own, one part at a time, where nothing was prepared."""
    for fn in PREPARERS:
        fn(parts)


def run_extractors(parsed: ParsedDocument, names: list[str] | None = None) -> None:
    """Run the extractors in order. One that fails on a document is reported (FL500, with the
    document id) and skipped for that document: the rest of its facts and the batch go on."""
    for name, fn in EXTRACTORS.items():
        if names is None or name in names:
            try:
                fn(parsed)
            except Exception as e:  # noqa: BLE001 - one bad parse must not cost the batch
                log.warning("FL500 extractor %r failed on document %s (%s): %s: %s", name, parsed.doc.id,
                            parsed.doc.source, type(e).__name__, e)
                parsed.doc.extraction_errors.append(f"FL500 {name}: {type(e).__name__}: {e}")
    unique_ids(parsed.doc)




# Registration order is run order: actors first, the extractors that ask it after.
from . import actors, claims, events, agreements  # noqa: E402,F401,I001

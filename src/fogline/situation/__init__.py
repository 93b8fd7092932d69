"""The situation: what all the analysed documents say together, and the situations (stories)
they fall into.

``build_situation``: every document together (the contract's top-level ``situation``): document
ids, actors with mention counts, merged propositions with every actor's position, merged
agreements, figures across sources and a timeline. ``build_situations``: the documents grouped
into stories (``stories``), wire copies counted once, each with the same picture (``picture``).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Document
from .picture import build_picture
from .stories import group_documents


def build_situation(documents: Sequence[Document]) -> dict[str, Any]:
    pic = build_picture(documents, copy_docs=False)
    keys = ("documents", "actors", "propositions", "agreements", "figures", "timeline", "network", "reader_propositions")
    return {k: pic[k] for k in keys}


def build_situations(documents: Sequence[Document]) -> list[dict[str, Any]]:
    """The stories among ``documents``, largest first, each ``{"id", "documents", "duplicates", ...}``."""
    index, _ = group_documents(documents)
    by_id = {d.id: d for d in documents}
    out = []
    for sid, members in index.groups().items():
        docs = sorted((by_id[m] for m in members), key=lambda d: (d.published or "9999", d.id))
        dups = {m: index.duplicates[m] for m in members if m in index.duplicates}
        out.append({"id": sid, **build_picture(docs, duplicates=dups)})
    out.sort(key=lambda s: (-len(s["documents"]), s["first"] or "", s["id"]))
    return out

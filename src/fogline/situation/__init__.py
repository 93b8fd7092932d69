"""The situation: what all the analysed documents say together.

Document ids and the merged propositions with every actor's position; actors, agreements and the
timeline arrive with the situations work (issue #5).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Document
from .agreements import build_agreements
from .propositions import build_propositions


def build_situation(documents: Sequence[Document]) -> dict[str, Any]:
    return {
        "documents": [d.id for d in documents],
        "actors": [],
        "propositions": build_propositions(documents),
        "agreements": build_agreements(documents),
        "timeline": [],
    }

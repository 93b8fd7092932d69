"""The situation: what all the analysed documents say together.

For now the skeleton of the contract's Situation (document ids, actors, propositions,
agreements, timeline); merging across reports arrives with the claims and agreements work.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Document


def build_situation(documents: Sequence[Document]) -> dict[str, Any]:
    return {
        "documents": [d.id for d in documents],
        "actors": [],
        "propositions": [],
        "agreements": [],
        "timeline": [],
    }

"""Agreements across reports: mentions of the same agreement merged into one, with its versions
and one status history in date order.

Two mentions are the same agreement when they are of the same kind and share a party, or when one
of them names no party at all and they are the only agreement of that kind in the situation.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from ..model import Document


def _names(ag: dict[str, Any]) -> set[str]:
    return {p["name"] for p in ag.get("parties", [])}


def build_agreements(documents: Sequence[Document]) -> list[dict[str, Any]]:
    merged: list[dict[str, Any]] = []
    for d in documents:
        for m in d.agreements:
            m = copy.deepcopy(m)
            m["documents"] = [d.id]
            target = None
            same_kind = [a for a in merged if a["kind"] == m["kind"]]
            for a in same_kind:
                if _names(a) & _names(m) or not _names(a) or not _names(m):
                    target = a
                    break
            if target is None:
                merged.append(m)
                continue
            for p in m["parties"]:
                if p["name"] not in _names(target):
                    target["parties"].append(p)
            for key in ("terms", "versions", "requests"):
                for x in m[key]:
                    if x not in target[key]:
                        target[key].append(x)
            target["status"] += m["status"]
            target["documents"] += m["documents"]
    for a in merged:
        # Stable sort: by date where known, the order the reports tell it otherwise.
        a["status"].sort(key=lambda s: s["date"] or "")
    return merged

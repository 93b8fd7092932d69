"""The picture of one situation from its documents' stored facts: actors with mention counts, the
merged propositions and agreements (``propositions.build_propositions``, ``agreements.build_agreements``),
a timeline of events, claims and agreement status changes, and figures across sources.

Duplicates (wire copies) are listed but their facts are counted once: only the first copy's
facts enter the picture.

Figures: a number stated in a claim is the speaker's ("the Observatory said 58 were killed"); one
stated in an event is the outlet's own. Figures of one unit (killed, injured, evacuated...) are set
side by side; they *disagree* when two sources (or one source at two times) give different values.
"""
from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..model import Document, to_dict
from .agreements import build_agreements
from .propositions import build_propositions

FIGURE_UNITS = ("killed", "injured", "evacuated", "displaced", "arrested", "missing", "people", "fighters")


def _d(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else to_dict(x)


def collect_actors(documents: Sequence[Document]) -> list[dict[str, Any]]:
    """Every actor the facts mention, canonical name, with its number of mentions."""
    seen: dict[str, dict[str, Any]] = {}
    counts: Counter[str] = Counter()

    def add(a: dict[str, Any] | None) -> None:
        if not a or not a.get("name"):
            return
        seen.setdefault(a["name"], {k: a.get(k) for k in ("name", "code", "kind", "text")})
        counts[a["name"]] += 1

    for d in documents:
        for e in d.events:
            e = _d(e)
            for a in (e.get("source") or []) + (e.get("target") or []):
                add(a)
        for c in d.claims:
            add(_d(c).get("speaker"))
        for s in d.silences:
            add(_d(s).get("actor"))
        for ag in d.agreements:
            for p in _d(ag).get("parties") or []:
                add(p)
    return [{**seen[n], "mentions": k} for n, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def build_timeline(documents: Sequence[Document], agreements: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events, claims and agreement status changes by date (a claim is dated by its report)."""
    out = []
    for d in documents:
        for e in d.events:
            e = _d(e)
            out.append({"date": e.get("date") or d.published, "kind": "event", "ref": e["id"], "document": d.id,
                        "text": e["evidence"]["text"]})
        for c in d.claims:
            c = _d(c)
            out.append({"date": d.published, "kind": "claim", "ref": c["id"], "document": d.id,
                        "text": c["evidence"]["text"]})
    for a in agreements:
        for s in a.get("status", []):
            out.append({"date": s.get("date"), "kind": "agreement_status", "ref": a["id"], "status": s["status"],
                        "text": s["evidence"]["text"]})
    out.sort(key=lambda x: (x["date"] or "9999", x["kind"]))
    return out


def build_figures(documents: Sequence[Document]) -> list[dict[str, Any]]:
    """Figures by unit, each with its source and evidence; ``disagree`` when values differ."""
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for d in documents:
        outlet = {"name": d.outlet or d.source, "code": None, "kind": "media", "text": d.outlet or ""}
        for c in d.claims:
            c = _d(c)
            for f in c.get("figures") or []:
                by_unit.setdefault(f["unit"], []).append({
                    **f, "voice": "claim", "source": c.get("speaker") or {"name": "(unnamed)", "code": None,
                                                                            "kind": "unknown", "text": ""},
                    "document": d.id, "outlet": d.outlet, "published": d.published, "ref": c["id"],
                    "evidence": c["evidence"]})
        for e in d.events:
            e = _d(e)
            for f in e.get("figures") or []:
                by_unit.setdefault(f["unit"], []).append({
                    **f, "voice": "outlet", "source": outlet, "document": d.id, "outlet": d.outlet,
                    "published": d.published, "ref": e["id"], "evidence": e["evidence"]})
    out = []
    for unit, rows in by_unit.items():
        # One figure stated twice in one report (a claim and the event it counts) is shown once.
        uniq: dict[tuple[Any, ...], dict[str, Any]] = {}
        for r in rows:
            key = (r["document"], r["value"])
            if key not in uniq or (uniq[key]["voice"] == "outlet" and r["voice"] == "claim"):
                uniq[key] = r
        rows = sorted(uniq.values(), key=lambda r: (r["published"] or "", r["source"]["name"], r["value"]))
        values = sorted({r["value"] for r in rows})
        out.append({"unit": unit, "values": rows, "range": [values[0], values[-1]],
                    "sources": sorted({r["source"]["name"] for r in rows}),
                    "disagree": len(values) > 1})
    out.sort(key=lambda g: (FIGURE_UNITS.index(g["unit"]) if g["unit"] in FIGURE_UNITS else 99, g["unit"]))
    return out


def build_picture(documents: Sequence[Document], *, duplicates: dict[str, str] | None = None,
                  copy_docs: bool = True) -> dict[str, Any]:
    """The situation's picture over ``documents`` (duplicates listed, their facts left out).

    ``copy_docs``: merge on copies so that the callers' claims keep the proposition ids of the
    top-level situation."""
    duplicates = duplicates or {}
    docs = [copy.deepcopy(d) if copy_docs else d for d in documents]
    canon = [d for d in docs if d.id not in duplicates]
    agreements = build_agreements(canon)
    for i, a in enumerate(agreements):
        a.setdefault("id", f"A{i + 1}")
    return {
        "documents": [d.id for d in documents],
        "duplicates": [{"document": d, "duplicate_of": o} for d, o in duplicates.items()],
        "outlets": sorted({d.outlet for d in documents if d.outlet}),
        "first": min((d.published for d in documents if d.published), default=None),
        "last": max((d.published for d in documents if d.published), default=None),
        "actors": collect_actors(canon),
        "propositions": build_propositions(canon),
        "agreements": agreements,
        "figures": build_figures(canon),
        "timeline": build_timeline(canon, agreements),
    }

"""The situation's network: who acts on whom, who accuses whom, who contradicts whom.

Two kinds of edge, each pointing at the facts behind it:

* **acts**: an event of the report (not of its reader comments), not negated, with a named source
  and a named target is an edge from each source to each target, labelled with its PLOVER type ("ASSAULT", "ACCUSE", "AGREE" ...) and a
  tone: ``hostile`` (assault, coerce, threaten, sanction, accuse, reject, protest, mobilize),
  ``cooperative`` (agree, consult, support, cooperate, aid, concede, retreat) or ``neutral``
  (request and anything else). Hedged events count too and are counted apart (``hedged``).
* **contradicts**: on a contested proposition, each actor who denies it stands against each actor
  who asserts it (type ``CONTRADICTS``, tone ``hostile``); refs are the denier's claims (claims
  made in reader comments left out).

Unnamed speakers are no node.
Edges with the same source, target and type are merged: ``count`` events (or propositions),
``refs`` the fact ids, ``documents`` the reports, ``first``/``last`` the dates. Actors are keyed by
their canonical name, as in the situation's ``actors``. Sorted hostile first, then by count.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..model import Document, to_dict

HOSTILE = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "ACCUSE", "REJECT", "PROTEST", "MOBILIZE"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
TONES = ("hostile", "neutral", "cooperative")
REPORTING_PARTS = {"title", "subtitle", "body"}   # reader comments are not reporting


def tone(event_type: str) -> str:
    return "hostile" if event_type in HOSTILE else "cooperative" if event_type in COOPERATIVE else "neutral"


def _d(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else to_dict(x)


def _actor(a: dict[str, Any]) -> dict[str, Any]:
    return {k: a.get(k) for k in ("name", "code", "kind", "text")}


def _named(a: dict[str, Any]) -> bool:
    """A party one can point at: named, or described ("official reports"), not an unnamed speaker."""
    name = a.get("name") or ""
    return bool(name) and name != "(unnamed)"


class _Edges:
    def __init__(self) -> None:
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.seen: set[tuple[tuple[str, str, str], str, str]] = set()   # (edge, document, fact) counted

    def add(self, src: dict[str, Any], tgt: dict[str, Any], etype: str, ref: str, doc: str,
            date: str | None, hedged: bool = False) -> None:
        if not (_named(src) and _named(tgt)) or src["name"] == tgt["name"]:
            return
        key = (src["name"], tgt["name"], etype)
        e = self.edges.get(key)
        if e is None:
            e = self.edges[key] = {"source": _actor(src), "target": _actor(tgt), "type": etype,
                                   "tone": "hostile" if etype == "CONTRADICTS" else tone(etype),
                                   "count": 0, "hedged": 0, "refs": [], "documents": [], "first": None,
                                   "last": None}
        if (key, doc, ref) in self.seen:
            return
        self.seen.add((key, doc, ref))
        e["count"] += 1
        e["hedged"] += int(hedged)
        e["refs"].append(ref)
        if doc not in e["documents"]:
            e["documents"].append(doc)
        if date:
            e["first"] = min(e["first"] or date, date)
            e["last"] = max(e["last"] or date, date)


def build_network(documents: Sequence[Document], propositions: Sequence[dict[str, Any]],
                  canon: Callable[[Any], Any] = lambda a: a) -> list[dict[str, Any]]:
    """The edges of the situation's network (see the module's docstring); ``canon`` puts an
    actor under the situation's name for it (:mod:`.aliases`)."""
    edges = _Edges()
    for d in documents:
        for raw in d.events:
            e = _d(raw)
            if e.get("negated") or e["evidence"]["part"] not in REPORTING_PARTS:
                continue
            for s in e.get("source") or []:
                for t in e.get("target") or []:
                    edges.add(canon(s), canon(t), e["type"], e["id"], d.id, e.get("date") or d.published,
                              bool(e.get("hedged")))
    published = {d.id: d.published for d in documents}
    claim_doc = {c["id"]: d.id for d in documents for c in map(_d, d.claims)
                 if c["evidence"]["part"] in REPORTING_PARTS}
    for p in propositions:
        if not p.get("contested"):
            continue
        asserting = [pos for pos in p["positions"] if pos["stance"] == "assert"]
        for pos in p["positions"]:
            if pos["stance"] != "deny":
                continue
            for other in asserting:
                for ref in pos.get("claims") or []:
                    doc = claim_doc.get(ref)
                    if doc is not None:
                        edges.add(pos["actor"], other["actor"], "CONTRADICTS", ref, doc, published.get(doc))
    out = list(edges.edges.values())
    out.sort(key=lambda e: (TONES.index(e["tone"]), -e["count"], e["source"]["name"], e["target"]["name"], e["type"]))
    return out

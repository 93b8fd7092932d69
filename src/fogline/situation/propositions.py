"""Propositions: claims about the same matter, across sentences and reports, merged into one
positively stated proposition with every actor's position.

Two claims are about the same matter when they have the same positive content, or when their
frames (predicate or predicate class, argument nouns, agent; see ``extract.claims.frame_of``)
agree: the same predicate, a shared argument, and no two different named agents. So "the deal
does not allow any civilians to leave the villages" and "the villages can evacuate" meet (EVACUATE,
village), "the deal is in place" and "X negotiated a revised deal" meet (IN_PLACE, deal), and
"Russia bombed the convoy" and "the regime bombed the convoy" stay apart (two agents), also when
an agentless "the convoy was bombed" meets both: a merged group keeps its named agents, and two
groups with different ones are not joined.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from ..model import Document, to_dict

# Predicates too general to merge on ("be", "have"): only identical content merges those.
WEAK_PREDICATES = {"be", "have", "do", "make", "get", "say", "they", "it", "other"}


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _same_matter(f: dict[str, Any], g: dict[str, Any]) -> bool:
    if not f or not g or f.get("predicate") != g.get("predicate") or f.get("predicate") in WEAK_PREDICATES:
        return False
    if f.get("agent") and g.get("agent") and f["agent"] != g["agent"]:
        return False
    return bool(set(f.get("args") or ()) & set(g.get("args") or ()))


def _d(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else to_dict(x)


def build_propositions(documents: Sequence[Document], canon: Callable[[Any], Any] = lambda a: a
                       ) -> list[dict[str, Any]]:
    """The situation's propositions; rewrites each claim's and silence's ``proposition`` to the
    id of the merged proposition. ``canon`` puts a speaker under the situation's name for it
    (:mod:`.aliases`): one position per actor, however the reports spell it."""
    claims = [(d, c, _d(c)) for d in documents for c in d.claims]
    u = _Union()
    for _, _, c in claims:
        u.find(c["proposition"])
    frames = [(c["proposition"], c.get("frame")) for _, _, c in claims if c.get("frame")]
    # the named agents of each merged group: a claim that names none may join one that does, but
    # two groups whose agents differ never meet through it ("the convoy was bombed" next to
    # "Russia bombed the convoy" and "the regime bombed the convoy" must not make those one)
    agents: dict[str, set[str]] = defaultdict(set)
    for p, f in frames:
        if f.get("agent"):
            agents[u.find(p)].add(f["agent"])
    for i, (pa, fa) in enumerate(frames):
        for pb, fb in frames[i + 1:]:
            if pa != pb and _same_matter(fa, fb):
                ra, rb = u.find(pa), u.find(pb)
                if ra == rb or (agents[ra] and agents[rb] and not agents[ra] & agents[rb]):
                    continue
                u.join(pa, pb)
                agents[u.find(pa)] = agents[ra] | agents[rb]
    groups: dict[str, list[tuple[Document, Any, dict[str, Any]]]] = defaultdict(list)
    for d, obj, c in claims:
        groups[u.find(c["proposition"])].append((d, obj, c))
    new_id = {root: "P" + hashlib.sha1(root.encode()).hexdigest()[:8] for root in groups}
    props: dict[str, dict[str, Any]] = {}
    for root, members in groups.items():
        pid = new_id[root]
        positions: dict[str, dict[str, Any]] = {}
        for d, obj, c in members:
            actor = canon(c.get("speaker")) or {"name": "(unnamed)", "code": None, "kind": "unknown", "text": ""}
            pos = positions.setdefault(actor["name"], {"actor": actor, "stances": set(), "claims": [], "documents": []})
            pos["stances"].add(c["stance"])
            pos["claims"].append(c["id"])
            if d.id not in pos["documents"]:
                pos["documents"].append(d.id)
            _set(obj, "proposition", pid)
        text = _canonical(members)
        props[root] = {"id": pid, "text": text, "positions": positions}
    for d in documents:
        for s in d.silences:
            sd = _d(s)
            if not sd.get("proposition"):
                continue
            root = u.find(sd["proposition"])
            if root not in props:
                continue
            _set(s, "proposition", new_id[root])
            positions = props[root]["positions"]
            silent = canon(sd["actor"])
            pos = positions.setdefault(silent["name"], {"actor": silent, "stances": set(), "claims": [],
                                                        "documents": []})
            pos["stances"].add("silent")
            if d.id not in pos["documents"]:
                pos["documents"].append(d.id)
    out = []
    for p in props.values():
        plist = []
        for pos in p["positions"].values():
            st = pos.pop("stances")
            spoken = st - {"silent"}
            stance = "mixed" if len(spoken) > 1 else (next(iter(spoken)) if spoken else "silent")
            plist.append({"actor": pos["actor"], "stance": stance, "claims": pos["claims"], "documents": pos["documents"]})
        stances = {x["stance"] for x in plist}
        contested = bool({"assert", "mixed"} & stances) and bool({"deny", "mixed"} & stances)
        out.append({"id": p["id"], "text": p["text"], "positions": plist, "contested": contested})
    out.sort(key=lambda p: (not p["contested"], -len(p["positions"]), p["id"]))
    return out


def _canonical(members: list[tuple[Document, Any, dict[str, Any]]]) -> str:
    """A positive statement of the matter: a frame's canonical wording ("the deal is in place"),
    else the longest content under 120 characters (the shortest above) among the unhedged
    assertions of it, else among all its claims (a denial's content turned positive)."""
    for _, _, c in members:
        f = c.get("frame") or {}
        if f.get("canonical"):
            return f["canonical"]
    # the speakers' own words first: a denial's positive form is rebuilt ("The army has not ... "
    # turned round) and reads worse than an assertion of the same matter
    asserted = [c for _, _, c in members if c.get("stance") == "assert" and not c.get("hedged")]
    texts = [(c.get("frame") or {}).get("text") or c["content"] for c in asserted or [c for _, _, c in members]]
    return min(texts, key=lambda t: (-len(t) if len(t) < 120 else len(t)))


def _set(obj: Any, key: str, value: Any) -> None:
    if isinstance(obj, dict):
        obj[key] = value
    else:
        setattr(obj, key, value)

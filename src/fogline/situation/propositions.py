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

An alternative account is a denial (:func:`alternative_denials`): "the ministry said the convoy was
hit by rebel mortar fire" puts the ministry down as denying "Russia bombed the convoy", the claim
listed in the position's ``alternative``.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
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
    alternative_denials(groups, props, canon)
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
            entry = {"actor": pos["actor"], "stance": stance, "claims": pos["claims"], "documents": pos["documents"]}
            if pos.get("alternative"):
                entry["alternative"] = pos["alternative"]
            plist.append(entry)
        stances = {x["stance"] for x in plist}
        contested = bool({"assert", "mixed"} & stances) and bool({"deny", "mixed"} & stances)
        out.append({"id": p["id"], "text": p["text"], "positions": plist, "contested": contested})
    out.sort(key=lambda p: (not p["contested"], -len(p["positions"]), p["id"]))
    return out


# How far apart (in days of publication) two reports may tell the same event.
ALT_WINDOW_DAYS = 7
# Sectors of a state: its government, military, police, intelligence, courts and legislature
# speak and act for one side ("Russia", "Russian military" and "the Russian government" are one).
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
# Armed groups without a state: rebels, insurgents, "militants", "terrorists", the armed opposition.
# One side to tell an alternative account by: a government's "terrorists" are the rebels others name.
ARMED_NONSTATE = {"REB", "UAF", "INS", "OPP", "SEP"}


@lru_cache(maxsize=4096)
def _side(name: str, code: str | None) -> tuple[str, str]:
    """Who an actor stands for, to tell two named agents apart: a state and its government or
    military are one side; a bare sector ("REB", "GOV": rebels or a government of no known
    country) is kept apart as such; anything else is its code, else its name."""
    if code:
        from ..extract.actor_kb import load_kb

        countries = load_kb().countries
        rest = [code[i:i + 3] for i in range(3, len(code), 3)]
        if code[:3] in countries and all(r in STATE_SECTORS for r in rest):  # "RUS", "RUSMIL", "SYRGOVMIL"
            return ("state", code[:3])
        if code[-3:] in ARMED_NONSTATE and (len(code) == 3 or code[:3] in countries and len(code) == 6):
            return ("nonstate", code[:3] if len(code) == 6 else "")  # "SYRREB", "UAF"
        if len(code) == 3:
            return ("sector", code)
        return ("code", code)
    return ("name", name.lower())


def _same_side(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    """Could ``a`` and ``b`` (name, code) be the same agent? Yes for one name, one code, one
    state, and for a bare sector beside a code of that sector ("rebels" and "Syrian rebels"), or
    a code beside a name only: only two agents surely different make an alternative account."""
    if a[0] == b[0]:
        return True
    sa, sb = _side(*a), _side(*b)
    if sa == sb:
        return True
    if "name" in (sa[0], sb[0]):
        return not (a[1] and b[1])  # a name without a code cannot be told apart from a coded actor
    if sa[0] == sb[0] == "nonstate" and (not sa[1] or not sb[1] or sa[1] == sb[1]):
        return True  # "terrorists" and "rebels": what one side calls the other's fighters
    for x, y in ((sa, sb), (sb, sa)):
        if x[0] == "sector" and (y[1].endswith(x[1]) or x[1] in STATE_SECTORS and y[0] == "state"):
            return True
    return False


@lru_cache(maxsize=4096)
def _day(a: str | None) -> int | None:
    from datetime import date

    try:
        return date.fromisoformat(a[:10]).toordinal() if a else None
    except ValueError:
        return None


def _days(a: str | None, b: str | None) -> int:
    """Days between two publication dates (0 where either is unknown)."""
    da, db = _day(a), _day(b)
    return abs(da - db) if da is not None and db is not None else 0


def _event_agents(f: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Who a claim frame says did the violent event its main predicate tells ("Russia bombed the
    convoy": Russia), or nobody when that predicate tells no such event."""
    m = f.get("matter") or {}
    if not m.get("pred_kind"):
        return []
    out = [(f["agent"], f.get("agent_code"))] if f.get("agent") else []
    return out + [(n, k) for n, k in m.get("pred_by", []) if (n, k) not in out]


FAR_DATE_WORDS = {"year", "years", "month", "months", "decade", "decades", "ago"}


def _far(date: str) -> bool:
    """A date that puts an event out of a story's days: a year, "last month", "two years ago"."""
    return any(w in FAR_DATE_WORDS or len(w) == 4 and w.isdigit() for w in date.split())


def _alternative_to(x: dict[str, Any], m: dict[str, Any], agents: list[tuple[str, str | None]],
                    where: dict[str, set[str]]) -> bool:
    """Does the claim frame ``x`` tell the matter of the claim frame ``m`` with another cause?
    They tell a violent event of one kind ("bombed" and "was hit": ATTACK) and share a matter word
    (with the kind, two words: "the convoy") that each of them ties to named actors as its cause
    (``by``); ``x`` names no place other than all of those ``m``'s proposition names (``where``:
    the places of its claims); ``x`` and ``m`` name no two different dates, and neither names a
    far one ("last year", "in 2014") the other does not; and every actor ``x`` gives as the cause
    of those words, or as the agent of its own main predicate when that tells the same kind, is
    surely other than every agent of the proposition (``agents``) and than ``m``'s causes of those
    words (:func:`_same_side`: "Russian and Syrian jets" name Russia too)."""
    xm, mm = x.get("matter") or {}, m.get("matter") or {}
    if not xm or not mm or not set(xm["kinds"]) & set(mm["kinds"]):
        return False
    shared = set(xm["words"]) & set(mm["words"])
    tied = {w for w, _, _ in xm["by"] if w in shared} & {w for w, _, _ in mm["by"] if w in shared}
    if not tied:
        return False
    if xm["places"] and where["places"] and not set(xm["places"]) & where["places"]:
        return False  # "near Aleppo" beside "in Homs"
    xd, md = set(xm.get("dates") or ()), set(mm.get("dates") or ())
    if xd and md and not xd & md or not (xd and md) and any(map(_far, xd | md)):
        return False  # "on Monday" beside "on Friday"; "last year", "in 2014" beside no date: another event
    causes = [(name, code) for word, name, code in xm["by"] if word in tied]
    if not all(code for _, code in causes):
        return False
    if xm.get("pred_kind") and xm.get("pred_kind") == mm.get("pred_kind"):
        causes += [(name, code) for name, code in xm.get("pred_by", [])]
    theirs = agents + [(name, code) for word, name, code in mm["by"] if word in tied]
    return not any(_same_side(c, a) for c in causes for a in theirs)


def alternative_denials(groups: dict[str, list[tuple[Document, Any, dict[str, Any]]]],
                        props: dict[str, dict[str, Any]], canon: Callable[[Any], Any]) -> None:
    """An alternative account read as a denial. A named speaker's unhedged assertion that tells
    the matter of a proposition with a named agent, but names another agent or cause ("the
    ministry said the convoy was hit by rebel mortar fire" beside "Russia bombed the convoy"), puts
    that speaker down as denying the proposition, unless the speaker asserts it: the claim is
    listed in the position's ``claims`` and in its ``alternative`` (what a reader sees as inferred
    from another account, not said as a denial). Conservative: both agents named actors and surely
    different (:func:`_same_side`: "Russian jets" are Russia's; "Russian and Syrian jets" name
    Russia too), the same kind of violent event with a shared matter word (:func:`_alternative_to`),
    no two different places, reports at most ``ALT_WINDOW_DAYS`` apart."""
    agents_of: dict[str, list[tuple[str, str | None]]] = {}
    where_of: dict[str, dict[str, set[str]]] = {}
    # the members that tie a matter word to a cause, by that word: an account is compared only with
    # the claims that share one of its tied words (not every claim of the situation)
    tied_by_word: dict[str, dict[str, list[tuple[Document, dict[str, Any]]]]] = defaultdict(lambda: defaultdict(list))
    for root, members in groups.items():
        agents: list[tuple[str, str | None]] = []
        where: dict[str, set[str]] = {"places": set(), "dates": set()}
        for d, _, c in members:
            f = c.get("frame") or {}
            m = f.get("matter") or {}
            agents += [a for a in _event_agents(f) if a not in agents]
            for key in where:
                where[key].update(m.get(key) or ())
            for w in {w for w, _, _ in m.get("by") or ()}:
                tied_by_word[w][root].append((d, f))
        agents_of[root] = agents
        where_of[root] = where
    if not tied_by_word:
        return
    for root, members in groups.items():
        for d, _, c in members:
            f = c.get("frame") or {}
            matter = f.get("matter") or {}
            sp = c.get("speaker")
            if not (c.get("stance") == "assert" and not c.get("hedged") and sp and _d(sp).get("code")
                    and matter.get("by")):
                continue
            found: list[str] = []
            for w in {w for w, _, _ in matter["by"]}:
                for groot, tied in tied_by_word.get(w, {}).items():
                    if groot == root or groot in found:
                        continue
                    if any(_days(d.published, md.published) <= ALT_WINDOW_DAYS
                           and _alternative_to(f, mf, agents_of[groot], where_of[groot]) for md, mf in tied):
                        found.append(groot)
            for groot in found:
                actor = canon(c["speaker"])
                positions = props[groot]["positions"]
                pos = positions.setdefault(actor["name"], {"actor": actor, "stances": set(), "claims": [],
                                                           "documents": []})
                if "assert" in pos["stances"] or c["id"] in pos["claims"]:
                    continue
                pos["stances"].add("deny")
                pos["claims"].append(c["id"])
                pos.setdefault("alternative", []).append(c["id"])
                if d.id not in pos["documents"]:
                    pos["documents"].append(d.id)


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

"""Score a situation against a hand-written gold file (tests/gold/*.yaml): which of the gold's
story members, wire copies, proposition positions, agreements and figures fogline finds.

Matching rules (fixed before looking at fogline's output on the gold rows):

- an actor matches a gold actor when one of the gold aliases is a whole-word substring of the
  actor's canonical name or of its as-written text (lower case), or of the name of the country
  whose state or government the actor's code says it is (``TUR`` or ``TURGOV``: "Turkey"): a
  government speaks for its state, so "Turkish government" (written "It") is the gold's "turkey";
  a country's military, rebels or civilians (``TURMIL``...) are not its state and do not match
  by code (added 2026-11-26, a general rule, after the KS gold was written);
- a gold position (actor, stance) is found when some proposition of the situation whose text or
  claims' contents contain (as a substring, so "force" finds "forces") a keyword of every keyword
  group has that actor with that stance
  ("mixed" counts for both);
- a gold agreement is found when an agreement of its kind names at least one of its parties;
- a gold figure (source, unit, value) is found when a figure of that unit and value is attributed
  to that source (``outlet``: stated in the outlet's own voice);
- grouping: pairwise precision and recall of "same situation" over the gold's members and others
  (a pair of two others is not scored: the gold says only that each is not of the story).
"""
from __future__ import annotations

import re
from itertools import combinations
from typing import Any


def _state_name(code: str | None) -> str:
    """The country name of a state's or its government's code ("TUR", "TURGOV"), else ""."""
    if not code or not (len(code) == 3 or len(code) == 6 and code.endswith("GOV")):
        return ""
    from ..extract.actor_kb import load_kb

    return (load_kb().countries.get(code[:3]) or {}).get("name") or ""


def _alias_hit(aliases: list[str], actor: dict[str, Any] | None) -> bool:
    if not actor:
        return False
    hay = f" {actor.get('name') or ''} | {actor.get('text') or ''} | {_state_name(actor.get('code'))} ".lower()
    # a possessive ending may follow the alias, with its apostrophe or without it, as FA-KES's texts
    # lost theirs ("Children's" / "Childrens" for the alias "united nations international children")
    return any(re.search(rf"\b{re.escape(a.lower())}(?:['\u2019]?s)?\b", hay) for a in aliases)


def _prop_hits(groups: list[list[str]], prop: dict[str, Any], contents: dict[str, str]) -> bool:
    text = " ".join([prop["text"]] + [contents.get(c, "") for pos in prop["positions"] for c in pos["claims"]]).lower()
    return all(any(k in text for k in g) for g in groups)


def score(gold: dict[str, Any], situations: list[dict[str, Any]], row_of: dict[str, str],
          claim_contents: dict[str, str]) -> dict[str, Any]:
    """``situations``: fogline's situations over the gold rows; ``row_of``: document id -> gold
    row id; ``claim_contents``: claim id -> its content."""
    members = [m["id"] for m in gold["members"]]
    everyone = members + [m["id"] for m in gold.get("others", [])]
    sit_of = {row_of[d]: s["id"] for s in situations for d in s["documents"] if d in row_of}
    gold_same = {frozenset(p) for p in combinations(members, 2)}
    others = set(everyone) - set(members)
    # a pair of two "others" says nothing about the story: the gold does not say whether they
    # belong together (Khan Sheikhoun's two others are one wire copy), so it is not scored
    found_same = {frozenset((a, b)) for a, b in combinations(everyone, 2)
                  if a in sit_of and sit_of.get(a) == sit_of.get(b) and not (a in others and b in others)}
    tp = len(gold_same & found_same)
    grouping = {"precision": tp / len(found_same) if found_same else 0.0,
                "recall": tp / len(gold_same) if gold_same else 0.0}
    # the situation holding most gold members is "the" story
    counts: dict[str, int] = {}
    for m in members:
        if m in sit_of:
            counts[sit_of[m]] = counts.get(sit_of[m], 0) + 1
    main_id = max(counts, key=lambda k: counts[k]) if counts else None
    main = next((s for s in situations if s["id"] == main_id), None)
    dup_found = set()
    for s in situations:
        for x in s.get("duplicates", []):
            a, b = row_of.get(x["document"]), row_of.get(x["duplicate_of"])
            if a and b:
                dup_found.add(frozenset((a, b)))
    dup_gold = {frozenset(p) for p in gold.get("duplicates", [])}
    aliases = gold["actors"]
    positions = []
    for gp in gold["propositions"]:
        props = [p for p in (main or {}).get("propositions", []) if _prop_hits(gp["keywords"], p, claim_contents)]
        for pos in gp["positions"]:
            ok = any(_alias_hit(aliases[pos["actor"]], x["actor"]) and x["stance"] in (pos["stance"], "mixed")
                     for p in props for x in p["positions"])
            positions.append({"proposition": gp["id"], "actor": pos["actor"], "stance": pos["stance"], "found": ok})
    contested = [{"proposition": gp["id"], "found": any(p["contested"] for p in (main or {}).get("propositions", [])
                                                       if _prop_hits(gp["keywords"], p, claim_contents))}
                 for gp in gold["propositions"] if gp.get("contested")]
    agreements = []
    for ga in gold.get("agreements", []):
        ok = any(a["kind"] == ga["kind"] and any(_alias_hit(aliases[p], x) for p in ga["parties"] for x in a["parties"])
                 for a in (main or {}).get("agreements", []))
        agreements.append({"label": ga["label"], "found": ok})
    figures = []
    for gf in gold.get("figures", []):
        ok = False
        for g in (main or {}).get("figures", []):
            if g["unit"] != gf["unit"]:
                continue
            for v in g["values"]:
                if v["value"] != gf["value"]:
                    continue
                if gf["source"] == "outlet":
                    ok = ok or v["voice"] == "outlet"
                else:
                    ok = ok or (v["voice"] == "claim" and _alias_hit(aliases[gf["source"]], v["source"]))
        figures.append({**{k: gf[k] for k in ("source", "unit", "value")}, "found": ok})
    disagree = any(g["unit"] == "killed" and g["disagree"] for g in (main or {}).get("figures", []))

    def frac(xs: list[dict[str, Any]]) -> tuple[int, int]:
        return sum(x["found"] for x in xs), len(xs)

    return {
        "grouping": grouping,
        "main_members": counts.get(main_id, 0) if main_id else 0, "members": len(members),
        "duplicates": (len(dup_gold & dup_found), len(dup_gold)), "false_duplicates": len(dup_found - dup_gold),
        "positions": frac(positions), "contested": frac(contested), "agreements": frac(agreements),
        "figures": frac(figures), "figures_disagree": disagree == bool(gold.get("figures_disagree")),
        "detail": {"positions": positions, "agreements": agreements, "figures": figures, "contested": contested},
    }


def score_story(gold_path: Any, shared: Any) -> dict[str, Any]:
    """Analyse the FA-KES rows a story gold file names (members and others), group them, and
    score the situations against it (:func:`score`); ``main`` is the situation holding most
    members. The summary line is printed (pytest -s shows it)."""
    from pathlib import Path

    import yaml

    from ..api import analyse_documents
    from . import build_situation, build_situations
    from .fakes import fakes_documents

    gold = yaml.safe_load(Path(gold_path).read_text())
    ids = [m["id"] for m in gold["members"]] + [m["id"] for m in gold.get("others", [])]
    docs = list(analyse_documents(fakes_documents(Path(shared), ids)))
    if len(docs) != len(ids):
        raise ValueError(f"{gold_path}: {len(ids)} rows named, {len(docs)} read")
    build_situation(docs)
    sits = build_situations(docs)
    row_of = {d.id: d.source.split(":", 1)[1] for d in docs}
    res = score(gold, sits, row_of, {c.id: c.content for d in docs for c in d.claims})
    print({k: v for k, v in res.items() if k not in ("detail", "main")})
    members = {m["id"] for m in gold["members"]}
    res["main"] = max(sits, key=lambda s: sum(row_of.get(d) in members for d in s["documents"]))
    return res

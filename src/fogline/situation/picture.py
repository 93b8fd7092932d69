"""The picture of one situation from its documents' stored facts: actors with mention counts, the
merged propositions and agreements (``propositions.build_propositions``, ``agreements.build_agreements``),
a timeline of events, claims and agreement status changes, and figures across sources.

Duplicates (wire copies) are listed but their facts are counted once: only the first copy's
facts enter the picture. Facts found in reader comments stay on their document but are not part of
the picture (:func:`reporting`): comments are not reporting.

Figures: a number stated in a claim is the speaker's ("the Observatory said 58 were killed"); one
stated in an event is the outlet's own. A speaker named only by a description ("a monitoring group
said 86") is the one named actor of the same report that fits it (:func:`resolve_description`). Figures of one unit (killed, injured, evacuated...) are set
side by side; they *disagree* when two sources (or one source at two times) give different values.
A figure whose own words give it a war-wide or multi-year scope ("the war has killed more than
320,000 people since 2011", "died in the six-year conflict", "has since killed") counts something else
than the situation's incident: it is listed under ``background_figures`` with its source and
evidence, never compared (:func:`war_scope`).
"""
from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ..model import Document, to_dict
from .agreements import build_agreements
from .aliases import actor_aliases, canonical
from .propositions import build_propositions
from .network import build_network

FIGURE_UNITS = ("killed", "injured", "evacuated", "displaced", "arrested", "missing", "people", "fighters")


_WAR = r"(?:civil\s+)?(?:war|conflict|uprising|revolution|crisis)"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
WAR_SCOPE = re.compile(
    rf"\bsince\s+(?:(?:early|late|mid)[- ]?)?(?:{_MONTH}\s+)?(?:19|20)\d\d\b"                 # since (March) 2011
    rf"|\bsince\s+(?:the\s+)?(?:[\w']+\s+){{0,2}}?{_WAR}\s+(?:began|started|erupted|broke\s+out)\b"  # since (Syria's) war began
    rf"|\bsince\s+(?:it|they)\s+(?:first\s+)?(?:began|started|erupted|broke\s+out|intervened|entered)\b"
    rf"|\bsince\s+the\s+(?:start|beginning|outbreak|onset)\s+of\b"
    rf"|\b{_WAR}\s+(?:that\s+|which\s+)?(?:has|have|had)\s+(?:so\s+far\s+|now\s+|already\s+)?"
    rf"(?:killed|left|claimed|cost|displaced|uprooted|forced)\b"                                # the war has killed
    rf"|\b(?:has|have)\s+since\s+(?:killed|left|claimed|cost|displaced)\b"                   # ... and has since killed
    rf"|\b(?:killed|died|dead|displaced|wounded|injured)\s+(?:in|during|over|throughout)\s+the\s+"
    rf"(?:course\s+of\s+the\s+)?(?:\w+[- ]year[- ](?:old[- ])?)?{_WAR}\b"                   # killed in the war
    rf"|\b{_WAR}'s\s+(?:overall\s+|total\s+)?(?:death\s+)?toll\b",
    re.I)
# "the deadliest attack since 2013", "the worst since the war began": a comparison, not a scope
_COMPARISON = re.compile(r"\b(?:deadliest|worst|biggest|largest|heaviest|bloodiest|first|highest|most\s+\w+)\b"
                         r"[^.;]{0,60}?(?<!has )(?<!have )\bsince\b", re.I)
SCOPE_WINDOW = 90   # characters either side of a figure's own words read for its scope


def war_scope(figure_text: str, evidence_text: str) -> bool:
    """Does the evidence give this figure a war-wide or multi-year scope? Read in the figure's own
    clause: ``SCOPE_WINDOW`` characters either side of its words, not past a sentence end or a
    semicolon."""
    at = evidence_text.find(figure_text) if figure_text else -1
    if at < 0:
        window = evidence_text
    else:
        lo, hi = max(0, at - SCOPE_WINDOW), min(len(evidence_text), at + len(figure_text) + SCOPE_WINDOW)
        left = evidence_text[lo:at]
        cut = max(left.rfind(". "), left.rfind("; "))
        left = left[cut + 2:] if cut >= 0 else left
        right = evidence_text[at + len(figure_text):hi]
        ends = [i for i in (right.find(". "), right.find("; ")) if i >= 0]
        right = right[:min(ends)] if ends else right
        window = left + figure_text + right
    window = _COMPARISON.sub(" ", window)
    return bool(WAR_SCOPE.search(window))


def _d(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else to_dict(x)


def collect_actors(documents: Sequence[Document], canon: Callable[[Any], Any] = lambda a: a) -> list[dict[str, Any]]:
    """Every actor the facts mention, canonical name, with its number of mentions (``canon``: the
    situation's spelling variants put under one name, :mod:`.aliases`)."""
    seen: dict[str, dict[str, Any]] = {}
    counts: Counter[str] = Counter()

    variants: dict[str, set[str]] = {}

    def add(a: dict[str, Any] | None) -> None:
        written = (a or {}).get("name")
        a = canon(a)
        if not a or not a.get("name"):
            return
        seen.setdefault(a["name"], {k: a.get(k) for k in ("name", "code", "kind", "text")})
        counts[a["name"]] += 1
        if written and written != a["name"]:
            variants.setdefault(a["name"], set()).add(written)

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
    return [{**seen[n], "mentions": k, **({"variants": sorted(variants[n])} if n in variants else {})}
            for n, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


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
    """Figures by unit, each with its source and evidence; ``disagree`` when values differ.
    Figures of war-wide or multi-year scope are left out (:func:`background_figures`)."""
    return _figures(documents)[0]


def background_figures(documents: Sequence[Document]) -> list[dict[str, Any]]:
    """Figures whose evidence gives them a war-wide or multi-year scope, each with its unit, source
    and evidence, by unit then value: listed as background, not compared."""
    return _figures(documents)[1]


# the kinds of named actor a description's head noun can stand for ("a monitoring group" -> an NGO)
_HEAD_KINDS = {
    # (a word that names one kind of body, "observatory", "directorate", fits by name only)
    "monitor": {"ngo"}, "group": {"ngo"}, "watchdog": {"ngo", "igo"},
    "organisation": {"ngo", "igo"}, "organization": {"ngo", "igo"}, "charity": {"ngo"}, "agency": {"igo", "media"},
    "ministry": {"government", "military"}, "body": {"igo", "ngo"},
}


def _is_description(actor: dict[str, Any]) -> bool:
    """A speaker named by a common-noun description ("a monitoring group", "the watchdog"), not a name."""
    text = (actor.get("text") or actor.get("name") or "").strip()
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return bool(words) and not any(w[0].isupper() for w in words[1:]) and (
        words[0].lower() in ("a", "an", "the", "this", "that") or words[0].islower())


def resolve_description(actor: dict[str, Any], named: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The named actor a description stands for, when the same report names exactly one that fits:
    one whose name has the description's head noun ("the ministry" -> "Russian Defence Ministry"),
    or, when none has, for a head like "monitor", "group", "watchdog", one of the kind it stands
    for (an NGO); "the observatory" is only one named so, never another NGO.
    The as-written text stays the description's. Otherwise the actor itself."""
    if not _is_description(actor):
        return actor
    words = re.findall(r"[a-z][\w'-]*", (actor.get("name") or actor.get("text") or "").lower())
    if not words:
        return actor
    head = words[-1][:-1] if words[-1].endswith("s") and words[-1][:-1] in _HEAD_KINDS else words[-1]
    by_name: dict[str, dict[str, Any]] = {}
    by_kind: dict[str, dict[str, Any]] = {}
    for n in named:
        if _is_description(n) or n.get("name") == actor.get("name"):
            continue
        name_words = set(re.findall(r"[a-z][\w'-]*", (n.get("name") or "").lower()))
        if head in name_words:
            by_name[n["name"]] = n
        elif n.get("kind") in _HEAD_KINDS.get(head, ()):
            by_kind[n["name"]] = n
    # a name with the head noun wins over one of the kind only ("the observatory": the one whose
    # name says observatory, not another NGO of the report)
    fits = by_name or by_kind
    if len(fits) != 1:
        return actor
    (one,) = fits.values()
    return {**one, "text": actor.get("text") or one.get("text")}


def _named_actors(d: Document) -> list[dict[str, Any]]:
    out = []
    for c in d.claims:
        sp = _d(c).get("speaker")
        if sp:
            out.append(sp)
    for e in d.events:
        e = _d(e)
        out.extend(e.get("source") or [])
    return out


def _figures(documents: Sequence[Document], canon: Callable[[Any], Any] = lambda a: a
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for d in documents:
        outlet = {"name": d.outlet or d.source, "code": None, "kind": "media", "text": d.outlet or ""}
        named = _named_actors(d)
        for c in d.claims:
            c = _d(c)
            for f in c.get("figures") or []:
                speaker = canon(resolve_description(c["speaker"], named)) if c.get("speaker") else None
                by_unit.setdefault(f["unit"], []).append({
                    **f, "voice": "claim", "source": speaker or {"name": "(unnamed)", "code": None,
                                                                 "kind": "unknown", "text": ""},
                    "document": d.id, "outlet": d.outlet, "published": d.published, "ref": c["id"],
                    "evidence": c["evidence"]})
        for e in d.events:
            e = _d(e)
            for f in e.get("figures") or []:
                by_unit.setdefault(f["unit"], []).append({
                    **f, "voice": "outlet", "source": outlet, "document": d.id, "outlet": d.outlet,
                    "published": d.published, "ref": e["id"], "evidence": e["evidence"]})
    background: list[dict[str, Any]] = []
    for unit in list(by_unit):
        keep = []
        for r in by_unit[unit]:
            (background if war_scope(r.get("text") or "", r["evidence"]["text"]) else keep).append(r)
        by_unit[unit] = keep
        if not keep:
            del by_unit[unit]
    seen: set[tuple[Any, ...]] = set()
    background = [r for r in sorted(background, key=lambda r: (r["unit"], r["value"], r["published"] or "", r["document"]))
                  if (k := (r["document"], r["unit"], r["value"])) not in seen and not seen.add(k)]
    for r in background:
        r["scope"] = "war"
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
    return out, background


def _reported(fact: Any) -> bool:
    return not _d(fact)["evidence"]["part"].startswith("comment:")


def comments_only(d: Document) -> Document:
    """The facts of the document's reader comments alone (see :func:`reporting`)."""
    view = copy.copy(d)
    view.events = [e for e in d.events if not _reported(e)]
    view.claims = [c for c in d.claims if not _reported(c)]
    view.silences = [s for s in d.silences if not _reported(s)]
    view.agreements = []
    return view


def reporting(d: Document) -> Document:
    """The document as the situation reads it: its events, claims and silences from the reporting
    (title, subtitle, body) only. Reader comments are not reporting: their facts stay on the
    document (with their comment spans) but stand for no actor, position, link, figure or date of
    the situation. A shallow copy: the facts are the document's own objects."""
    if all(_reported(x) for x in (*d.events, *d.claims, *d.silences)):
        return d
    view = copy.copy(d)
    view.events = [e for e in d.events if _reported(e)]
    view.claims = [c for c in d.claims if _reported(c)]
    view.silences = [s for s in d.silences if _reported(s)]
    return view


def build_picture(documents: Sequence[Document], *, duplicates: dict[str, str] | None = None,
                  copy_docs: bool = True) -> dict[str, Any]:
    """The situation's picture over ``documents`` (duplicates listed, their facts left out).

    ``copy_docs``: merge on copies so that the callers' claims keep the proposition ids of the
    top-level situation."""
    duplicates = duplicates or {}
    docs = [copy.deepcopy(d) if copy_docs else d for d in documents]
    canon = [reporting(d) for d in docs if d.id not in duplicates]
    agreements = build_agreements(canon)
    canonical_actor = canonical(actor_aliases(canon))
    figures, background = _figures(canon, canonical_actor)
    propositions = build_propositions(canon, canonical_actor)
    # what readers claim in the comments: merged on its own, so every claim's proposition id is
    # one of the situation's, and never mixed with the reporting's positions
    readers = [v for d in docs if d.id not in duplicates and (v := comments_only(d)).claims]
    reader_propositions = build_propositions(readers) if readers else []
    for i, a in enumerate(agreements):
        a.setdefault("id", f"A{i + 1}")
    return {
        "documents": [d.id for d in documents],
        "duplicates": [{"document": d, "duplicate_of": o} for d, o in duplicates.items()],
        "outlets": sorted({d.outlet for d in documents if d.outlet}),
        "first": min((d.published for d in documents if d.published), default=None),
        "last": max((d.published for d in documents if d.published), default=None),
        "actors": collect_actors(canon, canonical_actor),
        "propositions": propositions,
        "agreements": agreements,
        "figures": figures,
        "background_figures": background,
        "timeline": build_timeline(canon, agreements),
        "network": build_network(canon, propositions, canonical_actor),
        "reader_propositions": reader_propositions,
    }

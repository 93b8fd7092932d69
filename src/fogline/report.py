"""Readable text output of an analysis (``--format text``)."""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import Result


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def text_summary(result: Result) -> str:
    lines = [f"fogline: {len(result.documents)} documents analysed, {len(result.rejected)} inputs rejected", ""]
    for d in result.documents:
        lines.append(f"■ {d.title or '(no title)'}")
        if d.subtitle:
            lines.append(f"  {d.subtitle}")
        meta = [x for x in (d.outlet, ", ".join(d.authors) or None, d.published) if x]
        lines.append(f"  {' · '.join(meta) if meta else 'no outlet, author or date'}   [{d.id}] {d.source}")
        words = len(d.body.split())
        lines.append(f"  body: {words} words in {d.body.count(chr(10) * 2) + 1} paragraphs; "
                     f"{len(d.comments)} reader comments; {len(d.events)} events, {len(d.claims)} claims, "
                     f"{len(d.silences)} silences, {len(d.agreements)} agreement mentions")
        lines.append(textwrap.indent(textwrap.fill(_clip(d.body, 300), 96), "  │ "))
        for c in d.comments[:6]:
            reply = f" (reply to {c.parent})" if c.parent else ""
            lines.append(f"  ├ comment {c.id} by {c.author or 'anonymous'}{reply}: {_clip(c.text, 70)}")
        if len(d.comments) > 6:
            lines.append(f"  └ … {len(d.comments) - 6} more comments")
        for e in [e for e in d.events if e.evidence.part == "body"][:5]:
            who = ", ".join(a.name for a in e.source) or "?"
            whom = ", ".join(a.name for a in e.target)
            flags = "".join(f for f, on in ((" negated", e.negated), (" hedged", e.hedged)) if on)
            lines.append(f"  ◆ {e.date or '????-??-??'} {e.type}{'/' + e.mode if e.mode else ''} "
                         f"{who}{' → ' + whom if whom else ''}{flags}: “{_clip(e.evidence.text, 70)}”")
        for c in [c for c in d.claims if c.evidence.part == "body"][:5]:
            lines.append(f"  ❝ {c.speaker.name if c.speaker else '(unnamed)'} {c.stance}s ({c.cue}): "
                         f"“{_clip(c.content, 70)}”")
        for sl in d.silences[:3]:
            lines.append(f"  ∅ {sl.actor.name} is silent: “{_clip(sl.evidence.text, 70)}”")
        lines.append("")
    props = [p for p in result.situation.get("propositions", []) if len(p["positions"]) > 1]
    if props:
        lines.append("Propositions held by more than one party (contested first):")
        for p in props[:8]:
            mark = "⚔ contested" if p["contested"] else "  agreed"
            lines.append(f"  {mark}: “{_clip(p['text'], 80)}”")
            for pos in p["positions"]:
                other = " (by another account)" if pos.get("alternative") == pos["claims"] else ""
                lines.append(f"      {pos['stance']:>7}  {pos['actor']['name']}{other}")
        lines.append("")
    hostile = [e for e in result.situation.get("network", []) if e["tone"] == "hostile"]
    if hostile:
        lines.append("Who acts against whom (attacks, accusations, contradictions):")
        for e in hostile[:6]:
            times = f" ×{e['count']}" if e["count"] > 1 else ""
            lines.append(f"  → {e['source']['name']} {HOSTILE_VERB.get(e['type'], e['type'].lower())}{times} "
                         f"{e['target']['name']} (in {len(e['documents'])} report{'s' if len(e['documents']) > 1 else ''})")
        lines.append("")
    if len(result.situations) > 1 or any(s.get("duplicates") for s in result.situations):
        lines.append(f"Situations ({len(result.situations)}; `fogline report --db FILE` gives a brief of each):")
        for s in result.situations[:10]:
            first = next((d for d in result.documents if d.id == s["documents"][0]), None)
            lines.append(f"  {s['id']}: {len(s['documents'])} reports ({len(s['duplicates'])} copies), "
                         f"{s['first'] or '?'} to {s['last'] or '?'}: {_clip((first.title or first.body) if first else '', 70)}")
        lines.append("")
    if result.rejected:
        lines.append("Rejected:")
        lines += [f"  ✗ {r.source}: {r.code} {r.reason}" for r in result.rejected]
        lines.append("")
    return "\n".join(lines) + "\n"


# -- the brief of one situation (``fogline report``) ------------------------------------------

HOSTILE_VERB = {"ASSAULT": "attacked", "ACCUSE": "accused", "CONTRADICTS": "contradicts", "THREATEN": "threatened",
                "COERCE": "coerced", "SANCTION": "sanctioned", "REJECT": "rejected", "PROTEST": "protested against",
                "MOBILIZE": "mobilised against"}


def _pointer(doc_id: str, ev: dict | None, n: int = 90) -> str:
    if not ev:
        return f"[{doc_id[:8]}]"
    return f"[{doc_id[:8]} {ev['part']} {ev['start']}:{ev['end']} “{_clip(ev['text'], n)}”]"


def _facts(documents: list) -> dict[str, tuple[str, dict]]:
    """Fact id -> (document id, fact as a dict), for the pointers."""
    from .model import to_dict

    out: dict[str, tuple[str, dict]] = {}
    for d in documents:
        for kind in ("events", "claims"):
            for x in getattr(d, kind):
                x = x if isinstance(x, dict) else to_dict(x)
                out.setdefault(x["id"], (d.id, x))
    return out


def _fmt_figure(v: float, q: str | None) -> str:
    n = f"{v:g}"
    return {"at_least": f"at least {n}", "about": f"about {n}", "up_to": f"up to {n}"}.get(q or "", n)


def situation_brief(pic: dict, documents: list, *, max_items: int = 8) -> str:
    """A readable brief of one situation, every point with a pointer to its evidence:
    ``[document id, part, start:end, “the words”]``. Built from the stored facts alone."""
    from .model import to_dict

    facts = _facts(documents)
    by_id = {d.id: d for d in documents}
    dups = {x["document"]: x["duplicate_of"] for x in pic.get("duplicates", [])}
    canon = [d for d in documents if d.id not in dups]
    L = [f"Situation {pic.get('id', '')}: {len(pic['documents'])} reports ({len(dups)} copies counted once), "
         f"{pic.get('first') or '?'} to {pic.get('last') or '?'}; outlets: {', '.join(pic.get('outlets', [])) or 'unknown'}"]
    for d in documents:
        mark = f" (copy of {dups[d.id][:8]})" if d.id in dups else ""
        L.append(f"  [{d.id[:8]}] {d.published or '????-??-??'} {d.outlet or '-'}: {_clip(d.title or d.body, 80)}{mark}")
    top = ", ".join(f"{a['name']} ({a['mentions']})" for a in pic.get("actors", [])[:10])
    L += ["", f"Actors (mentions): {top or 'none found'}", "", "What happened:"]
    from collections import Counter

    events = []
    where = Counter()   # the places most reports put their events in: the situation's own
    for d in canon:
        where.update({(e if isinstance(e, dict) else to_dict(e)).get("location", {}) and
                      (e if isinstance(e, dict) else to_dict(e))["location"]["name"] for e in d.events} - {None, ""})
    home = {n for n, k in where.most_common(2) if k > 1}
    for d in canon:
        for e in d.events:
            e = e if isinstance(e, dict) else to_dict(e)
            if e["negated"] or e["evidence"]["part"] not in ("body", "title"):
                continue
            at_home = bool(e.get("location") and e["location"]["name"] in home)
            weight = (e["type"] == "ASSAULT") * 3 + bool(e.get("figures")) * 2 + bool(e.get("source")) + at_home * 3
            events.append((weight, d, e))
    events.sort(key=lambda x: (-x[0], x[2].get("date") or x[1].published or ""))
    seen_ev: set[str] = set()
    shown: list[tuple[str, str, int, int]] = []
    chosen: list[tuple[str, str]] = []
    n = 0
    for _, d, e in events:
        key = _clip(e["evidence"]["text"], 60)
        ev = e["evidence"]
        if key in seen_ev or any(doc == d.id and part == ev["part"] and s0 < ev["end"] and ev["start"] < e0
                                 for doc, part, s0, e0 in shown):
            continue   # the same words, or words inside an event already listed
        seen_ev.add(key)
        shown.append((d.id, ev["part"], ev["start"], ev["end"]))
        who = ", ".join(a["name"] for a in e.get("source") or []) or "someone"
        whom = ", ".join(a["name"] for a in e.get("target") or [])
        place = f" in {e['location']['name']}" if e.get("location") else ""
        hedge = " (reportedly)" if e.get("hedged") else ""
        chosen.append((e.get("date") or d.published or "?",
                       f"  ◆ {e.get('date') or d.published or '?'} {e['type']}{hedge}: {who}{' → ' + whom if whom else ''}"
                       f"{place} {_pointer(d.id, e['evidence'])}"))
        n += 1
        if n >= max_items:
            break
    L += [line for _, line in sorted(chosen, key=lambda x: x[0])]   # the most telling events, in date order
    if not n:
        L.append("  (no events found)")
    L += ["", "What was agreed and what became of it:"]
    if not pic.get("agreements"):
        L.append("  (no agreement mentioned)")
    for a in pic.get("agreements", []):
        parties = ", ".join(p["name"] for p in a.get("parties", [])) or "parties not named"
        L.append(f"  ▣ {a.get('label') or a['kind']} ({a['kind']}; {parties}) in {len(a.get('documents', []))} report(s)")
        for t in a.get("terms", [])[:4]:
            L.append(f"      term: {_clip(t['text'], 80)} {_pointer(a.get('documents', ['?'])[0], t['evidence'], 50)}")
        for s in a.get("status", []):
            by = f" according to {s['according_to']['name']}" if s.get("according_to") else ""
            L.append(f"      {s.get('date') or '????-??-??'} {s['status']}{by} {_pointer(a.get('documents', ['?'])[0], s['evidence'], 60)}")
        for r in a.get("requests", []):
            L.append(f"      request by {r['by']['name']}: {_clip(r['text'], 80)}")
    L += ["", "What is contested, and by whom:"]
    contested = [p for p in pic.get("propositions", []) if p["contested"]]
    if not contested:
        L.append("  (nothing both asserted and denied)")
    for p in contested[:max_items]:
        L.append(f"  ⚔ “{_clip(p['text'], 100)}”")
        for pos in p["positions"]:
            cid = pos["claims"][0] if pos["claims"] else None
            doc_id, claim = facts.get(cid, (pos["documents"][0] if pos["documents"] else "?", None))
            ev = claim["evidence"] if claim else None
            other = " (by another account)" if cid and cid in pos.get("alternative", ()) else ""
            L.append(f"      {pos['stance']:>7} {pos['actor']['name']}{other}: {_pointer(doc_id, ev, 70)}")
    L += ["", "Who acts against whom (attacks, accusations, contradictions):"]
    hostile = [e for e in pic.get("network", []) if e["tone"] == "hostile"]
    if not hostile:
        L.append("  (no hostile act between named actors)")
    for e in hostile[:max_items]:
        ref = e["refs"][0]
        doc_id, fact = facts.get(ref, (e["documents"][0], None))
        times = f" ×{e['count']}" if e["count"] > 1 else ""
        L.append(f"  → {e['source']['name']} {HOSTILE_VERB.get(e['type'], e['type'].lower())}{times} {e['target']['name']} "
                 f"{_pointer(doc_id, fact['evidence'] if fact else None, 60)}")
    L += ["", "Who stays silent:"]
    silent = [(d, s if isinstance(s, dict) else to_dict(s)) for d in canon for s in d.silences]
    for p in pic.get("propositions", []):
        for pos in p["positions"]:
            if pos["stance"] == "silent" and not any(s["actor"]["name"] == pos["actor"]["name"] for _, s in silent):
                silent.append((by_id.get(pos["documents"][0]) if pos["documents"] else None,
                               {"actor": pos["actor"], "evidence": None}))
    if not silent:
        L.append("  (no party on record as silent)")
    for d, s in silent[:max_items]:
        L.append(f"  ∅ {s['actor']['name']} {_pointer(d.id if d else '?', s.get('evidence'))}")
    L += ["", "Figures by source:"]
    if not pic.get("figures"):
        L.append("  (no figures stated)")
    for g in pic.get("figures", []):
        flag = "DISAGREE" if g["disagree"] else "agree"
        L.append(f"  # {g['unit']}: {flag}, from {_fmt_figure(g['range'][0], None)} to {_fmt_figure(g['range'][1], None)}")
        for v in g["values"][:24]:
            voice = "says" if v["voice"] == "claim" else "(outlet's own voice)"
            L.append(f"      {_fmt_figure(v['value'], v.get('qualifier')):>14}  {v['source']['name']} {voice}, "
                     f"{v.get('published') or '?'} {_pointer(v['document'], v['evidence'], 60)}")
    background = pic.get("background_figures") or []
    if background:
        L += ["", "Background (war-wide or multi-year totals, not compared):"]
        for v in background[:max_items]:
            voice = "says" if v["voice"] == "claim" else "(outlet's own voice)"
            L.append(f"      {_fmt_figure(v['value'], v.get('qualifier')):>14} {v['unit']}  {v['source']['name']} "
                     f"{voice}, {v.get('published') or '?'} {_pointer(v['document'], v['evidence'], 60)}")
    return "\n".join(L) + "\n"

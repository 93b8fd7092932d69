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
                lines.append(f"      {pos['stance']:>7}  {pos['actor']['name']}")
        lines.append("")
    if result.rejected:
        lines.append("Rejected:")
        lines += [f"  ✗ {r.source}: {r.code} {r.reason}" for r in result.rejected]
        lines.append("")
    return "\n".join(lines) + "\n"

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
        lines.append("")
    if result.rejected:
        lines.append("Rejected:")
        lines += [f"  ✗ {r.source}: {r.code} {r.reason}" for r in result.rejected]
        lines.append("")
    return "\n".join(lines) + "\n"

"""Publication dates written in a report's head ("March 11, 2025", "Published: 14 Dec 2016",
"2016-12-14T09:30:00Z") to ISO ``YYYY-MM-DD``.

Deliberately narrow: only a line that *is* a date (with an optional label, weekday and time) counts,
so a headline that names a weekday is never mistaken for a dateline.
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i + 1 for i, ms in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec")]) for m in ms
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_LABEL = r"(?:(?:published|posted|updated|first published|date|dated|last updated)\s*(?:on|at)?\s*[:\-–—]?\s*)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:\s*(?:[,|·•\-–—]|at)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*[+-]\d{2}:?\d{2}|Z)?)?"
_PATTERNS = [
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
]


def _to_iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    month = int(g["mnum"]) if g.get("mnum") else MONTHS.get(g["month"].lower().rstrip("."))
    try:
        return date(int(g["year"]), int(month or 0), int(g["day"])).isoformat()
    except (TypeError, ValueError):
        return None


def find_date(text: str, *, whole: bool = False) -> str | None:
    """The ISO date written in ``text``; with ``whole``, only if the line is nothing but a date."""
    s = text.strip()
    for p in _PATTERNS:
        if whole:
            m = re.fullmatch(_LABEL + p.pattern + _TIME + r"\s*", s, re.I)
        else:
            m = p.search(s)
        if m:
            return _to_iso(m)
    return None

"""Dates: the time expression a clause states, resolved against the publication date.

>>> resolve("Thursday morning", "2016-12-14", future=True)   # a Wednesday
'2016-12-15'
>>> resolve("Wednesday", "2016-12-14")
'2016-12-14'
>>> resolve("11 March 2025", None)
'2025-03-11'

Conventions (each result keeps the words as written in ``date_text``):

- A weekday is the most recent such day on or before publication in a past or present clause
  ("fighting on Wednesday" in a report published Wednesday is that Wednesday), and the next such
  day on or after publication in a future or scheduled one ("will begin on Thursday", "is to
  begin on Tuesday", "is due to begin"); a past schedule ("was to begin Wednesday") is past.
  "last Tuesday" is strictly before publication, "next Tuesday" strictly after. Tense is read from
  the clause's verbs (:func:`is_future`); a clause without a verb counts as past.
- yesterday and last night and overnight: the day before publication; today, tonight, this
  morning: publication day; tomorrow: the day after; the day before yesterday: two days before;
  "N days ago", "a week ago": that many days before.
- last week: seven days before publication; next week: seven days after. Vaguer periods
  ("earlier this month", "this week", "last month", "last year") keep their text but resolve
  to None: a made-up day would mislead a timeline more than a blank.
- A day and month without a year take the publication year, or the year before when that would
  put the date more than 31 days after publication (in a future clause: the year after, when it
  would fall more than 31 days before).
- With no publication date only dates that carry their year resolve. A month alone ("since
  October") is not a date.

Cost: a regular expression over the span's text rejects the ~90% of sentences with no
date-like word before any token is looked at; no dateparser call is made (:func:`resolve` falls
back to dateparser only for an expression its own grammar cannot read).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..nlp import token_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    m: i + 1 for i, ms in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec")]) for m in ms
}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)")
_PART = r"(?:morning|afternoon|evening|night|midday|noon|dawn)"
_CLOCK = r"(?:\s+at\s+(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*[ap]\.?m\.?|dawn|noon|midnight|midday)(?:\s*[ap]\.?m\.?)?)"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# One alternative per kind of expression; names tell :func:`_resolve_match` which it is.
_GRAMMAR = re.compile(
    rf"(?P<iso>\b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})\b)"
    rf"|(?P<dmy>\b(?:{_WD},?\s+)?(?:the\s+)?(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{_MON})"
    rf"(?:,?\s+(?P<dy>\d{{4}}))?(?![\w-]))"
    rf"|(?P<mdy>\b(?:{_WD},?\s+)?(?P<mm>{_MON})\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
    rf"(?:,?\s+(?P<my>\d{{4}})\b)?)"
    rf"|(?P<rel>\b(?i:(?:the\s+)?day\s+before\s+yesterday|yesterday(?:\s+{_PART})?|tomorrow(?:\s+{_PART})?"
    rf"|last\s+night|overnight|tonight|today|(?:earlier|later)\s+today|this\s+{_PART})\b)"
    rf"|(?P<wd>\b(?:(?P<wq>[Ll]ast|[Nn]ext|[Tt]his|[Ll]ate|[Ee]arly)\s+)?(?P<wday>{_WD})(?:'s)?"
    rf"(?:\s+{_PART})?{_CLOCK}?)"
    rf"|(?P<ago>\b(?i:(?P<an>{_NUM})\s+(?P<au>day|week|month|year)s?\s+ago)\b)"
    rf"|(?P<period>\b(?i:(?P<pq>last|next|this|earlier\s+this|later\s+this|(?:the\s+)?past|(?:the\s+)?previous)"
    rf"\s+(?P<pu>week|weekend|month|year))\b)"
)
# Cheap gate: any word that can start a date expression.
_GATE = re.compile(
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
    r"|(?i:yesterday|today|tonight|tomorrow|overnight|last\s+night|\bago\b|\b(?:last|next|this|past|previous)"
    r"\s+(?:week|month|year|morning|afternoon|evening))|\b\d{4}-\d{2}-\d{2}\b")

# Words one of which every match of _GATE contains (as cased, or lower-cased), found by plain
# substring search: _GATE costs ~0.1 ms a sentence, this a few microseconds.
_CASED_KEYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Jan", "Feb", "Mar",
               "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LOWER_KEYS = ("yesterday", "today", "tomorrow", "night", "ago", "week", "month", "year", "morning", "afternoon",
               "evening")
_DIGIT_DASH = re.compile(r"\d-\d")
# The only non-ASCII characters that IGNORECASE matches to an ASCII letter (the dotted and dotless
# i, the long s, the Kelvin sign): text with one is left to _GATE.
_FOLDS = frozenset("\u0130\u0131\u017f\u212a")


# _GATE's alternatives that are plain words: where one stands in the text, _GATE matches.
_GATE_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
               "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _gate(text: str) -> bool:
    """``_GATE.search(text)``, answered without the regular expression where substrings settle it."""
    if any(w in text for w in _GATE_WORDS):
        return True
    return _may_hold_date(text) and _GATE.search(text) is not None


def may_hold_date(span: Span | Doc) -> bool:
    """False only where no date expression can be found in ``span``'s text nor in any stretch of
    it: each test (a word, a key, a digit-dash-digit) that fails on a text fails on each of its
    substrings too (``_GATE`` itself may not: a word boundary at a cut), so a clause of a sentence
    this answers False for needs no search."""
    text = span_text(span)
    return any(w in text for w in _GATE_WORDS) or _may_hold_date(text)


def _may_hold_date(text: str) -> bool:
    """False only where _GATE surely finds nothing."""
    if (not text.isascii() and not _FOLDS.isdisjoint(text)) or any(k in text for k in _CASED_KEYS):
        return True
    low = text.lower()
    return any(k in low for k in _LOWER_KEYS) or ("-" in text and _DIGIT_DASH.search(text) is not None)


def _iso(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _weekday(target: int, pub: date, future: bool | None, qualifier: str) -> date:
    back = (pub.weekday() - target) % 7  # days back to the most recent such day, 0 if today
    q = qualifier.lower()
    if q == "last":
        return pub - timedelta(days=back or 7)
    if q == "next":
        return pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
    if future is None:  # nearest, the past on a tie
        fwd = (target - pub.weekday()) % 7
        return pub - timedelta(days=back) if back <= fwd else pub + timedelta(days=fwd)
    if future:
        return pub + timedelta(days=(target - pub.weekday()) % 7)
    return pub - timedelta(days=back)


def _day_month(day: int, month: int, year: str | None, pub: date | None, future: bool | None) -> date | None:
    try:
        if year:
            return date(int(year), month, day)
        if pub is None:
            return None
        d = date(pub.year, month, day)
    except ValueError:
        return None
    try:
        if d > pub + timedelta(days=31):
            d = d.replace(year=pub.year - 1)
        elif future and d < pub - timedelta(days=31):
            d = d.replace(year=pub.year + 1)
    except ValueError:  # 29 February
        return None
    return d


def _resolve_match(m: re.Match[str], pub: date | None, future: bool | None) -> date | None:
    g = m.groupdict()
    if g["iso"]:
        try:
            return date(int(g["iy"]), int(g["im"]), int(g["id"]))
        except ValueError:
            return None
    if g["dmy"]:
        return _day_month(int(g["dd"]), MONTHS[g["dm"].lower().rstrip(".")], g["dy"], pub, future)
    if g["mdy"]:
        return _day_month(int(g["md"]), MONTHS[g["mm"].lower().rstrip(".")], g["my"], pub, future)
    if pub is None:
        return None
    if g["rel"]:
        s = g["rel"].lower()
        if "before yesterday" in s:
            return pub - timedelta(days=2)
        if s.startswith(("yesterday", "last night", "overnight")):
            return pub - timedelta(days=1)
        if s.startswith("tomorrow"):
            return pub + timedelta(days=1)
        return pub
    if g["wd"]:
        q = (g["wq"] or "").lower()
        return _weekday(WEEKDAYS.index(g["wday"].lower()), pub, future, q if q in ("last", "next") else "")
    if g["ago"]:
        n = int(g["an"]) if g["an"].isdigit() else NUMBERS[g["an"].lower()]
        unit = g["au"].lower()
        if unit == "day":
            return pub - timedelta(days=n)
        if unit == "week":
            return pub - timedelta(days=7 * n)
        return None
    if g["period"]:
        q = " ".join(g["pq"].lower().split())
        if g["pu"].lower() == "week" and q in ("last", "the past", "past", "the previous", "previous"):
            return pub - timedelta(days=7)
        if g["pu"].lower() == "week" and q == "next":
            return pub + timedelta(days=7)
        return None
    return None


def resolve(expr: str, published: str | None, *, future: bool | None = False) -> str | None:
    """The ISO date of the time expression ``expr`` in a report published on ``published``.

    ``future`` says the clause looks forward (a schedule); None picks the nearest such day.
    """
    pub = _iso(published)
    m = _GRAMMAR.search(expr)
    if m:
        d = _resolve_match(m, pub, future)
        return d.isoformat() if d else None
    return _dateparser(expr, pub, future)


def _dateparser(expr: str, pub: date | None, future: bool | None) -> str | None:
    """Last resort for absolute dates the grammar does not read ("14.12.2016", "Dec 14th 2016")."""
    if not re.search(r"\d", expr) or not re.search(r"\b\d{4}\b|" + _MON, expr):
        return None
    import warnings
    from datetime import datetime

    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past",
                                   "REQUIRE_PARTS": ["day", "month"]}
    if pub:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    elif not re.search(r"\b\d{4}\b", expr):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        d = dateparser.parse(expr, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return d.date().isoformat() if d else None


# --- tense ------------------------------------------------------------------------------------

_SCHEDULE = {"be", "due", "set", "schedule", "expect", "plan", "go", "about", "supposed", "slate", "intend",
             "poised"}
_TIMETABLE = {"begin", "start", "open", "resume", "end", "expire", "close", "arrive", "leave", "depart",
              "meet", "convene", "vote", "launch", "kick", "commence", "finish", "run", "last"}
_VERBAL = {"VERB", "AUX"}


def _forms(t: Token) -> list[Token]:
    forms = [t, *(c for c in t.children if c.dep_ in ("aux", "auxpass"))]
    if t.dep_ == "acomp" and t.head.pos_ in _VERBAL:  # "is due to", "was due to"
        forms.append(t.head)
    return forms


def _form(t: Token) -> str | None:
    """"modal", "past", "present" or None: the finite form of ``t`` or of its auxiliaries."""
    tags = {f.tag_ for f in _forms(t)}
    if "MD" in tags:
        return "modal"
    if "VBD" in tags:
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return None


def _finite(t: Token) -> bool | None:
    """Future (True), past (False) or unknown (None) from ``t``'s own finite form or auxiliaries."""
    forms = _forms(t)
    tags = {f.tag_ for f in forms}
    lowers = {f.lower_ for f in forms}
    if "MD" in tags:
        return "have" not in lowers  # "would have begun" looks back
    if "VBD" in tags:
        return False
    if tags & {"VBZ", "VBP"}:
        if t.tag_ == "VBN":
            # "is scheduled for Thursday" looks forward; "has begun", "is understood" do not
            return t.lemma_ in _SCHEDULE and not lowers & {"has", "have", "'ve"}
        if t.tag_ == "VBG":
            return True  # "is beginning on Thursday"
        # the present simple states a timetable only with verbs of starting and stopping:
        # "begins on Thursday"; "is in dispute", "says" are not future
        return t.lemma_ in _TIMETABLE
    if t.tag_ == "VBN" and t.dep_ in ("acl", "amod", "advcl"):
        return False  # a participle modifier: "the demand, first raised on Monday"
    return None


def is_future(tok: Token) -> bool | None:
    """Whether the clause governing ``tok`` looks forward: "will see the evacuations begin",
    "is to begin", "is due to begin", "is expected to", "would travel"; False for a past or
    present report ("was to begin", "fought", "has begun"); None when the verbs do not say.

    Climbs from ``tok`` to its verb, and on through infinitives and participles to the first
    finite verb; an infinitive hanging off a present "be/due/set/expected/planned" is future,
    off a past one past; a bare infinitive heading a headline ("aid to move Tuesday") is future.
    """
    t = _tense(tok)
    return True if t == "future" else False if t == "past" else None


def _tense(tok: Token) -> str | None:
    """"future", "past", "either" (an infinitive after a past verb: "agreed to leave on
    Thursday" may look back or forward) or None (no verb). Worked out once per token (kept on the
    Doc: every clause holding a date expression asks of its root again)."""
    memo = tok.doc.user_data.get(TENSE_KEY)
    if memo is None:
        memo = tok.doc.user_data[TENSE_KEY] = {}
    i = tok.i
    if i in memo:
        return memo[i]
    got = memo[i] = _tense_uncached(tok)
    return got


TENSE_KEY = "fogline.when.tense"


def _tense_uncached(tok: Token) -> str | None:
    v = tok
    for _ in range(12):
        if v.pos_ in _VERBAL or v.dep_ == "acomp":
            break
        if v.head.i == v.i:
            return None
        v = v.head
    else:
        return None
    for _ in range(8):
        f = _finite(v)
        if f is not None:
            return "future" if f else "past"
        to = any(c.lower_ == "to" and c.dep_ == "aux" for c in v.children)
        h = v.head
        if h.i == v.i:
            return "future" if to else None
        if to and (h.lemma_ in _SCHEDULE or h.lower_ in _SCHEDULE):
            return "past" if _form(h) == "past" else "future"  # "is to begin", "was due to begin"
        if to:
            return "future" if _form(h) in ("present", "modal") else "either"
        v = h
    return None


# --- finding the expression -------------------------------------------------------------------

def expressions(span: Span | Doc) -> list[tuple[re.Match[str], Span]]:
    """Every date expression in ``span``: the match over its text and the tokens it covers.
    Kept on the Doc by character range: a sentence is asked again for each of its events."""
    text = span_text(span)
    doc = span.doc
    base = span.start_char if hasattr(span, "start_char") else 0
    cache = doc.user_data.setdefault("fogline.when", {})
    found = cache.get((base, len(text)))
    if found is not None:
        return list(found)
    if not _gate(text):
        cache[(base, len(text))] = ()
        return []
    out = []
    for m in _GRAMMAR.finditer(text):
        toks = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
        if toks is None or len(toks) == 0:
            continue
        out.append((m, toks))
    cache[(base, len(text))] = tuple(out)
    return out


def span_text(span: Span | Doc) -> str:
    """``span.text``, sliced from its Doc's text, which is read once and kept on the Doc (spaCy
    rebuilds ``Span.text`` and ``Doc.text`` from the tokens on every access)."""
    doc = span.doc
    text = doc.user_data.get("fogline.doc_text")
    if text is None:
        # the text fogline parsed (nlp.parse_documents), which is the Doc's: spaCy's tokens cover
        # their text exactly; checked against the last token's end all the same
        text = doc.user_data.get("fogline_text")
        if not (isinstance(text, str) and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws)):
            text = doc.text
        doc.user_data["fogline.doc_text"] = text
    return text[span.start_char:span.end_char] if hasattr(span, "start_char") else text


def _distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree."""
    head = token_table(a.doc).head  # the paths to the root by index: no Token built
    limit = len(head)

    def path(i: int) -> list[int]:  # the token and its ancestors (Token.ancestors climbs at most the Doc's length)
        out = [i]
        while head[i] != i and len(out) <= limit:
            i = head[i]
            out.append(i)
        return out

    pa = path(a.i)
    pb = path(b.i)
    ib = {t: n for n, t in enumerate(pb)}
    for n, t in enumerate(pa):
        if t in ib:
            return n + ib[t]
    return len(pa) + len(pb)


def date_in(span: Span | Doc, published: str | None, *, future: bool | None = None,
            anchor: Token | None = None) -> tuple[str | None, str | None]:
    """``(date_text, ISO date)`` of the time expression governing ``span``, or ``(None, None)``.

    ``published`` is the report's publication date ("YYYY-MM-DD") or None. ``future`` overrides
    the tense read from the clause (:func:`is_future`). Where the span holds several expressions,
    the one that resolves and sits nearest ``anchor`` (an event's trigger; default the span's
    root) in the dependency tree wins, then the first. An expression that does not resolve to a
    day ("earlier this month", or any relative one without ``published``) still gives its text.
    """
    found = _resolved(span, published, future)
    if not found:
        return None, None
    if anchor is None:
        if not hasattr(span, "root"):
            span = span[:]  # type: ignore[index]
        anchor = span.root  # type: ignore[union-attr]
    best: tuple[tuple[bool, int, int], str, str | None] | None = None
    for start, root, text, iso in found:
        rank = (iso is not None, -_distance(root, anchor), -start)
        if best is None or rank > best[0]:
            best = (rank, text, iso)
    assert best is not None
    return best[1], best[2]


def _resolved(span: Span | Doc, published: str | None,
              future: bool | None) -> list[tuple[int, Token, str, str | None]]:
    """(start in the span's text, root token, text, ISO date or None) of each expression of
    :func:`expressions`, resolved once per span, publication date and ``future`` (kept on the Doc:
    every event of a sentence asks for its date, each with its own anchor)."""
    found = expressions(span)
    if not found:
        return []
    base = span.start_char if hasattr(span, "start_char") else 0
    key = ("resolved", base, len(span_text(span)), published, future)
    cache = span.doc.user_data.setdefault("fogline.when", {})
    got = cache.get(key)
    if got is None:
        pub = _iso(published)
        got = []
        for m, toks in found:
            tense = future
            root = toks.root
            if tense is None and m.group(0).endswith("'s"):
                tense = False  # "Tuesday's convoy": an event the reader knows of
            elif tense is None:
                t = _tense(root)
                # no verb reads as past (reports tell what happened); "either" takes the nearest day
                tense = True if t == "future" else None if t == "either" else False
            d = _resolve_match(m, pub, tense)
            got.append((m.start(), root, m.group(0).strip(), d.isoformat() if d else None))
        cache[key] = got
    return got


class DateTracker:
    """Dates for a run of clauses in reading order, carrying the narrative's date forward.

    A clause with its own time expression gets it; one without gets the last past-or-present date
    stated before it in the same part ("... was to begin Wednesday. The evacuations didn't happen,
    with troops and rebels fighting each other" -> both Wednesday), never a scheduled future one.
    Call :meth:`reset` between parts.
    """

    def __init__(self, published: str | None) -> None:
        self.published = published
        self._carried: tuple[str | None, str | None] = (None, None)

    def reset(self) -> None:
        self._carried = (None, None)

    def __call__(self, span: Span | Doc, *, anchor: Token | None = None) -> tuple[str | None, str | None]:
        text, iso = date_in(span, self.published, anchor=anchor)
        if text is None:
            return self._carried
        if iso is not None:
            pub = _iso(self.published)
            if pub is None or date.fromisoformat(iso) <= pub:
                self._carried = (text, iso)
        return text, iso

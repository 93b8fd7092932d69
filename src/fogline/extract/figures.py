"""Figures: the numbers a text states about people, with what they count.

>>> [(f.value, f.qualifier, f.unit, f.text) for f in figures_in(nlp("The blast killed at least 100 people.")[:])]
[(100.0, 'at_least', 'killed', 'at least 100 people')]                        # doctest: +SKIP

What a number counts (its unit) is read from, in order:

1. the verb that governs the counted people: "killing 12 soldiers" (killed), "wounding three
   other people" (injured), "11 men had been detained" (arrested), "60 wounded people are to be
   taken to hospitals" (evacuated: the verb decides over the adjective), "2,000 fled" (displaced);
   a toll: "the toll rose to 112", "a toll of seven" (killed);
2. a word on the counted noun: "60 wounded people" (injured), "the bodies of 12" (killed),
   "300 displaced families" (displaced);
3. the noun itself: fighters (fighters, militants, rebels, troops, soldiers, gunmen...), detainees
   and prisoners (arrested), refugees (displaced), dead (killed), casualties (casualties);
4. any other word for people (people, civilians, men, children, drivers...): "people".

Units: killed, injured, evacuated, displaced, arrested, abducted, casualties, fighters, people.
Qualifiers: at_least ("at least", "more than", "over"), about ("about", "around", "some",
"nearly", "almost", "approximately", "roughly", "an estimated"), up_to ("up to", "as many as",
"at most", "fewer than", "less than"), exactly ("exactly", "precisely"), else None.

Not figures: a number that counts no people ("14 trucks", "48 hours"), dates, times, money,
percentages, ordinals, ages ("a 12-year-old", "aged 12"), distances ("80 km"), hyphenated
compounds ("48-hour", "3-day"), and vague amounts ("dozens", "hundreds", "several hundred",
"thousands"), which state no number; a bare "one" (usually a pronoun: "one of its proxies").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from ..model import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
    "dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    "couple": 2, "pair": 2,
}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = {"dozens", "hundreds", "thousands", "millions", "scores", "several", "few", "many", "tens",
          "numerous", "countless"}

# (words before the number, qualifier), longest first
_QUALIFIERS = sorted([
    (("at", "least"), "at_least"), (("more", "than"), "at_least"), (("over",), "at_least"),
    (("no", "fewer", "than"), "at_least"), (("no", "less", "than"), "at_least"), (("upwards", "of"), "at_least"),
    (("in", "excess", "of"), "at_least"), (("just", "over"), "at_least"), (("well", "over"), "at_least"),
    (("about",), "about"), (("around",), "about"), (("some",), "about"), (("nearly",), "about"),
    (("almost",), "about"), (("approximately",), "about"), (("roughly",), "about"), (("an", "estimated"), "about"),
    (("estimated",), "about"), (("close", "to"), "about"), (("approx",), "about"), (("just", "under"), "about"),
    (("up", "to"), "up_to"), (("as", "many", "as"), "up_to"), (("at", "most"), "up_to"),
    (("fewer", "than"), "up_to"), (("less", "than"), "up_to"), (("no", "more", "than"), "up_to"),
    (("exactly",), "exactly"), (("precisely",), "exactly"),
], key=lambda q: -len(q[0]))

# lemma of a governing verb (or noun) -> unit
_VERB_UNITS = {
    **dict.fromkeys(["kill", "slay", "massacre", "execute", "behead", "murder", "die", "perish", "shoot dead",
                     "assassinate", "death", "toll", "body", "drown", "bury"], "killed"),
    **dict.fromkeys(["wound", "injure", "hurt", "maim", "injury", "wounding"], "injured"),
    **dict.fromkeys(["evacuate", "evacuation", "transfer", "bus", "ferry", "airlift", "transport", "rescue"],
                    "evacuated"),
    **dict.fromkeys(["displace", "flee", "uproot", "displacement", "expel"], "displaced"),
    **dict.fromkeys(["arrest", "detain", "hold", "capture", "jail", "imprison", "round", "apprehend", "detention",
                     "arrest", "seize"], "arrested"),
    **dict.fromkeys(["abduct", "kidnap", "abduction", "kidnapping"], "abducted"),
}
# verbs whose subject (not object) is what they count: "12 people died", "2,000 fled"
_INTRANSITIVE = {"die", "perish", "flee", "drown"}
# verbs that move people only with a destination: "taken to hospital", "taken out"
_MOVE = {"take", "move", "carry", "bring", "send"}
# verbs of reporting a fate that take it as a complement: "confirmed killed", "feared dead"
_REPORTED = {"confirm", "report", "fear", "believe", "presume", "declare", "find", "list", "pronounce"}
# verbs that leave their object in a state: "the blast left 40 people dead"
_RESULTATIVE = {"leave", "render"}
# verbs that, with "the lives of N", count the dead
_LIFE_TAKERS = {"claim", "take", "cost", "end"}
_ADJ_UNITS = {"wounded": "injured", "injured": "injured", "dead": "killed", "killed": "killed",
              "displaced": "displaced", "detained": "arrested", "arrested": "arrested", "evacuated": "evacuated",
              "abducted": "abducted", "kidnapped": "abducted", "missing": "missing"}
_FIGHTERS = {"fighter", "militant", "rebel", "troop", "soldier", "gunman", "combatant", "jihadist", "insurgent",
             "militiaman", "militia", "mercenary", "paramilitary", "guerrilla", "commando", "marine",
             "recruit", "sniper", "attacker"}
_NOUN_UNITS = {**dict.fromkeys(_FIGHTERS, "fighters"), "detainee": "arrested", "prisoner": "arrested",
               "captive": "arrested", "hostage": "abducted", "refugee": "displaced", "evacuee": "evacuated",
               "dead": "killed", "death": "killed", "fatality": "killed", "body": "killed", "corpse": "killed",
               "casualty": "casualties", "injury": "injured", "wounded": "injured", "injured": "injured",
               "displaced": "displaced"}
_PEOPLE = {"people", "person", "civilian", "man", "woman", "child", "kid", "boy", "girl", "baby", "infant",
           "resident", "villager", "inhabitant", "citizen", "family", "individual", "victim", "patient",
           "worker", "staff", "staffer", "employee", "journalist", "reporter", "doctor", "nurse", "medic",
           "paramedic", "volunteer", "driver", "passenger", "student", "pupil", "teacher", "protester",
           "demonstrator", "activist", "member", "officer", "policeman", "police", "guard", "official",
           "leader", "commander", "pilgrim", "worshipper", "migrant", "relative", "farmer", "fisherman",
           "shepherd", "other", "adult", "elderly", "teenager", "youth", "minor", "survivor", "suspect",
           "national", "foreigner", "tourist", "crew", "sailor", "settler", "opponent", "supporter",
           "defector", "wounded", "dead", "injured", "displaced", "evacuee", "detainee", "prisoner",
           "hostage", "refugee", "captive", "casualty", "fatality", "body", "corpse", "death", "injury",
           *_FIGHTERS}
_SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
_TOLL = {"toll", "tally", "count", "number", "figure", "total"}
_NUMERIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGITS = re.compile(r"^\d")


def _value(toks: list[Token]) -> float | None:
    """The number written by ``toks``: "2,000", "three", "two dozen", "1.5 million", "twenty-five"."""
    total = 0.0
    current = 0.0
    seen = False
    for t in toks:
        w = t.lower_.replace("\u2011", "-")
        if w in ("-", "and"):
            continue
        parts = w.split("-") if "-" in w and not _NUMERIC.match(w) else [w]
        for p in parts:
            if _NUMERIC.match(p):
                current += float(p.replace(",", ""))
            elif p in _SCALES:
                current = (current or 1) * _SCALES[p]
                if _SCALES[p] >= 1000:
                    total += current
                    current = 0
            elif p in _WORDS:
                current += _WORDS[p]
            else:
                return None
            seen = True
    return total + current if seen else None


def _is_num(t: Token) -> bool:
    return _is_num_word(t.lower_)


def _is_num_word(w: str) -> bool:
    return bool(_NUMERIC.match(w)) or w in _WORDS and w not in ("a", "an", "couple", "pair") or (
        "-" in w and all(p in _WORDS for p in w.split("-")))


def _doc_words(doc: Doc) -> tuple[list[str], list[bool]]:
    """Every token's lower-case form and whether it writes a number (:func:`_is_num`), worked out
    once per Doc (kept on it): clauses and sentences of one Doc are scanned many times."""
    found = doc.user_data.get("fogline.figures")
    if found is None:
        from ..nlp import token_table

        lower = token_table(doc).lower
        seen: dict[str, bool] = {}  # a report repeats its words: each is looked at once
        num = [seen[w] if w in seen else seen.setdefault(w, _is_num_word(w)) for w in lower]
        found = doc.user_data["fogline.figures"] = (lower, num)
    return found


def _number_runs(span: Span) -> list[list[Token]]:
    """Runs of tokens that write one number: "2,000", "two dozen", "1.5 million", "a dozen"."""
    doc = span.doc
    return [list(doc[i:j]) for i, j in _run_bounds(span)]


def _run_bounds(span: Span) -> list[tuple[int, int]]:
    """:func:`_number_runs` as (start, end) token indices (no Token built)."""
    runs: list[tuple[int, int]] = []
    doc = span.doc
    lower, num = _doc_words(doc)
    starts = _run_starts(doc)
    end = span.end
    # only the tokens that may open a run are visited (found once per Doc), not every token
    k, n = bisect_left(starts, span.start), len(starts)
    while k < n:
        i = starts[k]
        if i >= end:
            break
        if not num[i] and i + 1 >= end:  # "a" + scale word: the scale word must be in the span
            k += 1
            continue
        j = i + 1
        # a number written in digits is whole: the next number is another one ("86 30 of them
        # children", a scraped copy that lost its comma), but a scale word goes on ("1.5 million");
        # number words go on with number words ("twenty five", "two dozen")
        while j < end and (lower[j] in _SCALES or (num[j] and not _DIGITS.match(lower[j]) and not _DIGITS.match(
                lower[j - 1])) or (
                lower[j] == "-" and j + 1 < end and num[j + 1] and lower[j + 1] in _WORDS)):
            j += 1
        runs.append((i, j))
        k = bisect_left(starts, j, k + 1)
    return runs


def _run_starts(doc: Doc) -> list[int]:
    """The tokens of the Doc that may open a run of :func:`_number_runs` (a number, or "a"/"an"
    before a scale word), in order: found once per Doc, kept on it."""
    got = doc.user_data.get("fogline.figures.starts")
    if got is None:
        lower, num = _doc_words(doc)
        n = len(lower)
        got = doc.user_data["fogline.figures.starts"] = [
            i for i in range(n) if num[i] or (lower[i] in ("a", "an") and i + 1 < n and lower[i + 1] in _SCALES)]
    return got


def _qualifier(doc: Doc, start: int) -> tuple[str | None, int]:
    """The qualifier written just before ``doc[start]`` and the index it starts at."""
    lower = _doc_words(doc)[0]
    for words, q in _QUALIFIERS:
        n = len(words)
        if start - n >= 0 and tuple(lower[start - n:start]) == words:
            return q, start - n
    return None, start


def _not_a_count(run: list[Token]) -> bool:
    first, last = run[0], run[-1]
    doc = first.doc
    if any(t.ent_type_ in _SKIP_ENTS and t.ent_type_ != "DATE" for t in run):
        return True
    if first.i > 0 and doc[first.i - 1].text in "$€£¥#" or first.i > 0 and doc[first.i - 1].lower_ in (
            "aged", "age", "ages", "no", "no.", "number", "route", "kilometre", "kilometer", "km", "highway",
            "resolution", "article", "chapter", "page", "the"):
        return True
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None:
        if nxt.text in ("-", "\u2011", "%", ":") or nxt.lower_ in ("percent", "per", "%", "years", "year-old",
                                                                     "o'clock", "am", "pm", "a.m.", "p.m."):
            return True
        if nxt.text == "," and nxt.i + 1 < len(doc) and doc[nxt.i + 1].like_num:
            return True  # "March 11, 2025"
    if len(run) == 1 and first.lower_ == "one" and not (first.dep_ == "nummod" and first.head.i > first.i):
        return True  # "one of its proxies"; but "killing one driver" counts
    if any(t.lower_ in _VAGUE for t in run) or first.i > 0 and doc[first.i - 1].lower_ in _VAGUE | {"a"} and (
            first.lower_ in _SCALES or first.lower_.endswith("s")):
        return True  # "several hundred", "many thousands"; "a hundred" is read as 100 by the run
    return False


def _counted(run: list[Token]) -> Token | None:
    """The noun the number counts ("100 people", "three other people", "two of the drivers"), or
    None for a bare number ("the toll rose to 112", "killing six")."""
    last = run[-1]
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod") and head.i > last.i and head.pos_ in (
            "NOUN", "PROPN", "ADJ", "VERB"):
        return head
    for c in last.children:  # "two of the drivers", "seven of them"
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj" and (o.lemma_.lower() in _PEOPLE or o.lower_ in ("them", "those", "whom")):
                    return o
    return None


def _is_people(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in _PEOPLE or noun.lower_ in _PEOPLE:
        return True
    if noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS"):
        return True  # "12 Palestinians"
    return noun.lower_ in ("them", "those", "whom")


def _verb_unit(tok: Token) -> str | None:
    """The unit a governing verb (or toll noun) gives the people ``tok`` stands for."""
    t = tok
    for _ in range(6):
        dep, h = t.dep_, t.head
        if h.i == t.i:
            return None
        lemma = h.lemma_.lower()
        if dep == "nsubj" and lemma == "be":  # "60 people are to be taken", raised to the copula
            passive = [c for c in h.children if c.dep_ == "xcomp" and any(a.dep_ == "auxpass" for a in c.children)]
            if passive:
                dep, h = "nsubjpass", passive[0]
                lemma = h.lemma_.lower()
        if dep in ("dobj", "nsubjpass", "attr", "oprd", "npadvmod") or (dep == "nsubj" and lemma in _INTRANSITIVE):
            if lemma in _MOVE and _moved(h):
                return "evacuated"
            if lemma in _VERB_UNITS and h.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                if lemma == "hold" and h.pos_ != "VERB":
                    return None
                return _VERB_UNITS[lemma]
            # "27 children were confirmed killed", "40 are feared dead", "left 40 people dead"
            if lemma in _REPORTED or (lemma in _RESULTATIVE and dep == "dobj"):
                for c in h.children:
                    if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "advcl", "conj") and c.i > h.i:
                        if c.lower_ in _ADJ_UNITS:
                            return _ADJ_UNITS[c.lower_]
                        if c.lemma_.lower() in _VERB_UNITS and c.tag_ == "VBN":
                            return _VERB_UNITS[c.lemma_.lower()]
            return None
        if dep == "pobj":  # "the deaths of 12 people", "the evacuation of 60 wounded"
            prep = h
            gov = prep.head
            if prep.lower_ == "of" and gov.lemma_.lower() in _VERB_UNITS and gov.pos_ == "NOUN":
                return _VERB_UNITS[gov.lemma_.lower()]
            # "claimed the lives of 27 children", "cost the lives of nine"
            if prep.lower_ == "of" and gov.lemma_.lower() == "life" and gov.dep_ == "dobj" and \
                    gov.head.lemma_.lower() in _LIFE_TAKERS:
                return "killed"
            if prep.lower_ in ("including", "among"):
                t = gov
                continue
            return None
        if dep in ("conj", "appos"):
            t = h
            continue
        if dep == "nsubj" and lemma in _VERB_UNITS and h.tag_ == "VBN":
            return _VERB_UNITS[lemma]  # "people killed"
        return None
    return None


def _passive_after(noun: Token) -> str | None:
    """"those killed at least 160 people were injured" (a comma lost after "killed"): the parser
    makes the people the object of "killed", but a reduced passive relative ("those killed") takes
    no object; the counted people are the subject of the passive verb of harm right after them
    ("were injured"), which gives the unit. None unless the noun is such an object and such a verb
    follows."""
    h = noun.head
    if noun.dep_ != "dobj" or h.tag_ != "VBN" or h.dep_ != "acl" or h.i > noun.i:
        return None
    doc = noun.doc
    j = noun.i + 1
    while j < len(doc) and j - noun.i <= 3 and doc[j].dep_ in ("aux", "auxpass") and doc[j].lemma_.lower() in (
            "be", "have"):
        j += 1
    if j == noun.i + 1 or j >= len(doc):
        return None
    v = doc[j]
    lemma = v.lemma_.lower()
    if v.tag_ == "VBN" and lemma in _VERB_UNITS and lemma not in _MOVE | {"hold"}:
        return _VERB_UNITS[lemma]
    return None


def _moved(v: Token) -> bool:
    """"taken ... to hospitals", "moved out": a verb of carrying with a destination (looked for in
    a short window, as the parser often hangs "to hospitals" off the vehicle)."""
    if any(c.dep_ == "prt" and c.lower_ in ("out", "away") for c in v.children):
        return True
    doc = v.doc
    return any(t.lower_ in ("to", "into") and t.dep_ == "prep" for t in doc[v.i + 1:min(len(doc), v.i + 10)])


def _toll(run: list[Token]) -> str | None:
    """A bare number stating a toll: "the toll rose to 112", "a toll of seven", "put the number
    at 17", "killing six", "the dead numbered 40"."""
    last = run[-1]
    # a number the parser hung on the next one, as scraped copies that lost their commas read
    # ("risen to 86 30 of them children": 86 a compound of 30) stands where that one stands
    while last.dep_ in ("compound", "nummod", "quantmod") and last.head.i > last.i and last.head.like_num:
        last = last.head
    unit = _verb_unit(last)
    if unit:
        return unit
    h = last.head
    if last.dep_ == "pobj" and h.lower_ in ("to", "at", "of"):
        gov = h.head
        nouns = [gov] + [c for c in gov.children if c.dep_ in ("nsubj", "dobj")]
        for n in nouns:
            words = {n.lower_} | {c.lower_ for c in n.children}
            if n.lower_ in _TOLL:
                if words & {"death", "casualty"} or n.lower_ == "toll":
                    return "killed"
                if n.lower_ in ("number", "figure", "total", "tally", "count"):
                    return "people"
    return None


def figures_in(span: Span | Doc) -> list[Figure]:
    """The figures about people stated in ``span`` (a clause or sentence), in order."""
    if not hasattr(span, "start"):
        span = span[:]  # type: ignore[index]
    doc = span.doc
    out: list[Figure] = []
    # what a run states depends on its tokens alone (and the Doc around them), not on the span:
    # worked out once per run and Doc (the clauses of a sentence overlap, each asks), as fields,
    # each caller getting Figures of its own
    memo = doc.user_data.get(FIGURES_KEY)
    if memo is None:
        memo = doc.user_data[FIGURES_KEY] = {}
    for bounds in _run_bounds(span):  # type: ignore[arg-type]
        got = memo.get(bounds, _UNSEEN)
        if got is _UNSEEN:
            got = memo[bounds] = _run_figure(doc, list(doc[bounds[0]:bounds[1]]))
        if got is not None:
            out.append(Figure(*got))
    return out


FIGURES_KEY = "fogline.figures.runs"
_UNSEEN = object()


def _run_figure(doc: Doc, run: list[Token]) -> tuple[float, str, str, str | None] | None:
    """(value, unit, text, qualifier) of the figure the run of tokens ``run`` states, or None."""
    if _not_a_count(run):
        return None
    value = _value(run)
    if value is None:
        return None
    qual, qstart = _qualifier(doc, run[0].i)
    if qual is None and run[0].i > 0 and doc[run[0].i - 1].lower_ in ("a", "an") and run[0].lower_ in _SCALES:
        qstart = run[0].i - 1
    noun = _counted(run)
    unit: str | None
    if noun is not None:
        if noun.ent_type_ in _SKIP_ENTS or not _is_people(noun):
            return None
        # a participle right after the counted noun says what befell it before any verb above it
        # does: "left 30 people killed and 200 wounded" (the parser may hang "people" on "wounded")
        unit = next((_VERB_UNITS[c.lemma_.lower()] for c in noun.children
                     if c.i == noun.i + 1 and c.dep_ in ("acl", "amod") and c.tag_ == "VBN"
                     and c.lemma_.lower() in _VERB_UNITS), None) or _passive_after(noun) or _verb_unit(noun)
        if unit is None:
            adjs = [c.lower_ for c in noun.children if c.dep_ in ("amod", "acl", "compound")]
            unit = next((_ADJ_UNITS[a] for a in adjs if a in _ADJ_UNITS), None)
        if unit is None and qstart > 0 and (v := doc[qstart - 1]).tag_ in ("VBD", "VBN", "VBG", "VBZ", "VBP") and \
                v.lemma_.lower() in _VERB_UNITS and v.lemma_.lower() not in _INTRANSITIVE | _MOVE | {"hold"}:
            # a verb of harm right before the count is its verb, however the parser hung the noun
            # ("wounded more than 60 people said the monitor", its comma lost)
            unit = _VERB_UNITS[v.lemma_.lower()]
        if unit is None:
            unit = _NOUN_UNITS.get(noun.lemma_.lower()) or _NOUN_UNITS.get(noun.lower_) or "people"
        end = max(noun.i, run[-1].i) + 1
        if noun.i < run[0].i:
            end = run[-1].i + 1
    else:
        if any(t.ent_type_ == "DATE" for t in run):
            return None
        unit = _toll(run)
        if unit is None:
            return None
        end = run[-1].i + 1
    text = doc[qstart:end].text
    return value, unit, text, qual

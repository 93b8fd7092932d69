"""Events: who did what to whom, when and where, in PLOVER, CAMEO and ACLED terms.

Reads the parse once. For every clause:

1. a trigger: a verb in the CAMEO verb lexicon (resources/verbs.json, from PETRARCH2), or a
   nominal event ("airstrikes", "shelling", "the evacuation") that no verb of its clause takes up;
2. its roles from the dependency tree: subject (inherited by participle, infinitive and coordinated
   clauses, passives turned round, an instrument subject such as "Syrian airstrikes" giving the
   agent through its modifier), object and prepositional targets ("railed at", "fired on");
3. the CAMEO code refined by PETRARCH-style patterns over the clause's words, mapped to a PLOVER
   type, mode and context and, where it fits, to ACLED's event_type and sub_event_type;
4. negation, hedging, figures, the date (clause, else the running date of the paragraph, else the
   publication date) and the place (clause, else sentence, else the report's main place).

Example: "Syrian airstrikes targeted the rebels" gives
``ASSAULT/aerial, CAMEO 195, Syrian military -> rebels, ACLED Explosions/Remote violence: Air/drone strike``.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..model import Actor, Event, Location
from . import extractor
from .acled import acled_for
from .lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..nlp import ParsedDocument

# Nouns that name an attack's means: as a subject they give the agent (through their modifier) and
# the PLOVER mode; alone they are nominal events.  word -> (mode, CAMEO code)
INSTRUMENTS: dict[str, tuple[str, str]] = {
    "airstrike": ("aerial", "195"), "air strike": ("aerial", "195"), "air raid": ("aerial", "195"),
    "bombing": ("aerial", "195"), "bombardment": ("heavy-weapons", "194"), "warplane": ("aerial", "195"),
    "jet": ("aerial", "195"), "aircraft": ("aerial", "195"), "helicopter": ("aerial", "195"),
    "bomber": ("aerial", "195"), "drone": ("drone", "195"), "drone strike": ("drone", "195"),
    "shell": ("heavy-weapons", "194"), "shelling": ("heavy-weapons", "194"), "artillery": ("heavy-weapons", "194"),
    "mortar": ("heavy-weapons", "194"), "rocket": ("heavy-weapons", "194"), "missile": ("heavy-weapons", "194"),
    "tank": ("heavy-weapons", "194"), "barrel bomb": ("aerial", "195"), "gunfire": ("firearms", "193"),
    "sniper": ("firearms", "193"), "gunman": ("firearms", "193"), "bullet": ("firearms", "193"),
    "bomb": ("explosives", "183"), "car bomb": ("explosives", "1832"), "roadside bomb": ("explosives", "1833"),
    "ied": ("explosives", "183"), "landmine": ("explosives", "183"), "mine": ("explosives", "183"),
    "explosion": ("explosives", "183"), "blast": ("explosives", "183"), "grenade": ("explosives", "183"),
    "suicide bomber": ("suicide-attack", "1831"), "suicide bombing": ("suicide-attack", "1831"),
    "tear gas": ("crowd-control", "175"),
}
# Nominal events that stand on their own: noun lemma -> (CAMEO code, mode)
EVENT_NOUNS: dict[str, tuple[str, str | None]] = {
    "airstrike": ("195", "aerial"), "strike": ("195", "aerial"), "raid": ("190", None), "bombing": ("195", "aerial"),
    "bombardment": ("194", "heavy-weapons"), "shelling": ("194", "heavy-weapons"), "attack": ("190", None),
    "assault": ("190", None), "offensive": ("190", None), "clash": ("190", None), "fighting": ("190", None),
    "battle": ("190", None), "ambush": ("190", None), "massacre": ("202", "massacre"), "killing": ("190", None),
    "protest": ("141", "demo"), "demonstration": ("141", "demo"), "rally": ("141", "demo"), "riot": ("145", "riot"),
    "arrest": ("173", "arrest"), "detention": ("173", "arrest"), "evacuation": ("0874", "withdraw"),
    "abduction": ("181", "abduct"), "kidnapping": ("181", "abduct"), "explosion": ("183", "explosives"),
    "blast": ("183", "explosives"),
}
# Verbs that only say a nominal event happened (or did not): the noun is the event.
LIGHT_VERBS = {"happen", "occur", "take", "continue", "resume", "erupt", "break", "begin", "start", "go",
               "end", "stop", "intensify", "escalate", "follow", "come", "be"}
SUPPORT_VERBS = {"carry", "launch", "conduct", "stage", "mount", "hold", "unleash", "make", "step", "wage", "perform"}
HEDGES = {"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "likely", "suspected",
          "alleged", "reported", "unconfirmed", "probably", "perhaps"}
MODAL_HEDGES = {"may", "might", "could"}
CONTROL_BY_OBJECT = {"urge", "ask", "order", "force", "allow", "persuade", "tell", "call", "press", "help",
                     "enable", "invite", "encourage", "warn", "request", "require", "compel", "permit"}
# Prepositions that introduce a target, by PLOVER type (None: any type).
TARGET_PREPS: dict[str, set[str] | None] = {
    "against": None, "on": {"ASSAULT", "ACCUSE", "SANCTION", "COERCE", "THREATEN", "PROTEST"}, "at": None,
    "upon": None, "toward": None, "towards": None, "into": {"ASSAULT", "COERCE", "MOBILIZE"},
    "with": {"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "SUPPORT", "REJECT"}, "to": {"REQUEST", "AID", "CONCEDE",
                                                                                   "SUPPORT", "CONSULT", "AGREE"},
    "from": {"REQUEST"}, "for": {"AID"},
}
NON_EVENT_CODES = {"---", "", None}
# Verbs of saying with a clause of their own report a claim; the events are inside the clause.
REPORTING = {"say", "claim", "deny", "confirm", "insist", "announce", "report", "state", "tell", "add", "note",
             "explain", "assert", "argue", "suggest", "acknowledge", "admit", "reiterate", "maintain", "believe",
             "think", "know", "hope", "fear", "expect", "understand", "agree", "stress", "emphasize", "allege"}
SAY_ROOTS = ("01",)  # statements: claims, not PLOVER events


@extractor("events")
def extract_events(parsed: ParsedDocument) -> None:
    """Fill ``parsed.doc.events``."""
    events: list[Event] = []
    ctx = _Context(parsed)
    for part, sdoc in parsed.parts.items():
        if part in ("title", "subtitle"):
            continue  # a headline repeats the body's events
        ctx.running_date = None
        for sent in sdoc.sents:
            ctx.new_sentence(part, sent)
            events.extend(_sentence_events(ctx, part, sent))
    parsed.doc.events = events


class _Context:
    """What the extractor knows across sentences of one document."""

    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.published = parsed.doc.published
        from .actors import actor_index

        self.index = actor_index(parsed)
        self.running_date: tuple[str | None, str | None] | None = None
        self.paragraph_end = -1
        self._main_place: Location | None | bool = False
        self.country_hint = self.index.main_country

    def new_sentence(self, part: str, sent: SpacySpan) -> None:
        text = sent.doc.text
        if sent.start_char > self.paragraph_end:  # a new paragraph: the running date does not carry over
            end = text.find("\n\n", sent.start_char)
            self.paragraph_end = len(text) if end < 0 else end
            self.running_date = None

    def main_place(self) -> Location | None:
        if self._main_place is False:
            try:
                from .where import main_place

                self._main_place = main_place([d for p, d in self.parsed.parts.items() if not p.startswith("comment:")])
            except ImportError:
                self._main_place = None
        return self._main_place  # type: ignore[return-value]


def _event_id(doc_id: str, part: str, start: int, code: str) -> str:
    return "e" + hashlib.sha1(f"{doc_id}:{part}:{start}:{code}".encode()).hexdigest()[:10]


def _sentence_events(ctx: _Context, part: str, sent: SpacySpan) -> list[Event]:
    lex = lexicon()
    out: list[Event] = []
    used_nouns: set[int] = set()
    triggers: list[tuple[Token, str, str | None, str | None]] = []  # token, code, mode, how coded
    for tok in sent:
        if tok.pos_ not in ("VERB", "NOUN") or tok.dep_ in ("amod",):
            continue
        if tok.pos_ == "VERB" or (tok.tag_.startswith("VB")):
            hit = lex.entry(tok)
            if hit is None:
                continue
            key, entry = hit
            left, right = _clause_words(tok)
            code, how = lex.code(tok, key, entry, left, right)
            if code in NON_EVENT_CODES or str(code).startswith(SAY_ROOTS):
                continue
            if tok.lemma_.lower() in REPORTING and any(c.dep_ in ("ccomp",) for c in tok.children):
                continue
            subj = _subject(tok)[0]
            mode = None
            if subj is not None and (ins := _instrument(subj)):
                mode, ins_code = ins
                if code and code[:2] in ("19", "18") and len(code) == 3 and code in ("190", "180"):
                    code = ins_code
                used_nouns.add(subj.i)
            triggers.append((tok, code, mode, how))
    for tok, code, mode, _key in triggers:
        for c in tok.children:  # "carried out airstrikes": the noun is the event the verb does
            if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in EVENT_NOUNS:
                used_nouns.add(c.i)
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.i in used_nouns:
            continue
        lemma = tok.lemma_.lower()
        if lemma not in EVENT_NOUNS:
            continue
        if lemma == "strike" and not any(c.lower_ in ("air", "drone", "missile") for c in tok.children):
            continue
        code, mode = EVENT_NOUNS[lemma]
        if lemma in ("attack", "raid", "assault") and (ins := _instrument_modifier(tok)):
            mode, code = ins
        triggers.append((tok, code, mode, "noun"))
    for tok, code, mode, how in triggers:
        ev = _build(ctx, part, sent, tok, code, mode)
        if ev is not None and _attested(ev, how):
            out.append(ev)
    return out


VIOLENT = {"ASSAULT", "PROTEST", "COERCE"}


def _attested(ev: Event, how: str) -> bool:
    """Whether the clause makes the event out well enough to code it. Violence, protest and
    coercion stand on the trigger alone ("shelling resumed at dawn"); any other action needs
    its actor, and one that only a dictionary block's default code makes an event ("leave",
    "go") needs both actors, as PETRARCH requires."""
    if ev.type in VIOLENT or how == "noun":
        return True
    if how == "block":
        return bool(ev.source) and bool(ev.target)
    return bool(ev.source)


def _build(ctx: _Context, part: str, sent: SpacySpan, tok: Token, code: str, mode: str | None) -> Event | None:
    lex = lexicon()
    plover = lex.plover(code)
    if plover is None:
        return None
    nominal = tok.pos_ == "NOUN" and not tok.tag_.startswith("VB")
    if nominal:
        sources, targets, gov = _noun_roles(ctx, part, tok, plover.type)
    else:
        sources, targets = _verb_roles(ctx, part, tok, plover.type)
        gov = tok
    if plover.type == "ASSAULT" and _reciprocal(tok) and sources and not targets:
        targets = list(sources)  # "troops and rebels fighting each other"
    ev_mode = mode or plover.mode
    if plover.type != "ASSAULT" and mode and not plover.mode:
        ev_mode = None
    clause = _clause_span(gov if nominal else tok, sent)
    evidence = ctx.parsed.span(part, clause)
    trigger = ctx.parsed.span(part, _trigger_tokens(tok))
    date_text, date = _date(ctx, clause, sent, gov)
    ev = Event(
        id=_event_id(ctx.parsed.doc.id, part, tok.idx, code),
        type=plover.type, mode=ev_mode, context=list(plover.context), cameo=code,
        trigger_span=trigger, source=sources, target=targets, date=date, date_text=date_text,
        location=_place(ctx, clause, sent), figures=_figures(sent, clause),
        negated=_negated(tok, gov), hedged=_hedged(tok, gov, sent), evidence=evidence,
    )
    if nominal and tok.lemma_.lower() == "evacuation":
        ev.context = sorted(set(ev.context) | {"evacuation"})
        if not any(a.kind in ("military", "rebel", "armed_group") for a in ev.source):
            ev.type, ev.mode, ev.cameo = "AID", None, "0233"  # civilians or wounded moved out: humanitarian
            ev.context = sorted(set(ev.context) | {"humanitarian"})
    ev.acled = acled_for(ev, tok)
    return ev


# -- the clause -----------------------------------------------------------------------------------

def _clause_words(verb: Token) -> tuple[set[str], list[str]]:
    """Words before the verb in its clause (a set) and after it (in order), lower case and lemma."""
    sub = [t for t in verb.subtree if t.dep_ not in ("punct",)]
    subj = _subject(verb)[0]
    left = {w for t in sub if t.i < verb.i for w in (t.lower_, t.lemma_.lower())}
    if subj is not None:
        left |= {w for t in subj.subtree for w in (t.lower_, t.lemma_.lower())}
    right = [t.lower_ for t in sub if t.i > verb.i and not _in_subclause(t, verb)]
    return left, right


def _in_subclause(t: Token, verb: Token) -> bool:
    """Inside a clause coordinated with ``verb`` rather than one of its own arguments."""
    while t.i != verb.i and t.head.i != t.i:
        if t.dep_ in ("conj",) and t.head.i == verb.i and t.pos_ in ("VERB", "AUX"):
            return True
        t = t.head
    return False


def _clause_span(head: Token, sent: SpacySpan) -> tuple[int, int]:
    """Character offsets of the clause headed by ``head``: its subtree without coordinated clauses,
    plus its subject when that stands outside (a participle clause borrows its head's)."""
    toks = [t for t in head.subtree if not _in_subclause(t, head)]
    if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in head.children):
        toks = [t for t in toks if not (t.dep_ == "cc" and t.head.i == head.i)]
    subj = _subject(head)[0] if head.pos_ in ("VERB", "AUX") else None
    if subj is not None and subj.sent == sent and not (toks[0].i <= subj.i <= toks[-1].i):
        toks += list(subj.subtree)
    toks = [t for t in toks if not t.is_space]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    text = sent.doc.text
    while end > start and text[end - 1] in ",;:—–-(":
        end -= 1
    return start, end


def _trigger_tokens(tok: Token) -> tuple[int, int]:
    end = tok.idx + len(tok)
    for c in tok.children:
        if c.dep_ in ("prt", "compound:prt") and c.i == tok.i + 1:
            end = c.idx + len(c)
    start = tok.idx
    for c in tok.children:  # "air strikes", "car bomb"
        if c.dep_ == "compound" and c.i == tok.i - 1 and tok.pos_ == "NOUN":
            start = c.idx
    return start, end


# -- roles ----------------------------------------------------------------------------------------

def _subject(verb: Token) -> tuple[Token | None, bool]:
    """(subject, passive) of a verb, inherited through participles, infinitives and coordination."""
    seen = 0
    v = verb
    while v is not None and seen < 6:
        seen += 1
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.tag_ in ("WDT", "WP") and v.dep_ == "relcl":
                    return v.head, False
                return c, False
            if c.dep_ in ("nsubjpass", "csubjpass"):
                return c, True
        if v.dep_ == "relcl":
            return v.head, False
        if v.dep_ == "acl":
            return v.head, v.tag_ == "VBN"
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in CONTROL_BY_OBJECT:
            obj = next((c for c in v.head.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return obj, False
        if v.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and v.head.i != v.i:
            if v.dep_ in ("advcl", "ccomp") and v.tag_ not in ("VBG", "VBN", "VB"):
                return None, False
            v = v.head
            continue
        return None, False
    return None, False


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def _actors(ctx: _Context, part: str, tok: Token, hint: str | None = None) -> list[Actor]:
    return list(ctx.index.actors_for(part, tok, agent_hint=hint))


def _instrument(tok: Token) -> tuple[str, str] | None:
    lemma = tok.lemma_.lower()
    comp = " ".join(c.lower_ for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1)
    if comp and f"{comp} {lemma}" in INSTRUMENTS:
        return INSTRUMENTS[f"{comp} {lemma}"]
    return INSTRUMENTS.get(lemma)


def _instrument_modifier(tok: Token) -> tuple[str, str] | None:
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and (ins := INSTRUMENTS.get(c.lemma_.lower())):
            return ins
    return None


def _agent_of_noun(ctx: _Context, part: str, noun: Token, hint: str = "MIL") -> list[Actor]:
    """The agent of an instrument or nominal event: "by X", a possessive, or a demonym/compound
    modifier ("Syrian airstrikes", "rebel shells", "Russia's bombardment")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None:
                return _actors(ctx, part, obj)
        if c.dep_ == "acl":  # "shells fired by rebels"
            for cc in c.children:
                if cc.dep_ == "agent":
                    obj = next((x for x in cc.children if x.dep_ == "pobj"), None)
                    if obj is not None:
                        return _actors(ctx, part, obj)
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and (c.pos_ in ("PROPN", "ADJ", "NOUN"))
                                and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.lemma_.lower() in (
                                    "rebel", "government", "army", "regime", "militant", "insurgent", "militia",
                                    "police", "opposition", "jihadist", "israeli", "coalition", "military"))):
            found = _actors(ctx, part, c, hint)
            if found:
                return found
    return []


def _verb_roles(ctx: _Context, part: str, verb: Token, etype: str) -> tuple[list[Actor], list[Actor]]:
    subj, passive = _subject(verb)
    sources: list[Actor] = []
    targets: list[Actor] = []
    if subj is not None:
        if _instrument(subj) or subj.lemma_.lower() in EVENT_NOUNS:
            sources = _agent_of_noun(ctx, part, subj)
        elif passive:
            targets = _actors(ctx, part, subj)
        else:
            sources = _actors(ctx, part, subj)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        targets = []  # "a deal negotiated by Russia": the deal is no target
    for c in verb.children:
        if c.dep_ == "agent":
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None:
                sources = (_agent_of_noun(ctx, part, obj) if _instrument(obj) else _actors(ctx, part, obj)) or sources
        elif c.dep_ in ("dobj", "obj", "dative") and not targets:
            if c.lower_ in ("each", "one") or c.lemma_.lower() in EVENT_NOUNS:
                continue
            targets = _actors(ctx, part, c)
        elif c.dep_ == "prep":
            allowed = TARGET_PREPS.get(c.lower_, set())
            if allowed is None or (allowed and etype in allowed):
                obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if obj is not None and not targets:
                    targets = _actors(ctx, part, obj)
    if not targets and verb.dep_ in ("xcomp",) and verb.head.lemma_.lower() in CONTROL_BY_OBJECT:
        pass
    return sources, targets


def _noun_roles(ctx: _Context, part: str, noun: Token, etype: str) -> tuple[list[Actor], list[Actor], Token]:
    """Roles of a nominal event; the governing verb (for negation and the clause) is returned too."""
    sources = _agent_of_noun(ctx, part, noun)
    targets: list[Actor] = []
    gov = noun
    for c in noun.children:
        if c.dep_ != "prep":
            continue
        obj = next((x for x in c.children if x.dep_ == "pobj"), None)
        if obj is None:
            continue
        if c.lower_ in ("on", "against", "at", "targeting") and not targets:
            targets = _actors(ctx, part, obj)
        elif c.lower_ == "of":
            if etype in ("RETREAT", "PROTEST") and not sources:
                sources = _actors(ctx, part, obj)  # "the evacuation of rebels", "a protest of farmers"
            elif not targets:
                targets = _actors(ctx, part, obj)
        elif c.lower_ == "between" and not sources:
            sources = _actors(ctx, part, obj)
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in LIGHT_VERBS:
        gov = head
    elif noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in SUPPORT_VERBS:
        gov = head
        if not sources:
            subj = _subject(head)[0]
            if subj is not None:
                sources = _actors(ctx, part, subj)
    return sources, targets, gov


def _reciprocal(tok: Token) -> bool:
    return any(c.lower_ in ("each", "another") for c in tok.subtree if c.i > tok.i) and any(
        c.lower_ in ("other", "another") for c in tok.subtree if c.i > tok.i)


# -- qualities ------------------------------------------------------------------------------------

def _negated(tok: Token, gov: Token) -> bool:
    for t in {tok, gov}:
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det") for c in t.children):
            return True
        h = t.head
        if t.dep_ == "xcomp" and h.lemma_.lower() in ("fail", "refuse", "decline") or (
                t.dep_ == "xcomp" and any(c.dep_ == "neg" for c in h.children)):
            return True
    return False


def _hedged(tok: Token, gov: Token, sent: SpacySpan) -> bool:
    for t in {tok, gov}:
        for c in t.children:
            low = c.lower_
            if low in HEDGES or (c.dep_ == "aux" and low in MODAL_HEDGES):
                return True
            if c.dep_ == "amod" and low in ("suspected", "alleged", "apparent", "possible"):
                return True
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in ("appear", "seem", "say", "believe", "report"):
            return True
    return False


def _date(ctx: _Context, clause: tuple[int, int], sent: SpacySpan, gov: Token) -> tuple[str | None, str | None]:
    """The clause's own date, else the sentence's, else the paragraph's running (past) date, else
    the publication date. Scheduled future dates are never carried to later sentences."""
    try:
        from .when import date_in
    except ImportError:
        return None, ctx.published
    span = sent.doc.char_span(*clause, alignment_mode="expand")
    found: tuple[str | None, str | None] = (None, None)
    for s in ([span] if span is not None else []) + [sent]:
        found = date_in(s, ctx.published, anchor=gov)
        if found[1] and not _governed_by(s, found[0], gov):
            found = (None, None)  # the date belongs to another clause ("... which will begin Thursday")
        if found[1]:
            break
    if found[1]:
        if ctx.published is None or found[1] <= ctx.published:
            ctx.running_date = found
        return found
    if ctx.running_date is not None:
        return ctx.running_date
    return None, ctx.published


def _governed_by(span: SpacySpan, date_text: str | None, gov: Token) -> bool:
    """Whether the time expression ``date_text`` in ``span`` hangs on ``gov``'s own clause: the
    first verb above it is ``gov`` (or a verb ``gov`` leans on, as "begin" in "was to begin")."""
    if not date_text:
        return True
    at = span.text.find(date_text)
    if at < 0:
        return True
    tok = next((t for t in span if t.idx >= span.start_char + at), None)
    if tok is None:
        return True
    allowed = {gov.i, gov.head.i} | {c.i for c in gov.children if c.dep_ in ("xcomp", "aux", "auxpass")}
    t = tok
    for _ in range(12):
        if t.i in allowed:
            return True
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            return False
        if t.head.i == t.i:
            return True
        t = t.head
    return True


def _place(ctx: _Context, clause: tuple[int, int], sent: SpacySpan) -> Location | None:
    try:
        from .where import place_in
    except ImportError:
        return None
    span = sent.doc.char_span(*clause, alignment_mode="expand")
    for s in ([span] if span is not None else []) + [sent]:
        loc = place_in(s, country_hint=ctx.country_hint)
        if loc is not None:
            return loc
    return ctx.main_place()


def _figures(sent: SpacySpan, clause: tuple[int, int]) -> list[Any]:
    try:
        from .figures import figures_in
    except ImportError:
        return []
    span = sent.doc.char_span(*clause, alignment_mode="expand")
    return list(figures_in(span)) if span is not None else []


def events_of(docs: Iterable[Any]) -> list[Event]:
    return [e for d in docs for e in d.events]

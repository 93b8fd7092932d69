"""Events: who did what to whom, when and where, in PLOVER, CAMEO and ACLED terms.

Reads the parse once. For every clause:

1. a trigger: a verb in the CAMEO verb lexicon (resources/verbs.json, from PETRARCH2), or a
   nominal event ("airstrikes", "shelling", "the evacuation") that no verb of its clause takes up;
2. its roles from the dependency tree: subject (inherited by participle, infinitive and coordinated
   clauses, passives turned round, an instrument subject such as "Syrian airstrikes" giving the
   agent through its modifier), object and prepositional targets ("railed at", "fired on");
3. the CAMEO code refined by PETRARCH-style patterns over the verb's own phrase (its object and
   prepositional phrases, not a clause below it), mapped to a PLOVER type, mode and context and,
   where it fits, to ACLED's event_type and sub_event_type. As in CAMEO, a governing verb codes the
   action it governs (:func:`_govern`): "agreed/offered/is ready to X" and "will X" are intents (03,
   AGREE) for a cooperative X and threats (13) for a conflictual one, "threatened to X" a threat,
   "refused to X" and "would not X" a rejection (12), "demanded that Y X", "wants Y to X" and "Y must
   X" (reported) a request to Y (10/02); a light verb is coded by its action noun ("held talks",
   "issued a warning", :func:`_light_verbs`); "prepared to X" (the verb) is X itself, or a show of
   force (150, MOBILIZE) when X is violence; a particle the parser reads as a preposition still
   makes the phrasal verb ("pulled out of", :meth:`fogline.extract.lexicon.Lexicon.entry`); a casualty verb is folded into the attack it reports
   ("killed in an air strike", :func:`_merge_results`); events come in text order;
4. roles PETRARCH-style: a target on the verb's object noun or passive subject ("sent arms to X",
   "sanctions on X", "evidence against X was presented"), on a nominal event's verb ("launched an
   air strike against X"), an attack's agent from its instrument ("killed in Israeli tank
   shelling"); with no target named, a protest, meeting or mobilisation takes the country of its
   sentence's place (:func:`_place_target`); a mutual action among coordinated actors ("X and Y
   met", "clashed") is one event per ordered pair (:func:`_pairs`); a hostile act a speaker
   reports of another actor is also the speaker's accusation (CAMEO 112,
   :func:`_reported_accusations`); "ordered X to V" is the orderer's coercion of X (V coercive) or a
   demand of X; a purpose infinitive of the same kind as its action is that action ("met ... to
   discuss"); PLOVER's own lines where CAMEO's differ: a resignation is RETREAT/resign, expelling
   diplomats SANCTION/expel, a non-military evacuation AID;
5. negation, hedging, figures, the date (clause, else the running date of the paragraph, else the
   publication date) and the place (clause, else sentence, else the report's main place);
6. ``primary``: whether a PETRARCH2-style coder would emit the event (:func:`_mark_primary`), and
   :func:`cameo_dyads`, the CAMEO export in PETRARCH2's form (one source-target-code dyad per
   coded actor pair of the primary events). The document keeps every event either way. A target
   noun phrase that coordinates nothing is one actor (:func:`_one_phrase`); a stray bare-infinitive
   conjunct of a finite verb is outside the clause chain (:func:`_stray_conjunct`);
7. CAMEO statements (root 01: "claimed responsibility for", "expressed sorrow over") have no PLOVER
   type and so are no contract events: they are kept apart, for the CAMEO export only
   (:func:`cameo_statements`), their target a place named in their object or their for/over/about
   phrase. A verb of saying with a clause of its own ("said that ...") is no statement: its clause
   is read for events, as before. Two more PETRARCH2 conventions give CAMEO-only copies of events,
   kept with the statements: an agentless passive's place is its source ("were killed in Ukraine"),
   a coded actor acting on an uncoded phrase has target ``---``. The "will X" choice stays on the codebook's side: an announced
   future act is an intent (03) or a threat (13), as PLOVER's coders read it ("Turkey will allow
   refugees to return": AGREE), where PETRARCH2 codes the act itself: the CAMEO export writes the
   act, from a CAMEO-only copy (:func:`_future_acts`). Two more CAMEO-only readings: coordinated
   actors meeting "in"/"at" a named place each meet the place's country (:func:`_meeting_places`;
   PETRARCH2 pairs them only where no target is named), and an actor saying it did or will do
   violence claims it (015, :func:`_claimed_acts`, PETRARCH2's "a (a b ATTACK) SAY" transformation),
   where another actor's reported violence is an accusation (112). "X alleged that Y ..." codes
   the verb itself (ALLEGE, 110; 112 for an attack), its target the clause's subject.

Example: "Syrian airstrikes targeted the rebels" gives
``ASSAULT/aerial, CAMEO 195, Syrian military -> rebels, ACLED Explosions/Remote violence: Air/drone strike``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import itertools
from typing import TYPE_CHECKING, Any

from ..model import Actor, Event, Location
from ..nlp import kids_table, subtree_at, subtree_ids, token_table
from . import extractor
from .acled import acled_for
from .event_model import MODEL_CODES, fill_modes, model_type
from .figures import figures_in
from .lexicon import Plover, lexicon, verb_forms_at, verb_is, verb_is_at
from .when import date_in, may_hold_date, span_text
from .where import gazetteer, mentions, place_among

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..nlp import ParsedDocument

LEAD_SENTENCES = 6  # how much of a body tells its main place

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
    "car bombing": ("explosives", "1832"), "roadside bombing": ("explosives", "1833"),
    "explosive device": ("explosives", "183"), "explosive": ("explosives", "183"), "device": ("explosives", "183"),
    "suicide attack": ("suicide-attack", "1831"), "minefield": ("explosives", "183"),
    "tear gas": ("crowd-control", "175"),
}
# Instruments that are people: when no modifier names who sent them, they are the actor themselves.
PERSON_INSTRUMENTS = {"gunman", "sniper", "suicide bomber", "bomber"}
# Nominal events that stand on their own: noun lemma -> (CAMEO code, mode)
EVENT_NOUNS: dict[str, tuple[str, str | None]] = {
    "airstrike": ("195", "aerial"), "strike": ("195", "aerial"), "raid": ("190", None), "bombing": ("195", "aerial"),
    "bombardment": ("194", "heavy-weapons"), "shelling": ("194", "heavy-weapons"), "attack": ("190", None),
    "assault": ("190", None), "offensive": ("190", None), "clash": ("190", None), "fighting": ("190", None),
    "battle": ("190", None), "ambush": ("190", None), "massacre": ("202", "massacre"), "killing": ("190", None),
    "protest": ("141", "demo"), "demonstration": ("141", "demo"), "rally": ("141", "demo"), "riot": ("145", "riot"),
    "arrest": ("173", "arrest"), "detention": ("173", "arrest"), "evacuation": ("0874", "withdraw"),
    "abduction": ("181", "abduct"), "kidnapping": ("181", "abduct"), "explosion": ("183", "explosives"),
    "blast": ("183", "explosives"), "torture": ("1822", "torture"),
}
# Light-verb constructions: a verb that does little but take an action noun as its object ("held
# talks", "issued a warning", "opened an investigation", "made an appeal") is coded by the noun.
LIGHT_NOUNS: dict[str, str] = {
    "talk": "040", "negotiation": "046", "consultation": "040", "meeting": "040", "discussion": "040",
    "visit": "042", "mediation": "043", "investigation": "090", "probe": "090", "inquiry": "090",
    "enquiry": "090", "hearing": "090", "appeal": "020", "plea": "020", "call": "020", "request": "020",
    "demand": "100", "ultimatum": "139", "warning": "130", "threat": "130", "protest": "114",
    "complaint": "114", "accusation": "112", "allegation": "112", "condemnation": "111", "criticism": "111",
    "apology": "055", "pledge": "030", "promise": "030", "offer": "030", "commitment": "030",
    "welcome": "043", "suspension": "160", "severance": "161",
}
LIGHT_VERBS_FOR_NOUNS = {"hold", "conduct", "open", "launch", "begin", "start", "resume", "renew", "issue", "make",
                         "undertake", "express", "lodge", "file", "complete", "reiterate", "repeat", "voice",
                         "level", "give", "extend", "pay", "host", "have", "enter", "deliver", "sound", "announce"}
LABOUR_STRIKE = {"general", "nationwide", "national", "labour", "labor", "workers", "teachers", "indefinite",
                 "transport", "doctors", "wildcat"}
STRIKE_VERBS = {"stage", "hold", "call", "organize", "organise", "launch", "begin", "continue", "declare", "on",
                "join", "announce"}
STATE_KINDS = {"military", "government", "state"}
# Modifiers of an attack noun that name its agent ("rebel shelling", "a terrorist attack").
AGENT_MODIFIERS = {"rebel", "government", "army", "regime", "militant", "insurgent", "militia", "police", "opposition",
                   "jihadist", "israeli", "coalition", "military"}
ORGANISED_NOUNS = {"strike", "protest", "demonstration", "rally", "boycott"}  # events one calls or organises
OFFICIAL_PROTEST_VERBS = {"lodge", "file", "issue", "deliver", "register", "make", "express", "voice", "submit"}
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
    "against": None, "on": {"ASSAULT", "ACCUSE", "SANCTION", "COERCE", "THREATEN", "PROTEST", "REQUEST"}, "at": None,
    "upon": None, "toward": None, "towards": None, "into": {"ASSAULT", "COERCE", "MOBILIZE"},
    "with": {"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "SUPPORT", "REJECT", "SANCTION", "RETREAT"},
    "to": {"REQUEST", "AID", "CONCEDE", "SUPPORT", "CONSULT", "AGREE", "REJECT", "THREATEN", "ACCUSE", "SANCTION"},
    "from": {"REQUEST", "RETREAT", "SANCTION"}, "for": {"AID", "REQUEST"},
}
NON_EVENT_CODES = {"---", "", None}
# Verbs that are no action of their own in a construction: "took place" (an occurrence: the subject
# noun is the event, :data:`LIGHT_VERBS`), and "managed/tried/attempted to X" (X is the action).
OCCURRENCE_OBJECTS: dict[str, frozenset[str]] = {"take": frozenset({"place"})}
IMPLICATIVE_HEADS = frozenset({"manage", "try", "attempt"})
# Verbs of judgement: with a small clause ("considers the militia a terrorist group", "deems X a
# threat") they state an opinion, no action.
OPINION_HEADS = frozenset({"consider", "deem"})
_NO_ACTION_HEADS = frozenset(OCCURRENCE_OBJECTS) | IMPLICATIVE_HEADS | OPINION_HEADS
# Prepositions that aim a passive at its target ("were fired at Israel", "into Syria"), as PETRARCH2
# reads a passive verb's at/against/into/towards phrases.
PASSIVE_TARGET_PREPS = {"at", "against", "into", "toward", "towards"}
# Withdrawals: what they withdraw from is their target ("withdrew from Lebanon", "pulled out of Mali")
WITHDRAWAL_TYPES = {"RETREAT", "SANCTION"}
# Verbs of saying with a clause of their own report a claim; the events are inside the clause.
REPORTING = {"say", "claim", "deny", "confirm", "insist", "announce", "report", "state", "tell", "add", "note",
             "explain", "assert", "argue", "suggest", "acknowledge", "admit", "reiterate", "maintain", "believe",
             "think", "know", "hope", "fear", "expect", "understand", "stress", "emphasize", "allege"}
SAY_ROOTS = ("01",)  # statements: claims, not PLOVER events
# Verbs of saying that are accusations themselves (CAMEO's ALLEGE block, 110): "X alleged that Y
# ..." is X accusing Y, whatever the clause says (PETRARCH2 codes the verb, not its clause).
ALLEGING = frozenset({"allege"})
# CAMEO 01x (make a statement: "expressed sorrow" 018, "claimed responsibility" 015) has no PLOVER
# type, so a statement is no contract event; it is kept apart for the CAMEO export alone
# (:func:`cameo_statements`), with this pseudo-type.
STATEMENT = "STATEMENT"

# Verbs and adjectives that govern an infinitive and make its action something intended, threatened
# or refused; CAMEO codes the pair by the governing verb, refined by the infinitive's action
# ("agreed to withdraw" 0356, "threatened to impose sanctions" 131, "refused to meet" 125).
INTENT_HEADS = {"agree", "promise", "pledge", "vow", "offer", "commit", "undertake", "plan", "intend", "decide",
                "volunteer", "consent", "resolve", "aim", "hope", "expect", "want", "wish", "propose",
                "swear", "guarantee"}
READY_ADJ = {"ready", "willing", "prepared", "determined", "eager", "committed", "set", "poised", "keen"}
THREAT_HEADS = {"threaten"}
ORDER_HEADS = {"order", "instruct", "direct", "command"}  # "ordered X to V": X is made to V
WANT_HEADS = {"want", "wish", "need", "expect", "like", "prefer"}  # with an object: an appeal to it
REFUSE_HEADS = {"refuse", "decline", "reject", "resist"}
# "prepared to X" (the verb; "is prepared to X" is willingness, READY_ADJ) states no intent but a
# step towards X: X is the action coded (PETRARCH codes the infinitive: "prepared to attend the
# Olympics" 042), save that preparing for violence is a show of force, as PLOVER's coders read "the
# army prepared to resume shelling" (MOBILIZE; CAMEO 150), not the violence itself.
PREPARE_HEADS = {"prepare"}
FUTURE_AUX = {"will", "would", "'ll", "shall", "wo"}
DEMAND_AUX = {"must": "100", "should": "020", "ought": "020"}
# CAMEO roots of cooperative actions (an intent to do one is 03, refusing one is 12) and of
# conflictual ones (an intent to do one is a threat, 13).
COOP_ROOTS = {"03", "04", "05", "06", "07", "08"}
CONFLICT_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}


@extractor("events")
def extract_events(parsed: ParsedDocument) -> None:
    """Fill ``parsed.doc.events``."""
    events: list[Event] = []
    statements: list[Event] = []
    ctx = _Context(parsed)
    for part, sdoc in parsed.parts.items():
        if part in ("title", "subtitle"):
            continue  # a headline repeats the body's events
        ctx.running_date = None
        for sent in sdoc.sents:
            ctx.new_sentence(part, sent)
            got = _sentence_events(ctx, part, sent) or _model_events(ctx, part, sent)
            for ev in got:
                (statements if ev.type == STATEMENT or ev.id.endswith(CAMEO_ONLY) else events).append(ev)
    fill_modes(parsed, events)  # modes the patterns leave open, from the statistical model (event_model.py)
    parsed.doc.events = events
    # no contract event (it has no PLOVER type): stored with the document, read by the CAMEO export
    parsed.doc.cameo_statements = statements


def _model_events(ctx: _Context, part: str, sent: SpacySpan) -> list[Event]:
    """A sentence the patterns code nothing in: the statistical model's event for its main predicate
    (:func:`fogline.extract.event_model.model_trigger`), where the model is sure enough (its
    ``threshold``, chosen on held-out NGEC stories). Roles, date, place and evidence come from the
    parse as for any event (:func:`_build`, with a stand-in code of the type); the event has no CAMEO
    code or ACLED coding, is not primary (the CAMEO export leaves it out) and is ``coded_by``
    "model"."""
    got = model_type(sent)
    if got is None:
        return []
    i, type_ = got
    ev = _build(ctx, part, sent, sent.doc[i], MODEL_CODES[type_], None, None, "verb",
                _subject_at(sent.doc, i)[0] >= 0)
    if ev is None:
        return []
    out = []
    for e in _pairs(ev):
        e.id, e.cameo, e.acled, e.mode, e.context = e.id + "-m", None, None, None, []
        e.primary, e.coded_by = False, "model"
        out.append(e)
    return out


def cameo_statements(doc: Any) -> list[Event]:
    """The CAMEO statements (root 01: "expressed sorrow for", "claimed responsibility for") the
    extractor found in ``doc``, in text order. They are coded as PETRARCH2 codes them (a verb of the
    clause chain whose CAMEO pattern gives 01x, with its source and target) but are no contract
    events, which need a PLOVER type; a verb of saying with a clause of its own ("said that ...")
    is no statement here (its clause is read for events). Kept on ``Document.cameo_statements`` and
    in the store (a document read back from the contract's JSON has none).

    The same list holds the other CAMEO-only records (ids ending :data:`CAMEO_ONLY`): copies of
    contract events coded by a PETRARCH2 convention that states no fact, so that the contract event
    stays as the text has it: an announced act coded as the act, not the intent (:func:`_future_acts`),
    an agentless passive's place as its source (:func:`_passive_place_sources`) and ``---`` for a
    phrase no dictionary codes (:func:`_uncoded_targets`)."""
    return list(getattr(doc, "cameo_statements", None) or ())


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
        text = self.parsed.text(part)
        if sent.start_char > self.paragraph_end:  # a new paragraph: the running date does not carry over
            end = text.find("\n\n", sent.start_char)
            self.paragraph_end = len(text) if end < 0 else end
            self.running_date = None

    def main_place(self) -> Location | None:
        """The report's main place, read from its head and lead (title, subtitle and the first
        sentences of the body), where datelines and leads name it: reading the whole report
        costs more than the rest of event extraction and rarely changes the answer."""
        if self._main_place is False:
            from .where import main_place  # beside this method's own name

            spans = [d for p, d in self.parsed.parts.items() if p in ("title", "subtitle")]
            body = self.parsed.parts.get("body")
            if body is not None:
                sents = list(itertools.islice(body.sents, LEAD_SENTENCES))
                if sents:
                    spans.append(body[sents[0].start:sents[-1].end])
            self._main_place = main_place(spans, country_hint=self.country_hint) if spans else None
        return self._main_place  # type: ignore[return-value]


def _no_action_at(doc: Doc, i: int) -> bool:
    """Whether verb ``doc[i]`` is no action in its construction: an occurrence idiom with its bare
    object right after it ("the attack took place", not "took the town" or "took a place in"), a verb
    of judgement with a small clause ("considers the group a threat"), or an implicative verb with an
    infinitive complement ("managed to enter": the entering is the event)."""
    tt = token_table(doc)
    forms = verb_forms_at(doc, i)  # verb_is_at's test, made once for the three word sets
    if forms.isdisjoint(_NO_ACTION_HEADS):
        return False
    kids, at = kids_table(doc)
    dep, lower, tag = tt.dep, tt.lower, tt.tag
    children = kids[at[i]:at[i + 1]]
    objects = next((v for k, v in OCCURRENCE_OBJECTS.items() if k in forms), None)
    if objects and any(dep[c] in ("dobj", "obj") and c == i + 1 and lower[c] in objects for c in children):
        return True
    if not forms.isdisjoint(OPINION_HEADS) and any(
            dep[c] == "oprd" or (dep[c] in ("ccomp", "xcomp") and (tt.pos[c] in ("NOUN", "PROPN", "ADJ") or any(
                dep[x] in ("nsubj", "nsubjpass") for x in kids[at[c]:at[c + 1]]))) for c in children):
        return True
    return not forms.isdisjoint(IMPLICATIVE_HEADS) and any(
        dep[c] == "xcomp" and tag[c] == "VB" and any(dep[x] == "aux" and lower[x] == "to" for x in kids[at[c]:at[c + 1]])
        for c in children)


def _event_id(doc_id: str, part: str, start: int, code: str) -> str:
    return "e" + hashlib.sha1(f"{doc_id}:{part}:{start}:{code}".encode()).hexdigest()[:10]


def _sentence_events(ctx: _Context, part: str, sent: SpacySpan) -> list[Event]:
    lex = lexicon()
    out: list[Event] = []
    used_nouns: set[int] = set()
    triggers: list[tuple[Token, str, str | None, str | None]] = []  # token, code, mode, how coded
    readings: dict[int, tuple[str, str | None]] = {}  # trigger -> (fogline's code, PETRARCH2's)
    doc = sent.doc
    # words, tags, labels and children read from lists by index: a Token is built only for a trigger
    table = token_table(doc)
    pos, lemmas, dep, tag, lower = table.pos, table.lemma, table.dep, table.tag, table.lower
    kids, at = kids_table(doc)
    for i in range(sent.start, sent.end):
        p = pos[i]
        if p not in ("VERB", "NOUN"):
            continue
        if dep[i] in ("amod",):
            continue
        if p == "VERB" or (tag[i].startswith("VB")):
            hit = lex.entry_at(doc, i)
            if hit is None:
                continue
            key, entry = hit
            left, right = _clause_words_at(doc, i)
            code, how, petrarch = lex.coded(None, key, entry, left, right)
            if how != "pattern" and PLURAL_PATTERNS and (sing := _singular_words(doc, i, right)) is not None:
                # the dictionary writes most pattern nouns in the singular: "lifted all restrictions on
                # observers" is its LIFT * RESTRICTION (081) as "lifted the restriction" is
                got = lex.coded(None, key, entry, left, sing)
                if got[1] == "pattern" and not str(got[0]).startswith(SAY_ROOTS):
                    code, how, petrarch = got
            if code in NON_EVENT_CODES:
                continue
            if _no_action_at(doc, i):
                continue
            if petrarch != code:
                readings[i] = (code, petrarch)  # PETRARCH2 reads the dictionary otherwise (_petrarch_readings)
            children = kids[at[i]:at[i + 1]]
            if lemmas[i] in REPORTING and lemmas[i] not in ALLEGING and any(dep[c] in ("ccomp",) for c in children):
                continue
            subj = _subject_at(doc, i)[0]
            mode = None
            agent = next((x for c in children if dep[c] == "agent" for x in kids[at[c]:at[c + 1]]
                          if dep[x] == "pobj"), -1)
            if agent >= 0 and _instrument_at(doc, agent):
                subj = agent  # "killed by an improvised explosive device": the device is the means
            if subj >= 0 and not str(code).startswith(SAY_ROOTS) and (ins := _instrument_at(doc, subj)):
                mode, ins_code = ins
                if code and code[:2] in ("19", "18") and len(code) == 3 and code in ("190", "180"):
                    code = ins_code
                used_nouns.add(subj)
            triggers.append((doc[i], code, mode, how))
    over: dict[int, dict[str, Any]] = {}
    triggers = _light_verbs(sent, triggers, over, used_nouns)
    triggers = _govern(sent, triggers, over)
    organised: set[int] = set()
    for tok, code, mode, _key in triggers:
        if str(code).startswith(SAY_ROOTS):
            continue  # "reported clashes", "claimed the attack": a statement about the event, which stays one
        t = tok.i
        for c in kids[at[t]:at[t + 1]]:  # "carried out airstrikes": the noun is the event the verb does
            if dep[c] in ("dobj", "obj") and lemmas[c] in EVENT_NOUNS:
                if (lemmas[c] in ORGANISED_NOUNS and verb_is_at(doc, t, STRIKE_VERBS) and dep[t] != "xcomp"
                        and not any(dep[x] in ("prt", "compound:prt") for x in kids[at[t]:at[t + 1]])):
                    organised.add(t)  # "called a strike": the strike is the event, not the call
                else:
                    used_nouns.add(c)
    triggers = [t for t in triggers if t[0].i not in organised]
    for i in range(sent.start, sent.end):
        if pos[i] != "NOUN" or i in used_nouns or lemmas[i] not in EVENT_NOUNS:
            continue
        lemma = lemmas[i]
        code, mode = EVENT_NOUNS[lemma]
        children = kids[at[i]:at[i + 1]]
        if lemma == "strike" and not any(lower[c] in ("air", "drone", "missile") for c in children):
            words = {lower[c] for c in children}
            if "hunger" in words:
                code, mode = "142", "hunger"  # "a hunger strike"
            elif words & LABOUR_STRIKE or verb_is_at(doc, table.head[i], STRIKE_VERBS) and dep[i] in (
                    "dobj", "obj", "pobj"):
                code, mode = "143", "strike"  # "a general strike", "called a strike", "went on strike"
            else:
                continue
        if lemma in ("attack", "raid", "assault") and (ins := _instrument_modifier_at(doc, i)):
            mode, code = ins
        triggers.append((doc[i], code, mode, "noun"))
    built: list[tuple[Token, Event]] = []
    for tok, code, mode, how in triggers:
        named = how != "noun" and (_subject_at(doc, tok.i)[0] >= 0 or over.get(tok.i, {}).get("source_tok") is not None)
        ev = _build(ctx, part, sent, tok, code, mode, over.get(tok.i), how, named)
        if ev is not None:
            built.extend((tok, e) for e in _pairs(ev))
    built = _merge_results(ctx, part, built)
    built = _drop_purposes(built)
    for tok, ev in built:  # PETRARCH's place conventions, last: they feed neither the merge nor ACLED's scheme
        if ev.target:
            continue
        if ev.type == "ASSAULT" and tok.pos_ in ("VERB", "AUX"):
            ev.target = _object_place_target(ctx, tok)
        elif ev.type == STATEMENT and tok.pos_ in ("VERB", "AUX"):
            ev.target = _object_place_target(ctx, tok, STATEMENT_PREPS)  # "sorrow for the shootings in Ohio"
        elif ev.type in PLACE_TARGET_TYPES and ev.location is not None and ev.location.country:
            _place_target(ctx, sent, ev)
    built += _reported_accusations(ctx, part, sent, built)
    _complement_targets(built)
    _mark_primary(built)
    built.sort(key=lambda te: te[1].trigger_span.start if te[1].trigger_span else te[0].idx)
    acts = _future_acts(ctx, part, sent, built, triggers, over, readings)
    acts += _petrarch_readings(ctx, built, readings)
    acts += _meeting_places(ctx, [*built, *acts])
    acts += _claimed_acts(ctx, part, sent, [*built, *acts])
    out.extend(ev for _tok, ev in built)
    out.extend(ev for _tok, ev in acts)
    out.extend(_passive_place_sources(ctx, sent, [*built, *acts]))
    out.extend(_uncoded_targets(ctx, part, sent, [*built, *acts]))
    return out


# The id suffix of a CAMEO-only copy of an event (:func:`_passive_place_sources`): a PETRARCH coding
# convention, kept for the CAMEO export beside the statements, never a contract event.
CAMEO_ONLY = "-cameo"
# Prepositions of a place where an agentless passive happened ("were killed in Ukraine").
PASSIVE_PLACE_PREPS = frozenset({"in", "from"})  # PETRARCH2 reads a passive's source in by/from/in phrases


def _petrarch_readings(ctx: _Context, built: list[tuple[Token, Event]],
                       readings: dict[int, tuple[str, str | None]]) -> list[tuple[Token, Event]]:
    """Where PETRARCH2 reads the verb dictionary otherwise (a pattern the dictionary repeats with
    another code, whose last code PETRARCH2 keeps: "ordered an investigation against Iran" 1014, not
    091; :func:`fogline.extract.lexicon._last_code_wins`), the CAMEO export writes PETRARCH2's code:
    a CAMEO-only copy of each primary event coded by that pattern alone (not re-coded by a governing
    verb) with PETRARCH2's code, and the event itself is no longer primary. Where PETRARCH2's code
    is no event ("---"), the export writes nothing. The contract event keeps fogline's code."""
    out: list[tuple[Token, Event]] = []
    lex = lexicon()
    for tok, ev in built:
        got = readings.get(tok.i)
        if got is None or ev.cameo != got[0] or not ev.primary or ev.negated:
            continue
        ev.primary = False
        code = got[1]
        plover = lex.plover(code)
        if code in NON_EVENT_CODES or plover is None:
            continue
        copy = dataclasses.replace(ev, id=f"{ev.id}{CAMEO_ONLY}", cameo=code, type=plover.type, mode=plover.mode,
                                   context=list(plover.context), source=[dataclasses.replace(a) for a in ev.source],
                                   target=[dataclasses.replace(a) for a in ev.target], figures=list(ev.figures),
                                   primary=True)
        out.append((tok, copy))
    return out


def _future_acts(ctx: _Context, part: str, sent: SpacySpan, built: list[tuple[Token, Event]],
                 triggers: list[tuple[Token, str, str | None, str | None]],
                 over: dict[int, dict[str, Any]],
                 readings: dict[int, tuple[str, str | None]] | None = None) -> list[tuple[Token, Event]]:
    """PETRARCH codes an announced act by its verb, reading no modal: "the two leaders will meet in
    Geneva" is a meeting (040, in Switzerland) to PETRARCH2, where fogline's contract event, as
    PLOVER's coders read it, is the intent (036, AGREE) or, for violence, the threat (13). For each
    primary event coded so by "will X" (:func:`_govern`), a CAMEO-only copy coded as the act itself,
    with the act's own roles (and the sentence's place as target where the act's type takes one,
    :func:`_place_target`), is made for the export, and the intent is no longer primary (the
    export writes the act in its stead). The contract event is unchanged."""
    out: list[tuple[Token, Event]] = []
    done: set[int] = set()
    how_of = {t.i: h for t, _c, _m, h in triggers}
    for tok, ev in built:
        o = over.get(tok.i) or {}
        act = o.get("act")
        if act is None or tok.i in done or ev.negated:
            continue
        done.add(tok.i)
        mine = [e for t, e in built if t.i == tok.i and not e.negated]
        if not any(e.primary for e in mine):
            continue
        code, mode = act
        if readings and tok.i in readings and readings[tok.i][0] == code:
            code = readings[tok.i][1]  # the act as PETRARCH2 reads the dictionary (_petrarch_readings)
            if code in NON_EVENT_CODES:
                for e in mine:
                    e.primary = False
                continue
        rest = {k: v for k, v in o.items() if k not in ("rule", "act")}
        named = _subject_at(tok.doc, tok.i)[0] >= 0 or rest.get("source_tok") is not None
        copy = _build(ctx, part, sent, tok, code, mode, rest, how_of.get(tok.i) or "verb", named)
        if copy is None:
            continue
        for e in mine:
            e.primary = False
        for n, c in enumerate(_pairs(copy)):
            c.id = f"{ev.id}-{n}{CAMEO_ONLY}"
            if not c.target and c.type in PLACE_TARGET_TYPES and c.location is not None and c.location.country:
                _place_target(ctx, sent, c)
            out.append((tok, c))
    return out


MEETING_PLACE_PREPS = frozenset({"in", "at"})


def _meeting_places(ctx: _Context, items: list[tuple[Token, Event]]) -> list[tuple[Token, Event]]:
    """PETRARCH2 pairs coordinated actors of a meeting only when its verb phrase names no target:
    "the US, Russia and Switzerland met" is six meetings, one per ordered pair, but "X and Y will
    meet in Zurich" is X -> Switzerland and Y -> Switzerland, the place in the verb's own phrase
    being its target (PETRARCH's dictionaries hold cities as their countries). Where the primary
    events of one meeting verb are the pairs of its coordinated actors (each actor a source and a
    target) and the verb's own "in"/"at" phrase names a place of a country, the pairs are no longer
    primary and CAMEO-only copies, one per actor with the place's country as target, are written
    in their stead (never the actor's own country: :func:`_place_target`'s rule). The contract
    events stay the pairs: who met whom is what the text says."""
    out: list[tuple[Token, Event]] = []
    by_verb: dict[int, list[tuple[Token, Event]]] = {}
    for tok, ev in items:
        if ev.primary and not ev.negated and (ev.cameo or "")[:3] in MUTUAL_TALKS and len(ev.source) == 1 \
                and len(ev.target) == 1 and tok.pos_ in ("VERB", "AUX"):
            by_verb.setdefault(tok.i, []).append((tok, ev))
    for group in by_verb.values():
        if len(group) < 2:
            continue
        srcs = {(e.source[0].name, e.source[0].code) for _t, e in group}
        tgts = {(e.target[0].name, e.target[0].code) for _t, e in group}
        if srcs != tgts:
            continue
        tok = group[0][0]
        if any(c.dep_ in ("dobj", "obj") for c in tok.children):
            continue
        place = _object_place_target(ctx, tok, MEETING_PLACE_PREPS)
        if not place:
            continue
        for _t, e in group:
            e.primary = False
        done: set[tuple[str, str | None]] = set()
        for _t, e in group:
            a = e.source[0]
            if (a.name, a.code) in done or (a.code or "")[:3] == place[0].code:
                continue
            done.add((a.name, a.code))
            copy = dataclasses.replace(e, id=f"{e.id}-at{len(done)}{CAMEO_ONLY}", source=[dataclasses.replace(a)],
                                       target=[dataclasses.replace(place[0])], figures=list(e.figures),
                                       context=list(e.context), primary=True)
            out.append((tok, copy))
    return out


# Verbs of saying by which an actor claims its own attack (PETRARCH2's transformation
# "a (a b ATTACK) SAY = a b 015" in CAMEO.2.0.txt, with SAY and CLAIM).
CLAIMING_REPORTS = {"say", "claim", "state", "announce", "report", "add", "insist", "assert", "tell"}
CLAIMED_ROOTS = {"18", "19", "20"}


def _complement_clause(tok: Token) -> Token:
    """The clausal complement ``tok`` stands in (up to six heads up: "said [they had struck X]"),
    else where the climb stopped (the root, or a word six heads up)."""
    t = tok
    for _ in range(6):
        if t.dep_ == "ccomp" or t.head.i == t.i:
            break
        t = t.head
    return t


def _claimed_acts(ctx: _Context, part: str, sent: SpacySpan,
                  items: list[tuple[Token, Event]]) -> list[tuple[Token, Event]]:
    """An actor saying it did or will do violence to another ("the rebels said they attacked the
    base", "X and Y said they will attack Z") claims the act: PETRARCH2 codes the pair as the
    speaker's statement against the target (CAMEO 015, its transformation ``a (a b ATTACK) SAY =
    a b 015``), where another actor's act reported is an accusation (112,
    :func:`_reported_accusations`). For each primary, asserted act of CAMEO roots 18-20 with a
    coded target, in a complement clause of a verb of saying whose speakers are all actors of the
    act (same name and code: "they", "it" resolved to the speaker), the act is no longer primary and a statement (no contract event: CAMEO
    root 01 has no PLOVER type, :func:`cameo_statements`) from the speakers to the act's targets
    is written for the export; the contract event stays the act."""
    out: list[tuple[Token, Event]] = []
    seen: set[tuple[int, tuple[str | None, ...]]] = set()
    for tok, ev in items:
        if not ev.primary or ev.negated or (ev.cameo or "")[:2] not in CLAIMED_ROOTS:
            continue
        if not any(a.code for a in ev.source) or not any(a.code for a in ev.target):
            continue
        t = _complement_clause(tok)
        head = t.head
        if t.dep_ != "ccomp" or t.i < head.i or head.pos_ != "VERB" or not verb_is(head, CLAIMING_REPORTS):
            continue
        speaker = _subject(head)[0]
        if speaker is None:
            continue
        speakers = [a for a in _actors(ctx, part, speaker) if a.code]
        # the very actor (as PETRARCH2's "a ... a" is one code; the name too, as two rebel groups
        # share a code): another actor's act, or its own side's ("state media said government
        # forces killed"), is no claim
        if not speakers or not {(a.name, a.code) for a in speakers} <= {(a.name, a.code) for a in ev.source}:
            continue
        ev.primary = False
        key = (head.i, tuple(a.code for a in ev.target))
        if key in seen:
            continue
        seen.add(key)
        clause = _clause_span(head, sent)
        st = Event(id=_event_id(ctx.parsed.doc.id, part, head.idx, f"015:{tok.i}"), type=STATEMENT, mode=None,
                   context=[], cameo="015", trigger_span=ctx.parsed.span(part, (head.idx, head.idx + len(head))),
                   source=[dataclasses.replace(a) for a in speakers],
                   target=[dataclasses.replace(a) for a in ev.target if a.code], date=ev.date,
                   date_text=ev.date_text, location=ev.location, evidence=ctx.parsed.span(part, clause),
                   hedged=ev.hedged)
        out.append((head, st))
    return out


def _agentless_passive(tok: Token) -> bool:
    """A passive verb with no agent: "were killed (in X)", "is disarmed", or a passive participle
    modifying its noun ("soldiers killed in X"); "killed by rebels" has an agent."""
    if tok.pos_ not in ("VERB", "AUX") or tok.tag_ != "VBN":
        return False
    deps = {c.dep_ for c in tok.children}
    if "agent" in deps:
        return False
    return bool(deps & {"nsubjpass", "auxpass"}) or tok.dep_ == "acl"


def _passive_place_sources(ctx: _Context, sent: SpacySpan, built: list[tuple[Token, Event]]) -> list[Event]:
    """PETRARCH's convention for an agentless passive: "ten soldiers were killed in Ukraine" is coded
    with the country of the place as its source (UKR -> the soldiers), as PETRARCH reads the actor of
    the passive verb's own phrase where no "by" phrase names one. That is a coding convention, not
    a fact (nobody said Ukraine killed them), so the contract event keeps no source; a copy with the
    place's country as source is made for the CAMEO export only (kept with the CAMEO statements,
    :func:`cameo_statements`). Only a primary, asserted, coded event with a target and no source; the
    place is one named in the verb's own prepositional phrase ("in", "near"...), else the place of
    the sentence (never the report's main place)."""
    out: list[Event] = []
    for tok, ev in built:
        if ev.source or not ev.target or not ev.primary or ev.negated or not ev.cameo or ev.type == STATEMENT:
            continue
        if not _agentless_passive(tok):
            continue
        places, sent_place = _sentence_places(ctx, sent)
        cc = place = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in PASSIVE_PLACE_PREPS:
                lo, hi = c.left_edge.i, c.right_edge.i
                ms = [m for m in places if lo <= m.start and m.end <= hi + 1]
                if ms:
                    cc, place = gazetteer().country_name(ms[0].place.cc), ms[0].text
                    break
        if cc is None and sent_place is not None and ev.location is not None:
            cc, place = ev.location.country, ev.location.name
        country = ctx.index.lookup(cc or "")
        if country is None or not country.code or len(country.code) != 3:
            continue
        out.append(dataclasses.replace(ev, id=f"{ev.id}{CAMEO_ONLY}",
                                       source=[Actor(country.name, country.code, country.kind, place or "")],
                                       target=[dataclasses.replace(a) for a in ev.target],
                                       figures=list(ev.figures), context=list(ev.context)))
    return out


def _uncoded_targets(ctx: _Context, part: str, sent: SpacySpan, built: list[tuple[Token, Event]]) -> list[Event]:
    """PETRARCH's convention for a coded actor acting on a phrase no dictionary codes: "Interpol will
    send a team", "opponents of the senate protested in the capital" are written with target
    ``---``. Only a primary, asserted, coded verb event with a coded source and no target, whose own
    object or prepositional phrase (not a clause below it) names neither an actor of a country or
    organisation nor a place of a country (those are targets PETRARCH would code, or that fogline's
    own rules already weighed; a bare agent noun such as "the capital" names no one).
    As with :func:`_passive_place_sources` the record is a CAMEO-only copy (its target an uncoded
    actor, the phrase), never a contract event: the phrase is no actor."""
    out: list[Event] = []
    for tok, ev in built:
        if ev.target or not ev.primary or ev.negated or not ev.cameo or ev.type == STATEMENT:
            continue
        if tok.pos_ not in ("VERB", "AUX") or not any(a.code for a in ev.source):
            continue
        heads = []
        for c in tok.children:
            if c.dep_ in ("dobj", "obj"):
                heads.append((c, c))
            elif c.dep_ == "prep":
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    heads.append((c, pobj))
        if not heads:
            continue
        places = _sentence_places(ctx, sent)[0]
        agents = _agent_codes(ctx.index.kb)  # a bare agent noun ("the capital": GOV) names no one
        named = False
        doc = tok.doc
        pos = token_table(doc).pos  # the phrase's words by index: a Token only for a noun to resolve
        for phrase, noun in heads:
            lo, hi = phrase.left_edge.i, phrase.right_edge.i
            if any(lo <= m.start and m.end <= hi + 1 and m.place.cc for m in places) or any(
                    a.code and a.code not in agents for u in subtree_at(doc, phrase.i) if pos[u] in ("NOUN", "PROPN", "PRON")
                    for a in _actors(ctx, part, doc[u])):
                named = True
                break
        if named:
            continue
        phrase = heads[0][1]
        text = ctx.parsed.text(part)[phrase.left_edge.idx:phrase.right_edge.idx + len(phrase.right_edge)]
        out.append(dataclasses.replace(ev, id=f"{ev.id}{CAMEO_ONLY}", source=[dataclasses.replace(a) for a in ev.source],
                                       target=[Actor(text, None, "unknown", text)],
                                       figures=list(ev.figures), context=list(ev.context)))
    return out


def _drop_purposes(built: list[tuple[Token, Event]]) -> list[tuple[Token, Event]]:
    """A purpose infinitive of the same kind as the action it serves is that action, not another:
    "met with X to discuss the crisis" is one consultation, "attacked the town to seize it" keeps both."""
    roots = {tok.i: (ev.cameo or "")[:2] for tok, ev in built}
    out = []
    for tok, ev in built:
        if (tok.dep_ in ("advcl", "xcomp") and tok.head.i in roots and roots[tok.head.i] == (ev.cameo or "")[:2]
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
            continue
        out.append((tok, ev))
    return out


# Reporting verbs whose speaker, reporting a hostile act by another actor, accuses that actor
# (PETRARCH's "X said that Y attacked Z" -> X ACCUSE Y, CAMEO 112).
ACCUSING_REPORTS = {"say", "claim", "allege", "charge", "report", "state", "insist", "assert", "tell", "add"}
HOSTILE_ROOTS = {"15", "16", "17", "18", "19", "20"}


STATE_SECTORS = {"", "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "ELI", "MED"}


def _side(code: str | None) -> str:
    """Who an actor code speaks for: a state and its organs are one side ("KEN", "KENMIL",
    "KENGOV" -> "KEN"), its rebels or opposition another ("KENREB")."""
    code = code or ""
    return code[:3] if code[3:6] in STATE_SECTORS else code


_AGENT_CODES: dict[int, frozenset[str]] = {}


def _agent_codes(kb: Any) -> frozenset[str]:
    """The codes the knowledge base gives unnamed agent nouns, computed once per knowledge base."""
    got = _AGENT_CODES.get(id(kb))
    if got is None:
        got = _AGENT_CODES[id(kb)] = frozenset(kb.agents.values())
    return got


def _reported_accusations(ctx: _Context, part: str, sent: SpacySpan,
                          built: list[tuple[Token, Event]]) -> list[tuple[Token, Event]]:
    """An accusation for each hostile act a speaker reports of another actor: "the ministry said rebels
    shelled the town" is, besides the shelling, the ministry accusing the rebels (CAMEO 112, PLOVER
    ACCUSE), as CAMEO codes reported violence. Only asserted acts whose actor is named and is not the
    speaker; one accusation per speaker and accused."""
    out: list[tuple[Token, Event]] = []
    seen: set[tuple[int, tuple[str | None, ...]]] = set()
    if not any(not ev.negated and ev.source and (ev.cameo or "")[:2] in HOSTILE_ROOTS for _, ev in built):
        return out
    lex = lexicon()
    countries = ctx.index.kb.countries
    sectors = _agent_codes(ctx.index.kb)  # codes an unnamed agent noun gets ("medics" HLH)
    for tok, ev in built:
        if ev.negated or not ev.source or (ev.cameo or "")[:2] not in HOSTILE_ROOTS:
            continue
        t = _complement_clause(tok)
        head = t.head
        if t.dep_ != "ccomp" or head.pos_ != "VERB" or not verb_is(head, ACCUSING_REPORTS):
            continue
        speaker = _subject(head)[0]
        if speaker is None:
            continue
        # a named speaker: a country's (or a country's organ's) or a named international body's word,
        # not unnamed "officials" or "medics" of no country
        speakers = [a for a in _actors(ctx, part, speaker) if a.code and (
            a.code[:3] in countries or a.kind in ("igo", "ngo", "media") and a.code not in sectors)]
        accused = [a for a in ev.source if a.code]
        if not speakers or not accused:
            continue
        if {_side(a.code) for a in speakers} & {_side(a.code) for a in accused}:
            continue  # "the US said it had attacked": a claim of its own act, no accusation
        key = (head.i, tuple(a.code for a in accused))
        if key in seen:
            continue
        seen.add(key)
        own = [e for h, e in built if h.i == head.i and e.type == "ACCUSE" and not e.negated
               and {a.code for a in accused} <= {a.code for a in e.target}]
        if own:
            # "X alleged that Y attacked Z": the verb is an accusation of its own (ALLEGING), of an
            # attack: CAMEO 112 (PETRARCH2's "a (b . ATTACK) CLAIM = a b 112"), one event
            for e in own:
                e.cameo = "112"
            if t.i > head.i:
                ev.primary = False
            continue
        plover = lex.plover("112")
        clause = _clause_span(head, sent)
        acc = Event(id=_event_id(ctx.parsed.doc.id, part, head.idx, f"112:{tok.i}"), type=plover.type if plover else "ACCUSE",
                    mode=plover.mode if plover else None, context=list(plover.context) if plover else [], cameo="112",
                    trigger_span=ctx.parsed.span(part, (head.idx, head.idx + len(head))), source=speakers,
                    target=[dataclasses.replace(a) for a in accused], date=ev.date, date_text=ev.date_text,
                    location=ev.location, evidence=ctx.parsed.span(part, clause), hedged=ev.hedged)
        if t.i > head.i:
            ev.primary = False  # "X said Y attacked Z": PETRARCH codes the pair as X accusing Y (112) alone
        else:
            acc.primary = False  # "Y attacked Z, X said": a clause before its reporting verb is coded alone
        out.append((head, acc))
    return out


# Dependencies by which a verb's clause belongs to the clause chain PETRARCH2 codes: the main
# clause, clauses coordinated with it, and the complements and adverbial clauses of its verbs (and
# of a predicate adjective: "is prepared to send").
# A clause reached through any other (a relative clause "acl/relcl", a preposition's object
# "pcomp/pobj", a subject or object) is part of a noun or prepositional phrase, which PETRARCH2
# reads for actors only.
CHAIN_DEPS = {"conj", "xcomp", "ccomp", "advcl", "parataxis", "acomp"}  # acomp: "is ready to X"


def _in_chain(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` is in the sentence's clause chain (:data:`CHAIN_DEPS`), read off the
    token table by index."""
    tt = token_table(doc)
    dep, head = tt.dep, tt.head
    t = i
    for _ in range(20):
        d = dep[t]
        if d == "ROOT" or head[t] == t:
            return True
        if d == "acl" and (be := _existential_of(doc, t)) >= 0:
            t = be  # "there were ten soldiers killed": the participle is the existential's predicate
            continue
        if d not in CHAIN_DEPS or (d == "conj" and _stray_conjunct(doc, t)):
            return False
        t = head[t]
    return False


def _existential_of(doc: Doc, i: int) -> int:
    """For a participle modifying the noun of an existential ("there were ten soldiers killed in X",
    "there have been protests held"), the index of the existential verb; else -1. The clause states
    the participle's action, so it belongs to the clause chain as that verb's predicate would."""
    tt = token_table(doc)
    dep, head, tag = tt.dep, tt.head, tt.tag
    if tag[i] != "VBN":
        return -1
    noun = head[i]
    if dep[noun] not in ("attr", "nsubj") or noun == head[noun]:
        return -1
    be = head[noun]
    kids, at = kids_table(doc)
    return be if any(dep[c] == "expl" for c in kids[at[be]:at[be + 1]]) else -1


FINITE_TAGS = {"VBD", "VBN", "VBZ", "VBP"}


def _stray_conjunct(doc: Doc, v: int) -> bool:
    """A bare infinitive the parser hung as a conjunct on a finite verb with nothing that
    coordinates them (no "and"/"or" and no comma before it, no subject or auxiliary of its own):
    "jailed him for helping militants join a group" read as "jailed ... join". It belongs to a
    phrase below (here the gerund's complement), not to the clause chain. By index."""
    tt = token_table(doc)
    dep, lower, tag = tt.dep, tt.lower, tt.tag
    h = tt.head[v]
    if tag[v] != "VB" or tag[h] not in FINITE_TAGS or h > v:
        return False
    kids, at = kids_table(doc)
    if any(dep[c] in ("nsubj", "nsubjpass", "aux", "auxpass") for c in kids[at[v]:at[v + 1]]):
        return False
    hkids = kids[at[h]:at[h + 1]]
    return not any(dep[u] == "cc" or lower[u] in (",", ";") for u in range(h + 1, v)
                   if u in hkids or u == v - 1)


def _complement_targets(built: list[tuple[Token, Event]]) -> None:
    """A coded verb whose clause complement reports another actor's act is aimed at that actor, as
    PETRARCH2 combines ``a (b . Q) P`` into ``a b P``: "Kenya complained that Somali militants
    attacked its posts" is Kenya accusing the militants (114 KEN -> SOMUAF), "praised that the
    troops released the hostages" praise of the troops. Likewise an action noun in a prepositional
    phrase of the verb lends its target ("blocked roads in protest against the government"). Only
    where the verb has no target of its own."""
    by_tok = {tok.i: ev for tok, ev in built}
    for tok, ev in built:
        if ev.target or not ev.source or tok.pos_ not in ("VERB", "AUX"):
            continue
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        for c in [*tok.children, *(x for o in objs for x in o.children)]:
            # "blocked roads in protest against the government": the protest's target
            if c.dep_ == "prep" and c.lower_ in ("in", "as"):
                noun = by_tok.get(next((x.i for x in c.children if x.dep_ == "pobj"), -1))
                if noun is not None and noun.target and not noun.negated:
                    ev.target = [dataclasses.replace(a) for a in noun.target]
                    break
        if ev.target:
            continue
        for c in tok.children:
            low = by_tok.get(c.i) if c.dep_ == "ccomp" else None
            if low is not None and low is not ev and low.source and not low.negated:
                mine = {a.code for a in ev.source}
                others = [dataclasses.replace(a) for a in low.source if a.code not in mine]
                if others:
                    ev.target = others
                    break


def _mark_primary(built: list[tuple[Token, Event]]) -> None:
    """Mark the events a PETRARCH2-style coder would not emit (``primary = False``), following what
    PETRARCH2 codes by design (its ``Sentence.get_events`` and ``VerbPhrase.get_meaning``): only the
    verb phrases of the sentence's clause chain (:data:`CHAIN_DEPS`) carry events (an action noun
    counts as its verb's when it is the verb's object: "staged a protest"), so a nominal event
    ("the shelling"), and a verb in a relative clause, a noun's modifier or a prepositional phrase
    ("jailed him for helping militants join a group") are not primary; a clause below a verb phrase
    is read only when that phrase codes nothing itself, so an adverbial or complement clause of a
    verb that has its own event is not primary ("police detained him after he attacked soldiers"). The mirror event of a meeting ("X met Y" -> Y met X) is marked
    where it is made (:func:`_pairs`), the reported act PETRARCH folds into an accusation in
    :func:`_reported_accusations`. Events stay in the document either way: PLOVER and ACLED read them."""
    if not built:
        return
    doc = built[0][0].doc  # one sentence's events: one Doc
    tt = token_table(doc)
    pos, dep, head = tt.pos, tt.dep, tt.head

    def verb_of(i: int) -> int:
        if pos[i] in ("VERB", "AUX"):
            return i
        if dep[i] in ("dobj", "obj") and pos[head[i]] in ("VERB", "AUX"):
            return head[i]  # "staged a protest": the verb phrase codes its object noun (a pattern)
        return -1

    verbs = {tok.i: verb_of(tok.i) for tok, _ev in built}
    chain: dict[int, bool] = {}

    def in_chain(v: int) -> bool:
        got = chain.get(v)
        if got is None:
            got = chain[v] = _in_chain(doc, v)
        return got

    own = {v for tok, ev in built if ev.primary and (v := verbs[tok.i]) >= 0 and in_chain(v)}
    for tok, ev in built:
        if not ev.primary:
            continue
        v = verbs[tok.i]
        if v < 0 or not in_chain(v):
            ev.primary = False
            continue
        first = v
        for _ in range(6):  # "alleged that X did A and that Y did B": B is a complement too
            if dep[first] != "conj" or head[first] == first:
                break
            first = head[first]
        if dep[first] in ("advcl", "ccomp") and head[first] in own:
            ev.primary = False


def cameo_dyads(events: list[Event]) -> list[Event]:
    """The events as a PETRARCH2-compatible CAMEO export writes them: one record per dyad.

    PETRARCH2 (``Sentence.get_events`` with its default ``require_dyad``) emits ``(source, target,
    code)`` triples: only primary events (:func:`_mark_primary`) that are asserted (not negated) and
    CAMEO-coded, with a coded source; a target phrase is required, and one the actor dictionaries
    cannot code is written ``---`` (here: no target actor); each coded source and each coded target
    make their own record (compound actors are split), and repeated triples are written once. Each
    record is a copy of its event with one source and at most one target actor."""
    out: list[Event] = []
    seen: set[tuple[str, str, str]] = set()
    for ev in events:
        if not ev.primary or ev.negated or not ev.cameo or not ev.target:
            continue
        sources = [a for a in ev.source if a.code]
        targets: list[Actor | None] = [a for a in ev.target if a.code] or [None]
        for s in sources:
            for t in targets:
                key = (ev.cameo, s.code or "", t.code or "" if t is not None else "---")
                if key in seen:
                    continue
                seen.add(key)
                out.append(dataclasses.replace(ev, source=[s], target=[t] if t is not None else [],
                                               figures=list(ev.figures), context=list(ev.context)))
    return out


# Mutual actions: with coordinated actors and no one else named, each acts on the others.
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}  # as PETRARCH2 pairs coordinated actors (get_events)
MUTUAL_TALKS = {"040", "046"}  # meeting and negotiating (not visiting or hosting: 042/043)
SYMMETRIC_FIGHT = {"clash", "fight", "skirmish", "battle", "exchange"}


def _symmetric(code: str | None, tok: Token) -> bool:
    """Whether the action is mutual when its actors are coordinated: meeting, talks, cooperation,
    diplomatic cooperation ("Argentina and Chile signed an agreement", CAMEO 05, as PETRARCH2 pairs
    coordinated actors of roots 03-06) and intents to cooperate ("Brazil and the US seek to deepen
    ties"), and clashes."""
    r = (code or "")[:2]
    return r in SYMMETRIC_ROOTS or (r == "19" and tok.lemma_.lower() in SYMMETRIC_FIGHT)


def _pairs(ev: Event) -> list[Event]:
    """A mutual event among coordinated actors (its target the same actors as its source) as one
    event per ordered pair, as CAMEO codes it: "the US, Russia and Switzerland met" gives six
    meetings, each with one source and one target. Other events are returned as they are."""
    src = [(a.name, a.code) for a in ev.source]
    if (ev.cameo or "")[:3] in MUTUAL_TALKS and len(ev.source) == 1 and len(ev.target) == 1 and src != [
            (a.name, a.code) for a in ev.target]:
        # "X held talks with Y", "X met Y": talks are held by both sides
        back = dataclasses.replace(ev, source=list(ev.target), target=list(ev.source), id=f"{ev.id}-r",
                                   figures=list(ev.figures), context=list(ev.context), primary=False)
        return [ev, back]
    if len(src) < 2 or src != [(a.name, a.code) for a in ev.target]:
        return [ev]
    out = []
    for a, b in itertools.permutations(range(len(ev.source)), 2):
        e = dataclasses.replace(ev, source=[ev.source[a]], target=[ev.target[b]],
                                id=f"{ev.id}-{a}{b}", figures=list(ev.figures), context=list(ev.context))
        out.append(e)
    return out


# Verbs that state an attack's toll rather than a second attack: "killed in an air strike",
# "shelled the town, killing eight".
RESULT_VERBS = {"kill", "wound", "injure", "hurt", "maim", "claim", "leave"}
# Prepositions by which a casualty verb names the attack that caused it ("killed in/by/during an air
# strike", "injured due to / because of / as a result of a terrorist attack"): the last word of each.
CAUSE_PREPS = {"in", "by", "during", "after", "to", "of", "following", "from"}
CAUSE_HEADS = {"due", "because", "result", "owing", "thanks"}
CASUALTY_MARKS = {"when", "as", "after"}  # "killed when rebels blew up a tunnel"


def _cause_objects(c: Token) -> list[Token]:
    """The nouns a casualty verb's dependent ``c`` names as the cause: the object of "in", "by",
    "during", "after" ("killed in an air strike"), and of a complex preposition ("due to", "because
    of", "as a result of": the parser hangs "to"/"of", or the noun itself, under "due"/"because"/
    "result")."""
    if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during", "after", "following", "amid"):
        return [x for x in c.children if x.dep_ == "pobj"]
    out: list[Token] = []
    frontier = [c] if c.dep_ in ("prep", "advmod", "amod", "acomp", "advcl") else []
    for _ in range(3):  # "as" -> "result" -> "of" at most
        nxt: list[Token] = []
        for t in frontier:
            if t.lower_ in CAUSE_HEADS:
                for x in t.children:
                    if x.dep_ in ("prep", "pcomp") and x.lower_ in CAUSE_PREPS:
                        out += [y for y in x.children if y.dep_ == "pobj"]
                    elif x.dep_ in ("pobj", "pcomp") and x.lower_ not in CAUSE_HEADS | CAUSE_PREPS:
                        out.append(x)  # "because of shelling" parsed with the noun under "because"
            nxt += [x for x in t.children if x.dep_ in ("pobj", "prep", "pcomp") and x.lower_ in CAUSE_HEADS]
        frontier = nxt
    return out


def _merge_results(ctx: _Context, part: str, built: list[tuple[Token, Event]]) -> list[tuple[Token, Event]]:
    """Fold a casualty verb into the attack it reports: "eight people were killed in an air strike by
    government forces" is one air strike (its victims the target, its toll the figures), and
    "insurgents shelled the city, killing eight" one shelling. The attack keeps its own code and mode."""
    at = {tok.i: k for k, (tok, _ev) in enumerate(built)}
    gone: set[int] = set()
    for k, (tok, ev) in enumerate(built):
        if ev.type != "ASSAULT" or tok.lemma_.lower() not in RESULT_VERBS or tok.pos_ != "VERB":
            continue
        into: int | None = None
        subj = _subject(tok)[0]
        if subj is not None and subj.i in at and built[at[subj.i]][1].type == "ASSAULT":
            into = at[subj.i]  # "US drone attacks have killed eight leaders"
        for c in tok.children:  # "killed in/by/during an air strike", "injured due to an attack"
            for obj in _cause_objects(c):
                if obj.i in at and built[at[obj.i]][1].type == "ASSAULT":
                    into = at[obj.i]
        if into is None and not ev.source:
            # "were injured when/as jets fired missiles on the market": an agentless toll is the attack of
            # its when/as/after clause (a toll with its own agent, "bombers killed 23 when they blew
            # themselves up", keeps its own event and code)
            for c in tok.children:
                if (c.dep_ == "advcl" and c.i in at and built[at[c.i]][1].type == "ASSAULT"
                        and any(m.dep_ in ("mark", "advmod") and m.lower_ in CASUALTY_MARKS and m.i < c.i for m in c.children)):
                    into = at[c.i]
                    break
        if into is None and tok.dep_ in ("advcl", "conj") and tok.tag_ == "VBG" and tok.head.i in at:
            if built[at[tok.head.i]][1].type == "ASSAULT":  # "shelled the town, killing eight"
                into = at[tok.head.i]
        if into is None or into == k or into in gone:
            continue
        htok, head = built[into]
        if not head.target:
            head.target = list(ev.target)
        if not head.source:
            head.source = list(ev.source)
        seen = {(f.value, f.unit) for f in head.figures}
        head.figures += [f for f in ev.figures if (f.value, f.unit) not in seen]
        start, end = min(head.evidence.start, ev.evidence.start), max(head.evidence.end, ev.evidence.end)
        if head.evidence.part == ev.evidence.part:
            head.evidence = ctx.parsed.span(part, (start, end))
        head.negated = head.negated and ev.negated
        head.acled = acled_for(head, htok)
        if htok.pos_ == "NOUN" and tok.pos_ == "VERB":
            built[into] = (tok, head)  # "killed in a clash": the verb's clause now carries the attack
        gone.add(k)
    return [te for k, te in enumerate(built) if k not in gone]


def _light_verbs(sent: SpacySpan, triggers: list[tuple[Token, str, str | None, str]],
                 over: dict[int, dict[str, Any]], used_nouns: set[int]) -> list[tuple[Token, str, str | None, str]]:
    """Code a light verb by its action noun: "held talks with" CONSULT, "issued a warning" THREATEN,
    "opened an investigation into" ACCUSE/investigate, "reiterated its demand that Israel ease ..."
    REQUEST (whose target is the subject of the demand's clause). The verb keeps the roles."""
    by_i = {t.i: k for k, (t, *_rest) in enumerate(triggers)}
    out = list(triggers)
    doc = sent.doc
    tt = token_table(doc)
    pos, dep, lemma = tt.pos, tt.dep, tt.lemma
    kids, at = kids_table(doc)
    for i in range(sent.start, sent.end):
        if pos[i] != "VERB":
            continue
        # the action noun first (a list look), the verb's forms only for a verb that has one
        n = next((c for c in kids[at[i]:at[i + 1]] if dep[c] in ("dobj", "obj") and pos[c] == "NOUN"
                  and lemma[c] in LIGHT_NOUNS), -1)
        if n < 0 or not verb_is_at(doc, i, LIGHT_VERBS_FOR_NOUNS):
            continue
        tok, noun = doc[i], doc[n]
        if noun.lemma_.lower() == "protest" and not verb_is(tok, OFFICIAL_PROTEST_VERBS):
            continue  # "held a protest" is a demonstration (a nominal event); "lodged a protest" a complaint
        code = LIGHT_NOUNS[noun.lemma_.lower()]
        entry = (tok, code, None, "verb")
        if tok.i in by_i:
            out[by_i[tok.i]] = entry
        else:
            out.append(entry)
        used_nouns.add(noun.i)
        o = over.setdefault(tok.i, {})
        o["trigger"] = (tok.idx, noun.idx + len(noun))
        # the noun's own target: "talks with X", "a demand that X ..."; talks "on/for X" are about X
        preps = ("with",) if code[:2] == "04" else ("with", "against", "on", "to", "into", "from", "for")
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                    o.setdefault("target_tok", obj)
            elif c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                subj = _subject(c)[0]
                if subj is not None:
                    o["target_tok"] = subj
                o.setdefault("drop", set()).add(c.i)
    return out


def _root(code: str | None) -> str:
    return (code or "")[:2]


def _by_prefix(table: dict[str, str], code: str, default: str) -> str:
    for n in range(len(code), 2, -1):
        if code[:n] in table:
            return table[code[:n]]
    return default


def _intent_code(code: str | None) -> str:
    """CAMEO 03x: an intent to do the cooperative action ``code``."""
    r = _root(code)
    if not code or r in ("09", "01", "02"):
        return "030"
    if r == "03":
        return code
    if r == "04":
        return "036"
    if r == "05":
        return "032"
    if r == "06":
        return _by_prefix({"061": "0311", "062": "0312"}, code, "031")
    if r == "07":
        return _by_prefix({"071": "0331", "072": "0332", "073": "0333", "074": "0334"}, code, "033")
    if r == "08":
        return _by_prefix({"081": "0351", "082": "0352", "083": "0342", "084": "0353", "085": "0354",
                           "086": "0355", "087": "0356"}, code, "035")
    return code


def _threat_code(code: str | None) -> str:
    """CAMEO 13x: a threat to do the conflictual action ``code``."""
    r = _root(code)
    if r == "16":
        return _by_prefix({"161": "1313", "163": "1312", "164": "1313", "166": "136"}, code or "", "131")
    if r == "17":
        return _by_prefix({"172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
                           "174": "136"}, code or "", "137")
    if r in ("15", "18", "19", "20"):
        return "138"
    if r == "14":
        return "133"
    if r == "13":
        return code or "130"
    return "130"


def _reject_code(code: str | None) -> str:
    """CAMEO 12x: refusing the cooperative action ``code``."""
    r = _root(code)
    if r == "04":
        return "125"
    if r == "06":
        return _by_prefix({"061": "1211", "062": "1212"}, code or "", "121")
    if r == "07":
        return _by_prefix({"071": "1221", "072": "1222", "073": "1223", "074": "1224"}, code or "", "122")
    if r == "08":
        return _by_prefix({"081": "1241", "082": "1242", "084": "1243", "085": "1244", "086": "1245",
                           "087": "1246"}, code or "", "124")
    if r == "12":
        return code or "120"
    return "120"


def _demand_code(code: str | None, base: str) -> str:
    """CAMEO 10x (demand) or 02x (appeal) for the action ``code`` wanted of someone."""
    r = _root(code)
    if base == "100":
        table = {"04": "106", "07": "103", "06": "101", "08": "105", "03": "100", "05": "100"}
    else:
        table = {"04": "026", "07": "023", "06": "021", "08": "025", "03": "020", "05": "022"}
    return table.get(r, base)


def _explicit_neg(tok: Token) -> bool:
    """"not", "never", "no longer" on the verb."""
    doc, i = tok.doc, tok.i
    tt = token_table(doc)
    dep, lower = tt.dep, tt.lower
    kids, at = kids_table(doc)
    return any(dep[c] == "neg" or (lower[c] == "never" and dep[c] == "advmod")
               or (lower[c] == "longer" and any(lower[g] == "no" for g in kids[at[c]:at[c + 1]]))
               for c in kids[at[i]:at[i + 1]])


def _conditional(tok: Token) -> bool:
    """A clause that only states a condition ("if it is attacked", "unless Israel withdraws")."""
    doc, i = tok.doc, tok.i
    tt = token_table(doc)
    dep = tt.dep
    if dep[i] != "advcl":
        return False
    kids, at = kids_table(doc)
    return any(dep[c] == "mark" and tt.lower[c] in ("if", "unless", "when", "once", "until")
               for c in kids[at[i]:at[i + 1]])


def _govern(sent: SpacySpan, triggers: list[tuple[Token, str, str | None, str]],
            over: dict[int, dict[str, Any]]) -> list[tuple[Token, str, str | None, str]]:
    """Code actions by the verb that governs them, as CAMEO does: "agreed/offered/was ready to X" is
    an intent (03, AGREE) for a cooperative X and a threat (13) for a conflictual one; "threatened to
    X" a threat; "refused to X", "will not X" and a negated cooperative X a rejection (12, REJECT);
    "will X" a stated intent or threat; "Y must/should X" said by Z, and "Z demanded that Y X",
    a demand or appeal by Z to Y (10/02, REQUEST). The governed action is then no event of its own."""
    coded = {t.i: (t, c, m, h) for t, c, m, h in triggers}
    drop: set[int] = {i for o in over.values() for i in o.get("drop", ())}
    new: dict[int, tuple[Token, str, str | None, str]] = {}
    doc = sent.doc
    tt = token_table(doc)  # labels, words and children by index; Tokens only for what is kept
    pos, dep, lower, lemma, heads = tt.pos, tt.dep, tt.lower, tt.lemma, tt.head
    kids, at = kids_table(doc)

    def aux_to(v: int) -> bool:
        return any(dep[c] == "aux" and lower[c] == "to" for c in kids[at[v]:at[v + 1]])

    for i in range(sent.start, sent.end):
        if pos[i] != "VERB" or i in drop:
            continue
        x = coded.get(i)
        di = dep[i]
        if x is None and di not in ("xcomp", "advcl", "ccomp"):
            continue  # neither coded nor governed: no rule below codes it or its head
        xcode = x[1] if x else None
        h = heads[i]
        hl = lemma[h]
        children = kids[at[i]:at[i + 1]]
        hchildren = kids[at[h]:at[h + 1]]
        infinitive = di == "xcomp" or (di == "advcl" and hl in INTENT_HEADS | THREAT_HEADS | REFUSE_HEADS
                                       and aux_to(i)
                                       and not any(dep[c] == "mark" for c in children)
                                       and not any(dep[c] in ("dobj", "obj") for c in hchildren))
        to_clause = di == "ccomp" and aux_to(i)
        tok = doc[i]
        if di == "xcomp" and h != i and pos[h] == "VERB" and verb_is_at(doc, h, ORDER_HEADS):
            obj = next((c for c in hchildren if dep[c] in ("dobj", "obj")), -1)
            speaker = _subject_at(doc, h)[0]
            if obj >= 0 and speaker >= 0:
                head = doc[h]
                if _root(xcode) in ("16", "17"):
                    # "the junta ordered the paper to suspend publication": the junta coerces the paper
                    new[i] = (tok, xcode or "170", x[2] if x else None, "rule")
                    over[i] = {"source_tok": doc[speaker], "target_tok": doc[obj], "negated": _explicit_neg(head)}
                else:  # "the judge ordered the minister to appear": a demand made of the minister
                    new[i] = (tok, _demand_code(xcode, "100"), None, "rule")
                    over[i] = {"trigger": (head.idx, tok.idx + len(tok)), "source_tok": doc[speaker],
                               "target_tok": doc[obj], "negated": _explicit_neg(head)}
                drop.add(h)
                continue
        if (infinitive or to_clause) and h != i and hl in WANT_HEADS and pos[h] == "VERB":
            obj = next((c for c in (children if to_clause else hchildren)
                        if dep[c] in (("nsubj",) if to_clause else ("dobj", "obj"))), -1)
            speaker = _subject_at(doc, h)[0]
            if obj >= 0 and speaker >= 0:  # "Obama wants Putin to withdraw": an appeal to Putin
                head = doc[h]
                new[i] = (tok, _demand_code(xcode, "020"), None, "rule")
                over[i] = {"trigger": (head.idx, tok.idx + len(tok)), "source_tok": doc[speaker],
                           "target_tok": doc[obj], "negated": _explicit_neg(head)}
                drop.add(h)
                continue
        if infinitive and h != i and hl in PREPARE_HEADS and pos[h] == "VERB" and x is not None:
            if _root(xcode) in ("18", "19", "20"):
                head = doc[h]
                new[i] = (tok, "150", None, "rule")
                over[i] = {"trigger": (head.idx, tok.idx + len(tok)), "negated": _explicit_neg(head)}
            drop.add(h)  # the preparation is no event of its own beside what it prepares
            continue
        if infinitive and h != i:
            head = doc[h]
            ready = hl in READY_ADJ and pos[h] == "ADJ"
            neg_head = _explicit_neg(head) or (ready and _explicit_neg(head.head))
            if hl in REFUSE_HEADS and pos[h] == "VERB":
                code = _reject_code(xcode)
            elif hl in THREAT_HEADS:
                code = _threat_code(xcode)
            elif (hl in INTENT_HEADS and pos[h] == "VERB") or ready:
                if neg_head:
                    code = _reject_code(xcode)
                elif _root(xcode) in CONFLICT_ROOTS:
                    code = _threat_code(xcode)
                elif xcode is None or _root(xcode) in COOP_ROOTS | {"09", "01"}:
                    if hl in ("hope", "expect", "want", "wish", "aim") and xcode is None:
                        continue  # "hoped to see": no action of the subject's
                    code = _intent_code(xcode)
                else:
                    continue
            else:
                continue
            new[i] = (tok, code, None, "rule")
            over[i] = {"trigger": (min(head.idx, tok.idx), tok.idx + len(tok)), "negated": False}
            if hl in REFUSE_HEADS or neg_head:
                over[i]["negated"] = _explicit_neg(head) and not neg_head
            drop.add(h)
            continue
        future = any(dep[c] == "aux" and lower[c] in FUTURE_AUX for c in children)
        if di == "ccomp" and pos[h] == "VERB" and (hl == "agree" or (hl in ("warn", "threaten") and future)):
            # "agreed that ... should cooperate": an agreement; "warned that police will no longer
            # tolerate rallies": a threat. Coded on the governing verb, the content is no event.
            head = doc[h]
            code = "030" if hl == "agree" else _threat_code(xcode)
            new[h] = (head, code, None, "rule")
            over[h] = {"trigger": (head.idx, head.idx + len(head)), "negated": _explicit_neg(head)}
            drop.add(i)
            continue
        modal = next((c for c in children if dep[c] == "aux" and lower[c] in DEMAND_AUX), -1)
        if modal >= 0 and di == "ccomp" and not _explicit_neg(tok) and hl not in INTENT_HEADS:
            g = h
            if pos[g] == "NOUN" and dep[g] in ("dobj", "obj"):
                g = heads[g]  # "issued a reminder that Iraq must ..."
            speaker = _subject_at(doc, g)[0] if pos[g] in ("VERB", "AUX") else -1
            subj = _subject_at(doc, i)[0]
            if speaker >= 0 and subj >= 0 and speaker != subj:
                new[i] = (tok, _demand_code(xcode, DEMAND_AUX[lower[modal]]), None, "rule")
                over[i] = {"trigger": (tt.idx[modal], tok.idx + len(tok)), "source_tok": doc[speaker],
                           "target_tok": doc[subj], "negated": False}
                drop.add(g)
                continue
        if x is None or i in new:
            continue
        if _explicit_neg(tok) and _root(xcode) in COOP_ROOTS and _subject_at(doc, i)[0] >= 0:
            new[i] = (tok, _reject_code(xcode), None, "rule")  # "would not provide support": REJECT
            over[i] = {"negated": False}
            continue
        if future and di not in ("relcl", "acl") and not _conditional(tok) and not _explicit_neg(tok):
            if _root(xcode) in COOP_ROOTS and _root(xcode) != "03":
                new[i] = (tok, _intent_code(xcode), None, "rule")
                over.setdefault(i, {})["act"] = (xcode, x[2])  # what PETRARCH codes: it reads no modal
            elif _root(xcode) in CONFLICT_ROOTS and (_root(xcode) != "16" or any(_conditional(doc[c]) for c in children)
                                                      or (di == "ccomp" and verb_is_at(doc, h, REPORTING))):
                # "said they would boycott the talks": a threat (PLOVER THREATEN), as is any announced
                # future sanction with a condition; "will cut aid" alone is the sanction itself
                new[i] = (tok, _threat_code(xcode), None, "rule")
                over.setdefault(i, {})["act"] = (xcode, x[2])
    # What a demand or appeal asks for is no event of its own: "demanded that the US cancel plans".
    for t, code, _m, _h in list(triggers) + list(new.values()):
        plover = lexicon().plover(new.get(t.i, (t, code))[1])
        if plover is None or plover.type != "REQUEST" or t.i in drop:
            continue
        for c in t.children:
            if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
                drop.add(c.i)
                if c.dep_ == "ccomp" and not any(d.dep_ in ("dobj", "obj", "dative") for d in t.children):
                    subj = _subject(c)[0]
                    if subj is not None:
                        over.setdefault(t.i, {})["target_tok"] = subj
    for k in new:
        over.setdefault(k, {})["rule"] = True
    out = []
    for t, code, mode, how in triggers:
        if t.i in drop and t.i not in new:
            continue
        out.append(new.pop(t.i, (t, code, mode, how)))
    out.extend(v for k, v in new.items() if k not in drop)
    return out


VIOLENT = {"ASSAULT", "PROTEST", "COERCE"}
DIPLOMATS = ("diplomat", "ambassador", "envoy", "attache", "attaché", "consul", "embassy staff")
# Event types whose target, when the clause names none, is the country of the sentence's place.
PLACE_TARGET_TYPES = {"PROTEST", "CONSULT", "MOBILIZE"}


def _attested(etype: str, sources: list[Actor], targets: list[Actor], how: str, named: bool = False,
              lemma: str = "") -> bool:
    """Whether the clause makes the event out well enough to code it. Violence, protest and
    coercion stand on the trigger alone ("shelling resumed at dawn"); any other action needs
    its actor (a resolved one or, for an action coded by its governing verb, a grammatical
    subject the actor layer could not name: "the two sides agreed to ..."), and one
    that only a dictionary block's default code makes an event ("leave", "go") needs both
    resolved actors, as PETRARCH requires. A meeting that a verb of another sense codes by its
    block's default ("arrived at the hotel", "introduced the law", "faced off") needs someone met."""
    if etype in VIOLENT or how == "noun":
        return True
    if how == "block" or etype == "CONSULT" and how == "verb" and lemma not in MEETING_VERBS:
        return bool(sources) and bool(targets)
    return bool(sources) or (named and how == "rule")


def _meeting_word(tok: Token) -> str:
    """The verb's lemma for :func:`_attested`, or "visit" where it goes to a named place ("arrived in
    Amman", "return to Geneva"), or the governing verb's where that meets ("met to consider X")."""
    if any(c.dep_ == "prep" and c.lower_ in ("in", "to", "at") and any(
            o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC") for o in c.children) for c in tok.children):
        return "visit"
    head = tok.head.lemma_.lower()
    return head if tok.dep_ in ("xcomp", "advcl") and head in MEETING_VERBS else tok.lemma_.lower()


MEETING_VERBS = frozenset({"meet", "talk", "negotiate", "renegotiate", "confer", "consult", "discuss", "visit", "host",
                           "receive", "broker", "mediate", "hold", "convene", "gather"})
LEGAL_PLOVER = {**{w: ("ACCUSE", "allege") for w in ("indict", "charge", "prosecute", "sue", "arraign")},
                **{w: ("SANCTION", "convict") for w in ("convict", "sentence")}}


def _build(ctx: _Context, part: str, sent: SpacySpan, tok: Token, code: str, mode: str | None,
           over: dict[str, Any] | None = None, how: str = "verb", named: bool = False) -> Event | None:
    """The event for trigger ``tok``, or None when the clause does not make it out (:func:`_attested`,
    checked on the roles before the costlier date, place and figures are looked up)."""
    lex = lexicon()
    plover = lex.plover(code)
    if plover is None and code.startswith(SAY_ROOTS):
        plover = Plover(STATEMENT, None, ())  # a CAMEO statement: for the export only (cameo_statements)
    if plover is None:
        return None
    over = over or {}
    nominal = tok.pos_ == "NOUN" and not tok.tag_.startswith("VB")
    if nominal:
        sources, targets, gov = _noun_roles(ctx, part, tok, plover.type)
    else:
        sources, targets = _verb_roles(ctx, part, tok, plover.type)
        gov = tok
    if over.get("source_tok") is not None:
        sources = _actors(ctx, part, over["source_tok"])
    if over.get("target_tok") is not None:
        targets = _actors(ctx, part, over["target_tok"]) or targets
    if code.startswith("144") and any(a.kind in STATE_KINDS for a in sources):
        code = "191"  # a state force blocking roads imposes a blockade (COERCE), protesters obstruct
        plover = lex.plover(code) or plover
    if plover.type == "ASSAULT" and _reciprocal(tok) and sources and not targets:
        targets = list(sources)  # "troops and rebels fighting each other"
    if len(sources) >= 2 and not targets and _symmetric(code, tok):
        targets = list(sources)  # "Russia and Turkey met": each met the other (split by _pairs)
    if not _attested(plover.type, sources, targets, how, named,
                     _meeting_word(tok) if plover.type == "CONSULT" and how == "verb" else ""):
        return None
    if code.startswith("17") and tok.lemma_.lower() in LEGAL_PLOVER:
        # CAMEO files indicting, charging and convicting under arrest (173, PETRARCH2's code, kept for
        # the CAMEO export); PLOVER's codebook files them as legal accusation (ACCUSE, allege: "criminally
        # indict", "charge with a crime", "bring to trial") and conviction (SANCTION, convict: "found
        # guilty and sentenced")
        plover = Plover(*LEGAL_PLOVER[tok.lemma_.lower()], ("legal",))
    ev_mode = mode or plover.mode
    if plover.type != "ASSAULT" and mode and not plover.mode:
        ev_mode = None
    clause = _clause_span(gov if nominal else tok, sent)
    evidence = ctx.parsed.span(part, clause)
    trigger = ctx.parsed.span(part, over.get("trigger") or _trigger_tokens(tok))
    # the clause as a Span, made once for its date, place and figures
    span = sent.doc.char_span(*clause, alignment_mode="expand")
    date_text, date = _date(ctx, span, sent, gov)
    ev = Event(
        id=_event_id(ctx.parsed.doc.id, part, tok.idx, code),
        type=plover.type, mode=ev_mode, context=list(plover.context), cameo=code,
        trigger_span=trigger, source=sources, target=targets, date=date, date_text=date_text,
        location=_place(ctx, clause, span, sent), figures=_figures(span),
        negated=over["negated"] if "negated" in over else _negated(tok, gov), hedged=_hedged(tok, gov, sent),
        evidence=evidence,
    )
    if ev.type == "COERCE" and (code or "").startswith("174") and ev.target and all(
            any(w in a.text.lower() for w in DIPLOMATS) for a in ev.target):
        ev.type, ev.mode = "SANCTION", "expel"  # PLOVER: expelling a state's diplomats sanctions the state
        ev.context = sorted(set(ev.context) | {"diplomatic"})
    if not over.get("rule") and ev.type == "CONCEDE" and _resigns(tok):
        ev.type, ev.mode = "RETREAT", "resign"  # PLOVER: a resignation that happened is a material retreat
    if not nominal and ev.type == "RETREAT" and verb_is(tok, {"evacuate"}) and ev.source and not any(
            a.kind in ("military", "rebel", "armed_group") for a in ev.source):
        ev.type, ev.mode, ev.cameo = "AID", None, "0233"  # "UN helicopters evacuated the wounded": humanitarian
        ev.context = sorted(set(ev.context) | {"humanitarian", "evacuation"})
    if nominal and tok.lemma_.lower() == "evacuation":
        ev.context = sorted(set(ev.context) | {"evacuation"})
        if not any(a.kind in ("military", "rebel", "armed_group") for a in ev.source):
            ev.type, ev.mode, ev.cameo = "AID", None, "0233"  # civilians or wounded moved out: humanitarian
            ev.context = sorted(set(ev.context) | {"humanitarian"})
    ev.acled = acled_for(ev, tok) if ev.type != STATEMENT else None
    if over.get("rule") and ev.type in ("THREATEN", "REJECT", "REQUEST"):
        ev.acled = None  # "threatened to attack", "refused to withdraw": ACLED codes no such event
    return ev


# -- the clause -----------------------------------------------------------------------------------

PLURAL_PATTERNS = True


def _singular_words(doc: Doc, i: int, right: list[str]) -> list[str] | None:
    """``right`` (the words of ``doc[i]``'s own phrase, :func:`_clause_words_at`) with the verb's
    plural direct object in its singular (its lemma), or None when it has none. Only the object:
    "fired with unspecified weapons", "attacked trucks carrying ammunitions" are no pattern's nouns."""
    table = token_table(doc)
    kids, at = kids_table(doc)
    plural = [t for t in kids[at[i]:at[i + 1]] if table.dep[t] == "dobj" and table.tag[t] == "NNS"]
    if not plural:
        return None
    idx = _phrase_after_at(doc, i)
    if len(idx) != len(right):
        return None
    return [table.lemma[t] if t in plural else w for t, w in zip(idx, right)]


def _clause_words(verb: Token) -> tuple[set[str], list[str]]:
    """Words before the verb in its clause (a set) and after it, in its own phrase (in order)."""
    return _clause_words_at(verb.doc, verb.i)


def _clause_words_at(doc: Doc, i: int) -> tuple[set[str], list[str]]:
    """:func:`_clause_words` of ``doc[i]``: words, dependency labels and subtrees (as indices) from
    lists made once per Doc, no Token built."""
    subj = _subject_at(doc, i)[0]
    table = token_table(doc)
    lower, lemma, dep, pos = table.lower, table.lemma, table.dep, table.pos
    kids, at = kids_table(doc)
    children = kids[at[i]:at[i + 1]]
    # the left dependents' subtrees are the part of the verb's own subtree (one walk: left subtrees,
    # the verb, right subtrees) before the verb
    sub = subtree_at(doc, i)
    before = [u for u in sub[:sub.index(i)] if dep[u] != "punct"]
    left = {lower[u] for u in before}
    left.update(lemma[u] for u in before)
    if subj >= 0:
        left |= {w for u in subtree_at(doc, subj) for w in (lower[u], lemma[u])}
    right = [lower[t] for t in _phrase_after_at(doc, i)]
    patient = next((c for c in children if dep[c] == "nsubjpass" and pos[c] == "NOUN"), -1)
    if patient >= 0:  # a passive's subject is the verb's object for its patterns ("evidence ... was presented")
        right = [lower[u] for u in subtree_at(doc, patient) if u <= patient and dep[u] not in _OUTSIDE_PHRASE] + right
    return left, right


# Dependents whose words are not the verb's own phrase (PETRARCH's patterns match the object and
# the prepositional phrases of the verb, not a clause it reports or an adverbial clause beside it).
_OUTSIDE_PHRASE = {"ccomp", "advcl", "parataxis", "relcl", "appos", "mark", "csubj", "punct", "cc"}


def _phrase_after_at(doc: Doc, i: int) -> list[int]:
    """The tokens after ``doc[i]`` in its own phrase, by index in index order: its objects and
    prepositional phrases, without a complement, adverbial or relative clause below it, nor a
    coordinated clause. An infinitive complement ("urged them to withdraw") stays: its verb is what
    "* TO X" patterns look at."""
    table = token_table(doc)
    dep, pos = table.dep, table.pos
    kids, at = kids_table(doc)
    out: list[int] = []
    stack = [c for c in kids[at[i]:at[i + 1]] if c > i]
    while stack:
        t = stack.pop()
        d = dep[t]
        if d in _OUTSIDE_PHRASE or (d == "conj" and pos[t] in ("VERB", "AUX")):
            continue
        out.append(t)
        stack.extend(kids[at[t]:at[t + 1]])
    out.sort()
    return out


def _clause_span(head: Token, sent: SpacySpan) -> tuple[int, int]:
    """Character offsets of the clause headed by ``head``: its subtree without coordinated clauses,
    plus its subject when that stands outside (a participle clause borrows its head's)."""
    doc = head.doc
    table = token_table(doc)  # token indices and offsets from lists: no Token built
    dep, pos = table.dep, table.pos
    kids, at = kids_table(doc)
    h = head.i
    children = kids[at[h]:at[h + 1]]
    coordinated = [c for c in children if dep[c] == "conj" and pos[c] in ("VERB", "AUX")]
    if coordinated:  # a clause coordinated with ``head`` is no argument of it
        inside = {u for c in coordinated for u in subtree_at(doc, c)}
        cc = {c for c in children if dep[c] == "cc"}
        ids = [u for u in subtree_at(doc, h) if u not in inside and u not in cc]
    else:
        ids = subtree_at(doc, h)
    subj = _subject_at(doc, h)[0] if pos[h] in ("VERB", "AUX") else -1
    # in ``sent`` (Token.sent would build the subject's sentence to compare it)
    if subj >= 0 and sent.start <= subj < sent.end and not (ids[0] <= subj <= ids[-1]):
        ids = ids + subtree_at(doc, subj)
    space, idx, end_ = table.space, table.idx, table.end
    ids = [u for u in ids if not space[u]]
    start = min(idx[u] for u in ids)
    end = max(end_[u] for u in ids)
    text = doc.user_data.get("fogline_text") or doc.text
    while end > start and text[end - 1] in ",;:—–-(":
        end -= 1
    return start, end


def _trigger_tokens(tok: Token) -> tuple[int, int]:
    doc, i = tok.doc, tok.i
    tt = token_table(doc)
    dep, lower, idx = tt.dep, tt.lower, tt.idx
    kids, at = kids_table(doc)
    children = kids[at[i]:at[i + 1]]
    end = tt.end[i]
    for c in children:
        if c == i + 1 and (dep[c] in ("prt", "compound:prt") or (
                dep[c] == "prep" and f"{tt.lemma[i]} {lower[c]}" in lexicon().verbs
                and not any(dep[x] == "pobj" for x in kids[at[c]:at[c + 1]]))):  # "pulled out of": a particle
            end = tt.end[c]
    start = idx[i]
    for c in children:  # "air strikes", "car bomb"
        if dep[c] == "compound" and c == i - 1 and tt.pos[i] == "NOUN":
            start = idx[c]
    return start, end


# -- roles ----------------------------------------------------------------------------------------

def _subject(verb: Token) -> tuple[Token | None, bool]:
    """(subject, passive) of a verb, inherited through participles, infinitives and coordination."""
    j, passive = _subject_at(verb.doc, verb.i)
    return (verb.doc[j] if j >= 0 else None), passive


def _subject_at(doc: Doc, i: int) -> tuple[int, bool]:
    """:func:`_subject` by index: (the subject's index, -1 for none; passive), read off the Doc's
    token table and children lists (no Token built). Worked out once per token (kept on the Doc:
    each verb is asked for its subject by several rules)."""
    memo = doc.user_data.get(SUBJECTS_KEY)
    if memo is None:
        memo = doc.user_data[SUBJECTS_KEY] = {}
    got = memo.get(i)
    if got is None:
        got = memo[i] = _subject_uncached(doc, i)
    return got


SUBJECTS_KEY = "fogline.events.subjects"


def _subject_uncached(doc: Doc, i: int) -> tuple[int, bool]:
    tt = token_table(doc)
    dep, tag, head = tt.dep, tt.tag, tt.head
    kids, at = kids_table(doc)
    seen = 0
    v = i
    controlled = False  # climbed from an infinitive: "it is prepared to impose", "X was forced to withdraw"
    while seen < 6:
        seen += 1
        for c in kids[at[v]:at[v + 1]]:
            d = dep[c]
            if d in ("nsubj", "csubj"):
                if tag[c] in ("WDT", "WP") and dep[v] == "relcl":
                    return head[v], False
                # "the men detained in May were released by X", with "were released" parsed as a
                # conjunct of the first verb: the inherited subject is the passive verb's patient
                return c, v != i and any(dep[x] == "auxpass" for x in kids[at[i]:at[i + 1]])
            if d in ("nsubjpass", "csubjpass"):
                return c, not controlled  # the passive subject of the governing verb acts in the infinitive
        for c in kids[at[v]:at[v + 1]]:
            if c < v and dep[c] == "prep" and _split_name_at(doc, c):
                return c, False
        dv, h = dep[v], head[v]
        if dv == "relcl":
            return h, False
        if dv == "acl":
            return h, tag[v] == "VBN"
        if dv == "xcomp" and tt.lemma[h] in CONTROL_BY_OBJECT:
            obj = next((c for c in kids[at[h]:at[h + 1]] if dep[c] in ("dobj", "obj")), -1)
            if obj >= 0:
                return obj, False
        if dv == "acomp" and tt.pos[v] == "ADJ" and h != v:  # "is ready to X"
            v = h
            continue
        if dv in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and h != v:
            if dv in ("advcl", "ccomp") and tag[v] not in ("VBG", "VBN", "VB"):
                return -1, False
            controlled = dv == "xcomp" and (controlled or v == i or tag[v] == "VB")
            v = h
            continue
        return -1, False
    return -1, False


NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _split_name_at(doc: Doc, c: int) -> bool:
    """Whether the preposition ``c`` is the first word of a name the tagger misread ("Barack" tagged
    IN, "Obama" its object): a preposition that begins a named entity running on into its own
    object is the name, the verb's subject ("Barack Obama and X met" parsed with no subject)."""
    tok = doc[c]
    if tok.ent_iob_ != "B" or tok.ent_type_ not in NAME_ENTS:
        return False
    return any(x.dep_ == "pobj" and x.ent_iob_ == "I" for x in tok.children)


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def _actors(ctx: _Context, part: str, tok: Token, hint: str | None = None) -> list[Actor]:
    return list(ctx.index.actors_for(part, tok, agent_hint=hint))


def _instrument(tok: Token) -> tuple[str, str] | None:
    return _instrument_at(tok.doc, tok.i)


def _instrument_at(doc: Doc, i: int) -> tuple[str, str] | None:
    """The mode and CAMEO code of an instrument noun ("airstrike", "car bomb"), by index."""
    tt = token_table(doc)
    kids, at = kids_table(doc)
    lemma, dep = tt.lemma[i], tt.dep
    comp = " ".join(tt.lower[c] for c in kids[at[i]:at[i + 1]] if dep[c] in ("compound", "amod") and c == i - 1)
    if comp and f"{comp} {lemma}" in INSTRUMENTS:
        return INSTRUMENTS[f"{comp} {lemma}"]
    if lemma == "device":
        return None  # only an "explosive device"
    return INSTRUMENTS.get(lemma)


def _instrument_modifier_at(doc: Doc, i: int) -> tuple[str, str] | None:
    tt = token_table(doc)
    kids, at = kids_table(doc)
    for c in kids[at[i]:at[i + 1]]:
        if tt.dep[c] in ("compound", "amod") and (ins := INSTRUMENTS.get(tt.lemma[c])):
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
        if c.dep_ == "acl":  # "shells fired by rebels", "a missile believed to have been fired by rebels"
            for v in (c, *(x for x in c.children if x.dep_ == "xcomp")):
                for cc in v.children:
                    if cc.dep_ == "agent":
                        obj = next((x for x in cc.children if x.dep_ == "pobj"), None)
                        if obj is not None:
                            return _actors(ctx, part, obj)
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and (c.pos_ in ("PROPN", "ADJ", "NOUN"))
                                and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.lemma_.lower() in AGENT_MODIFIERS)):
            found = _actors(ctx, part, c, hint)
            if found and c.pos_ == "ADJ" and all(a.code and a.code[:3] not in ctx.index.kb.countries for a in found):
                # "Turkish warplanes", "French jets": a demonym that also names an ethnic group (agent
                # ETN) is, as an attack's modifier, the country's forces
                state = ctx.index.lookup(c.text)
                if state is not None and state.kind == "state" and state.code in ctx.index.kb.countries:
                    return [ctx.index.country_actor(state.code, hint, c.text)]
            if found:
                return found
    return []


def _pobj_at(doc: Doc, i: int) -> int:
    """The first "pobj" child of ``doc[i]``, by index (-1 for none)."""
    dep = token_table(doc).dep
    kids, at = kids_table(doc)
    return next((x for x in kids[at[i]:at[i + 1]] if dep[x] == "pobj"), -1)


def _verb_roles(ctx: _Context, part: str, verb: Token, etype: str) -> tuple[list[Actor], list[Actor]]:
    doc, v = verb.doc, verb.i
    tt = token_table(doc)  # the verb's dependents by index: a Token only for a phrase handed to the actor layer
    dep, lower, lemma = tt.dep, tt.lower, tt.lemma
    kids, at = kids_table(doc)
    subj, passive = _subject_at(doc, v)
    sources: list[Actor] = []
    targets: list[Actor] = []
    if subj >= 0:
        s_tok = doc[subj]
        if _instrument_at(doc, subj) or lemma[subj] in EVENT_NOUNS:
            sources = _agent_of_noun(ctx, part, s_tok)
            if not sources and _instrument_at(doc, subj) and lemma[subj] in PERSON_INSTRUMENTS:
                sources = _actors(ctx, part, s_tok)  # "unknown gunmen", "a Taliban sniper" are actors too
        elif passive:
            targets = _one_phrase(s_tok, _actors(ctx, part, s_tok))
        else:
            sources = _actors(ctx, part, s_tok) or _group_of(ctx, part, s_tok)
    if dep[v] == "acl" and tt.tag[v] == "VBN" and etype not in ("ASSAULT", "COERCE"):
        targets = []  # "a deal negotiated by Russia": the deal is no target ("soldiers killed in" are)
    children = kids[at[v]:at[v + 1]]
    for c in children:
        d = dep[c]
        if d == "agent":
            obj = _pobj_at(doc, c)
            if obj >= 0:
                o_tok = doc[obj]
                sources = (_agent_of_noun(ctx, part, o_tok) if _instrument_at(doc, obj)
                           else _actors(ctx, part, o_tok)) or sources
        elif d in ("dobj", "obj", "dative") and not targets:
            if lower[c] in ("each", "one"):
                continue
            if lemma[c] in EVENT_NOUNS:
                if etype in REACTION_TYPES:  # "condemned the attack by X", "denounced Israel's raid": X
                    targets = [a for a in _agent_of_noun(ctx, part, doc[c]) if a.code not in {s.code for s in sources}]
                continue
            if d == "dative" and tt.pos[c] == "ADP":  # "provide support to Israel" parsed as a dative "to"
                obj = _pobj_at(doc, c)
                c = obj if obj >= 0 else c
            targets = _np_actors(ctx, part, doc[c])
        elif d == "prep":
            allowed = TARGET_PREPS.get(lower[c], set())
            if allowed is None or (allowed and etype in allowed):
                obj = _pobj_at(doc, c)
                if obj >= 0 and not targets:
                    targets = _np_actors(ctx, part, doc[obj])
                elif obj >= 0 and passive and lower[c] in PASSIVE_TARGET_PREPS and not any(a.code for a in targets):
                    # "rockets were fired at Israel": with no coded actor in the subject, the actor
                    # the passive is aimed at is its target (PETRARCH2's passive rule)
                    targets = [a for a in _np_actors(ctx, part, doc[obj]) if a.code] or targets
            elif not targets and c == v + 1 and etype in WITHDRAWAL_TYPES and _pobj_at(doc, c) < 0:
                # a particle read as a preposition: "pulled out of Somalia", "backed away from X"
                for p in kids[at[c]:at[c + 1]]:
                    obj = _pobj_at(doc, p) if dep[p] == "prep" else -1
                    if obj >= 0 and lower[p] in ("of", "from") and (targets := _np_actors(ctx, part, doc[obj])):
                        break
    if targets and sources and {_side(a.code) for a in targets if a.code} <= {_side(a.code) for a in sources} \
            and all(a.code for a in targets):
        # the object is the actor's own ("recalled its ambassador from Colombia", "sent its troops to
        # Mali"): the other party, named by a preposition, is the target
        objs = [c for c in children if dep[c] in ("dobj", "obj")]
        around = [*children, *(x for o in objs for x in kids[at[o]:at[o + 1]])]
        # "pulled its troops out of Mali": the phrase hangs on the particle
        around += [x for c in around if dep[c] in ("prt", "prep", "advmod") and lower[c] in ("out", "away", "back")
                   for x in kids[at[c]:at[c + 1]] if lower[x] in ("of", "from")]
        for c in around:
            if dep[c] == "prep" and (lower[c] in OWN_OBJECT_PREPS or lower[c] == "of" and lower[tt.head[c]] == "out"):
                obj = _pobj_at(doc, c)
                other = [a for a in _np_actors(ctx, part, doc[obj]) if a.code
                         and _side(a.code) not in {_side(s.code) for s in sources}] if obj >= 0 else []
                if other:
                    targets = other
                    break
    if not targets:
        targets = _object_prep_target(ctx, part, verb, etype)
    if not targets and etype == "ACCUSE":
        # "X alleged/complained that Y ...": the accused is the complement's subject
        for c in children:
            if dep[c] == "ccomp":
                subj_c, passive_c = _subject_at(doc, c)
                wh = any(tt.tag[x] in ("WDT", "WP", "WRB", "WP$") for x in kids[at[c]:at[c + 1]])
                if subj_c >= 0 and subj_c > v and not passive_c and not wh and tt.tag[subj_c] not in ("EX",):
                    # never the speaker itself ("condemned what it said was an attack" is no clause
                    # of the accused)
                    own = {a.code for a in sources}
                    targets = [a for a in _np_actors(ctx, part, doc[subj_c]) if a.code and a.code not in own]
                break
    h = tt.head[v]
    if (not sources and dep[v] == "acl" and tt.tag[v] == "VBG" and dep[h] in ("dobj", "obj")
            and tt.pos[tt.head[h]] == "VERB"):  # "X issued a statement demanding ...": X demands
        subj = _subject_at(doc, tt.head[h])[0]
        if subj >= 0:
            sources = _actors(ctx, part, doc[subj])
    if not sources and etype in VIOLENT:  # "killed in Israeli tank shelling", "hit by a Syrian air strike"
        for c in children:
            if dep[c] in ("prep", "agent") and lower[c] in ("in", "by", "during", "from", "with"):
                obj = _pobj_at(doc, c)
                if obj >= 0 and (_instrument_at(doc, obj) or lemma[obj] in EVENT_NOUNS):
                    sources = _agent_of_noun(ctx, part, doc[obj])
                    if sources:
                        break
    return sources, targets


NP_OF_PREPS = {"of", "from"}
AGENT_PLACE_PREPS = {"of", "from", "in"}  # "students in Nairobi": people of the place


def _one_phrase(tok: Token, found: list[Actor]) -> list[Actor]:
    """One actor for a noun phrase that coordinates nothing, as PETRARCH2 gives a phrase one code:
    "the Malaysia Airlines Boeing 777 flight" is the airline's (its first coded name), not also
    Boeing's; "US and British activists" and "Russia and Turkey" keep one actor per conjunct."""
    if len(found) < 2 or tok.conjuncts:
        return found
    dep = token_table(tok.doc).dep
    if any(dep[u] in ("conj", "cc") for u in subtree_ids(tok)):  # an apposition alone names the same one
        return found
    return [next((a for a in found if a.code), found[0])]


def _np_actors(ctx: _Context, part: str, tok: Token, depth: int = 2) -> list[Actor]:
    """The actors of a target noun phrase (one per conjunct, :func:`_one_phrase`)"""
    return _one_phrase(tok, _np_actors_all(ctx, part, tok, depth))


def _np_actors_all(ctx: _Context, part: str, tok: Token, depth: int = 2) -> list[Actor]:
    """The actors of a target noun phrase, PETRARCH2's way (``NounPhrase.get_meaning``): its head's;
    a head with no actor takes those of a phrase inside it that says whose or where it is ("a convoy
    of Nigerian troops", "the offices of a Somali charity"; "positions held by the rebels" and "remarks
    in Doha" are not followed), else of a named modifier ("the Kabul airport"); a head that is
    a bare agent with no country ("students", "civilians") takes the country of that phrase
    ("students in Nairobi" -> KENEDU), as PETRARCH mixes an agent code with the actor code beside it."""
    found = _actors(ctx, part, tok)
    countries = ctx.index.kb.countries
    if (found and all((a.code or "")[:3] in countries or not a.code for a in found)) or depth <= 0 \
            or tok.pos_ not in ("NOUN", "PROPN"):
        return found
    inner: list[Actor] = []
    preps = AGENT_PLACE_PREPS if found else NP_OF_PREPS
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None and (inner := _np_actors(ctx, part, obj, depth - 1)):
                break
    if not inner and not found:
        for c in tok.children:  # "the Kabul airport", "the Beijing Olympics": a named place or body as modifier
            if c.dep_ == "compound" and c.pos_ == "PROPN":
                if inner := [a for a in _actors(ctx, part, c) if a.code]:
                    break
    if not found:
        return inner
    cc = {(a.code or "")[:3] for a in inner} & set(countries)
    if len(cc) == 1:
        iso = cc.pop()
        return [dataclasses.replace(a, code=iso + a.code) if a.code and a.code[:3] not in countries else a
                for a in found]
    return found


def _group_of(ctx: _Context, part: str, noun: Token) -> list[Actor]:
    """An unnamed group defined by the actor it belongs to or stands against ("opponents of the
    Kenyan government", "residents of Aleppo") acts for that actor's country, as PETRARCH2 codes a
    noun phrase with no actor of its own by the actor inside it; only the country is kept (the
    group is not the government it opposes). A report or statement "released by" an actor is that
    actor's."""
    if noun.pos_ != "NOUN":
        return []
    countries = ctx.index.kb.countries
    phrases = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")]
    for v in noun.children:
        # "a report released by Amnesty accused ...": the participle's agent is the actor, as PETRARCH2
        # reads a reduced passive inside a noun phrase with no actor of its own
        if v.dep_ == "acl" and v.tag_ == "VBN":
            for c in v.children:
                obj = next((x for x in c.children if x.dep_ == "pobj"), None) if c.dep_ == "agent" else None
                if obj is not None and (by := [a for a in _np_actors(ctx, part, obj) if a.code]):
                    return by
    for c in phrases:
        obj = next((x for x in c.children if x.dep_ == "pobj"), None)
        if obj is None:
            continue
        codes = {(a.code or "")[:3] for a in _np_actors(ctx, part, obj)} & set(countries)
        if len(codes) == 1:
            text = noun.doc[noun.left_edge.i:noun.right_edge.i + 1].text
            return [Actor(name=text, code=codes.pop(), kind="unknown", text=text)]
    return []


OWN_OBJECT_PREPS = {"from", "to", "into", "against", "at", "in", "with", "toward", "towards"}
# Reactions to an act: their target is whoever did the act their object names.
REACTION_TYPES = {"ACCUSE", "SUPPORT", "REJECT", "PROTEST", "SANCTION"}


def _prep_target(ctx: _Context, part: str, tok: Token, etype: str) -> list[Actor]:
    """The target a prepositional phrase on ``tok`` names, where the preposition introduces one for
    this event type ("against X", "on X" for a sanction, "to X" for aid)."""
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        allowed = TARGET_PREPS.get(c.lower_, set())
        if allowed is None or (allowed and etype in allowed):
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None and (found := _actors(ctx, part, obj)):
                return found
    return []


# Prepositions that, on an action's object noun, name whom the action is aimed at.
NOUN_TARGET_PREPS = {"against", "on", "upon", "to", "toward", "towards", "at", "for", "with"}
CONSULT_NOUN_PREPS = {"with", "to"}


def _object_prep_target(ctx: _Context, part: str, verb: Token, etype: str) -> list[Actor]:
    """A target named on the verb's object rather than the verb: "presented evidence against X",
    "imposed sanctions on X", "provide support to X", "sent arms to X", and on a passive subject
    ("evidence against X was presented"). The object itself is no actor (were it one, it would be
    the target)."""
    preps = CONSULT_NOUN_PREPS if etype == "CONSULT" else NOUN_TARGET_PREPS  # "talks on security": a topic
    doc, v = verb.doc, verb.i
    tt = token_table(doc)  # by index: a Token only for an object handed to the actor layer
    dep, pos, lower = tt.dep, tt.pos, tt.lower
    kids, at = kids_table(doc)
    for c in kids[at[v]:at[v + 1]]:
        if dep[c] in ("dobj", "obj", "nsubjpass") and pos[c] == "NOUN":
            for p in kids[at[c]:at[c + 1]]:
                if dep[p] == "prep" and lower[p] in preps:
                    obj = _pobj_at(doc, p)
                    if obj >= 0 and (found := _actors(ctx, part, doc[obj])):
                        return found
            # the object's phrase cut off by an adverb, which the parser then hangs on the verb:
            # "gave a speech here on X", "imposed sanctions yesterday on X"
            end = doc[c].right_edge.i
            for p in kids[at[v]:at[v + 1]]:
                if p > end + 1 and dep[p] == "prep" and lower[p] in preps and all(
                        dep[x] in ("advmod", "npadvmod") and tt.head[x] == v for x in range(end + 1, p)):
                    obj = _pobj_at(doc, p)
                    if obj >= 0 and (found := _actors(ctx, part, doc[obj])):
                        return found
    return []


def _sent_key(sent: SpacySpan) -> tuple[int, int, int]:
    """A sentence's key in per-document caches: its Doc (each part has its own: body, title, every
    comment) and its offsets, which alone repeat across parts."""
    return id(sent.doc), sent.start_char, sent.end_char


def _sentence_places(ctx: _Context, sent: SpacySpan) -> tuple[list[Any], Location | None]:
    """The place mentions of a sentence and its place, found once per sentence (cached)."""
    key = _sent_key(sent)
    cache = ctx.__dict__.setdefault("_places", {})
    if key not in cache:
        ms = mentions(sent, country_hint=ctx.country_hint)
        cache[key] = (ms, place_among(ms))
    return cache[key]


# Prepositions whose phrase says what a statement is about ("expressed sorrow for the shootings in
# Ohio", "claimed responsibility for the attack in Kenya"): PETRARCH reads its target there.
STATEMENT_PREPS = frozenset({"for", "over", "about", "on", "at"})


def _object_place_target(ctx: _Context, verb: Token, preps: frozenset[str] = frozenset()) -> list[Actor]:
    """An attack on a place ("shelled a district of Aleppo") targets the place's country, as PETRARCH
    codes places in the object (its dictionaries hold cities as their countries); with ``preps``, a
    place in the verb's prepositional phrase of one of them counts too (the first phrase with one)."""
    phrases = [c for c in verb.children if c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and c.lower_ in preps)]
    if not phrases:
        return []
    places = _sentence_places(ctx, verb.sent)[0]
    ms = []
    for ph in phrases:
        lo, hi = ph.left_edge.i, ph.right_edge.i
        if ms := [m for m in places if lo <= m.start and m.end <= hi + 1]:
            break
    if not ms:
        return []
    country = ctx.index.lookup(gazetteer().country_name(ms[0].place.cc) or "")
    if country is None or not country.code or len(country.code) != 3:
        return []
    return [Actor(country.name, country.code, country.kind, ms[0].text)]


def _compound_actors(ctx: _Context, part: str, obj: Token) -> list[Actor]:
    """Actors of a noun compound in front of an unresolved head: the parser reads "an Islamic State
    target southwest of X" as a "southwest" modified by "Islamic State target"."""
    for c in obj.children:
        if c.dep_ == "compound" and c.i < obj.i and c.pos_ in ("NOUN", "PROPN"):
            found = _actors(ctx, part, c)
            if found:
                return found
    return []


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
            targets = _actors(ctx, part, obj) or _compound_actors(ctx, part, obj)
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
    elif noun.dep_ in ("dobj", "obj") and verb_is(head, SUPPORT_VERBS | STRIKE_VERBS):
        gov = head
        if not sources:
            subj = _subject(head)[0]
            if subj is not None:
                sources = _actors(ctx, part, subj)
        if not targets:  # "launched an air strike against X": the phrase hangs on the verb
            targets = _prep_target(ctx, part, head, etype)
    return sources, targets, gov


def _reciprocal(tok: Token) -> bool:
    lower = token_table(tok.doc).lower
    after = [lower[u] for u in subtree_ids(tok) if u > tok.i]
    return any(w in ("each", "another") for w in after) and any(w in ("other", "another") for w in after)


# -- qualities ------------------------------------------------------------------------------------

def _negated(tok: Token, gov: Token) -> bool:
    doc = tok.doc
    tt = token_table(doc)
    dep, lower, head = tt.dep, tt.lower, tt.head
    kids, at = kids_table(doc)
    for t in {tok.i, gov.i}:
        if any(dep[c] == "neg" or lower[c] in ("never", "no") and dep[c] in ("advmod", "det")
               for c in kids[at[t]:at[t + 1]]):
            return True
        h = head[t]
        if dep[t] == "xcomp" and tt.lemma[h] in ("fail", "refuse", "decline") or (
                dep[t] == "xcomp" and any(dep[c] == "neg" for c in kids[at[h]:at[h + 1]])):
            return True
    return False


def _hedged(tok: Token, gov: Token, sent: SpacySpan) -> bool:
    doc = tok.doc
    tt = token_table(doc)
    dep, lower = tt.dep, tt.lower
    kids, at = kids_table(doc)
    for t in {tok.i, gov.i}:
        for c in kids[at[t]:at[t + 1]]:
            low = lower[c]
            if low in HEDGES or (dep[c] == "aux" and low in MODAL_HEDGES):
                return True
            if dep[c] == "amod" and low in ("suspected", "alleged", "apparent", "possible"):
                return True
        if dep[t] == "xcomp" and tt.lemma[tt.head[t]] in ("appear", "seem", "say", "believe", "report"):
            return True
    return False


def _date(ctx: _Context, span: SpacySpan | None, sent: SpacySpan, gov: Token) -> tuple[str | None, str | None]:
    """The clause's (``span``) own date, else the sentence's, else the paragraph's running (past)
    date, else the publication date. Scheduled future dates are never carried to later sentences."""
    found: tuple[str | None, str | None] = (None, None)
    # a sentence whose text cannot hold a date has none in any clause of it either (may_hold_date
    # holds for every stretch of a text it holds for), so neither is searched
    inside = span is None or (sent.start_char <= span.start_char and span.end_char <= sent.end_char)
    searched = ([span] if span is not None else []) + [sent]
    if inside and not _may_date(ctx, sent):
        searched = []
    for s in searched:
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


def _may_date(ctx: _Context, sent: SpacySpan) -> bool:
    """:func:`fogline.extract.when.may_hold_date` of the sentence, once per sentence."""
    key = _sent_key(sent)
    cache = ctx.__dict__.setdefault("_may_date", {})
    got = cache.get(key)
    if got is None:
        got = cache[key] = may_hold_date(sent)
    return got


def _governed_by(span: SpacySpan, date_text: str | None, gov: Token) -> bool:
    """Whether the time expression ``date_text`` in ``span`` hangs on ``gov``'s own clause: the
    first verb above it is ``gov`` (or a verb ``gov`` leans on, as "begin" in "was to begin")."""
    if not date_text:
        return True
    at = span_text(span).find(date_text)  # Span.text is rebuilt from the tokens on each access
    if at < 0:
        return True
    doc = span.doc
    tt = token_table(doc)  # the walk up by index: no Token built
    idx, head, pos = tt.idx, tt.head, tt.pos
    first = span.start_char + at
    tok = next((u for u in range(span.start, span.end) if idx[u] >= first), -1)
    if tok < 0:
        return True
    kids, kat = kids_table(doc)
    g = gov.i
    allowed = {g, head[g]} | {c for c in kids[kat[g]:kat[g + 1]] if tt.dep[c] in ("xcomp", "aux", "auxpass")}
    t = tok
    for _ in range(12):
        if t in allowed:
            return True
        if pos[t] in ("VERB", "AUX") and t != tok:
            return False
        if head[t] == t:
            return True
        t = head[t]
    return True


def _place(ctx: _Context, clause: tuple[int, int], span: SpacySpan | None, sent: SpacySpan) -> Location | None:
    """The clause's place, else the sentence's, else the report's main place. The sentence's place
    names are found once (cached on the context) and every clause chooses among them."""
    key = (sent.start_char, sent.end_char)
    ms, found = _sentence_places(ctx, sent)
    if found is None:
        return ctx.main_place()
    if clause != key:
        if span is not None and (loc := place_among(ms, span.start, span.end)) is not None:
            return loc
    return found


def _resigns(tok: Token) -> bool:
    """"resigned", "stepped down", "abdicated", "quit" (a post)."""
    if verb_is(tok, {"resign", "abdicate"}):
        return True
    return verb_is(tok, {"step"}) and any(c.dep_ in ("prt", "compound:prt", "advmod") and c.lower_ in ("down", "aside")
                                          for c in tok.children)


def _place_target(ctx: _Context, sent: SpacySpan, ev: Event) -> None:
    """PETRARCH's convention for an event that names no target: the country of the place its own
    sentence names is the one acted on or in ("a protest in Beijing" -> China, "talks in Geneva"
    -> Switzerland as host). Only a place of the sentence (not the report's main place), and
    never the source's own country for a visit or meeting abroad of its own people."""
    cache = ctx.__dict__.get("_places", {}).get(_sent_key(sent))
    if cache is None or cache[1] is None or ev.location is None:
        return
    country = ctx.index.lookup(ev.location.country or "")
    if country is None or not country.code or len(country.code) != 3:
        return
    if ev.type in ("CONSULT", "MOBILIZE") and any((a.code or "")[:3] == country.code for a in ev.source):
        return
    ev.target = [Actor(country.name, country.code, country.kind, ev.location.name)]


def _figures(span: SpacySpan | None) -> list[Any]:
    return list(figures_in(span)) if span is not None else []

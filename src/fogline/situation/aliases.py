"""One actor, several spellings: the names of a situation's actors that stand for another of its
actors, so that counts, positions, links and figures gather under one name.

Reports of one story spell the same party differently where the knowledge base does not know it:
an acronym beside its expansion ("CPF" and "Coastal Protection Force"), transliterations of one
Arabic name ("Nouri Ghaith" and "Nouri Gheith", "Abdulhamid Zarrug" and "Abdelhamid Zarrouk").
Within one situation:

* an all-capital name of 2 to 6 letters is the acronym of a longer name when it is the initials of
  that name's significant words and of exactly one name of the situation;
* two proper names (a capital letter, no digit) of two or more words are one when every word has
  the same consonant skeleton (vowels, doubled letters, "h" after a consonant and the article
  "al-"/"el-" aside; g, k, q and c alike) and their letters are at least 80% alike (rapidfuzz
  ratio; "Hassan" and "Hussein", two different names with one skeleton, stay apart at 76%).

Names the knowledge base coded differently are never merged. The canonical name is the one with
the most mentions, an acronym's expansion before the acronym (ties: the longer, then the first in
alphabetical order); each fact keeps the
words it was written with (``text``). The documents' own facts are not changed.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..model import Document, to_dict

MIN_RATIO = 80
_MINOR = {"of", "the", "for", "and", "in", "on", "to", "de", "du", "des", "la", "le", "al", "el", "&"}
_ARTICLES = {"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az"}
_KIND_SKIP = {"media"}


def _d(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else to_dict(x)


def reporting_actors(documents: Sequence[Document]) -> Iterator[dict[str, Any]]:
    """Every actor mention of the documents' facts (events, claims, silences, agreement parties)."""
    for d in documents:
        for e in map(_d, d.events):
            yield from (e.get("source") or [])
            yield from (e.get("target") or [])
        for c in map(_d, d.claims):
            if c.get("speaker"):
                yield c["speaker"]
        for s in map(_d, d.silences):
            yield s["actor"]
        for a in map(_d, d.agreements):
            yield from (a.get("parties") or [])


def _plain(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z ]+", " ", s.replace("-", " ")).strip()


def _skeleton(word: str) -> str:
    w = word.replace("ou", "u").replace("ph", "f")
    w = re.sub(r"[gqc]", "k", w)
    w = re.sub(r"(?<=[^aeiou])h", "", w)          # gh, kh, sh, th, dh: the h is spelling
    head, rest = w[:1], re.sub(r"[aeiouyw]", "", w[1:])
    return re.sub(r"(.)\1+", r"\1", head + rest)


def _words(name: str) -> list[str]:
    return [w for w in _plain(name).split() if w not in _ARTICLES]


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() not in _MINOR).upper()


def actor_aliases(documents: Sequence[Document]) -> dict[str, dict[str, Any]]:
    """``name -> canonical actor`` for every name of the documents' actors that is a variant of
    another (see the module's docstring); names that are their own canonical are left out."""
    from rapidfuzz import fuzz

    mentions: Counter[str] = Counter()
    first: dict[str, dict[str, Any]] = {}
    for a in reporting_actors(documents):
        name = a.get("name")
        if not name or a.get("kind") in _KIND_SKIP:
            continue
        mentions[name] += 1
        first.setdefault(name, a)
    names = sorted(mentions)
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def codes_agree(a: str, b: str) -> bool:
        ca, cb = first[a].get("code"), first[b].get("code")
        return not (ca and cb and ca != cb)

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    # acronyms: the initials of exactly one longer name of the situation
    for short in names:
        if re.fullmatch(r"[A-Z]{2,6}", short):
            longer = [n for n in names if n != short and len(n.split()) >= 2 and _initials(n) == short
                      and codes_agree(short, n)]
            if len(longer) == 1:
                join(longer[0], short)
    # transliterations: the same skeleton word by word, and letters alike
    by_key: dict[tuple[str, ...], list[str]] = {}
    for n in names:
        words = _words(n)
        # proper names only: no digits ("at least 12 civilians"), a capital letter somewhere
        if re.search(r"\d", n) or n == n.lower():
            continue
        if len(words) >= 2 and all(len(w) >= 3 for w in words):
            by_key.setdefault(tuple(_skeleton(w) for w in words), []).append(n)
    for group in by_key.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if codes_agree(a, b) and fuzz.ratio(_plain(a), _plain(b)) >= MIN_RATIO:
                    join(a, b)
    members: dict[str, list[str]] = {}
    for n in names:
        members.setdefault(find(n), []).append(n)
    out: dict[str, dict[str, Any]] = {}
    for group in members.values():
        if len(group) < 2:
            continue
        best = min(group, key=lambda n: (bool(re.fullmatch(r"[A-Z]{2,6}", n)), -mentions[n], -len(n), n))
        code = next((first[n].get("code") for n in [best, *group] if first[n].get("code")), None)
        canon = {**{k: first[best].get(k) for k in ("name", "code", "kind", "text")}, "code": code}
        for n in group:
            if n != best:
                out[n] = canon
    return out


def canonical(aliases: dict[str, dict[str, Any]]) -> Callable[[dict[str, Any] | None], dict[str, Any] | None]:
    """The function that puts an actor under its canonical name, keeping its own words."""
    def canon(a: dict[str, Any] | None) -> dict[str, Any] | None:
        if not a or a.get("name") not in aliases:
            return a
        return {**aliases[a["name"]], "text": a.get("text") or aliases[a["name"]].get("text")}
    return canon

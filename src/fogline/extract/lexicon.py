"""The event verb lexicon (resources/verbs.json, built from PETRARCH2's CAMEO dictionary by
scripts/build_verbs.py): which words are actions, their CAMEO code refined by PETRARCH-style
patterns over the clause, and the PLOVER type, mode and context of a CAMEO code.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from ..nlp import kids_table, token_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class Plover:
    type: str
    mode: str | None
    context: tuple[str, ...]


class Lexicon:
    def __init__(self, data: dict[str, Any]) -> None:
        self.verbs: dict[str, dict[str, Any]] = data["verbs"]
        self.blocks: dict[str, dict[str, Any]] = data["blocks"]
        self.plover_table: dict[str, dict[str, Any]] = data["plover"]
        self.phrasal = {k for k in self.verbs if " " in k}
        self._plover_memo: dict[str | None, Plover | None] = {}
        # Per pattern, once: the set of first words each slot accepts, for a set-only pre-check.
        # And per block, patterns by a word their first slot needs, so that only patterns that can
        # match are looked at (a block has up to hundreds): (before-verb index, after-verb index).
        for b in self.blocks.values():
            _last_code_wins(b)
            pre_index: dict[str, list[int]] = {}
            post_index: dict[str, list[int]] = {}
            for n, p in enumerate(b.get("patterns", [])):
                p["_pre"] = [frozenset(slot) for slot in p["pre"]]
                p["_post"] = [frozenset(a.split(" ", 1)[0] for a in slot) for slot in p["post"]]
                p["_post_words"] = [[a.split() for a in slot] for slot in p["post"]]  # for _in_order_split
                if p["_pre"]:
                    for w in p["_pre"][0]:
                        pre_index.setdefault(w, []).append(n)
                elif p["_post"]:
                    for w in p["_post"][0]:
                        post_index.setdefault(w, []).append(n)
            b["_index"] = (pre_index, post_index)

    def entry(self, tok: Token) -> tuple[str, dict[str, Any]] | None:
        """The lexicon entry for a verb token: phrasal ("shoot down") first, then lemma, then form."""
        return self.entry_at(tok.doc, tok.i)

    def entry_at(self, doc: Doc, i: int) -> tuple[str, dict[str, Any]] | None:
        """:meth:`entry` of ``doc[i]``, read off the Doc's token table by index (no Token built)."""
        tt = token_table(doc)
        kids, at = kids_table(doc)
        dep, lower = tt.dep, tt.lower
        lemma = tt.lemma[i]
        for c in kids[at[i]:at[i + 1]]:
            d = dep[c]
            if d in ("prt", "compound:prt") or (
                    # a particle the parser reads as a preposition: right after the verb with no object of its
                    # own ("pulled out of Somalia", "backed down from", "set up")
                    d == "prep" and c == i + 1 and not any(dep[x] == "pobj" for x in kids[at[c]:at[c + 1]])):
                key = f"{lemma} {lower[c]}"
                if key in self.verbs:
                    return key, self.verbs[key]
        for key in (lemma, lower[i], *_base_forms(lower[i], tt.tag[i])):
            if key in self.verbs:
                return key, self.verbs[key]
        return None

    def code(self, tok: Token, key: str, entry: dict[str, Any], left: set[str],
             right: list[str]) -> tuple[str | None, str]:
        """:meth:`coded` without PETRARCH2's reading."""
        return self.coded(tok, key, entry, left, right)[:2]

    def coded(self, tok: Token, key: str, entry: dict[str, Any], left: set[str],
              right: list[str]) -> tuple[str | None, str, str | None]:
        """CAMEO code of verb ``tok``: the best-matching pattern of its block, else the verb's own
        code, else the block's. ``left``: words before the verb in its clause; ``right``: after, in order.
        "---" means the dictionary says this use is no event. Also says where the code came from:
        "pattern", "verb" (the verb's own code, or the block's default for the verb the block is
        named after) or "block" (another verb of the block: the weakest evidence of an event).
        Third, the code PETRARCH2 gives where its reading differs (a pattern the dictionary repeats
        with another code, :func:`_last_code_wins`), else the same code."""
        block = self.blocks.get(entry["block"], {})
        best: tuple[int, int, str, str] | None = None
        verb_name = key.upper().replace(" ", "_")
        present = frozenset(right)
        patterns = block.get("patterns", [])
        pre_index, post_index = block.get("_index", ({}, {}))
        maybe = {n for w in left if w in pre_index for n in pre_index[w]}
        maybe.update(n for w in present if w in post_index for n in post_index[w])
        own = entry.get("code")
        block_code = block.get("code")
        # _foreign's own first test, made once for the verb: most verbs have no code of their own
        foreign_check = bool(own) and own != "---" and bool(block_code)
        for n in sorted(maybe):  # in the block's order: the first best wins
            p = patterns[n]
            if not p["pre"] and not p["post"]:
                continue
            if foreign_check and _foreign(p, verb_name, own, block_code):
                continue
            if _any_disjoint(p["_pre"], left) or _any_disjoint(p["_post"], present):
                continue
            if not _in_order_split(p["_post_words"], right):
                continue
            score = (len(p["pre"]) + len(p["post"]), 1 if p.get("verb") == verb_name else 0, p["code"],
                     p.get("petrarch", p["code"]))
            if best is None or score[:2] > best[:2]:
                best = score
        if best is not None:
            return best[2], "pattern", best[3]
        if entry.get("code"):
            return entry["code"], "verb", entry["code"]
        if verb_name == entry["block"]:
            return block.get("code"), "verb", block.get("code")  # the block's own head verb ("DEMAND")
        return block.get("code"), "block", block.get("code")

    def plover(self, cameo: str | None) -> Plover | None:
        """PLOVER type, mode and context for a CAMEO code, by its longest known prefix (looked up once
        per code: a Plover is immutable)."""
        try:
            return self._plover_memo[cameo]
        except KeyError:
            got = self._plover_memo[cameo] = self._plover(cameo)
            return got

    def _plover(self, cameo: str | None) -> Plover | None:
        if not cameo or not cameo[:1].isdigit():
            return None
        for n in range(len(cameo), 1, -1):
            row = self.plover_table.get(cameo[:n])
            if row:
                return Plover(row["type"], row.get("mode") or None, tuple(row.get("context") or ()))
        return None


def _foreign(p: dict[str, Any], verb_name: str, own: str | None, block_code: str | None) -> bool:
    """Whether pattern ``p`` was written for another verb of the block with another meaning than the
    verb being coded: the dictionary gives the verb a code of its own (CONDEMN [111] in the BLAME
    block [112]), and the pattern, annotated with another verb ("* ATTACK [053] # PREVENT"), codes a
    CAMEO root that is neither the verb's nor the block's. Such a pattern says what the other verb
    means with those words ("prevented the attack"), not this one ("condemned the attack" is no 053).
    Patterns with no annotation, for this verb, of the verb's or the block's root, saying the use is
    no event ("---"), or in a block with no code of its own still apply."""
    if not own or own == "---" or not block_code:
        return False
    other = p.get("verb")
    code = p.get("code")
    return (bool(other) and other != verb_name and bool(code) and code != "---"
            and code[:2] != own[:2] and code[:2] != block_code[:2])


def _last_code_wins(block: dict[str, Any]) -> None:
    """A pattern written twice in a block with two codes ("ORDER * &INVESTIGATION" [091], later
    [1014]): fogline codes by the block's order (the first best match wins: the reading that follows
    the CAMEO manual best on PLOVER's gold), PETRARCH2 by the last code, as its reader stores each
    pattern in a tree and assigns the code at its leaf, so a repeat overwrites it
    (PETRreader.read_verb_dictionary). Each pattern keeps its place and code; where a later repeat
    has another code, that code is kept beside it as ``petrarch`` (for the CAMEO export,
    :meth:`Lexicon.coded`)."""
    last: dict[str, str | None] = {}
    patterns = block.get("patterns", [])
    for p in patterns:
        last[json.dumps([p["pre"], p["post"]])] = p["code"]
    for p in patterns:
        code = last[json.dumps([p["pre"], p["post"]])]
        if code != p["code"]:
            p["petrarch"] = code


def base_forms(tok: Token) -> tuple[str, ...]:
    """Candidate base forms of an inflected verb, for when the lemmatizer errs ("staged" -> "stag"):
    the form without -d/-ed/-s/-es/-ing, and with an -e restored."""
    return _base_forms(tok.lower_, tok.tag_)


def _base_forms(low: str, tag: str) -> tuple[str, ...]:
    """:func:`base_forms` of a word's lower-case form and its tag."""
    if not tag.startswith("VB") or len(low) < 5:
        return ()
    out: list[str] = []
    for suf in ("ed", "d", "es", "s", "ing"):
        if low.endswith(suf):
            stem = low[: -len(suf)]
            out += [stem, stem + "e"]
    return tuple(out)


def verb_is(tok: Token, words: set[str] | frozenset[str]) -> bool:
    """Whether verb ``tok`` is one of ``words`` (by lemma, else by a base form of its spelling)."""
    return verb_is_at(tok.doc, tok.i, words)


def verb_forms_at(doc: Doc, i: int) -> set[str]:
    """The lemma and base forms :func:`verb_is_at` tests for ``doc[i]``, as one set (for a caller
    that tests several word sets against one verb)."""
    tt = token_table(doc)
    return {tt.lemma[i], *_base_forms(tt.lower[i], tt.tag[i])}


def verb_is_at(doc: Doc, i: int, words: set[str] | frozenset[str]) -> bool:
    """:func:`verb_is` of ``doc[i]``, read off the Doc's token table (no Token built)."""
    tt = token_table(doc)
    return tt.lemma[i] in words or any(b in words for b in _base_forms(tt.lower[i], tt.tag[i]))


def _any_disjoint(slots: list[frozenset[str]], words: set[str] | frozenset[str]) -> bool:
    """``any(slot.isdisjoint(words) for slot in slots)``, without a generator."""
    for slot in slots:
        if slot.isdisjoint(words):
            return True
    return False


def _in_order_split(slots: list[list[list[str]]], words: list[str]) -> bool:
    """Whether the pattern's post-verb slots occur in ``words`` in order, each slot's alternatives
    split into words beforehand (once per pattern, at load)."""
    i = 0
    for multi in slots:
        while i < len(words):
            hit = next((len(m) for m in multi if words[i:i + len(m)] == m), 0)
            i += 1 if not hit else hit
            if hit:
                break
        else:
            return False
    return True


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = json.loads((files("fogline") / "resources" / "verbs.json").read_text(encoding="utf-8"))
    return Lexicon(data)

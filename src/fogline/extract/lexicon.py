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

if TYPE_CHECKING:
    from spacy.tokens import Token


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

    def entry(self, tok: Token) -> tuple[str, dict[str, Any]] | None:
        """The lexicon entry for a verb token: phrasal ("shoot down") first, then lemma, then form."""
        prts = [c.lower_ for c in tok.children if c.dep_ in ("prt", "compound:prt")]
        for p in prts:
            key = f"{tok.lemma_.lower()} {p}"
            if key in self.verbs:
                return key, self.verbs[key]
        for key in (tok.lemma_.lower(), tok.lower_):
            if key in self.verbs:
                return key, self.verbs[key]
        return None

    def code(self, tok: Token, key: str, entry: dict[str, Any], left: set[str],
             right: list[str]) -> tuple[str | None, str]:
        """CAMEO code of verb ``tok``: the best-matching pattern of its block, else the verb's own
        code, else the block's. ``left``: words before the verb in its clause; ``right``: after, in order.
        "---" means the dictionary says this use is no event. Also says where the code came from:
        "pattern", "verb" or "block" (a block's default is the weakest evidence of an event)."""
        block = self.blocks.get(entry["block"], {})
        best: tuple[int, int, str] | None = None
        verb_name = key.upper().replace(" ", "_")
        for p in block.get("patterns", []):
            if not p["pre"] and not p["post"]:
                continue
            if not all(any(a in left for a in slot) for slot in p["pre"]):
                continue
            if not _in_order(p["post"], right):
                continue
            score = (len(p["pre"]) + len(p["post"]), 1 if p.get("verb") == verb_name else 0, p["code"])
            if best is None or score[:2] > best[:2]:
                best = score
        if best is not None:
            return best[2], "pattern"
        if entry.get("code"):
            return entry["code"], "verb"
        return block.get("code"), "block"

    def plover(self, cameo: str | None) -> Plover | None:
        """PLOVER type, mode and context for a CAMEO code, by its longest known prefix."""
        if not cameo or not cameo[:1].isdigit():
            return None
        for n in range(len(cameo), 1, -1):
            row = self.plover_table.get(cameo[:n])
            if row:
                return Plover(row["type"], row.get("mode") or None, tuple(row.get("context") or ()))
        return None


def _in_order(slots: list[list[str]], words: list[str]) -> bool:
    i = 0
    for slot in slots:
        multi = [a.split() for a in slot]
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

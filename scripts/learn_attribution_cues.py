"""Learn an attribution-cue lexicon from PolNeAR's TRAINING split (never dev).

    .venv/bin/python scripts/learn_attribution_cues.py --shared ../shared \
        [--out src/fogline/resources/attribution_cues.json] [--cache train.spacy]

Every article of ``<shared>/data/claims/polnear/train`` is parsed with fogline's spaCy model. For
each word whose part of speech is VERB or NOUN, by lemma: how often it occurs (``seen``) and how
often it is the syntactic head of a gold Cue span (``cue``), and for the occurrences that are cues,
how the gold Content's head hangs on the cue word (``rel``: the dependency label of the content
head's attachment under the cue, ``"head"`` when the cue hangs on the content, as in a
parenthetical "..., she said"). Lemmas with at least ``MIN_CUE`` cue occurrences and a cue rate of
at least ``MIN_RATE`` are written out, with their counts, so fogline can decide what to trust.
Adjectives complementing a linking verb with a clause or preposition of their own ("is eager to",
"was critical of") are counted the same way (``adjectives``: inside a gold Cue / seen; at least
``MIN_ADJ_CUE`` and ``MIN_ADJ_RATE``).

The output is deterministic for the same inputs and model (keys sorted, counts only).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

MIN_CUE = 4
MIN_RATE = 0.2
MIN_ADJ_CUE = 3
MIN_ADJ_RATE = 0.3
LINKING = {"be", "remain", "seem", "appear", "become", "sound", "look", "grow", "stay", "feel"}


def _head(sdoc, frags):
    """The syntactic head of a (possibly discontinuous) gold span: its token whose head lies
    outside the span."""
    toks = []
    for a, b in frags:
        sp = sdoc.char_span(a, b, alignment_mode="expand")
        if sp is not None:
            toks.extend(sp)
    if not toks:
        return None
    ids = {t.i for t in toks}
    for t in toks:
        if t.pos_ in ("VERB", "NOUN", "AUX", "ADP", "PROPN") and (t.head.i not in ids or t.head.i == t.i):
            return t
    return None


def _dep(t) -> str:
    return f"prep:{t.lower_}" if t.dep_ == "prep" else t.dep_


def _relation(cue, content) -> str:
    if content is None:
        return "none"
    t = content
    for _ in range(6):
        if t.head.i == cue.i and t.i != cue.i:
            return _dep(t)
        if t.head.i == t.i:
            break
        t = t.head
    c = cue
    for _ in range(4):
        if c.head.i == content.i:
            return "head"
        if c.head.i == c.i:
            break
        c = c.head
    return "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "src" / "fogline" / "resources" / "attribution_cues.json"))
    ap.add_argument("--cache", help="a spaCy DocBin of the parsed training texts (made if missing)")
    a = ap.parse_args(argv)

    from fogline.eval.claim_sets import parsed_polnear_train
    from fogline.nlp import MODEL

    docs, sdocs = parsed_polnear_train(Path(a.shared), a.cache)
    seen: Counter[tuple[str, str]] = Counter()
    seen_rel: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    cue: Counter[tuple[str, str]] = Counter()
    rel: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for d, sdoc in zip(docs, sdocs):
        for t in sdoc:
            if t.pos_ in ("VERB", "NOUN"):
                key = (t.lemma_.lower(), t.pos_)
                seen[key] += 1
                for r in {_dep(c) for c in t.children} | {"head:" + t.dep_}:
                    seen_rel[key][r] += 1
        heads = set()
        for g in d.attributions:
            h = _head(sdoc, g.cue)
            if h is None or h.pos_ not in ("VERB", "NOUN") or h.i in heads:
                continue
            heads.add(h.i)
            key = (h.lemma_.lower(), h.pos_)
            cue[key] += 1
            r = _relation(h, _head(sdoc, g.content))
            rel[key]["head:" + h.dep_ if r == "head" else r] += 1
    # Adjectives of attitude: "X is eager to Y", "X was critical of Y" (an adjective complement
    # of a linking verb, with a clause or a preposition of its own); how often such an adjective
    # lies inside a gold Cue.
    adj_seen: Counter[str] = Counter()
    adj_cue: Counter[str] = Counter()
    for d, sdoc in zip(docs, sdocs):
        in_cue = set()
        for g in d.attributions:
            for a0, b0 in g.cue:
                sp = sdoc.char_span(a0, b0, alignment_mode="expand")
                if sp is not None:
                    in_cue |= {t.i for t in sp}
        for t in sdoc:
            if t.pos_ == "ADJ" and t.dep_ == "acomp" and t.head.lemma_.lower() in LINKING and any(
                    c.dep_ in ("prep", "ccomp", "xcomp") and c.i > t.i for c in t.children):
                adj_seen[t.lemma_.lower()] += 1
                adj_cue[t.lemma_.lower()] += t.i in in_cue
    adjectives = {k: {"cue": adj_cue[k], "seen": adj_seen[k], "rate": round(adj_cue[k] / adj_seen[k], 3)}
                  for k in sorted(adj_seen) if adj_cue[k] >= MIN_ADJ_CUE and adj_cue[k] / adj_seen[k] >= MIN_ADJ_RATE}
    out = {}
    for key in sorted(cue):
        n, m = cue[key], seen[key]
        if n >= MIN_CUE and m and n / m >= MIN_RATE:
            # per way the content hangs on the cue: (cue occurrences with that relation,
            # occurrences of the lemma with such a dependent at all)
            by_rel = {r: [k, seen_rel[key][r]] for r, k in rel[key].items()
                      if r not in ("none", "other") and k >= 2 and seen_rel[key][r]}
            out[f"{key[0]}/{key[1]}"] = {"cue": n, "seen": m, "rate": round(n / m, 3),
                                         "rel": dict(sorted(by_rel.items()))}
    meta = {"_source": "PolNeAR train split (networkdynamics/PolNeAR commit c3eee83), "
                       f"{len(docs)} articles; parsed with {MODEL}; built by scripts/learn_attribution_cues.py",
            "_min_cue": MIN_CUE, "_min_rate": MIN_RATE}
    meta["_min_adj_cue"], meta["_min_adj_rate"] = MIN_ADJ_CUE, MIN_ADJ_RATE
    Path(a.out).write_text(json.dumps({**meta, "cues": out, "adjectives": adjectives}, indent=0, sort_keys=True) + "\n")
    print(f"{len(out)} cue lemmas and {len(adjectives)} adjectives written to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

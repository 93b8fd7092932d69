"""A learnt cue-span decoder: how far an attribution cue reaches beyond its verb group.

Attribution corpora (PolNeAR, after PARC) mark as cue everything of the attribution that is
neither its source nor its content: "told [the Washington Post in a written statement]", "said
[during a gun violence panel]", "spoke [out in favor of]", "has [said little about]". The rules
of :mod:`fogline.extract.claims` find the verb group; this model scores each word next to it
(up to :data:`WINDOW` words either side, in the sentence, never the content's or the speaker's)
as cue or not, from where it stands relative to the cue: its side and distance, which dependent
of the cue's head it hangs under (``prep:in``, ``dobj``, ``npadvmod`` ...) and that dependent's
object, its own lemma, part of speech and dependency, and whether it lies between the cue and
the content. The cue grows word by word while the next word scores at or above the threshold.

Trained on PolNeAR's TRAINING split only (scripts/train_cue_span_model.py), from the cues
fogline itself predicts there; the threshold is the one with the best cue-token F1 on a held-out
fifth of the training articles. Weights in ``resources/cue_span_model.json`` (feature names are
prefixes plus lemmas, tags and labels; no text), applied here in plain Python.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

WINDOW = 8          # words either side of the cue the model may take in
MAX_DEPTH = 6       # how far up the tree a word is followed to the cue's head
DANGLING = {"ADP", "DET", "CCONJ", "SCONJ", "PART", "PRON", "PUNCT"}


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else ("4-5" if n <= 5 else "6+")


def cue_head(cue: list[Token]) -> Token:
    """The word of the cue that the rest of it hangs on (the first whose head lies outside it)."""
    ids = {t.i for t in cue}
    return next((t for t in cue if t.head.i not in ids or t.head.i == t.i), cue[0])


def span_features(t: Token, cue_lo: int, cue_hi: int, head: Token, content: tuple[int, int] | None) -> list[str]:
    """Features of word ``t`` outside the cue ``cue_lo..cue_hi`` (token indices, inclusive) whose
    head word is ``head``; ``content``: the first and last index of the content, or None."""
    side = "L" if t.i < cue_lo else "R"
    dist = cue_lo - t.i if side == "L" else t.i - cue_hi
    lemma = t.lemma_.lower()
    f = ["b", "s=" + side, "sd=" + side + _bucket(dist), "l=" + lemma, "p=" + t.pos_, "d=" + t.dep_,
         "sp=" + side + t.pos_, "sl=" + side + lemma, "hl=" + head.lemma_.lower(), "hp=" + head.pos_,
         "sdp=" + side + t.dep_ + "/" + t.pos_]
    # where it hangs relative to the cue's head
    via = None
    x, depth = t, 0
    while depth < MAX_DEPTH and x.head.i != x.i:
        if x.head.i == head.i:
            via = x
            break
        x = x.head
        depth += 1
    if via is not None:
        v = f"prep:{via.lower_}" if via.dep_ == "prep" else via.dep_
        f += ["via=" + v, "svia=" + side + v, "viad=" + v + "/" + _bucket(depth), "viah=" + v + "/" + head.lemma_.lower()]
        obj = next((c for c in via.children if c.dep_ in ("pobj", "pcomp")), None) if via.dep_ == "prep" else None
        if obj is not None:
            f += ["vobj=" + v + "/" + obj.lemma_.lower(), "vobjp=" + obj.pos_]
        if via.ent_type_:
            f.append("vent=" + via.ent_type_)
    elif any(a.i == t.i for a in head.ancestors):
        f.append("anc=" + t.dep_)
    else:
        f.append("apart")
    if t.head.i == head.i:
        f.append("child=" + t.dep_)
    if content is not None:
        c0, c1 = content
        if side == "R" and t.i < c0 or side == "L" and t.i > c1:
            f.append("between")
        elif side == "R" and t.i > c1 or side == "L" and t.i < c0:
            f.append("beyond")
        f.append("cside=" + ("R" if c0 > cue_hi else "L"))
    if t.ent_type_:
        f.append("ent=" + t.ent_type_)
    return f


def load_logistic(name: str) -> tuple[dict[str, float], float] | None:
    """A logistic model shipped in ``resources/NAME``: weights by feature (intercept folded into
    ``b``) and its threshold; None when absent or unreadable. Shared by the cue model
    (``extract.claims.cue_model``) and the span decoder."""
    from importlib.resources import files

    try:
        data = json.loads(files("fogline.resources").joinpath(name).read_text())
    except (FileNotFoundError, ValueError):
        return None
    return logistic_from(data)


def logistic_from(data: dict) -> tuple[dict[str, float], float]:
    """A logistic model's JSON (``weights``, ``intercept``, ``threshold``) as :func:`load_logistic`
    gives it: weights by feature with the intercept folded into ``b``, and the threshold."""
    w = {k: float(v) for k, v in data["weights"].items()}
    w["b"] = w.get("b", 0.0) + float(data.get("intercept", 0.0))
    return w, float(data["threshold"])


@lru_cache(maxsize=1)
def span_model() -> tuple[dict[str, float], float] | None:
    """``resources/cue_span_model.json`` (:func:`load_logistic`)."""
    return load_logistic("cue_span_model.json")


def probability(feats: list[str], weights: dict[str, float]) -> float:
    z = sum(weights.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def candidates(cue: list[Token], blocked: set[int], sent) -> list[tuple[Token, int]]:
    """The words the cue may grow into, nearest first on each side: (word, side -1/+1); the run on
    a side stops at punctuation, a blocked word (content, speaker) or the sentence's edge."""
    doc = cue[0].doc
    out = []
    for step, start in ((-1, cue[0].i - 1), (1, cue[-1].i + 1)):
        i = start
        while sent.start <= i < sent.end and abs(i - start) < WINDOW:
            t = doc[i]
            if t.is_punct or t.is_space or t.i in blocked:
                break
            out.append((t, step))
            i += step
    return out


def extend(cue: list[Token], content_ids: set[int], speaker_ids: set[int], sent,
           model: tuple[dict[str, float], float] | None = None) -> list[Token]:
    """The cue grown on each side, word by word, while the next word scores at or above the
    threshold (:func:`span_model`); the cue itself unchanged without a model."""
    model = model or span_model()
    if model is None or not cue:
        return cue
    weights, thr = model
    doc = cue[0].doc
    head = cue_head(cue)
    content = (min(content_ids), max(content_ids)) if content_ids else None
    lo, hi = cue[0].i, cue[-1].i
    blocked = content_ids | speaker_ids
    new_lo, new_hi = lo, hi
    for t, step in candidates(cue, blocked, sent):
        if step < 0 and t.i != new_lo - 1 or step > 0 and t.i != new_hi + 1:
            continue  # the run on this side has stopped
        if probability(span_features(t, lo, hi, head, content), weights) < thr:
            continue
        if step < 0:
            new_lo = t.i
        else:
            new_hi = t.i
    # a function word the cue ends on must lead into the content ("spoke out in favor [of] X"),
    # not dangle without its object; one it starts with does not open it
    while new_hi > hi and doc[new_hi].pos_ in DANGLING and new_hi + 1 not in content_ids:
        new_hi -= 1
    while new_lo < lo and doc[new_lo].pos_ in ("CCONJ", "ADP", "SCONJ", "PUNCT"):
        new_lo += 1
    return list(doc[new_lo:new_hi + 1]) if (new_lo, new_hi) != (lo, hi) else cue

"""A learnt check on the claims the extractor makes, where the neural attribution tagger is in use.

The rules in :mod:`fogline.extract.claims` and the tagger's runs each propose claims; some of them
are not attributions at all ("the poll showed", a verb of saying with a misread object). This module
describes each claim by what the extractor knows of it (the cue's word and part of speech, the
tagger's scores over the cue, the content and the speaker, the content's length and first word, the
speaker's kind) and a logistic model, fitted by ``scripts/train_claim_filter.py`` on PolNeAR's
training split only, gives the probability that the claim is an attribution as an annotator would
mark it. Claims under the model's threshold are dropped, unless a second model from the same
file, fitted on the same claims for whether the claim's cue is an annotator's cue (whatever its
content and speaker), puts that at its own threshold or over: dropping a claim drops its cue words
too, and cue words are what the eval's cue score counts. A claim whose cue lies inside another
claim's content (a nested report, which PolNeAR does not annotate) is never judged.

Without the tagger (no ``attribution`` extra, or ``FOGLINE_NEURAL=0``) nothing is filtered: the
features are the tagger's scores.

Figures (session 15, with the rank-32 tagger; both thresholds chosen together, 0.1 and 0.5): over
five folds of the held-out fifth's articles, whole attribution 0.6740 -> 0.6801 (precision 0.682 ->
0.699, recall 0.666 -> 0.662), cue token F1 0.7000 -> 0.6997. The thresholds were chosen for the sum
of the two F1s, so that the filter does not buy whole attributions with cue words; PolNeAR dev figures
are in tests/eval_floors.json.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..model import Claim

MODEL_FILE = "claim_filter.json"
QUOTES = {"“", "\"", "``", "''", "‘", "'"}
BEFORE_CUE = {",", ":", "”", "\"", "''", "(", "—"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}


def _bin(x: float, edges: tuple[float, ...]) -> int:
    return sum(1 for e in edges if x >= e)


P_EDGES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
LEN_EDGES = (2, 3, 6, 11, 21, 41)


def _ids(sdoc, part: str, span) -> list[int]:
    if span is None or span.part != part:
        return []
    x = sdoc.char_span(span.start, span.end, alignment_mode="expand")
    return list(range(x.start, x.end)) if x is not None else []


def features(claim: Claim, sdoc, part: str, w) -> list[str]:
    """The claim's features (strings; the model is a weight per string). ``w``: the tagger's word
    probabilities for ``sdoc`` (cue, source, content per word)."""
    cue = [i for i in _ids(sdoc, part, claim.cue_span) if not sdoc[i].is_punct] or _ids(sdoc, part, claim.cue_span)
    con = [i for sp in [claim.content_span, *claim.content_more] for i in _ids(sdoc, part, sp)]
    con = [i for i in con if not sdoc[i].is_punct and not sdoc[i].is_space] or con
    spk = [i for i in _ids(sdoc, part, claim.speaker_span) if not sdoc[i].is_punct]
    f = ["b", f"cue={claim.cue}"]
    if cue:
        ids = set(cue)
        top = next((sdoc[i] for i in cue if sdoc[i].head.i not in ids or sdoc[i].head.i == i), sdoc[cue[0]])
        f += [f"cuepos={top.pos_}", f"cuedep={top.dep_}", f"cuetag={top.tag_}", f"cuelen={min(len(cue), 4)}"]
        ps = [float(w[i, 0]) for i in cue]
        f += [f"cuemax={_bin(max(ps), P_EDGES)}", f"cuemean={_bin(sum(ps) / len(ps), P_EDGES)}"]
        first = sdoc[cue[0]]
        f.append(f"cuefirst={first.is_sent_start}")
    if con:
        ps = [float(w[i, 2]) for i in con]
        f += [f"conmean={_bin(sum(ps) / len(ps), P_EDGES)}", f"conmin={_bin(min(ps), P_EDGES)}",
              f"conlen={_bin(len(con), LEN_EDGES)}"]
        head = sdoc[con[0]]
        f.append(f"confirst={head.lower_ if head.lower_ in ('that', 'whether', 'if', 'to', 'the', 'a') else head.pos_}")
        f.append(f"converb={any(sdoc[i].pos_ in ('VERB', 'AUX') for i in con)}")
        if cue:
            f.append(f"conside={'after' if con[0] > cue[-1] else 'before'}")
            gap = con[0] - cue[-1] - 1 if con[0] > cue[-1] else cue[0] - con[-1] - 1
            f.append(f"gap={min(max(gap, 0), 3)}")
            # the tagger's cue score outside the cue, over the content: a second cue inside it
            f.append(f"concue={_bin(max(float(w[i, 0]) for i in con), P_EDGES)}")
        # the tagger reads the content on past its edges (cut short), or not even to them
        lo, hi = min(con), max(con)
        f.append(f"conpast={lo > 0 and w[lo - 1, 2] >= 0.5}/{hi + 1 < len(sdoc) and w[hi + 1, 2] >= 0.5}")
        f.append(f"consents={sdoc[lo].sent.start != sdoc[hi].sent.start}")
    if spk and cue:
        gap = cue[0] - spk[-1] - 1 if spk[-1] < cue[0] else spk[0] - cue[-1] - 1
        f.append(f"spkside={'before' if spk[-1] < cue[0] else 'after'}{_bin(max(gap, 0), (1, 2, 4, 9))}")
    if cue:
        # where the tagger reads the sentence otherwise: a source, content or another cue outside
        # this claim's words (the rules may have paired the cue with the wrong ones)
        sent = sdoc[cue[0]].sent
        mine = set(cue) | set(con) | set(spk)
        rest = [i for i in range(sent.start, sent.end) if i not in mine and not sdoc[i].is_punct]
        for j, name in ((1, "srcelse"), (2, "conelse"), (0, "cueelse")):
            f.append(f"{name}={_bin(max((float(w[i, j]) for i in rest), default=0.0), (0.3, 0.5, 0.7, 0.9))}")
        sc = [i for i in range(sent.start, sent.end) if w[i, 2] >= 0.5 and not sdoc[i].is_punct]
        if sc:
            f.append(f"concover={_bin(len(set(sc) & set(con)) / len(sc), (0.25, 0.5, 0.75, 0.95))}")
        prev = sdoc[cue[0] - 1].text if cue[0] > 0 else ""
        f.append("cueprev=" + (prev if prev in BEFORE_CUE else "w"))
    f.append(f"quoted={bool(con) and con[0] > 0 and sdoc[con[0] - 1].text in QUOTES}")
    if spk:
        ps = [float(w[i, 1]) for i in spk]
        f += [f"spkmean={_bin(sum(ps) / len(ps), P_EDGES)}", f"spklen={_bin(len(spk), LEN_EDGES)}"]
        f.append("spk=pron" if len(spk) == 1 and sdoc[spk[0]].lower_ in PRONOUNS else
                 f"spk={sdoc[spk[-1]].pos_}")
    else:
        f.append("spk=none")
    f.append(f"kind={claim.speaker.kind if claim.speaker is not None else 'none'}")
    f += [f"stance={claim.stance}", f"hedged={claim.hedged}", f"more={bool(claim.content_more)}",
          f"part={part == 'title'}"]
    return f


@lru_cache(maxsize=1)
def model() -> tuple[dict[str, float], float] | None:
    """``resources/claim_filter.json`` (:func:`fogline.extract.cue_span.load_logistic`): weights
    by feature and the threshold; None when the file is absent."""
    from .cue_span import load_logistic

    return load_logistic(MODEL_FILE)


@lru_cache(maxsize=1)
def cue_model() -> tuple[dict[str, float], float] | None:
    """The file's second model (its ``cue`` entry): the probability that a claim's cue is an
    annotator's cue, whatever its content and speaker; a claim the first model would drop is kept
    at its threshold or over. None when the file has none."""
    from importlib.resources import files

    from .cue_span import logistic_from

    try:
        data = json.loads(files("fogline.resources").joinpath(MODEL_FILE).read_text())
    except (FileNotFoundError, ValueError):
        return None
    return logistic_from(data["cue"]) if "cue" in data else None


def nested(claim: Claim, claims: list[Claim]) -> bool:
    """Whether the claim's cue lies inside another claim's content (a report inside a report)."""
    s, e = claim.cue_span.start, claim.cue_span.end
    return any(o is not claim and o.content_span.part == claim.cue_span.part
               and any(sp.start <= s and e <= sp.end for sp in [o.content_span, *o.content_more])
               for o in claims)


def judged(parsed: Any, claims: list[Claim]) -> list[list[str] | None]:
    """Each claim's features (None: not judged: nested, or no tagger)."""
    from .claims import _neural

    out: list[list[str] | None] = []
    for c in claims:
        part = c.cue_span.part
        sdoc = parsed.parts.get(part)
        w = _neural(sdoc) if sdoc is not None else None
        out.append(None if w is None or not len(w) or nested(c, claims) else features(c, sdoc, part, w))
    return out


def keep(parsed: Any, claims: list[Claim]) -> list[Claim]:
    """``claims`` without those the model judges under its threshold, unless the cue model (where
    the file has one) judges their cue at its threshold or over."""
    from .cue_span import probability

    m = model()
    if m is None or not claims:
        return claims
    (weights, thr), cm = m, cue_model()
    out = []
    for c, f in zip(claims, judged(parsed, claims)):
        if f is None or probability(f, weights) >= thr or (cm is not None and probability(f, cm[0]) >= cm[1]):
            out.append(c)
    return out

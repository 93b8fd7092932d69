"""The contextual cue tagger: which words lie inside an attribution cue, from the parse and from
spaCy's contextual token vectors.

en_core_web_sm computes, for every token, a 96-dim vector in ``Doc.tensor`` (the shared tok2vec
layer that feeds its tagger and parser); fogline's parse computes it anyway, so reading it costs
nothing. The tagger is a logistic regression over the sparse features of the word-level cue model
(:func:`fogline.extract.claims.cue_features`: lemma, tags, dependencies, lexicons, neighbours) plus
those vectors for the word, its syntactic head, and the words right before and after it in its
sentence (:func:`context_matrix`). Trained on PolNeAR's TRAINING split only
(scripts/train_cue_tagger.py); weights in ``resources/cue_tagger.json`` (feature names, dense
weight vectors and numbers; no text), applied here with numpy: the dense part once per Doc as one
matrix product (:func:`dense_logits`, kept in ``Doc.user_data``), the sparse part per word.

A Doc without its tensor (one read back from a DocBin, which drops it) gets None from
:func:`dense_logits`; the caller then falls back on the sparse cue model.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

BLOCKS = ("self", "head", "prev", "next")
WIDTH = 96
_KEY = "fogline.cue_tagger_dense"


def context_matrix(doc: Doc, blocks: tuple[str, ...] = BLOCKS):
    """Per token, the tok2vec vectors of ``blocks`` side by side (``len(doc)`` x 96*len(blocks),
    float32): ``self`` the token's, ``head`` its syntactic head's, ``prev``/``next`` its
    neighbours' in the sentence (zeros at the sentence's edges). None without a tensor."""
    import numpy as np
    from spacy.attrs import HEAD, SENT_START

    T = doc.tensor
    n = len(doc)
    if T is None or getattr(T, "ndim", 0) != 2 or T.shape[0] != n or T.shape[1] != WIDTH or n == 0:
        return None
    T = np.asarray(T, dtype="float32")
    arr = doc.to_array([HEAD, SENT_START]).astype("int64")
    heads = np.arange(n) + arr[:, 0]
    starts = arr[:, 1] == 1
    starts[0] = True
    out = []
    for b in blocks:
        if b == "self":
            out.append(T)
        elif b == "head":
            out.append(T[heads])
        elif b == "prev":
            p = np.zeros_like(T)
            p[1:] = T[:-1]
            p[starts] = 0.0
            out.append(p)
        elif b == "next":
            q = np.zeros_like(T)
            q[:-1] = T[1:]
            ends = np.zeros(n, dtype=bool)
            ends[:-1] = starts[1:]
            ends[-1] = True
            q[ends] = 0.0
            out.append(q)
        else:
            raise ValueError(f"unknown block {b!r}")
    return np.hstack(out)


TAGGER_FILE = "cue_tagger.json"   # in resources/; a path with a slash is read as a file (the tuning script)


@lru_cache(maxsize=4)
def tagger_model(name: str | None = None):
    """``resources/cue_tagger.json`` (or ``name``): (sparse weights by feature with the intercept
    as ``b``, the dense weight vector, its blocks, the threshold); None when absent or unreadable."""
    from importlib.resources import files
    from pathlib import Path

    import numpy as np

    name = name or TAGGER_FILE
    try:
        text = Path(name).read_text() if "/" in name else files("fogline.resources").joinpath(name).read_text()
        data = json.loads(text)
    except (FileNotFoundError, ValueError):
        return None
    w = {k: float(v) for k, v in data["weights"].items()}
    w["b"] = w.get("b", 0.0) + float(data.get("intercept", 0.0))
    dense = data.get("dense") or {}
    blocks = tuple(b for b in BLOCKS if b in dense)
    wd = np.array([x for b in blocks for x in dense[b]], dtype="float32")
    return w, wd, blocks, float(data["threshold"])


def dense_logits(doc: Doc, model=None):
    """The dense part of the tagger's logit for every token of ``doc`` (numpy vector, kept in
    ``doc.user_data``), or None when the Doc has no tensor or there is no model."""
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached if len(cached) else None
    model = model or tagger_model()
    M = context_matrix(doc, model[2]) if model is not None else None
    import numpy as np

    z = M @ model[1] if M is not None else np.zeros(0, dtype="float32")
    doc.user_data[_KEY] = z
    return z if len(z) else None

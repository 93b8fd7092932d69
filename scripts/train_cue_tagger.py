"""Train the contextual cue tagger from PolNeAR's TRAINING split (never dev).

    .venv/bin/python scripts/train_cue_tagger.py --shared ../shared \
        [--out src/fogline/resources/cue_tagger.json] [--fit-out held.json] [--cache train.spacy]

Like scripts/train_cue_model.py (whose sparse features, :func:`fogline.extract.claims.cue_features`,
it shares), every word of every training article that is not punctuation or space is an example,
labelled 1 when it overlaps a gold Cue span. To those sparse features it adds spaCy's contextual
token vectors: ``Doc.tensor``, the 96-dim output of en_core_web_sm's shared tok2vec layer (computed
by the parse anyway), of the word itself, of its syntactic head, and of the words right before and
after it (zeros past the sentence). A DocBin does not keep ``Doc.tensor``, so the parse cache keeps
it beside it (:func:`fogline.eval.claim_sets.parsed_polnear_train`).

A logistic regression (scikit-learn lbfgs, L2, at most MAX_ITER iterations, fixed seed) is fitted on the sparse features
plus the dense vectors (standardised by the fitting rows' mean and spread, folded back into the
weights written out); negatives are subsampled at ``NEG_RATE`` (fixed seed) to keep the problem in
memory, the intercept corrected by log(NEG_RATE) afterwards. It is fitted on four fifths of the
articles (index in name order not a multiple of 5); the threshold is the probability with the best
cue-token F1 on the held-out fifth (every word there, no subsampling); ``--fit-out`` writes that
four-fifths model (to tune how the extractor uses it on the held-out fifth); the model in ``--out``
is refitted on all training articles with the same settings. The JSON holds feature names (lemmas,
tags, labels), the dense weight vectors and numbers only, no text.
"""
from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
from collections import Counter
from pathlib import Path

from train_cue_model import best_threshold  # scripts/ is on the path of a script run from it

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SEED = 13
C = 0.5
MIN_COUNT = 5
MIN_WEIGHT = 0.01
NEG_RATE = 0.35
MAX_ITER = 400
BLOCKS = ("self", "head", "prev", "next")


def dense_rows(sd, blocks=BLOCKS):
    """Per word of ``sd``: the tok2vec vectors of the blocks (:data:`BLOCKS`), concatenated."""
    from fogline.extract.cue_tagger import context_matrix

    return context_matrix(sd, blocks)


def examples(docs, sdocs, blocks=BLOCKS):
    import numpy as np

    from fogline.extract.claims import cue_features

    X, D, y, art = [], [], [], []
    for k, (d, sd) in enumerate(zip(docs, sdocs)):
        inside = set()
        for g in d.attributions:
            for a0, b0 in g.cue:
                sp = sd.char_span(a0, b0, alignment_mode="expand")
                if sp is not None:
                    inside |= {t.i for t in sp}
        M = dense_rows(sd, blocks)
        keep = []
        for t in sd:
            if t.is_punct or t.is_space:
                continue
            X.append(cue_features(t))
            y.append(1 if t.i in inside else 0)
            art.append(k)
            keep.append(t.i)
        D.append(M[keep])
        if k % 100 == 0:
            print(f"  features {k}/{len(docs)}", flush=True)
    return X, np.vstack(D).astype("float32"), np.array(y), np.array(art)


def vocab_of(X, idx):
    cnt = Counter(f for i in idx for f in set(X[i]))
    return {f: j for j, f in enumerate(sorted(f for f, n in cnt.items() if n >= MIN_COUNT))}


def design(X, D, idx, vocab, mean, std):
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    rows, cols = [], []
    for r, i in enumerate(idx):
        for f in X[i]:
            j = vocab.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    S = csr_matrix((np.ones(len(rows), dtype="float32"), (rows, cols)), shape=(len(idx), len(vocab)))
    if D is None:
        return S.tocsr()
    Z = (D[idx] - mean) / std
    return hstack([S, csr_matrix(Z)], format="csr")


def fit(X, D, y, idx, dense=True):
    """A model fitted on rows ``idx``: (sparse weights by name, dense weight vector, intercept) in
    the raw (unstandardised) scale of the vectors."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(SEED)
    idx = np.asarray(idx)
    sub = idx[(y[idx] == 1) | (rng.random(len(idx)) < NEG_RATE)]
    vocab = vocab_of(X, sub)
    if dense:
        mean = D[sub].mean(axis=0)
        std = D[sub].std(axis=0) + 1e-6
    else:
        mean = std = None
    M = design(X, D if dense else None, sub, vocab, mean, std)
    print(f"  fitting on {M.shape[0]} rows x {M.shape[1]} columns", flush=True)
    m = LogisticRegression(C=C, max_iter=MAX_ITER, solver="lbfgs", random_state=SEED)
    m.fit(M, y[sub])
    coef = m.coef_[0]
    names = sorted(vocab, key=vocab.get)
    sparse = dict(zip(names, coef[:len(names)]))
    b = float(m.intercept_[0]) + math.log(NEG_RATE)
    wd = None
    if dense:
        wz = coef[len(names):]
        wd = wz / std
        b -= float((wz * mean / std).sum())
    return sparse, wd, b


def scores(X, D, idx, sparse, wd, b):
    import numpy as np

    z = np.array([b + sum(sparse.get(f, 0.0) for f in X[i]) for i in idx])
    if wd is not None:
        z = z + D[idx] @ wd
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def write(path, sparse, wd, b, thr, held, what, blocks):
    from fogline.nlp import MODEL

    weights = {f: round(float(c), 3) for f, c in sparse.items() if abs(c) >= MIN_WEIGHT}
    out = {"_source": f"PolNeAR train split (networkdynamics/PolNeAR commit c3eee83), {what}; parsed with {MODEL}; "
                      f"built by scripts/train_cue_tagger.py (logistic regression on the cue model's sparse features "
                      f"and the tok2vec vectors of {', '.join(blocks)}; C={C}, seed {SEED}, negatives subsampled at "
                      f"{NEG_RATE}, features seen >= {MIN_COUNT} times, |weight| >= {MIN_WEIGHT})",
           "held_out": {"token_f1": round(held[0], 4), "precision": round(held[2], 4), "recall": round(held[3], 4)},
           "threshold": thr, "intercept": round(b, 4), "weights": dict(sorted(weights.items())),
           "dense": {name: [round(float(x), 4) for x in wd[k * 96:(k + 1) * 96]] for k, name in enumerate(blocks)}}
    Path(path).write_text(json.dumps(out, indent=0, sort_keys=True) + "\n")
    print(f"{len(weights)} sparse weights and {len(blocks)} dense blocks written to {path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "src" / "fogline" / "resources" / "cue_tagger.json"))
    ap.add_argument("--fit-out", help="also write the model fitted on four fifths only")
    ap.add_argument("--cache", help="a spaCy DocBin of the parsed training texts (made if missing; its tensors beside it)")
    ap.add_argument("--features", help="a pickle of the examples (made if missing), to save the feature pass")
    ap.add_argument("--compare", action="store_true", help="also fit the sparse-only model, for comparison")
    a = ap.parse_args(argv)

    import numpy as np

    from fogline.eval.claim_sets import parsed_polnear_train

    docs, sdocs = parsed_polnear_train(Path(a.shared), a.cache, tensors=True)
    if a.features and Path(a.features).exists():
        X, D, y, art = pickle.loads(Path(a.features).read_bytes())
    else:
        X, D, y, art = examples(docs, sdocs)
        if a.features:
            Path(a.features).write_bytes(pickle.dumps((X, D, y, art)))
    fit_i = np.nonzero(art % 5)[0]
    held_i = np.nonzero(art % 5 == 0)[0]
    print(f"{len(y)} words, {int(y.sum())} in cues; held-out fifth {len(held_i)} words")
    if a.compare:
        s, _, b = fit(X, D, y, fit_i, dense=False)
        res = best_threshold(scores(X, D, held_i, s, None, b), y[held_i])
        print(f"sparse only: held-out token F1 {res[0]:.4f} at {res[1]} (P {res[2]:.4f} R {res[3]:.4f})")
    s, wd, b = fit(X, D, y, fit_i)
    held = best_threshold(scores(X, D, held_i, s, wd, b), y[held_i])
    print(f"sparse + tok2vec: held-out token F1 {held[0]:.4f} at {held[1]} (P {held[2]:.4f} R {held[3]:.4f})")
    if a.fit_out:
        write(a.fit_out, s, wd, b, held[1], held, f"the {len(set(art[fit_i].tolist()))} articles whose index is not "
              "a multiple of 5", BLOCKS)
    s, wd, b = fit(X, D, y, np.arange(len(y)))
    write(a.out, s, wd, b, held[1], held, f"all {len(docs)} articles", BLOCKS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

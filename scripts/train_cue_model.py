"""Train the cue-token model from PolNeAR's TRAINING split (never dev).

    .venv/bin/python scripts/train_cue_model.py --shared ../shared \
        [--out src/fogline/resources/cue_model.json] [--cache train.spacy]

Every article of ``<shared>/data/claims/polnear/train`` is parsed with fogline's spaCy model (or
read from ``--cache``, a DocBin made by this script or scripts/learn_attribution_cues.py). Each
word that is not punctuation or space is an example, labelled 1 when it overlaps a gold Cue span;
its features are :func:`fogline.extract.claims.cue_features` (lemma, POS, dependency, head,
children's dependencies, clause/quotation governed, cue lexicons, neighbours, and since the fifth
claims session the entity type or POS of its subject and object and whether it stands inside a
quotation). A logistic
regression (scikit-learn, L2, fixed seed) is fitted on four fifths of the articles (those whose
index in name order is not a multiple of 5); the threshold is the probability that maximises
cue-token F1 on the held-out fifth; the model written out is then refitted on all training
articles with the same settings. Features seen fewer than ``MIN_COUNT`` times are dropped, weights
are rounded; the JSON holds feature names (lemmas, tags, labels) and numbers only, no text.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SEED = 13
C = 0.5
MIN_COUNT = 5
MIN_WEIGHT = 0.01


def _examples(docs, sdocs):
    from fogline.extract.claims import cue_features

    X, y, art = [], [], []
    for k, (d, sdoc) in enumerate(zip(docs, sdocs)):
        inside = set()
        for g in d.attributions:
            for a0, b0 in g.cue:
                sp = sdoc.char_span(a0, b0, alignment_mode="expand")
                if sp is not None:
                    inside |= {t.i for t in sp}
        for t in sdoc:
            if t.is_punct or t.is_space:
                continue
            X.append(cue_features(t))
            y.append(1 if t.i in inside else 0)
            art.append(k)
    return X, y, art


def _fit(X, y, vocab):
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, cols = [], []
    for i, fs in enumerate(X):
        for f in fs:
            j = vocab.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    M = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(X), len(vocab)))
    m = LogisticRegression(C=C, max_iter=2000, solver="liblinear", random_state=SEED)
    m.fit(M, np.array(y))
    return m, M


def best_threshold(probs, yh) -> tuple[float, float, float, float]:
    """(F1, threshold, P, R) of the threshold in 0.05..0.95 (steps of 0.01) with the best word F1
    of ``probs`` against the 0/1 labels ``yh``."""
    import numpy as np

    best = (0.0, 0.5, 0.0, 0.0)
    for thr in np.arange(0.05, 0.96, 0.01):
        pred = probs >= thr
        tp = int((pred & (yh == 1)).sum())
        pr = tp / max(1, int(pred.sum()))
        rc = tp / max(1, int(yh.sum()))
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        if f1 > best[0]:
            best = (f1, round(float(thr), 2), pr, rc)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "src" / "fogline" / "resources" / "cue_model.json"))
    ap.add_argument("--fit-out", help="also write the model fitted on four fifths only (to tune how the "
                                      "extractor uses it on the held-out fifth)")
    ap.add_argument("--cache", help="a spaCy DocBin of the parsed training texts (made if missing)")
    a = ap.parse_args(argv)

    from collections import Counter

    import numpy as np
    from fogline.eval.claim_sets import parsed_polnear_train
    from fogline.nlp import MODEL

    docs, sdocs = parsed_polnear_train(Path(a.shared), a.cache)
    X, y, art = _examples(docs, sdocs)
    y = np.array(y)
    fit_i = [i for i, k in enumerate(art) if k % 5]
    held_i = [i for i, k in enumerate(art) if k % 5 == 0]

    def vocab_of(idx):
        cnt = Counter(f for i in idx for f in set(X[i]))
        return {f: j for j, f in enumerate(sorted(f for f, n in cnt.items() if n >= MIN_COUNT))}

    voc = vocab_of(fit_i)
    m, _ = _fit([X[i] for i in fit_i], y[fit_i], voc)
    # score the held-out fifth
    import math
    w = dict(zip(sorted(voc, key=voc.get), m.coef_[0]))
    b = float(m.intercept_[0])
    probs = np.array([1 / (1 + math.exp(-(b + sum(w.get(f, 0.0) for f in X[i])))) for i in held_i])
    yh = y[held_i]
    best = best_threshold(probs, yh)
    print(f"held-out fifth of train: {len(held_i)} words, {int(yh.sum())} in cues; best token F1 {best[0]:.3f} "
          f"at threshold {best[1]:.2f} (P {best[2]:.3f}, R {best[3]:.3f})")
    for thr in (0.3, 0.4, 0.5, 0.6, 0.7):
        pred = probs >= thr
        tp = int((pred & (yh == 1)).sum())
        print(f"  thr {thr}: P {tp / max(1, int(pred.sum())):.3f} R {tp / max(1, int(yh.sum())):.3f}")
    def write(model, voc_, path, what):
        weights = {f: round(float(c), 3) for f, c in zip(sorted(voc_, key=voc_.get), model.coef_[0])
                   if abs(c) >= MIN_WEIGHT}
        out = {"_source": f"PolNeAR train split (networkdynamics/PolNeAR commit c3eee83), {what}; parsed with "
                          f"{MODEL}; built by scripts/train_cue_model.py (logistic regression, C={C}, seed {SEED}, "
                          f"features seen >= {MIN_COUNT} times, |weight| >= {MIN_WEIGHT})",
               "held_out": {"token_f1": round(best[0], 4), "precision": round(best[2], 4),
                            "recall": round(best[3], 4)},
               "threshold": round(best[1], 2), "intercept": round(float(model.intercept_[0]), 4),
               "weights": dict(sorted(weights.items()))}
        Path(path).write_text(json.dumps(out, indent=0, sort_keys=True) + "\n")
        print(f"{len(weights)} weights written to {path}")

    if a.fit_out:
        write(m, voc, a.fit_out, f"the {len(docs) - len(set(art[i] for i in held_i))} articles whose index is not "
                                 "a multiple of 5")
    voc_all = vocab_of(range(len(X)))
    m_all, _ = _fit(X, y, voc_all)
    write(m_all, voc_all, a.out, f"all {len(docs)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

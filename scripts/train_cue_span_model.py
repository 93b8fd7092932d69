"""Train the cue-span decoder (fogline.extract.cue_span) from PolNeAR's TRAINING split (never dev).

    .venv/bin/python scripts/train_cue_span_model.py --shared ../shared \
        [--out src/fogline/resources/cue_span_model.json] [--cache train.spacy] [--preds preds.pkl]

Every article of ``<shared>/data/claims/polnear/train`` is parsed with fogline's spaCy model (or
read from ``--cache``, a DocBin as scripts/train_cue_model.py makes it) and fogline's extractors
run on it with the decoder switched off (``claims.CUE_SPAN_EXTEND = False``); ``--preds`` keeps
those predictions in a pickle (made if missing) to save the run next time. Of each predicted
attribution that the scorer keeps (outermost; see fogline.eval.claims), every word next to the
cue that the decoder may take in (:func:`fogline.extract.cue_span.candidates`) is an example,
labelled 1 when it lies inside a gold Cue span, with the features of
:func:`fogline.extract.cue_span.span_features`. A logistic regression (scikit-learn, L2, fixed
seed) is fitted on four fifths of the articles (index in name order not a multiple of 5); the
threshold is the one whose decoding (:func:`fogline.extract.cue_span.extend`) gives the best
cue-token F1 (fogline.eval.claims' measure) on the held-out fifth; the model written out is then
refitted on all training articles with the same settings. Features seen fewer than ``MIN_COUNT``
times are dropped and weights rounded; the JSON holds feature names (prefixes plus lemmas, tags
and labels) and numbers only, no text.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SEED = 13
C = 0.5
MIN_COUNT = 3
MIN_WEIGHT = 0.01


def predictions(docs, sdocs):
    """fogline's predicted attributions per article (decoder off), as fogline.eval.claims.Pred."""
    from fogline.eval import claims as E
    from fogline.extract import claims as CL
    from fogline.model import Document
    from fogline.nlp import CASE_CHECKED, ParsedDocument

    CL.CUE_SPAN_EXTEND = False
    out = []
    for k, (d, sd) in enumerate(zip(docs, sdocs)):
        sd.user_data["fogline_text"] = d.text
        sd.user_data[CASE_CHECKED] = True
        p = ParsedDocument(Document(source=f"polnear:{d.id}", body=d.text, kind="text"), {"body": sd},
                           texts={"body": d.text})
        E._run_extractors(p, d.id)
        out.append(E.outermost(E.fogline_preds(p.doc)))
        if k % 100 == 0:
            print(f"  extracted {k}/{len(docs)}", flush=True)
    CL.CUE_SPAN_EXTEND = True
    return out


def _toks(sd, frags):
    out = []
    for a, b in frags or ():
        sp = sd.char_span(a, b, alignment_mode="expand")
        if sp is not None:
            out += [t for t in sp if not t.is_space]
    return out


def instances(d, sd, preds):
    """Per predicted attribution: (cue tokens, content ids, speaker ids, sentence)."""
    out = []
    for p in preds:
        cue = _toks(sd, p.cue)
        if not cue:
            continue
        cue = list(sd[cue[0].i:cue[-1].i + 1])
        content = {t.i for t in _toks(sd, p.content)}
        speaker = {t.i for t in _toks(sd, p.source)}
        out.append((cue, content, speaker, cue[0].sent))
    return out


def examples(docs, sdocs, preds, arts):
    from fogline.extract.cue_span import candidates, cue_head, span_features

    X, y = [], []
    for k in arts:
        d, sd = docs[k], sdocs[k]
        gold = {t.i for g in d.attributions for t in _toks(sd, g.cue)}
        for cue, content, speaker, sent in instances(d, sd, preds[k]):
            head = cue_head(cue)
            span = (min(content), max(content)) if content else None
            for t, _side in candidates(cue, content | speaker, sent):
                X.append(span_features(t, cue[0].i, cue[-1].i, head, span))
                y.append(1 if t.i in gold else 0)
    return X, y


def fit(X, y):
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    cnt = Counter(f for fs in X for f in set(fs))
    vocab = {f: j for j, f in enumerate(sorted(f for f, n in cnt.items() if n >= MIN_COUNT))}
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
    w = {f: round(float(c), 3) for f, c in zip(sorted(vocab, key=vocab.get), m.coef_[0]) if abs(c) >= MIN_WEIGHT}
    return w, round(float(m.intercept_[0]), 4)


def cue_token_f1(docs, sdocs, preds, arts, model):
    """Cue-token P/R/F1 (fogline.eval.claims' token measure) over ``arts`` with every predicted
    cue decoded by ``model`` (None: as predicted)."""
    from fogline.eval import claims as E
    from fogline.extract.cue_span import extend

    rc = E.RoleCounts()
    for k in arts:
        d, sd = docs[k], sdocs[k]
        toks = E.Tokens(d.text)
        cues = []
        for cue, content, speaker, sent in instances(d, sd, preds[k]):
            if model is not None:
                cue = extend(cue, content, speaker, sent, model)
            cues.append(toks.of(((cue[0].idx, cue[-1].idx + len(cue[-1])),)))
        rc.add((toks.of(g.cue) for g in d.attributions), cues)
    return rc.scores()["token"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "src" / "fogline" / "resources" / "cue_span_model.json"))
    ap.add_argument("--cache", help="a spaCy DocBin of the parsed training texts (made if missing)")
    ap.add_argument("--preds", help="a pickle of fogline's predictions on the training texts (made if missing)")
    a = ap.parse_args(argv)

    from fogline.eval.claim_sets import parsed_polnear_train
    from fogline.nlp import MODEL

    docs, sdocs = parsed_polnear_train(Path(a.shared), a.cache)
    if a.preds and Path(a.preds).exists():
        preds = pickle.loads(Path(a.preds).read_bytes())
    else:
        preds = predictions(docs, sdocs)
        if a.preds:
            Path(a.preds).write_bytes(pickle.dumps(preds))
    fit_arts = [k for k in range(len(docs)) if k % 5]
    held_arts = [k for k in range(len(docs)) if k % 5 == 0]
    X, y = examples(docs, sdocs, preds, fit_arts)
    print(f"{len(X)} examples from {len(fit_arts)} articles, {sum(y)} inside gold cues")
    w, b = fit(X, y)
    base = cue_token_f1(docs, sdocs, preds, held_arts, None)
    print(f"held-out fifth, cues as predicted: P {base['precision']:.4f} R {base['recall']:.4f} F1 {base['f1']:.4f}")
    best = None
    for thr in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6):
        s = cue_token_f1(docs, sdocs, preds, held_arts, ({**w, "b": w.get("b", 0.0) + b}, thr))
        print(f"  threshold {thr:.2f}: P {s['precision']:.4f} R {s['recall']:.4f} F1 {s['f1']:.4f}")
        if best is None or s["f1"] > best[1]["f1"]:
            best = (thr, s)
    thr, s = best
    Xa, ya = examples(docs, sdocs, preds, range(len(docs)))
    w_all, b_all = fit(Xa, ya)
    out = {"_source": f"PolNeAR train split (networkdynamics/PolNeAR commit c3eee83), all {len(docs)} articles; "
                      f"parsed with {MODEL}; candidates around the cues fogline predicts there; built by "
                      f"scripts/train_cue_span_model.py (logistic regression, C={C}, seed {SEED}, features seen "
                      f">= {MIN_COUNT} times, |weight| >= {MIN_WEIGHT})",
           "held_out": {"cue_token_f1": s["f1"], "precision": s["precision"], "recall": s["recall"],
                        "before": {"cue_token_f1": base["f1"], "precision": base["precision"],
                                   "recall": base["recall"]}},
           "threshold": thr, "intercept": b_all, "weights": dict(sorted(w_all.items()))}
    Path(a.out).write_text(json.dumps(out, indent=0, sort_keys=True) + "\n")
    print(f"threshold {thr}; {len(w_all)} weights written to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

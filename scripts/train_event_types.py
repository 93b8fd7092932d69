"""Train the clause event-type and mode model from NGEC's synthetic stories.

    .venv/bin/python scripts/train_event_types.py --shared ../shared \
        [--out src/fogline/resources/event_type_model.json] [--cache /tmp/ngec_lead.spacy] [--report FILE]

Data: ``<shared>/data/training/ngec_synthetic_events.csv.zip`` (ahalterman/NGEC, commit 787a06b):
4,500 synthetic stories, 12 for each of 375 prompt headlines, each labelled with the PLOVER event
type and mode of its headline.

Which sentences: NGEC labels a whole story by its headline's event, so only the story's **first
sentence** (the lead, which restates the headline) is used, one example per story. Its trigger is
the sentence's main predicate: the root of its parse, or, where the root is a verb of saying with a
clause of its own ("X said that Y attacked Z"), the verb of that clause (repeatedly). Features are
:func:`fogline.extract.event_model.features_at` of that word, read from fogline's own parse (the
spaCy model fogline ships).

Split: by headline template (the ``title`` column, 332 distinct; a template's 12+ stories never
straddle the split): a template is held out when CRC-32 of its text is a multiple of 5 (about a
fifth). The threshold and the mode threshold are chosen on the held-out fifth (never on PLOVER or
PETR2 GSR); the model written out is then refitted on all stories with the same settings.

Model: multinomial logistic regression, L2, full-batch gradient descent written in numpy (numpy
comes with spaCy; nothing else is needed), fixed iterations and step: the output is deterministic
for the same parse. Two heads over the same features: the PLOVER type (16 classes) and the
(type, mode) pair (NGEC's modes lower-cased, its spellings PRIMATIVE/SIEZE corrected; "no mode" is
a class of each type). Features seen fewer than ``MIN_COUNT`` times in training are dropped;
weights are rounded to ``DIGITS`` places and features whose weights all round to zero dropped.

The held-out report compares, on the same held-out lead sentences: the majority class; the pattern
coder (fogline's events of the sentence: the event on the trigger word, else the sentence's first
event; a sentence with none counts as wrong); and the classifier.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zipfile
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DATA = "data/training/ngec_synthetic_events.csv.zip"
MIN_COUNT = 3
L2 = 1e-3
STEP = 0.5
ITERATIONS = 400
DIGITS = 2
MODE_FIX = {"primative": "primitive", "sieze": "seize"}


def load_stories(shared: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(shared / DATA) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        text = z.read(name).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    out = []
    for r in rows:
        lead = r["text"].strip().split("\n")[0].strip()
        mode = (r["mode"] or "").strip().lower()
        out.append({"lead": lead, "type": r["label"].strip().upper(), "mode": MODE_FIX.get(mode, mode),
                    "title": r["title"]})
    return out


def held_out(title: str) -> bool:
    return zlib.crc32(title.encode("utf-8")) % 5 == 0


def parse_leads(stories, cache: Path | None):
    """One ParsedDocument per story (body = the story's first paragraph), read from ``cache`` (a
    spaCy DocBin this function writes) when it holds the same texts."""
    from spacy.tokens import DocBin

    from fogline.model import Document
    from fogline.nlp import ParsedDocument, load_model, parse_documents

    docs = [Document(source=f"ngec:{k}", body=s["lead"] or ".", kind="text") for k, s in enumerate(stories)]
    nlp = load_model()
    if cache is not None and cache.exists():
        sdocs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
        if len(sdocs) == len(docs) and all(sd.text == d.body for sd, d in zip(sdocs, docs)):
            out = []
            for d, sd in zip(docs, sdocs):
                sd.user_data["fogline_text"] = d.body
                out.append(ParsedDocument(d, {"body": sd}))
            return out
    with nlp.select_pipes(disable=[p for p in ("ner",) if p in nlp.pipe_names]):
        out = list(parse_documents(docs, nlp=nlp))  # the features read no entities; NER has its own tok2vec
    if cache is not None:
        db = DocBin(attrs=["ORTH", "LEMMA", "TAG", "POS", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "MORPH",
                           "SENT_START", "SPACY"])
        for p in out:
            db.add(p.parts["body"])
        cache.write_bytes(db.to_bytes())
    return out


def main_predicate(sent) -> int:
    """The index of the sentence's main predicate (:func:`fogline.extract.event_model.main_predicate`)."""
    from fogline.extract.event_model import main_predicate as mp

    return mp(sent.doc, (sent.start, sent.end), sent.root.i)


def examples(stories, parsed):
    from fogline.extract.event_model import features_at

    out = []
    for s, p in zip(stories, parsed):
        sd = p.parts["body"]
        sent = next(iter(sd.sents), None)
        if sent is None or not len(sent):
            out.append(None)
            continue
        i = main_predicate(sent)
        out.append({"feats": features_at(sd, i, (sent.start, sent.end)), "trigger": i, "sent_end": sent.end_char})
    return out


# --------------------------------------------------------------------------- the regression


def fit(X_rows, y, n_classes, vocab):
    """Multinomial logistic regression, L2 (not on the bias), full-batch gradient descent on the
    sparse binary features (deterministic)."""
    import numpy as np

    rows, cols = [], []
    for r, fs in enumerate(X_rows):
        for j in sorted({vocab[f] for f in fs if f in vocab}):
            rows.append(r)
            cols.append(j)
    n, F = len(X_rows), len(vocab)
    rows_a, cols_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    by_col = np.argsort(cols_a, kind="stable")
    col_starts = np.searchsorted(cols_a[by_col], np.arange(F))
    row_counts = np.bincount(rows_a, minlength=n)
    row_starts = np.minimum(np.searchsorted(rows_a, np.arange(n)), max(len(rows_a) - 1, 0))
    empty = row_counts == 0
    Y = np.zeros((n, n_classes))
    Y[np.arange(n), y] = 1.0
    W = np.zeros((F, n_classes))
    b = np.zeros(n_classes)
    for _ in range(ITERATIONS):
        Z = np.add.reduceat(W[cols_a], row_starts, axis=0)
        Z[empty] = 0.0
        Z += b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = P - Y
        GW = np.add.reduceat(G[rows_a[by_col]], col_starts, axis=0) if F else W
        W -= STEP * (GW / n + L2 * W)
        b -= STEP * G.mean(axis=0)
    return W, b


def vocabulary(rows) -> dict[str, int]:
    c = Counter(f for fs in rows for f in set(fs))
    return {f: j for j, f in enumerate(sorted(f for f, k in c.items() if k >= MIN_COUNT))}


def to_json_weights(W, b, vocab) -> tuple[dict[str, list[float]], list[float]]:
    weights = {}
    for f, j in vocab.items():
        row = [round(float(x), DIGITS) for x in W[j]]
        if any(row):
            weights[f] = row
    return weights, [round(float(x), DIGITS) for x in b]


def train_heads(rows, labels, types):
    """The type head over all rows, and for each type with more than one mode (NGEC's "no mode"
    is one) a mode head over that type's rows alone."""
    vocab = vocabulary(rows)
    tw, tb = fit(rows, [types.index(t) for t, _ in labels], len(types), vocab)
    t_weights, t_bias = to_json_weights(tw, tb, vocab)
    mode_heads = {}
    for t in types:
        mine = [(r, m) for r, (tt, m) in zip(rows, labels) if tt == t]
        modes = sorted({m for _, m in mine})
        if len(modes) < 2:
            continue
        mv = vocabulary([r for r, _ in mine])
        mw, mb = fit([r for r, _ in mine], [modes.index(m) for _, m in mine], len(modes), mv)
        w, bias = to_json_weights(mw, mb, mv)
        mode_heads[t] = {"modes": modes, "bias": bias, "weights": w}
    return {"types": types, "type_bias": t_bias, "type_weights": t_weights, "mode_heads": mode_heads}


def build_model(heads, threshold, mode_threshold, meta):
    from fogline.extract.event_model import EventModel

    data = dict(heads, threshold=threshold, mode_threshold=mode_threshold, meta=meta)
    return data, EventModel(data)


# --------------------------------------------------------------------------- held-out report


def macro_f1(gold, pred, labels) -> float:
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def pattern_codes(parsed, ex):
    """For each story, the pattern coder's (type, mode, trigger index) for its lead's main predicate:
    the event on the trigger word, else the first asserted event of the first sentence; None."""
    from fogline.extract import event_model, run_extractors

    event_model.ENABLED = False  # the patterns alone
    out = []
    for p, e in zip(parsed, ex):
        if e is None:
            out.append(None)
            continue
        run_extractors(p, ["actors", "events"])
        sd = p.parts["body"]
        evs = [v for v in p.doc.events if not v.negated and v.evidence.start < e["sent_end"]]
        on = [v for v in evs if v.trigger_span is not None and v.trigger_span.start == sd[e["trigger"]].idx]
        pick = (on or evs or [None])[0]
        out.append(None if pick is None else (pick.type, pick.mode, bool(on)))
    return out


def report(stories, ex, pat, model, idx) -> dict:
    """Held-out figures on stories ``idx`` (with a usable lead)."""
    gold = [stories[k]["type"] for k in idx]
    types = sorted(set(s["type"] for s in stories))
    majority = Counter(s["type"] for k, s in enumerate(stories) if k not in set(idx)).most_common(1)[0][0]
    preds = [model.predict(ex[k]["feats"]) for k in idx]
    clf = [t for t, _ in preds]
    patt = [(pat[k] or (None,))[0] for k in idx]
    n = len(idx)
    out = {
        "sentences": n,
        "majority": {"label": majority, "accuracy": round(sum(g == majority for g in gold) / n, 4),
                     "macro_f1": round(macro_f1(gold, [majority] * n, types), 4)},
        "patterns": {"accuracy": round(sum(g == p for g, p in zip(gold, patt)) / n, 4),
                     "macro_f1": round(macro_f1(gold, patt, types), 4),
                     "coded": round(sum(p is not None for p in patt) / n, 4),
                     "precision_where_coded": round(sum(g == p for g, p in zip(gold, patt) if p) /
                                                    max(1, sum(p is not None for p in patt)), 4)},
        "classifier": {"accuracy": round(sum(g == p for g, p in zip(gold, clf)) / n, 4),
                       "macro_f1": round(macro_f1(gold, clf, types), 4)},
    }
    # where the patterns code nothing: the classifier's precision by confidence
    unc = [(g, t, p) for g, (t, p), pt in zip(gold, preds, patt) if pt is None]
    out["uncoded"] = {"sentences": len(unc), "by_threshold": {}}
    for thr in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        kept = [(g, t) for g, t, p in unc if p >= thr]
        out["uncoded"]["by_threshold"][str(thr)] = {
            "added": len(kept), "precision": round(sum(g == t for g, t in kept) / len(kept), 4) if kept else None}
    # where the patterns code a type the classifier disagrees with
    dis = [(g, t, p, pt) for g, (t, p), pt in zip(gold, preds, patt) if pt is not None and pt != t]
    out["disagree"] = {"sentences": len(dis), "patterns_right": sum(g == pt for g, t, p, pt in dis),
                       "classifier_right": sum(g == t for g, t, p, pt in dis),
                       "by_threshold": {str(thr): {"n": len(k := [x for x in dis if x[2] >= thr]),
                                                    "patterns_right": sum(g == pt for g, t, p, pt in k),
                                                    "classifier_right": sum(g == t for g, t, p, pt in k)}
                                        for thr in (0.5, 0.6, 0.7, 0.8, 0.9)}}
    # modes: held-out stories whose pattern type is right and has modes (with a gold mode or with
    # none: a mode the model gives where the story has none is wrong)
    mode_rows = []
    for k in idx:
        s, pt = stories[k], pat[k]
        if pt is None or pt[0] != s["type"] or s["type"] not in model.mode_heads:
            continue
        m, q = model.mode_of(ex[k]["feats"], s["type"])
        mode_rows.append((s["mode"] or None, pt[1], m, q))
    # NGEC's empty mode is "unspecified" ("Hundreds Rally in Capital": PROTEST, no mode), not "no
    # mode applies", so a mode is scored only where the story has one, as PLOVER GSR scores it; the
    # criterion is the precision of the modes given (the patterns' own, and the model's fills).
    scored = [r for r in mode_rows if r[0] is not None]
    pat_given = [(g, p) for g, p, _, _ in scored if p is not None]
    mo = {"records": len(mode_rows), "with_gold_mode": len(scored),
          "patterns_accuracy": round(sum(g == p for g, p, _, _ in scored) / max(1, len(scored)), 4),
          "patterns_given": len(pat_given),
          "patterns_precision": round(sum(g == p for g, p in pat_given) / max(1, len(pat_given)), 4),
          "gold_none": sum(g is None for g, _, _, _ in mode_rows), "fill_by_threshold": {}}
    for thr in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        fills = [(g, m) for g, p, m, q in scored if p is None and m is not None and q >= thr]
        acc = sum(g == (p if p is not None else (m if m is not None and q >= thr else None))
                  for g, p, m, q in scored) / max(1, len(scored))
        mo["fill_by_threshold"][str(thr)] = {
            "fills": len(fills), "precision": round(sum(g == m for g, m in fills) / len(fills), 4) if fills else None,
            "accuracy": round(acc, 4),
            "fills_where_gold_none": sum(1 for g, p, m, q in mode_rows if g is None and p is None and m is not None
                                         and q >= thr)}
    out["modes_where_type_right"] = mo
    return out


def choose_threshold(rep: dict, target: float) -> float:
    """The least threshold at which the classifier's precision on sentences the patterns leave
    uncoded reaches ``target`` (the patterns' precision where they code); 1.0 (never) if none."""
    for thr, v in sorted(rep["uncoded"]["by_threshold"].items(), key=lambda kv: float(kv[0])):
        if v["precision"] is not None and v["precision"] >= target and v["added"] >= 5:
            return float(thr)
    return 1.0


def choose_mode_threshold(rep: dict) -> float:
    """The least threshold at which the model's fills are as precise as the patterns' own modes
    (on held-out stories with a gold mode); 1.0 (never) if none."""
    mo = rep["modes_where_type_right"]
    for thr, v in sorted(mo["fill_by_threshold"].items(), key=lambda kv: float(kv[0])):
        if v["precision"] is not None and v["precision"] >= mo["patterns_precision"] and v["fills"] >= 5:
            return float(thr)
    return 1.0


def prepare(shared: Path, cache: Path | None = None):
    """``(stories, examples, PLOVER types, usable story indices)``: the data every fit reads."""
    stories = load_stories(shared)
    parsed = parse_leads(stories, cache)
    ex = examples(stories, parsed)
    types = sorted(set(s["type"] for s in stories))
    usable = [k for k, e in enumerate(ex) if e is not None]
    return stories, parsed, ex, types, usable


def type_head(stories, ex, types, ks) -> tuple[dict[str, list[float]], list[float]]:
    """The type head's rounded weights and bias fitted on stories ``ks`` (as :func:`train_heads`)."""
    rows = [ex[k]["feats"] for k in ks]
    vocab = vocabulary(rows)
    W, b = fit(rows, [types.index(stories[k]["type"]) for k in ks], len(types), vocab)
    return to_json_weights(W, b, vocab)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src/fogline/resources/event_type_model.json")
    ap.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed leads (made when absent)")
    ap.add_argument("--report", type=Path, default=None, help="write the held-out figures here (JSON)")
    a = ap.parse_args(argv)

    stories, parsed, ex, types, usable = prepare(a.shared, a.cache)
    train = [k for k in usable if not held_out(stories[k]["title"])]
    test = [k for k in usable if held_out(stories[k]["title"])]

    def heads_for(ks):
        return train_heads([ex[k]["feats"] for k in ks], [(stories[k]["type"], stories[k]["mode"]) for k in ks],
                           types)

    _, held_model = build_model(heads_for(train), 1.0, 1.0, {})
    pat = [None] * len(stories)
    pt = pattern_codes([parsed[k] for k in test], [ex[k] for k in test])
    for k, v in zip(test, pt):
        pat[k] = v
    rep = report(stories, ex, pat, held_model, test)
    threshold = choose_threshold(rep, rep["patterns"]["precision_where_coded"])
    mode_threshold = choose_mode_threshold(rep)
    rep["chosen"] = {"threshold": threshold, "mode_threshold": mode_threshold}
    rep["split"] = {"train": len(train), "held_out": len(test), "templates_held_out":
                    len({stories[k]["title"] for k in test})}
    print(json.dumps(rep, indent=1))
    if a.report:
        a.report.write_text(json.dumps(rep, indent=1) + "\n")

    meta = {"trained_on": "NGEC synthetic stories (ahalterman/NGEC 787a06b), first sentence of each, "
                          f"{len(usable)} stories", "script": "scripts/train_event_types.py",
            "held_out": {"accuracy": rep["classifier"]["accuracy"], "macro_f1": rep["classifier"]["macro_f1"],
                         "patterns_accuracy": rep["patterns"]["accuracy"]},
            "settings": {"min_count": MIN_COUNT, "l2": L2, "step": STEP, "iterations": ITERATIONS}}
    heads = heads_for(usable)
    if mode_threshold >= 1.0:
        heads["mode_heads"] = {}  # no safe threshold on the held-out stories: the mode heads are never used
    data, _ = build_model(heads, threshold, mode_threshold, meta)
    a.out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"wrote {a.out} ({a.out.stat().st_size} bytes, {len(data['type_weights'])} type features, "
          f"{sum(len(h['weights']) for h in data['mode_heads'].values())} mode features)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Score fogline's claims on the held-out fifth of PolNeAR's TRAINING split (never dev).

    .venv/bin/python scripts/score_claims_train.py --shared ../shared --cache train.spacy \
        [--cue-model held.json] [--span held_span.json] [--neural tagger.npz|off] [--set NAME=VALUE ...]

The articles of ``<shared>/data/claims/polnear/train`` whose index in name order is a multiple of
5 (the fifth the cue models hold out) are read from the parse cache
(:func:`fogline.eval.claim_sets.parsed_polnear_train`), fogline's claims extractor run on them, and
the predictions scored as ``fogline eval claims`` scores PolNeAR dev (fogline.eval.claims:
per-role exact/overlap/token, whole attribution). ``--cue-model``/``--span``: use these model files
(the ones fitted on the other four fifths, from ``--fit-out``) instead of the shipped ones;
``--neural``: the neural attribution tagger's file (``off``: the sparse cue model);
``--set``: override a module constant of fogline.extract.claims (``NEW_CUE_THRESHOLD=0.4``) to
compare settings. This is the tuning ground for how the extractor uses its learnt models; figures
from it are on training data the settings were chosen on.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--cache", required=True)
    ap.add_argument("--span")
    ap.add_argument("--cue-model", help="the word-level cue model to use (scripts/train_cue_model.py --fit-out)")
    ap.add_argument("--neural", help="the neural attribution tagger's file to use (scripts/train_attribution_tagger.py; "
                                     "'off' for the sparse cue model)")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)

    from fogline.eval import claims as E
    from fogline.eval.claim_sets import parsed_polnear_train
    from fogline.extract import claims as CL
    from fogline.extract import cue_span
    from fogline.model import Document
    from fogline.nlp import CASE_CHECKED, ParsedDocument

    for kv in a.set:
        k, _, v = kv.partition("=")
        setattr(CL, k, json.loads(v))
    if a.neural:
        from fogline.extract import neural_tagger

        if a.neural == "off":
            CL.NEURAL_CUES = False
        else:
            neural_tagger.MODEL_FILE = str(Path(a.neural).resolve())
    if a.cue_model:
        cm = cue_span.logistic_from(json.loads(Path(a.cue_model).read_text()))
        CL.cue_model = lambda: cm
    if a.span:
        sm = cue_span.logistic_from(json.loads(Path(a.span).read_text()))
        cue_span.span_model = lambda: sm

    docs, sdocs = parsed_polnear_train(Path(a.shared), a.cache)
    held = [k for k in range(len(docs)) if k % 5 == 0]
    predicted = {"fogline": {}}
    for k in held:
        d, sd = docs[k], sdocs[k]
        sd.user_data["fogline_text"] = d.text
        sd.user_data[CASE_CHECKED] = True
        p = ParsedDocument(Document(source=f"polnear:{d.id}", body=d.text, kind="text"), {"body": sd},
                           texts={"body": d.text})
        CL.extract_claims(p)
        predicted["fogline"][d.id] = E.fogline_preds(p.doc)
    res = E.score_polnear([docs[k] for k in held], predicted)["fogline"]
    r = res["roles"]
    if a.json:
        print(json.dumps(res))
    print("held-out fifth of train: source tok {:.4f} | cue tok {:.4f} (P {:.4f} R {:.4f}) exact {:.4f} | content tok "
          "{:.4f} | whole {:.4f} (P {:.4f} R {:.4f})".format(
              r["source"]["token"]["f1"], r["cue"]["token"]["f1"], r["cue"]["token"]["precision"],
              r["cue"]["token"]["recall"], r["cue"]["exact"]["f1"], r["content"]["token"]["f1"],
              res["attribution"]["f1"], res["attribution"]["precision"], res["attribution"]["recall"])
          + " | whole, word-token cues only (the old rule) {:.4f}".format(res["attribution_word_cues"]["f1"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

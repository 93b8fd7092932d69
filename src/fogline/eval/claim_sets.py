"""Loaders for the claim gold sets in ``<shared>/data/claims``: PolNeAR (brat standoff) and Emergent.

PolNeAR: each article is ``text/<name>.txt`` with ``attributions/<name>.ann``. ``T`` lines are
spans (``T3<TAB>Content 315 448;463 553<TAB>text``: discontinuous fragments joined with ``;``;
the span text may run over several lines, so an entry starts only on a line matching
``^[TE#]\\d+<TAB>``); ``E`` lines link a Cue, Content and (unless the attribution is
``Attribution-no-source``) a Source into one attribution. ``Discard``/``Discuss`` spans are not
attributions and are ignored. Offsets index the ``.txt`` file exactly, read with ``newline=""``
(no newline translation). Annotation files are ``attributions/<name>_<annotator>.ann``; an
article annotated by several annotators (two in dev, six each) is scored against the first
annotator's file in name order.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

POLNEAR_DIR = Path("data") / "claims" / "polnear"
EMERGENT_FILE = Path("data") / "claims" / "emergent" / "url-versions-2015-06-14-clean-train.csv"

Frags = tuple[tuple[int, int], ...]
_ENTRY = re.compile(r"^([TE#]\d+)\t", re.M)


@dataclass(frozen=True)
class GoldAttribution:
    id: str
    cue: Frags
    content: Frags
    source: Frags | None = None     # None: an attribution with no source


@dataclass
class BratDoc:
    id: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


@dataclass(frozen=True)
class EmergentRow:
    id: str
    claim_id: str
    claim: str
    headline: str
    stance: str                     # for / against / observing


def _frags(spec: str) -> Frags:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(ann: str, text: str | None = None, doc_id: str = "") -> tuple[list[GoldAttribution], list[str]]:
    """Attributions of one ``.ann`` file, and problems found (unknown references, span texts that
    differ from the ``.txt``)."""
    problems: list[str] = []
    spans: dict[str, tuple[str, Frags]] = {}
    events: list[tuple[str, str, dict[str, str]]] = []
    starts = [m.start() for m in _ENTRY.finditer(ann)] + [len(ann)]
    for a, b in zip(starts, starts[1:]):
        entry = ann[a:b].rstrip("\n")
        key, _, rest = entry.partition("\t")
        if key.startswith("T"):
            head, _, stext = rest.partition("\t")
            label, _, spec = head.partition(" ")
            try:
                frags = _frags(spec)
            except ValueError:
                problems.append(f"{doc_id} {key}: bad offsets {spec!r}")
                continue
            spans[key] = (label, frags)
            if text is not None:
                got = " ".join(text[s:e] for s, e in frags)
                if " ".join(got.split()) != " ".join(stext.split()):
                    problems.append(f"{doc_id} {key}: span text differs from the .txt")
        elif key.startswith("E"):
            args = rest.split()
            if not args:
                continue
            kind = args[0].split(":", 1)[0]
            roles = dict(a.split(":", 1) for a in args[1:] if ":" in a)
            events.append((key, kind, roles))
    out = []
    for key, kind, roles in events:
        if not kind.startswith("Attribution"):
            continue
        got: dict[str, Frags] = {}
        for role in ("Cue", "Content", "Source"):
            ref = roles.get(role)
            if ref is None:
                continue
            if ref not in spans:
                problems.append(f"{doc_id} {key}: {role} refers to unknown {ref}")
                continue
            got[role] = spans[ref][1]
        if "Cue" not in got or "Content" not in got:
            problems.append(f"{doc_id} {key}: no cue or no content")
            continue
        out.append(GoldAttribution(key, got["Cue"], got["Content"], got.get("Source")))
    return out, problems


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def load_polnear(root: Path, split: str = "dev", limit: int | None = None) -> tuple[list[BratDoc], dict[str, object]]:
    """Articles of a PolNeAR split (sorted by name; ``limit`` keeps an evenly spaced subset)."""
    from .event_sets import spread

    d = Path(root) / split
    names = sorted(p.stem for p in (d / "text").glob("*.txt"))
    names = spread(names, limit)
    docs, problems, multi = [], [], []
    for name in names:
        text = _read(d / "text" / f"{name}.txt")
        anns = sorted((d / "attributions").glob(f"{name}_*.ann"))
        if len(anns) > 1:
            multi.append(f"{name}: {len(anns)} annotators, used {anns[0].stem[len(name) + 1:]}")
        ann = _read(anns[0]) if anns else ""
        atts, probs = parse_ann(ann, text, name)
        problems += probs
        docs.append(BratDoc(name, text, atts))
    n_att = sum(len(x.attributions) for x in docs)
    notes = {"articles": len(docs), "attributions": n_att,
             "no_source": sum(1 for x in docs for a in x.attributions if a.source is None),
             "discontinuous": sum(1 for x in docs for a in x.attributions
                                  for f in (a.cue, a.content, a.source or ()) if len(f) > 1),
             "multiply_annotated": multi, "problems": problems}
    return docs, notes


def parsed_polnear_train(shared: Path, cache: str | None = None, tensors: bool = False) -> tuple[list[BratDoc], list]:
    """PolNeAR's training split and its spaCy parses, for the scripts that learn from it
    (scripts/learn_attribution_cues.py, scripts/train_cue_model.py). ``cache``: a DocBin of the
    parses, read when it exists and written when it does not; the parses' ``Doc.tensor`` (which
    a DocBin drops) is written beside it as ``<cache>.tensors.npz`` and, with ``tensors``, read
    back (a cache without it is parsed again)."""
    from spacy.tokens import DocBin

    from ..nlp import load_model

    docs, _notes = load_polnear(Path(shared) / POLNEAR_DIR, "train", None)
    nlp = load_model()
    tens = Path(str(cache) + ".tensors.npz") if cache else None
    if cache and Path(cache).exists() and (not tensors or tens.exists()):
        sdocs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if tensors:
            # a DocBin does not keep ``Doc.tensor`` (the tok2vec output): it is kept beside it
            import numpy as np

            with np.load(tens) as z:
                for k, sd in enumerate(sdocs):
                    sd.tensor = z[f"d{k}"]
    else:
        sdocs = list(nlp.pipe((d.text for d in docs), batch_size=16))
        if cache:
            db = DocBin()
            for sd in sdocs:
                db.add(sd)
            db.to_disk(cache)
            import numpy as np

            np.savez_compressed(str(tens), **{f"d{k}": sd.tensor.astype("float32") for k, sd in enumerate(sdocs)})
    if len(sdocs) != len(docs):
        raise SystemExit("cache does not match the training split")
    return docs, sdocs


def load_emergent(path: Path, limit: int | None = None) -> list[EmergentRow]:
    """Rows of Emergent's training split (``limit``: an evenly spaced subset)."""
    from .event_sets import spread

    rows = []
    with Path(path).open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rows.append(EmergentRow(id=r.get("articleId") or r.get("") or str(len(rows)), claim_id=r["claimId"],
                                    claim=r["claimHeadline"].strip(), headline=r["articleHeadline"].strip(),
                                    stance=r["articleHeadlineStance"].strip().lower()))
    return spread(rows, limit)


def held_out_claims(shared: Path, cache: str | None = None):
    """The held-out fifth of PolNeAR's training split (articles whose index in name order is a
    multiple of 5) run through fogline's claims extractor as it is configured at the call, one
    article at a time: (BratDoc, its spaCy parse, the ParsedDocument with claims and silences
    filled). For the scripts that tune on that fifth (scripts/score_claims_train.py,
    scripts/train_claim_filter.py)."""
    from ..extract.claims import extract_claims
    from ..model import Document
    from ..nlp import CASE_CHECKED, ParsedDocument

    docs, sdocs = parsed_polnear_train(shared, cache)
    for k in range(0, len(docs), 5):
        d, sd = docs[k], sdocs[k]
        sd.user_data["fogline_text"] = d.text
        sd.user_data[CASE_CHECKED] = True
        p = ParsedDocument(Document(source=f"polnear:{d.id}", body=d.text, kind="text"), {"body": sd},
                           texts={"body": d.text})
        extract_claims(p)
        yield d, sd, p

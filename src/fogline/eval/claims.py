"""Claim quality: fogline's claims against PolNeAR and its stance tracking against Emergent
(``fogline eval claims``).

**PolNeAR dev** (``polnear_*``; 84 political news articles, 2,192 gold attributions; see
:mod:`fogline.eval.claim_sets`). Each article's ``.txt`` goes in whole as the body of one document,
so predicted spans index the ``.txt`` exactly as the gold does (checked: every body equals its
file). All articles are parsed in one ``nlp.pipe`` pass; fogline's extractors and both baselines
read the same parse:

* ``fogline``: the claims fogline extracts (``speaker_span``/``cue_span``/``content_span``; one
  prediction per distinct triple of spans: a claim made by two actors counts once);
* ``textacy``: ``textacy.extract.triples.direct_quotations`` (textacy 0.13.0), run on the whole
  article; when it refuses one (an odd number of quotation marks), it is run paragraph by
  paragraph, paragraphs that are still odd yielding nothing;
* ``rule``: a plain dependency rule: every verb whose lemma is one of textacy's English reporting
  verbs (``textacy.constants.REPORTING_VERBS``, copied in :data:`SAYING_VERBS`) and which has a
  ``ccomp`` child: source = the subtree of its ``nsubj`` (none if it has none), cue = the verb,
  content = the ``ccomp``'s subtree.

PolNeAR annotates only the outermost of nested attributions ("No nested attributions" in its
guidelines: in "X criticized Y for saying that Z" only X's counts), so for every system an
attribution whose cue lies inside another predicted attribution's content is left out before
scoring (:func:`outermost`; fogline still reports it as a claim). fogline's content is its
``content_span`` plus ``content_more`` (a quotation continued after its cue, the two halves of a
clause a parenthetical cue interrupts).

Spans are compared as sets of word tokens (maximal ``\\w+`` runs of the ``.txt``; a token belongs
to a span when it overlaps one of its fragments), so punctuation and quotation marks at the edges
do not count, and discontinuous gold spans are the union of their fragments. Per role (source,
cue, content), over distinct spans (gold: one per attribution that has that role; predictions: one
per distinct predicted span), micro over all articles:

* ``exact``: a predicted span matches a gold span with the same token set; P = matches /
  predicted spans, R = matches / gold spans, F1 their harmonic mean;
* ``overlap``: gold and predicted spans paired one-to-one, greedily by the number of shared
  tokens (largest first, ties in text order; only pairs sharing a token); span P/R/F1 = pairs /
  predicted, pairs / gold;
* ``token``: over the same pairs, token P = sum of shared tokens / sum of tokens of *all*
  predicted spans, token R = sum of shared tokens / sum of tokens of *all* gold spans (unpaired
  spans count in full), F1 their harmonic mean. This is the soft, token-level measure PolNeAR's
  authors report beside exact match (Newell et al. 2018; after Pareti's PARC work).

**Whole attribution** (``*_attribution_f1``): a prediction matches a gold attribution when their
cues share a token, their contents share at least half the tokens of *each* of the two contents
(``|g & p| >= 0.5 * max(|g|, |p|)``), and either both have a source and the sources share a token
or neither has a source. Matching is one-to-one (maximum bipartite); P = matches / predictions,
R = matches / gold attributions. A cue of punctuation only (PolNeAR marks the colon of "Gingrich:
Trump must decide" as the cue; 47 dev and 168 train attributions) has no word token: where either
cue has none, the cues match when their characters overlap (ninth claims session; before it such
a gold attribution could match nothing, for any system: ``*_attribution_word_cues_f1`` keeps that
old figure beside the new one). The per-role cue scores still leave punctuation-only cues out.

**Emergent** (``emergent_*``; training split, 2,071 headline-claim pairs over 240 claims; its test
split is not in ../shared, so a fixed fifth of the claims, sha1(claim id) % 5 == 0, is held out of
tuning and reported on its own as ``emergent_held_out_accuracy``): for each
claim, :func:`fogline.situation.track.track` is run on its headlines (each a document whose title
is the headline, with no body); the document's ``stance`` is compared with the gold stance
(``for``/``against``/``observing``; ``unrelated`` predictions count as wrong). Accuracy, per-class
P/R/F1 and macro F1; majority-class accuracy is reported for reference.
"""
from __future__ import annotations

import bisect
import hashlib
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..shared import SharedMissing
from .claim_sets import (
    EMERGENT_FILE,
    POLNEAR_DIR,
    BratDoc,
    EmergentRow,
    Frags,
    GoldAttribution,
    load_emergent,
    load_polnear,
)
from .events import max_matching, prf

if TYPE_CHECKING:
    from spacy.tokens import Doc

SETS = ("polnear", "emergent")
SYSTEMS = ("fogline", "textacy", "rule")
ROLES = ("source", "cue", "content")
# Sample sizes: the whole of both sets (PolNeAR dev ~67k words, Emergent 2,071 short headlines)
# runs in about a minute on two busy cores; ``limit`` caps both (evenly spaced).
POLNEAR_DOCS: int | None = None
EMERGENT_ROWS: int | None = None
STANCES = ("for", "against", "observing")

# textacy 0.13.0's English REPORTING_VERBS (textacy.constants), for the plain rule baseline.
SAYING_VERBS = frozenset("""according accuse acknowledge add admit agree allege announce argue ask assert believe blame
charge cite claim complain concede conclude confirm contend criticize declare decline deny describe disagree disclose
estimate explain fear hope insist maintain mention note observe order predict promise recall recommend reply report
say state stress suggest tell testify think urge warn worry write""".split())

_WORD = re.compile(r"\w+")
# A predicted cue inside a quotation is nested in the quotation's attribution and could be left out
# like one inside a predicted content (:func:`outermost`; True: every quotation, "owned": only one a
# predicted content reaches into). Off: on PolNeAR dev it lifts whole attribution 0.6186 -> 0.6226,
# cue-token F1 0.6252 -> 0.6302 and source-token 0.7335 -> 0.7360 but lowers content-token F1 0.7993 ->
# 0.7957 (a nested claim's content, "“... I think [X] ...”", shares tokens with a gold quotation whose
# own attribution fogline missed); on PolNeAR train (all 840 articles) 293 predicted cues lie inside a
# quotation, 28 of them inside a gold cue, 8 matching a whole gold attribution.
QUOTED_NESTED: bool | str = False


@dataclass(frozen=True)
class Pred:
    """One predicted attribution: character fragments per role (source None: no source)."""

    cue: Frags
    content: Frags
    source: Frags | None = None


# --------------------------------------------------------------------------- tokens


class Tokens:
    """Word tokens (``\\w+`` runs) of one text, for turning character fragments into token sets."""

    def __init__(self, text: str) -> None:
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def of(self, frags: Frags | None) -> frozenset[int]:
        if not frags:
            return frozenset()
        out: set[int] = set()
        for a, b in frags:
            # tokens overlapping [a, b): end > a and start < b
            i = bisect.bisect_right(self.ends, a)
            while i < len(self.starts) and self.starts[i] < b:
                out.add(i)
                i += 1
        return frozenset(out)


# --------------------------------------------------------------------------- scoring


def pair_by_overlap(gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]]) -> list[tuple[int, int, int]]:
    """One-to-one pairs (gold index, predicted index, shared tokens), greedily by shared tokens."""
    cands = [(len(g & p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if g & p]
    cands.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for n, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, n))
    return out


class RoleCounts:
    """Counts behind the exact / overlap / token measures of one role, summed over articles."""

    def __init__(self) -> None:
        self.c: Counter[str] = Counter()

    def add(self, gold: Iterable[frozenset[int]], pred: Iterable[frozenset[int]]) -> None:
        g = list(dict.fromkeys(x for x in gold if x))
        p = list(dict.fromkeys(x for x in pred if x))
        self.c["gold"] += len(g)
        self.c["pred"] += len(p)
        self.c["exact"] += len(set(g) & set(p))
        pairs = pair_by_overlap(g, p)
        self.c["pairs"] += len(pairs)
        self.c["shared_tokens"] += sum(n for _, _, n in pairs)
        self.c["gold_tokens"] += sum(len(x) for x in g)
        self.c["pred_tokens"] += sum(len(x) for x in p)

    def scores(self) -> dict[str, Any]:
        c = self.c
        return {"exact": prf(c["exact"], c["pred"], c["gold"]),
                "overlap": prf(c["pairs"], c["pred"], c["gold"]),
                "token": prf(c["shared_tokens"], c["pred_tokens"], c["gold_tokens"]),
                "gold": c["gold"], "predicted": c["pred"]}


def attribution_matches(g: GoldAttribution, p: Pred, toks: Tokens, punct_cues: bool = True) -> bool:
    """The whole-attribution rule (module notes). ``punct_cues=False``: the rule before the ninth
    claims session, under which a cue of punctuation only (no word token) never matched."""
    gt, pt = toks.of(g.cue), toks.of(p.cue)
    if not gt & pt and not (punct_cues and (not gt or not pt) and _frags_overlap(g.cue, p.cue)):
        return False
    gc, pc = toks.of(g.content), toks.of(p.content)
    if not gc or not pc or len(gc & pc) < 0.5 * max(len(gc), len(pc)):
        return False
    gs, ps = toks.of(g.source), toks.of(p.source)
    if not gs and not ps:
        return True
    return bool(gs & ps)


def _frags_overlap(a: Frags, b: Frags) -> bool:
    return any(x < y2 and x2 < y for x, y in a for x2, y2 in b)


def score_article(gold: Sequence[GoldAttribution], preds: Sequence[Pred], text: str,
                  roles: dict[str, RoleCounts], whole: Counter[str]) -> int:
    """Add one article's counts to ``roles`` and ``whole``; returns its attribution matches."""
    toks = Tokens(text)
    preds = list(dict.fromkeys(preds))
    for role in ROLES:
        roles[role].add((toks.of(getattr(a, role)) for a in gold), (toks.of(getattr(p, role)) for p in preds))
    m = max_matching(len(gold), len(preds), lambda i, j: attribution_matches(gold[i], preds[j], toks))
    whole["gold"] += len(gold)
    whole["pred"] += len(preds)
    whole["match"] += m
    whole["match_word_cues"] += max_matching(
        len(gold), len(preds), lambda i, j: attribution_matches(gold[i], preds[j], toks, punct_cues=False))
    return m


def score_polnear(docs: Sequence[BratDoc], predicted: dict[str, dict[str, list[Pred]]]) -> dict[str, Any]:
    """``predicted[system][doc id]`` -> per system: per-role scores and whole-attribution P/R/F1."""
    out: dict[str, Any] = {}
    for system, by_doc in predicted.items():
        roles = {r: RoleCounts() for r in ROLES}
        whole: Counter[str] = Counter()
        for d in docs:
            score_article(d.attributions, outermost(list(dict.fromkeys(by_doc.get(d.id, []))),
                                                    d.text if QUOTED_NESTED else None), d.text,
                          roles, whole)
        out[system] = {"roles": {r: roles[r].scores() for r in ROLES},
                       "attribution": prf(whole["match"], whole["pred"], whole["gold"]),
                       "attribution_word_cues": prf(whole["match_word_cues"], whole["pred"], whole["gold"]),
                       "predicted": whole["pred"], "gold": whole["gold"]}
    return out


def score_stance(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Accuracy, per-class P/R/F1 (classes :data:`STANCES`), macro F1, confusion counts."""
    n = len(gold)
    per = {}
    for s in STANCES:
        tp = sum(1 for g, p in zip(gold, pred) if g == s and p == s)
        per[s] = prf(tp, sum(1 for p in pred if p == s), sum(1 for g in gold if g == s))
    majority = Counter(gold).most_common(1)[0] if gold else ("-", 0)
    return {"rows": n, "accuracy": round(sum(1 for g, p in zip(gold, pred) if g == p) / n, 4) if n else 0.0,
            "per_class": per, "macro_f1": round(sum(per[s]["f1"] for s in STANCES) / len(STANCES), 4),
            "majority": {"class": majority[0], "accuracy": round(majority[1] / n, 4) if n else 0.0},
            "confusion": {f"{g}->{p}": c for (g, p), c in sorted(Counter(zip(gold, pred)).items())},
            "predicted": dict(Counter(pred))}


# --------------------------------------------------------------------------- predictors


def _runs(idxs: Iterable[int], doc: Doc) -> Frags:
    """Character fragments of token indices (contiguous tokens joined)."""
    out: list[list[int]] = []
    last = None
    for i in sorted(set(idxs)):
        t = doc[i]
        if last is not None and i == last + 1:
            out[-1][1] = t.idx + len(t)
        else:
            out.append([t.idx, t.idx + len(t)])
        last = i
    return tuple((a, b) for a, b in out)


def fogline_preds(document: Any) -> list[Pred]:
    out = []
    for c in document.claims:
        if c.cue_span.part != "body":
            continue
        sp = c.speaker_span
        content = [(c.content_span.start, c.content_span.end)]
        content += [(m.start, m.end) for m in getattr(c, "content_more", ()) if m.part == "body"]
        out.append(Pred(cue=((c.cue_span.start, c.cue_span.end),), content=tuple(sorted(content)),
                        source=((sp.start, sp.end),) if sp is not None and sp.part == "body" else None))
    return list(dict.fromkeys(out))


def _inside(frags: Frags, outer: Frags) -> bool:
    return all(any(a <= s and e <= b for a, b in outer) for s, e in frags)


def outermost(preds: list[Pred], text: str | None = None) -> list[Pred]:
    """PolNeAR annotates only the outermost of nested attributions (its guidelines: "No nested
    attributions": in "X criticized Y for saying that Z" only X's counts): an attribution whose
    cue lies inside another's content is left out of the comparison (fogline keeps it as a claim).
    With ``text``, so is one whose cue lies inside a quotation ("“I think we can win,” she said":
    the guidelines put everything within quotation marks in the content of the attribution the
    quotation belongs to), whether or not that outer attribution was predicted."""
    quotes = _quote_spans(text) if text else ()
    if QUOTED_NESTED == "owned":
        # only a quotation some other predicted attribution's content reaches into
        quotes = tuple(r for r in quotes if any(_overlaps(q.content, r) for q in preds))
    return [p for p in preds if not any(q is not p and _inside(p.cue, q.content) and not _inside(q.cue, p.content)
                                         for q in preds) and not _inside(p.cue, quotes)]


def _overlaps(frags: Frags, r: tuple[int, int]) -> bool:
    return any(a < r[1] and r[0] < b for a, b in frags)


def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The quotations of ``text`` as fogline's claims extractor finds them
    (:func:`fogline.extract.claims.quote_regions`), without their quotation marks."""
    from ..extract.claims import quote_regions

    return tuple((a + 1, b - 1) for a, b in quote_regions(text) if b - a > 2)


def rule_preds(doc: Doc) -> list[Pred]:
    """The plain rule baseline (module notes)."""
    out = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SAYING_VERBS:
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if comp is None:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        out.append(Pred(cue=_runs([tok.i], doc), content=_runs((t.i for t in comp.subtree), doc),
                        source=_runs((t.i for t in subj.subtree), doc) if subj is not None else None))
    return out


def textacy_preds(doc: Doc) -> tuple[list[Pred], bool]:
    """textacy's direct quotations; (predictions, whether the per-paragraph fallback was used)."""
    from textacy.extract.triples import direct_quotations

    def triples(d: Doc, offset: int) -> list[Pred]:
        out = []
        for t in direct_quotations(d):
            out.append(Pred(cue=_shift(_runs((x.i for x in t.cue), d), offset),
                            content=_shift(_runs(range(t.content.start, t.content.end), d), offset),
                            source=_shift(_runs((x.i for x in t.speaker), d), offset)))
        return out

    try:
        return triples(doc, 0), False
    except ValueError:
        pass
    out: list[Pred] = []
    text = doc.text
    start = 0
    for m in list(re.finditer(r"\n+", text)) + [None]:
        end = m.start() if m is not None else len(text)
        span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
        if span is not None and len(span):
            try:
                out += triples(span.as_doc(), span.start_char)
            except ValueError:
                pass
        start = m.end() if m is not None else len(text)
    return out, True


def _shift(frags: Frags, offset: int) -> Frags:
    return tuple((a + offset, b + offset) for a, b in frags)


# --------------------------------------------------------------------------- running


def claims_dir(shared: Path) -> Path:
    d = Path(shared) / "data" / "claims"
    if not d.is_dir():
        raise SharedMissing(f"claim gold sets not found: {d} is missing")
    return d


def _have_textacy() -> bool:
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError:
        return False
    return True


def _run_extractors(parsed: Any, doc_id: str) -> list[str]:
    """Every extractor, in order; one that fails on an article is recorded and the rest go on (an
    eval run should measure, not stop on one bad article)."""
    from ..extract import EXTRACTORS

    errors = []
    for name, fn in EXTRACTORS.items():
        try:
            fn(parsed)
        except Exception as e:  # noqa: BLE001
            errors.append(f"{doc_id}: {name} extractor raised {type(e).__name__}: {str(e)[:80]}")
    return errors


def run_polnear(shared: Path, limit: int | None = None, n_process: int = 1,
                taggers: Sequence[str] | None = None) -> dict[str, Any]:
    """PolNeAR dev scored for each of ``taggers`` (default: the one in use), all on one parse;
    returns the result of the first, with ``by_tagger`` holding each one's when there are several."""
    import copy

    from ..extract import prepare_parts
    from ..model import Document
    from ..nlp import ParsedDocument, parse_documents

    root = Path(shared) / POLNEAR_DIR
    if not root.is_dir():
        raise SharedMissing(f"PolNeAR not found: {root} is missing")
    taggers = list(taggers or [cue_tagger_in_use()])
    docs, notes = load_polnear(root, "dev", limit if limit is not None else POLNEAR_DOCS)
    baselines = ["rule"] + (["textacy"] if _have_textacy() else [])
    fogline: dict[str, dict[str, list[Pred]]] = {t: {} for t in taggers}
    predicted: dict[str, dict[str, list[Pred]]] = {s: {} for s in baselines}
    timing: Counter[str] = Counter()
    fallback = 0
    mismatched = 0
    errors: dict[str, list[str]] = {t: [] for t in taggers}
    t0 = time.perf_counter()
    inputs = [Document(source=f"polnear:{d.id}", body=d.text, kind="text") for d in docs]

    def prepare(parts: list) -> None:   # the neural tagger, batched over parts: timed on its own
        t = time.perf_counter()
        with using_tagger("neural" if "neural" in taggers else taggers[0]):
            prepare_parts(parts)
        timing["prepare"] += time.perf_counter() - t

    for d, parsed in zip(docs, parse_documents(inputs, n_process=n_process, prepare=prepare)):
        if parsed.doc.body != d.text:
            mismatched += 1
        fresh = copy.deepcopy(parsed.doc) if len(taggers) > 1 else None
        for k, name in enumerate(taggers):
            # every tagger's extractors start from the same parse and an untouched document
            p = parsed if k == 0 else ParsedDocument(copy.deepcopy(fresh), parsed.parts, texts=parsed.texts)
            t1 = time.perf_counter()
            with using_tagger(name):
                errors[name] += _run_extractors(p, d.id)
            timing[f"extractors ({name})" if len(taggers) > 1 else "extractors"] += time.perf_counter() - t1
            fogline[name][d.id] = fogline_preds(p.doc)
        sdoc = parsed.parts.get("body")
        if sdoc is None:
            continue
        t2 = time.perf_counter()
        predicted["rule"][d.id] = rule_preds(sdoc)
        t3 = time.perf_counter()
        timing["rule"] += t3 - t2
        if "textacy" in predicted:
            preds, fb = textacy_preds(sdoc)
            predicted["textacy"][d.id] = preds
            fallback += fb
            timing["textacy"] += time.perf_counter() - t3
    total = time.perf_counter() - t0
    out: dict[str, Any] = {}
    for name in taggers:
        res: dict[str, Any] = {"systems": score_polnear(docs, {"fogline": fogline[name], **predicted})}
        res["articles"] = len(docs)
        res["words"] = sum(len(d.text.split()) for d in docs)
        res["gold_notes"] = notes
        res["body_mismatches"] = mismatched
        res["extractor_errors"] = errors[name]
        res["textacy"] = ("textacy 0.13.0 direct_quotations" if "textacy" in predicted
                          else "textacy not installed: baseline skipped")
        res["textacy_paragraph_fallback"] = fallback
        res["seconds_by_step"] = {"parse": round(total - sum(timing.values()), 2),
                                  **{k: round(v, 2) for k, v in timing.items() if v}}
        out[name] = res
    first = out[taggers[0]]
    if len(taggers) > 1:
        first = {**first, "by_tagger": out}
    return first


def held_out(row: EmergentRow) -> bool:
    """The fifth of Emergent's training claims kept out of tuning: sha1(claim id) % 5 == 0."""
    return int(hashlib.sha1(row.claim_id.encode()).hexdigest(), 16) % 5 == 0


def run_emergent(shared: Path, limit: int | None = None, n_process: int = 1) -> dict[str, Any]:
    from ..model import Document
    from ..situation.track import track

    path = Path(shared) / EMERGENT_FILE
    if not path.exists():
        raise SharedMissing(f"Emergent not found: {path} is missing")
    rows = load_emergent(path, limit if limit is not None else EMERGENT_ROWS)
    by_claim: dict[str, list[EmergentRow]] = defaultdict(list)
    for r in rows:
        by_claim[r.claim].append(r)
    pred: dict[int, str] = {}
    index = {id(r): i for i, r in enumerate(rows)}
    for claim, group in by_claim.items():
        docs = [Document(source=f"emergent:{r.id}", title=r.headline, body="", kind="text") for r in group]
        res = track(claim, docs, n_process=n_process)
        for r, d in zip(group, res["documents"]):
            pred[index[id(r)]] = d["stance"]
    gold = [r.stance for r in rows]
    preds = [pred.get(i, "unrelated") for i in range(len(rows))]
    out = score_stance(gold, preds)
    # Emergent's test split is not in ../shared; tuning looked at the training split, so a fixed
    # fifth of its claims (by hash of the claim id) is held out and scored on its own.
    held = [held_out(r) for r in rows]
    for name, keep in (("held_out", True), ("tuning", False)):
        sel = [i for i, h in enumerate(held) if h == keep]
        part = score_stance([gold[i] for i in sel], [preds[i] for i in sel])
        out[name] = {"rows": part["rows"], "claims": len({rows[i].claim_id for i in sel}),
                     "accuracy": part["accuracy"], "macro_f1": part["macro_f1"]}
    out["claims"] = len(by_claim)
    out["gold_counts"] = dict(Counter(gold))
    # example misses from the tuning rows only: the held-out fifth is never read
    out["misses"] = [{"claim": r.claim[:80], "headline": r.headline[:100], "gold": r.stance, "predicted": p}
                     for r, p, h in zip(rows, preds, held) if r.stance != p and not h][:: max(1, len(rows) // 40)][:8]
    return out


TAGGERS = ("neural", "sparse")


def cue_tagger_in_use() -> str:
    """Which model scores cue words: ``neural`` (the attribution extra's tagger,
    extract/neural_tagger.py) or ``sparse`` (resources/cue_model.json, the default install's)."""
    from ..extract import claims as cl
    from ..extract.neural_tagger import tagger

    return "neural" if cl.NEURAL_CUES and tagger() is not None else "sparse"


@contextmanager
def using_tagger(name: str) -> Iterator[None]:
    """Within the block, the claims extractor scores cue words with ``name`` (:data:`TAGGERS`);
    ValueError for another name, or for ``neural`` without the attribution extra."""
    from ..extract import claims as cl
    from ..extract.neural_tagger import tagger

    if name not in TAGGERS:
        raise ValueError(f"unknown tagger {name!r}; choose from {list(TAGGERS)}")
    if name == "neural" and tagger() is None:
        raise ValueError("the neural tagger needs the attribution extra (pip install 'fogline[attribution]')")
    before = cl.NEURAL_CUES
    cl.NEURAL_CUES = name == "neural"
    try:
        yield
    finally:
        cl.NEURAL_CUES = before


def evaluate(shared: Path, *, limit: int | None = None, sets: list[str] | None = None,
             n_process: int = 1, taggers: Sequence[str] | None = None) -> dict[str, Any]:
    """Score fogline's claims on the chosen ``sets`` (default all of :data:`SETS`); ``limit`` caps
    the articles of PolNeAR and the rows of Emergent (evenly spaced). ``taggers`` (default: the one
    in use) scores each cue tagger in turn, PolNeAR parsed once for all: the result is the first
    one's, with ``by_tagger`` holding every one's when there are several. Raises SharedMissing
    without ``<shared>/data/claims``, ValueError for an unknown set or tagger."""
    unknown = sorted(set(sets or []) - set(SETS))
    if unknown:
        raise ValueError(f"unknown claim sets {unknown}; choose from {list(SETS)}")
    chosen = list(SETS) if not sets else [s for s in SETS if s in sets]
    taggers = list(dict.fromkeys(taggers or [cue_tagger_in_use()]))
    for name in taggers:   # every name checked before any work
        with using_tagger(name):
            pass
    claims_dir(shared)
    outs: dict[str, dict[str, Any]] = {t: {"sets": {}, "metrics": {}, "limit": limit, "cue_tagger": t}
                                       for t in taggers}
    t_all = time.perf_counter()
    for name in chosen:
        t0 = time.perf_counter()
        if name == "polnear":
            first = run_polnear(shared, limit, n_process, taggers)
            secs = round(time.perf_counter() - t0, 2)
            for tg, res in (first.get("by_tagger") or {taggers[0]: first}).items():
                res = {k: v for k, v in res.items() if k != "by_tagger"}
                res["seconds"] = secs
                m = outs[tg]["metrics"]
                for system, r in res["systems"].items():
                    for role in ROLES:
                        m[f"polnear_{system}_{role}_exact_f1"] = r["roles"][role]["exact"]["f1"]
                        m[f"polnear_{system}_{role}_token_f1"] = r["roles"][role]["token"]["f1"]
                    m[f"polnear_{system}_attribution_f1"] = r["attribution"]["f1"]
                    m[f"polnear_{system}_attribution_word_cues_f1"] = r["attribution_word_cues"]["f1"]
                outs[tg]["sets"][name] = res
        else:
            for tg in taggers:
                t1 = time.perf_counter()
                with using_tagger(tg):
                    res = run_emergent(shared, limit, n_process)
                m = outs[tg]["metrics"]
                m["emergent_accuracy"] = res["accuracy"]
                m["emergent_macro_f1"] = res["macro_f1"]
                m["emergent_held_out_accuracy"] = res["held_out"]["accuracy"]
                m["emergent_tuning_accuracy"] = res["tuning"]["accuracy"]
                for s in STANCES:
                    m[f"emergent_{s}_f1"] = res["per_class"][s]["f1"]
                res["seconds"] = round(time.perf_counter() - t1, 2)
                outs[tg]["sets"][name] = res
    for out in outs.values():
        out["seconds"] = round(time.perf_counter() - t_all, 2)
    first = outs[taggers[0]]
    if len(taggers) > 1:
        first = {**first, "by_tagger": outs}
    return first


# --------------------------------------------------------------------------- report


def _pct(x: float | None) -> str:
    return "  -  " if x is None else f"{100 * x:5.1f}%"


def _prf(d: dict[str, float]) -> str:
    return f"P {_pct(d['precision'])} R {_pct(d['recall'])} F1 {_pct(d['f1'])}"


def format_report(result: dict[str, Any]) -> str:
    if "by_tagger" in result:   # several cue taggers scored: one report each
        return "\n\n".join(format_report(r) for r in result["by_tagger"].values())
    lines = [f"fogline eval claims ({result.get('seconds', 0)} s; cue words scored by the "
             f"{result.get('cue_tagger', 'sparse')} model)"]
    sets = result.get("sets", {})
    if "polnear" in sets:
        r = sets["polnear"]
        n = r["gold_notes"]
        lines += ["", f"PolNeAR dev: {r['articles']} articles, {r['words']} words, {n['attributions']} gold "
                      f"attributions ({n['no_source']} without a source, {n['discontinuous']} discontinuous spans), "
                      f"{r['seconds']} s ({', '.join(f'{k} {v} s' for k, v in r['seconds_by_step'].items())})",
                  "  spans as word-token sets; exact: same tokens; token: shared tokens over greedy max-overlap "
                  "pairs / all predicted (P), all gold (R) tokens;",
                  "  attribution: cue shares a token (a cue of punctuation only: a character), content shares "
                  ">= 50% of both contents' tokens, source shares a token or both absent; one-to-one",
                  f"  baselines: textacy = {r['textacy']}"
                  + (f" ({r['textacy_paragraph_fallback']} articles per paragraph: odd quote count)"
                     if r.get('textacy_paragraph_fallback') else "")
                  + "; rule = reporting verb's nsubj / verb / ccomp subtree"]
        if r.get("body_mismatches"):
            lines.append(f"  WARNING: {r['body_mismatches']} bodies differ from their .txt (offsets unreliable)")
        for system, s in r["systems"].items():
            lines.append(f"  {system}: {s['predicted']} predicted attributions; "
                         f"whole attribution {_prf(s['attribution'])}"
                         + (f" (word-token cues only, the old rule: {_prf(s['attribution_word_cues'])})"
                            if "attribution_word_cues" in s else ""))
            for role in ROLES:
                x = s["roles"][role]
                lines.append(f"    {role:<8} exact {_prf(x['exact'])} | token {_prf(x['token'])} | "
                             f"any-overlap F1 {_pct(x['overlap']['f1'])}  "
                             f"({x['predicted']} pred / {x['gold']} gold spans)")
        if n.get("multiply_annotated"):
            lines.append("  " + "; ".join(n["multiply_annotated"]))
        if r.get("extractor_errors"):
            lines.append(f"  EXTRACTOR ERRORS ({len(r['extractor_errors'])}; each extractor still ran on "
                         "its own): " + "; ".join(r["extractor_errors"][:6]))
        if n.get("problems"):
            lines.append(f"  gold problems: {'; '.join(n['problems'][:5])}")
    if "emergent" in sets:
        r = sets["emergent"]
        lines += ["", f"Emergent train: {r['rows']} headlines on {r['claims']} claims, {r['seconds']} s "
                      f"(gold {r['gold_counts']}; predicted {r['predicted']})",
                  f"  headline stance toward the claim (fogline track): accuracy {_pct(r['accuracy'])}, macro F1 "
                  f"{_pct(r['macro_f1'])}  (majority class '{r['majority']['class']}' "
                  f"{_pct(r['majority']['accuracy'])})"]
        if r.get("held_out") and r.get("tuning"):
            h = r["held_out"]
            lines.append(f"  held-out fifth of the claims (never looked at while tuning): {h['rows']} rows on "
                         f"{h['claims']} claims, accuracy {_pct(h['accuracy'])}, macro F1 {_pct(h['macro_f1'])}; "
                         f"the other four fifths {_pct(r['tuning']['accuracy'])}")
        for s in STANCES:
            lines.append(f"    {s:<10} {_prf(r['per_class'][s])}")
        lines.append("  confusion (gold->predicted): " + ", ".join(f"{k} {v}" for k, v in r["confusion"].items()))
        if r.get("misses"):
            lines.append("  example misses (tuning rows only):")
            lines += [f"    [{m['gold']} -> {m['predicted']}] {m['headline']}  ||  {m['claim']}" for m in r["misses"]]
    if result.get("metrics"):
        lines += ["", "metrics: " + ", ".join(f"{k}={v}" for k, v in result["metrics"].items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    from ..shared import shared_dir

    ap = argparse.ArgumentParser(prog="python -m fogline.eval.claims")
    ap.add_argument("--shared")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--sets", nargs="*")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--tagger", action="append", choices=TAGGERS)
    a = ap.parse_args(argv)
    try:
        res = evaluate(shared_dir(a.shared), limit=a.limit, sets=a.sets, taggers=a.tagger)
    except SharedMissing as e:
        print(e)
        return 2
    print(json.dumps(res, indent=1) if a.json else format_report(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

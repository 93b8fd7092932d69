"""The learnt cue-token model: its resource, its features, and its use by the claim extractor
(invented sentences only)."""
from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest

from fogline.extract import claims as C


@pytest.fixture(autouse=True)
def _sparse_cue_model(monkeypatch):
    # these tests pin how the extractor uses the sparse cue model (resources/cue_model.json); the
    # neural tagger, where the attribution extra is installed, is tested in test_neural_tagger.py
    monkeypatch.setattr(C, "NEURAL_CUES", False)


def test_resource_loads_and_holds_feature_names_only():
    data = json.loads(files("fogline.resources").joinpath("cue_model.json").read_text())
    assert 0.05 <= data["threshold"] <= 0.95
    assert len(data["weights"]) > 1000
    assert "PolNeAR train" in data["_source"]
    # feature names are a prefix and one or two lemmas/tags/labels: no sentence fits
    for k in data["weights"]:
        assert len(k.split()) == 1 and len(k) < 60, k
    model = C.cue_model()
    assert model is not None and model[1] == data["threshold"]


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.model
def test_features_describe_the_parse(nlp):
    doc = nlp("The harbour master insisted that the old bridge was safe.")
    f = C.cue_features(_tok(doc, "insisted"))
    assert "l=insist" in f and "p=VERB" in f and "c=ccomp" in f and "clause/VERB" in f
    assert "cueverb/VERB" in f and "p1l=that" in f
    g = C.cue_features(_tok(doc, "bridge"))
    assert "l=bridge" in g and "c=ccomp" not in g and "cueverb/VERB" not in g


@pytest.mark.model
def test_quotation_governed_is_a_feature(nlp):
    doc = nlp('The farmer shouted, "The river is rising fast!"')
    verbs = [t for t in doc if t.pos_ == "VERB" and "quote" in C.cue_features(t)]
    assert verbs, [(t.text, t.dep_, [c.dep_ for c in t.children]) for t in doc]


@pytest.mark.model
def test_model_scores_a_saying_verb_above_a_plain_noun(nlp):
    doc = nlp("The harbour master insisted that the old bridge was safe.")
    thr = C.cue_model()[1]
    assert C.cue_probability(_tok(doc, "insisted")) >= thr
    assert C.cue_probability(_tok(doc, "bridge")) < thr
    assert C.cue_probability(_tok(doc, "old")) < thr


@pytest.mark.model
def test_probability_follows_the_weights(nlp):
    doc = nlp("The harbour master insisted that the old bridge was safe.")
    t = _tok(doc, "insisted")
    assert C.cue_probability(t, {"b": 0.0}) == pytest.approx(0.5)
    assert C.cue_probability(t, {"l=insist": 3.0}) == pytest.approx(1 / (1 + 2.718281828 ** -3), rel=1e-6)
    assert C.cue_probability(t, {"l=bridge": 3.0}) == pytest.approx(0.5)


def test_feature_names_are_plain():
    # what the resource may hold: prefixes from cue_features and one token-like value
    pat = re.compile(r"^[a-z0-9]+(?:/[A-Za-z:]+)?(?:=\S+)?$|^quote$")
    data = json.loads(files("fogline.resources").joinpath("cue_model.json").read_text())
    bad = [k for k in data["weights"] if not pat.match(k)]
    assert len(bad) < 0.01 * len(data["weights"]), bad[:20]


def _claims(text):
    from fogline.api import analyse_texts

    (doc,) = analyse_texts([text])
    return doc.claims


@pytest.mark.model
def test_a_verb_only_the_model_knows_becomes_a_claim(monkeypatch):
    text = "Local farmers reckon the drought will last another year."
    assert "reckon" not in C.CUE_VERBS and "reckon" not in C.learned_cues()
    got = _claims(text)
    assert [(c.speaker_span.text, c.cue_span.text, c.content_span.text) for c in got] == [
        ("Local farmers", "reckon", "the drought will last another year")]
    monkeypatch.setattr(C, "CUE_MODEL_NEW", False)
    monkeypatch.setattr(C, "MODEL_RUNS", False)  # a model run would read it too (test_claims_model_runs.py)
    assert _claims(text) == []


@pytest.mark.model
def test_rule_cue_is_widened_by_adjacent_model_cue_words(monkeypatch):
    text = "The minister said in parliament that the old bridge was safe."
    monkeypatch.setattr(C, "CUE_SPAN_EXTEND", False)  # the span decoder alone (tests/test_claims_cue_span.py)
    # a model that trusts exactly the words "in" and "parliament"
    monkeypatch.setattr(C, "cue_model", lambda: ({"b": -20.0, "l=in": 40.0, "l=parliament": 40.0}, 0.5))
    got = _claims(text)
    assert [(c.cue_span.text, c.content_span.text) for c in got] == [
        ("said in parliament", "that the old bridge was safe")]
    monkeypatch.setattr(C, "CUE_MODEL_EXTEND", False)
    assert [c.cue_span.text for c in _claims(text)] == ["said"]


@pytest.mark.model
def test_widening_does_not_end_on_a_dangling_preposition(monkeypatch):
    text = "The minister said at length that the old bridge was safe."
    monkeypatch.setattr(C, "CUE_SPAN_EXTEND", False)
    monkeypatch.setattr(C, "cue_model", lambda: ({"b": -20.0, "l=at": 40.0}, 0.5))
    assert [c.cue_span.text for c in _claims(text)] == ["said"]
    monkeypatch.setattr(C, "cue_model", lambda: ({"b": -20.0, "l=at": 40.0, "l=length": 40.0}, 0.5))
    assert [c.cue_span.text for c in _claims(text)] == ["said at length"]

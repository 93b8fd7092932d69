"""The learnt cue-span decoder (extract/cue_span.py), and the noun and prepositional cues the cue
model admits (invented sentences only)."""
from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest

from fogline.extract import claims as C
from fogline.extract import cue_span as S

from claim_helpers import analysed, spans_hold


@pytest.fixture(autouse=True)
def _sparse_cue_model(monkeypatch):
    # these tests pin how the extractor uses the sparse cue model (resources/cue_model.json); the
    # neural tagger, where the attribution extra is installed, is tested in test_neural_tagger.py
    monkeypatch.setattr(C, "NEURAL_CUES", False)


def test_resource_loads_and_holds_feature_names_only():
    data = json.loads(files("fogline.resources").joinpath("cue_span_model.json").read_text())
    assert 0.05 <= data["threshold"] <= 0.95
    assert len(data["weights"]) > 200
    assert "PolNeAR train" in data["_source"]
    # a prefix and one or two lemmas/tags/labels: no sentence fits
    pat = re.compile(r"^[a-z]+=[^\s]+$|^[a-z]+$")
    bad = [k for k in data["weights"] if not pat.match(k) or len(k) > 60]
    assert len(bad) < 0.01 * len(data["weights"]), bad[:20]
    held = data["held_out"]
    assert held["cue_token_f1"] >= held["before"]["cue_token_f1"]
    model = S.span_model()
    assert model is not None and model[1] == data["threshold"]


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.model
def test_features_place_a_word_relative_to_the_cue(nlp):
    doc = nlp("The minister said in a statement that the old bridge was safe.")
    said = _tok(doc, "said")
    content = (_tok(doc, "the").i, _tok(doc, "safe").i)
    f = S.span_features(_tok(doc, "statement"), said.i, said.i, said, content)
    assert "s=R" in f and "sd=R3" in f and "via=prep:in" in f and "vobj=prep:in/statement" in f
    assert "between" in f and "cside=R" in f and "hl=say" in f
    g = S.span_features(_tok(doc, "minister"), said.i, said.i, said, content)
    assert "s=L" in g and "via=nsubj" in g and "between" not in g


@pytest.mark.model
def test_extend_grows_the_cue_and_never_takes_content_or_speaker(nlp):
    doc = nlp("The minister said in a statement that the old bridge was safe.")
    said = _tok(doc, "said")
    content = {t.i for t in doc if _tok(doc, "the").i <= t.i <= _tok(doc, "safe").i} | {_tok(doc, "that").i}
    speaker = {_tok(doc, "The").i, _tok(doc, "minister").i}
    sent = said.sent
    trust_in = ({"b": -20.0, "via=prep:in": 40.0, "between": 0.0}, 0.5)
    got = S.extend([said], content, speaker, sent, trust_in)
    assert " ".join(t.text for t in got) == "said in a statement"
    trust_all = ({"b": 20.0}, 0.5)  # takes every word it may: still not the content or the speaker
    got = S.extend([said], content, speaker, sent, trust_all)
    assert " ".join(t.text for t in got) == "said in a statement"
    none = ({"b": -20.0}, 0.5)
    assert S.extend([said], content, speaker, sent, none) == [said]


@pytest.mark.model
def test_extend_does_not_end_on_a_dangling_preposition(nlp):
    doc = nlp("The minister said at length that the old bridge was safe.")
    said = _tok(doc, "said")
    content = {t.i for t in doc if t.i >= _tok(doc, "that").i and not t.is_punct}
    model = ({"b": -20.0, "l=at": 40.0}, 0.5)
    assert S.extend([said], content, set(), said.sent, model) == [said]
    model = ({"b": -20.0, "l=at": 40.0, "l=length": 40.0}, 0.5)
    assert [t.text for t in S.extend([said], content, set(), said.sent, model)] == ["said", "at", "length"]


@pytest.mark.model
def test_extractor_uses_the_decoder(monkeypatch):
    text = "The minister said in parliament that the old bridge was safe."
    monkeypatch.setattr(C, "CUE_MODEL_EXTEND", False)
    monkeypatch.setattr(S, "span_model", lambda: ({"b": -20.0, "via=prep:in": 40.0}, 0.5))
    doc = analysed(text)
    assert [(c.cue_span.text, c.content_span.text) for c in doc.claims] == [
        ("said in parliament", "that the old bridge was safe")]
    spans_hold(doc, doc.claims[0])
    monkeypatch.setattr(C, "CUE_SPAN_EXTEND", False)
    assert [c.cue_span.text for c in analysed(text).claims] == ["said"]


def _triples(doc):
    return [(c.speaker_span.text if c.speaker_span else None, c.cue_span.text, c.content_span.text) for c in doc.claims]


@pytest.fixture
def attack_model(monkeypatch):
    """A cue model that trusts exactly the lemmas "attack" and "speak"; the decoder off."""
    monkeypatch.setattr(C, "cue_model", lambda: ({"b": -20.0, "l=attack": 40.0, "l=speak": 40.0}, 0.5))
    monkeypatch.setattr(C, "CUE_SPAN_EXTEND", False)


@pytest.mark.model
def test_noun_cue_with_possessor_and_prepositional_content(attack_model, monkeypatch):
    text = "The mayor's attack on the harbour board surprised nobody."
    doc = analysed(text)
    assert _triples(doc) == [("The mayor's", "attack on", "the harbour board")]
    spans_hold(doc, doc.claims[0])
    assert doc.claims[0].stance == "assert"
    monkeypatch.setattr(C, "NOUN_CUE_THRESHOLD", None)
    monkeypatch.setattr(C, "MODEL_RUNS", False)  # a model run would read it too (test_claims_model_runs.py)
    assert analysed(text).claims == []


@pytest.mark.model
def test_noun_cue_object_takes_the_subject_of_its_verb(attack_model, monkeypatch):
    text = "The senator launched an attack on the harbour board."
    assert _triples(analysed(text)) == [("The senator", "attack on", "the harbour board")]
    monkeypatch.setattr(C, "NOUN_CUE_SUBJECT", False)
    assert _triples(analysed(text)) == [(None, "attack on", "the harbour board")]


@pytest.mark.model
def test_model_verb_with_prepositional_content(attack_model, monkeypatch):
    text = "Local farmers spoke out against the new dam."
    assert _triples(analysed(text)) == [("Local farmers", "spoke out against", "the new dam")]
    monkeypatch.setattr(C, "MODEL_PREP_CONTENT", False)
    monkeypatch.setattr(C, "MODEL_RUNS", False)  # a model run would read it too (test_claims_model_runs.py)
    assert analysed(text).claims == []


@pytest.mark.model
def test_clause_before_comma_is_the_content_when_the_parser_missed_it(monkeypatch):
    text = 'Those who do take on  heavy debt struggle, even with a "good" job, he said.'
    monkeypatch.setattr(C, "CUE_SPAN_EXTEND", False)
    got = _triples(analysed(text))
    assert got == [("he", "said", 'Those who do take on  heavy debt struggle, even with a "good" job')]
    monkeypatch.setattr(C, "PARSE_FALLBACKS", False)
    assert _triples(analysed(text)) != got


@pytest.mark.model
def test_that_clause_hung_on_a_prepositional_object(monkeypatch):
    text = "Kirby also said for the first time that some emails between the two officials have been located."
    monkeypatch.setattr(C, "CUE_SPAN_EXTEND", False)
    doc = analysed(text)
    c = next(c for c in doc.claims if c.cue_span.text.endswith("said"))
    assert c.speaker_span.text == "Kirby"
    assert c.content_span.text == "that some emails between the two officials have been located"
    monkeypatch.setattr(C, "PARSE_FALLBACKS", False)
    assert not any(c.content_span.text.startswith("that some emails") for c in analysed(text).claims)

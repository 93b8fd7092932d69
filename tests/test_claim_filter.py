"""The claim filter (extract/claim_filter.py): a logistic model over what the extractor knows of a
claim drops the claims it judges not to be attributions, where the neural tagger is in use. Invented
sentences; the tagger's word probabilities and the model's weights are set by each test where the
test is about the mechanism, so those hold with or without the attribution extra."""
from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from fogline.api import analyse_texts
from fogline.extract import claim_filter as F
from fogline.extract import claims as C
from fogline.extract import neural_tagger

pytestmark = pytest.mark.model

TEXT = ("The port authority said on Monday that the harbour would reopen in May. "
        "Fishermen said the authority had promised them a new quay. "
        "The mayor denied that any quay had been promised.")


@pytest.fixture
def scored(monkeypatch):
    """The tagger scores every word 0.9 as a cue, a source and content alike (so every claim is
    judged), the model is ``weights`` with threshold 0.5 and the cue model ``cue`` (none unless
    given)."""
    def use(weights: dict[str, float], cue: dict[str, float] | None = None) -> None:
        monkeypatch.setattr(C, "NEURAL_CUES", True)
        monkeypatch.setattr(C, "_neural", lambda doc: np.full((len(doc), 3), 0.9, dtype="float32"))
        monkeypatch.setattr(neural_tagger, "threshold", lambda label="cue": 0.4)
        monkeypatch.setattr(F, "model", lambda: (weights, 0.5))
        monkeypatch.setattr(F, "cue_model", lambda: None if cue is None else (cue, 0.5))
    return use


def _claims(text=TEXT):
    return [(c.cue_span.text, c.content_span.text) for c in analyse_texts([text])[0].claims]


def test_a_model_that_trusts_every_claim_keeps_them_all(scored, monkeypatch):
    monkeypatch.setattr(C, "CLAIM_FILTER", False)
    scored({"b": 5.0})
    unfiltered = _claims()
    monkeypatch.setattr(C, "CLAIM_FILTER", True)
    assert len(unfiltered) >= 2
    assert _claims() == unfiltered


def test_claims_under_the_threshold_are_dropped_and_nested_ones_are_never_judged(scored, monkeypatch):
    monkeypatch.setattr(C, "CLAIM_FILTER", False)
    scored({"b": 5.0})
    everything = analyse_texts([TEXT])[0].claims
    nested = [c for c in everything if F.nested(c, everything)]
    monkeypatch.setattr(C, "CLAIM_FILTER", True)
    scored({"b": -5.0})
    kept = analyse_texts([TEXT])[0].claims
    assert [(c.cue_span.text, c.content_span.text) for c in kept] == \
        [(c.cue_span.text, c.content_span.text) for c in nested]


def test_one_feature_decides(scored):
    # the intercept alone keeps everything; a weight on the cue's lemma "deny" drops that claim only
    scored({"b": 2.0, "cue=deny": -10.0})
    got = _claims()
    assert got and all("denied" not in cue for cue, _ in got)
    scored({"b": 2.0})
    assert any("denied" in cue for cue, _ in _claims())


def test_the_cue_model_keeps_a_claim_the_first_model_drops(scored, monkeypatch):
    monkeypatch.setattr(C, "CLAIM_FILTER", False)
    scored({"b": 5.0})
    everything = analyse_texts([TEXT])[0].claims
    nested = {c.cue_span.text for c in everything if F.nested(c, everything)}
    monkeypatch.setattr(C, "CLAIM_FILTER", True)
    # the first model drops every claim it judges; the cue model trusts the cue "deny" only
    scored({"b": -5.0}, cue={"b": -5.0, "cue=deny": 10.0})
    assert {cue for cue, _ in _claims()} - nested == {"denied"}
    # and it only ever adds to what the first model keeps
    scored({"b": 5.0}, cue={"b": -5.0})
    assert len(_claims()) >= 2


def test_without_the_tagger_nothing_is_filtered(monkeypatch):
    monkeypatch.setattr(C, "NEURAL_CUES", False)
    monkeypatch.setattr(F, "model", lambda: ({"b": -5.0}, 0.5))
    assert _claims()


def test_features_describe_the_claim(scored):
    scored({"b": 5.0})
    (doc,) = analyse_texts([TEXT])
    claim = next(c for c in doc.claims if c.cue_span.text.startswith("said on Monday"))
    from fogline.nlp import load_model

    sdoc = load_model()(doc.body)
    f = F.features(claim, sdoc, "body", np.full((len(sdoc), 3), 0.9, dtype="float32"))
    assert f[0] == "b" and "cue=say" in f and "cuepos=VERB" in f
    assert "spk=PROPN" in f or "spk=NOUN" in f
    assert "conside=after" in f and "confirst=that" in f
    assert all(isinstance(x, str) and "=" in x for x in f[1:])


def test_shipped_model_is_plain_numbers_with_its_provenance():
    data = json.loads(resources.files("fogline.resources").joinpath(F.MODEL_FILE).read_text())
    assert 0.0 < data["threshold"] < 1.0
    assert all(isinstance(v, float) for v in data["weights"].values())
    assert "PolNeAR train" in data["_source"] and "multiple of 5" in data["_source"]
    cv = data["cross_validated"]
    assert cv["filtered"]["whole"]["f1"] >= cv["unfiltered"]["whole"]["f1"]
    if "cue" in data:
        assert 0.0 < data["cue"]["threshold"] < 1.0
        assert all(isinstance(v, float) for v in data["cue"]["weights"].values())
        # the two together keep cue words the first model alone would drop
        assert cv["filtered"]["cue_token"] >= cv["unfiltered"]["cue_token"] - 0.01


def test_the_shipped_file_is_what_the_module_reads():
    m, cm = F.model(), F.cue_model()
    data = json.loads(resources.files("fogline.resources").joinpath(F.MODEL_FILE).read_text())
    assert m is not None and m[1] == data["threshold"]
    assert (cm is None) == ("cue" not in data)
    if cm is not None:
        assert cm[1] == data["cue"]["threshold"] and cm[0]["b"] == pytest.approx(
            data["cue"]["weights"].get("b", 0.0) + data["cue"]["intercept"])

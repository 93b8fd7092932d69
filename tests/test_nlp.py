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

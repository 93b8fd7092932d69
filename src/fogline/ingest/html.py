"""HTML pages into :class:`~fogline.model.Document`: article, metadata and reader comments.

The article body and metadata come from trafilatura; reader comments come from fogline's own
reading of the comment markup (:mod:`fogline.ingest.html_comments`), which keeps each comment
apart with its author and the comment it replies to. Comment items are taken out of the tree
before the article is extracted, so comments never leak into ``body``.
"""
from __future__ import annotations

import logging
import re
import warnings
from copy import deepcopy

from lxml.html import HtmlElement

from ..errors import InputRejected, Reject
from ..model import Comment, Document
from .html_comments import extract_comments

# trafilatura settings, chosen on the Dragnet training split (fogline.eval.ingest --split training)
_EXTRACT_OPTIONS: dict[str, bool] = {"favor_precision": True}
# htmldate's extensive search hands free text to dateparser, which can take seconds on one page
_DATE_PARAMS: dict[str, object] = {"original_date": True, "extensive_search": False}
_MAX_CHARS = 20_000_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"\w+")
_MIN_WORDS = 3  # one or two words ("Home", "Page not found") are a leftover, not an article
_MIN_FALLBACK_WORDS = 5  # a recall-leaning retry that finds fewer words found navigation, not an article
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _quiet() -> None:
    """trafilatura logs every page it discards; fogline reports rejections itself."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def load_tree(html: str) -> HtmlElement:
    """Parse ``html``; raise :class:`InputRejected` (MALFORMED_HTML or NO_TEXT) when unusable."""
    from trafilatura.utils import load_html

    if not html or not html.strip():
        raise InputRejected(Reject.NO_TEXT, "the page is empty")
    try:
        tree = load_html(html)
    except Exception as err:  # lxml raises several types on garbage; any of them means the same
        raise InputRejected(Reject.MALFORMED_HTML, f"lxml could not parse the page ({type(err).__name__})") from None
    if tree is None:
        raise InputRejected(Reject.MALFORMED_HTML, "the markup could not be parsed into an HTML tree")
    return tree


def _authors(raw: str | None) -> list[str]:
    if not raw:
        return []
    out: list[str] = []
    for part in re.split(r"\s*;\s*", raw):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


def _clean_body(text: str) -> str:
    """One paragraph a line from trafilatura to paragraphs separated by a blank line, the layout
    every fogline body has (text and JSONL alike)."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
    return "\n\n".join(ln for ln in lines if ln)


def _remove(elements: list[HtmlElement]) -> None:
    """Take comment items out of their tree, keeping the text that follows each."""
    for el in elements:
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        prev = el.getprevious()
        parent.remove(el)
        if tail and tail.strip():
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _extract(tree: HtmlElement, url: str | None) -> object | None:
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
        **_EXTRACT_OPTIONS,
    )


def parse_html(html: str, source: str, *, url: str | None = None) -> Document:
    """Read one HTML page into a :class:`Document`.

    ``body`` is the article alone; ``comments`` are the reader comments, ids ``c1``, ``c2``...
    in document order, each with its author and the id of the comment it replies to where the
    markup carries them. Raises :class:`InputRejected` with ``Reject.MALFORMED_HTML`` when the
    markup cannot be parsed and ``Reject.NO_TEXT`` when no article text can be extracted; no
    other exception escapes.
    """
    _quiet()
    if isinstance(html, (bytes, bytearray)):
        html = bytes(html).decode("utf-8", errors="replace")
    if not isinstance(html, str):
        raise InputRejected(Reject.MALFORMED_HTML, f"expected HTML text, got {type(html).__name__}")
    html = _CONTROL.sub("", html)
    if len(html) > _MAX_CHARS:
        raise InputRejected(Reject.TOO_LARGE, f"{len(html)} characters, over {_MAX_CHARS}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _parse(html, source, url)
    except InputRejected:
        raise
    except RecursionError:
        raise InputRejected(Reject.MALFORMED_HTML, "the markup is nested too deeply") from None
    except Exception as err:  # noqa: BLE001 - a bad page must become a rejection, never a crash
        raise InputRejected(Reject.MALFORMED_HTML, f"the page could not be processed ({type(err).__name__}: {err})") from None


def _parse(html: str, source: str, url: str | None) -> Document:
    tree = load_tree(html)
    work = deepcopy(tree)
    comments: list[Comment]
    try:
        comments, items = extract_comments(work)
    except RecursionError:
        comments, items = [], []
    _remove(items)
    res = _extract(work, url)
    text = getattr(res, "text", None) if res is not None else None
    if not text or not text.strip():
        # a short page the precise settings drop: try once more leaning to recall
        import trafilatura

        res2 = trafilatura.bare_extraction(
            work, url=url, with_metadata=True, include_comments=False, favor_recall=True, date_extraction_params=_DATE_PARAMS
        )
        if res2 is not None and len(_WORD.findall(getattr(res2, "text", None) or "")) >= _MIN_FALLBACK_WORDS:
            res, text = res2, res2.text
    if not text or len(_WORD.findall(text)) < _MIN_WORDS:
        raise InputRejected(Reject.NO_TEXT, "no article text could be extracted from the page")
    body = _clean_body(text)
    published = getattr(res, "date", None)
    if published and not _DATE.match(str(published)):
        published = None
    title = (getattr(res, "title", None) or "").strip() or None
    return Document(
        source=source,
        body=body,
        title=title,
        authors=_authors(getattr(res, "author", None)),
        published=published,
        outlet=(getattr(res, "sitename", None) or "").strip() or None,
        url=url or getattr(res, "url", None),
        comments=comments,
        kind="html",
    )

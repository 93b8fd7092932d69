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
# A subtitle (dek, standfirst, strapline) is marked up as such by the publishing systems: schema.org's
# alternativeHeadline, or a class/id word like these ("entry-subtitle", "article__standfirst",
# "field--name-field-standfirst", "c-dek"). Page furniture and comments are never one.
_SUBTITLE_WORD = re.compile(r"(?:^|[-_\s])(?:sub-?title|sub-?head(?:line)?|stand-?first|dek|deck|strap-?line)(?:$|[-_\s])", re.I)
_NOT_SUBTITLE = frozenset({"nav", "footer", "aside", "form", "button", "select", "option", "script", "style", "li", "a"})
_SUBTITLE_WORDS = (4, 80)


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


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


_DATEISH = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
                      r"|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|\bcomments?\b|\b[ap]\.?m\b", re.I)
_SEPARATORS = ("•", "|", "»", "›", "·", "→")
_NEAR_HEADLINE = 40  # elements: a subtitle sits right under its headline; promos and tag lists further down


def _headline(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    """The article's headline element: the first ``h1`` (else ``h2``) with the title's text, or
    whose text the title contains ("Headline | Site"), else the first ``h1``."""
    want = _norm(title or "")
    heads = tree.xpath("//h1") + tree.xpath("//h2")
    if want:
        for h in heads:
            got = _norm(h.text_content())
            if got and (got == want or (len(got.split()) >= 3 and got in want)):
                return h
    h1s = tree.xpath("//h1")
    return h1s[0] if h1s else None


def _looks_like_subtitle(text: str, title: str | None) -> bool:
    words = _WORD.findall(text)
    if not _SUBTITLE_WORDS[0] <= len(words) <= _SUBTITLE_WORDS[1] or _norm(text) == _norm(title or ""):
        return False
    if any(sep in text for sep in _SEPARATORS):       # breadcrumbs and "Home • Site name" taglines
        return False
    if text.count(",") * 3 > len(words) or "..." in text or "…" in text:   # tag lists, cut-off teasers
        return False
    # a dateline or "Oct 28, 2012 - 2 Comments": mostly dates, times and counts
    dated = sum(len(m.group(0).split()) for m in _DATEISH.finditer(text))
    numbers = sum(w.isdigit() for w in words)
    return (dated + numbers) * 2 < len(words)


def find_subtitle(tree: HtmlElement, title: str | None) -> str | None:
    """The page's subtitle from its markup (see ``_SUBTITLE_WORD``), or None: the first such
    element in document order after the headline (a site's tagline comes before it) whose text has
    4 to 80 words, is not the title, a dateline, a tag list or a breadcrumb, and does not sit in
    navigation, a footer, an aside or a form. With a headline, the subtitle must come within
    ``_NEAR_HEADLINE`` elements of it."""
    order = {el: i for i, el in enumerate(tree.iter())}
    head = _headline(tree, title)
    after = order.get(head, -1) if head is not None else -1
    found = tree.xpath('//*[@itemprop="alternativeHeadline"]') + [
        el for el in tree.iter()
        if isinstance(el.tag, str) and _SUBTITLE_WORD.search(f"{el.get('class') or ''} {el.get('id') or ''}")]
    for el in sorted(set(found), key=lambda e: order.get(e, 0)):
        if order.get(el, 0) <= after or (head is not None and order.get(el, 0) - after > _NEAR_HEADLINE):
            continue
        if el.tag in _NOT_SUBTITLE or any(a.tag in _NOT_SUBTITLE for a in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        if _looks_like_subtitle(text, title):
            return text
    return None


def _drop_lead(body: str, subtitle: str | None) -> str:
    """The body without a first paragraph that only repeats the subtitle (trafilatura sometimes
    keeps the standfirst as the article's first line)."""
    if not subtitle:
        return body
    first, sep, rest = body.partition("\n\n")
    return rest if sep and rest.strip() and _norm(first) == _norm(subtitle) else body


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
    published = getattr(res, "date", None)
    if published and not _DATE.match(str(published)):
        published = None
    title = (getattr(res, "title", None) or "").strip() or None
    try:
        subtitle = find_subtitle(work, title)
    except RecursionError:
        subtitle = None
    body = _drop_lead(_clean_body(text), subtitle)
    return Document(
        source=source,
        body=body,
        title=title,
        subtitle=subtitle,
        authors=_authors(getattr(res, "author", None)),
        published=published,
        outlet=(getattr(res, "sitename", None) or "").strip() or None,
        url=url or getattr(res, "url", None),
        comments=comments,
        kind="html",
    )

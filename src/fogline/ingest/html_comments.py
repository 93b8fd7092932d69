"""Reader comments out of an HTML tree: items, authors, reply structure.

Recognised by markup patterns only, never by the words of one page:

* items: elements typed ``schema.org/Comment`` (or ``itemprop="comment"``), elements whose id
  is a numbered comment id (``comment-123``, ``li-comment-7``, ``dsq-comment-42``,
  ``comment_item_5``, ``comment-6a00d83...``), elements with a ``comment``-like class token
  (``comment``, ``dsq-comment``, ``comment-item``...), and list items of a comment list
  (``ol.commentlist > li``). Candidates are grouped by tag and pattern; the outermost groups
  win, so a WordPress ``li#comment-1`` is one item, not also its ``div#div-comment-1``;
* replies: an item nested inside another item of the same group (WordPress ``ul.children``)
  replies to it; a flat list with WordPress ``depth-N`` classes replies to the last item one
  level up;
* author: ``[itemprop=author]``, ``cite.fn``, ``.fn``, ``.comment-author``, ``.author``,
  ``.username``, ``.commenter``... inside the item;
* text: the item minus nested items, author, date, permalink, avatar, reply/report buttons and
  forms.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from lxml.html import HtmlElement

from ..model import Comment

# numbered comment ids: comment-123, li-comment-7, div-comment-7, dsq-comment-42, comment_item_5,
# comment-6a00d8341c... (TypePad). Inner parts (comment-123-content) do not match.
_ID_ITEM = re.compile(r"^(?:[a-z]{1,8}[-_])?comments?[-_]?(?:item[-_]?|entry[-_]?)?(?=[0-9a-f]*\d)[0-9a-f]+$", re.I)
_CLASS_ITEM = re.compile(
    r"^(?:comment|comments?-?item|comment-?(?:block|wrapper|container|entry|thread-item|single)"
    r"|dsq-comment|citem|single-comment|user-?comment|reader-?comment|commentlist-item)$",
    re.I,
)
_LIST_CONTAINER = re.compile(r"comment-?list|comments?-?(?:list|thread)|^dsq-comments$|^comments$", re.I)
_SKIP_ANCESTOR_TAGS = {"form", "nav", "header", "script", "style", "noscript", "template", "head", "select", "textarea"}
_DROP_TAGS = {
    "script", "style", "noscript", "template", "form", "button", "input", "select", "textarea",
    "iframe", "img", "svg", "time", "object", "embed", "video", "audio", "canvas", "label",
}
# parts of class/id tokens that mark a metadata block inside a comment
_META_PARTS = {
    "author", "authors", "avatar", "gravatar", "meta", "metadata", "commentmetadata", "date", "time",
    "timestamp", "permalink", "reply", "replies-link", "report", "flag", "vote", "votes", "voting",
    "rating", "like", "likes", "share", "edit", "delete", "tools", "actions", "action", "footer",
    "header", "head", "byline", "num", "number", "count", "says", "vcard", "fn", "photo", "posted",
    "title", "username", "user", "name", "nick", "commenter", "poster", "moderation", "awaiting",
    "signature", "badge", "links", "link", "buttons", "button", "menu", "controls", "info", "details",
    "commentnum", "comment_num", "comment_author", "comment_time", "comment_meta", "postmetadata",
    "dsq-comment-header", "comment-header", "comment-footer", "comment-meta", "comment-author",
}
_AUTHOR_XPATHS = [
    ".//*[@itemprop='author']//*[@itemprop='name']",
    ".//*[@itemprop='author' or @itemprop='creator']",
    ".//cite[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' comment-author ')]",
    ".//*[re:test(@class, '(^|\\s)(comment[-_]?author|comment[-_]?name|commenter|commentauthor"
    "|comment[-_]?user|author[-_]?name|user[-_]?name|username|dsq-commenter|comment-by)(\\s|$)', 'i')]",
    ".//*[re:test(@class, '(^|\\s)(author|user|name|nick|poster)(\\s|$)', 'i')]",
    ".//cite",
]
_RE_NS = {"re": "http://exslt.org/regular-expressions"}
_UI_WORDS = re.compile(
    r"^\W*(?:reply|replies|report(?: abuse| comment)?|permalink|link|quote|like|unlike|flag|edit|delete|"
    r"share|cancel reply|log in to reply|login to reply|vote|up|down|recommend|thumbs up|thumbs down|"
    r"\d+\s*(?:points?|likes?|replies|votes?)|\d+|[+-]\d+)\W*$",
    re.I,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"^\W*(?:posted\s+)?(?:on\s+)?(?:\w+day,?\s+)?(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{2,4}}|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}})"
    r"(?:\s*(?:at|@|,|-)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s*\w{2,4})?\W*$"
    r"|^\W*\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\W*$",
    re.I,
)
_SAYS = re.compile(r"\s*(?:says|said|wrote|writes)\s*(?:\.\.\.|:|…)?\s*$|\s*:\s*$", re.I)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "dd", "dt", "dl", "blockquote", "pre", "h1", "h2", "h3", "h4",
    "h5", "h6", "tr", "table", "section", "article", "header", "footer", "hr", "aside",
}
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass
class _Item:
    el: HtmlElement
    group: str
    depth_class: int | None


def _classes(el: HtmlElement) -> list[str]:
    return (el.get("class") or "").split()


def _attr_parts(token: str) -> set[str]:
    low = token.lower()
    return {low, *re.split(r"[-_]", low)}


def _is_meta(el: HtmlElement) -> bool:
    """A metadata block (author, date, permalink, buttons) inside a comment item."""
    tokens = [t for t in _classes(el) if not t.lower().startswith(("comment-author-", "bypostauthor", "byuser"))]
    ident = el.get("id") or ""
    if ident and not _ID_ITEM.match(ident):
        tokens.append(re.sub(r"[-_]?\d+$", "", ident))
    for t in tokens:
        low = t.lower()
        if low in _META_PARTS or (len(re.split(r"[-_]", low)) <= 3 and _attr_parts(low) & _META_PARTS):
            if re.search(r"(?:content|body|text|message|entry)", low):
                continue
            return True
    return el.get("itemprop") in {"author", "creator", "datePublished", "dateCreated", "url", "image"}


def _candidate_group(el: HtmlElement) -> str | None:
    """The pattern group of a comment item candidate, or None."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag not in {"li", "div", "article", "section", "dd", "dt", "ul", "table", "tr", "td", "blockquote", "p"}:
        return None
    itemtype = el.get("itemtype") or ""
    if re.search(r"schema\.org/(?:User)?Comments?$", itemtype, re.I) or el.get("itemprop") == "comment":
        return f"{tag}:schema"
    ident = el.get("id") or ""
    if ident and _ID_ITEM.match(ident):
        return f"{tag}:id:" + re.sub(r"[0-9a-f]*\d[0-9a-f]*$", "N", ident.lower())
    for c in _classes(el):
        if _CLASS_ITEM.match(c):
            return f"{tag}:class:{c.lower()}"
    if tag == "li":
        parent = el.getparent()
        if parent is not None and parent.tag in {"ol", "ul"}:
            attrs = " ".join([parent.get("id") or "", *_classes(parent)])
            if any(_LIST_CONTAINER.search(a) for a in attrs.split()):
                return "li:list:" + attrs.lower()
    return None


def _skippable(el: HtmlElement) -> bool:
    anc = el
    while anc is not None:
        if anc.tag in _SKIP_ANCESTOR_TAGS:
            return True
        anc = anc.getparent()
    return False


def _depth_class(el: HtmlElement) -> int | None:
    for c in _classes(el):
        m = re.fullmatch(r"depth-(\d+)", c)
        if m:
            return int(m.group(1))
    return None


def find_items(tree: HtmlElement) -> list[_Item]:
    """Comment item elements in document order, outermost groups chosen."""
    groups: dict[str, list[HtmlElement]] = defaultdict(list)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        g = _candidate_group(el)
        if g is not None and not _skippable(el):
            groups[g].append(el)
    if not groups:
        return []
    text_len = {g: sum(len(" ".join(e.itertext())) for e in els) for g, els in groups.items()}
    order = sorted(groups, key=lambda g: (-text_len[g], g))
    chosen: dict[HtmlElement, str] = {}
    for g in order:
        els = groups[g]
        if text_len[g] == 0:
            continue
        clash = False
        for e in els:
            anc = e.getparent()
            while anc is not None:
                if anc in chosen and chosen[anc] != g:
                    clash = True
                    break
                anc = anc.getparent()
            if clash or any(d in chosen for d in e.iterdescendants()):
                clash = True
                break
        if not clash:
            for e in els:
                chosen[e] = g
    items = [_Item(e, g, _depth_class(e)) for e, g in chosen.items()]
    index = {e: i for i, e in enumerate(tree.iter())}
    items.sort(key=lambda it: index.get(it.el, 0))
    return items


def _clean_author(text: str) -> str | None:
    text = _WS.sub(" ", text).strip()
    text = text.split("\n")[0].strip()
    text = _SAYS.sub("", text).strip()
    text = re.sub(r"^(?:by|posted by|comment by|from)\s+", "", text, flags=re.I).strip()
    text = re.split(r"\s+(?:on|at|\|)\s+(?=\w*\d)", text)[0].strip(" -|,:")
    if not text or len(text) > 80 or _DATE_LINE.match(text) or _UI_WORDS.match(text):
        return None
    return text


def _author(el: HtmlElement, nested: set[HtmlElement]) -> tuple[str | None, HtmlElement | None]:
    for xp in _AUTHOR_XPATHS:
        for cand in el.xpath(xp, namespaces=_RE_NS):
            if _inside(cand, nested, el):
                continue
            name = _clean_author(" ".join(cand.itertext()))
            if name:
                return name, cand
    return None, None


def _inside(cand: HtmlElement, nested: set[HtmlElement], root: HtmlElement) -> bool:
    anc = cand
    while anc is not None and anc is not root:
        if anc in nested:
            return True
        anc = anc.getparent()
    return False


def _text(el: HtmlElement, skip: set[HtmlElement]) -> str:
    """Visible text of ``el`` with line breaks at block boundaries, skipping ``skip`` subtrees."""
    out: list[str] = []
    stack: list[tuple[HtmlElement, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node.tag in _BLOCK_TAGS:
                out.append("\n")
            if node is not el and node.tail:
                out.append(node.tail)
            continue
        if node is not el and (node in skip or not isinstance(node.tag, str) or node.tag in _DROP_TAGS or _is_meta(node)):
            if node.tail:
                out.append(node.tail)
            continue
        if node.tag in _BLOCK_TAGS:
            out.append("\n")
        if node.text:
            out.append(node.text)
        stack.append((node, True))
        for child in reversed(list(node)):
            stack.append((child, False))
    lines = []
    for line in "".join(out).split("\n"):
        line = _WS.sub(" ", line).strip()
        if not line or _UI_WORDS.match(line) or (len(line) < 60 and _DATE_LINE.match(line)):
            continue
        lines.append(line)
    return "\n".join(lines)


def extract_comments(tree: HtmlElement) -> tuple[list[Comment], list[HtmlElement]]:
    """The comments of ``tree`` in document order, and the item elements they came from."""
    items = find_items(tree)
    if not items:
        return [], []
    item_els = {it.el for it in items}
    comments: list[Comment] = []
    kept: list[HtmlElement] = []
    ids: dict[HtmlElement, str] = {}
    last_at_depth: dict[int, str] = {}
    for it in items:
        nested = {d for d in it.el.iterdescendants() if d in item_els}
        author, author_el = _author(it.el, nested)
        skip = set(nested)
        if author_el is not None:
            skip.add(author_el)
        text = _text(it.el, skip)
        if author and text.startswith(author):
            text = _SAYS.sub("", text[len(author):].split("\n", 1)[0]) + (
                "\n" + text.split("\n", 1)[1] if "\n" in text else "")
            text = text.strip()
        if not text:
            continue
        parent = None
        anc = it.el.getparent()
        while anc is not None:
            if anc in ids:
                parent = ids[anc]
                break
            anc = anc.getparent()
        cid = f"c{len(comments) + 1}"
        if parent is None and it.depth_class and it.depth_class > 1:
            parent = last_at_depth.get(it.depth_class - 1)
        if it.depth_class:
            last_at_depth[it.depth_class] = cid
        ids[it.el] = cid
        comments.append(Comment(id=cid, text=text, author=author, parent=parent))
        kept.append(it.el)
    return comments, kept

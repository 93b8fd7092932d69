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
_WIDGET = re.compile(r"(?:sidebar|recent[-_]?comments?|most[-_]?commented|popular[-_]?comments?)", re.I)
_SKIP_ANCESTOR_TAGS = {"nav", "script", "style", "noscript", "template", "head", "select", "textarea"}
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
    ".//a[contains(concat(' ', normalize-space(@class), ' '), ' url ')]",
    ".//*[re:test(@class, '(^|\\s)[\\w-]*(comment[-_]?author|comment[-_]?name|commenter|commentauthor"
    "|comment[-_]?user|author|user[-_]?name|nick[-_]?name|screen[-_]?name|comment-by)([-_]?name)?(\\s|$)', 'i')]",
    ".//*[re:test(@class, '(^|\\s)(author|user|name|nick|poster)(\\s|$)', 'i')]",
    ".//cite",
]
_RE_NS = {"re": "http://exslt.org/regular-expressions"}
_UI_WORDS = re.compile(
    r"^\W*(?:reply|replies|report(?: abuse| comment)?|permalink|link|quote|like|unlike|flag|edit|delete|"
    r"share|cancel reply|comments?|leave a (?:comment|reply)|add (?:a )?comment|post (?:a )?comment|\d+ comments?|profile|view profile|avatar|anonymous said|log in to reply|login to reply|vote|up|down|recommend|thumbs up|thumbs down|"
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
_CONTENT = re.compile(r"content|body|text|message|entry", re.I)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "dd", "dt", "dl", "blockquote", "pre", "h1", "h2", "h3", "h4",
    "h5", "h6", "tr", "table", "section", "article", "header", "footer", "hr", "aside",
}
_LETTER = re.compile(r"[^\W\d_]")
_TRAILING_DATE = re.compile(
    rf"\s+(?:on\s+)?(?:\w+day,?\s+)?(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{2,4}}"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}).*$",
    re.I,
)
_WORDCHAR = re.compile(r"\w")
_BARE_BYLINE = re.compile(r"^\W*(?:posted|written|submitted|comment(?:ed)?)\s+(?:by|on)\W*$", re.I)
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass
class _Item:
    el: HtmlElement
    group: str
    depth_class: int | None
    head: HtmlElement | None = None  # a separate element carrying the author (``dt`` before ``dd``)


def _classes(el: HtmlElement) -> list[str]:
    """The class tokens of ``el``."""
    return (el.get("class") or "").split()


def _attr_parts(token: str) -> set[str]:
    """A class token and its ``-``/``_``-separated parts, lowercased."""
    low = token.lower()
    return {low, *re.split(r"[-_]", low)}


def _is_meta(el: HtmlElement) -> bool:
    """A metadata block (author, date, permalink, buttons) inside a comment item."""
    tokens = [t for t in _classes(el) if not t.lower().startswith(("comment-author-", "bypostauthor", "byuser"))]
    ident = el.get("id") or ""
    if ident and not _ID_ITEM.match(ident):
        tokens.append(re.sub(r"[-_]?\d+$", "", ident))
    if any(_CONTENT.search(t) for t in tokens):
        return False
    for t in tokens:
        low = t.lower()
        if low in _META_PARTS or (len(re.split(r"[-_]", low)) <= 3 and _attr_parts(low) & _META_PARTS):
            # a block that wraps the comment's own text is not metadata
            return not any(
                _CONTENT.search(c) for d in el.iterdescendants() if isinstance(d.tag, str) for c in _classes(d)
            )
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
    """Inside navigation, a sidebar widget (recent comments), or a pingback/trackback."""
    if any(c.lower() in {"pingback", "trackback"} for c in _classes(el)):
        return True
    anc = el
    while anc is not None:
        if anc.tag in _SKIP_ANCESTOR_TAGS:
            return True
        if anc.tag not in ("body", "html"):
            tokens = [anc.get("id") or "", *_classes(anc)]
            if any(t and _WIDGET.match(t) for t in tokens):
                return True
        anc = anc.getparent()
    return False


def _depth_class(el: HtmlElement) -> int | None:
    """WordPress's thread depth class (``depth-2``), if any."""
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
        if text_len[g] < 20 or (len(els) == 1 and text_len[g] < 40):
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


def _section_items(tree: HtmlElement, taken: list[_Item] | None = None) -> list[_Item]:
    """Comment sections (trafilatura's patterns) that hold none of the ``taken`` items:
    their repeated children, as long as most of them name an author."""
    from trafilatura.xpaths import COMMENTS_XPATH

    taken_els = {it.el for it in taken or []}
    seen: set[HtmlElement] = set()
    found: list[_Item] = []
    for expr in COMMENTS_XPATH:
        for sub in expr(tree):
            if sub in seen or _skippable(sub):
                continue
            seen.add(sub)
            if any(d in taken_els for d in sub.iter()) or any(a in taken_els for a in sub.iterancestors()):
                continue
            if any(a in seen for a in sub.iterancestors()) or any(it.el in set(sub.iter()) for it in found):
                continue
            items = _repeated(sub)
            # a list of links or share buttons is not a comment thread: most items name an author
            named = sum(1 for it in items if it.head is not None or _author(it.el, set())[0])
            if items and named * 2 >= len(items):
                found.extend(items)
    return found


def _repeated(section: HtmlElement) -> list[_Item]:
    """The largest run of same-tag children carrying text inside ``section``."""
    best: tuple[int, int, HtmlElement | None, str] = (0, 0, None, "")
    for depth_el in [section, *section.iterdescendants()]:
        if not isinstance(depth_el.tag, str) or depth_el.tag in _DROP_TAGS:
            continue
        counts: dict[str, int] = defaultdict(int)
        for child in depth_el:
            if isinstance(child.tag, str) and child.tag not in _DROP_TAGS:
                if len("".join(child.itertext()).strip()) >= 15:
                    counts[child.tag] += 1
        for tag, n in counts.items():
            if n >= 2 and n > best[0]:
                best = (n, 0, depth_el, tag)
    n, _, parent, tag = best
    if parent is None:
        return []
    items: list[_Item] = []
    if parent.tag == "dl" and tag in {"dt", "dd"}:
        head = None
        for child in parent:
            if child.tag == "dt":
                head = child
            elif child.tag == "dd" and len("".join(child.itertext()).strip()) >= 15:
                items.append(_Item(child, "section:dl", None, head))
                head = None
        return items
    return [_Item(c, "section", None) for c in parent if c.tag == tag and "".join(c.itertext()).strip()]


def _pair_terms(items: list[_Item]) -> list[_Item]:
    """A ``dt`` item (author, date) and the ``dd`` after it (the text) make one comment."""
    by_el = {it.el: it for it in items}
    out: list[_Item] = []
    used: set[HtmlElement] = set()
    for it in items:
        if it.el in used:
            continue
        if it.el.tag == "dt" and it.head is None:
            dd = it.el.getnext()
            while dd is not None and not isinstance(dd.tag, str):
                dd = dd.getnext()
            if dd is not None and dd.tag == "dd":
                partner = by_el.get(dd)
                used.add(dd)
                out.append(_Item(dd, it.group, it.depth_class if partner is None else partner.depth_class, it.el))
                continue
        out.append(it)
    return out


_NAME = r"([^\n|—–:()]{1,50}?)"
_BYLINE = [
    re.compile(rf"^\W*(?:posted|written|submitted|comment(?:ed)?|reply|response)?\s*by:?\s+{_NAME}"
               r"(?:\s*(?:\||—|–|-|,|\bon\b|\bat\b|\bin\b)\s*.*)?$", re.I),
    re.compile(rf"^\W*{_NAME}\s*(?:\||—|–|-|,|\bon\b|\bat\b|\bsaid\b|\bsays\b|\bwrote\b)\s*(?:on\s+)?"
               rf"(?=.*\d)(?:\w+day,?\s+)?(?:{_MONTHS}|\d{{1,4}}[/.-]|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}"
               r"|\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago).*$", re.I),
]


def _byline(text: str) -> str | None:
    """The name in a byline such as "Posted by: Ann | May 2, 2012" or "Ann on May 2nd, 2012"."""
    line = _WS.sub(" ", text).strip()
    if not line or len(line) > 120:
        return None
    for pat in _BYLINE:
        m = pat.match(line)
        if m:
            name = _clean_author(m.group(1))
            if name and _WORDCHAR.search(name) and not re.match(r"^\d", name):
                return name
    return None


def _meta_byline(el: HtmlElement, nested: set[HtmlElement]) -> str | None:
    """An author named in a metadata block of the item ("by Ann on ...", "Posted by: Ann | ...")."""
    for d in el.iterdescendants():
        if not isinstance(d.tag, str) or _inside(d, nested, el) or not _is_meta(d):
            continue
        name = _byline(" ".join(d.itertext()))
        if name:
            return name
    return None


def _clean_author(text: str) -> str | None:
    """A name out of an author element's text: no "says:", "Posted by", date or URL."""
    text = re.sub(r"(?:https?://|www\.)\S+", " ", text)
    text = _WS.sub(" ", text).strip()
    text = text.split("\n")[0].strip()
    text = _SAYS.sub("", text).strip()
    text = re.sub(r"^(?:by|posted by|comment by|from)\s+", "", text, flags=re.I).strip()
    text = re.split(r"\s+(?:on|at|\|)\s+(?=\w*\d)", text)[0].strip(" -|,:")
    text = _TRAILING_DATE.sub("", text)
    text = re.sub(r"^#?\d+[.)]?\s+(?=\D)", "", text).strip(" -|,:")  # "3 Ann" in a numbered thread
    if not text or len(text) > 80 or _DATE_LINE.match(text) or _UI_WORDS.match(text) or not _LETTER.search(text):
        return None
    return text


def _author(el: HtmlElement, nested: set[HtmlElement]) -> tuple[str | None, HtmlElement | None]:
    """The comment's author and the element naming it, outside the ``nested`` replies."""
    for xp in _AUTHOR_XPATHS:
        for cand in el.xpath(xp, namespaces=_RE_NS):
            if _inside(cand, nested, el):
                continue
            if len("".join(cand.itertext()).strip()) > 100:
                # a wrapper holding more than the name: take its first short link or bold name
                links = [a for a in cand.iter("a", "strong", "b", "cite") if 0 < len("".join(a.itertext()).strip()) <= 50]
                if not links:
                    continue
                cand = links[0]
            name = _clean_author(" ".join(cand.itertext()))
            if name:
                return name, cand
    return None, None


def _inside(cand: HtmlElement, nested: set[HtmlElement], root: HtmlElement) -> bool:
    """Whether ``cand`` sits in one of the ``nested`` subtrees below ``root``."""
    anc = cand
    while anc is not None and anc is not root:
        if anc in nested:
            return True
        anc = anc.getparent()
    return False


def _text(el: HtmlElement, skip: set[HtmlElement]) -> str:
    """Visible text of ``el`` minus metadata blocks; if that leaves nothing, minus ``skip`` only."""
    return _text_of(el, skip, drop_meta=True) or _text_of(el, skip, drop_meta=False)


def _text_of(el: HtmlElement, skip: set[HtmlElement], *, drop_meta: bool) -> str:
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
        if node is not el and (node in skip or not isinstance(node.tag, str) or node.tag in _DROP_TAGS or (drop_meta and _is_meta(node))):
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
        if not _WORDCHAR.search(line) or _UI_WORDS.match(line) or _BARE_BYLINE.match(line) or (
            len(line) < 60 and _DATE_LINE.match(line)
        ):
            continue
        lines.append(line)
    return "\n".join(lines)


def extract_comments(tree: HtmlElement) -> tuple[list[Comment], list[HtmlElement]]:
    """The comments of ``tree`` in document order, and the item elements they came from."""
    items = find_items(tree)
    items = items + _section_items(tree, items)
    if len(items) > 1:
        index = {e: i for i, e in enumerate(tree.iter())}
        items.sort(key=lambda it: index.get(it.el, 0))
    return _build(items)


def _build(items: list[_Item]) -> tuple[list[Comment], list[HtmlElement]]:
    """Comments from item elements: author, text, reply parent."""
    if not items:
        return [], []
    items = _pair_terms(items)
    item_els = {it.el for it in items}
    comments: list[Comment] = []
    kept: list[HtmlElement] = []
    ids: dict[HtmlElement, str] = {}
    last_at_depth: dict[int, str] = {}
    for it in items:
        nested = {d for d in it.el.iterdescendants() if d in item_els}
        author, author_el = _author(it.el, nested)
        if it.head is not None:
            head_text = " ".join(it.head.itertext())
            author = _byline(head_text) or _clean_author(head_text) or author
        if author is None:
            author = _meta_byline(it.el, nested)
        skip = set(nested)
        if author_el is not None:
            skip.add(author_el)
        text = _text(it.el, skip)
        if author and text.startswith(author):
            text = _SAYS.sub("", text[len(author):].split("\n", 1)[0]) + (
                "\n" + text.split("\n", 1)[1] if "\n" in text else "")
            text = text.strip()
        elif author is None and text:
            first, _, rest = text.partition("\n")
            name = _byline(first)
            if name and rest.strip():
                author, text = name, rest.strip()
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
        if it.head is not None:
            kept.append(it.head)
    return comments, kept

"""Plain-text reports: title, subtitle, byline, body, author block and reader comments,
recognised by layout.

A report saved as text usually looks like this (the seed is one)::

    Title line                          short, first block
                                        blank
    Subtitle line                       short, no final full stop
    By Jane Doe | March 3, 2025         optional byline / dateline blocks
    Body paragraph ...                  blocks separated by blank lines
    Author: Jane Doe                    optional author block, then a short bio
    Jane Doe is a reporter ...
      • Reader                          comment thread: a marked (bullet) or indented
        Comment text ...                author line, its text indented under it,
        • Replier                       replies indented further
          Reply text ...

Nothing here depends on the words of one report: the cues are blank lines, line length,
indentation, bullets, final punctuation and a few field labels ("By", "Author:", "Posted by").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Comment, Document
from .dates import find_date

BULLETS = "•◦‣▪▫●○·*-–—>"
_BULLET_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<bullet>[•◦‣▪▫●○·*–—-])[ \t]+(?P<rest>\S.*)$")
_AUTHOR_LABEL = re.compile(
    r"^(?:authors?|written by|posted by|reporting by|story by|words by)\s*[:\-–—]?\s+(?P<names>.+)$", re.I)
_BYLINE = re.compile(r"^(?i:by)\s+(?P<names>[A-Z][^\n]{1,120})$")
_AND = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*$")
_FURNITURE = re.compile(
    r"^(?:share(?: this(?: article| story| post)?)?(?: on \w+)?|tweet|print|email|advertisement|"
    r"related(?: articles?| stories| posts)?|read more|read next|more from [\w ]+|see also|"
    r"subscribe[\w ]*|sign up[\w ]*|follow us[\w ]*|click here[\w ]*|comments?|\d+ comments?|"
    r"leave a (?:reply|comment)|reply|report|like|permalink|tags?|filed under|back to top|"
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit)(?:\s*[|/·]\s*\w+)*)\b\s*[:|]?.{0,80}$",
    re.I,
)
_COMMENT_META = re.compile(
    r"^(?:reply|report|like|share|permalink|\d+\s+(?:likes?|replies|points?)|"
    r"(?:\d+|a|an)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)(?:\s*[·•|]\s*.*)?$",
    re.I,
)
_MAX_HEAD_LINE = 160
_MAX_AUTHOR_LINE = 60


@dataclass
class Block:
    """Consecutive non-blank lines."""

    lines: list[str]
    indents: list[int]
    index: int = 0

    @property
    def indent(self) -> int:
        return self.indents[0]

    @property
    def text(self) -> str:
        return unwrap(self.lines)

    @property
    def single(self) -> bool:
        return len(self.lines) == 1


@dataclass
class _Node:
    indent: int
    comment: Comment
    paragraphs: list[str] = field(default_factory=list)


def unwrap(lines: list[str]) -> str:
    """Join hard-wrapped lines of one paragraph with single spaces."""
    return " ".join(line.strip() for line in lines if line.strip())


def blocks_of(text: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    out: list[Block] = []
    cur: list[str] = []
    for line in text.split("\n") + [""]:
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            out.append(Block(cur, [len(x) - len(x.lstrip()) for x in cur], len(out)))
            cur = []
    # A bullet line glued to the text under it (no blank line between) still starts a comment.
    split: list[Block] = []
    for b in out:
        start = 0
        for i in range(1, len(b.lines)):
            if _BULLET_LINE.match(b.lines[i]) and len(b.lines[i].strip()) <= _MAX_AUTHOR_LINE:
                split.append(Block(b.lines[start:i], b.indents[start:i]))
                start = i
        split.append(Block(b.lines[start:], b.indents[start:]))
    for i, b in enumerate(split):
        b.index = i
    return split


def _is_heading(b: Block) -> bool:
    t = b.text
    return b.single and len(t) <= _MAX_HEAD_LINE and not _SENTENCE_END.search(t) and b.indent == 0


def _names(s: str) -> list[str]:
    s = re.split(r"\s+[|·•]\s+|\s+[-–—]\s+(?=[A-Z0-9])", s)[0]  # "Jane Doe | Outlet" -> "Jane Doe"
    s = re.sub(r",?\s+(?:in|for)\s+[A-Z][\w .'-]*$", "", s)    # "Jane Doe in Beirut"
    names = [n.strip(" .,;:") for n in _AND.split(s) if n.strip(" .,;:")]
    return [n for n in names if _is_name(n)]


_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "du", "del", "van", "von",
              "der", "den", "le", "la", "ben", "ould", "y"}


def _is_name(s: str) -> bool:
    """A person's name as bylines write it: 1-5 tokens, each capitalised or a name particle."""
    toks = s.split()
    if not 1 <= len(toks) <= 5 or not toks[0][:1].isupper():
        return False
    for t in toks:
        core = t.strip(".,'’")
        if not core:
            return False
        if core[0].isupper() or core.lower() in _PARTICLES or re.match(r"(?:al|el|ad|ar|as|an|at)-\w", core, re.I):
            continue
        return False
    return True


def _author_line(b: Block) -> list[str] | None:
    if not b.single or len(b.text) > 120 or b.text.endswith("."):
        return None
    m = _AUTHOR_LABEL.match(b.text) or _BYLINE.match(b.text)
    return _names(m.group("names")) if m else None


def _looks_like_comment_author(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > _MAX_AUTHOR_LINE or _SENTENCE_END.search(s) and not s.endswith(("said:", "wrote:")):
        return False
    s = re.sub(r"\s+(?:said|wrote|says)\s*:?$", "", s)
    return len(s.split()) <= 6


_THREAD_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:reader(?:s'?)?\s+|user\s+)?(?:comments?|responses?|replies|discussion)(?:\s*\(\d+\))?\s*:?$|"
    r"^(?:leave a (?:reply|comment)|join the discussion|what readers say)\s*:?$", re.I)


def _author_at(blocks: list[Block], i: int, *, loose: bool = False) -> str | None:
    """The comment author named by block ``i`` when it opens a comment, else None.

    An author line is short, is one line, and has the comment's text under it: indented
    deeper, or (``loose``, inside a thread opened by a heading) simply the next block.
    """
    b = blocks[i]
    if not b.single:
        return None
    m = _BULLET_LINE.match(b.lines[0])
    name = m.group("rest") if m else b.text
    if not _looks_like_comment_author(name):
        return None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None or _BULLET_LINE.match(nxt.lines[0]) and nxt.single:
        return None
    indent = len(m.group("indent")) if m else b.indent
    if nxt.indent > indent or (loose and nxt.indent >= indent and not _looks_like_comment_author(nxt.text)):
        return re.sub(r"\s+(?:said|wrote|says)\s*:?$", "", name.strip())
    return None


def _thread_start(blocks: list[Block], first: int) -> tuple[int, int] | None:
    """(index of the first thread block, index of the first comment) or None.

    A thread opens with a comment-author line (bullet-marked, or indented above deeper text)
    once the body has begun, or with a heading such as "12 Comments" followed by one.
    """
    for i in range(first, len(blocks)):
        b = blocks[i]
        if b.single and _THREAD_HEADING.match(b.text) and i + 1 < len(blocks):
            if _author_at(blocks, i + 1, loose=True):
                return i, i + 1
        if (b.indent > 0 or _BULLET_LINE.match(b.lines[0])) and _author_at(blocks, i):
            return i, i
    return None


def _parse_thread(blocks: list[Block], *, loose: bool) -> list[Comment]:
    """Comments from the thread's blocks; a reply is indented deeper than its parent."""
    stack: list[_Node] = []
    nodes: list[_Node] = []
    for i, b in enumerate(blocks):
        author = _author_at(blocks, i, loose=loose)
        if author is not None:
            m = _BULLET_LINE.match(b.lines[0])
            indent = len(m.group("indent")) if m else b.indent
            while stack and stack[-1].indent >= indent:
                stack.pop()
            parent = stack[-1].comment.id if stack else None
            node = _Node(indent, Comment(id=f"c{len(nodes) + 1}", text="", author=author, parent=parent))
            nodes.append(node)
            stack.append(node)
            continue
        if not stack or (b.single and _COMMENT_META.match(b.text)):
            continue
        stack[-1].paragraphs.append(b.text)
    for n in nodes:
        n.comment.text = "\n\n".join(n.paragraphs)
    return [n.comment for n in nodes if n.comment.text]


def parse_text(text: str, source: str, *, title: str | None = None,
               published: str | None = None) -> Document:
    """Split a plain-text report into a :class:`Document` by its layout.

    ``title`` given (as a JSONL record carries it) means the text is the article alone, with no
    title line of its own to find. ``published`` is used when the text carries no date.
    """
    blocks = blocks_of(text)
    authors: list[str] = []
    subtitle: str | None = None
    found_date: str | None = None
    i = 0
    title_in_text = False
    if title is None and blocks and _is_heading(blocks[0]) and len(blocks) > 1:
        title = blocks[0].text
        title_in_text = True
        i = 1
    # Head: subtitle, byline, dateline, in any order, before the first paragraph.
    while i < len(blocks) - 1:
        b = blocks[i]
        names = _author_line(b)
        if names:
            authors += names
            i += 1
            continue
        if b.single and len(b.text) <= 80 and (d := find_date(b.text, whole=True)):
            found_date = found_date or d
            i += 1
            continue
        if title_in_text and subtitle is None and _is_heading(b) and not authors and i <= 2 and len(b.text.split()) >= 3:
            subtitle = b.text
            i += 1
            continue
        break
    thread = _thread_start(blocks, i + 1)
    end = thread[0] if thread else len(blocks)
    comments = _parse_thread(blocks[thread[1]:], loose=thread[0] != thread[1]) if thread else []

    body_paras: list[str] = []
    in_author_block = False
    for b in blocks[i:end]:
        names = _author_line(b)
        if names and body_paras:
            # Author block at the foot: the label line and the bio after it are not the article.
            authors += [n for n in names if n not in authors]
            in_author_block = True
            continue
        if in_author_block:
            continue
        if b.single and len(b.text) <= 100 and not _SENTENCE_END.search(b.text) and _FURNITURE.match(b.text):
            continue
        body_paras.append(b.text)
    body = "\n\n".join(body_paras)
    return Document(
        source=source, body=body, title=title, subtitle=subtitle,
        authors=list(dict.fromkeys(authors)), published=found_date or published,
        comments=comments, kind="text",
    )

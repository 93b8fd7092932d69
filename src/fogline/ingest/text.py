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
_RULE = re.compile(r"^\s*[-=_*~#.·•]{3,}\s*$")
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)", re.I)
_NAV = re.compile(r"^[^.!?]{0,40}(?:\s+[|·•/]\s+[^.!?|·•/]{1,40}){2,}$")  # "Home | News | World"
_CREDIT = re.compile(r"^\(?\s*(?:(?:additional\s+)?reporting|writing|compiled)\s+by\s+(?P<names>.+?)\)?\s*$", re.I)
# "TARHUNA, Libya, March 11 (Tanit Wire) - " opening the first paragraph of wire copy.
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,[^()\n]{1,60})?\s\((?P<outlet>[A-Z][\w .&'-]{1,40})\)\s*[-–—]\s")
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


def field_kind(line: str) -> str | None:
    """What a short line is, when it is not prose: rule, furniture, nav, copyright, date, byline."""
    t = line.strip()
    if _RULE.match(t):
        return "rule"
    if _COPYRIGHT.match(t):
        return "copyright"
    if len(t) > 120:
        return None
    if _NAV.match(t):
        return "nav"
    if _FURNITURE.match(t) and (not _SENTENCE_END.search(t) or re.match(r"[\w ]{2,20}:\s", t)):
        return "furniture"  # "Share this article", "Related: Who is ...?"
    if len(t) <= 80 and find_date(t, whole=True):
        return "date"
    if (m := _AUTHOR_LABEL.match(t) or _BYLINE.match(t)) and not t.endswith(".") and _names(m.group("names")):
        return "byline"
    return None


def _split_fields(b: Block) -> list[Block]:
    """Give each field line of a block (a byline, a date, a rule, furniture) a block of its own,
    keeping runs of prose lines together."""
    if b.single:
        return [b]
    kinds = [field_kind(x) for x in b.lines]
    if not any(kinds):
        return [b]
    out: list[Block] = []
    run: list[int] = []
    for j, k in enumerate(kinds):
        if k:
            if run:
                out.append(Block([b.lines[r] for r in run], [b.indents[r] for r in run]))
                run = []
            out.append(Block([b.lines[j]], [b.indents[j]]))
        else:
            run.append(j)
    if run:
        out.append(Block([b.lines[r] for r in run], [b.indents[r] for r in run]))
    return out


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
            glued_bullet = _BULLET_LINE.match(b.lines[i]) and len(b.lines[i].strip()) <= _MAX_AUTHOR_LINE
            # "Salma R." with her comment indented right under it, no blank line between.
            glued_text = (i == start + 1 and b.indents[i] > b.indents[start]
                          and _looks_like_comment_author(_BULLET_LINE.sub(r"\g<rest>", b.lines[start])))
            if glued_bullet or glued_text:
                split.append(Block(b.lines[start:i], b.indents[start:i]))
                start = i
        split.append(Block(b.lines[start:], b.indents[start:]))
    split = [x for b in split for x in _split_fields(b)]
    for i, b in enumerate(split):
        b.index = i
    return split


def _is_heading(b: Block) -> bool:
    t = b.text
    return b.single and len(t) <= _MAX_HEAD_LINE and not _SENTENCE_END.search(t) and b.indent == 0


def _names(s: str) -> list[str]:
    s = re.split(r"\s+[|·•]\s+|\s+[-–—]\s+(?=[A-Z0-9])", s)[0]  # "Jane Doe | Outlet" -> "Jane Doe"
    parts = [re.sub(r",?\s+(?:in|for|at)\s+[A-Z][\w .'-]*$", "", n) for n in _AND.split(s)]  # "Jane Doe in Beirut"
    names = [n.strip(" .,;:") for n in parts if n.strip(" .,;:")]
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
    if not s or len(s) > _MAX_AUTHOR_LINE or field_kind(s):
        return False
    if _SENTENCE_END.search(s) and not re.search(r"(?:\b[A-Z]\.|said:|wrote:)$", s):  # "Salma R." is a name
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
        if not stack or (b.single and (_COMMENT_META.match(b.text) or field_kind(b.text))):
            continue
        stack[-1].paragraphs.append(b.text)
    for n in nodes:
        n.comment.text = "\n\n".join(n.paragraphs)
    return [n.comment for n in nodes if n.comment.text]


_NOISE = ("rule", "furniture", "nav", "copyright")


def _kind(b: Block) -> str | None:
    return field_kind(b.text) if b.single else None


def _bare_name(b: Block) -> bool:
    return b.single and _is_name(b.text) and 2 <= len(b.text.split()) <= 4 and not any(ch.isdigit() for ch in b.text)


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
    # A rule near the top closes a masthead and navigation bar: nothing above it is the report.
    rules = [j for j, b in enumerate(blocks[:4]) if _kind(b) == "rule"]
    if rules and rules[-1] < len(blocks) - 1:
        i = rules[-1] + 1
    while i < len(blocks) - 1 and _kind(blocks[i]) in _NOISE:  # navigation, rules
        i += 1
    title_in_text = False
    if title is None and i < len(blocks) - 1:
        b = blocks[i]
        if _is_heading(b):
            title, title_in_text, i = b.text, True, i + 1
        elif (len(b.lines) == 2 and all(len(x.strip()) <= _MAX_HEAD_LINE and not re.search(r"[.;,:]$", x.strip())
                                        for x in b.lines) and b.lines[1].strip()[:1].isupper()):
            # Headline and standfirst on consecutive lines.
            title, subtitle, title_in_text, i = b.lines[0].strip(), b.lines[1].strip(), True, i + 1
    # Head: subtitle, byline, dateline, in any order, before the first paragraph.
    while i < len(blocks) - 1:
        b = blocks[i]
        kind = _kind(b)
        if kind == "byline":
            authors += _author_line(b) or []
        elif kind == "date":
            found_date = found_date or find_date(b.text, whole=True)
        elif kind in _NOISE:
            pass
        elif _bare_name(b) and any(_kind(x) == "date" for x in blocks[max(0, i - 1):i + 2]):
            authors.append(b.text.strip())  # "Jane Doe" over or under the dateline
        elif title_in_text and subtitle is None and _is_heading(b) and not authors and len(b.text.split()) >= 3:
            subtitle = b.text
        else:
            break
        i += 1
    thread = _thread_start(blocks, i + 1)
    end = thread[0] if thread else len(blocks)
    comments = _parse_thread(blocks[thread[1]:], loose=thread[0] != thread[1]) if thread else []

    body_paras: list[str] = []
    in_author_block = False
    for b in blocks[i:end]:
        kind = _kind(b)
        if kind == "byline" and body_paras and re.match(r"(?i)(?:authors?|written by|posted by)\b", b.text):
            # Author block at the foot: the label line and the bio after it are not the article.
            authors += [n for n in _author_line(b) or [] if n not in authors]
            in_author_block = True
            continue
        if in_author_block or kind in _NOISE:
            continue
        if m := _CREDIT.match(b.text):  # "(Reporting by A in X and B; Editing by C)"
            authors += [n for n in _names(re.split(r";", m.group("names"))[0]) if n not in authors]
            continue
        body_paras.append(b.text)
    body = "\n\n".join(body_paras)
    wire = _WIRE_DATELINE.match(body)
    return Document(
        source=source, body=body, title=title, subtitle=subtitle,
        authors=list(dict.fromkeys(authors)), published=found_date or published,
        comments=comments, kind="text", outlet=wire.group("outlet").strip() if wire else None,
    )

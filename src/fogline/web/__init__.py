"""The dashboard: a read-only browser over a fogline store (``fogline serve``).

Every page is rendered by Jinja2 with autoescaping on, so report text, titles and reader comments
(all untrusted, possibly HTML) are shown as text, never as markup; responses carry a strict
Content-Security-Policy (no scripts at all, styles from this app only). The app only reads the
store, through :class:`fogline.store.Store`'s parameterised queries. :func:`serve` binds to
127.0.0.1 unless a host is given.

Pages: ``/`` (documents, with a title/text filter, and rejected inputs), ``/documents/{id}`` (a
report with every event, claim, silence and agreement mention marked in its text and listed with
its evidence), ``/situations`` and ``/situations/{id}`` (a story across reports: contested
propositions with every actor's position, agreements and their status history, figures by source,
the timeline, actors; each point linked to the report and fact it came from), and JSON at
``/api/documents``, ``/api/documents/{id}`` and ``/api/situations/{id}`` (the contract's shapes).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.middleware.base import BaseHTTPMiddleware

from ..errors import StoreError
from ..store import Store

__all__ = ["create_app", "serve", "marked_segments", "LOOPBACK"]

HERE = Path(__file__).parent
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
PAGE = 100

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class Mark:
    """One fact's key words inside a part's text: what the reader sees highlighted."""

    start: int
    end: int
    kind: str    # event | claim | silence | agreement
    ref: str     # the fact's id, the anchor of its row in the tables
    label: str   # tooltip: "ASSAULT 190", "Hezbollah denies"


@dataclass(frozen=True)
class Segment:
    text: str
    marks: tuple[Mark, ...] = ()
    anchor: str | None = None   # id of the first fact that starts here

    @property
    def kinds(self) -> str:
        return " ".join(sorted({m.kind for m in self.marks}))

    @property
    def title(self) -> str:
        return "; ".join(m.label for m in self.marks)


def marked_segments(text: str, marks: list[Mark], anchored: set[str] | None = None) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece knows the marks covering it. Overlapping
    marks nest naturally; marks outside the text are ignored. A fact's anchor goes on the first
    piece where one of its marks starts, once per page (``anchored``: refs already placed)."""
    anchored = set() if anchored is None else anchored
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[str]] = {}
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        starting.setdefault(m.start, []).append(m.ref)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = tuple(m for m in marks if m.start <= a and b <= m.end)
        anchor = next((r for r in starting.get(a, []) if r not in anchored), None) if covering else None
        if anchor:
            anchored.add(anchor)
        out.append(Segment(text[a:b], covering, anchor))
    return out


def _span_mark(span: dict[str, Any] | None, kind: str, ref: str, label: str) -> tuple[str, Mark] | None:
    if not span or span.get("start") is None:
        return None
    return span["part"], Mark(int(span["start"]), int(span["end"]), kind, ref, label)


STANCE_VERB = {"assert": "asserts", "deny": "denies", "silent": "is silent", "mixed": "is mixed"}


def _actor(a: dict[str, Any] | None) -> str:
    return (a or {}).get("name") or ""


def network_layout(edges: list[dict[str, Any]], *, max_nodes: int = 12, size: int = 420) -> dict[str, Any]:
    """Positions for drawing the situation's network as an SVG (no script): the ``max_nodes`` actors
    with the most edges on a circle, each edge a line from source to target shortened to stop at
    the node, its width by count and its class by tone."""
    import math

    degree: dict[str, int] = {}
    for e in edges:
        for a in (e["source"]["name"], e["target"]["name"]):
            degree[a] = degree.get(a, 0) + e["count"]
    names = sorted(degree, key=lambda n: (-degree[n], n))[:max_nodes]
    width = size + 240              # room beside the circle for the names
    c, cy, r = width / 2, size / 2, size / 2 - 50
    pos = {n: (c + r * math.cos(2 * math.pi * i / len(names) - math.pi / 2),
               cy + r * math.sin(2 * math.pi * i / len(names) - math.pi / 2)) for i, n in enumerate(names)}
    lines = []
    for e in edges:
        a, b = pos.get(e["source"]["name"]), pos.get(e["target"]["name"])
        if a is None or b is None:
            continue
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1.0
        ux, uy = dx / d, dy / d
        # mutual edges (A->B and B->A) are drawn side by side, not on top of each other
        ox, oy = -uy * 3, ux * 3
        lines.append({"x1": round(a[0] + ux * 9 + ox, 1), "y1": round(a[1] + uy * 9 + oy, 1),
                      "x2": round(b[0] - ux * 12 + ox, 1), "y2": round(b[1] - uy * 12 + oy, 1),
                      "tone": e["tone"], "width": round(1 + math.log2(e["count"]), 1),
                      "title": f'{e["source"]["name"]} {e["type"].lower()} {e["target"]["name"]} ({e["count"]})'})
    nodes = [{"name": n, "label": n if len(n) <= 26 else n[:24] + "…", "x": round(x, 1), "y": round(y, 1), "anchor": "start" if x > c + 1 else "end" if x < c - 1
              else "middle", "lx": round(x + (8 if x > c + 1 else -8 if x < c - 1 else 0), 1),
              "ly": round(y + (16 if y > cy + 1 else -10 if y < cy - 1 else 4), 1)} for n, (x, y) in pos.items()]
    return {"width": width, "height": size, "nodes": nodes, "lines": lines, "shown": len(names), "actors": len(degree)}


def document_marks(doc: Any) -> dict[str, list[Mark]]:
    """Per part: the trigger of every event, the cue and content of every claim, each silence and
    agreement mention (their evidence, which is short)."""
    found: list[tuple[str, Mark] | None] = []
    for e in doc.events:
        label = f"{e['type']} {e.get('cameo') or ''}".strip()
        found.append(_span_mark(e.get("trigger_span") or e["evidence"], "event", e["id"], label))
    for c in doc.claims:
        who = _actor(c.get("speaker")) or "unnamed"
        verb = STANCE_VERB.get(c["stance"], c["stance"])
        found.append(_span_mark(c.get("cue_span"), "claim", c["id"], f"{who} {verb}"))
        found.append(_span_mark(c.get("content_span"), "content", c["id"], f"what {who} {verb}"))
    for i, s in enumerate(doc.silences):
        found.append(_span_mark(s.get("evidence"), "silence", f"silence{i}", f"{_actor(s.get('actor'))} is silent"))
    for a in doc.agreements:
        found.append(_span_mark(a.get("evidence"), "agreement", a["id"], f"agreement: {a.get('label') or a.get('kind')}"))
    out: dict[str, list[Mark]] = {}
    for item in found:
        if item:
            out.setdefault(item[0], []).append(item[1])
    return out


class _Headers(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response


EXPORT_SUFFIX = {"contract": "jsonl", "plover": "jsonl", "cameo": "tsv", "acled": "csv", "claims": "csv"}
EXPORT_TYPE = {"contract": "application/x-ndjson", "plover": "application/x-ndjson",
               "cameo": "text/tab-separated-values; charset=utf-8", "acled": "text/csv; charset=utf-8",
               "claims": "text/csv; charset=utf-8"}


def create_app(db: str | Store = "fogline.db") -> FastAPI:
    """The dashboard over the store ``db`` (a path, an SQLAlchemy URL or an open Store)."""
    store = db if isinstance(db, Store) else Store.open(db)
    app = FastAPI(title="fogline", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(_Headers)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    templates = Jinja2Templates(env=env)
    app.state.store = store

    def _doc(doc_id: str) -> Any:
        docs = store.load_documents([doc_id])
        if not docs:
            raise HTTPException(status_code=404, detail=f"no document {doc_id!r} in the store")
        return docs[0]

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, q: str = Query("", max_length=200), page: int = Query(0, ge=0)) -> Any:
        rows, total = store.document_summaries(q or None, limit=PAGE, offset=page * PAGE)
        return templates.TemplateResponse(request, "index.html", {
            "rows": rows, "total": total, "q": q, "page": page, "pages": (total + PAGE - 1) // PAGE,
            "counts": store.counts(), "rejections": store.rejections()})

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, doc_id: str) -> Any:
        doc = _doc(doc_id)
        marks = document_marks(doc)
        parts = [("title", "Title", doc.title or ""), ("subtitle", "Subtitle", doc.subtitle or ""),
                 ("body", "Body", doc.body)]
        anchored: set[str] = set()
        segs = {p: marked_segments(t, marks.get(p, []), anchored) for p, _, t in parts if t}
        comments = [(c, marked_segments(c.text, marks.get(f"comment:{c.id}", []), anchored)) for c in doc.comments]
        return templates.TemplateResponse(request, "document.html", {
            "situation": store.situation_of(doc.id), "doc": doc, "segs": segs, "comments": comments, "actor": _actor, "anchored": anchored,
            "stance_verb": STANCE_VERB})

    def _situation(sid: str) -> dict[str, Any]:
        try:
            return store.load_situation(sid)
        except StoreError:
            raise HTTPException(status_code=404, detail=f"no situation {sid!r} in the store") from None

    @app.get("/situations", response_class=HTMLResponse)
    def situations(request: Request) -> Any:
        rows = store.situations()
        first_docs = {r["id"]: store.situation_members(r["id"])[0][:1] for r in rows}
        titles = store.titles(d for ids in first_docs.values() for d in ids)
        return templates.TemplateResponse(request, "situations.html", {
            "rows": rows, "lead": {sid: titles.get(ids[0]) if ids else None for sid, ids in first_docs.items()}})

    @app.get("/situations/{sid}", response_class=HTMLResponse)
    def situation(request: Request, sid: str) -> Any:
        sit = _situation(sid)
        refs = [t["ref"] for t in sit.get("timeline", [])]
        refs += [c for p in sit.get("propositions", []) for pos in p["positions"] for c in pos.get("claims", [])]
        refs += [r for e in sit.get("network", []) for r in e["refs"][:3]]
        facts = store.fact_documents(refs)
        docs = store.titles(sit.get("documents", []))
        props = sorted(sit.get("propositions", []), key=lambda p: (not p.get("contested"), -len(p["positions"])))
        return templates.TemplateResponse(request, "situation.html", {
            "sit": sit, "facts": facts, "docs": docs, "props": props, "actor": _actor,
            "graph": network_layout(sit.get("network", [])),
            "stance_verb": STANCE_VERB, "duplicates": {d["document"]: d["duplicate_of"]
                                                       for d in sit.get("duplicates", [])}})

    @app.get("/api/situations/{sid}")
    def api_situation(sid: str) -> JSONResponse:
        return JSONResponse(_situation(sid))

    @app.get("/api/documents")
    def api_documents(q: str = Query("", max_length=200), page: int = Query(0, ge=0)) -> JSONResponse:
        rows, total = store.document_summaries(q or None, limit=PAGE, offset=page * PAGE)
        return JSONResponse({"total": total, "page": page, "documents": rows})

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str) -> JSONResponse:
        return JSONResponse(_doc(doc_id).to_dict())

    @app.get("/export/{fmt}")
    def export(fmt: str, situation: str | None = Query(None, max_length=64)) -> Response:
        """The store, or one situation, in an export format (fogline.export), as a download."""
        from ..export import FORMATS, export_text

        if fmt not in FORMATS:
            raise HTTPException(status_code=404, detail=f"no export format {fmt!r}; one of {', '.join(FORMATS)}")
        ids = None
        if situation:
            ids, _dups = store.situation_members(situation)
            if not ids:
                raise HTTPException(status_code=404, detail=f"no situation {situation!r} in the store")
        name = f"fogline-{situation or 'store'}-{fmt}.{EXPORT_SUFFIX[fmt]}"
        return Response(export_text(fmt, store.load_documents(ids)), media_type=EXPORT_TYPE[fmt],
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8765) -> None:  # pragma: no cover - runs a server
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")

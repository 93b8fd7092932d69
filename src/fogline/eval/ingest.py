"""Ingest quality: fogline's HTML reader against plain trafilatura, on public gold sets.

Two sets under ``<shared>/data/ingest`` (see ``<shared>/data/README.md``):

* ``dragnet``: pages with gold article text and gold reader comments, split into
  ``training.txt`` (for tuning) and ``test.txt`` (for reporting). Scored: body and comments.
* ``scrapinghub_aeb``: news pages with gold ``articleBody``. Scored: body.

Metric: bag-of-tokens precision, recall and F1, as the Dragnet and trafilatura evaluations
compute them. Tokens are lowercased ``\\w+`` runs; the overlap of prediction and gold is the
multiset intersection. Figures are **macro-averaged over pages** (each page's P, R and F1, then
the mean); micro-averaged F1 (token counts summed over pages first) is given alongside.
Per page: empty prediction and empty gold give P = R = F1 = 1; one side empty and the other
not gives 0 for all three.

Both systems see the same decoded HTML string in the same run:

* fogline: :func:`fogline.ingest.html.parse_html` (body; comments joined by new lines);
* trafilatura: ``trafilatura.extract(html)`` for the body and
  ``trafilatura.bare_extraction(html, include_comments=True).comments`` for comments.

Comment F1 is reported two ways: over the pages whose gold has comments, and over all pages
(a page with no gold comments and no predicted comments counts F1 = 1).
"""
from __future__ import annotations

import gzip
import json
import os
import re
import time
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..shared import SharedMissing

DRAGNET_MARKER = "!@#$%^&*()"
_TOKEN = re.compile(r"\w+")


class SharedDataMissing(SharedMissing, FileNotFoundError):
    """The shared gold folder (``../shared/data/ingest``) is not there; callers skip.

    A :class:`fogline.shared.SharedMissing`, so ``fogline eval ingest`` prints "skipped: ..."."""


# --------------------------------------------------------------------------- locating data


def find_shared(shared: Path | str | None = None) -> Path:
    """The shared folder: ``shared`` if given, else ``$FOGLINE_SHARED``, else ``../shared``
    next to the working directory or next to the repository holding this package.

    Raises :class:`SharedDataMissing` when none holds ``data/ingest``.
    """
    if shared is not None:
        candidates = [Path(shared)]
    else:
        candidates = []
        if os.environ.get("FOGLINE_SHARED"):
            candidates.append(Path(os.environ["FOGLINE_SHARED"]))
        candidates += [Path.cwd() / ".." / "shared", Path(__file__).resolve().parents[3] / ".." / "shared"]
    for c in candidates:
        if (c / "data" / "ingest").is_dir():
            return c.resolve()
    raise SharedDataMissing(f"../shared not found (looked for data/ingest in: {', '.join(map(str, candidates))})")


# --------------------------------------------------------------------------- scoring


def tokens(text: str | None) -> Counter[str]:
    """The bag of lowercased ``\\w+`` tokens of ``text``."""
    return Counter(_TOKEN.findall((text or "").lower()))


def overlap_counts(pred: str | None, gold: str | None) -> tuple[int, int, int]:
    """``(predicted tokens, gold tokens, overlapping tokens)`` under multiset intersection."""
    p, g = tokens(pred), tokens(gold)
    return sum(p.values()), sum(g.values()), sum((p & g).values())


def prf(n_pred: int, n_gold: int, n_overlap: int) -> tuple[float, float, float]:
    """Precision, recall, F1 from token counts; both empty is a perfect 1, one empty is 0."""
    if n_pred == 0 and n_gold == 0:
        return 1.0, 1.0, 1.0
    if n_pred == 0 or n_gold == 0:
        return 0.0, 0.0, 0.0
    p, r = n_overlap / n_pred, n_overlap / n_gold
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _aggregate(rows: list[tuple[int, int, int]]) -> dict[str, float]:
    """Macro P/R/F1 (mean of per-page figures) and micro F1 over ``rows`` of token counts."""
    if not rows:
        return {"pages": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0, "micro_f1": 0.0}
    per = [prf(*r) for r in rows]
    n = len(per)
    micro = prf(sum(r[0] for r in rows), sum(r[1] for r in rows), sum(r[2] for r in rows))
    return {
        "pages": n,
        "precision": round(sum(x[0] for x in per) / n, 4),
        "recall": round(sum(x[1] for x in per) / n, 4),
        "f1": round(sum(x[2] for x in per) / n, 4),
        "micro_f1": round(micro[2], 4),
    }


# --------------------------------------------------------------------------- reading gold


def decode_text(data: bytes) -> str:
    """Gold text files come as UTF-8, UTF-16 (with BOM) or Windows-1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_html(path: Path) -> str:
    """A gzipped page, decoded the way trafilatura decodes bytes (declared or guessed charset)."""
    from trafilatura.utils import decode_file

    raw = gzip.decompress(path.read_bytes())
    text = decode_file(raw)
    return text if isinstance(text, str) else raw.decode("utf-8", errors="replace")


def split_dragnet_gold(text: str) -> tuple[str, str]:
    """``(article, comments)`` of a Dragnet ``.corrected.txt`` file."""
    head, sep, tail = text.partition(DRAGNET_MARKER)
    if not sep:
        return head, ""
    tail = tail.split("\n", 1)[1] if "\n" in tail else ""
    return head, tail


@dataclass(frozen=True)
class Page:
    """One page to score: where its HTML is and its gold texts (comments None: not scored)."""

    dataset: str
    page_id: str
    html_path: str
    gold_body: str
    gold_comments: str | None
    url: str | None = None


def dragnet_pages(shared: Path, split: str = "test") -> list[Page]:
    """The Dragnet pages listed in ``<split>.txt``, in file order."""
    root = shared / "data" / "ingest" / "dragnet"
    ids = (root / f"{split}.txt").read_text().split()
    pages = []
    for pid in ids:
        gold_path = root / "corrected" / f"{pid}.html.corrected.txt"
        html_path = root / "html" / f"{pid}.html.gz"
        if not gold_path.exists() or not html_path.exists():
            continue
        body, comments = split_dragnet_gold(decode_text(gold_path.read_bytes()))
        pages.append(Page("dragnet", pid, str(html_path), body, comments))
    return pages


def scrapinghub_pages(shared: Path) -> list[Page]:
    """The scrapinghub article-extraction-benchmark pages, sorted by id."""
    root = shared / "data" / "ingest" / "scrapinghub_aeb"
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(gold):
        html_path = root / "html" / f"{pid}.html.gz"
        if html_path.exists():
            g = gold[pid]
            pages.append(Page("scrapinghub_aeb", pid, str(html_path), g.get("articleBody") or "", None, g.get("url")))
    return pages


# --------------------------------------------------------------------------- running


def score_page(page: Page) -> dict[str, Any]:
    """Run both systems on one page; token counts per system and part, and seconds per call."""
    import trafilatura

    from fogline.errors import InputRejected
    from fogline.ingest.html import parse_html

    html = read_html(Path(page.html_path))
    out: dict[str, Any] = {"dataset": page.dataset, "id": page.page_id, "rejected": None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        try:
            doc = parse_html(html, page.html_path, url=page.url)
            f_body = doc.body
            f_comments = "\n".join(f"{c.author or ''}\n{c.text}" for c in doc.comments)
        except InputRejected as err:
            f_body, f_comments = "", ""
            out["rejected"] = err.reject.value
        t1 = time.perf_counter()
        t_body = trafilatura.extract(html, url=page.url) or ""
        t2 = time.perf_counter()
        t_body_nc = trafilatura.extract(html, url=page.url, include_comments=False) or ""
        t2b = time.perf_counter()
        t_comments = ""
        if page.gold_comments is not None:
            res = trafilatura.bare_extraction(html, url=page.url, include_comments=True)
            t_comments = (getattr(res, "comments", None) or "") if res is not None else ""
        t3 = time.perf_counter()
    out["seconds"] = {"fogline": t1 - t0, "trafilatura_body": t2 - t1, "trafilatura_comments": t3 - t2b}
    out["body"] = {
        "fogline": overlap_counts(f_body, page.gold_body),
        "trafilatura": overlap_counts(t_body, page.gold_body),
        "trafilatura_no_comments": overlap_counts(t_body_nc, page.gold_body),
    }
    if page.gold_comments is not None:
        out["gold_has_comments"] = bool(tokens(page.gold_comments))
        out["comments"] = {
            "fogline": overlap_counts(f_comments, page.gold_comments),
            "trafilatura": overlap_counts(t_comments, page.gold_comments),
        }
    return out


def _run(pages: list[Page], workers: int) -> list[dict[str, Any]]:
    if workers <= 1 or len(pages) < 8:
        return [score_page(p) for p in pages]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(score_page, pages, chunksize=4))


SYSTEMS = ("fogline", "trafilatura")
BODY_SYSTEMS = ("fogline", "trafilatura", "trafilatura_no_comments")


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate per-page rows of one dataset into body (and comment) figures per system."""
    res: dict[str, Any] = {"pages": len(rows)}
    res["body"] = {s: _aggregate([r["body"][s] for r in rows]) for s in BODY_SYSTEMS}
    with_c = [r for r in rows if "comments" in r]
    if with_c:
        res["comments_on_pages_with_gold_comments"] = {
            s: _aggregate([r["comments"][s] for r in with_c if r["gold_has_comments"]]) for s in SYSTEMS
        }
        res["comments_on_all_pages"] = {s: _aggregate([r["comments"][s] for r in with_c]) for s in SYSTEMS}
    res["rejected_by_fogline"] = sorted(r["id"] for r in rows if r["rejected"])
    return res


def evaluate(
    shared: Path | str | None = None,
    *,
    limit: int | None = None,
    split: str = "test",
    workers: int | None = None,
    datasets: tuple[str, ...] = ("dragnet", "scrapinghub_aeb"),
) -> dict[str, Any]:
    """Score fogline and plain trafilatura on the shared ingest sets in one run.

    ``limit`` keeps the first ``limit`` pages of each set (file order); ``split`` is the
    Dragnet split (``test`` to report, ``training`` to tune); ``workers`` processes share the
    pages (default: up to 2). Raises :class:`SharedDataMissing` when the data are absent.
    """
    root = find_shared(shared)
    workers = workers if workers is not None else max(1, min(2, os.cpu_count() or 1))
    page_sets: dict[str, list[Page]] = {}
    if "dragnet" in datasets:
        page_sets["dragnet"] = dragnet_pages(root, split)
    if "scrapinghub_aeb" in datasets:
        page_sets["scrapinghub_aeb"] = scrapinghub_pages(root)
    if limit is not None:
        page_sets = {k: v[:limit] for k, v in page_sets.items()}
    all_pages = [p for v in page_sets.values() for p in v]
    start = time.perf_counter()
    rows = _run(all_pages, workers)
    wall = time.perf_counter() - start
    n = max(1, len(rows))
    result: dict[str, Any] = {
        "averaging": "macro over pages (micro_f1: token counts summed over pages)",
        "tokens": "lowercased \\w+ runs, multiset overlap",
        "dragnet_split": split,
        "shared": str(root),
        "datasets": {k: summarise([r for r in rows if r["dataset"] == k]) for k in page_sets},
        "seconds_per_page": {
            "fogline": round(sum(r["seconds"]["fogline"] for r in rows) / n, 4),
            "trafilatura_body": round(sum(r["seconds"]["trafilatura_body"] for r in rows) / n, 4),
            "trafilatura_comments": round(
                sum(r["seconds"]["trafilatura_comments"] for r in rows if "comments" in r)
                / max(1, sum(1 for r in rows if "comments" in r)),
                4,
            ),
        },
        "pages": len(rows),
        "workers": workers,
        "wall_seconds": round(wall, 2),
    }
    return result


def format_report(result: dict[str, Any]) -> str:
    """A plain-text table of :func:`evaluate`'s result."""
    lines = [
        f"Ingest evaluation ({result['averaging']}; tokens: {result['tokens']})",
        f"shared: {result['shared']}; dragnet split: {result['dragnet_split']}; "
        f"{result['pages']} pages, {result['workers']} worker(s), {result['wall_seconds']} s wall",
        "",
        f"{'set / part':44} {'system':24} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'microF1':>7}",
    ]
    for name, ds in result["datasets"].items():
        for part in ("body", "comments_on_pages_with_gold_comments", "comments_on_all_pages"):
            if part not in ds:
                continue
            for system, m in ds[part].items():
                lines.append(
                    f"{name + ' / ' + part:44} {system:24} {m['pages']:>5} {m['precision']:>6.3f} "
                    f"{m['recall']:>6.3f} {m['f1']:>6.3f} {m['micro_f1']:>7.3f}"
                )
        if ds.get("rejected_by_fogline"):
            lines.append(f"{name}: fogline rejected {len(ds['rejected_by_fogline'])} page(s): "
                         + ", ".join(ds["rejected_by_fogline"][:10]))
    sp = result["seconds_per_page"]
    lines += [
        "",
        f"seconds per page: fogline {sp['fogline']:.3f} (body, metadata and comments in one call); "
        f"trafilatura extract() {sp['trafilatura_body']:.3f}, "
        f"bare_extraction(include_comments=True) {sp['trafilatura_comments']:.3f}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m fogline.eval.ingest [--split training] [--limit N] [--json]``."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None)
    ap.add_argument("--split", default="test", choices=["test", "training"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    try:
        res = evaluate(args.shared, limit=args.limit, split=args.split, workers=args.workers)
    except SharedDataMissing as err:
        print(f"skipped: {err}")
        return 0
    print(json.dumps(res, indent=2) if args.json else format_report(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""FA-KES rows (../shared/data/news/fakes_articles.csv) as documents: the multi-outlet corpus the
situations work is measured on (tests/gold/khan_sheikhoun.yaml) and the benchmark's store is
built from. Read in place, never copied."""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from ..model import Document


def _iso(mdy: str) -> str | None:
    try:
        m, d, y = (int(x) for x in mdy.strip().split("/"))
        return f"{y:04d}-{m:02d}-{d:02d}"
    except ValueError:
        return None


def fakes_rows(shared: Path) -> list[dict[str, str]]:
    with open(shared / "data" / "news" / "fakes_articles.csv", encoding="latin-1", newline="") as fh:
        return list(csv.DictReader(fh))


def fakes_documents(shared: Path, ids: Iterable[str] | None = None) -> list[Document]:
    """Documents for the rows with these unit ids (all rows if None), source ``fakes:<unit_id>``."""
    rows = fakes_rows(shared)
    if ids is not None:
        want = list(ids)
        by = {r["unit_id"]: r for r in rows}
        rows = [by[i] for i in want if i in by]
    return [Document(source=f"fakes:{r['unit_id']}", body=r["article_content"], title=r["article_title"] or None,
                     published=_iso(r["date"]), outlet=r["source"], url=f"fakes:{r['unit_id']}", kind="text")
            for r in rows]

"""Background document frequencies for situation grouping (``resources/news_df.json``).

Grouping weighs a report's words by inverse document frequency. Over the reports of one
``analyze`` call (or a young store) that idf is poor: when every report is about one chemical
attack, "chemical" is in all of them and weighs nothing, while "government" or "said" may look
rare. The background table gives each content word's document frequency in a general corpus of
conflict and political news, blended in as ``BACKGROUND_DOCS`` pseudo-documents
(:func:`fogline.situation.stories._idf`).

Built from the training split only: the 4,500 synthetic stories of ahalterman/NGEC
(``../shared/data/training/ngec_synthetic_events.csv.zip``; title and text), the same tokeniser
as the signatures (:func:`fogline.situation.stories._content`), words in at least ``MIN_DF``
stories. Rebuild with ``python -m fogline.situation.background``.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

RESOURCE = Path(__file__).resolve().parent.parent / "resources" / "news_df.json"
MIN_DF = 3


@lru_cache(maxsize=1)
def background() -> tuple[int, dict[str, int]]:
    """(number of background documents, word -> document frequency); (0, {}) when absent."""
    try:
        data = json.loads(RESOURCE.read_text())
    except OSError:
        return 0, {}
    return int(data["n"]), data["df"]


def build(shared: Path) -> dict[str, object]:
    from .stories import _content

    csv.field_size_limit(10**9)
    df: Counter[str] = Counter()
    n = 0
    with zipfile.ZipFile(shared / "data" / "training" / "ngec_synthetic_events.csv.zip") as z:
        name = next(x for x in z.namelist() if x.endswith(".csv"))
        with z.open(name) as fh:
            for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
                n += 1
                df.update(set(_content(f"{row.get('title') or ''} . {row.get('text') or ''}")))
    return {"n": n, "source": "ahalterman/NGEC synthetic events (training split), title + text",
            "df": {w: c for w, c in sorted(df.items()) if c >= MIN_DF}}


if __name__ == "__main__":  # pragma: no cover
    from ..shared import shared_dir

    RESOURCE.write_text(json.dumps(build(shared_dir()), separators=(",", ":"), sort_keys=True))
    print(RESOURCE)

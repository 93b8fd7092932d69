"""Print a seeded random sample of fogline's claims or events on real conflict reporting, for a
person to judge by hand (precision where no gold set exists).

    .venv/bin/python scripts/audit_sample.py claims --rows 700:840 --n 60 --seed 1126 [--shared ../shared]

The reports are FA-KES rows (``<shared>/data/news/fakes_articles.csv``, read in file order; rows
0-199 are the benchmark's corpus), or with ``--corpus muc4`` the MUC-4 dev reports
(``<shared>/data/events/muc4_dev.json``, file order; Latin American conflict wire copy of 1989-90,
ALL CAPS, recased by fogline), or with ``--corpus ngec`` the synthetic wire stories of NGEC
(``<shared>/data/training/ngec_synthetic_events.csv.zip``, file order, optionally only the stories
of some ``--labels``, e.g. ASSAULT,COERCE,ACCUSE; GPT-written imitations of wire copy: good for
judging attribution, never for facts); each sampled fact is printed with its speaker or actors, cue or
trigger, content or codes, and the words it came from. Judge each (speaker, cue and content right
for a claim; type, source and target right for an event) and count; keep the judged list outside
the repository (it quotes the reports). Audits made so far are listed in the session notes with
their rows, seed and counts: use fresh rows or a fresh seed for a new figure.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _ngec_documents(shared: Path, labels: str, cut: slice) -> list:
    """NGEC's synthetic stories (only those of ``labels`` when given), ``cut`` of them in file order."""
    import csv
    import io
    import zipfile

    from fogline.model import Document

    keep = {x.strip().upper() for x in labels.split(",") if x.strip()}
    with zipfile.ZipFile(shared / "data" / "training" / "ngec_synthetic_events.csv.zip") as z:
        with z.open(z.namelist()[0]) as f:
            rows = [(i, r) for i, r in enumerate(csv.DictReader(io.TextIOWrapper(f, "utf-8")))
                    if not keep or r["label"].upper() in keep]
    return [Document(source=f"ngec:{i}", body=r["text"], kind="text") for i, r in rows[cut]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kind", choices=("claims", "events"))
    ap.add_argument("--corpus", choices=("fakes", "muc4", "ngec"), default="fakes")
    ap.add_argument("--rows", default="700:840", help="reports, start:end in file order")
    ap.add_argument("--labels", default="", help="ngec only: comma-separated PLOVER labels to keep")
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1126)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args(argv)

    from fogline.api import analyse_documents

    lo, _, hi = a.rows.partition(":")
    cut = slice(int(lo or 0), int(hi) if hi else None)
    if a.corpus == "muc4":
        from fogline.eval.event_sets import MUC4_FILE, load_muc4
        from fogline.model import Document

        mucs = load_muc4(Path(a.shared) / "data" / "events" / MUC4_FILE)[0][cut]
        docs = list(analyse_documents([Document(source=f"muc4:{m.id}", body=m.text, kind="text") for m in mucs]))
    elif a.corpus == "ngec":
        docs = list(analyse_documents(_ngec_documents(Path(a.shared), a.labels, cut)))
    else:
        from fogline.situation.fakes import fakes_documents, fakes_rows

        rows = fakes_rows(Path(a.shared))[cut]
        docs = list(analyse_documents(fakes_documents(Path(a.shared), [r["unit_id"] for r in rows])))
    facts = [(d, f) for d in docs for f in (d.claims if a.kind == "claims" else d.events)]
    print(f"{len(docs)} reports, {len(facts)} {a.kind}; sample of {min(a.n, len(facts))}, seed {a.seed}", file=sys.stderr)
    random.seed(a.seed)
    for n, (d, f) in enumerate(random.sample(facts, min(a.n, len(facts)))):
        ev = f.evidence.text if f.evidence is not None else ""
        if a.kind == "claims":
            who = f.speaker.name if f.speaker else None
            said = f.speaker_span.text if f.speaker_span else None
            print(f"[{n}] {d.source} speaker={who!r} ({said!r}) cue={f.cue!r} stance={f.stance}"
                  f"{' hedged' if f.hedged else ''}")
            print(f"     content={f.content[:200]!r}")
        else:
            src = ", ".join(x.name for x in f.source) or "-"
            tgt = ", ".join(x.name for x in f.target) or "-"
            print(f"[{n}] {d.source} {f.type}/{f.mode or '-'} CAMEO {f.cameo or '-'} "
                  f"{src} -> {tgt}; date {f.date or '-'}; place {f.location.name if f.location else '-'}"
                  f"{' negated' if f.negated else ''}{' hedged' if f.hedged else ''}")
            print(f"     trigger={f.trigger_span.text if f.trigger_span else None!r}")
        print(f"     evidence={ev[:300]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

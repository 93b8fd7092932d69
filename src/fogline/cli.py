"""The ``fogline`` command: thin wrappers over the library (``fogline.api`` and friends).

Exit status: 0 all documents analysed; 1 some inputs rejected (the rest analysed and stored);
2 usage error; 3 fogline could not run (store or model unavailable).
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import FoglineError

F = TypeVar("F", bound=Callable[..., Any])


def _iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def db_option(fn: F) -> F:
    return click.option("--db", default="fogline.db", show_default=True, metavar="FILE|URL",
                        help="SQLite file or SQLAlchemy URL (postgresql://...) of the store.")(fn)


class FoglineGroup(click.Group):
    """Turns fogline's own errors into their coded message and exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FoglineError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(e.exit_code)


@click.group(cls=FoglineGroup)
@click.version_option(__version__, prog_name="fogline")
def main() -> None:
    """fogline: conflict reporting to a sourced, structured picture of a situation."""
    from .extract.neural_tagger import requested_precision

    try:
        requested_precision()   # a mistyped setting is a usage error up front, not a failure mid-batch
    except ValueError as e:
        raise click.UsageError(str(e)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_iso_date, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@db_option
@click.option("--no-store", is_flag=True, help="Analyse without writing to the store.")
@click.option("--processes", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="spaCy worker processes.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Analyse on a Dask cluster: a scheduler (tcp://host:8786) or local[:N] for N worker "
                   "processes here; needs the dask extra (pip install 'fogline[dask]').")
def analyze(paths: tuple[str, ...], published: str | None, fmt: str, out: str | None, db: str,
            no_store: bool, processes: int, dask_address: str | None) -> None:
    """Analyse reports: files (.txt, .html, .jsonl), folders, globs, or - for stdin."""
    from .api import analyze as run
    from .report import text_summary

    result = run(list(paths), published=published, db=None if no_store else db, n_process=processes,
                 dask=dask_address)
    payload = (json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n") if fmt == "json" \
        else text_summary(result)
    if out:
        Path(out).write_text(payload, encoding="utf-8")
    else:
        click.echo(payload, nl=False)
    for r in result.rejected:
        click.echo(f"rejected {r.source}: {r.code} {r.reason}", err=True)
    sys.exit(result.exit_code)


@main.command()
@db_option
@click.option("--processes", "-j", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option("--serve/--no-serve", "then_serve", default=False, show_default=True,
              help="Then open the dashboard on the store (http://127.0.0.1:8765).")
def demo(db: str, processes: int, then_serve: bool) -> None:
    """Analyse the embedded demo reports into the store and print a summary."""
    from .api import analyze as run
    from .demo import demo_paths
    from .report import text_summary
    from .store import Store

    store = Store.open(db)
    result = run([str(p) for p in demo_paths()], db=store, n_process=processes)
    click.echo(text_summary(result))
    counts = store.counts()
    click.echo(f"Store {db}: {counts['documents']} documents, {counts['comments']} comments, "
               f"{counts['records']} facts, {counts['rejections']} rejected inputs "
               f"(this run added {result.stored.get('documents', 0)} documents).")
    click.echo(f"Browse it: fogline serve --db {db}   (dashboard on http://127.0.0.1:{DEFAULT_PORT}/, "
               "localhost only)")
    if then_serve:
        _serve(db, "127.0.0.1", DEFAULT_PORT)


DEFAULT_PORT = 8765


def _serve(db: str, host: str, port: int) -> None:
    from .store import Store
    from .web import LOOPBACK, serve

    if "://" not in db and not Path(db).is_file():
        raise click.UsageError(f"no store at {db}: fill one with `fogline demo --db {db}` or `fogline analyze PATH... --db {db}`")
    Store.open(db).close()  # a bad store fails here, with its coded error, before the server starts
    if host not in LOOPBACK:
        click.echo(f"Warning: serving on {host}, reachable from other machines; the dashboard has no login.",
                   err=True)
    click.echo(f"fogline dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl-C stops it)")
    serve(db, host=host, port=port)


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but localhost exposes the store to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
def serve_cmd(db: str, host: str, port: int) -> None:
    """The dashboard: browse the store's documents with every fact marked in its text."""
    _serve(db, host, port)


@main.group()
def eval() -> None:  # noqa: A001 - the command's name
    """Measure extraction quality on the gold sets in ../shared/data."""


def _eval_options(sets: list[str] | None) -> Callable[[F], F]:
    """The options every harness takes: --shared, --limit, --json, and --set where it has sets."""

    def wrap(fn: F) -> F:
        fn = click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")(fn)
        if sets:
            fn = click.option("--set", "sets", multiple=True, type=click.Choice(sets),
                              help="Only these sets (repeatable).")(fn)
        fn = click.option("--limit", type=int, default=None, help="Score at most N texts of each set.")(fn)
        return click.option("--shared", type=click.Path(file_okay=False), default=None,
                            help="Path of shared/ (default ../shared).")(fn)

    return wrap


def _run_eval(module: str, shared: str | None, as_json: bool, **kwargs: Any) -> None:
    """Run ``fogline.eval.<module>.evaluate`` and print its report; a missing ../shared is a skip."""
    import importlib

    from .shared import SharedMissing, shared_dir

    harness = importlib.import_module(f"fogline.eval.{module}")
    try:
        res = harness.evaluate(shared_dir(shared), **kwargs)
    except SharedMissing as e:
        click.echo(f"skipped: {e}")
        return
    except ValueError as e:   # an unknown set, a tagger that is not installed
        raise click.UsageError(str(e)) from e
    click.echo(json.dumps(res, indent=2) if as_json else harness.format_report(res))


@eval.command("ingest")
@_eval_options(None)
def eval_ingest(shared: str | None, limit: int | None, as_json: bool) -> None:
    """Body and comment extraction against Dragnet and scrapinghub's benchmark, beside trafilatura."""
    _run_eval("ingest", shared, as_json, limit=limit)


@eval.command("events")
@_eval_options(["plover", "petr2", "acled", "muc4"])
@click.option("--split", type=click.Choice(["A", "B"]), default=None,
              help="Only this half of PETR2 GSR (by document id; A is the tuning half, B held out).")
def eval_events(shared: str | None, limit: int | None, sets: tuple[str, ...], as_json: bool,
                split: str | None) -> None:
    """Events against PLOVER GSR, PETR2 GSR, ACLED rows and MUC-4 dev."""
    _run_eval("events", shared, as_json, limit=limit, sets=list(sets) or None, split=split)


@eval.command("claims")
@_eval_options(["polnear", "emergent"])
@click.option("--tagger", "taggers", multiple=True, type=click.Choice(["neural", "sparse"]),
              help="Score cue words with this model (repeatable: each is scored, PolNeAR parsed once); "
                   "default: the neural tagger where the attribution extra is installed, else the sparse model.")
def eval_claims(shared: str | None, limit: int | None, sets: tuple[str, ...], as_json: bool,
                taggers: tuple[str, ...]) -> None:
    """Claims against PolNeAR dev (with two baselines) and Emergent headline stance."""
    _run_eval("claims", shared, as_json, limit=limit, sets=list(sets) or None, taggers=list(taggers) or None)


@main.command()
@click.argument("proposition")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_iso_date, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
def track(proposition: str, paths: tuple[str, ...], published: str | None, fmt: str, out: str | None) -> None:
    """Each report's and each speaker's stance toward PROPOSITION: for, against, observing."""
    from .situation.track import format_track, track_paths

    res = track_paths(proposition, list(paths), published=published)
    payload = json.dumps(res, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else format_track(res)
    if out:
        Path(out).write_text(payload, encoding="utf-8")
    else:
        click.echo(payload, nl=False)
    sys.exit(1 if res.get("rejected") else 0)


@main.command()
@click.option("--shared", type=click.Path(file_okay=False), default=None)
@click.option("--docs", type=int, default=200, show_default=True, help="How many reports to time.")
@click.option("--processes", "-j", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option("--repeat", type=click.IntRange(1, 20), default=1, show_default=True,
              help="Rounds to time (stage figures: the fastest; the event layer's share: the median).")
@click.option("--situations", is_flag=True,
              help="Instead: the cost of adding one report to a store of --docs reports (default 1000).")
@click.option("--dense", is_flag=True, help="With --situations: every report dated within one week.")
def bench(shared: str | None, docs: int, processes: int, repeat: int, situations: bool, dense: bool) -> None:
    """Throughput of fogline beside spaCy's own parse of the same text."""
    if situations:
        from .situation.bench import format_situation_bench, run_situation_bench

        size = docs if docs != 200 else 1000
        click.echo(format_situation_bench(run_situation_bench(shared=shared, size=size, dense=dense)))
        return
    from .bench import format_bench, run_bench

    click.echo(format_bench(run_bench(shared=shared, docs=docs, n_process=processes, repeat=repeat)))


@main.command()
@db_option
@click.option("--situation", "sid", metavar="ID", help="The situation to brief (default: the largest).")
@click.option("--list", "list_only", is_flag=True, help="List the stored situations and stop.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
def report(db: str, sid: str | None, list_only: bool, fmt: str) -> None:
    """A brief of one stored situation: what happened, what was agreed and what became of it, what
    is contested and by whom, who is silent, which figures disagree; every point with its evidence."""
    from .errors import StoreError
    from .report import situation_brief
    from .store import Store

    if "://" not in db and not Path(db).exists():
        raise StoreError(f"no store at {db!r}: analyse reports into it first (fogline analyze ... --db {db})")
    store = Store.open(db)
    store.place_unplaced()
    sits = store.situations()
    if not sits:
        click.echo("The store holds no situations yet.")
        return
    if list_only:
        for s in sits:
            click.echo(f"{s['id']}  {s['first'] or '?'} to {s['last'] or '?'}  {s['documents']} reports"
                       f" ({s['duplicates']} copies)")
        return
    sid = sid or sits[0]["id"]
    pic = store.load_situation(sid)
    if fmt == "json":
        click.echo(json.dumps(pic, ensure_ascii=False, indent=2))
        return
    click.echo(situation_brief(pic, store.load_documents(pic["documents"])), nl=False)



@main.command()
@click.option("--format", "fmt", type=click.Choice(["contract", "plover", "cameo", "acled", "claims"]),
              default="contract", show_default=True,
              help="contract: documents as JSON Lines; plover: events as PLOVER JSON Lines; cameo: "
                   "PETRARCH/Phoenix-style dyads (TSV); acled: ACLED-layout CSV; claims: claims and silences (CSV).")
@click.option("--situation", "sid", metavar="ID", help="Only this situation's documents (fogline report --list).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@db_option
def export(fmt: str, sid: str | None, out: str | None, db: str) -> None:
    """Export the store's documents, events or claims in the formats other tools read; every record
    names its document and the offsets of its evidence."""
    from .errors import StoreError
    from .export import write
    from .store import Store

    if "://" not in db and not Path(db).exists():
        raise StoreError(f"no store at {db!r}: analyse reports into it first (fogline analyze ... --db {db})")
    store = Store.open(db)
    ids = None
    if sid:
        store.place_unplaced()
        ids, _dups = store.situation_members(sid)
        if not ids:
            raise StoreError(f"no situation {sid!r} in the store (fogline report --list --db {db})")
    docs = store.load_documents(ids)
    if out:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            n = write(fmt, docs, fh)
        click.echo(f"{n} {fmt} records from {len(docs)} documents written to {out}", err=True)
    else:
        n = write(fmt, docs, sys.stdout)
        click.echo(f"{n} {fmt} records from {len(docs)} documents", err=True)


if __name__ == "__main__":
    main()

"""Every kind of unusable input is rejected with its code; the rest of the batch is analysed and
stored; a re-run adds no rows."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from fogline.api import analyze
from fogline.errors import Reject
from fogline.ingest import Limits
from fogline.store import Store

GOOD = ("Convoy Reaches the Valley\n\nA convoy of eight trucks reached the valley on Tuesday, aid workers said. "
        "The army said it had opened the road at dawn, while the rebels said they had not fired on the trucks. "
        "Local doctors said the flour and medicine would last for about two weeks if no more fighting broke out.\n")
SPANISH = ("La evacuación de los rebeldes de su último reducto debía comenzar el miércoles por la mañana, en un "
           "acuerdo negociado por dos potencias. Las evacuaciones no se produjeron, sin embargo, y las tropas y los "
           "rebeldes se enfrentaron de nuevo durante toda la noche en los barrios del este de la ciudad.")


def _write(tmp: Path, name: str, data: bytes | str) -> str:
    p = tmp / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(p)


BAD: dict[str, tuple[str, bytes | str, Reject]] = {
    "empty": ("empty.txt", "  \n\n \t\n", Reject.EMPTY),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, Reject.BINARY),
    "nul bytes": ("blob.txt", b"abc\x00\x01\x02def" * 200, Reject.BINARY),
    "gzip": ("page.html", gzip.compress(b"<html><body>hello</body></html>"), Reject.BINARY),
    "undecodable": ("bytes.txt", bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d]) * 300 + b"\xff\xfe\xfd" * 50, Reject.UNDECODABLE),
    "not english": ("spanish.txt", f"Título del informe\n\n{SPANISH}\n", Reject.NOT_ENGLISH),
    "html without text": ("nav.html", "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav>"
                          "<script>var a=1;</script></body></html>", Reject.NO_TEXT),
    "only page furniture": ("furniture.txt", "Share this article\n\nAdvertisement\n\nRead more\n", Reject.NO_TEXT),
}


@pytest.mark.model
@pytest.mark.parametrize("kind", list(BAD))
def test_bad_input_is_rejected_and_batch_goes_on(tmp_path, kind):
    name, data, code = BAD[kind]
    good = _write(tmp_path, "good.txt", GOOD)
    bad = _write(tmp_path, name, data)
    db = str(tmp_path / "t.db")
    r = analyze([bad, good], db=db)
    assert [d.source for d in r.documents] == [good]
    assert [(x.source, x.code) for x in r.rejected] == [(bad, code.value)], r.rejected
    assert r.rejected[0].reason.startswith(code.slug)
    assert r.exit_code == 1
    before = Store.open(db).counts()
    assert before["documents"] == 1 and before["rejections"] == 1
    analyze([bad, good], db=db)
    assert Store.open(db).counts() == before


def test_decoding_other_encodings(tmp_path):
    from fogline.ingest import read_bytes

    latin = GOOD.replace("convoy", "convoi café").encode("latin-1")
    utf16 = GOOD.encode("utf-16")
    for data in (latin, utf16, b"\xef\xbb\xbf" + GOOD.encode()):
        (doc,) = read_bytes(data, "x.txt", "text")
        assert not hasattr(doc, "code"), doc
        assert doc.title == "Convoy Reaches the Valley"


def test_too_large(tmp_path):
    limits = Limits(max_file_bytes=2_000, max_text_chars=1_000)
    big = _write(tmp_path, "big.txt", "Title Line\n\n" + "The shelling went on. " * 200)
    huge = _write(tmp_path, "huge.txt", "x" * 5_000)
    r = analyze([big, huge], limits=limits)
    assert [(x.source, x.code) for x in r.rejected] == [(big, Reject.TOO_LARGE.value), (huge, Reject.TOO_LARGE.value)]


@pytest.mark.model
def test_missing_file_and_unmatched_glob(tmp_path):
    good = _write(tmp_path, "good.txt", GOOD)
    r = analyze([str(tmp_path / "missing.txt"), str(tmp_path / "*.nothing"), good])
    assert [x.code for x in r.rejected] == [Reject.UNREADABLE.value] * 2
    assert len(r.documents) == 1


@pytest.mark.model
def test_malformed_and_truncated_jsonl(tmp_path, db_path):
    ok = {"title": "Talks Resume", "text": GOOD, "published": "2025-03-11", "url": "https://example.org/a",
          "outlet": "Example"}
    lines = [json.dumps(ok), "{not json", json.dumps([1, 2]), json.dumps({"title": "no text"}),
             json.dumps({**ok, "text": "  "}), json.dumps({**ok, "title": "Second", "url": "https://example.org/b"}),
             json.dumps(ok)[:40]]  # the last line cut off mid-record, as a truncated download leaves it
    feed = _write(tmp_path, "feed.jsonl", "\n".join(lines))
    r = analyze([feed], db=db_path)
    assert [d.url for d in r.documents] == ["https://example.org/a", "https://example.org/b"]
    assert r.documents[0].published == "2025-03-11" and r.documents[0].outlet == "Example"
    got = [(x.source, x.code) for x in r.rejected]
    assert got == [(f"{feed}:2", Reject.MALFORMED_JSONL.value), (f"{feed}:3", Reject.MALFORMED_JSONL.value),
                   (f"{feed}:4", Reject.MALFORMED_JSONL.value), (f"{feed}:5", Reject.EMPTY.value),
                   (f"{feed}:7", Reject.MALFORMED_JSONL.value)]
    assert "line 7" in r.rejected[-1].reason
    counts = Store.open(db_path).counts()
    analyze([feed], db=db_path)
    assert Store.open(db_path).counts() == counts


@pytest.mark.model
def test_malformed_html_is_read_or_rejected_never_raises(tmp_path):
    broken = ("<html><head><title>Broken</title><body><div><p>" + GOOD.replace("\n", " ")
              + "<p><b><i>unclosed <table><tr><td>cell</div></span></body>")
    r = analyze([_write(tmp_path, "broken.html", broken), _write(tmp_path, "junk.html", "<<<>>><!-- <p")])
    assert len(r.documents) + len(r.rejected) == 2
    assert len(r.documents) == 1 and "convoy of eight trucks" in r.documents[0].body

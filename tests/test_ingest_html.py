"""HTML ingest on small hand-written pages: article, metadata, comments, rejections."""
from __future__ import annotations

import pytest

from fogline.errors import InputRejected, Reject
from fogline.ingest.html import parse_html

ARTICLE = """
<p>Relief convoys reached the eastern district of the river town on Tuesday morning after
three days of negotiation between the local council and the armed groups holding the bridge.</p>
<p>Council officials said forty trucks carried flour, medicine and fuel, and that a second
convoy was expected before the end of the week if the crossing stayed open.</p>
<p>Residents described long queues outside the two bakeries still working, and aid workers
warned that the water pumping station had been without power since the weekend.</p>
<p>A spokesman for the armed groups said they had agreed to let the trucks pass but denied
that any fighters had been withdrawn from the positions near the bridge.</p>
"""

HEAD = """
<head>
<title>Convoys reach river town after talks | The Valley Courier</title>
<meta property="og:title" content="Convoys reach river town after talks">
<meta property="og:site_name" content="The Valley Courier">
<meta name="author" content="Mara Olsen; Tomas Reyes">
<meta property="article:published_time" content="2024-03-12T08:30:00Z">
</head>
"""

WORDPRESS = f"""<!DOCTYPE html><html>{HEAD}<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article class="post"><h1 class="entry-title">Convoys reach river town after talks</h1>
<div class="entry-content">{ARTICLE}</div></article>
<div id="comments" class="comments-area">
<h2 class="comments-title">3 thoughts on this story</h2>
<ol class="commentlist">
 <li class="comment even thread-even depth-1" id="comment-101">
  <div id="div-comment-101" class="comment-body">
   <div class="comment-author vcard"><img class="avatar" src="a.png"><cite class="fn">Hollis Pike</cite> <span class="says">says:</span></div>
   <div class="comment-meta commentmetadata"><a href="#comment-101">March 12, 2024 at 9:14 am</a></div>
   <p>Good to see the bakeries getting flour again, my cousin queued for six hours last week.</p>
   <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
  </div>
  <ul class="children">
   <li class="comment odd alt depth-2" id="comment-102">
    <div id="div-comment-102" class="comment-body">
     <div class="comment-author vcard"><cite class="fn">Dana Whitlock</cite> <span class="says">says:</span></div>
     <div class="comment-meta commentmetadata"><a href="#comment-102">March 12, 2024 at 10:02 am</a></div>
     <p>Six hours sounds about right, the queue outside the north bakery went round the block.</p>
     <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
    </div>
   </li>
  </ul>
 </li>
 <li class="comment even thread-odd depth-1" id="comment-103">
  <div id="div-comment-103" class="comment-body">
   <div class="comment-author vcard"><cite class="fn">Ines Farrow</cite> <span class="says">says:</span></div>
   <div class="comment-meta commentmetadata"><a href="#comment-103">March 13, 2024 at 7:45 am</a></div>
   <p>Does anyone know whether the pumping station has power back yet?</p>
   <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
  </div>
 </li>
</ol>
<div id="respond"><h3>Leave a Reply</h3><form id="commentform"><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div>
</div>
<footer><p>Copyright The Valley Courier</p></footer>
</body></html>"""

DISQUS = f"""<html>{HEAD}<body><div class="article-body">{ARTICLE}</div>
<div id="disqus_thread"><ul id="dsq-comments">
 <li class="post" id="dsq-comment-5001">
  <div class="dsq-comment-header"><span class="dsq-commenter-name">river_watcher</span> <span class="dsq-comment-time">2 days ago</span></div>
  <div class="dsq-comment-body"><div class="dsq-comment-message"><p>The second convoy matters more than the first one did.</p></div></div>
  <ul class="children">
   <li class="post" id="dsq-comment-5002">
    <div class="dsq-comment-header"><span class="dsq-commenter-name">kettle_drum</span></div>
    <div class="dsq-comment-body"><div class="dsq-comment-message"><p>Only if the bridge stays open long enough.</p></div></div>
    <a class="dsq-comment-report">Report</a>
   </li>
  </ul>
 </li>
</ul></div></body></html>"""

MICRODATA = f"""<html>{HEAD}<body><main><article>{ARTICLE}</article></main>
<section class="user-discussion">
 <div itemscope itemtype="https://schema.org/Comment">
  <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Petra Lind</span></span>
  <time itemprop="dateCreated" datetime="2024-03-12">12 March</time>
  <div itemprop="text"><p>Forty trucks is far fewer than the town needs for a month.</p></div>
 </div>
 <div itemscope itemtype="https://schema.org/Comment">
  <span itemprop="author">Oskar Berg</span>
  <div itemprop="text"><p>The council has been saying a second convoy is coming for weeks.</p></div>
 </div>
</section></body></html>"""


def test_body_and_metadata() -> None:
    doc = parse_html(WORDPRESS, "wp.html", url="https://courier.example/2024/03/convoys")
    assert "forty trucks carried flour" in doc.body
    assert "withdrawn from the positions near the bridge" in doc.body
    assert doc.title == "Convoys reach river town after talks"
    assert doc.authors == ["Mara Olsen", "Tomas Reyes"]
    assert doc.published == "2024-03-12"
    assert doc.outlet == "The Valley Courier"
    assert doc.url == "https://courier.example/2024/03/convoys"
    assert doc.kind == "html"
    assert "Home" not in doc.body.split() and "Copyright" not in doc.body


def test_wordpress_comments_with_authors_and_replies() -> None:
    doc = parse_html(WORDPRESS, "wp.html")
    assert [c.id for c in doc.comments] == ["c1", "c2", "c3"]
    assert [c.author for c in doc.comments] == ["Hollis Pike", "Dana Whitlock", "Ines Farrow"]
    assert [c.parent for c in doc.comments] == [None, "c1", None]
    assert doc.comments[0].text == (
        "Good to see the bakeries getting flour again, my cousin queued for six hours last week."
    )
    for c in doc.comments:
        assert "says" not in c.text and "Reply" not in c.text and "2024" not in c.text
        assert c.author not in c.text


def test_comments_never_in_body() -> None:
    for page in (WORDPRESS, DISQUS, MICRODATA):
        doc = parse_html(page, "p.html")
        assert doc.comments
        for c in doc.comments:
            assert c.text not in doc.body
        assert "queued for six hours" not in doc.body


def test_disqus_like_markup() -> None:
    doc = parse_html(DISQUS, "dq.html")
    assert [(c.author, c.parent) for c in doc.comments] == [("river_watcher", None), ("kettle_drum", "c1")]
    assert doc.comments[1].text == "Only if the bridge stays open long enough."
    assert "Report" not in doc.comments[1].text and "ago" not in doc.comments[0].text


def test_schema_org_comments() -> None:
    doc = parse_html(MICRODATA, "md.html")
    assert [c.author for c in doc.comments] == ["Petra Lind", "Oskar Berg"]
    assert doc.comments[0].text == "Forty trucks is far fewer than the town needs for a month."
    assert all(c.parent is None for c in doc.comments)


def test_page_without_comments() -> None:
    doc = parse_html(f"<html>{HEAD}<body><article>{ARTICLE}</article></body></html>", "plain.html")
    assert doc.comments == []
    assert "pumping station" in doc.body


def test_same_text_same_id() -> None:
    a = parse_html(WORDPRESS, "a.html")
    b = parse_html(WORDPRESS.replace("<footer>", "<footer> "), "b.html")
    assert a.id == b.id


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<!DOCTYPE html>",
        "<html><body><script>var a = 1; document.write('x');</script></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_no_text_rejected(page: str) -> None:
    with pytest.raises(InputRejected) as err:
        parse_html(page, "empty.html")
    assert err.value.reject in (Reject.NO_TEXT, Reject.MALFORMED_HTML)


def test_empty_page_is_no_text() -> None:
    for page in ("", "   \n", "<html><head><title>Nothing here</title></head><body><p></p></body></html>"):
        with pytest.raises(InputRejected) as err:
            parse_html(page, "empty.html")
        assert err.value.reject is Reject.NO_TEXT


JUNK = [
    "<!DOCTYPE html>",
    "<" * 1000,
    "<div>" * 20000 + "deep text " * 50 + "</div>" * 20000,
    "<html>\x00\x00<body>\x00<p>" + "nul bytes " * 40 + "</p></body></html>",
    "<html><body>" + "<p>" + "word " * 200 + "</p>" * 1 + "</body></html>" + "\ufffd" * 100,
    "\x89PNG\r\n\x1a\n" + "\x00\x01\x02" * 100,
    "<html><body><table><tr><td><table><tr><td>" * 300 + "cell" + "</td></tr></table>" * 300,
    "<?xml version='1.0'?><rss><channel><item><title>x</title></item></channel></rss>",
    "<html><body>" + "<ul class='commentlist'>" + "<li class='comment' id='comment-1'>" * 500 + "nested reply text here" + "</li>" * 500 + "</ul></body></html>",
    "just plain text, no markup at all, " * 30,
    "<html><body><p>" + ("tall " * 20 + "<br>") * 5000 + "</p></body></html>",  # about 0.5 MB
]


@pytest.mark.parametrize("page", JUNK, ids=range(len(JUNK)))
def test_junk_never_raises_anything_else(page: str) -> None:
    try:
        doc = parse_html(page, "junk.html")
    except InputRejected as err:
        assert err.reject in (Reject.NO_TEXT, Reject.MALFORMED_HTML, Reject.TOO_LARGE)
    else:
        assert isinstance(doc.body, str) and doc.body


def test_large_page() -> None:
    para = "<p>" + "The convoy waited at the checkpoint while officers counted the trucks. " * 8 + "</p>\n"
    page = f"<html>{HEAD}<body><article>" + para * 9000 + "</article></body></html>"
    assert len(page) > 5_000_000
    try:
        doc = parse_html(page, "big.html")
    except InputRejected as err:
        assert err.reject in (Reject.NO_TEXT, Reject.TOO_LARGE, Reject.MALFORMED_HTML)
    else:
        assert "checkpoint" in doc.body


BLOGGER_LIKE = f"""<html>{HEAD}<body><div class="post-body">{ARTICLE}</div>
<div class="comments" id="comments"><h4>2 comments:</h4>
<dl id="comments-block">
 <dt class="comment-author" id="c4001"><a href="/profile/1">Greta Moss</a> said...</dt>
 <dd class="comment-body"><p>Flour first, then fuel, that is the right order.</p></dd>
 <dt class="comment-author" id="c4002"><a href="/profile/2">Len Hardy</a> said...</dt>
 <dd class="comment-body"><p>The bridge is the whole story here.</p></dd>
</dl></div>
<div id="discussion"><ol class="comment-list">
 <li id="comment-77"><p class="meta">by Rosa Quint on May 2, 2024 at 10:15 am</p><p>Will the council publish the list of what was delivered?</p></li>
</ol></div></body></html>"""


def test_bylines_and_definition_lists() -> None:
    doc = parse_html(BLOGGER_LIKE, "bl.html")
    got = [(c.author, c.text) for c in doc.comments]
    assert ("Greta Moss", "Flour first, then fuel, that is the right order.") in got
    assert ("Len Hardy", "The bridge is the whole story here.") in got
    assert ("Rosa Quint", "Will the council publish the list of what was delivered?") in got


_ARTICLE = ("<p>Engineers restored power to the northern districts of Salvara on Tuesday after a week of outages "
            "that closed two clinics and the water pumping station.</p>"
            "<p>The city council said repairs to the main substation would take another month, and asked "
            "residents to limit their use of electric heaters until then.</p>"
            "<p>Opposition councillors said the outages had been predicted in a report that was ignored last year.</p>")


def _page(header: str, extra: str = "") -> str:
    return (f"<html><head><title>Power back in Salvara</title></head><body>{extra}<article><header>"
            f"<h1>Power back in Salvara after week of outages</h1>{header}</header>{_ARTICLE}</article></body></html>")


@pytest.mark.parametrize("header", [
    '<p class="standfirst">Council says the substation repairs will take another month</p>',
    '<div class="article__dek">Council says the substation repairs will take another month</div>',
    '<h2 itemprop="alternativeHeadline">Council says the substation repairs will take another month</h2>',
    '<div class="field field--name-field-subtitle"><p>Council says the substation repairs will take another month</p></div>',
])
def test_subtitle_from_its_markup(header: str) -> None:
    doc = parse_html(_page(header), "p.html")
    assert doc.subtitle == "Council says the substation repairs will take another month"
    assert not doc.body.startswith("Council says")
    assert doc.body.startswith("Engineers restored power")


def test_no_subtitle_from_furniture_or_lookalikes() -> None:
    nav = '<nav><p class="subtitle">Home news sport weather and more sections</p></nav>'
    aside = '<aside><div class="dek">Read more about the outages in our special report today</div></aside>'
    assert parse_html(_page("", nav + aside), "p.html").subtitle is None
    # a class that merely contains the letters is no match: "deckchair-promo"
    assert parse_html(_page('<p class="deckchair-promo">Council says the repairs will take a month</p>'),
                      "p.html").subtitle is None
    # too short to be a subtitle, or the title again
    assert parse_html(_page('<p class="subtitle">Updated</p>'), "p.html").subtitle is None
    assert parse_html(_page('<p class="subtitle">Power back in Salvara after week of outages</p>'),
                      "p.html").subtitle is None

"""RSS/Atom feeds: items become articles from linked pages or their own content; bad items are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import FetchError, InputError
from lagebild.ingest import read_paths
from lagebild.ingest.feeds import html_fragment_text, iter_feed, looks_like_feed, parse_feed, read_url
from lagebild.ingest.fetch import Fetcher, FetchPolicy
from lagebild.model import Article
from tests.ingest.local_server import Route, serve

LOCAL = FetchPolicy(allowed_networks=("127.0.0.1/32",), min_interval=0)

# Invented articles (not from any corpus).
PARAGRAPHS = [
    "Bei einem Granatenangriff auf einen Markt in der Stadt Nordhafen sind am Dienstag nach Angaben der "
    "örtlichen Behörden mindestens sieben Menschen getötet und zwanzig weitere verletzt worden.",
    "Ein Sprecher der Regionalregierung sagte, die Angreifer hätten aus den Hügeln östlich der Stadt "
    "geschossen. Die Rebellen wiesen die Verantwortung für den Angriff am Mittwoch zurück.",
    "Hilfsorganisationen berichteten, dass die Krankenhäuser der Region überlastet seien und dringend "
    "Medikamente sowie Blutkonserven benötigt würden. Die Kämpfe dauern seit drei Wochen an.",
]
CONTENT_HTML = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def page_html(title: str, with_date: bool = False) -> bytes:
    date = '<meta property="article:published_time" content="2024-03-05T08:00:00Z">' if with_date else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{title}</title>{date}</head><body><nav><a href='/'>Start</a> | "
        f"<a href='/welt'>Welt</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Impressum · Datenschutz</footer></body></html>"
    ).encode()


def rss(items: str, title: str = "Beispielzeitung – Ausland") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://zeitung.example/</link>{items}</channel></rss>"
    ).encode()


def rss_item(title: str, link: str, date: str = "Tue, 05 Mar 2024 09:30:00 +0100", content: str = "",
             summary: str = "Kurz gemeldet.") -> str:
    encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
            f"<description>{summary}</description>{encoded}</item>")


ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>Beispiel-Agentur</title><id>urn:example:feed</id><updated>2024-03-06T10:00:00Z</updated>"
    "<entry><title>Angriff auf Markt</title><id>urn:example:1</id><link href='https://agentur.example/1'/>"
    f"<updated>2024-03-06T10:00:00Z</updated><content type='html'><![CDATA[{CONTENT_HTML}]]></content></entry>"
    "</feed>"
).encode()


def test_rss_items_with_full_content_need_no_network(tmp_path: Path) -> None:
    feed = tmp_path / "ausland.rss"
    feed.write_bytes(rss(rss_item("Angriff auf Markt", "https://zeitung.example/a1", content=CONTENT_HTML)
                         + rss_item("Nur ein Anreißer", "https://zeitung.example/a2")))
    first, second = list(read_paths([feed]))
    assert isinstance(first, Article)
    assert first.title == "Angriff auf Markt"
    assert first.published == "2024-03-05"
    assert first.url == "https://zeitung.example/a1"
    assert first.source == "Beispielzeitung – Ausland"
    assert first.text.split("\n") == PARAGRAPHS
    assert isinstance(second, InputError)  # a teaser is not an article; the feed went on
    assert second.item == "https://zeitung.example/a2"
    assert "teaser" in second.reason


def test_atom_feed() -> None:
    [article] = list(iter_feed(ATOM, "agentur.atom"))
    assert isinstance(article, Article)
    assert article.published == "2024-03-06"
    assert article.url == "https://agentur.example/1"
    assert "Granatenangriff" in article.text


def test_links_are_followed_and_extracted(tmp_path: Path) -> None:
    with serve({"/a1": Route(page_html("Angriff auf Markt", with_date=True),
                             headers={"Content-Type": "text/html; charset=utf-8"}),
                "/a2": Route(page_html("Hilfe bleibt aus"), headers={"Content-Type": "text/html"})}) as server:
        raw = rss(rss_item("Angriff auf Markt (Feed)", server.url("/a1"))
                  + rss_item("Hilfe bleibt aus", server.url("/a2"), date="Wed, 06 Mar 2024 12:00:00 GMT")
                  + rss_item("Gelöscht", server.url("/gone")))
        with Fetcher(LOCAL) as fetcher:
            items = list(iter_feed(raw, "feed.rss", fetcher))
    first, second, gone = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.published == "2024-03-05"  # the page's own date
    assert second.published == "2024-03-06"  # the page has none: the item's date fills the gap
    assert first.url == server.url("/a1")
    for article in (first, second):
        assert PARAGRAPHS[0] in article.text
        assert "Impressum" not in article.text  # boilerplate removed by the extractor
    assert isinstance(gone, InputError)
    assert "404" in gone.reason


def test_feed_url_and_page_url() -> None:
    routes = {
        "/feed": Route(rss(rss_item("Angriff", "/a1")), headers={"Content-Type": "application/rss+xml"}),
        "/a1": Route(page_html("Angriff"), headers={"Content-Type": "text/html"}),
    }
    with serve(routes) as server:
        routes["/feed"] = Route(rss(rss_item("Angriff", server.url("/a1"))))
        with Fetcher(LOCAL) as fetcher:
            [from_feed] = list(read_url(server.url("/feed"), fetcher))
            [from_page] = list(read_url(server.url("/a1"), fetcher))
    assert isinstance(from_feed, Article) and isinstance(from_page, Article)
    assert from_feed.text == from_page.text


def test_item_links_to_internal_addresses_are_refused() -> None:
    raw = rss(rss_item("Metadaten", "http://169.254.169.254/latest/meta-data/")
              + rss_item("Volltext", "http://10.0.0.1/a", content=CONTENT_HTML))
    with Fetcher(FetchPolicy(min_interval=0)) as fetcher:
        refused, fallback = list(iter_feed(raw, "feed.rss", fetcher))
    assert isinstance(refused, InputError)
    assert "link-local" in refused.reason
    assert isinstance(fallback, Article)  # refused link, but the item carries the article itself
    assert fallback.url == "http://10.0.0.1/a"


def test_url_input_uses_the_safe_default_policy() -> None:
    with serve({"/feed": Route(rss(rss_item("x", "/x", content=CONTENT_HTML)))}) as server:
        [refused] = list(read_paths([server.url("/feed")]))
        assert server.requests == []
    assert isinstance(refused, FetchError)
    assert "loopback" in refused.reason


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "empty"),
        (b"<html><body>keine Nachrichten</body></html>", "not an RSS or Atom feed"),
        (b"\x00\x01\x02binary\xff\xfe", "not an RSS or Atom feed"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>abgebrochen', "cannot parse"),
    ],
)
def test_broken_feeds_are_clear_errors(raw: bytes, reason: str) -> None:
    [error] = list(iter_feed(raw, "kaputt.rss"))
    assert isinstance(error, InputError)
    assert error.item == "kaputt.rss"
    assert reason in error.reason


def test_xml_that_is_not_a_feed_goes_through_read_paths(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(b"<?xml version='1.0'?><config><x>1</x></config>")
    (tmp_path / "b.atom").write_bytes(ATOM)
    first, second = list(read_paths([tmp_path]))
    assert isinstance(first, InputError) and "not an RSS" in first.reason
    assert isinstance(second, Article)


def test_sniffing_and_fragment_text() -> None:
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- x --><rss version="2.0">')
    assert looks_like_feed(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')
    assert not looks_like_feed(b"<!DOCTYPE html><html>")
    assert html_fragment_text("<p>Erster  Satz.</p><p>Zweiter<br>Teil</p>") == "Erster Satz.\nZweiter\nTeil"
    assert len(parse_feed(ATOM, "a.atom")) == 1

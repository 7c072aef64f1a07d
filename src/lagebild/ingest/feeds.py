"""RSS and Atom feeds: items become Articles, from the linked page or from the item's own content.

With a :class:`~lagebild.ingest.fetch.Fetcher` the reader follows each item's link and extracts the
article with trafilatura (the page's own date and title win, the item's fill the gaps). Without one, or
when a page cannot be fetched, the item's full content (``content:encoded``, Atom ``content``) is used
when it is long enough to be an article; a teaser alone is an :class:`~lagebild.errors.InputError` for
that item, and the feed goes on.

Example::

    from lagebild.ingest.feeds import read_feed_url
    from lagebild.ingest.fetch import Fetcher

    with Fetcher() as fetcher:
        for item in read_feed_url("https://www.tagesschau.de/infoservices/alle-meldungen-100~rss2.xml",
                                  fetcher):
            print(item)
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lagebild.errors import FetchError, InputError
from lagebild.ingest.fetch import Fetcher
from lagebild.ingest.html import MAX_HTML_BYTES, extract_html
from lagebild.ingest.text import make_article, read_bytes
from lagebild.model import Article

MAX_FEED_BYTES = 20_000_000
"""Largest feed document parsed (20 MB)."""

MIN_CONTENT_CHARS = 400
"""An item's own content counts as the article when its text has at least this many characters."""

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"

_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf", b"<rdf")


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, as the feed states it."""

    item: str  # the feed's location and the entry's position, used in error messages
    link: str | None
    title: str | None
    published: str | None  # ISO date
    content_html: str | None  # the fullest content the item carries (content:encoded, Atom content)
    summary_html: str | None
    feed_title: str | None = None


def looks_like_feed(raw: bytes) -> bool:
    """True when the document's root element is an RSS, Atom or RDF feed."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    while head.startswith((b"<?", b"<!--", b"<!doctype")):
        end = head.find(b">")
        if end < 0:
            return False
        head = head[end + 1 :].lstrip()
    return head.startswith(_FEED_ROOTS)


def _iso_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def parse_feed(raw: bytes, location: str) -> list[FeedItem]:
    """The items of an RSS/Atom document. InputError when it is not a feed at all."""
    import feedparser

    if not raw.strip():
        raise InputError(location, "empty input: the feed has no content")
    if len(raw) > MAX_FEED_BYTES:
        raise InputError(location, f"feed too large ({len(raw):,} bytes; the limit is {MAX_FEED_BYTES:,})")
    if not looks_like_feed(raw):
        raise InputError(location, "not an RSS or Atom feed (the root element is not <rss>, <feed> or <rdf:RDF>)")
    try:
        parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser wraps SAX and encoding errors in many types
        raise InputError(location, f"cannot parse the feed: {exc}") from exc
    if not parsed.entries and parsed.get("bozo"):
        raise InputError(location, f"cannot parse the feed: {parsed.get('bozo_exception')}")
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    items: list[FeedItem] = []
    for number, entry in enumerate(parsed.entries, start=1):
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        items.append(FeedItem(
            item=f"{location}#item{number}",
            link=entry.get("link") or None,
            title=entry.get("title") or None,
            published=_iso_date(entry),
            content_html=max(contents, key=len) if contents else None,
            summary_html=entry.get("summary") or None,
            feed_title=feed_title,
        ))
    return items


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (feed content), paragraphs separated by newlines."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises ParserError or ValueError on fragments it cannot read
        return ""
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def item_to_article(item: FeedItem, fetcher: Fetcher | None = None, **options: Any) -> Article:
    """The article of one feed item: the linked page when a fetcher is given, else the item's content."""
    meta: dict[str, Any] = {"title": item.title, "published": item.published, "source": item.feed_title}
    meta.update({k: v for k, v in options.items() if v is not None})
    problem = "the item has no link to follow"
    if fetcher is not None and item.link:
        try:
            page = fetcher.get(item.link, accept="text/html,application/xhtml+xml")
            if len(page.content) > MAX_HTML_BYTES:
                raise InputError(item.link, "page too large")
            page_meta = {k: v for k, v in options.items() if v is not None}
            article = extract_html(page.content, item.link, url=page.final_url, **page_meta)
            fills = {key: meta.get(key) for key in ("title", "published", "source")}
            from dataclasses import replace

            return replace(article, **{k: v for k, v in fills.items() if v and not getattr(article, k)})
        except InputError as exc:  # FetchError included: fall back to the item's own content
            problem = exc.reason
    elif fetcher is None and item.link:
        problem = "links are not followed (no fetcher)"
    for html in (item.content_html, item.summary_html):
        if html:
            text = html_fragment_text(html)
            if len(text) >= MIN_CONTENT_CHARS:
                return make_article(text, item.item, url=item.link, **meta)
    raise InputError(
        item.link or item.item,
        f"no article text: {problem}, and the item's own content is only a teaser "
        f"(under {MIN_CONTENT_CHARS} characters)",
    )


def iter_feed(raw: bytes, location: str, fetcher: Fetcher | None = None,
              **options: Any) -> Iterator[Article | InputError]:
    """Articles of a feed document; every item that fails is an InputError and the rest go on."""
    try:
        items = parse_feed(raw, location)
    except InputError as exc:
        yield exc
        return
    for item in items:
        try:
            yield item_to_article(item, fetcher, **options)
        except InputError as exc:
            yield exc


def read_feed_file(path: Path, fetcher: Fetcher | None = None, **options: Any) -> Iterator[Article | InputError]:
    """Articles of a feed file (.rss, .atom, .xml). Links are followed only when a fetcher is given."""
    try:
        raw = read_bytes(path, MAX_FEED_BYTES)
    except InputError as exc:
        yield exc
        return
    yield from iter_feed(raw, str(path), fetcher, **options)


def read_url(url: str, fetcher: Fetcher | None = None, **options: Any) -> Iterator[Article | InputError]:
    """Articles behind a URL: every item of a feed, or the article of a single HTML page."""
    own = fetcher is None
    active = fetcher or Fetcher()
    try:
        try:
            page = active.get(url, accept=FEED_ACCEPT)
        except FetchError as exc:
            yield exc
            return
        if looks_like_feed(page.content):
            yield from iter_feed(page.content, url, active, **options)
            return
        try:
            yield extract_html(page.content, url, url=page.final_url,
                               **{k: v for k, v in options.items() if v is not None})
        except InputError as exc:
            yield exc
    finally:
        if own:
            active.close()


read_feed_url = read_url

__all__ = [
    "FeedItem", "html_fragment_text", "item_to_article", "iter_feed", "looks_like_feed", "parse_feed",
    "read_feed_file", "read_feed_url", "read_url",
]

"""Safe fetching: timeouts, size caps, redirect limits, polite rate, refusal of internal addresses."""

from __future__ import annotations

import gzip

import pytest

from lagebild.errors import FetchError, InputError
from lagebild.ingest import fetch as fetch_module
from lagebild.ingest.fetch import Fetcher, FetchPolicy, refusal_reason
from tests.ingest.local_server import Route, serve

LOCAL = FetchPolicy(allowed_networks=("127.0.0.1/32",), min_interval=0)


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://localhost/", "loopback"),  # refused after DNS resolution, not by name
        ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one decimal number
        ("http://169.254.169.254/latest/meta-data/", "link-local"),  # cloud metadata service
        ("http://10.0.0.7/", "private"),
        ("http://192.168.1.1/admin", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::1]/", "loopback"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fd00::1]/", "private"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),  # IPv4-mapped IPv6
    ],
)
def test_internal_addresses_are_refused(url: str, reason: str) -> None:
    with Fetcher(FetchPolicy(min_interval=0)) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(url)
    assert reason in info.value.reason
    assert info.value.item == url
    assert isinstance(info.value, InputError)  # a batch counts it like any bad item


def test_public_name_resolving_to_private_address_is_refused() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "10.1.2.3"]  # one bad answer among good ones is enough to refuse

    with Fetcher(FetchPolicy(min_interval=0), resolver=resolver) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get("https://news.example/feed.xml")
    assert "private address 10.1.2.3" in info.value.reason


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/",
                                 "http://user:secret@example.org/", "http:///nohost"])
def test_other_schemes_and_credentials_are_refused(url: str) -> None:
    with Fetcher(FetchPolicy(min_interval=0)) as fetcher, pytest.raises(FetchError):
        fetcher.get(url)


def test_public_addresses_pass_the_check() -> None:
    import ipaddress

    assert refusal_reason(ipaddress.ip_address("93.184.215.14")) is None
    assert refusal_reason(ipaddress.ip_address("2a00:1450:4001:80b::200e")) is None


def test_local_server_is_refused_by_default_and_never_contacted() -> None:
    with serve({"/a": Route(b"hallo")}) as server:
        with Fetcher(FetchPolicy(min_interval=0)) as fetcher, pytest.raises(FetchError):
            fetcher.get(server.url("/a"))
        assert server.requests == []


def test_allowed_network_is_fetched() -> None:
    with serve({"/a": Route(b"Hallo Welt", headers={"Content-Type": "text/plain; charset=utf-8"})}) as server, Fetcher(LOCAL) as fetcher:
        page = fetcher.get(server.url("/a"))
    assert page.status == 200
    assert page.content == b"Hallo Welt"
    assert page.charset == "utf-8"
    assert page.final_url == server.url("/a")


def test_connection_goes_to_the_checked_address_with_the_original_host_header() -> None:
    """The address checked is the address connected to: a second DNS answer cannot redirect it."""
    answers = iter([["127.0.0.1"], ["10.9.9.9"]])

    def resolver(host: str, port: int) -> list[str]:
        return next(answers)

    with serve({"/feed": Route(b"<rss/>")}) as server:
        with Fetcher(LOCAL, resolver=resolver) as fetcher:
            page = fetcher.get(f"http://news.example:{server.port}/feed")
        assert page.content == b"<rss/>"
        assert server.requests == [("/feed", f"news.example:{server.port}")]


def test_every_redirect_is_checked() -> None:
    routes = {
        "/start": Route(status=302, headers={"Location": "/next"}),
        "/next": Route(status=301, headers={"Location": "http://169.254.169.254/latest/meta-data/"}),
    }
    with serve(routes) as server, Fetcher(LOCAL) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(server.url("/start"))
    assert "link-local" in info.value.reason
    assert [path for path, _ in server.requests] == ["/start", "/next"]


def test_redirects_are_followed_up_to_the_limit() -> None:
    routes = {f"/r{i}": Route(status=302, headers={"Location": f"/r{i + 1}"}) for i in range(3)}
    routes["/r3"] = Route(b"ziel")
    with serve(routes) as server:
        with Fetcher(LOCAL) as fetcher:
            page = fetcher.get(server.url("/r0"))
        assert page.content == b"ziel"
        assert page.final_url == server.url("/r3")
        with Fetcher(FetchPolicy(allowed_networks=("127.0.0.1/32",), min_interval=0, max_redirects=2)) as strict, pytest.raises(FetchError, match="too many redirects"):
            strict.get(server.url("/r0"))


def test_redirect_loop_stops() -> None:
    with serve({"/loop": Route(status=302, headers={"Location": "/loop"})}) as server, Fetcher(LOCAL) as fetcher, pytest.raises(FetchError, match="too many redirects"):
        fetcher.get(server.url("/loop"))


def test_size_cap_on_declared_length() -> None:
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), min_interval=0, max_bytes=1000)
    with serve({"/big": Route(b"x" * 5000)}) as server, Fetcher(policy) as fetcher, pytest.raises(FetchError, match="too large"):
        fetcher.get(server.url("/big"))


def test_decompression_bomb_stops_at_the_cap() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # ~50 kB on the wire, 50 MB unpacked
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), min_interval=0, max_bytes=1_000_000)
    routes = {"/bomb": Route(bomb, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})}
    with serve(routes) as server, Fetcher(policy) as fetcher, pytest.raises(FetchError, match="after decompression"):
        fetcher.get(server.url("/bomb"))


def test_read_timeout() -> None:
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), min_interval=0, read_timeout=0.3)
    with serve({"/slow": Route(b"late", delay=3.0)}) as server, Fetcher(policy) as fetcher, pytest.raises(FetchError, match="timed out"):
        fetcher.get(server.url("/slow"))


def test_http_errors_are_fetch_errors() -> None:
    with serve({}) as server, Fetcher(LOCAL) as fetcher, pytest.raises(FetchError, match="HTTP status 404"):
        fetcher.get(server.url("/missing"))


def test_polite_interval_per_host(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to one host wait for the interval; another host does not wait for the first."""
    clock = [1000.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(round(seconds, 3))
        clock[0] += seconds

    monkeypatch.setattr(fetch_module.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(fetch_module.time, "sleep", sleep)
    fetcher = Fetcher(FetchPolicy(min_interval=2.0))
    fetcher._wait_turn("a.example")
    fetcher._wait_turn("a.example")
    fetcher._wait_turn("b.example")
    clock[0] += 0.5
    fetcher._wait_turn("a.example")
    fetcher.close()
    assert sleeps == [2.0, 1.5]

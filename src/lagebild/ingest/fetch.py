"""Fetching pages and feeds from the network, safely.

A feed reader fetches URLs that strangers wrote into their feeds, so every request is treated as
hostile:

* only ``http`` and ``https``;
* the host name is resolved first and **every** address it resolves to is checked: private, loopback,
  link-local (cloud metadata at 169.254.169.254), multicast, reserved and unspecified addresses are
  refused unless explicitly allowed (``allow_private`` or ``allowed_networks``);
* the connection then goes to the checked address itself (the Host header and TLS name stay the
  original host), so a second DNS answer cannot point the request elsewhere (DNS rebinding);
* redirects are followed by hand, at most ``max_redirects``, and each hop is checked again;
* a connect and read timeout, a cap on the (decompressed) body size, so a decompression bomb stops at
  the cap, and a polite minimum interval between two requests to the same host.

Every refusal or failure is a :class:`~lagebild.errors.FetchError` naming the URL and the reason.

Example::

    from lagebild.ingest.fetch import Fetcher

    with Fetcher() as fetcher:
        page = fetcher.get("https://www.tagesschau.de/infoservices/alle-meldungen-100~rss2.xml")
        print(page.status, page.content_type, len(page.content))
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from lagebild import __version__
from lagebild.errors import FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

USER_AGENT = f"lagebild/{__version__} (+https://github.com/lagebild/lagebild; news analysis)"


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetcher. The defaults suit news feeds and article pages."""

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    max_bytes: int = 10_000_000
    """Largest body accepted, counted after decompression (10 MB)."""
    max_redirects: int = 5
    min_interval: float = 1.0
    """Seconds between two requests to the same host."""
    allow_private: bool = False
    """Allow every private, loopback and link-local address (only for trusted networks)."""
    allowed_networks: tuple[str, ...] = ()
    """Networks allowed although private, e.g. ``("10.1.2.0/24",)`` for an internal news archive."""
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class FetchedPage:
    """A fetched response body with where it finally came from."""

    url: str  # the URL asked for
    final_url: str  # the URL after redirects
    status: int
    content_type: str
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip('"')
        return None


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refusal_reason(address: Address) -> str | None:
    """Why an address must not be fetched from by default, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return refusal_reason(address.ipv4_mapped)
    if isinstance(address, ipaddress.IPv6Address) and address.sixtofour is not None:
        return refusal_reason(address.sixtofour)
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("unspecified", address.is_unspecified),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    )
    for name, hit in checks:
        if hit:
            return f"{name} address {address}"
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.ip_network("100.64.0.0/10"):
        return f"private (carrier-grade NAT) address {address}"
    if not address.is_global:
        return f"non-public address {address}"
    return None


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`; safe to share between threads."""

    def __init__(self, policy: FetchPolicy | None = None, resolver: Resolver | None = None) -> None:
        import httpx

        self.policy = policy or FetchPolicy()
        self._resolve = resolver or system_resolver
        self._allowed = [ipaddress.ip_network(n, strict=False) for n in self.policy.allowed_networks]
        self._last_request: dict[str, float] = {}
        self._host_lock = threading.Lock()
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,  # never route through a proxy taken from the environment
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # --- checks ---------------------------------------------------------------------------------

    def check_address(self, url: str, address: str) -> Address:
        try:
            parsed = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            raise FetchError(url, f"the host resolved to an unusable address {address!r}") from None
        if self.policy.allow_private or any(parsed in network for network in self._allowed):
            return parsed
        reason = refusal_reason(parsed)
        if reason is not None:
            raise FetchError(
                url,
                f"refused: the host resolves to a {reason}; fetching from internal networks is off "
                "(allow it explicitly with allow_private or allowed_networks if this is intended)",
            )
        return parsed

    def resolve(self, url: str) -> tuple[str, int, Address]:
        """Check the URL and its host's addresses; the host, port and the address to connect to."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise FetchError(url, f"not a valid URL: {exc}") from None
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"refused: scheme {parts.scheme or '(none)'!r}; only http and https are fetched")
        host = parts.hostname
        if not host:
            raise FetchError(url, "not a valid URL: there is no host name")
        if parts.username or parts.password:
            raise FetchError(url, "refused: URLs with user names or passwords are not fetched")
        port = port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = self._resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve host {host!r}: {exc}") from None
        if not addresses:
            raise FetchError(url, f"host {host!r} has no address")
        checked = [self.check_address(url, address) for address in addresses]
        return host, port, checked[0]

    # --- politeness -------------------------------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        if self.policy.min_interval <= 0:
            return
        with self._host_lock:
            now = time.monotonic()
            ready = self._last_request.get(host, 0.0) + self.policy.min_interval
            slot = max(now, ready)
            self._last_request[host] = slot
        if slot > now:
            time.sleep(slot - now)

    # --- fetching ---------------------------------------------------------------------------------

    def get(self, url: str, accept: str | None = None) -> FetchedPage:
        """The body of ``url`` after at most ``max_redirects`` checked redirects."""
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            status, headers, content = self._request(current, accept)
            if status in (301, 302, 303, 307, 308) and "location" in headers:
                current = urljoin(current, headers["location"])
                continue
            if status >= 400:
                raise FetchError(url, f"HTTP status {status} from {current}")
            return FetchedPage(
                url=url, final_url=current, status=status, content_type=headers.get("content-type", ""),
                content=content, headers=headers,
            )
        raise FetchError(url, f"too many redirects (more than {self.policy.max_redirects})")

    def _request(self, url: str, accept: str | None) -> tuple[int, dict[str, str], bytes]:
        import httpx

        host, port, address = self.resolve(url)
        parts = urlsplit(url)
        literal = f"[{address}]" if address.version == 6 else str(address)
        pinned = parts._replace(netloc=f"{literal}:{port}").geturl()
        default_port = 443 if parts.scheme == "https" else 80
        headers = {"Host": host if port == default_port else f"{host}:{port}"}
        if accept:
            headers["Accept"] = accept
        extensions: dict[str, Any] = {"sni_hostname": host} if parts.scheme == "https" else {}
        self._wait_turn(host)
        limit = self.policy.max_bytes
        try:
            request = self._client.build_request("GET", pinned, headers=headers, extensions=extensions)
            response = self._client.send(request, stream=True)
            try:
                response_headers = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code in (301, 302, 303, 307, 308) or response.status_code >= 400:
                    return response.status_code, response_headers, b""
                declared = response_headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit and "content-encoding" not in response_headers:
                    raise FetchError(url, f"too large: {int(declared):,} bytes declared; the limit is {limit:,}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(url, f"too large: more than {limit:,} bytes (after decompression)")
                    chunks.append(chunk)
                return response.status_code, response_headers, b"".join(chunks)
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out ({type(exc).__name__})") from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"cannot decode the compressed response: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed: {exc}") from None


def is_url(value: object) -> bool:
    """True for strings that are http(s) URLs (as opposed to file paths)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def fetch_all(urls: Iterable[str], fetcher: Fetcher) -> list[FetchedPage | FetchError]:
    """Fetch URLs one after another; a failure is returned in its place, the rest go on."""
    results: list[FetchedPage | FetchError] = []
    for url in urls:
        try:
            results.append(fetcher.get(url))
        except FetchError as exc:
            results.append(exc)
    return results

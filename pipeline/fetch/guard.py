"""The SSRF guard: which addresses the fetcher may connect to, checked at every hop and at connect.

Two layers, both needed:

* :func:`check_url` runs before a request is sent. It refuses non-HTTP schemes and hosts that
  are IP literals in a refused range, in any spelling ``inet_aton`` accepts (``2130706433``,
  ``0x7f000001``, ``0177.1``, ``127.1``) and IPv6 forms (``[::1]``, ``[::ffff:127.0.0.1]``).
* :class:`GuardedBackend` is the httpcore network backend under the one httpx client. It
  resolves a hostname once, refuses the connection if any resolved address is refused, and
  connects to the address it checked, so a DNS answer that changes between check and connect
  (rebinding) gains nothing.

Origins listed in ``settings.fetch_allow`` (``scheme://host:port``) are exempt: that is how tests
and a local deployment reach a loopback server on purpose.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import anyio
from httpcore import AsyncNetworkBackend, AsyncNetworkStream
from httpcore._backends.anyio import AnyIOBackend

from pipeline.fetch.errors import FetchError
from pipeline.fetch.urls import DEFAULT_PORTS

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = ("http", "https")

# NAT64 well-known prefix: 64:ff9b::a.b.c.d reaches the IPv4 address a.b.c.d.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class RefusedAddress(FetchError):
    """Raised inside the transport; deliberately not an httpcore error so httpx re-raises it as is."""

    def __init__(self, detail: str, url: str | None = None):
        super().__init__("refused_address", detail, retryable=False, url=url)


def parse_ipv4_spelling(host: str) -> ipaddress.IPv4Address | None:
    """An IPv4 address in any spelling ``inet_aton`` accepts, or None for a hostname.

    ``127.0.0.1``, ``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``127.1`` all mean loopback to
    the C resolver, so the guard must read them the same way.
    """
    parts = host.split(".")
    if parts and parts[-1] == "" and len(parts) > 1:
        parts = parts[:-1]  # a trailing dot is still the same address
    if not 1 <= len(parts) <= 4:
        return None
    values = []
    for part in parts:
        try:
            if part[:2].lower() == "0x":
                value = int(part[2:] or "0", 16)
            elif len(part) > 1 and part[0] == "0":
                value = int(part[1:], 8)
            else:
                if not part.isdigit():
                    return None
                value = int(part, 10)
        except ValueError:
            return None
        values.append(value)
    # The last part fills all remaining bytes (a.b.c.d, a.b.cd, a.bcd, abcd).
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = 0
    for v in head:
        number = number * 256 + v
    number = number * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(number)


def ip_literal(host: str) -> IPAddress | None:
    """The address a host names without DNS, or None if it is a real hostname."""
    host = host.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if "%" in host:  # IPv6 zone id: fe80::1%eth0
        host = host.split("%", 1)[0]
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            return None
    return parse_ipv4_spelling(host)


def refusal(ip: IPAddress) -> str | None:
    """Why the fetcher must not connect to ``ip``, or None if it is a public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            why = refusal(embedded)
            return f"{why} (embedded in {ip})" if why else None
    for name in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{name}"):
            return f"{ip} is a {name.replace('_', '-')} address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:  # deprecated fec0::/10, still routed inside
        return f"{ip} is a site-local address"
    if not ip.is_global:  # carrier-grade NAT, benchmarking, documentation ranges, ...
        return f"{ip} is not a globally routable address"
    return None


class AllowList:
    """Origins exempt from the address block, as (scheme, host, port) with default ports filled."""

    def __init__(self, origins: Iterable[str]):
        self.origins: set[tuple[str, str, int]] = set()
        for origin in origins:
            parsed = origin_of(origin)
            if parsed:
                self.origins.add(parsed)
        self.host_ports = {(host, port) for _, host, port in self.origins}

    def allows_origin(self, url: str) -> bool:
        parsed = origin_of(url)
        return parsed is not None and parsed in self.origins

    def allows_host_port(self, host: str, port: int) -> bool:
        return (host.lower().strip("[]"), port) in self.host_ports


def origin_of(url: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    if not scheme or not host or port is None:
        return None
    return scheme, host, port


def check_url(url: str, allow: AllowList) -> None:
    """Refuse a URL before any connection: wrong scheme, no host, or a refused IP literal."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise FetchError("bad_url", f"cannot parse URL: {exc}", url=url) from None
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError("bad_scheme", f"scheme {scheme or '(none)'!r} is not http or https", url=url)
    if not host:
        raise FetchError("bad_url", "URL has no host", url=url)
    if allow.allows_origin(url):
        return
    ip = ip_literal(host)
    if ip is not None:
        why = refusal(ip)
        if why:
            raise RefusedAddress(f"{host} refused: {why}", url=url)


class GuardedBackend(AsyncNetworkBackend):
    """Resolve once, check every answer, connect only to a checked address."""

    def __init__(self, allow: AllowList, inner: AsyncNetworkBackend | None = None):
        self.allow = allow
        self.inner = inner or AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> AsyncNetworkStream:
        if self.allow.allows_host_port(host, port):
            return await self.inner.connect_tcp(host, port, timeout, local_address, socket_options)
        addresses = await resolve(host, port, timeout)
        for ip in addresses:
            why = refusal(ip)
            if why:
                raise RefusedAddress(f"{host} resolves to a refused address: {why}")
        last_exc: Exception | None = None
        for ip in addresses:
            try:
                return await self.inner.connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except Exception as exc:  # try the next checked address, like happy eyeballs would
                last_exc = exc
        assert last_exc is not None
        raise last_exc

    async def connect_unix_socket(self, *_args: Any, **_kwargs: Any) -> AsyncNetworkStream:
        raise RefusedAddress("unix sockets are never used for fetching")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


async def resolve(host: str, port: int, timeout: float | None) -> list[IPAddress]:
    literal = ip_literal(host)
    if literal is not None:
        return [literal]
    try:
        with anyio.fail_after(timeout):
            infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except TimeoutError:
        raise FetchError("timeout", f"resolving {host} took longer than {timeout}s", retryable=True) from None
    except OSError as exc:
        raise FetchError("connection_error", f"cannot resolve {host}: {exc}", retryable=True) from None
    seen: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in seen:
            seen.append(ip)
    if not seen:
        raise FetchError("connection_error", f"{host} has no addresses", retryable=True)
    return seen

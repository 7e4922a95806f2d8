"""Which network addresses newsprov may fetch from, enforced where connections are opened.

A link from a chat must not make the bot read from its own machine, the local network or a
cloud metadata service (169.254.169.254). The check runs inside the connection backend: the
host is resolved once, every address it resolves to is checked, and the socket is opened to
one of exactly those addresses. So there is no second DNS lookup an attacker could answer
differently (DNS rebinding), and every redirect hop that opens a connection is checked again.
TLS still uses the host name for SNI and certificate checks, because httpcore passes the
request's host to ``start_tls``, not the address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public_address(address: IPAddress) -> bool:
    """True for an address on the public internet; False for loopback, private, link-local,
    multicast, reserved, unspecified and shared addresses, IPv4 and IPv6 alike. An IPv6
    address that carries an IPv4 one (mapped, 6to4, NAT64) is judged by the IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
        if embedded is not None:
            return is_public_address(embedded)
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


@dataclass(frozen=True, kw_only=True)
class AddressPolicy:
    """``allow_private`` lifts the check (tests, private deployments). ``trusted_endpoints``
    lets exactly these (address, port) pairs through even though they are private: one local
    service, or the test server a redirect test starts from."""

    allow_private: bool = False
    trusted_endpoints: frozenset[tuple[str, int]] = frozenset()

    def permits(self, address: IPAddress, port: int) -> bool:
        if self.allow_private or is_public_address(address):
            return True
        return (str(address), port) in self.trusted_endpoints


class BlockedAddress(Exception):
    """Internal: a host resolved to an address the policy refuses. Fetcher translates it."""

    def __init__(self, host: str, address: IPAddress) -> None:
        super().__init__(f"{host} resolves to {address}, which is not a public address")
        self.host = host
        self.address = address


class UnknownHost(Exception):
    """Internal: the host name does not resolve. Fetcher translates it."""

    def __init__(self, host: str) -> None:
        super().__init__(f"{host} does not resolve")
        self.host = host


async def resolve_permitted(host: str, port: int, policy: AddressPolicy) -> list[IPAddress]:
    """The addresses ``host`` resolves to, if the policy permits every one of them.

    One refused address refuses the host: a name that points both outside and inside must
    not be fetched by trying addresses until an inside one answers.
    """
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )
    except (socket.gaierror, UnicodeError) as exc:
        raise UnknownHost(host) from exc
    addresses = _unique(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos)
    if not addresses:
        raise UnknownHost(host)
    for address in addresses:
        if not policy.permits(address, port):
            raise BlockedAddress(host, address)
    return addresses


def _unique(addresses: Iterable[IPAddress]) -> list[IPAddress]:
    return list(dict.fromkeys(addresses))


class GuardedNetworkBackend(httpcore.AsyncNetworkBackend):
    """An httpcore backend that resolves and checks the host, then connects to a checked
    address. Unix sockets are refused outright."""

    def __init__(
        self, *, policy: AddressPolicy, inner: httpcore.AsyncNetworkBackend | None = None
    ) -> None:
        self._policy = policy
        self._inner = inner if inner is not None else httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        async with asyncio.timeout(timeout):
            addresses = await resolve_permitted(host, port, self._policy)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None  # addresses is never empty
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("newsprov does not fetch over Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport with the address-checking network backend underneath."""

    def __init__(self, *, policy: AddressPolicy, limits: httpx.Limits) -> None:
        ssl_context = httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=ssl_context, limits=limits, trust_env=False)
        # httpx offers no public way to hand httpcore a network backend, so replace the
        # connection pool it built with one configured the same way plus our backend.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedNetworkBackend(policy=policy),
        )

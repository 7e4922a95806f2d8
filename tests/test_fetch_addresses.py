"""No fetching from private networks: the address check, first hop and every redirect.

Only numeric hosts here: a host name would send a DNS query off this machine.
"""

from __future__ import annotations

import ipaddress

import pytest
from http_fixtures import LocalHTTPServer, Reply

from bot.errors import BlockedAddressError
from bot.settings import Settings
from bot.sources.addresses import AddressPolicy, is_public_address
from bot.sources.fetch import Fetcher

PRIVATE_ONLY_OFF = Settings(allow_private_networks=False, fetch_timeout_s=2.0)
ARTICLE = b"<html><body><p>The council said the road will reopen on Monday.</p></body></html>"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared (carrier-grade NAT)
        "0.0.0.0",
        "224.0.0.1",  # multicast
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "192.0.2.10",  # documentation
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 around 169.254.169.254
    ],
)
def test_private_and_special_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "151.101.1.69", "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::"]
)
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


def test_trusted_endpoints_are_exact() -> None:
    policy = AddressPolicy(trusted_endpoints=frozenset({("127.0.0.1", 8080)}))
    loopback = ipaddress.ip_address("127.0.0.1")
    assert policy.permits(loopback, 8080)
    assert not policy.permits(loopback, 8081)
    assert not policy.permits(ipaddress.ip_address("127.0.0.2"), 8080)
    assert AddressPolicy(allow_private=True).permits(loopback, 1)


async def test_a_loopback_link_is_refused_before_any_request(
    http_server: LocalHTTPServer,
) -> None:
    http_server.add("/page", Reply(body=ARTICLE))
    async with Fetcher.from_settings(PRIVATE_ONLY_OFF) as fetcher:
        for url in [
            http_server.url("/page"),
            f"http://[::ffff:127.0.0.1]:{http_server.port}/page",
            f"http://2130706433:{http_server.port}/page",  # 127.0.0.1 as one number
        ]:
            with pytest.raises(BlockedAddressError) as caught:
                await fetcher.fetch_page(url)
            assert caught.value.reason == "refused"
            assert str(caught.value) == (
                "The link points into a private or local network, which newsprov does not fetch."
            )
    assert http_server.requests == []


async def test_a_redirect_to_loopback_is_refused(
    http_server: LocalHTTPServer, other_http_server: LocalHTTPServer
) -> None:
    # The first server is trusted as exactly (127.0.0.1, its port), so the request reaches it;
    # the redirect goes to the same address on another port, which is not trusted.
    other_http_server.add("/secret", Reply(body=ARTICLE))
    start = http_server.add(
        "/go", Reply(status=302, headers={"Location": other_http_server.url("/secret")})
    )
    async with Fetcher.from_settings(
        PRIVATE_ONLY_OFF, trusted_endpoints=frozenset({http_server.endpoint})
    ) as fetcher:
        with pytest.raises(BlockedAddressError) as caught:
            await fetcher.fetch_page(start)
    assert caught.value.reason == "refused"
    assert "redirects to an address" in str(caught.value)
    assert [r.path for r in http_server.requests] == ["/go"]
    assert other_http_server.requests == []


async def test_a_redirect_to_the_metadata_service_is_refused(
    http_server: LocalHTTPServer,
) -> None:
    # Refused by the address check before any connection: nothing is sent to 169.254.169.254.
    start = http_server.add(
        "/go", Reply(status=301, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    )
    async with Fetcher.from_settings(
        PRIVATE_ONLY_OFF, trusted_endpoints=frozenset({http_server.endpoint})
    ) as fetcher:
        with pytest.raises(BlockedAddressError) as caught:
            await fetcher.fetch_page(start)
    assert caught.value.url == start
    assert caught.value.reason == "refused"


async def test_a_trusted_endpoint_is_fetched(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/page", Reply(body=ARTICLE))
    async with Fetcher.from_settings(
        PRIVATE_ONLY_OFF, trusted_endpoints=frozenset({http_server.endpoint})
    ) as fetcher:
        page = await fetcher.fetch_page(url)
    assert "reopen on Monday" in page.text


async def test_allow_private_networks_lifts_the_check(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/page", Reply(body=ARTICLE))
    settings = Settings(allow_private_networks=True, fetch_timeout_s=2.0)
    async with Fetcher.from_settings(settings) as fetcher:
        page = await fetcher.fetch_page(url)
    assert page.status == 200

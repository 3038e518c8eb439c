"""The address check: unit tests that resolve nothing and connect nowhere."""

from __future__ import annotations

import ipaddress

import pytest

from pipeline.fetch.errors import FetchError
from pipeline.fetch.guard import AllowList, check_url, ip_literal, parse_ipv4_spelling, refusal

NO_ALLOW = AllowList([])


@pytest.mark.parametrize(
    "spelling, dotted",
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0X7F000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1.65535", "10.1.255.255"),
        ("3232235777", "192.168.1.1"),
        ("0", "0.0.0.0"),
        ("169.254.169.254.", "169.254.169.254"),
    ],
)
def test_every_inet_aton_spelling_is_read_as_the_address_it_means(spelling, dotted):
    assert parse_ipv4_spelling(spelling) == ipaddress.IPv4Address(dotted)


@pytest.mark.parametrize("hostname", ["example.com", "1.2.3.4.5", "256.1.1.1", "08", "12a", "news.127.0.0.1.nip"])
def test_hostnames_are_not_mistaken_for_addresses(hostname):
    assert parse_ipv4_spelling(hostname) is None


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.0.1", "192.168.255.255",
        "169.254.169.254", "169.254.0.1", "127.0.0.1", "127.255.255.254", "0.0.0.0", "224.0.0.1",
        "239.255.255.250", "240.0.0.1", "255.255.255.255", "100.64.0.1", "198.18.0.1", "192.0.2.1",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:7f00:1::", "2001:db8::1", "fec0::1", "::127.0.0.1",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert refusal(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address):
    assert refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/", "http://172.16.5.4:8080/x", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
        "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/", "http://[::1]/",
        "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[0:0:0:0:0:ffff:a9fe:a9fe]/", "http://0/",
        "http://224.0.0.1/", "http://[fe80::1%25eth0]/", "https://3232235777/", "http://0x0a.0.0.1/",
    ],
)
def test_check_url_refuses_private_literals_in_every_spelling(url):
    with pytest.raises(FetchError) as info:
        check_url(url, NO_ALLOW)
    assert info.value.reason == "refused_address"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/", "javascript:alert(1)", "gopher://x/", "data:text/html,hi"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError) as info:
        check_url(url, NO_ALLOW)
    assert info.value.reason == "bad_scheme"


def test_an_allowed_origin_is_exempt_but_only_that_exact_origin():
    allow = AllowList(["http://127.0.0.1:8765"])
    check_url("http://127.0.0.1:8765/feed.xml", allow)
    for other in ("http://127.0.0.1:8766/", "https://127.0.0.1:8765/", "http://2130706433:8765/", "http://localhost:8765/x"):
        if other.startswith("http://localhost"):
            check_url(other, allow)  # a hostname: refused at connect time, after DNS (see hostile tests)
            continue
        with pytest.raises(FetchError):
            check_url(other, allow)


def test_allow_list_fills_default_ports():
    allow = AllowList(["https://intranet.example"])
    assert allow.allows_origin("https://intranet.example:443/a")
    assert not allow.allows_origin("http://intranet.example/a")


def test_ip_literal_handles_brackets_and_zone_ids():
    assert ip_literal("[::1]") == ipaddress.IPv6Address("::1")
    assert ip_literal("fe80::1%eth0") == ipaddress.IPv6Address("fe80::1")
    assert ip_literal("example.org") is None


@pytest.mark.parametrize("spelling", ["2130706433", "0x7f000001", "0177.0.0.1", "0x7f.1", "127.1", "017700000001", "1.0x10.3", "10.1.65535"])
def test_parser_agrees_with_the_c_library(spelling):
    import socket

    # AI_NUMERICHOST: the C library parses the literal itself, no DNS query is made.
    info = socket.getaddrinfo(spelling, 80, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    assert str(parse_ipv4_spelling(spelling)) == info[0][4][0]

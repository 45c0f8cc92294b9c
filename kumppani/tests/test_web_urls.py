"""kumppani.web.urls: addresses in mail and calendar feeds come from SITE_URL."""

import pytest

from kumppani.web.urls import absolute_url, site_host


@pytest.mark.parametrize("site", ["https://kumppani.example", "https://kumppani.example/"])
def test_a_path_on_the_public_address(settings, site):
    settings.SITE_URL = site
    assert absolute_url("/leads/12/") == "https://kumppani.example/leads/12/"
    assert absolute_url("leads/12/") == "https://kumppani.example/leads/12/"


def test_a_site_under_a_path_prefix(settings):
    settings.SITE_URL = "https://intra.example/kumppani/"
    assert absolute_url("/leads/12/") == "https://intra.example/kumppani/leads/12/"


def test_an_absolute_url_is_kept(settings):
    settings.SITE_URL = "https://kumppani.example"
    assert absolute_url("https://elsewhere.example/x") == "https://elsewhere.example/x"


@pytest.mark.parametrize(
    ("site", "host"),
    [
        ("https://kumppani.example", "kumppani.example"),
        ("http://127.0.0.1:8000", "127.0.0.1:8000"),
        ("https://intra.example/kumppani/", "intra.example"),
        ("", "kumppani"),
    ],
)
def test_site_host(settings, site, host):
    settings.SITE_URL = site
    assert site_host() == host

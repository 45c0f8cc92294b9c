"""Public links: hashed tokens, expiry, uses, revocation, purpose, several tokens per link."""

import datetime
import hashlib

import pytest
from django.db import connection
from freezegun import freeze_time

from accounts.tests.factories import UserFactory
from links.models import PublicLink, PublicLinkToken
from links.services import (
    LinkGone,
    LinkUnknown,
    link_create,
    link_resolve,
    link_revoke,
    link_token_issue,
    link_use,
    resolve_allowed,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def target():
    return UserFactory()  # any row will do: the target is a generic foreign key


def test_a_token_is_stored_only_as_its_sha256_hash(target):
    link = link_create(purpose="survey", target=target, expires_in=DAY)
    token = link_token_issue(link)

    assert len(token) >= 43  # 32 random bytes, URL-safe: 256 bits
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM links_publiclinktoken")
        token_rows = cursor.fetchall()
        cursor.execute("SELECT * FROM links_publiclink")
        link_rows = cursor.fetchall()
    assert token not in repr(token_rows) + repr(link_rows)
    assert PublicLinkToken.objects.get().token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert link_resolve(token=token, purpose="survey") == link
    assert link.target == target


def test_an_unknown_token_and_a_wrong_purpose_are_both_unknown(target):
    token = link_token_issue(link_create(purpose="survey", target=target, expires_in=DAY))
    with pytest.raises(LinkUnknown):
        link_resolve(token="no-such-token", purpose="survey")
    with pytest.raises(LinkUnknown):
        link_resolve(token=token, purpose="unsubscribe")


def test_an_expired_link_is_gone(target):
    with freeze_time("2026-11-30 10:00"):
        token = link_token_issue(link_create(purpose="survey", target=target, expires_in=DAY))
    with freeze_time("2026-12-01 09:59"):
        assert link_resolve(token=token, purpose="survey")
    with freeze_time("2026-12-01 10:00"), pytest.raises(LinkGone):
        link_resolve(token=token, purpose="survey")


def test_a_single_use_link_is_gone_after_its_use_and_cannot_be_used_twice(target):
    link = link_create(purpose="survey", target=target, expires_in=DAY)
    token = link_token_issue(link)
    opened = link_resolve(token=token, purpose="survey")
    again = link_resolve(token=token, purpose="survey")  # a second tab, opened before the first answer

    link_use(opened)

    assert (opened.uses, opened.last_used_at is not None) == (1, True)
    with pytest.raises(LinkGone):
        link_use(again)  # the conditional UPDATE finds nothing left to use
    with pytest.raises(LinkGone):
        link_resolve(token=token, purpose="survey")
    assert PublicLink.objects.get().uses == 1


def test_an_unlimited_link_counts_every_use(target):
    link = link_create(purpose="unsubscribe", target=target, expires_in=DAY, max_uses=None)
    token = link_token_issue(link)
    for _ in range(3):
        link_use(link_resolve(token=token, purpose="unsubscribe"))
    assert PublicLink.objects.get().uses == 3


def test_a_revoked_link_is_gone_and_cannot_be_used(target):
    link = link_create(purpose="survey", target=target, expires_in=DAY, max_uses=None)
    token = link_token_issue(link)
    link_revoke(link)
    with pytest.raises(LinkGone):
        link_resolve(token=token, purpose="survey")
    with pytest.raises(LinkGone):
        link_use(link)


def test_a_fresh_token_opens_the_same_link_and_the_old_one_still_works(target):
    link = link_create(purpose="survey", target=target, expires_in=DAY)
    first = link_token_issue(link)
    reminder = link_token_issue(link)  # e.g. the reminder mail's

    assert first != reminder
    assert link_resolve(token=first, purpose="survey") == link_resolve(token=reminder, purpose="survey") == link
    link_use(link_resolve(token=reminder, purpose="survey"))
    with pytest.raises(LinkGone):  # one invitation: used through either token, it is used
        link_resolve(token=first, purpose="survey")


def test_resolve_allowed_counts_per_address_within_a_minute(settings):
    settings.PUBLIC_LINK_RATE_LIMIT_PER_MINUTE = 2
    with freeze_time("2026-12-01 10:00:00"):
        assert [resolve_allowed("192.0.2.1") for _ in range(3)] == [True, True, False]
        assert resolve_allowed("192.0.2.2") is True
    with freeze_time("2026-12-01 10:01:00"):
        assert resolve_allowed("192.0.2.1") is True

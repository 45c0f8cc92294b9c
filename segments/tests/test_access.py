"""segments.access: suggestions of customers the user may not see are 404; read-only users may not decide (403)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from crm.tests.factories import OrganisationFactory
from segments import access
from segments.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db


def test_a_suggestion_is_404_to_teachers_and_read_only_to_management(
    teacher, management, account_manager, django_assert_num_queries
):
    suggestion = SuggestionFactory()
    with pytest.raises(Http404):
        access.get_suggestion_for_user(teacher, suggestion.pk)
    assert access.get_suggestion_for_user(management, suggestion.pk) == (suggestion, False)
    with pytest.raises(PermissionDenied):
        access.get_rw_suggestion_for_user(management, suggestion.pk)
    found = access.get_rw_suggestion_for_user(account_manager, suggestion.pk)
    with django_assert_num_queries(0):
        assert found.organisation == suggestion.organisation


def test_an_archived_customers_suggestion_is_404_to_all_but_admins(account_manager, management, admin):
    suggestion = SuggestionFactory(organisation=OrganisationFactory(is_archived=True))
    for user in (account_manager, management):
        with pytest.raises(Http404):
            access.get_suggestion_for_user(user, suggestion.pk)
    assert list(access.visible_suggestions(account_manager)) == []
    assert access.get_rw_suggestion_for_user(admin, suggestion.pk) == suggestion


def test_only_editors_decide(teacher, management, account_manager, admin):
    assert [access.can_decide_suggestions(u) for u in (teacher, management, account_manager, admin)] == [
        False,
        False,
        True,
        True,
    ]

"""Who reads segments and decides suggestions, built on accounts.access (which stays the one source of roles).

- Account managers and admins read the segment pages and decide: accept or reject a suggestion, or change a
  customer's segment by hand (crm.access.get_rw_organisation_for_user).
- Management reads every segment page (200, with no decide buttons) and gets 403 when it asks to decide.
- Teachers get 403 on the segment pages.
- Suggestions and reviews of archived customers are 404 to all but admins, like the customers themselves.

`get_suggestion_for_user` returns (suggestion, may_decide) from a lookup filtered by the customers the user
may see; `get_rw_suggestion_for_user` also raises 403 unless the user may decide it.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import can_edit_organisation, can_edit_register, writable
from crm.access import visible_organisations
from segments.models import SegmentReview, Suggestion


def can_decide_suggestions(user) -> bool:
    return can_edit_register(user)


def visible_suggestions(user) -> QuerySet:
    return Suggestion.objects.filter(organisation__in=visible_organisations(user))


def visible_reviews(user) -> QuerySet:
    return SegmentReview.objects.filter(organisation__in=visible_organisations(user))


def get_suggestion_for_user(user, pk: int) -> tuple[Suggestion, bool]:
    """A suggestion of a customer the user may see (else 404), its customer loaded, and whether they may decide it."""
    suggestion = get_object_or_404(visible_suggestions(user).select_related("organisation"), pk=pk)
    return suggestion, can_edit_organisation(user, suggestion.organisation)


def get_rw_suggestion_for_user(user, pk: int) -> Suggestion:
    return writable(get_suggestion_for_user(user, pk))

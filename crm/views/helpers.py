"""Lookups shared by the register's views: fetch an object the user may see, or 404."""

from django.shortcuts import get_object_or_404

from accounts.access import can_edit_entry, require, visible_organisations
from crm.models import Organisation


def get_organisation_for_user(request, pk: int) -> Organisation:
    """Strangers get 404: the lookup is filtered by what the user may see."""
    return get_object_or_404(visible_organisations(request.user), pk=pk)


def get_entry_for_user(request, queryset, pk: int):
    """An interaction, delivery, contact or agreement of an organisation the user may see, writable by them."""
    entry = get_object_or_404(
        queryset.select_related("organisation").filter(organisation__in=visible_organisations(request.user)), pk=pk
    )
    require(can_edit_entry(request.user, entry))
    return entry

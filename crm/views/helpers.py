"""Lookups shared by the register's views: fetch an object the user may see, or 404."""

from django.core.paginator import Paginator
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


def paginate(request, queryset, per_page: int = 25, max_pages: int = 400):
    """A page of `queryset`; deep offsets are capped because they get slow (DESIGN.md)."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page") or 1
    try:
        number = min(int(number), max_pages)
    except ValueError:
        number = 1
    return paginator.get_page(number)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"

"""Page helpers shared by the views of crm and the apps above it: paging and telling htmx requests apart.

Who may see or edit an object is crm/access.py's business (and each app's access.py), not this module's.
"""

from django.core.paginator import Paginator


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

"""One way to page a list: `paginate(request, queryset)` and the links in templates/kumppani/pagination.html."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property

from kumppani.web.params import query_int

# Deep offsets are slow (page 2000 of the register took 72 ms at 100,000 customers, DESIGN.md) and nobody
# reads that far: pages past the cap do not exist, and the page links ask people to narrow the filters.
MAX_PAGES = 400


class CappedPaginator(Paginator):
    """A paginator whose last page is at most `max_pages`; `count` still tells how many rows matched."""

    def __init__(self, object_list, per_page: int, *, max_pages: int = MAX_PAGES, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.max_pages = max_pages

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.max_pages)

    @property
    def is_capped(self) -> bool:
        """Whether rows lie beyond the last page shown."""
        return self.count > self.num_pages * self.per_page


def paginate(
    request: HttpRequest,
    queryset,
    per_page: int | None = None,
    max_pages: int = MAX_PAGES,
    count: int | None = None,
) -> Page:
    """The page of `queryset` that ?page= asks for: the first for junk, the last for a number past the end.

    `per_page` defaults to settings.PAGINATE_BY (read at call time, so tests may override it). `count`: how many
    rows the queryset has, when the caller already knows (e.g. counted in another query): no COUNT query then.
    """
    paginator = CappedPaginator(queryset, per_page or settings.PAGINATE_BY, max_pages=max_pages)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: this is its value
    number = query_int(request.GET.get("page"), default=1, minimum=1)
    return paginator.get_page(number)

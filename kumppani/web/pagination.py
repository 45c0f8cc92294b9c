"""One way to page a list: `paginate(request, queryset)` and the links in templates/kumppani/pagination.html."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.http import HttpRequest
from django.utils.functional import cached_property

from kumppani.web.params import query_int

# Deep offsets are slow (page 2000 of the register took 72 ms at 100,000 customers, DESIGN.md) and nobody
# reads that far: pages past the cap do not exist, and the page links ask people to narrow the filters.
MAX_PAGES = 400
# From this offset on a page fetches its rows' ids first (an index walk over the skipped rows, no joins, no row
# reads) and then only its own rows: page 400 of the register read and joined ~10,000 rows it threw away.
IDS_FIRST_FROM = 500


class CappedPaginator(Paginator):
    """A paginator whose last page is at most `max_pages`; `count` still tells how many rows matched."""

    def __init__(self, object_list, per_page: int, *, max_pages: int = MAX_PAGES, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.max_pages = max_pages

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.max_pages)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if bottom >= IDS_FIRST_FROM and _pageable_by_ids(self.object_list):
            return self._get_page(_rows_by_ids(self.object_list, bottom, top), number, self)
        return super().page(number)

    @property
    def is_capped(self) -> bool:
        """Whether rows lie beyond the last page shown."""
        return self.count > self.num_pages * self.per_page


def _pageable_by_ids(object_list) -> bool:
    """A plain model queryset (no UNION, DISTINCT or values()) can be paged by ids: its order is kept."""
    return (
        isinstance(object_list, QuerySet)
        and object_list._iterable_class is ModelIterable
        and not object_list.query.combinator
        and not object_list.query.distinct
        and object_list.ordered
    )


def _rows_by_ids(queryset: QuerySet, bottom: int, top: int) -> list:
    """Rows `bottom:top` of `queryset`: the ids in the queryset's order (a narrow query), then those rows."""
    ids = list(queryset.values_list("pk", flat=True)[bottom:top])
    rows = queryset.order_by().filter(pk__in=ids).in_bulk() if ids else {}
    return [rows[pk] for pk in ids if pk in rows]


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

"""Reading what a request says: ids from a query string, and no NUL byte anywhere.

What people (or their browsers, bookmarks and bots) put in an address or a form is never trusted to be well
formed: a view that reads a parameter by hand reads it through these, so junk is "nothing given", never a 500.
"""

from django.core.exceptions import BadRequest

# PostgreSQL's bigint: an id beyond it names no row (and some lookups would fail on it).
MAX_ID = 2**63 - 1


def query_int(value, *, default: int | None = None, minimum: int | None = None) -> int | None:
    """An integer from a query string or form value: `default` for anything but plain ASCII digits (with an
    optional minus) in the bigint range, and for values below `minimum`.

    str.isdigit() is not enough: "²" is a digit to it and int() refuses it.
    """
    text = str(value if value is not None else "").strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits or len(digits) > 19 or not digits.isascii() or not digits.isdigit():
        return default
    number = int(text)
    if abs(number) > MAX_ID or (minimum is not None and number < minimum):
        return default
    return number


def query_id(value) -> int | None:
    """A row id (a positive integer) from a query string or form value, else None."""
    return query_int(value, minimum=1)


class RefuseNulBytesMiddleware:
    """A NUL byte in the address, the query string or a posted field is refused with 400.

    No person types one; PostgreSQL refuses it in text (a DataError, which would be a 500 wherever a value
    reaches a query), and every place that reads a parameter would otherwise need its own check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET):
            raise BadRequest("NUL byte in the query string")
        if request.method == "POST" and _posted_form(request) and _has_nul(request.POST):
            raise BadRequest("NUL byte in a posted field")
        return self.get_response(request)


def _posted_form(request) -> bool:
    return request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)

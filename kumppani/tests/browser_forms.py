"""What a browser would post for a rendered form, for tests that load a page and save it as a person would."""

from django import forms
from django.http import QueryDict


def posted_data(form: forms.BaseForm) -> dict:
    """Each field's current value (initial, or bound data when re-rendered) as its widget submits it."""
    data: dict = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            continue
        formatted = widget.format_value(value)
        if isinstance(formatted, list):
            data[bound.html_name] = [str(item) for item in formatted if item not in ("", None)]
        elif formatted is not None:
            data[bound.html_name] = formatted
    return data


def as_query_dict(data: dict) -> QueryDict:
    """`posted_data` as request.POST would hold it, for binding a form directly."""
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query

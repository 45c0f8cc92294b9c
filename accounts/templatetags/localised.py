"""`{{ obj|localised:"name" }}`: admin-defined data in the reader's language, Finnish (marked lang="fi") as fallback."""

from django import template

from accounts.messages import localised_html

register = template.Library()


@register.filter
def localised(obj, field: str):
    if obj is None:
        return ""
    return localised_html(obj, field)

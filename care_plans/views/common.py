"""Rendering shared by care_plans' views (who may see and edit what is care_plans/access.py's business)."""

from django.shortcuts import render

from crm.views.helpers import is_htmx, paginate


def render_list(request, *, template: str, table_template: str, filterset, context: dict):
    page = paginate(request, filterset.qs)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode(), **context}
    return render(request, table_template if is_htmx(request) else template, context)


def render_form(request, *, form, title: str, back_url: str, organisation=None, intro: str = ""):
    return render(
        request,
        "care_plans/form.html",
        {"form": form, "title": title, "back_url": back_url, "organisation": organisation, "intro": intro},
    )

"""Rendering shared by care_plans' views (who may see and edit what is care_plans/access.py's business)."""

from django.shortcuts import render


def render_form(request, *, form, title: str, back_url: str, organisation=None, intro: str = ""):
    return render(
        request,
        "care_plans/form.html",
        {"form": form, "title": title, "back_url": back_url, "organisation": organisation, "intro": intro},
    )

"""My work: today's and overdue items from every registered source, each one click from done."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from crm.my_work import HORIZON_DAYS, items_for
from kumppani.web.pagination import paginate

SECTIONS = ("overdue", "today", "upcoming", "undated")
# Rows a section shows on the page; the rest are one "show all" away (a paged list of that section).
SECTION_ROWS = 25


def _sections(items, today: datetime.date) -> dict[str, list]:
    sections: dict[str, list] = {code: [] for code in SECTIONS}
    for item in items:
        if item.due is None:
            sections["undated"].append(item)
        elif item.due < today:
            sections["overdue"].append(item)
        elif item.due == today:
            sections["today"].append(item)
        else:
            sections["upcoming"].append(item)
    return sections


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = items_for(request.user, today, today + datetime.timedelta(days=HORIZON_DAYS))
    sections = _sections(items, today)
    code = request.GET.get("section")
    if code in sections:
        page = paginate(request, sections[code], per_page=SECTION_ROWS)
        return render(request, "crm/my_work_section.html", {"code": code, "page": page, "today": today})
    # Each section's first rows, its count and whether "show all" leads to more.
    shown = [
        {"code": code, "rows": rows[:SECTION_ROWS], "count": len(rows), "more": len(rows) > SECTION_ROWS}
        for code, rows in sections.items()
        if rows
    ]
    return render(
        request,
        "crm/my_work.html",
        {"sections": sections, "shown": shown, "today": today, "horizon_days": HORIZON_DAYS, "total": len(items)},
    )

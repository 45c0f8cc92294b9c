"""My work: today's and overdue items from every registered source, each one click from done."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from crm.my_work import HORIZON_DAYS, SECTIONS, SectionItems, WorkBoard
from kumppani.web.pagination import MAX_PAGES, paginate
from kumppani.web.params import query_int

# Rows a section shows on the page; the rest are one "show all" away (a paged list of that section).
SECTION_ROWS = 25


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    board = WorkBoard(request.user, today, today + datetime.timedelta(days=HORIZON_DAYS))
    code = request.GET.get("section")
    if code in SECTIONS:
        # The rows up to the page asked for, and the section's count, in one query a source.
        number = min(query_int(request.GET.get("page"), default=1, minimum=1), MAX_PAGES)
        board.load([code], number * SECTION_ROWS)
        page = paginate(request, SectionItems(board, code), per_page=SECTION_ROWS)
        return render(request, "crm/my_work_section.html", {"code": code, "page": page, "today": today})
    # Each section's first rows (the only ones built), its count and whether "show all" leads to more.
    board.load(SECTIONS, SECTION_ROWS)
    counts = board.counts()
    sections = {code: board.rows(code, 0, SECTION_ROWS) for code in SECTIONS}
    shown = [
        {"code": code, "rows": sections[code], "count": counts[code], "more": counts[code] > SECTION_ROWS}
        for code in SECTIONS
        if counts[code]
    ]
    context = {"sections": sections, "shown": shown, "today": today, "horizon_days": HORIZON_DAYS}
    return render(request, "crm/my_work.html", {**context, "total": sum(counts.values())})

"""My work: today's and overdue items from every registered source, each one click from done."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from crm.my_work import HORIZON_DAYS, items_for


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = items_for(request.user, today, today + datetime.timedelta(days=HORIZON_DAYS))
    sections = {"overdue": [], "today": [], "upcoming": [], "undated": []}
    for item in items:
        if item.due is None:
            sections["undated"].append(item)
        elif item.due < today:
            sections["overdue"].append(item)
        elif item.due == today:
            sections["today"].append(item)
        else:
            sections["upcoming"].append(item)
    return render(
        request,
        "crm/my_work.html",
        {"sections": sections, "today": today, "horizon_days": HORIZON_DAYS, "total": len(items)},
    )

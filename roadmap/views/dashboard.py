"""Management's first page: roadmap progress and the indicators against their targets."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import role_required
from roadmap.access import READER_ROLES, can_write_roadmap
from roadmap.models import Roadmap
from roadmap.progress import board


@role_required(*READER_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    roadmap = Roadmap.objects.select_related("owner").first()
    context = {
        "roadmap": roadmap,
        "board": board(roadmap) if roadmap else None,
        "may_write": can_write_roadmap(request.user),
    }
    return render(request, "roadmap/dashboard.html", context)

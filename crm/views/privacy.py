"""Data protection pages for admins: the erasure review of a contact, and the retention review."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.roles import Role
from crm.access import get_rw_contact_for_user
from crm.erasure import contact_hits, contact_subject, proposed
from crm.filters import RetentionFilter
from crm.forms import RetentionKeepForm
from crm.models import RegisterSettings
from crm.retention import inactive_contacts, retention_keep, with_last_activity
from kumppani.web.htmx import render_list
from kumppani.web.pagination import paginate


def _admin_url(hit) -> str:
    """Where the admin opens the row a hit is in: the change page, or the history page of a history row."""
    live = hit.entry.history_of or hit.entry.model
    meta = live._meta
    try:
        if hit.entry.history_of is not None:
            return reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[hit.record_id])
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[hit.pk])
    except NoReverseMatch:
        return ""


@role_required(Role.ADMIN)
def contact_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Every place the person's name, e-mail or phone is found, to tick what the erasure replaces."""
    contact = get_rw_contact_for_user(request.user, pk)
    subject = contact_subject(contact)
    rows = [
        {"hit": hit, "snippets": hit.snippets(subject), "proposed": proposed(hit), "url": _admin_url(hit)}
        for hit in contact_hits(contact, subject)
    ]
    return render(request, "crm/contact_erase.html", {"contact": contact, "rows": rows})


@role_required(Role.ADMIN)
def retention_review(request: HttpRequest) -> HttpResponse:
    review = RetentionFilter(request.GET or None, queryset=inactive_contacts().select_related("organisation"))
    # The last-activity subqueries run for the page's rows only: the count leaves unused annotations out.
    page = paginate(request, with_last_activity(review.qs))
    context = {
        "filter": review,
        "page": page,
        "years": RegisterSettings.load().retention_years,
        "keep_form": RetentionKeepForm(),
    }
    return render_list(request, "crm/retention_review.html", "crm/retention_table.html", context)


@require_POST
@role_required(Role.ADMIN)
def retention_keep_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_rw_contact_for_user(request.user, pk)
    form = RetentionKeepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for keeping %(name)s's data.") % {"name": contact.full_name})
        return redirect("crm:retention_review")
    retention_keep(contact=contact, actor=request.user, reason=form.cleaned_data["reason"])
    messages.success(
        request, _("%(name)s's data is kept; the review lists them again in a year.") % {"name": contact.full_name}
    )
    return redirect("crm:retention_review")

"""Contact persons: create, edit, export a person's data, erase by anonymising."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.access import EDITOR_ROLES, is_admin, role_required
from accounts.idempotency import idempotent_create
from accounts.roles import Role
from crm import services
from crm.access import get_rw_contact_for_user, get_rw_organisation_for_user
from crm.forms import ContactForm
from crm.models import Contact
from kumppani.web.concurrent_edits import save_versioned
from kumppani.web.downloads import json_download


def _render_form(request, form, organisation, contact=None) -> HttpResponse:
    return render(
        request,
        "crm/entry_form.html",
        {
            "form": form,
            "organisation": organisation,
            "title": _("Contact person"),
            "contact": contact,
            "may_erase": is_admin(request.user),
        },
    )


@role_required(*EDITOR_ROLES)
@idempotent_create
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, pk)
    form = ContactForm(request.POST or None, instance=Contact(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        contact = services.contact_save(contact=form.save(commit=False), actor=request.user, decisions=form.decisions())
        messages.success(request, _("%(name)s was added.") % {"name": contact.full_name})
        return redirect(organisation)
    return _render_form(request, form, organisation)


@role_required(*EDITOR_ROLES)
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_rw_contact_for_user(request.user, pk)
    form = ContactForm(request.POST or None, instance=contact)

    def save():
        return services.contact_save(contact=form.save(commit=False), actor=request.user, decisions=form.decisions())

    if request.method == "POST" and form.is_valid() and save_versioned(form, save):
        messages.success(request, _("The changes were saved."))
        return redirect(contact.organisation)
    return _render_form(request, form, contact.organisation, contact)


@role_required(*EDITOR_ROLES)
def contact_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about one person, as a JSON download (GDPR right of access)."""
    contact = get_rw_contact_for_user(request.user, pk, anonymised=True)
    return json_download(services.contact_export(contact), f"contact-{contact.pk}.json")


@require_POST
@role_required(Role.ADMIN)
def contact_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase the person and replace the places the admin confirmed on the review page (crm.views.privacy)."""
    contact = get_rw_contact_for_user(request.user, pk)
    erasure = services.contact_anonymise(
        contact=contact, actor=request.user, confirmed=request.POST.getlist("confirmed")
    )
    messages.success(
        request,
        ngettext(
            "The person's data was erased; %(count)d other place was cleaned. The customer's history is kept.",
            "The person's data was erased; %(count)d other places were cleaned. The customer's history is kept.",
            erasure.fields_replaced,
        )
        % {"count": erasure.fields_replaced},
    )
    return redirect(contact.organisation)

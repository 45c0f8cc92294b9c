"""Agreement documents: served only here, to those who may see the customer, as attachments from the storage."""

import os

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.access import REGISTER_ROLES, role_required
from crm.access import get_agreement_for_user
from crm.uploads import DocumentRefused, document_sniff


@role_required(*REGISTER_ROLES)
def agreement_document(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, _may_edit = get_agreement_for_user(request.user, pk)
    if not agreement.document:
        raise Http404
    if agreement.document_quarantine:
        return _withheld(request, agreement, agreement.get_document_quarantine_display())
    # Any storage backend (local disk, object storage): opened by name, never by a path on this node.
    storage = agreement.document.storage
    try:
        stored = storage.open(agreement.document.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    try:
        # Sniffed again: what is served is what the bytes are, whatever was stored before the checks came.
        sniffed = document_sniff(stored)
    except DocumentRefused as refused:
        stored.close()
        return _withheld(request, agreement, refused.reason.label)
    stem = os.path.splitext(os.path.basename(agreement.document.name))[0] or "document"
    response = FileResponse(
        stored, as_attachment=True, filename=f"{stem}{sniffed.extension}", content_type=sniffed.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _withheld(request: HttpRequest, agreement, reason: str) -> HttpResponse:
    context = {
        "title": _("Document withheld"),
        "agreement": agreement,
        "organisation": agreement.organisation,
        "reason": reason,
    }
    return render(request, "crm/document_withheld.html", context, status=403)

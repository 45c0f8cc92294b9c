"""Changing a customer's segment by hand."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import EDITOR_ROLES, role_required
from accounts.idempotency import idempotent_create
from crm.access import get_rw_organisation_for_user
from segments import services
from segments.forms import UNCLASSIFIED_CHOICE, SegmentChangeForm
from segments.models import CareModel, SegmentChange, SegmentReview


@role_required(*EDITOR_ROLES)
@idempotent_create
def segment_change(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, pk)
    initial = {"segment": organisation.segment or UNCLASSIFIED_CHOICE}
    form = SegmentChangeForm(
        request.POST or None,
        initial=initial,
        current=organisation.segment,
        customer_group=organisation.customer_group,
    )
    if request.method == "POST" and form.is_valid():
        review_open = SegmentReview.objects.filter(
            organisation=organisation, resolved_at__isnull=True, reason=SegmentReview.Reason.AGREEMENT_ENDED
        ).exists()
        try:
            services.segment_change(
                organisation=organisation,
                to_code=form.cleaned_data["segment"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                source=SegmentChange.Source.AGREEMENT_ENDED if review_open else SegmentChange.Source.MANUAL,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The segment was changed."))
            return redirect(organisation)
    context = {
        "form": form,
        "organisation": organisation,
        "active_agreement": organisation.active_agreement(),
        "care_models": CareModel.objects.filter(
            is_active=True, customer_group=organisation.customer_group, segment__isnull=False
        )
        .select_related("segment")
        .order_by("segment__order"),
    }
    return render(request, "segments/change_form.html", context)

"""Customer lists: one segment (or the unclassified), overdue contacts, mailing lists."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import REGISTER_ROLES, role_required
from crm.access import visible_organisations
from crm.models import Contact, ContactPreference
from crm.preferences import contacts_reachable
from kumppani.web.csv import csv_response
from kumppani.web.htmx import is_htmx, render_list
from kumppani.web.pagination import paginate
from segments import stats
from segments.filters import OverdueFilter, SegmentOrganisationFilter
from segments.models import Segment
from segments.views.common import segment_for_code

LIST_RELATED = ("municipality", "account_manager")
# Organisations whose contacts the mailing-list CSV reads and sorts at a time.
STREAM_ORGANISATIONS = 500


def _segments_by_code() -> dict:
    return {s.code: s for s in Segment.objects.all()}


def _render_table(request, template: str, organisation_filter, context: dict) -> HttpResponse:
    page = paginate(request, organisation_filter.qs.select_related(*LIST_RELATED))
    segments = _segments_by_code()
    for organisation in page.object_list:
        organisation.segment_obj = segments.get(organisation.segment)
    context = {**context, "filter": organisation_filter, "page": page, "today": timezone.localdate()}
    return render_list(request, template, "segments/organisation_table.html", context)


@role_required(*REGISTER_ROLES)
def segment_list(request: HttpRequest, code: str) -> HttpResponse:
    segment = segment_for_code(code)
    queryset = visible_organisations(request.user).filter(segment=segment.code if segment else "")
    organisation_filter = SegmentOrganisationFilter(request.GET or None, queryset=queryset)
    del organisation_filter.filters["segment"]
    organisation_filter.form.fields.pop("segment", None)
    return _render_table(request, "segments/segment_list.html", organisation_filter, {"segment": segment, "code": code})


@role_required(*REGISTER_ROLES)
def overdue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    organisations = visible_organisations(request.user)
    overdue_qs = organisations.filter(next_contact_due__lt=today).order_by("next_contact_due", "pk")
    organisation_filter = OverdueFilter(request.GET or None, queryset=overdue_qs)
    summary = stats.overdue_by_manager_and_unit(organisations, today=today) if not is_htmx(request) else {}
    return _render_table(request, "segments/overdue.html", organisation_filter, {"summary": summary})


def _consenting_contacts(organisations, contacts=None):
    contacts = contacts if contacts is not None else Contact.objects.filter(organisation__in=organisations.values("pk"))
    return (
        contacts_reachable(contacts, ContactPreference.Kind.NEWSLETTERS_AND_CAMPAIGNS)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name", "pk")
    )


def _consenting_contacts_streamed(organisations, chunk: int = STREAM_ORGANISATIONS):
    """`_consenting_contacts` in the same order, a chunk of organisations at a time in name order (the name
    index), so the first row leaves without sorting every contact of the register first. A chunk takes in every
    organisation of its last name, so contacts of same-named organisations still sort together."""
    ordered = organisations.order_by("name", "pk").values_list("pk", "name")
    after = None
    while True:
        rows = list((ordered if after is None else ordered.filter(name__gt=after))[:chunk])
        if not rows:
            return
        after = rows[-1][1]
        same_name = ordered.filter(name=after, pk__gt=rows[-1][0]).values_list("pk", flat=True)
        ids = [pk for pk, _name in rows] + list(same_name)
        yield from _consenting_contacts(None, Contact.objects.filter(organisation_id__in=ids))


@role_required(*REGISTER_ROLES)
def mailing_list(request: HttpRequest) -> HttpResponse:
    """Contacts with an e-mail address who consented to newsletters and campaigns, of a segment or any filter."""
    organisation_filter = SegmentOrganisationFilter(request.GET or None, queryset=visible_organisations(request.user))
    contacts = _consenting_contacts(organisation_filter.qs)
    if request.GET.get("format") == "csv":
        segments = _segments_by_code()
        rows = (
            [
                c.email,
                c.first_name,
                c.last_name,
                c.title,
                c.organisation.name,
                segments[c.organisation.segment].name if c.organisation.segment in segments else "",
                c.preference_date.isoformat() if c.preference_date else "",
            ]
            for c in _consenting_contacts_streamed(organisation_filter.qs)
        )
        header = [
            _("E-mail"),
            _("First name"),
            _("Last name"),
            _("Title"),
            _("Organisation"),
            _("Segment"),
            _("Consent date"),
        ]
        return csv_response("mailing-list.csv", header, rows)
    context = {"filter": organisation_filter, "page": paginate(request, contacts)}
    return render_list(request, "segments/mailing_list.html", "segments/mailing_table.html", context)

"""The leads' part of My work: open leads assigned to the user (a query source of crm.my_work)."""

from django.db.models import Case, F, When
from django.utils.translation import gettext as _

from accounts.access import not_archived
from crm.my_work import WorkItem
from leads.models import Lead

# An uncontacted lead is due on its contact date; one being taken forward has no date.
LEAD_DUE = Case(When(state__in=Lead.UNCONTACTED_STATES, then=F("contact_due_on")), default=None)


def lead_rows(user, horizon):
    """Open leads assigned to the user. Archived customers' leads are left out: they are 404 to all but admins
    (leads.access). Leads are not limited by the horizon: an open lead stays on the page until it is handled."""
    return not_archived(Lead.objects.filter(assignee=user, state__in=Lead.OPEN_STATES), user).select_related(
        "organisation"
    )


def lead_item(lead) -> WorkItem:
    uncontacted = lead.state in Lead.UNCONTACTED_STATES
    return WorkItem(
        title=str(lead),
        due=lead.contact_due_on if uncontacted else None,
        kind="lead",
        kind_label=str(_("Lead")),
        url=lead.get_absolute_url(),
        organisation=lead.organisation,
        done_url=lead.get_absolute_url(),
        done_label=str(_("Contact the customer") if uncontacted else _("Take it forward")),
        done_method="get",
    )

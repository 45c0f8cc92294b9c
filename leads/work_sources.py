"""The leads' part of My work: open leads assigned to the user."""

import datetime

from django.utils.translation import gettext as _

from accounts.access import not_archived
from crm.my_work import WorkItem
from leads.models import Lead


def leads_to_handle(user, today: datetime.date, horizon: datetime.date) -> list[WorkItem]:
    """Open leads assigned to the user; an uncontacted lead is due on its contact date.

    Archived customers' leads are left out: they are 404 to all but admins (leads.access).
    """
    rows = (
        not_archived(Lead.objects.filter(assignee=user, state__in=Lead.OPEN_STATES), user)
        .select_related("organisation")
        .order_by("contact_due_on", "pk")[:200]
    )
    items = []
    for lead in rows:
        uncontacted = lead.state in Lead.UNCONTACTED_STATES
        items.append(
            WorkItem(
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
        )
    return items

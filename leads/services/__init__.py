"""Lead and offer services, one module per concern; the names below are the API views, tasks and apps use.

Every write that spans rows, the timeline, notifications or e-mail goes through these. State rules are on the
models (`Lead.can_move_to`, `Offer.can_move_to`).
"""

from .events import unit_account_managers
from .mail import lead_mail_context
from .matching import match_organisations, resolve_organisation
from .offers import OfferStateError, offer_accept, offer_reject, offer_save, offer_send, offers_expire
from .passing import lead_pass, lead_recent_duplicate, lead_route
from .reminders import lead_reminders_send
from .statistics import lead_statistics
from .working import (
    LeadStateError,
    lead_assign,
    lead_close,
    lead_convert_to_delivery,
    lead_convert_to_offer,
    lead_mark_contacted,
    lead_qualify,
)

__all__ = [
    "LeadStateError",
    "OfferStateError",
    "lead_assign",
    "lead_close",
    "lead_convert_to_delivery",
    "lead_convert_to_offer",
    "lead_mail_context",
    "lead_mark_contacted",
    "lead_pass",
    "lead_qualify",
    "lead_recent_duplicate",
    "lead_reminders_send",
    "lead_route",
    "lead_statistics",
    "match_organisations",
    "offer_accept",
    "offer_reject",
    "offer_save",
    "offer_send",
    "offers_expire",
    "resolve_organisation",
    "unit_account_managers",
]

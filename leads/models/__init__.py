from .lead import NEED_SERVICE_TYPE, Lead, LeadEvent, LeadRoute, LeadSettings, Need
from .offer import Offer, OfferLine

__all__ = [
    "NEED_SERVICE_TYPE",
    "Lead",
    "LeadEvent",
    "LeadRoute",
    "LeadSettings",
    "Need",
    "Offer",
    "OfferLine",
]

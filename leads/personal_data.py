"""Leads copy a contact person's name and phone or e-mail by hand; events keep typed notes and parameters."""

from kumppani.privacy import register
from leads.models import Lead, LeadEvent, Offer, OfferLine

register(Lead, ["new_organisation_name", "description", "contact_name", "contact_details"])
register(LeadEvent, ["params", "summary", "note"])
register(Offer, ["title", "notes"])
register(OfferLine, ["description"])

from .activity import Interaction, TimelineEntry
from .delivery import Delivery
from .organisation import (
    GROUPS_NEEDING_A_UNIT,
    AccountTeamAssignment,
    CustomerGroup,
    OperatingForm,
    Organisation,
    PartnershipAgreement,
    SizeClass,
)
from .people import Contact
from .preferences import ContactPreference
from .privacy import ContactErasure, RetentionDecision
from .reference import ContactRole, Industry, Municipality, RegisterSettings, ServiceType

__all__ = [
    "GROUPS_NEEDING_A_UNIT",
    "AccountTeamAssignment",
    "Contact",
    "ContactErasure",
    "ContactPreference",
    "ContactRole",
    "CustomerGroup",
    "Delivery",
    "Industry",
    "Interaction",
    "Municipality",
    "OperatingForm",
    "Organisation",
    "PartnershipAgreement",
    "RegisterSettings",
    "RetentionDecision",
    "ServiceType",
    "SizeClass",
    "TimelineEntry",
]

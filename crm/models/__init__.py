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
from .reference import Industry, Municipality, RegisterSettings, ServiceType

__all__ = [
    "GROUPS_NEEDING_A_UNIT",
    "AccountTeamAssignment",
    "Contact",
    "ContactPreference",
    "CustomerGroup",
    "Delivery",
    "Industry",
    "Interaction",
    "Municipality",
    "OperatingForm",
    "Organisation",
    "PartnershipAgreement",
    "RegisterSettings",
    "ServiceType",
    "SizeClass",
    "TimelineEntry",
]

"""Care plans, steering groups, after-care follow-ups, their settings and calendar feeds, one module per concern."""

from .calendar import CalendarFeed, new_feed_token
from .choices import FOLLOW_UP_CHANNELS, Channel, Status
from .configuration import AfterCareModel, AfterCareStep, ReminderSettings
from .followups import FollowUp, NewNeed
from .plans import CarePlan, ManagementReview, Meeting, PlanAction, SteeringGroup, SteeringGroupMember
from .service_path import Referral, ServiceStart

__all__ = [
    "FOLLOW_UP_CHANNELS",
    "AfterCareModel",
    "AfterCareStep",
    "CalendarFeed",
    "CarePlan",
    "Channel",
    "FollowUp",
    "ManagementReview",
    "Meeting",
    "NewNeed",
    "PlanAction",
    "Referral",
    "ReminderSettings",
    "ServiceStart",
    "Status",
    "SteeringGroup",
    "SteeringGroupMember",
    "new_feed_token",
]

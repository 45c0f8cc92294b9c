"""Care plans, follow-ups and steering groups: typed notes, and steering group members who are contacts."""

from django.db.models import Q

from care_plans.models import (
    CarePlan,
    FollowUp,
    ManagementReview,
    Meeting,
    NewNeed,
    PlanAction,
    Referral,
    ServiceStart,
    SteeringGroup,
    SteeringGroupMember,
)
from kumppani.privacy import register

register(
    FollowUp,
    ["title", "title_params", "went_customer", "went_ours", "need_reassessment", "services_presented", "feedback"],
)
register(NewNeed, ["description"])
register(CarePlan, ["customer_goals", "our_goals", "services_notes"])
register(SteeringGroup, ["name", "purpose"])
register(SteeringGroupMember, ["name", "duties"], linked=lambda s: Q(contact=s.pk))
register(Meeting, ["location", "agenda", "minutes"])
register(PlanAction, ["title"])
register(ManagementReview, ["note"])
register(ServiceStart, ["need_assessment", "service_promise"])
register(Referral, ["need", "contact_name", "contact_details"])

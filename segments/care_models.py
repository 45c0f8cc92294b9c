"""Which care model a customer follows: the one rule, for one customer or for a whole queryset.

Precedence (decided with the care programme's owners): the customer's own override, then its customer group's
active model for its segment, then its group's active model without a segment. A customer with none has no
care model: after-care is made for every delivery, and no element is required.

`care_model_for(organisation)` answers for one customer; `with_care_model(queryset)` annotates many with
`care_model_id` in the same query (lists, coverage, the nightly due-date rebuild). Both use the one expression
below, so they cannot disagree.
"""

from django.db.models import BigIntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from segments.models import CareModel, CareModelOverride

CARE_MODEL_ID = "care_model_id"


def care_model_expression():
    """The id of the care model of the organisation being queried (an annotation on Organisation)."""
    override = CareModelOverride.objects.filter(organisation=OuterRef("pk"), care_model__is_active=True).values(
        "care_model_id"
    )[:1]
    active = CareModel.objects.filter(is_active=True, customer_group=OuterRef("customer_group"))
    for_segment = active.filter(segment__code=OuterRef("segment")).values("pk")[:1]
    for_group = active.filter(segment__isnull=True).values("pk")[:1]
    return Coalesce(Subquery(override), Subquery(for_segment), Subquery(for_group), output_field=BigIntegerField())


def with_care_model(organisations: QuerySet) -> QuerySet:
    """The organisations, each annotated with `care_model_id` (None: no care model)."""
    return organisations.annotate(**{CARE_MODEL_ID: care_model_expression()})


def care_model_for(organisation) -> CareModel | None:
    """The organisation's care model, or None; one query, kept on the instance for the rest of the request
    (the organisation page's segment and care panels both ask)."""
    key = (organisation.customer_group, organisation.segment)
    cached = organisation.__dict__.get("_care_model")
    if cached is not None and cached[0] == key:
        return cached[1]
    from crm.models import Organisation

    chosen = with_care_model(Organisation.objects.filter(pk=organisation.pk)).values(CARE_MODEL_ID)[:1]
    model = CareModel.objects.select_related("segment").filter(pk=Subquery(chosen)).first()
    organisation.__dict__["_care_model"] = (key, model)
    return model


def models_requiring(element: str) -> Q:
    """A filter on annotated organisations: their care model requires `element` ("care_plan", …)."""
    ids = CareModel.objects.filter(**{f"requires_{element}": True}).values("pk")
    return Q(**{f"{CARE_MODEL_ID}__in": ids})


def after_care_off(organisation) -> bool:
    """Whether the customer's care model switches after-care off (no model: after-care as for everyone)."""
    model = care_model_for(organisation)
    return bool(model and model.after_care_off)

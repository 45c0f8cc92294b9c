"""The suggestion rule: a customer's facts and the admin's thresholds → a segment, explained in words.

Rules, first match wins (thresholds are SuggestionSettings fields; the source documents give none):
1. an active partnership agreement → strategic (strategic customers are the agreement customers);
2. passive status → potential (potential customers are found among passive ones);
3. ≥ key deliveries of ≥ key service types in the activity window, ≥ key value in the value window and
   ≥ key years of cooperation → key;
4. ≥ regular deliveries, ≥ regular value and ≥ regular years → regular;
5. ≥ occasional deliveries → occasional;
6. otherwise (no deliveries in the window) → potential.
Facts are plain JSON so an explanation can be rendered later in the reader's language.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kumppani.web.formatting import format_euro
from segments.models import KEY, OCCASIONAL, POTENTIAL, REGULAR, STRATEGIC


@dataclass
class Facts:
    years: int  # full years since the first delivery started; 0 when none
    deliveries: int  # deliveries (not cancelled) started in the activity window
    service_types: int  # distinct service types among those
    value: Decimal  # euro value of deliveries started in the value window
    contacts: int  # logged interactions in the activity window
    agreement: bool  # an active partnership agreement today
    passive: bool  # the customer's status is passive
    window: int  # activity window, months
    value_window: int  # value window, months

    def as_json(self) -> dict:
        # The fields are plain values: a shallow copy (dataclasses.asdict deep-copies, the bulk of a refresh's
        # time over 100,000 customers).
        data = dict(vars(self))
        data["value"] = str(self.value)
        return data


def classify(facts: Facts, settings) -> str:
    if facts.agreement:
        return STRATEGIC
    if facts.passive:
        return POTENTIAL
    if (
        facts.deliveries >= settings.key_min_deliveries
        and facts.service_types >= settings.key_min_service_types
        and facts.value >= settings.key_min_value
        and facts.years >= settings.key_min_years
    ):
        return KEY
    if (
        facts.deliveries >= settings.regular_min_deliveries
        and facts.value >= settings.regular_min_value
        and facts.years >= settings.regular_min_years
    ):
        return REGULAR
    if facts.deliveries >= settings.occasional_min_deliveries:
        return OCCASIONAL
    return POTENTIAL


def explain(facts: dict, code: str, names: dict[str, str] | None = None) -> str:
    """E.g. "12 deliveries of 4 service types in 24 months, 84 000 € in 12 months, 5 years → key" (in Finnish).

    Pass `names` (segment code → name) when explaining many suggestions, to avoid a query each.
    """
    from segments.services import segment_name

    parts: list[str] = []
    if facts["agreement"]:
        parts.append(_("active partnership agreement"))
    if facts["passive"]:
        parts.append(_("passive status"))
    if facts["deliveries"]:
        parts.append(
            ngettext(
                "%(n)d delivery of %(types)s in %(months)d months",
                "%(n)d deliveries of %(types)s in %(months)d months",
                facts["deliveries"],
            )
            % {
                "n": facts["deliveries"],
                "types": ngettext("%(t)d service type", "%(t)d service types", facts["service_types"])
                % {"t": facts["service_types"]},
                "months": facts["window"],
            }
        )
        value = format_euro(Decimal(facts["value"]), decimals=0)
        parts.append(_("%(value)s in %(months)d months") % {"value": value, "months": facts["value_window"]})
    else:
        parts.append(_("no deliveries in %(months)d months") % {"months": facts["window"]})
    if facts["years"]:
        parts.append(
            ngettext("%(n)d year of cooperation", "%(n)d years of cooperation", facts["years"]) % {"n": facts["years"]}
        )
    parts.append(
        ngettext("%(n)d contact logged", "%(n)d contacts logged", facts["contacts"]) % {"n": facts["contacts"]}
    )
    text = ", ".join(parts)
    name = names[code] if names and code in names else segment_name(code)
    return f"{text[:1].upper()}{text[1:]} → {name}"

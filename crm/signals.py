"""Events the register announces; apps above crm (care_plans, segments...) connect to them."""

from django.dispatch import Signal

# Sent after commit with delivery=<Delivery>, actor=<User|None> when a delivery is marked done.
delivery_completed = Signal()
# Sent with organisation, old_manager, new_manager, actor when the responsible account manager changes.
account_manager_changed = Signal()
# Sent with organisation, interaction when a contact with the customer is logged.
interaction_logged = Signal()

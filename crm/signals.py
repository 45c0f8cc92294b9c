"""Events the register announces; apps above crm (care_plans, segments...) connect to them.

Each is sent after the commit of the change it announces, with `send_robust`: a receiver that fails is logged
and can fail neither the request that already committed nor the other receivers. So a receiver does light,
idempotent work, or queues a task with `kumppani.publish.publish_after_commit`, and whatever it does has a
periodic sweep that repairs it when it did not run (docs/ARCHITECTURE.md, "Side effects after the commit").
"""

from django.dispatch import Signal

# Sent after commit with delivery=<Delivery>, actor=<User|None> when a delivery is marked done.
delivery_completed = Signal()
# Sent with organisation, old_manager, new_manager, actor when the responsible account manager changes.
account_manager_changed = Signal()
# Sent after commit with agreement, actor when a partnership agreement is created or edited.
agreement_saved = Signal()
# Sent after commit with delivery, old_responsible_id, new_responsible, actor when a delivery's responsible changes.
delivery_responsible_changed = Signal()
# Sent with organisation, interaction when a contact with the customer is logged or its date edited.
interaction_logged = Signal()

"""Events segments announces to the apps above it (care_plans, feedback, roadmap)."""

from django.dispatch import Signal

# Sent after commit with organisation, from_code, to_code, actor when a customer's segment changes.
segment_changed = Signal()

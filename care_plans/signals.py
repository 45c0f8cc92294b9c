"""Events care plans announce to the apps above them (feedback, roadmap).

Sent after the commit of the change, with `send_robust`: a failing receiver is logged and fails nothing here.
"""

from django.dispatch import Signal

# Sent after commit with follow_up=<FollowUp>, actor=<User|None> when an after-care follow-up is recorded done.
followup_completed = Signal()

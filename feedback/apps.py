from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from accounts.navigation import register_nav_item
        from accounts.roles import Role
        from care_plans.signals import followup_completed
        from crm import my_work, signals, timeline
        from crm.panels import register_panel
        from feedback import mail, messages, panels, personal_data, receivers, reminder_sources, work_sources  # noqa: F401
        from feedback.models import Response
        from feedback.segment_metrics import nps_by_segment
        from outbox.context import register_context  # noqa: F401  (the contact mail registers through crm)
        from segments.metrics import register_segment_metric

        reminder_sources.register()
        mail.register()
        signals.delivery_completed.connect(receivers.on_delivery_completed, dispatch_uid="feedback_delivery")
        followup_completed.connect(receivers.on_followup_completed, dispatch_uid="feedback_followup")
        timeline.register_kind("feedback", _("Feedback"), "N")
        register_panel("feedback", template="feedback/panel.html", context=panels.feedback_panel, order=30)
        my_work.register_source("feedback_actions", work_sources.loop_actions, order=15)
        my_work.register_source("surveys_not_sent", work_sources.surveys_not_sent, order=50)
        register_segment_metric("nps", _("NPS, last 12 months"), nps_by_segment, order=30, depends_on=[Response])
        register_nav_item(
            _("Customer feedback"),
            "feedback:figures",
            roles=[Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN],
            order=38,
            group=_("Customer care"),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarePlansConfig(AppConfig):
    name = "care_plans"
    verbose_name = _("Care plans and after-care")

    def ready(self) -> None:
        from accounts.navigation import register_nav_item
        from accounts.roles import Role
        from care_plans import (  # noqa: F401
            messages,
            panels,
            personal_data,
            receivers,
            reminder_sources,
            required,
            work_sources,
        )
        from care_plans.models import CarePlan, FollowUp, Meeting
        from care_plans.services import plan_contact_interval, plan_coverage_by_segment
        from crm import my_work, signals, timeline
        from crm.panels import register_panel
        from segments import services as segment_services
        from segments.metrics import register_segment_metric
        from segments.models import CareModel

        reminder_sources.register()
        register_segment_metric(
            "plan_coverage", _("Care plan coverage"), plan_coverage_by_segment, order=20, depends_on=[CarePlan]
        )
        # What each care model requires, per segment: customers that have it of those that must (coverage).
        for order, (element, label) in enumerate(
            [
                ("annual_review", _("Annual review coverage")),
                ("steering_group", _("Steering group coverage")),
                ("after_care", _("After-care coverage")),
            ]
        ):
            register_segment_metric(
                f"{element}_coverage",
                label,
                required.coverage_metric(element),
                order=21 + order,
                depends_on=[FollowUp, Meeting, CareModel],
            )
        # A care plan's own contact rhythm wins over the care model's (segments reads it through this).
        segment_services.register_contact_interval(plan_contact_interval)

        signals.delivery_completed.connect(receivers.on_delivery_completed, dispatch_uid="care_plans_delivery")
        signals.delivery_responsible_changed.connect(
            receivers.on_delivery_responsible_changed, dispatch_uid="care_plans_delivery_responsible"
        )
        signals.account_manager_changed.connect(
            receivers.on_account_manager_changed, dispatch_uid="care_plans_manager_changed"
        )
        for code, label, icon in [
            ("follow_up", _("Follow-up"), "F"),
            ("care_plan", _("Care plan"), "H"),
            ("steering_group", _("Steering group"), "S"),
        ]:
            timeline.register_kind(code, label, icon)
        register_panel("care_plans", template="care_plans/panel.html", context=panels.care_panel, order=20)
        my_work.register_source(
            "follow_ups", rows=work_sources.follow_up_rows, item=work_sources.follow_up_item, order=10
        )
        my_work.register_source(
            "plan_actions", rows=work_sources.plan_action_rows, item=work_sources.plan_action_item, order=20
        )
        my_work.register_source(
            "plan_reviews",
            rows=work_sources.plan_review_rows,
            item=work_sources.plan_review_item,
            due="review_date",
            order=30,
        )
        register_nav_item(_("My work"), "crm:my_work", roles=[Role.ACCOUNT_MANAGER, Role.TEACHER], order=5)
        care = _("Customer care")
        register_nav_item(
            _("Care plans"),
            "care_plans:plan_list",
            roles=[Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN],
            order=35,
            group=care,
        )
        register_nav_item(
            _("Follow-ups"), "care_plans:followup_list", roles=[Role.ACCOUNT_MANAGER, Role.ADMIN], order=36, group=care
        )
        from care_plans import bench

        bench.register()  # its part of the scale data and its benchmark pages (kumppani.bench)

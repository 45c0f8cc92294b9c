from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SegmentsConfig(AppConfig):
    name = "segments"
    verbose_name = _("Segmentation")

    def ready(self) -> None:
        from accounts.access import REGISTER_ROLES
        from accounts.navigation import register_nav_item
        from crm import signals as crm_signals
        from crm.models import Delivery, Organisation
        from crm.panels import register_panel
        from crm.timeline import register_kind
        from kumppani.web.figures import figure_watch
        from segments import messages, panels, personal_data, receivers  # noqa: F401  (registers sentences)
        from segments.metrics import SEGMENT_FIGURES
        from segments.models import Segment, SegmentChange, SegmentReview, Suggestion

        register_kind("segment", _("Segment"), "S")
        register_panel("segment", template="segments/panel.html", context=panels.segment_panel, order=10)
        crm_signals.interaction_logged.connect(receivers.on_interaction_logged, dispatch_uid="segments_interaction")
        crm_signals.agreement_saved.connect(receivers.on_agreement_saved, dispatch_uid="segments_agreement")
        # The overview's figures count these rows; services that write them with update() touch the topic too.
        figure_watch(SEGMENT_FIGURES, Organisation, Delivery, Segment, SegmentChange, SegmentReview, Suggestion)
        register_nav_item(_("Segments"), "segments:overview", roles=REGISTER_ROLES, order=37, group=_("Customer care"))
        from segments import bench

        bench.register()  # its part of the scale data and its benchmark pages (kumppani.bench)

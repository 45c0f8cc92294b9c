"""Check every stored agreement document as an upload is checked now; withhold (quarantine) those that fail.

Run once after upgrading, and whenever the accepted types change. A withheld document stays in storage and on
its agreement; Kumppani no longer serves it and says why. A document that passes again is served again.
"""

from django.core.management.base import BaseCommand

from crm.models import PartnershipAgreement
from crm.services import agreement_document_quarantine


class Command(BaseCommand):
    help = "Check stored agreement documents by content and size; withhold those that fail."

    def handle(self, *args, **options) -> None:
        checked = withheld = 0
        for agreement in PartnershipAgreement.objects.exclude(document="").order_by("pk").iterator():
            checked += 1
            reason = agreement_document_quarantine(agreement=agreement)
            if reason:
                withheld += 1
                self.stdout.write(f"Withheld: agreement {agreement.pk} ({agreement.document.name}): {reason}")
        self.stdout.write(f"{checked} documents checked, {withheld} withheld.")

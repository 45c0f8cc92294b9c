"""Agreement documents: accepted by content and size, served only through the access-checked view, as attachments;
documents stored before the checks are withheld when they fail them."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from crm.models import PartnershipAgreement
from crm.tests.factories import AgreementFactory, OrganisationFactory
from crm.uploads import DOCX, ODS, ODT, PDF, PNG, PPTX, XLSX

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
HTML_BYTES = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

OOXML_MAIN = {
    "docx": ("word/document.xml", f"{DOCX}.main+xml"),
    "xlsx": ("xl/workbook.xml", f"{XLSX}.main+xml"),
    "pptx": ("ppt/presentation.xml", f"{PPTX}.main+xml"),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    "xlsm": ("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
    "pptm": ("ppt/presentation.xml", "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
}


def ooxml(kind: str, *, vba: bool = False) -> bytes:
    part, content_type = OOXML_MAIN[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>',
        )
        archive.writestr(part, "<document/>")
        if vba:
            archive.writestr(part.split("/")[0] + "/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    return buffer.getvalue()


def odf(mimetype: str, *, macros: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
        if macros:
            archive.writestr("Basic/Standard/Module1.xml", "<script:module/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def agreement():
    return AgreementFactory(organisation=OrganisationFactory(name="Sopimus Oy"))


def _upload(client, agreement, name: str, content: bytes):
    data = {"title": agreement.title, "start_date": "2025-01-01", "document": SimpleUploadedFile(name, content)}
    return client.post(reverse("crm:agreement_edit", args=[agreement.pk]), data)


def _stored(agreement, name: str, content: bytes) -> PartnershipAgreement:
    """A document stored before the checks came (written to the storage directly)."""
    agreement.document.save(name, ContentFile(content))
    return agreement


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("sopimus.pdf", PDF_BYTES, PDF),
        ("liite.PNG", PNG_BYTES, PNG),
        ("kuva.jpg", JPEG_BYTES, "image/jpeg"),
        ("kuva.jpeg", JPEG_BYTES, "image/jpeg"),
        ("sopimus.docx", ooxml("docx"), DOCX),
        ("hinnat.xlsx", ooxml("xlsx"), XLSX),
        ("esitys.pptx", ooxml("pptx"), PPTX),
        ("sopimus.odt", odf(ODT), ODT),
        ("hinnat.ods", odf(ODS), ODS),
    ],
)
def test_the_document_types_of_a_contract_are_accepted_and_served_as_attachments(
    client, account_manager, agreement, name, content, content_type
):
    client.force_login(account_manager)
    response = _upload(client, agreement, name, content)
    assert response.status_code == 302, response.context["form"].errors

    agreement.refresh_from_db()
    response = client.get(reverse("crm:agreement_document", args=[agreement.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize(
    "name, content",
    [
        ("sopimus.html", HTML_BYTES),
        ("sopimus.pdf", HTML_BYTES),  # the name says PDF, the content is HTML
        ("kuva.svg", SVG_BYTES),
        ("kuva.png", SVG_BYTES),
        ("makrot.docm", ooxml("docm", vba=True)),
        ("makrot.docx", ooxml("docm", vba=True)),  # renamed, still macro-enabled
        ("makrot.docx", ooxml("docx", vba=True)),  # a vbaProject.bin in a plain-looking package
        ("makrot.xlsm", ooxml("xlsm")),
        ("makrot.pptm", ooxml("pptm")),
        ("makrot.odt", odf(ODT, macros=True)),
        ("esitys.odp", odf("application/vnd.oasis.opendocument.presentation")),
        ("arkisto.zip", odf("application/zip")),
        ("rikki.docx", b"PK\x03\x04 not really a zip"),
        ("ohjelma.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("kuva.pdf", PNG_BYTES),  # an accepted type under another type's name
        ("tyhja.pdf", b""),
    ],
)
def test_other_files_are_refused_next_to_the_field(client, account_manager, agreement, name, content):
    client.force_login(account_manager)
    response = _upload(client, agreement, name, content)

    assert response.status_code == 200
    assert "document" in response.context["form"].errors
    agreement.refresh_from_db()
    assert not agreement.document


def test_a_file_over_the_size_limit_is_refused(client, account_manager, agreement, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    client.force_login(account_manager)
    response = _upload(client, agreement, "iso.pdf", PDF_BYTES + b"0" * 1000)
    assert response.status_code == 200
    assert "document" in response.context["form"].errors
    assert _upload(client, agreement, "pieni.pdf", PDF_BYTES).status_code == 302


def test_the_default_size_limit_is_25_megabytes(settings):
    assert settings.UPLOAD_MAX_BYTES == 25 * 1024 * 1024


@pytest.mark.parametrize("role, status", [("teacher", 403), ("management", 200), ("admin", 200)])
def test_the_document_is_served_to_those_who_see_the_customer(client, request, agreement, role, status):
    _stored(agreement, "sopimus.pdf", PDF_BYTES)
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("crm:agreement_document", args=[agreement.pk])).status_code == status


def test_anonymous_users_are_sent_to_log_in(client, agreement):
    _stored(agreement, "sopimus.pdf", PDF_BYTES)
    response = client.get(reverse("crm:agreement_document", args=[agreement.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_archived_customers_document_is_for_admins_only(client, account_manager, admin, agreement):
    _stored(agreement, "sopimus.pdf", PDF_BYTES)
    agreement.organisation.is_archived = True
    agreement.organisation.save()
    client.force_login(account_manager)
    assert client.get(reverse("crm:agreement_document", args=[agreement.pk])).status_code == 404
    client.force_login(admin)
    assert client.get(reverse("crm:agreement_document", args=[agreement.pk])).status_code == 200


def test_an_agreement_without_a_document_is_404(client, account_manager, agreement):
    client.force_login(account_manager)
    assert client.get(reverse("crm:agreement_document", args=[agreement.pk])).status_code == 404


def test_uploads_have_no_public_address(client, account_manager, agreement, settings):
    _stored(agreement, "sopimus.pdf", PDF_BYTES)
    client.force_login(account_manager)
    assert client.get("/" + settings.MEDIA_URL + agreement.document.name).status_code == 404


def test_the_customer_page_links_to_the_checked_view(client, account_manager, agreement):
    _stored(agreement, "sopimus.pdf", PDF_BYTES)
    client.force_login(account_manager)
    html = client.get(agreement.organisation.get_absolute_url()).content.decode()
    assert reverse("crm:agreement_document", args=[agreement.pk]) in html
    assert agreement.document.name not in html


def test_a_stored_html_document_is_never_served_as_html(client, account_manager, agreement):
    _stored(agreement, "vanha.html", HTML_BYTES)
    client.force_login(account_manager)
    response = client.get(reverse("crm:agreement_document", args=[agreement.pk]))
    assert response.status_code == 403
    assert HTML_BYTES not in response.content


def test_the_check_quarantines_stored_documents_that_fail_and_they_are_withheld(client, account_manager):
    good = _stored(AgreementFactory(), "hyva.pdf", PDF_BYTES)
    html = _stored(AgreementFactory(), "vanha.html", HTML_BYTES)
    macros = _stored(AgreementFactory(), "makrot.xlsm", ooxml("xlsm", vba=True))
    gone = _stored(AgreementFactory(), "poistettu.pdf", PDF_BYTES)
    default_storage.delete(gone.document.name)
    out = io.StringIO()

    call_command("check_agreement_documents", stdout=out)

    assert "4 documents checked, 3 withheld." in out.getvalue()
    reasons = {a.pk: a.document_quarantine for a in PartnershipAgreement.objects.all()}
    assert reasons == {good.pk: "", html.pk: "type", macros.pk: "macros", gone.pk: "missing"}
    client.force_login(account_manager)
    assert client.get(reverse("crm:agreement_document", args=[good.pk])).status_code == 200
    response = client.get(reverse("crm:agreement_document", args=[macros.pk]))
    assert response.status_code == 403
    assert "makrot" not in response.content.decode()
    page = client.get(macros.organisation.get_absolute_url()).content.decode()
    assert reverse("crm:agreement_document", args=[macros.pk]) not in page


def test_uploading_an_accepted_document_lifts_the_quarantine(client, account_manager):
    agreement = _stored(AgreementFactory(), "vanha.html", HTML_BYTES)
    call_command("check_agreement_documents", stdout=io.StringIO())
    client.force_login(account_manager)

    assert _upload(client, agreement, "uusi.pdf", PDF_BYTES).status_code == 302

    agreement.refresh_from_db()
    assert agreement.document_quarantine == ""
    assert client.get(reverse("crm:agreement_document", args=[agreement.pk])).status_code == 200


def test_the_edit_form_and_the_admin_link_to_the_checked_view(client, account_manager, admin, agreement):
    _stored(agreement, "sopimus.pdf", PDF_BYTES)
    checked = reverse("crm:agreement_document", args=[agreement.pk])
    client.force_login(account_manager)
    html = client.get(reverse("crm:agreement_edit", args=[agreement.pk])).content.decode()
    assert f'href="{checked}"' in html and "/media/" not in html
    client.force_login(admin)
    html = client.get(reverse("admin:crm_partnershipagreement_change", args=[agreement.pk])).content.decode()
    assert f'href="{checked}"' in html and "/media/" not in html

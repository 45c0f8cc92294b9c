"""Which uploaded documents Kumppani keeps and serves: the types a contract comes in, checked by their content.

Accepted: PDF, Word, Excel and PowerPoint (OOXML: .docx, .xlsx, .pptx), OpenDocument text and spreadsheets
(.odt, .ods), PNG and JPEG images, up to UPLOAD_MAX_BYTES. The type is read from the bytes (the `filetype`
library for the magic numbers; for the zip-based office formats the archive's own type declaration), never from
the name alone, and the name's extension must agree with it. Refused: anything else, HTML and SVG (a browser runs
their scripts), macro-enabled Office files (.docm, .xlsm, .pptm: a vbaProject.bin or a macroEnabled main part)
and OpenDocument files carrying Basic macros or scripts.
"""

import os
import re
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

# Content type -> the extensions a file of that type may be named with (the first is used when serving).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    PPTX: (".pptx",),
    ODT: (".odt",),
    ODS: (".ods",),
}
# An OOXML package names its main part's content type in [Content_Types].xml.
OOXML_MAIN_PARTS = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
ODF_TYPES = {ODT.encode(): ODT, ODS.encode(): ODS}
HEAD_BYTES = 8192
# The small members read from an office archive; a bigger one is not what the format puts there.
MEMBER_LIMIT = 1024 * 1024


class QuarantineReason(models.TextChoices):
    """Why a stored document is withheld (crm's check_agreement_documents command sets it)."""

    TYPE = "type", _("its content is not an accepted document type")
    MACROS = "macros", _("it contains macros")
    SIZE = "size", _("it is larger than the upload limit")
    MISSING = "missing", _("the file is missing from storage")


class DocumentRefused(Exception):
    def __init__(self, reason: QuarantineReason, detail: str = ""):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Sniffed:
    content_type: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type][0]


def document_sniff(fileobj) -> Sniffed:
    """The accepted type of an open binary file, read from its content; DocumentRefused if it is none of them."""
    fileobj.seek(0)
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(0)
    guessed = filetype.guess_mime(head) if head else None
    if guessed in (PDF, PNG, JPEG):
        return Sniffed(guessed)
    if head.startswith(b"PK\x03\x04"):
        return Sniffed(_office_type(fileobj))
    raise DocumentRefused(QuarantineReason.TYPE)


def _office_type(fileobj) -> str:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return _odf_type(archive, names)
            if "[Content_Types].xml" in names:
                return _ooxml_type(archive, names)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        pass
    finally:
        fileobj.seek(0)
    raise DocumentRefused(QuarantineReason.TYPE)


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        return member.read(MEMBER_LIMIT)


def _odf_type(archive: zipfile.ZipFile, names: set[str]) -> str:
    content_type = ODF_TYPES.get(_member(archive, "mimetype").strip())
    if content_type is None:
        raise DocumentRefused(QuarantineReason.TYPE)
    if any(name.startswith(("Basic/", "Scripts/")) for name in names):
        raise DocumentRefused(QuarantineReason.MACROS)
    return content_type


def _ooxml_type(archive: zipfile.ZipFile, names: set[str]) -> str:
    declared = set(re.findall(rb'ContentType="([^"]+)"', _member(archive, "[Content_Types].xml")))
    if any(name.lower().endswith("vbaproject.bin") for name in names) or any(
        b"macroenabled" in value.lower() or b"vbaproject" in value.lower() for value in declared
    ):
        raise DocumentRefused(QuarantineReason.MACROS)
    main = [OOXML_MAIN_PARTS[value] for value in declared if value in OOXML_MAIN_PARTS]
    if len(main) != 1:
        raise DocumentRefused(QuarantineReason.TYPE)
    return main[0]


def document_check(fileobj, *, name: str, size: int) -> Sniffed:
    """The sniffed type of a document Kumppani may keep; DocumentRefused if too large or not accepted."""
    if size > settings.UPLOAD_MAX_BYTES:
        raise DocumentRefused(QuarantineReason.SIZE)
    sniffed = document_sniff(fileobj)
    extension = os.path.splitext(name)[1].lower()
    if extension not in EXTENSIONS[sniffed.content_type]:
        raise DocumentRefused(QuarantineReason.TYPE, detail=extension)
    return sniffed


def validate_document(value) -> None:
    """Model-field validator: a new upload must be an accepted document (the message goes next to the field)."""
    if getattr(value, "_committed", True):
        return  # the file already stored: checked when it came, and by check_agreement_documents since
    upload = value.file
    try:
        document_check(upload, name=value.name, size=upload.size)
    except DocumentRefused as refused:
        raise ValidationError(_refusal_message(refused), code=f"document_{refused.reason}") from None


def _refusal_message(refused: DocumentRefused) -> str:
    if refused.reason == QuarantineReason.SIZE:
        return _("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
    if refused.reason == QuarantineReason.MACROS:
        return _("Files with macros are not accepted. Save the document without macros (e.g. .docx, not .docm).")
    if refused.detail:
        return _("The file's name ends in %(extension)s, but its content is another type. Rename or convert it.") % {
            "extension": refused.detail
        }
    return _("This type of file is not accepted. Upload a PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG.")


class AgreementDocumentFile(FieldFile):
    """The stored document; its address is crm's access-checked view, never the storage's own (a dead /media/
    path, or an object-store link that would skip the access check), wherever a form or the admin links to it."""

    @property
    def url(self) -> str:
        self._require_file()
        return reverse("crm:agreement_document", args=[self.instance.pk]) if self.instance.pk else ""


class AgreementDocumentField(models.FileField):
    attr_class = AgreementDocumentFile

"""django-import-export's admin export with CSV streamed: the first row leaves before the last is read.

The library builds the whole file in memory (a tablib Dataset) before answering, so 100,000 organisations took
minutes to the first byte and held every row at once. For CSV, `StreamingCSVExportMixin` writes the same
columns (the resource's headers and `export_resource` values, the export form's field choice, the admin's
filters and search) a row at a time from a server-side cursor; other formats (XLSX) keep the library's way,
since a workbook cannot be streamed. Cells that a spreadsheet would run as a formula are escaped
(kumppani.web.csv.safe_cell), as in every CSV we write.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header
from import_export.formats.base_formats import CSV
from import_export.signals import post_export

from kumppani.web.csv import _Echo, safe_cell

EXPORT_CHUNK_ROWS = 2000


class StreamingCSVExportMixin:
    """Put before ImportExportMixin/ExportMixin in a ModelAdmin's bases."""

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        if not isinstance(file_format, CSV):
            return super()._do_file_export(file_format, request, queryset, export_form=export_form)
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource_class = self.choose_export_resource_class(export_form, request)
        resource = resource_class(**self.get_export_resource_kwargs(request, export_form=export_form))
        export_fields = self.get_export_resource_fields_from_form(export_form)
        rows = resource.filter_export(queryset, export_form=export_form)
        writer = csv.writer(_Echo())

        def stream():
            yield writer.writerow(resource.get_export_headers(selected_fields=export_fields))
            for instance in rows.iterator(chunk_size=EXPORT_CHUNK_ROWS):
                values = resource.export_resource(instance, selected_fields=export_fields)
                yield writer.writerow([safe_cell(value) for value in values])
            post_export.send(sender=None, model=self.model)

        response = StreamingHttpResponse(stream(), content_type=file_format.get_content_type())
        filename = self.get_export_filename(request, queryset, file_format)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response

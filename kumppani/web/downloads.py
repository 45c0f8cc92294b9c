"""File downloads other than CSV (kumppani.web.csv): a JSON document saved under a file name."""

import json

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def json_download(data, filename: str) -> HttpResponse:
    """`data` as indented UTF-8 JSON; letters stay readable (ä, not \\u00e4) for the person reading the file."""
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response

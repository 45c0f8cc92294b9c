"""kumppani.web.csv and .downloads: what Excel in Finland opens cleanly, byte for byte."""

import json

from kumppani.web.csv import csv_response
from kumppani.web.downloads import json_download


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_is_utf8_with_a_bom_semicolons_and_crlf():
    response = csv_response("asiakkaat.csv", ["Nimi", "Kunta"], [["Äänekosken Kone Oy", "Äänekoski"], [1, None]])
    assert _body(response) == ("\ufeffNimi;Kunta\r\nÄänekosken Kone Oy;Äänekoski\r\n1;\r\n".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="asiakkaat.csv"'


def test_cells_with_the_separator_or_quotes_are_quoted():
    body = _body(csv_response("x.csv", ["a"], [["Oy; Ab"], ['Sanoi "moi"'], ["rivi\nrivi"]]))
    assert body.decode("utf-8-sig") == 'a\r\n"Oy; Ab"\r\n"Sanoi ""moi"""\r\n"rivi\nrivi"\r\n'


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused():
    body = _body(csv_response("x.csv", ["=HEADER"], [["=cmd()", "+1", "-2", "@SUM(A1)", "\tx", "ok=1"]]))
    assert body.decode("utf-8-sig").splitlines() == ["'=HEADER", "'=cmd();'+1;'-2;'@SUM(A1);'\tx;ok=1"]


def test_rows_are_streamed_not_built_in_memory():
    def rows():
        yield ["first"]
        raise AssertionError("read before it was asked for")

    chunks = iter(csv_response("x.csv", ["h"], rows()).streaming_content)
    assert [next(chunks), next(chunks), next(chunks)] == [b"\xef\xbb\xbf", b"h\r\n", b"first\r\n"]


def test_a_non_ascii_file_name_is_encoded_for_the_header():
    response = csv_response("päijät-häme.csv", ["h"], [])
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''p%C3%A4ij%C3%A4t-h%C3%A4me.csv"


def test_json_download_keeps_letters_readable():
    response = json_download({"nimi": "Mehiläinen", "luvut": [1, 2]}, "contact-7.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="contact-7.json"'
    body = response.content.decode("utf-8")
    assert "Mehiläinen" in body and json.loads(body) == {"nimi": "Mehiläinen", "luvut": [1, 2]}

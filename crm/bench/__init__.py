"""crm's benchmark pages and its part of the scale data (kumppani.bench)."""

from accounts.bench import user_from_facts
from kumppani.bench.registry import FIRST_BYTE, Targets, register_generator, register_page

from .generate import generate

# Pages ----------------------------------------------------------------------------------------------------


manager = user_from_facts("managers", -1)  # a manager of a typical number of customers
big_manager = user_from_facts("big_manager")
management = user_from_facts("management", 0)
admin = user_from_facts("admin")
FAST = Targets(p95_ms=25)


def register() -> None:
    register_generator("crm", order=20, fn=generate)
    page = lambda name, url, who=manager, targets=None, **kw: register_page(name, url, who, targets, app="crm", **kw)  # noqa: E731
    page("organisation list", "/customers/")
    page("organisation list: common word", lambda ctx: f"/customers/?q={ctx.facts['common_word'].lower()}")
    page("organisation list: rare word", lambda ctx: f"/customers/?q={ctx.facts['rare_word'].lower()}")
    page("organisation list: business ID", lambda ctx: f"/customers/?q={ctx.facts['business_id']}")
    page("organisation list: filtered", "/customers/?customer_group=business&size_class=small&status=active")
    page("organisation list: page 400", "/customers/?page=400")
    page("organisation page: typical", lambda ctx: f"/customers/{ctx.facts['typical_organisation']}/", targets=FAST)
    page("organisation page: big", lambda ctx: f"/customers/{ctx.facts['big_organisation']}/", targets=FAST)
    # The header search (target p95 ≤ 50 ms) is registered here once the header has one:
    # page("header search: common word", lambda ctx: f"/search/?q={ctx.facts['common_word']}")
    page("My work (5,000 customers)", "/customers/work/", big_manager, FAST)
    page("My customers (5,000 customers)", "/customers/mine/", big_manager)
    # The register's CSV export is the admin's (django-import-export): not streamed, so its first byte is
    # its last. One request: it takes seconds to minutes at 100,000 organisations.
    page(
        "organisation CSV export (admin)",
        "/admin/crm/organisation/export/",
        admin,
        Targets(p95_ms=300, queries=None),
        kind=FIRST_BYTE,
        requests=1,
        data=_export_form,
    )


def _export_form(ctx) -> dict:
    """The admin export form as a person sends it: CSV, every field ticked."""
    from import_export.forms import SelectableFieldsExportForm

    from crm.admin.resources import OrganisationResource

    fields = OrganisationResource().get_export_order()
    data = {"format": "0", "resource": "0"}
    data.update({SelectableFieldsExportForm.create_boolean_field_name(OrganisationResource, f): "on" for f in fields})
    return data

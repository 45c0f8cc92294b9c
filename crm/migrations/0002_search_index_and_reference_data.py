from django.db import migrations


def create_trigram_index(apps, schema_editor):
    # PostgreSQL only: SQLite (make run) falls back to LIKE scans, which is fine at demo size.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS organisation_name_trgm ON crm_organisation USING gin (UPPER(name) gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS contact_last_name_trgm ON crm_contact USING gin (UPPER(last_name) gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS organisation_name_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS contact_last_name_trgm")


def load(apps, schema_editor):
    from crm.reference_data import load_reference_data

    load_reference_data(apps.get_model("crm", "Municipality"), apps.get_model("crm", "Industry"),
                        apps.get_model("crm", "ServiceType"))


class Migration(migrations.Migration):
    dependencies = [("crm", "0001_initial")]

    operations = [
        migrations.RunPython(create_trigram_index, drop_trigram_index),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]

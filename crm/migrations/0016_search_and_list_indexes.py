from django.db import migrations, models


def create_first_name_trigram_index(apps, schema_editor):
    # PostgreSQL only, like 0002's name indexes: a contact's first name is searched through its own index.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS contact_first_name_trgm ON crm_contact USING gin (UPPER(first_name) gin_trgm_ops)"
    )


def drop_first_name_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS contact_first_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("crm", "0015_agreement_document_check_and_quarantine")]

    operations = [
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(fields=["name"], name="organisation_name"),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                fields=["business_id"], name="organisation_business_id_like", opclasses=["varchar_pattern_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(fields=["start_date"], name="delivery_start"),
        ),
        migrations.RunPython(create_first_name_trigram_index, drop_first_name_trigram_index),
    ]

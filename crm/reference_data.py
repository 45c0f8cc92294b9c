"""Loads the reference data shipped in crm/data/ (used by a migration and by tests)."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Gradia's 12 owner municipalities (Gradia's customer programme 2020-2023): the demo default, editable in the admin.
DEFAULT_OWNER_MUNICIPALITIES = {
    "Hankasalmi",
    "Joutsa",
    "Jyväskylä",
    "Jämsä",
    "Keuruu",
    "Kuhmoinen",
    "Laukaa",
    "Luhanka",
    "Muurame",
    "Petäjävesi",
    "Toivakka",
    "Uurainen",
}

DEFAULT_SERVICE_TYPES = [
    ("apprenticeship", "Oppisopimuskoulutus", "Apprenticeship training", "Läroavtalsutbildning"),
    (
        "on_the_job_learning",
        "Koulutussopimus (työpaikalla tapahtuva oppiminen)",
        "On-the-job learning agreement",
        "Utbildningsavtal (lärande i arbetet)",
    ),
    ("staff_training", "Henkilöstökoulutus", "Staff training", "Personalutbildning"),
    ("labour_market_training", "Työvoimakoulutus", "Labour-market training", "Arbetskraftsutbildning"),
    ("recruitment_training", "Rekrytointikoulutus", "Recruitment training", "Rekryteringsutbildning"),
    ("tailored_training", "Räätälöity koulutus", "Tailored training", "Skräddarsydd utbildning"),
    ("development_project", "Kehittämishanke", "Development project", "Utvecklingsprojekt"),
    ("other", "Muu palvelu", "Other", "Annan tjänst"),
]


def load_reference_data(municipality_model, industry_model, service_type_model) -> None:
    """Idempotent: safe to run again after the files change."""
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            municipality_model.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name_fi": row["name_fi"],
                    "name_sv": row["name_sv"],
                    "region": row["region_fi"],
                    "is_owner": row["name_fi"] in DEFAULT_OWNER_MUNICIPALITIES,
                },
            )
    sections = {}
    with open(DATA_DIR / "tol2008.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            industry, _ = industry_model.objects.update_or_create(
                classification="TOL2008",
                code=row["code"],
                defaults={
                    "level": row["level"],
                    "parent": sections.get(row["parent"]),
                    "name_fi": row["name_fi"],
                    "name_en": row["name_en"],
                },
            )
            if row["level"] == "section":
                sections[row["code"]] = industry
    for order, (code, name_fi, name_en, name_sv) in enumerate(DEFAULT_SERVICE_TYPES):
        service_type_model.objects.get_or_create(
            code=code, defaults={"name_fi": name_fi, "name_en": name_en, "name_sv": name_sv, "order": order}
        )

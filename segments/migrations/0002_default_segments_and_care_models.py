"""The five segments of seed 000 (grouping III, L248–280) and Kumppani's default care models.

Segment names and Finnish definitions follow the seed; English and Swedish are our translations.
Care models (contact rhythms, required elements, targets) and suggestion thresholds are Kumppani's
defaults, NOT from the seeds: the seeds give no numbers. Admins edit them in the Django admin.
"""

from django.db import migrations

SEGMENTS = [
    {
        "code": "strategic",
        "order": 10,
        "colour": "#5a2d82",
        "name_fi": "Strategiset asiakkaat",
        "name_en": "Strategic customers",
        "name_sv": "Strategiska kunder",
        "definition_fi": (
            "Strategiset asiakkaat ovat Gradialle strategisesti tärkeitä asiakkaita, joiden kanssa tehtävä yhteistyö "
            "edistää Gradian ja asiakkaan strategisten tavoitteiden saavuttamista. Asiakkuussuhteessa molemmat "
            "osapuolet kokevat hyötyvänsä yhteistyöstä merkittävällä tavalla. Se pitää sisällään avoimuutta, "
            "luottamusta, osapuolten välistä riippuvuutta ja vastavuoroisuuden periaatteen, joka toteutuu pitkällä "
            "aikavälillä. Se on yhteistyötä, jonka avulla Gradia ja strateginen asiakas pääsevät uudelle osaamisen "
            "tasolle. Asiakassuhde on aina tietoinen valinta ja siihen vaaditaan yhteinen maali tai visio ja win win "
            "-asetelma. Strategiset asiakkuudet ovat Gradian kumppanuussopimusasiakkaita."
        ),
        "definition_en": (
            "Strategically important customers: cooperation advances both parties' strategic goals, both benefit "
            "significantly; openness, trust, mutual dependence and reciprocity over the long term. Always a conscious "
            "choice with a shared goal or vision and a win-win setting. Strategic customers are the "
            "partnership-agreement customers."
        ),
        "definition_sv": (
            "Strategiskt viktiga kunder: samarbetet främjar båda parternas strategiska mål och båda har betydande "
            "nytta av det; öppenhet, förtroende, ömsesidigt beroende och ömsesidighet på lång sikt. Alltid ett "
            "medvetet val med ett gemensamt mål eller en vision. Strategiska kunder är partnerskapsavtalskunderna."
        ),
        "goal_fi": "Gradia ja strateginen asiakas pääsevät yhdessä uudelle osaamisen tasolle.",
        "goal_en": "Reach a new level of competence together.",
        "goal_sv": "Att tillsammans nå en ny kompetensnivå.",
    },
    {
        "code": "key",
        "order": 20,
        "colour": "#1f5f99",
        "name_fi": "Avainasiakkaat",
        "name_en": "Key customers",
        "name_sv": "Nyckelkunder",
        "definition_fi": (
            "Avainasiakkaat ovat Gradialle erittäin tärkeitä asiakkaita, joiden kanssa toteutetaan monimuotoista ja "
            "tiivistä yhteistyötä. Siinä korostuu tietoinen uusien toiminta-, koulutus- ja toteutusmallien "
            "yhteiskehittäminen sekä tavoitteellisuus. Asiakkuussuhde on vakiintunut ja pitkäkestoinen. Siinä "
            "molemmat osapuolet ovat sitoutuneita asiakkuuden jatkamiseen ja kehittämiseen."
        ),
        "definition_en": (
            "Very important customers with varied and close cooperation: conscious co-development of new ways of "
            "working, training and delivery models, with clear goals. The relationship is established and long, "
            "and both parties are committed to continuing and developing it."
        ),
        "definition_sv": (
            "Mycket viktiga kunder med mångsidigt och nära samarbete: medveten samutveckling av nya verksamhets-, "
            "utbildnings- och genomförandemodeller. Kundrelationen är etablerad och långvarig och båda parter är "
            "engagerade i att fortsätta och utveckla den."
        ),
        "goal_fi": "Osa avainasiakkuuksista voi kehittyä Gradian strategisiksi asiakkuuksiksi.",
        "goal_en": "Some key customers may become strategic customers.",
        "goal_sv": "En del nyckelkunder kan bli strategiska kunder.",
    },
    {
        "code": "regular",
        "order": 30,
        "colour": "#1e6b3a",
        "name_fi": "Kanta-asiakkaat",
        "name_en": "Regular customers",
        "name_sv": "Stamkunder",
        "definition_fi": (
            "Kanta-asiakkaat ovat Gradialle merkittävä ja volyymisesti isoin asiakasryhmä, joka käyttää toistuvasti "
            "Gradian koulutuspalveluita. Asiakkuussuhde on vakiintunut ja yhteistyö on jatkuvaa."
        ),
        "definition_en": (
            "A significant customer group, by volume the largest, that uses the training services repeatedly. "
            "The relationship is established and cooperation continuous."
        ),
        "definition_sv": (
            "En betydande och till volymen den största kundgruppen, som upprepade gånger använder "
            "utbildningstjänsterna. Kundrelationen är etablerad och samarbetet fortlöpande."
        ),
        "goal_fi": "Asiakassuhde halutaan säilyttää ja siinä tunnustetaan laajempia yhteistyömahdollisuuksia.",
        "goal_en": "Keep the relationship and recognise wider opportunities for cooperation.",
        "goal_sv": "Att behålla kundrelationen och se möjligheter till bredare samarbete.",
    },
    {
        "code": "occasional",
        "order": 40,
        "colour": "#8a5300",
        "name_fi": "Satunnaiset asiakkaat",
        "name_en": "Occasional customers",
        "name_sv": "Tillfälliga kunder",
        "definition_fi": (
            "Satunnaiset asiakkaat käyttävät Gradian palveluita epäsäännöllisesti ja vähäisellä volyymilla. "
            "Asiakkuus perustuu tarjottavan palvelun kertaluonteisuuteen ja asiakkaan omaan aktiivisuuteen."
        ),
        "definition_en": (
            "Customers who use the services irregularly and in small volumes; one-off services on the customer's "
            "own initiative."
        ),
        "definition_sv": (
            "Kunder som använder tjänsterna oregelbundet och i liten volym; engångstjänster på kundens eget initiativ."
        ),
        "goal_fi": "Tavoitteena on saada satunnaiset asiakkaat käyttämään Gradian palveluita säännöllisemmin.",
        "goal_en": "Make their use of the services more regular.",
        "goal_sv": "Att få kunderna att använda tjänsterna mer regelbundet.",
    },
    {
        "code": "potential",
        "order": 50,
        "colour": "#5c636a",
        "name_fi": "Potentiaaliset asiakkaat",
        "name_en": "Potential customers",
        "name_sv": "Potentiella kunder",
        "definition_fi": (
            "Potentiaalisia asiakkaita ovat yritykset ja yhteisöt, joiden kanssa ei ole vielä tehty yhteistyötä, "
            "mutta on tunnistettu yhteistyömahdollisuuksia. Potentiaalisia asiakkaita pyritään tunnistamaan "
            "nykyisistä passiivisista asiakkaista sekä eri kanavien ja verkostojen kautta."
        ),
        "definition_en": (
            "Companies and communities with no cooperation yet but with identified opportunities; found among "
            "current passive customers and through channels and networks."
        ),
        "definition_sv": (
            "Företag och organisationer som ännu inte samarbetat med oss men där möjligheter till samarbete har "
            "identifierats; hittas bland passiva kunder och via kanaler och nätverk."
        ),
        "goal_fi": "Tavoitteena on saada potentiaaliset asiakkaat Gradian asiakkaaksi.",
        "goal_en": "Win them as customers.",
        "goal_sv": "Att vinna dem som kunder.",
    },
]

DEFAULTS_NOTE = (
    "Kumppani's default, not from the seeds: the seeds give no contact rhythms. Edit to match your practice. "
    "Kumppanin oletusarvo, ei lähdeaineistosta."
)

CARE_MODELS = {
    "strategic": {
        "contact_interval_months": 1,
        "rhythm_fi": "Tapaaminen kuukausittain ja ohjausryhmä kerran lukukaudessa.",
        "rhythm_en": "A meeting a month and a steering group each semester.",
        "rhythm_sv": "Ett möte i månaden och en styrgrupp varje termin.",
        "requires_care_plan": True,
        "requires_annual_review": True,
        "requires_steering_group": True,
        "requires_after_care": True,
        "responsible_role": "account_manager",
        "target_measures": "Care plan up to date; steering group minutes each semester; NPS ≥ 58; annual review held.",
    },
    "key": {
        "contact_interval_months": 2,
        "rhythm_fi": "Yhteydenotto kahden kuukauden välein; vuosikatsaus.",
        "rhythm_en": "A contact every two months; an annual review.",
        "rhythm_sv": "En kontakt varannan månad; en årlig genomgång.",
        "requires_care_plan": True,
        "requires_annual_review": True,
        "requires_steering_group": False,
        "requires_after_care": True,
        "responsible_role": "account_manager",
        "target_measures": "Care plan reviewed in management meetings; repeat purchases; NPS ≥ 58.",
    },
    "regular": {
        "contact_interval_months": 3,
        "rhythm_fi": "Yhteydenotto neljännesvuosittain.",
        "rhythm_en": "A contact each quarter.",
        "rhythm_sv": "En kontakt varje kvartal.",
        "requires_care_plan": False,
        "requires_annual_review": False,
        "requires_steering_group": False,
        "requires_after_care": True,
        "responsible_role": "account_manager",
        "target_measures": "Repeat purchases; wider cooperation (more service types).",
    },
    "occasional": {
        "contact_interval_months": 6,
        "rhythm_fi": "Yhteydenotto kahdesti vuodessa.",
        "rhythm_en": "A contact twice a year.",
        "rhythm_sv": "En kontakt två gånger om året.",
        "requires_care_plan": False,
        "requires_annual_review": False,
        "requires_steering_group": False,
        "requires_after_care": True,
        "responsible_role": "account_manager",
        "target_measures": "More regular use of services.",
    },
    "potential": {
        "contact_interval_months": None,
        "rhythm_fi": "Vain kampanjat; ei seurattavaa yhteydenottorytmiä.",
        "rhythm_en": "Campaigns only; no tracked contact rhythm.",
        "rhythm_sv": "Endast kampanjer; ingen uppföljd kontaktrytm.",
        "requires_care_plan": False,
        "requires_annual_review": False,
        "requires_steering_group": False,
        "requires_after_care": False,
        "responsible_role": "account_manager",
        "target_measures": "New customers won from campaigns and networks.",
    },
}


def load(apps, schema_editor):
    Segment = apps.get_model("segments", "Segment")
    CareModel = apps.get_model("segments", "CareModel")
    SuggestionSettings = apps.get_model("segments", "SuggestionSettings")
    for data in SEGMENTS:
        segment, _created = Segment.objects.update_or_create(code=data["code"], defaults=data)
        CareModel.objects.get_or_create(segment=segment, defaults={**CARE_MODELS[data["code"]], "notes": DEFAULTS_NOTE})
    SuggestionSettings.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("segments", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

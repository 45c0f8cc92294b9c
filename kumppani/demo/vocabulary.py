"""Finnish words and fixed facts the demo generator draws from. Data in Finnish, structure in English."""

# --- The provider: units and demo users -------------------------------------------------------------

DEMO_PASSWORD = "kumppani-demo"
DEMO_DOMAIN = "kumppani.demo"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"

# (result area, [(field of education, [teams])]); unit names are unique per parent.
UNIT_TREE = [
    (
        "Aikuiskoulutus",
        [
            ("Tekniikka", ["Kone- ja tuotantotekniikka", "Sähkö- ja automaatiotekniikka", "Autoala"]),
            ("Rakentaminen", ["Talonrakennus", "Talotekniikka"]),
            ("Logistiikka", ["Kuljetus ja logistiikka"]),
            ("Liiketalous", ["Yritys- ja työelämäpalvelut", "Kauppa ja asiakaspalvelu"]),
            ("Sosiaali- ja terveysala", ["Hoito- ja hoivatyö", "Kasvatus ja ohjaus"]),
        ],
    ),
    (
        "Nuorten koulutus",
        [
            ("Tekniikka", ["Autoala", "Kone- ja tuotantotekniikka"]),
            ("Rakentaminen", ["Rakennusala"]),
            ("Sosiaali- ja terveysala", ["Lähihoitajakoulutus"]),
            ("Matkailu- ja ravitsemisala", ["Ravintola- ja catering-ala"]),
        ],
    ),
]

AM_SARI = f"asiakkuuspaallikko@{DEMO_DOMAIN}"
AM_KATJA = f"katja.heinonen@{DEMO_DOMAIN}"
AM_TUOMAS = f"tuomas.nieminen@{DEMO_DOMAIN}"
AM_VILLE = f"ville.hakala@{DEMO_DOMAIN}"
AM_RIIKKA = f"riikka.jarvinen@{DEMO_DOMAIN}"  # account manager and teacher
TEACHER_JUHA = f"opettaja@{DEMO_DOMAIN}"
TEACHER_MARKO = f"marko.koivisto@{DEMO_DOMAIN}"
TEACHER_EEVA = f"eeva.lindholm@{DEMO_DOMAIN}"
TEACHER_ANTTI = f"antti.rasanen@{DEMO_DOMAIN}"
TEACHER_PAIVI = f"paivi.ahonen@{DEMO_DOMAIN}"
MGMT_HELENA = f"johto@{DEMO_DOMAIN}"
MGMT_TIMO = f"rehtori@{DEMO_DOMAIN}"
MGMT_JARI = f"koulutuspaallikko@{DEMO_DOMAIN}"

# (e-mail, first name, last name, title, roles, unit path); role values are accounts.roles.Role values.
DEMO_USERS = [
    (ADMIN_EMAIL, "Mikko", "Laitinen", "Pääkäyttäjä", ("admin",), ("Aikuiskoulutus", "Liiketalous")),
    (
        AM_SARI,
        "Sari",
        "Lehtonen",
        "Asiakkuuspäällikkö",
        ("account_manager",),
        ("Aikuiskoulutus", "Liiketalous", "Yritys- ja työelämäpalvelut"),
    ),
    (
        AM_KATJA,
        "Katja",
        "Heinonen",
        "Kumppanuuspäällikkö",
        ("account_manager",),
        ("Aikuiskoulutus", "Liiketalous", "Yritys- ja työelämäpalvelut"),
    ),
    (
        AM_TUOMAS,
        "Tuomas",
        "Nieminen",
        "Asiakasvastaava, tekniikka",
        ("account_manager",),
        ("Aikuiskoulutus", "Tekniikka", "Kone- ja tuotantotekniikka"),
    ),
    (
        AM_VILLE,
        "Ville",
        "Hakala",
        "Asiakasvastaava, rakentaminen ja logistiikka",
        ("account_manager",),
        ("Aikuiskoulutus", "Rakentaminen", "Talonrakennus"),
    ),
    (
        AM_RIIKKA,
        "Riikka",
        "Järvinen",
        "Lehtori ja asiakasvastaava, sosiaali- ja terveysala",
        ("account_manager", "teacher"),
        ("Aikuiskoulutus", "Sosiaali- ja terveysala", "Hoito- ja hoivatyö"),
    ),
    (
        TEACHER_JUHA,
        "Juha",
        "Virtanen",
        "Lehtori, autoala",
        ("teacher",),
        ("Nuorten koulutus", "Tekniikka", "Autoala"),
    ),
    (
        TEACHER_MARKO,
        "Marko",
        "Koivisto",
        "Opettaja, talonrakennus",
        ("teacher",),
        ("Nuorten koulutus", "Rakentaminen", "Rakennusala"),
    ),
    (
        TEACHER_EEVA,
        "Eeva",
        "Lindholm",
        "Lehtori, lähihoitajakoulutus",
        ("teacher",),
        ("Nuorten koulutus", "Sosiaali- ja terveysala", "Lähihoitajakoulutus"),
    ),
    (
        TEACHER_ANTTI,
        "Antti",
        "Räsänen",
        "Opettaja, logistiikka",
        ("teacher",),
        ("Aikuiskoulutus", "Logistiikka", "Kuljetus ja logistiikka"),
    ),
    (
        TEACHER_PAIVI,
        "Päivi",
        "Ahonen",
        "Opettaja, liiketalous",
        ("teacher",),
        ("Aikuiskoulutus", "Liiketalous", "Kauppa ja asiakaspalvelu"),
    ),
    (MGMT_HELENA, "Helena", "Koskinen", "Koulutusjohtaja, aikuiskoulutus", ("management",), ("Aikuiskoulutus",)),
    (MGMT_TIMO, "Timo", "Salonen", "Rehtori, nuorten koulutus", ("management",), ("Nuorten koulutus",)),
    (
        MGMT_JARI,
        "Jari",
        "Mäkelä",
        "Koulutuspäällikkö, tekniikka",
        ("management",),
        ("Aikuiskoulutus", "Tekniikka"),
    ),
]

# Unit path -> head's e-mail.
UNIT_HEADS = {
    ("Aikuiskoulutus",): MGMT_HELENA,
    ("Nuorten koulutus",): MGMT_TIMO,
    ("Aikuiskoulutus", "Tekniikka"): MGMT_JARI,
    ("Aikuiskoulutus", "Liiketalous", "Yritys- ja työelämäpalvelut"): AM_SARI,
}

# Leads for customers without an account manager go to this team's triage queue (admin-editable).
LEAD_TRIAGE_UNIT = ("Aikuiskoulutus", "Liiketalous", "Yritys- ja työelämäpalvelut")

ACCOUNT_MANAGERS = [AM_SARI, AM_KATJA, AM_TUOMAS, AM_VILLE, AM_RIIKKA]
MANAGEMENT = [MGMT_HELENA, MGMT_TIMO, MGMT_JARI]

# --- Fields: who serves which industry, and what they deliver -----------------------------------------

# field key -> (account manager, teachers, qualifications, staff-training topics, professions for recruitment)
FIELDS = {
    "tekniikka": (
        AM_TUOMAS,
        [TEACHER_JUHA],
        [
            "kone- ja tuotantotekniikan perustutkinto",
            "tuotantotekniikan ammattitutkinto",
            "sähkö- ja automaatioalan perustutkinto",
        ],
        ["Tulityökorttikoulutus", "Hitsauksen täydennyskoulutus", "Lean-koulutus", "Työturvallisuuskorttikoulutus"],
        ["hitsaajat", "CNC-koneistajat", "kokoonpanijat", "automaatioasentajat"],
    ),
    "auto": (
        AM_TUOMAS,
        [TEACHER_JUHA],
        ["ajoneuvoalan perustutkinto", "ajoneuvoalan ammattitutkinto"],
        ["Ajoneuvojen sähköjärjestelmät", "Hybridi- ja sähköautojen huoltokoulutus", "Työturvallisuuskorttikoulutus"],
        ["automekaanikot", "raskaan kaluston mekaanikot"],
    ),
    "rakentaminen": (
        AM_VILLE,
        [TEACHER_MARKO],
        ["rakennusalan perustutkinto", "talotekniikan perustutkinto", "maarakennusalan perustutkinto"],
        [
            "Työturvallisuuskorttikoulutus",
            "Tulityökorttikoulutus",
            "Tieturva 1 -koulutus",
            "Sähkötyöturvallisuus SFS 6002",
        ],
        ["kirvesmiehet", "putkiasentajat", "maarakennuskoneenkuljettajat", "sähköasentajat"],
    ),
    "logistiikka": (
        AM_VILLE,
        [TEACHER_ANTTI],
        ["logistiikan perustutkinto", "kuljetusalan ammattitutkinto"],
        ["Ammattipätevyyskoulutus (jatkokoulutus)", "Trukkikorttikoulutus", "Ennakoiva ajotapa", "ADR-koulutus"],
        ["linja-autonkuljettajat", "yhdistelmäajoneuvonkuljettajat", "varastotyöntekijät"],
    ),
    "metsa": (
        AM_VILLE,
        [TEACHER_ANTTI],
        ["metsäalan perustutkinto", "puuteollisuuden perustutkinto", "maatalousalan perustutkinto"],
        ["Metsäkoneen kuljettajan täydennyskoulutus", "Työturvallisuuskorttikoulutus", "Ensiapukoulutus EA1"],
        ["metsäkoneenkuljettajat", "sahan prosessinhoitajat"],
    ),
    "sote": (
        AM_RIIKKA,
        [TEACHER_EEVA, AM_RIIKKA],
        ["sosiaali- ja terveysalan perustutkinto", "kasvatus- ja ohjausalan perustutkinto"],
        ["Lääkehoidon koulutus", "Ensiapukoulutus EA1", "Muistisairaan kohtaaminen", "Kirjaamisen koulutus"],
        ["lähihoitajat", "hoiva-avustajat", "varhaiskasvatuksen lastenhoitajat"],
    ),
    "palvelut": (
        AM_RIIKKA,
        [TEACHER_PAIVI],
        ["hiusalan perustutkinto", "kauneudenhoitoalan perustutkinto", "liiketoiminnan perustutkinto"],
        ["Asiakaspalvelukoulutus", "Somemarkkinoinnin perusteet", "Ensiapukoulutus EA1"],
        ["parturi-kampaajat", "asiakaspalvelijat"],
    ),
    "kauppa": (
        AM_SARI,
        [TEACHER_PAIVI],
        ["liiketoiminnan perustutkinto", "liiketoiminnan ammattitutkinto"],
        ["Asiakaspalvelukoulutus", "Myyntityön valmennus", "Hygieniapassikoulutus", "Esihenkilötyön valmennus"],
        ["myyjät", "asiakaspalvelijat", "varastotyöntekijät"],
    ),
    "ravintola": (
        AM_SARI,
        [TEACHER_PAIVI],
        ["hotelli-, ravintola- ja catering-alan perustutkinto", "matkailualan perustutkinto"],
        ["Hygieniapassikoulutus", "Anniskelupassikoulutus", "Asiakaspalvelukoulutus", "Allergiaruokavaliot"],
        ["kokit", "tarjoilijat", "laitoshuoltajat"],
    ),
    "it": (
        AM_TUOMAS,
        [TEACHER_PAIVI],
        ["tieto- ja viestintätekniikan perustutkinto", "johtamisen ja yritysjohtamisen erikoisammattitutkinto"],
        ["Tietoturvan perusteet", "Projektinhallinnan valmennus", "Esihenkilötyön valmennus"],
        ["IT-tukihenkilöt", "ohjelmistotestaajat"],
    ),
    "toimisto": (
        AM_SARI,
        [TEACHER_PAIVI],
        ["liiketoiminnan perustutkinto", "johtamisen ja yritysjohtamisen erikoisammattitutkinto"],
        ["Esihenkilötyön valmennus", "Microsoft 365 -koulutus", "Asiakaspalvelukoulutus", "Tietosuojakoulutus"],
        ["taloushallinnon asiantuntijat", "asiakaspalvelijat"],
    ),
    "kiinteisto": (
        AM_SARI,
        [TEACHER_MARKO],
        ["puhdistus- ja kiinteistöpalvelualan perustutkinto", "kiinteistönhoidon ammattitutkinto"],
        ["Kiinteistönhoidon täydennyskoulutus", "Työturvallisuuskorttikoulutus", "Puhdistuspalvelujen laatu"],
        ["kiinteistönhoitajat", "toimitilahuoltajat"],
    ),
    "julkinen": (
        AM_KATJA,
        [TEACHER_EEVA, TEACHER_PAIVI],
        [
            "sosiaali- ja terveysalan perustutkinto",
            "kasvatus- ja ohjausalan perustutkinto",
            "johtamisen ja yritysjohtamisen erikoisammattitutkinto",
        ],
        ["Esihenkilötyön valmennus", "Lääkehoidon koulutus", "Tietosuojakoulutus", "Microsoft 365 -koulutus"],
        ["lähihoitajat", "varhaiskasvatuksen lastenhoitajat", "laitoshuoltajat"],
    ),
}

# Business industries: TOL 2008 division -> (field key, weight, words for names).
BUSINESS_INDUSTRIES = {
    "01": ("metsa", 1, ["Maatila", "Puutarha", "Taimisto"]),
    "02": ("metsa", 2, ["Metsäpalvelu", "Puunkorjuu", "Metsäkone"]),
    "10": ("tekniikka", 3, ["Leipomo", "Lihajaloste", "Mylly", "Elintarvike"]),
    "16": ("metsa", 4, ["Saha", "Puu", "Hirsitalot", "Puutuote"]),
    "25": ("tekniikka", 6, ["Konepaja", "Metalli", "Teräsrakenne", "Hitsaus"]),
    "28": ("tekniikka", 4, ["Kone", "Laitetekniikka", "Automaatio", "Hydrauliikka"]),
    "31": ("tekniikka", 2, ["Kaluste", "Huonekalu", "Puusepät"]),
    "33": ("tekniikka", 2, ["Konehuolto", "Teollisuushuolto"]),
    "38": ("kiinteisto", 1, ["Kierrätys", "Jätehuolto"]),
    "41": ("rakentaminen", 8, ["Rakennus", "Rakennuspalvelu", "Kotirakentajat", "Rakennuttajat"]),
    "42": ("rakentaminen", 3, ["Maanrakennus", "Infra", "Kaivinkone"]),
    "43": ("rakentaminen", 8, ["Sähkö", "LVI", "Putkityö", "Maalaus", "Kattotyö", "Sähköasennus", "Lattiapalvelu"]),
    "45": ("auto", 5, ["Autokorjaamo", "Auto", "Rengas", "Autohuolto"]),
    "46": ("kauppa", 3, ["Tukku", "Agentuuri", "Kauppahuone"]),
    "47": ("kauppa", 6, ["Kauppa", "Kukka", "Rauta", "Optiikka", "Urheilu"]),
    "49": ("logistiikka", 6, ["Kuljetus", "Logistiikka", "Liikenne", "Rahti", "Taksi"]),
    "52": ("logistiikka", 2, ["Varastopalvelu", "Terminaali", "Huolinta"]),
    "55": ("ravintola", 2, ["Hotelli", "Lomakylä", "Matkailu"]),
    "56": ("ravintola", 5, ["Ravintola", "Kahvila", "Catering", "Pizzeria"]),
    "62": ("it", 5, ["Software", "Digital", "Data", "IT-palvelu", "Koodi"]),
    "68": ("kiinteisto", 2, ["Kiinteistö", "Isännöinti"]),
    "69": ("toimisto", 3, ["Tilitoimisto", "Tilipalvelu", "Asianajotoimisto"]),
    "71": ("toimisto", 3, ["Insinööritoimisto", "Arkkitehtitoimisto", "Suunnittelu"]),
    "73": ("toimisto", 2, ["Mainostoimisto", "Viestintä"]),
    "78": ("toimisto", 2, ["Henkilöstöpalvelu", "Rekry", "Työvoimapalvelu"]),
    "81": ("kiinteisto", 5, ["Kiinteistöhuolto", "Siivouspalvelu", "Puhtaanapito", "Viherpalvelu"]),
    "86": ("sote", 3, ["Lääkäriasema", "Fysioterapia", "Hammaslääkäripalvelu"]),
    "87": ("sote", 3, ["Hoivakoti", "Palvelukoti", "Hoiva"]),
    "88": ("sote", 3, ["Kotipalvelu", "Päiväkoti", "Kotihoito"]),
    "96": ("palvelut", 3, ["Parturi-Kampaamo", "Kauneushoitola", "Hierontapalvelu"]),
}

# Words a company name may start with instead of a surname or a place.
NAME_PREFIXES = [
    "Päijänteen",
    "Keiteleen",
    "Harjun",
    "Jyvä",
    "Kolmisopen",
    "Kanto",
    "Kallio",
    "Pohjolan",
    "Järvi",
    "Kivi",
    "Revontuli",
    "Sisä-Suomen",
    "Keski-Suomen",
    "Suomen",
    "Nordic",
    "Hirvi",
    "Tähti",
    "Sampo",
    "Kaski",
    "Salmi",
]

# --- Places ---------------------------------------------------------------------------------------------

# Municipality (name_fi) -> (genitive, [postal codes]); the genitive names public bodies and companies.
PLACES = {
    "Hankasalmi": ("Hankasalmen", ["41520"]),
    "Joutsa": ("Joutsan", ["19650"]),
    "Jyväskylä": (
        "Jyväskylän",
        ["40100", "40200", "40250", "40320", "40340", "40400", "40500", "40520", "40600", "40630", "40700", "40800"],
    ),
    "Jämsä": ("Jämsän", ["42100", "42300"]),
    "Keuruu": ("Keuruun", ["42700"]),
    "Kuhmoinen": ("Kuhmoisten", ["17800"]),
    "Laukaa": ("Laukaan", ["41340", "41310"]),
    "Luhanka": ("Luhangan", ["19950"]),
    "Muurame": ("Muuramen", ["40950"]),
    "Petäjävesi": ("Petäjäveden", ["41900"]),
    "Toivakka": ("Toivakan", ["41660"]),
    "Uurainen": ("Uuraisten", ["41230"]),
    "Äänekoski": ("Äänekosken", ["44100", "44200"]),
    "Saarijärvi": ("Saarijärven", ["43100"]),
    "Viitasaari": ("Viitasaaren", ["44500"]),
    "Karstula": ("Karstulan", ["43500"]),
    "Kannonkoski": ("Kannonkosken", ["43300"]),
    "Kinnula": ("Kinnulan", ["43900"]),
    "Kivijärvi": ("Kivijärven", ["43800"]),
    "Konnevesi": ("Konneveden", ["44300"]),
    "Kyyjärvi": ("Kyyjärven", ["43700"]),
    "Multia": ("Multian", ["42600"]),
    "Pihtipudas": ("Pihtiputaan", ["44800"]),
    "Helsinki": ("Helsingin", ["00100", "00510", "00380"]),
    "Espoo": ("Espoon", ["02150", "02600"]),
    "Vantaa": ("Vantaan", ["01510", "01300"]),
    "Tampere": ("Tampereen", ["33100", "33720"]),
    "Turku": ("Turun", ["20100"]),
    "Oulu": ("Oulun", ["90100"]),
    "Kuopio": ("Kuopion", ["70100"]),
    "Lahti": ("Lahden", ["15110"]),
    "Seinäjoki": ("Seinäjoen", ["60100"]),
    "Mikkeli": ("Mikkelin", ["50100"]),
    "Hämeenlinna": ("Hämeenlinnan", ["13100"]),
    "Joensuu": ("Joensuun", ["80100"]),
}
CITIES = {"Jyväskylä", "Jämsä", "Keuruu", "Äänekoski", "Saarijärvi", "Viitasaari"}
# How businesses spread over the owner municipalities (rough population shares).
OWNER_WEIGHTS = {
    "Jyväskylä": 60,
    "Laukaa": 9,
    "Jämsä": 8,
    "Muurame": 5,
    "Keuruu": 5,
    "Petäjävesi": 2,
    "Hankasalmi": 2,
    "Uurainen": 2,
    "Toivakka": 2,
    "Joutsa": 2,
    "Kuhmoinen": 1,
    "Luhanka": 1,
}
# Headcount of each owner municipality's own staff (approximate, for size classes).
OWNER_HEADCOUNT = {
    "Jyväskylä": 4200,
    "Laukaa": 720,
    "Jämsä": 650,
    "Muurame": 380,
    "Keuruu": 360,
    "Petäjävesi": 140,
    "Hankasalmi": 170,
    "Uurainen": 110,
    "Toivakka": 90,
    "Joutsa": 160,
    "Kuhmoinen": 80,
    "Luhanka": 30,
}

STREETS = [
    "Teollisuustie",
    "Vasarakatu",
    "Kauppakatu",
    "Kilpisenkatu",
    "Väinönkatu",
    "Ahjokatu",
    "Sorastajantie",
    "Palokärjentie",
    "Asemakatu",
    "Keskustie",
    "Koulutie",
    "Myllytie",
    "Rantatie",
    "Ratakatu",
    "Kirkkotie",
    "Pajatie",
    "Sahatie",
    "Urakoitsijantie",
    "Hitsaajantie",
    "Mäntytie",
    "Koivukuja",
    "Vapaudenkatu",
    "Kalevankatu",
    "Tourulantie",
    "Seppäläntie",
    "Yrittäjäntie",
    "Kuljetustie",
    "Puistokatu",
]

# --- Public bodies, associations, foundations, stakeholders ------------------------------------------

# (name, operating form, industry, municipality, headcount)
PUBLIC_BODIES = [
    ("Keski-Suomen hyvinvointialue", "wellbeing_county", "86", "Jyväskylä", 9000),
    ("Keski-Suomen liitto", "municipality", "84", "Jyväskylä", 45),
    ("Äänekosken kaupunki", "municipality", "84", "Äänekoski", 700),
    ("Saarijärven kaupunki", "municipality", "84", "Saarijärvi", 380),
    ("Viitasaaren kaupunki", "municipality", "84", "Viitasaari", 260),
    ("Karstulan kunta", "municipality", "84", "Karstula", 120),
    ("Konneveden kunta", "municipality", "84", "Konnevesi", 90),
    ("Pihtiputaan kunta", "municipality", "84", "Pihtipudas", 140),
    ("Multian kunta", "municipality", "84", "Multia", 60),
    ("Jyväskylän kaupungin ateria- ja puhtauspalvelut", "municipal_unit", "56", "Jyväskylä", 420),
    ("Jyväskylän kaupungin kaupunkirakennepalvelut", "municipal_unit", "84", "Jyväskylä", 380),
    ("Jyväskylän Tilapalvelu", "municipal_unit", "68", "Jyväskylä", 160),
    ("Laukaan kunnan tekniset palvelut", "municipal_unit", "84", "Laukaa", 70),
    ("Jämsän kaupungin varhaiskasvatus", "municipal_unit", "88", "Jämsä", 150),
    ("Sisä-Suomen poliisilaitos", "state", "84", "Jyväskylä", 900),
    ("Ilmasotakoulu", "state", "84", "Jyväskylä", 300),
    ("Metsähallitus, Keski-Suomen toimipiste", "state", "02", "Jyväskylä", 40),
    ("Jyväskylän seurakunta", "parish", "94", "Jyväskylä", 350),
    ("Laukaan seurakunta", "parish", "94", "Laukaa", 60),
    ("Jämsän seurakunta", "parish", "94", "Jämsä", 55),
    ("Keuruun seurakunta", "parish", "94", "Keuruu", 40),
]
# Templates with a place genitive: (template, operating form, industry).
ASSOCIATION_TEMPLATES = [
    ("{gen} Palloseura ry", "association", "93"),
    ("{gen} Työttömät ry", "association", "94"),
    ("{gen} Eläkkeensaajat ry", "association", "94"),
    ("{gen} Kotiseutuyhdistys ry", "association", "94"),
    ("{gen} Mielenterveysseura ry", "association", "88"),
    ("{gen} Kehitysvammaisten Tuki ry", "association", "88"),
    ("{gen} Vapaapalokunta ry", "association", "94"),
    ("{gen} 4H-yhdistys ry", "association", "94"),
    ("{gen} Palvelusäätiö sr", "foundation", "88"),
    ("{gen} Vanhustentalosäätiö sr", "foundation", "87"),
    ("{gen} Kulttuurisäätiö sr", "foundation", "90"),
]
# (name, operating form, industry, municipality, headcount)
STAKEHOLDERS = [
    ("Keski-Suomen Yrittäjät ry", "association", "94", "Jyväskylä", 8),
    ("Keski-Suomen Kauppakamari", "association", "94", "Jyväskylä", 12),
    ("Jyväskylän ammattikorkeakoulu Oy", "oy", "85", "Jyväskylä", 900),
    ("Jyväskylän yliopisto", "other", "85", "Jyväskylä", 2600),
    ("Keski-Suomen TE-toimisto", "state", "84", "Jyväskylä", 150),
    ("Keski-Suomen ELY-keskus", "state", "84", "Jyväskylä", 260),
    ("Jyväskylän seudun työllisyyspalvelut", "municipal_unit", "84", "Jyväskylä", 140),
    ("Business Jyväskylä", "municipal_unit", "84", "Jyväskylä", 35),
    ("Jyväskylän kesäyliopisto", "association", "85", "Jyväskylä", 20),
    ("Keski-Suomen Rakennusteollisuus RT ry", "association", "94", "Jyväskylä", 3),
    ("Teknologiateollisuus, Keski-Suomen aluetoimisto", "association", "94", "Jyväskylä", 4),
]
STAKEHOLDER_TEMPLATES = [
    ("{gen} Yrittäjät ry", "association", "94"),
    ("{gen} kehitysyhtiö Oy", "oy", "70"),
]

# --- People at customers ----------------------------------------------------------------------------

# (title, work role, decision-maker)
BUSINESS_TITLES = [
    ("toimitusjohtaja", "johto", True),
    ("HR-päällikkö", "HR", True),
    ("henkilöstöpäällikkö", "HR", True),
    ("tuotantopäällikkö", "esihenkilö", False),
    ("työnjohtaja", "esihenkilö", False),
    ("työpaikkaohjaaja", "työpaikkaohjaaja", False),
    ("työpaikkaohjaaja", "työpaikkaohjaaja", False),
    ("talouspäällikkö", "talous", False),
    ("myyntipäällikkö", "myynti", False),
    ("vastaava työnjohtaja", "esihenkilö", False),
    ("palvelupäällikkö", "esihenkilö", False),
]
MICRO_TITLES = [
    ("yrittäjä", "johto", True),
    ("toimitusjohtaja", "johto", True),
    ("työpaikkaohjaaja", "työpaikkaohjaaja", False),
]
PUBLIC_TITLES = [
    ("henkilöstöjohtaja", "HR", True),
    ("sivistysjohtaja", "johto", True),
    ("elinvoimajohtaja", "johto", True),
    ("työllisyyspalvelujen päällikkö", "esihenkilö", False),
    ("koulutussuunnittelija", "HR", False),
    ("palveluesihenkilö", "esihenkilö", False),
    ("työpaikkaohjaaja", "työpaikkaohjaaja", False),
]
ASSOCIATION_TITLES = [
    ("toiminnanjohtaja", "johto", True),
    ("puheenjohtaja", "johto", True),
    ("asiamies", "johto", True),
    ("järjestösihteeri", "hallinto", False),
]
STAKEHOLDER_TITLES = [
    ("asiantuntija", "verkostoyhteistyö", False),
    ("yksikön päällikkö", "johto", False),
    ("yritysneuvoja", "verkostoyhteistyö", False),
    ("projektipäällikkö", "verkostoyhteistyö", False),
]

# --- What happens: interactions and deliveries -------------------------------------------------------

MEETING_SUBJECTS = [
    "Koulutustarpeiden kartoitus",
    "Asiakkuudenhoitosuunnitelman päivitys",
    "Oppisopimuskoulutuksen aloituspalaveri",
    "Henkilöstökoulutuksen suunnittelu",
    "Rekrytointikoulutuksen suunnittelu",
    "Vuosikatsaus yhteistyöstä",
    "Tarjouksen läpikäynti",
    "Jälkihoitotapaaminen",
]
CALL_SUBJECTS = [
    "Työvoimatarve syksylle",
    "Jälkihoito koulutuksen jälkeen",
    "Tarjouksen seuranta",
    "Työpaikalla oppimisen jakso",
    "Uuden opiskelijan aloitus",
    "Koulutuskalenterin esittely",
]
VISIT_SUBJECTS = [
    "Opiskelijan ohjauskeskustelu",
    "Näytön arviointi",
    "Työpaikkaohjaajan perehdytys",
    "Koulutussopimuksen aloitus",
    "Oppisopimuksen seurantakeskustelu",
]
EMAIL_SUBJECTS = [
    "Tarjous lähetetty",
    "Koulutuskalenteri kevät",
    "Koulutuskalenteri syksy",
    "Kysely koulutustarpeista",
    "Kiitos yhteistyöstä ja palautekysely",
]
EVENT_SUBJECTS = [
    "Yritysaamiainen",
    "Rekrytointimessut",
    "Työelämäpäivä",
    "Oppisopimus työnantajalle -webinaari",
    "Kumppanuusfoorumi",
    "Työpaikkaohjaajien verkostotapaaminen",
]
MEETING_NOTES = [
    "Käytiin läpi tulevan vuoden koulutustarpeet. Asiakas toivoo tarjousta kevään aikana.",
    "Sovittiin seuraavasta tapaamisesta ja vastuuhenkilöistä.",
    "Asiakas kiinnostunut oppisopimuksesta kahdelle uudelle työntekijälle.",
    "Palaute edellisestä koulutuksesta oli hyvää; toiveena lyhyempiä koulutuspäiviä.",
    "Keskusteltiin rekrytointikoulutuksen mahdollisuudesta yhdessä TE-palvelujen kanssa.",
    "",
]
VISIT_NOTES = [
    "Opiskelijan jakso etenee hyvin, työpaikkaohjaaja tyytyväinen.",
    "Työpaikalla tarve kahdelle uudelle työntekijälle syksyllä. Liidi välitetty asiakkuuspäällikölle.",
    "Työpaikkaohjaaja toivoo lisää perehdytystä arviointiin.",
    "Näyttö hyväksytty. Työnantaja kiinnostunut ottamaan uusia opiskelijoita.",
    "Esimies kysyi henkilöstökoulutuksesta koko tiimille. Välitetty asiakkuuspäällikölle.",
    "",
]
CALL_NOTES = [
    "Asiakas tyytyväinen palveluun. Uutta tarvetta ei juuri nyt, yhteys uudelleen puolen vuoden päästä.",
    "Asiakas pyysi tarjouksen sähköpostilla.",
    "Ei vastannut, jätetty soittopyyntö.",
    "Sovittu tapaaminen ensi kuulle.",
    "",
]

# (service code, weight) by customer group; codes are crm.reference_data.DEFAULT_SERVICE_TYPES codes.
SERVICE_WEIGHTS = {
    "business": [
        ("on_the_job_learning", 30),
        ("apprenticeship", 22),
        ("staff_training", 22),
        ("recruitment_training", 6),
        ("tailored_training", 8),
        ("labour_market_training", 2),
        ("development_project", 3),
        ("other", 5),
    ],
    "public": [
        ("staff_training", 30),
        ("on_the_job_learning", 20),
        ("apprenticeship", 15),
        ("development_project", 15),
        ("tailored_training", 12),
        ("other", 8),
    ],
    "stakeholder": [
        ("development_project", 40),
        ("other", 25),
        ("labour_market_training", 20),
        ("tailored_training", 15),
    ],
    "individual": [("other", 1)],
}
TAILORED_TOPICS = [
    "esihenkilötyön ja johtamisen valmennus",
    "tuotannon laatu ja turvallisuus",
    "asiakaspalvelun kehittäminen",
    "digitaidot työssä",
    "suomen kieli työpaikalla",
    "työhyvinvointi ja vuorovaikutus",
]
DEVELOPMENT_TOPICS = [
    "työpaikkaohjaajien osaamisen vahvistaminen",
    "digitaalinen tuotannonohjaus",
    "vihreä siirtymä rakentamisessa",
    "kansainvälisten osaajien rekrytointi",
    "työhyvinvointi ja työurien pidentäminen",
    "jatkuvan oppimisen palvelumalli",
]
OTHER_SERVICES = ["Osaamiskartoitus", "Tilavuokraus ja tapahtumapalvelu", "Ammattitaitokilpailun järjestäminen"]

"""Finnish words the scale generator draws names from (data in Finnish, like the demo's vocabulary)."""

FIRST_NAMES = (
    "Aino Anna Anne Antti Arto Eeva Eija Elina Emma Erkki Hanna Harri Heikki Helena Henna Ilkka Jaana Jani Janne "
    "Jari Johanna Jouni Juha Jukka Jussi Kaisa Kari Katja Kimmo Kirsi Laura Leena Liisa Maija Marja Marko Matti "
    "Merja Mika Mikko Minna Niina Olli Paula Pekka Petri Päivi Riikka Risto Sanna Sari Satu Seppo Tapio Teemu "
    "Tiina Timo Tuomas Tuula Ulla Veera Ville"
).split()
LAST_NAMES = (
    "Aalto Ahonen Anttila Heikkinen Heinonen Hiltunen Hakala Halonen Hämäläinen Itkonen Jokinen Järvinen "
    "Kallio Karjalainen Kinnunen Koivisto Korhonen Koskinen Laine Lehtinen Lehtonen Leinonen Lindholm Manninen "
    "Mattila Miettinen Mäkelä Mäkinen Nieminen Niemi Nurmi Ojala Peltonen Pitkänen Rantanen Räsänen Saarinen "
    "Salminen Salo Savolainen Tuominen Turunen Virtanen Vainio Väisänen"
).split()
# Words company names are built from. None contains another, nor the common or rare word below, so that a
# search for one matches only the names drawn with it.
NAME_WORDS = (
    "Kone Metalli Puu Sähkö Auto Kuljetus Logistiikka Talo Putki Lasi Paino Kiinteistö Hoiva Terveys Ravintola "
    "Catering Kauppa Tekstiili Muovi Konepaja Teräs Energia Valo Vesi Maa Metsä Pelti Hitsaus Asennus Kaluste "
    "Lämpö Ilma Kivi Betoni Kaivu Siivous Turva Vartiointi Media Data Ohjelmisto Kuntoutus Matkailu Leipomo Liha "
    "Maito Mylly Saha Veneveistämö Pakkaus"
).split()
NAME_SUFFIXES = ["Oy", "Oy", "Oy", "Oy", "Ky", "Ay", "Oyj", "Tmi", "osk"]
PLACE_WORDS = (
    "Jyväskylän Keski-Suomen Laukaan Jämsän Keuruun Äänekosken Muuramen Saarijärven Uuraisten Toivakan "
    "Hankasalmen Petäjäveden Tampereen Kuopion Pohjolan Järvi-Suomen"
).split()
# One word in ~2.5 % of organisations' names (a common search), and one in a handful (a rare search).
COMMON_WORD = "Rakennus"
RARE_WORD = "Zeppeliini"
SUBJECTS = {
    "meeting": ["Vuosipalaveri", "Koulutustarpeiden kartoitus", "Yhteistyön suunnittelu", "Oppisopimuspalaveri"],
    "call": ["Soitto: työssäoppimispaikat", "Soitto: koulutustarjous", "Kuulumisten kysely"],
    "workplace_visit": ["Työpaikkakäynti", "Työpaikkaohjaajan tapaaminen", "Opiskelijan arviointikäynti"],
    "email": ["Tarjouspyyntö", "Koulutuskalenteri", "Opiskelijan tilanne"],
    "event": ["Rekrytointitapahtuma", "Yritysilta", "Ammattitaitokilpailut"],
}
NOTES = [
    "",
    "",
    "Sovittiin seuraavasta tapaamisesta.",
    "Asiakas kiinnostunut henkilöstökoulutuksesta syksyllä.",
    "Työpaikalla tilaa kahdelle opiskelijalle.",
    "Lähetetään tarjous viikon sisällä.",
]

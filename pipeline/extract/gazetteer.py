"""Places and organisations → stable codes.

Countries come from pycountry (ISO 3166 alpha-3) plus the names newsrooms actually use
("North Korea", "Britain", "DPRK"), demonyms ("Russian"), metonyms for governments
("Moscow said", "the Kremlin") and a table of capitals and major cities so a city can be
placed in its country. Organisations with stable codes (NATO, EU, UN, ...) sit beside them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

# Short common English names for codes where pycountry's name is formal or awkward.
SHORT_NAMES = {
    "RUS": "Russia", "PRK": "North Korea", "KOR": "South Korea", "IRN": "Iran", "SYR": "Syria",
    "VNM": "Vietnam", "LAO": "Laos", "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania",
    "MDA": "Moldova", "TWN": "Taiwan", "CZE": "Czech Republic", "TUR": "Turkey",
    "GBR": "United Kingdom", "USA": "United States", "COD": "DR Congo", "COG": "Republic of the Congo",
    "PSE": "Palestine", "VAT": "Vatican", "FSM": "Micronesia", "BRN": "Brunei", "CPV": "Cape Verde",
    "CIV": "Ivory Coast", "MKD": "North Macedonia", "XKX": "Kosovo", "SWZ": "Eswatini",
    "MMR": "Myanmar", "TLS": "Timor-Leste", "NLD": "Netherlands", "PHL": "Philippines",
    "ARE": "United Arab Emirates", "GMB": "Gambia", "BHS": "Bahamas",
}

# Extra spellings → alpha-3 (lower-cased, accents stripped).
COUNTRY_ALIASES = {
    "russia": "RUS", "russian federation": "RUS", "north korea": "PRK", "dprk": "PRK",
    "democratic people's republic of korea": "PRK", "south korea": "KOR", "republic of korea": "KOR",
    "rok": "KOR", "korea": "KOR", "iran": "IRN", "syria": "SYR", "vietnam": "VNM", "viet nam": "VNM",
    "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA", "moldova": "MDA",
    "taiwan": "TWN", "czech republic": "CZE", "czechia": "CZE", "turkey": "TUR", "turkiye": "TUR",
    "britain": "GBR", "great britain": "GBR", "united kingdom": "GBR", "uk": "GBR", "u.k.": "GBR",
    "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "united states": "USA", "united states of america": "USA", "us": "USA", "u.s.": "USA",
    "usa": "USA", "u.s.a.": "USA", "america": "USA",
    "dr congo": "COD", "drc": "COD", "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD", "congo-kinshasa": "COD", "congo": "COG",
    "republic of the congo": "COG", "palestine": "PSE", "palestinian territories": "PSE",
    "vatican": "VAT", "holy see": "VAT", "vatican city": "VAT", "micronesia": "FSM", "brunei": "BRN",
    "cape verde": "CPV", "ivory coast": "CIV", "cote d'ivoire": "CIV", "north macedonia": "MKD",
    "macedonia": "MKD", "kosovo": "XKX", "swaziland": "SWZ", "eswatini": "SWZ", "burma": "MMR",
    "myanmar": "MMR", "east timor": "TLS", "timor-leste": "TLS", "netherlands": "NLD",
    "the netherlands": "NLD", "holland": "NLD", "philippines": "PHL", "the philippines": "PHL",
    "uae": "ARE", "emirates": "ARE", "united arab emirates": "ARE", "gambia": "GMB",
    "the gambia": "GMB", "bahamas": "BHS", "the bahamas": "BHS", "saudi": "SAU",
}

DEMONYMS = {
    "afghan": "AFG", "albanian": "ALB", "algerian": "DZA", "american": "USA", "angolan": "AGO",
    "argentine": "ARG", "argentinian": "ARG", "armenian": "ARM", "australian": "AUS",
    "austrian": "AUT", "azerbaijani": "AZE", "bahraini": "BHR", "bangladeshi": "BGD",
    "belarusian": "BLR", "belgian": "BEL", "bolivian": "BOL", "bosnian": "BIH", "brazilian": "BRA",
    "british": "GBR", "bulgarian": "BGR", "burmese": "MMR", "cambodian": "KHM", "cameroonian": "CMR",
    "canadian": "CAN", "chilean": "CHL", "chinese": "CHN", "colombian": "COL", "congolese": "COD",
    "croatian": "HRV", "cuban": "CUB", "cypriot": "CYP", "czech": "CZE", "danish": "DNK",
    "dutch": "NLD", "ecuadorian": "ECU", "egyptian": "EGY", "emirati": "ARE", "eritrean": "ERI",
    "estonian": "EST", "ethiopian": "ETH", "filipino": "PHL", "philippine": "PHL", "finnish": "FIN",
    "french": "FRA", "georgian": "GEO", "german": "DEU", "ghanaian": "GHA", "greek": "GRC",
    "guatemalan": "GTM", "haitian": "HTI", "honduran": "HND", "hungarian": "HUN", "icelandic": "ISL",
    "indian": "IND", "indonesian": "IDN", "iranian": "IRN", "iraqi": "IRQ", "irish": "IRL",
    "israeli": "ISR", "italian": "ITA", "ivorian": "CIV", "jamaican": "JAM", "japanese": "JPN",
    "jordanian": "JOR", "kazakh": "KAZ", "kenyan": "KEN", "korean": "KOR", "kuwaiti": "KWT",
    "kyrgyz": "KGZ", "lao": "LAO", "laotian": "LAO", "latvian": "LVA", "lebanese": "LBN",
    "liberian": "LBR", "libyan": "LBY", "lithuanian": "LTU", "luxembourgish": "LUX",
    "malagasy": "MDG", "malawian": "MWI", "malaysian": "MYS", "maldivian": "MDV", "malian": "MLI",
    "maltese": "MLT", "mauritanian": "MRT", "mexican": "MEX", "moldovan": "MDA", "mongolian": "MNG",
    "montenegrin": "MNE", "moroccan": "MAR", "mozambican": "MOZ", "namibian": "NAM",
    "nepalese": "NPL", "nepali": "NPL", "new zealand": "NZL", "nicaraguan": "NIC", "nigerian": "NGA",
    "nigerien": "NER", "north korean": "PRK", "norwegian": "NOR", "omani": "OMN",
    "pakistani": "PAK", "palestinian": "PSE", "panamanian": "PAN", "paraguayan": "PRY",
    "peruvian": "PER", "polish": "POL", "portuguese": "PRT", "qatari": "QAT", "romanian": "ROU",
    "russian": "RUS", "rwandan": "RWA", "saudi": "SAU", "saudi arabian": "SAU", "senegalese": "SEN",
    "serbian": "SRB", "singaporean": "SGP", "slovak": "SVK", "slovenian": "SVN", "somali": "SOM",
    "south african": "ZAF", "south korean": "KOR", "south sudanese": "SSD", "spanish": "ESP",
    "sri lankan": "LKA", "sudanese": "SDN", "swedish": "SWE", "swiss": "CHE", "syrian": "SYR",
    "taiwanese": "TWN", "tajik": "TJK", "tanzanian": "TZA", "thai": "THA", "tunisian": "TUN",
    "turkish": "TUR", "turkmen": "TKM", "ugandan": "UGA", "ukrainian": "UKR", "uruguayan": "URY",
    "uzbek": "UZB", "venezuelan": "VEN", "vietnamese": "VNM", "yemeni": "YEM", "zambian": "ZMB",
    "zimbabwean": "ZWE", "kiwi": "NZL", "brit": "GBR", "scottish": "GBR", "welsh": "GBR",
    "english": "GBR", "bruneian": "BRN", "fijian": "FJI", "papua new guinean": "PNG",
    "beninese": "BEN", "burkinabe": "BFA", "chadian": "TCD", "gabonese": "GAB", "guinean": "GIN",
    "sierra leonean": "SLE", "togolese": "TGO", "botswanan": "BWA", "motswana": "BWA",
    "azeri": "AZE", "bhutanese": "BTN", "qatar": "QAT",
}

# Capitals and cities that news places events in → alpha-3. Capitals first (also metonyms).
CAPITALS = {
    "kabul": "AFG", "tirana": "ALB", "algiers": "DZA", "luanda": "AGO", "buenos aires": "ARG",
    "yerevan": "ARM", "canberra": "AUS", "vienna": "AUT", "baku": "AZE", "manama": "BHR",
    "dhaka": "BGD", "minsk": "BLR", "brussels": "BEL", "la paz": "BOL", "sarajevo": "BIH",
    "brasilia": "BRA", "sofia": "BGR", "phnom penh": "KHM", "yaounde": "CMR", "ottawa": "CAN",
    "santiago": "CHL", "beijing": "CHN", "bogota": "COL", "kinshasa": "COD", "brazzaville": "COG",
    "zagreb": "HRV", "havana": "CUB", "nicosia": "CYP", "prague": "CZE", "copenhagen": "DNK",
    "quito": "ECU", "cairo": "EGY", "asmara": "ERI", "tallinn": "EST", "addis ababa": "ETH",
    "helsinki": "FIN", "paris": "FRA", "tbilisi": "GEO", "berlin": "DEU", "accra": "GHA",
    "athens": "GRC", "guatemala city": "GTM", "port-au-prince": "HTI", "budapest": "HUN",
    "reykjavik": "ISL", "new delhi": "IND", "delhi": "IND", "jakarta": "IDN", "tehran": "IRN",
    "baghdad": "IRQ", "dublin": "IRL", "jerusalem": "ISR", "rome": "ITA", "tokyo": "JPN",
    "amman": "JOR", "astana": "KAZ", "nairobi": "KEN", "seoul": "KOR", "kuwait city": "KWT",
    "bishkek": "KGZ", "vientiane": "LAO", "riga": "LVA", "beirut": "LBN", "tripoli": "LBY",
    "vilnius": "LTU", "luxembourg": "LUX", "antananarivo": "MDG", "kuala lumpur": "MYS",
    "putrajaya": "MYS", "male": "MDV", "bamako": "MLI", "valletta": "MLT", "mexico city": "MEX",
    "chisinau": "MDA", "ulaanbaatar": "MNG", "ulan bator": "MNG", "podgorica": "MNE", "rabat": "MAR",
    "maputo": "MOZ", "naypyidaw": "MMR", "naypyitaw": "MMR", "windhoek": "NAM", "kathmandu": "NPL",
    "the hague": "NLD", "amsterdam": "NLD", "wellington": "NZL", "managua": "NIC", "abuja": "NGA",
    "niamey": "NER", "pyongyang": "PRK", "oslo": "NOR", "muscat": "OMN", "islamabad": "PAK",
    "ramallah": "PSE", "panama city": "PAN", "asuncion": "PRY", "lima": "PER", "manila": "PHL",
    "warsaw": "POL", "lisbon": "PRT", "doha": "QAT", "bucharest": "ROU", "moscow": "RUS",
    "kigali": "RWA", "riyadh": "SAU", "dakar": "SEN", "belgrade": "SRB", "singapore": "SGP",
    "bratislava": "SVK", "ljubljana": "SVN", "mogadishu": "SOM", "pretoria": "ZAF",
    "juba": "SSD", "madrid": "ESP", "colombo": "LKA", "khartoum": "SDN", "stockholm": "SWE",
    "bern": "CHE", "damascus": "SYR", "taipei": "TWN", "dushanbe": "TJK", "dodoma": "TZA",
    "bangkok": "THA", "tunis": "TUN", "ankara": "TUR", "ashgabat": "TKM", "kampala": "UGA",
    "kyiv": "UKR", "kiev": "UKR", "abu dhabi": "ARE", "london": "GBR", "washington": "USA",
    "washington, d.c.": "USA", "washington dc": "USA", "montevideo": "URY", "tashkent": "UZB",
    "caracas": "VEN", "hanoi": "VNM", "sanaa": "YEM", "lusaka": "ZMB", "harare": "ZWE",
    "vatican city": "VAT", "port moresby": "PNG", "suva": "FJI", "dili": "TLS", "thimphu": "BTN",
    "gaborone": "BWA", "conakry": "GIN", "freetown": "SLE", "lome": "TGO", "cotonou": "BEN",
    "ouagadougou": "BFA", "n'djamena": "TCD", "libreville": "GAB", "monrovia": "LBR",
    "nouakchott": "MRT", "lilongwe": "MWI", "djibouti": "DJI", "bandar seri begawan": "BRN",
    "tegucigalpa": "HND", "san jose": "CRI", "san salvador": "SLV", "santo domingo": "DOM",
    "kingston": "JAM", "port of spain": "TTO", "skopje": "MKD", "pristina": "XKX",
    "ha noi": "VNM",
}
# Written forms whose common English name differs by more than accents (the name events carry).
CITY_CANON = {"ha noi": "Hanoi", "thanh pho ho chi minh": "Ho Chi Minh City", "tp ho chi minh": "Ho Chi Minh City",
              "kyiv": "Kyiv", "kiev": "Kyiv", "ulan bator": "Ulaanbaatar", "naypyitaw": "Naypyidaw",
              "washington, d.c.": "Washington", "washington dc": "Washington"}
# "the Ghanaian capital": the first CAPITALS entry of a country is its capital.
CAPITAL_OF = {"NLD": "Amsterdam"}
for _k, _c in CAPITALS.items():
    CAPITAL_OF.setdefault(_c, CITY_CANON.get(_k) or _k.title().replace("'D", "'D"))
CITIES = {
    "shanghai": "CHN", "tianjin": "CHN", "guangzhou": "CHN", "shenzhen": "CHN", "xi'an": "CHN",
    "hong kong": "CHN", "macau": "CHN", "st petersburg": "RUS", "st. petersburg": "RUS",
    "saint petersburg": "RUS", "sochi": "RUS", "vladivostok": "RUS", "kazan": "RUS",
    "new york": "USA", "san francisco": "USA", "los angeles": "USA", "camp david": "USA",
    "chicago": "USA", "honolulu": "USA", "geneva": "CHE", "davos": "CHE", "lausanne": "CHE",
    "zurich": "CHE", "istanbul": "TUR", "antalya": "TUR", "mumbai": "IND", "bangalore": "IND",
    "bengaluru": "IND", "osaka": "JPN", "hiroshima": "JPN", "kyoto": "JPN", "busan": "KOR",
    "jeddah": "SAU", "dubai": "ARE", "sydney": "AUS", "melbourne": "AUS", "toronto": "CAN",
    "montreal": "CAN", "vancouver": "CAN", "munich": "DEU", "hamburg": "DEU", "frankfurt": "DEU",
    "bonn": "DEU", "strasbourg": "FRA", "marseille": "FRA", "nice": "FRA", "milan": "ITA",
    "naples": "ITA", "barcelona": "ESP", "granada": "ESP", "edinburgh": "GBR", "manchester": "GBR",
    "belfast": "GBR", "rio de janeiro": "BRA", "sao paulo": "BRA", "johannesburg": "ZAF",
    "cape town": "ZAF", "durban": "ZAF", "lagos": "NGA", "alexandria": "EGY", "sharm el-sheikh": "EGY",
    "tel aviv": "ISR", "gaza": "PSE", "almaty": "KAZ", "samarkand": "UZB", "lviv": "UKR",
    "odesa": "UKR", "odessa": "UKR", "kharkiv": "UKR", "ho chi minh city": "VNM", "da nang": "VNM",
    "bali": "IDN", "nusa dua": "IDN", "surabaya": "IDN", "karachi": "PAK", "lahore": "PAK",
    "chittagong": "BGD", "cebu": "PHL", "penang": "MYS", "krakow": "POL", "gdansk": "POL",
    "rotterdam": "NLD", "antwerp": "BEL", "porto": "PRT", "thessaloniki": "GRC", "vilnius": "LTU",
    "auckland": "NZL", "christchurch": "NZL", "mombasa": "KEN", "casablanca": "MAR",
    "marrakech": "MAR", "tangier": "MAR", "aqaba": "JOR", "basra": "IRQ", "erbil": "IRQ",
    "mashhad": "IRN", "isfahan": "IRN", "brest": "FRA", "kaliningrad": "RUS", "novosibirsk": "RUS",
}
US_STATES = ["alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
             "delaware", "florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
             "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi",
             "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
             "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
             "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia",
             "wisconsin", "wyoming", "mar-a-lago", "palm beach"]
CITIES.update({st: "USA" for st in US_STATES})
# Regions and continents: never a destination or a city.
REGIONS = {
    "africa", "asia", "europe", "middle east", "the middle east", "latin america", "south america",
    "north america", "central asia", "southeast asia", "south asia", "east asia", "northeast asia",
    "central europe", "eastern europe", "western europe", "the gulf", "gulf", "the pacific", "pacific",
    "asia-pacific", "indo-pacific", "the caribbean", "caribbean", "the balkans", "balkans",
    "scandinavia", "the sahel", "sahel", "horn of africa", "the horn of africa", "west africa",
    "east africa", "southern africa", "north africa", "the arctic", "arctic", "antarctica",
    "south china sea", "the south china sea", "black sea", "the black sea", "baltic", "the baltics",
}
# Seats of government used for the government itself ("the Kremlin said").
SEATS = {
    "kremlin": "RUS", "the kremlin": "RUS", "white house": "USA", "the white house": "USA",
    "pentagon": "USA", "the pentagon": "USA", "state department": "USA", "downing street": "GBR",
    "whitehall": "GBR", "elysee": "FRA", "the elysee": "FRA", "elysee palace": "FRA",
    "zhongnanhai": "CHN", "blue house": "KOR", "quai d'orsay": "FRA", "foggy bottom": "USA",
    "chancellery": None, "great hall of the people": "CHN", "kumsusan palace": "PRK",
    "buckingham palace": "GBR", "malacanang palace": "PHL", "malacanang": "PHL", "quirinale": "ITA",
}
SEAT_CITY = {
    "kremlin": "Moscow", "white house": "Washington", "pentagon": "Washington",
    "state department": "Washington", "downing street": "London", "whitehall": "London",
    "elysee": "Paris", "elysee palace": "Paris", "zhongnanhai": "Beijing", "blue house": "Seoul",
    "quai d'orsay": "Paris", "foggy bottom": "Washington", "great hall of the people": "Beijing",
    "kumsusan palace": "Pyongyang", "buckingham palace": "London", "malacanang palace": "Manila",
    "malacanang": "Manila", "quirinale": "Rome",
}


@dataclass(frozen=True)
class Org:
    code: str
    name: str  # short common English name used as the party name


ORGS = {
    "nato": Org("NATO", "NATO"), "north atlantic treaty organization": Org("NATO", "NATO"),
    "north atlantic treaty organisation": Org("NATO", "NATO"), "atlantic alliance": Org("NATO", "NATO"),
    "eu": Org("EU", "European Union"), "european union": Org("EU", "European Union"),
    "european commission": Org("EU", "European Union"), "european council": Org("EU", "European Union"),
    "un": Org("UN", "United Nations"), "u.n.": Org("UN", "United Nations"),
    "united nations": Org("UN", "United Nations"), "un security council": Org("UN", "United Nations"),
    "security council": Org("UN", "United Nations"), "unesco": Org("UN", "United Nations"),
    "unicef": Org("UN", "United Nations"), "unhcr": Org("UN", "United Nations"),
    "au": Org("AU", "African Union"), "african union": Org("AU", "African Union"),
    "asean": Org("ASEAN", "ASEAN"), "association of southeast asian nations": Org("ASEAN", "ASEAN"),
    "g7": Org("G7", "G7"), "group of seven": Org("G7", "G7"), "g20": Org("G20", "G20"),
    "group of 20": Org("G20", "G20"), "opec": Org("OPEC", "OPEC"), "wto": Org("WTO", "WTO"),
    "world trade organization": Org("WTO", "WTO"), "who": Org("WHO", "WHO"),
    "world health organization": Org("WHO", "WHO"), "imf": Org("IMF", "IMF"),
    "international monetary fund": Org("IMF", "IMF"), "world bank": Org("WB", "World Bank"),
    "osce": Org("OSCE", "OSCE"), "brics": Org("BRICS", "BRICS"),
    "shanghai cooperation organisation": Org("SCO", "SCO"),
    "shanghai cooperation organization": Org("SCO", "SCO"), "sco": Org("SCO", "SCO"),
    "gulf cooperation council": Org("GCC", "GCC"), "gcc": Org("GCC", "GCC"),
    "arab league": Org("ARL", "Arab League"), "organization of american states": Org("OAS", "OAS"),
    "oas": Org("OAS", "OAS"), "ecowas": Org("ECOWAS", "ECOWAS"), "iaea": Org("IAEA", "IAEA"),
    "international atomic energy agency": Org("IAEA", "IAEA"), "csto": Org("CSTO", "CSTO"),
    "apec": Org("APEC", "APEC"), "mercosur": Org("MERCOSUR", "Mercosur"), "sadc": Org("SADC", "SADC"),
    "commonwealth": Org("CWN", "Commonwealth"), "oic": Org("OIC", "OIC"),
    "organisation of islamic cooperation": Org("OIC", "OIC"), "icc": Org("ICC", "ICC"),
    "international criminal court": Org("ICC", "ICC"), "red cross": Org("ICRC", "ICRC"),
    "icrc": Org("ICRC", "ICRC"), "oecd": Org("OECD", "OECD"), "igad": Org("IGAD", "IGAD"),
    "eurasian economic union": Org("EAEU", "EAEU"), "pacific islands forum": Org("PIF", "PIF"),
}
ORG_DEMONYMS = {"european": "EU"}  # "European leaders"


def fold(s: str) -> str:
    """Lower-case, strip accents and curly apostrophes: the key every lookup uses."""
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = s.replace("’", "'").lower().strip()
    s = re.sub(r"\s+", " ", s)
    return s


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                idx[fold(v)] = c.alpha_3
    idx.update(COUNTRY_ALIASES)
    return idx


def country_name(code: str) -> str:
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


@dataclass(frozen=True)
class Place:
    """A resolved name: a country, an organisation, or a city inside a country."""

    code: str  # ISO alpha-3 or org code
    kind: str  # "country" | "org" | "city" | "demonym" | "seat"
    name: str  # canonical short name of the country/org (for cities: the country's name)
    city: str | None = None  # the city as written, for kind == "city"

    @property
    def is_org(self) -> bool:
        return self.code in ORG_CODES


ORG_CODES = {o.code for o in ORGS.values()}
ORG_NAMES = {o.code: o.name for o in ORGS.values()}


def _strip_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def lookup(text: str) -> Place | None:
    """Resolve a surface string to a country / organisation / city, or None."""
    key = fold(text).strip(" .,;:")
    key = re.sub(r"'s$", "", key)
    if not key:
        return None
    bare = _strip_the(key)
    idx = _country_index()
    for k in (key, bare):
        if k in idx and not (k in ("us",) and text.strip() == "us"):
            code = idx[k]
            return Place(code, "country", country_name(code))
    for k in (key, bare):
        if k in ORGS and not (k in ("who", "au", "un") and text.strip().islower()):
            o = ORGS[k]
            return Place(o.code, "org", o.name)
    for k in (key, bare):
        if k in CAPITALS:
            return Place(CAPITALS[k], "city", country_name(CAPITALS[k]), city=CITY_CANON.get(k, text.strip()))
        if k in CITIES:
            return Place(CITIES[k], "city", country_name(CITIES[k]), city=CITY_CANON.get(k, text.strip()))
    for k in (key, bare):
        if k in SEATS and SEATS[k]:
            return Place(SEATS[k], "seat", country_name(SEATS[k]))
    if bare in DEMONYMS:
        return Place(DEMONYMS[bare], "demonym", country_name(DEMONYMS[bare]))
    if bare.endswith("s") and bare[:-1] in DEMONYMS:  # "Russians"
        return Place(DEMONYMS[bare[:-1]], "demonym", country_name(DEMONYMS[bare[:-1]]))
    if bare in ORG_DEMONYMS:
        code = ORG_DEMONYMS[bare]
        return Place(code, "demonym", ORG_NAMES[code])
    return None


def is_capital(text: str) -> bool:
    return _strip_the(fold(text)) in CAPITALS


def party(code: str) -> dict:
    """The contract's party object for a code."""
    return {"name": ORG_NAMES.get(code) or country_name(code), "code": code}


@lru_cache(maxsize=1)
def surface_forms() -> list[str]:
    """Every multi-word or capitalised surface form, longest first (for text scanning)."""
    forms = set(_country_index()) | set(ORGS) | set(CAPITALS) | set(CITIES) | set(SEATS) | set(DEMONYMS)
    return sorted(forms, key=len, reverse=True)

"""Short wire-style articles written for the Airflow tests, placed in one past hour."""

from __future__ import annotations

from datetime import datetime, timedelta

from devtools.sample_site import SampleArticle

# (minutes after the hour, slug, title, paragraphs). Two land in the first quarter hour,
# one in each of the others; one is published just before the hour and must not be loaded.
_WIRE = [
    (-20, "andes-ministers-preview", "Andean ministers to meet next month",
     ("LIMA - Foreign ministers of the Andean Community will gather in Lima next month, officials said on Monday.",)),
    (4, "chile-argentina-water-accord", "Chile and Argentina sign water-sharing accord",
     ("SANTIAGO - Chilean President Gabriel Boric and Argentine President Javier Milei signed an agreement on "
      "Monday to share the waters of three border rivers, during Milei's visit to Santiago.",
      "The two presidents held talks at La Moneda palace before the signing ceremony, aides said.")),
    (11, "indonesia-minister-canberra", "Indonesian foreign minister visits Canberra",
     ("CANBERRA - Indonesian Foreign Minister Sugiono arrived in Canberra on Monday for a two-day official visit, "
      "Australia's foreign ministry said.",
      "Sugiono will meet Australian Foreign Minister Penny Wong to discuss maritime security.")),
    (22, "brazil-nigeria-abuja-talks", "Brazil and Nigeria leaders meet in Abuja",
     ("ABUJA - Brazilian President Luiz Inacio Lula da Silva met Nigerian President Bola Tinubu in Abuja on Monday, "
      "the Nigerian presidency said.",
      '"Our two countries share an ocean and a future," Lula told reporters after the meeting.')),
    (38, "poland-germany-rail-deal", "Poland and Germany sign rail investment deal",
     ("WARSAW - Polish Prime Minister Donald Tusk and German Chancellor Friedrich Merz signed a deal on Monday to "
      "fund a high-speed rail link between Berlin and Warsaw, the Polish government said.",)),
    (51, "egypt-jordan-summit", "Egypt's Sisi hosts Jordan's King Abdullah in Cairo",
     ("CAIRO - Egyptian President Abdel Fattah al-Sisi hosted Jordan's King Abdullah in Cairo on Monday for talks "
      "on regional security, the Egyptian presidency said.",
      '"Stability in the region is our shared priority," Sisi said in a statement after the talks.')),
]


def wire_articles(hour: datetime) -> list[SampleArticle]:
    return [SampleArticle(slug, title, hour + timedelta(minutes=minutes), "Test Desk", paragraphs)
            for minutes, slug, title, paragraphs in _WIRE]

"""Texts the benchmarks run on, and what they are made of.

`own_texts()` is the project's own event-dense copy: the sample site's articles
(`seeds/articles`) and the gold-annotated documents (`tests/extract/gold`); nearly every
sentence of it is about a visit, a meeting, a signing or a quoted politician.

A real news feed is mostly other copy: sports, markets, business, weather, culture, local
news. `feed_copy()` is such copy, written for this project in wire style (13 short articles,
~2,650 words, with the quotes, names, places and figures real copy has; none of it is about a
political event). `bench_texts()` mixes the two so that about half of the words are the
event-dense copy and half general copy -- still far more political than a general feed.
"""

from __future__ import annotations

import json

from devtools.sample_site import load_articles
from pipeline.config import PROJECT_ROOT


def own_texts() -> list[dict]:
    docs = [{"doc_id": a.slug, "text": a.text, "title": a.title, "published": a.published.date().isoformat()}
            for a in load_articles()]
    for path in sorted((PROJECT_ROOT / "tests" / "extract" / "gold").glob("*.json")):
        d = json.loads(path.read_text())
        docs.append({k: d.get(k) for k in ("doc_id", "text", "title", "published")})
    return docs


def feed_copy() -> list[dict]:
    """General (non-political) wire copy written for the benchmark."""
    return [{"doc_id": slug, "title": title, "published": published, "text": text}
            for slug, title, published, text in _FEED_COPY]


GENERAL_SHARE = 0.5  # the share of the corpus's words that is general feed copy


def feed_copy_weight(own: list[dict]) -> int:
    """How many times the feed copy goes in per repeat of the own texts, so that it is about
    GENERAL_SHARE of the words. Derived from the word counts, not fixed: the own texts grow with
    the gold set (a fixed 2 was half the words on 2026-11-28 and a quarter by 2026-12-03, which
    made the coder's figure fall with every gold article added, not with the coder)."""
    general = words(feed_copy())
    return max(1, round(words(own) * GENERAL_SHARE / ((1 - GENERAL_SHARE) * max(general, 1))))


def bench_texts(repeat: int = 1) -> list[dict]:
    """The bench corpus: `repeat` x (own texts + `feed_copy_weight` x feed copy), interleaved the
    way a feed interleaves desks."""
    own = own_texts()
    general = feed_copy() * feed_copy_weight(own)
    docs: list[dict] = []
    for _ in range(repeat):
        step = len(own) / max(len(general), 1)
        g = 0
        for i, d in enumerate(own):
            docs.append(d)
            while g < len(general) and (g + 1) * step <= i + 1:
                docs.append(general[g])
                g += 1
        docs.extend(general[g:])
    return docs


def words(docs: list[dict]) -> int:
    return sum(len(d["text"].split()) for d in docs)


def mix(docs: list[dict]) -> dict[str, float]:
    """Share of the words that is general (non-political) feed copy."""
    general = {d["doc_id"] for d in feed_copy()}
    n = words(docs)
    return {"general_copy_share": words([d for d in docs if d["doc_id"] in general]) / max(n, 1)}


_FEED_COPY: tuple[tuple[str, str, str, str], ...] = (
    ('feed-sport-football', 'Late Okafor header keeps Rovers top of the table', '2024-03-10',
     'LONDON, March 10 (Wire) - A stoppage-time header from Daniel Okafor gave Rovers a 2-1 win at Castle Park on Sunday and kept them two points clear at the top of the table with nine games left.\n'
     'The visitors fell behind after 17 minutes when Marco Lentini curled a free kick over the wall and into the top corner, and they struggled to create chances against a compact home defence for most of the first half.\n'
     'Rovers levelled five minutes after the break. Winger Sam Whitaker cut inside from the left and his low shot took a deflection off a defender before creeping in at the near post.\n'
     'The home side hit the woodwork twice in the final quarter of an hour and goalkeeper Tom Aldous made a fine save to deny Lentini a second.\n'
     'Okafor, who came on as a substitute in the 70th minute, rose highest to meet a corner from Whitaker in the third minute of added time.\n'
     '"It was not our best performance, but the character in this group is something else," Rovers manager Paul Henning told reporters. "We kept going, we kept believing, and the lads got their reward."\n'
     'Castle Park manager Ivan Drees said his side deserved at least a point. "We were the better team for long spells. To lose it like that, from a set piece, is hard to take," he said.\n'
     'The result leaves Castle Park in seventh place, four points off the playoff positions. Rovers host third-placed Millbrook next Saturday.'),
    ('feed-markets-close', 'Stocks edge higher as tech rebounds; oil slips', '2024-03-12',
     "NEW YORK, March 12 (Wire) - Wall Street's main indexes closed slightly higher on Tuesday as a rebound in technology shares offset losses in energy stocks, while investors looked ahead to inflation data due later in the week.\n"
     'The benchmark index rose 0.4%, the blue-chip average added 0.2% and the tech-heavy index gained 0.7%, led by chipmakers and software companies that had sold off sharply over the previous three sessions.\n'
     '"Some of the froth came out of the market last week and dip buyers are stepping back in," said Karen Liu, chief investment strategist at Harbor Point Advisors. "But the bar for the inflation numbers is high, and nobody wants to be too aggressive before Thursday."\n'
     'Energy was the weakest of the eleven major sectors, down 1.3%, as crude futures fell for a second day on signs of rising inventories. Brent settled 1.1% lower at $81.20 a barrel.\n'
     "Shares of the retailer Brightmart jumped 9% after it reported quarterly earnings above analysts' estimates and raised its full-year sales forecast. Shipping group Oceanic Lines slid 6% after it warned that freight rates would remain weak through the summer.\n"
     'Treasury yields were little changed, with the 10-year note yielding 4.15%. The dollar was flat against a basket of major currencies, and gold eased 0.3% to $2,162 an ounce.\n'
     'Volume was light, with about 10.8 billion shares changing hands on all exchanges, below the 20-day average of 11.9 billion.\n'
     'Advancing issues outnumbered decliners by a 1.6-to-1 ratio on the main exchange.'),
    ('feed-weather-storm', 'Heavy snow and high winds to hit north through Thursday', '2024-01-16',
     'A band of heavy snow and gale-force winds will sweep across northern and central areas from Tuesday night, forecasters said, with up to 30 centimetres of snow expected on high ground and travel disruption likely.\n'
     'The national weather service issued amber warnings for snow and ice for much of the north, valid from 6 p.m. on Tuesday until noon on Thursday. Gusts of 70 to 80 km/h are possible along exposed coasts.\n'
     '"This is the most significant snow event of the winter so far," said senior forecaster Helen Marsh. "Conditions on the roads will deteriorate quickly overnight, and people should check before they travel."\n'
     'Rail operators said some services would run to a reduced timetable on Wednesday, and several regional airports warned of delays and cancellations. Road authorities said gritting lorries would be out from early evening on main routes.\n'
     'Temperatures are expected to fall to minus 8 degrees Celsius in rural parts of the north by Thursday morning, with widespread frost and freezing fog in the south.\n'
     'Milder air is forecast to push in from the Atlantic over the weekend, bringing rain and a risk of flooding as lying snow melts.\n'
     'Schools in some upland districts said they would decide on closures early on Wednesday morning and post updates on their websites.'),
    ('feed-culture-film', 'Quiet family drama takes top prize at film festival', '2024-02-25',
     "A small family drama about three sisters running a failing orchard won the top prize at the city's international film festival on Saturday, beating a field of big-budget contenders.\n"
     '"The Last Harvest", the second feature by director Lena Kowal, was shot over one autumn with a cast of mostly non-professional actors and a budget of less than a million dollars.\n'
     'Jury president Alain Moreau described the film as "tender, funny and quietly devastating", and said the jury had reached its decision unanimously after a long night of debate.\n'
     'Accepting the award, Kowal thanked her sisters, whose lives inspired the story, and the farmers in her home valley who lent their land and their time. "We made this film with our neighbours," she said. "This prize belongs to them."\n'
     'The best actor award went to veteran performer Jonas Berg for his role as a retired boxer in "Round Twelve", while the best actress prize was shared by the two leads of the road movie "Salt".\n'
     'A documentary about deep-sea fishermen won the audience award, and a ten-minute animated short about a lost umbrella took the prize for best short film.\n'
     'The festival, now in its 41st year, screened 180 films from 52 countries over ten days and sold a record 210,000 tickets, organisers said.'),
    ('feed-business-earnings', "Carmaker's profit falls as price war bites", '2024-04-30',
     'The carmaker Veltro reported a 28% fall in first-quarter operating profit on Tuesday, hurt by price cuts on its electric models and weaker demand in Europe, and cut its margin target for the year.\n'
     'Operating profit fell to 2.1 billion euros from 2.9 billion a year earlier, on revenue that slipped 4% to 38.6 billion euros. Analysts had on average expected profit of 2.3 billion euros.\n'
     'The company now expects an operating margin of 6% to 7% this year, down from a previous forecast of 7% to 8.5%.\n'
     '"The market is tougher than we anticipated at the start of the year, and the competition on price is intense," chief financial officer Martina Keller told analysts on a conference call. "We will not chase volume at any cost."\n'
     'Deliveries of battery-electric cars fell 12% in the quarter, while sales of hybrids rose 18%. The company said it would slow the ramp-up of a new battery plant and review spending on two planned models.\n'
     'Veltro shares were down 5.4% in afternoon trading, the worst performers in the regional auto index.\n'
     'The company said it still expected to generate positive free cash flow for the year and confirmed its share buyback programme.'),
    ('feed-sport-tennis', 'Teenager Rossi stuns top seed to reach semi-finals', '2024-05-30',
     'PARIS, May 30 (Wire) - Eighteen-year-old Chiara Rossi beat the top seed in straight sets on Thursday to reach her first grand slam semi-final, the youngest player to do so at the tournament in more than a decade.\n'
     'Rossi, ranked 64th in the world, won 6-4 7-6(5) in just under two hours, saving three set points in the second set before clinching the tiebreak with a forehand winner down the line.\n'
     '"I don\'t really know what is happening. I just tried to play my game and enjoy it," Rossi said in an on-court interview, to loud cheers from the crowd on the main court.\n'
     'The top seed, who had not dropped a set all tournament, made 38 unforced errors and struggled with her serve in the windy conditions. "She played better than me on the big points. That\'s tennis," she told a news conference.\n'
     "Rossi's coach, her father Marco, watched from the players' box. He said the family had driven to the tournament from their home near Turin because the flights were too expensive.\n"
     "She will face the fourth seed for a place in Saturday's final. In the men's draw, the defending champion needed five sets to get past a qualifier and reach the last eight."),
    ('feed-science-health', 'Daily walks cut heart risk even late in life, study finds', '2024-06-11',
     'Older adults who walk for as little as 20 minutes a day have a markedly lower risk of heart attack and stroke than those who are inactive, according to a large study published on Tuesday.\n'
     'Researchers followed more than 40,000 people aged 65 and over for an average of eight years, using wrist-worn devices to measure how much they moved each day.\n'
     'Those in the most active quarter had a 31% lower risk of a major cardiovascular event than those in the least active quarter, after adjusting for age, smoking, weight and other health conditions.\n'
     '"The message is that it is never too late to start," said lead author Dr Priya Nair of the university\'s school of public health. "You do not have to run marathons. Regular moderate walking makes a real difference."\n'
     'The benefit appeared even among people who only began exercising after the age of 70, the researchers wrote, though they cautioned that the study could show an association but not prove cause and effect.\n'
     'Independent experts said the findings were consistent with earlier research. Heart disease remains the leading cause of death among older adults in most high-income countries.'),
    ('feed-local-transport', 'City to add night buses and extend tram line', '2024-02-07',
     "The city's transport authority will add six night bus routes and extend the eastern tram line by three stops under a spending plan approved by the regional council on Wednesday.\n"
     'The plan, worth 420 million over five years, also includes new ticket machines at all tram stops, step-free access at twelve stations and a trial of on-demand minibuses in two outlying suburbs.\n'
     'Transport commissioner Anna Liebig said ridership had recovered to 94% of pre-pandemic levels and that night services were the fastest-growing part of the network. "People work different hours now, and the network has to follow them," she said.\n'
     'Construction of the tram extension is expected to start next spring and take about two years. Residents along the route will be consulted on the location of the new stops.\n'
     'Opposition councillors said the plan did too little for cyclists and criticised a planned 5% fare increase from July. The authority said fares had been frozen for three years and that discounts for students and pensioners would remain.\n'
     'The first of the new night routes will begin running in April.'),
    ('feed-sport-cycling', 'Breakaway specialist wins mountain stage as leader keeps jersey', '2024-07-14',
     'A late attack on the final climb gave Dutch rider Pieter de Groot victory on the 15th stage of the race on Sunday, while the overall leader finished safely in the group of favourites to keep his lead.\n'
     'De Groot was part of a 22-man breakaway that went clear after 40 kilometres and built a lead of more than eight minutes on the long valley roads before the race turned uphill.\n'
     'He dropped his last two companions with four kilometres to go and crossed the line 38 seconds ahead of a Colombian climber, with a Belgian rider third.\n'
     '"I have been trying to win a stage like this for five years," de Groot said. "Today the legs were good and I did not look back."\n'
     "Behind, the leader's team set a steady pace on the climb and no rival was able to gain time. He leads by one minute and 52 seconds with six stages remaining.\n"
     'Monday is a rest day before the race enters its final week with three mountain finishes.'),
    ('feed-business-housing', 'House prices rise for fourth month as mortgage rates ease', '2024-05-02',
     "House prices rose for a fourth consecutive month in April as easing mortgage rates brought buyers back into the market, a lender's index showed on Thursday.\n"
     'The average price of a home climbed 0.6% from March to 278,400, leaving prices 1.8% higher than a year earlier, the biggest annual increase since late 2022.\n'
     '"Affordability is still stretched, but the fall in borrowing costs since the autumn has clearly helped sentiment," said the lender\'s chief economist, Robert Ansell. He said he expected prices to grow modestly for the rest of the year.\n'
     'Mortgage approvals also rose, and estate agents reported more viewings and fewer price cuts than at the start of the year. Prices rose fastest in the north and slowest in the capital, where they are still below their peak.\n'
     'Rents continued to climb faster than prices, up 7.2% on the year, as the supply of homes to let remained tight.'),
    ('feed-culture-music', 'Orchestra announces season of premieres and a new conductor', '2024-03-20',
     'The city symphony orchestra will open its next season with the premiere of a cello concerto and welcome a new principal guest conductor, it announced on Wednesday.\n'
     'The 2024-25 season includes 64 concerts, five new commissions, a cycle of all nine Beethoven symphonies and a family series with cheap tickets for children.\n'
     'Conductor Yuki Tanaka, 36, who has worked with orchestras across Europe and Asia, will conduct eight concerts a year for the next three years. "This orchestra has a warmth of sound that I fell in love with at the first rehearsal," she said.\n'
     "The cello concerto, by composer Tomas Varga, was written for the orchestra's principal cellist and will be performed at the opening gala in September.\n"
     'Ticket sales last season reached 91% of capacity, the highest in a decade, and the number of first-time buyers under 30 doubled, the orchestra said. Subscriptions go on sale on April 2.'),
    ('feed-sport-basketball', 'Harbor City win overtime thriller to level series', '2024-05-08',
     'Guard Malik Evans scored 38 points, including the go-ahead three-pointer with 21 seconds left in overtime, as Harbor City beat Lakeshore 118-114 on Wednesday to level their playoff series at 1-1.\n'
     'Lakeshore led by 15 points early in the third quarter, but Harbor City clawed back with a 20-4 run and forced overtime when forward Ty Brooks tipped in a missed free throw at the buzzer.\n'
     '"We just refused to go home down two," Evans said. "Everybody on this team made a play tonight."\n'
     "Lakeshore's star centre finished with 31 points and 17 rebounds but fouled out with two minutes left in overtime. Coach Dana Reeves said the team had let its lead slip by turning the ball over in the third quarter.\n"
     'Game three is on Friday in Lakeshore, where the home side has won 14 straight games.'),
    ('feed-background-history', 'Restored lighthouse reopens to visitors after five years', '2024-04-12',
     "A 19th-century lighthouse on the northern headland reopened to the public on Friday after a five-year restoration that replaced its lantern, repaired its cast-iron stairs and rebuilt the keeper's cottage.\n"
     'The tower, completed in 1871, guided ships around the rocky point for more than a century before it was automated in 1985 and closed to the public in 2019 when inspectors found serious corrosion.\n'
     'The restoration cost 3.4 million and was paid for by a heritage fund, local businesses and more than 2,000 private donors, the trust that runs the site said.\n'
     'Visitors can climb the 142 steps to the gallery, which offers views along 40 kilometres of coast, and see an exhibition on the keepers and their families in the cottage.\n'
     '"Every family in this town has a story about the lighthouse," said volunteer guide Margaret Doyle, whose grandfather kept the light in the 1930s. "Now the next generation can make their own."\n'
     'The lighthouse will be open daily from April to October.'),
)

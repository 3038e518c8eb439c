"""People, states and organisations in an article, and who each mention refers to.

Steps: find person mentions (NER, the actor dictionary, "Title Name" patterns, short forms
of names already seen); give each the country or organisation its title context names
("Russian President ...", "..., Japan's foreign minister,") or the dictionary's default;
collapse short forms onto the fullest name the article gives ("President Putin" → "Vladimir
Putin"); resolve "he"/"she" and "the Kremlin official" back to the person they stand for.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.extract import gazetteer as gz
from pipeline.extract import lexicon, vocabulary
from pipeline.extract.vocabulary import (
    ABBREVIATIONS,
    APPOSITIVE_NAME_RE,
    BEFORE_NAME_RE,
    FEMALE_BEFORE_RE,
    HEADLINE_VERBS,
    HONORIFIC_RE,
    INNER_TITLES,
    MALE_BEFORE_RE,
    NAME_STOPS,
    NOT_NAME_WORDS,
    ORGANISATION_RUN_RE,
    PARTICLES,
    ROLE_WORDS,
    SHORT_TITLES,
    STOP_NAME_WORDS,
    TITLE_COUNTRY,
    TITLE_FOR_PLACE_RE,
    TITLE_NAME_RE,
    TITLE_NOUNS,
    TITLE_OF_BODY_RE,
    TITLE_PREFIX_RE,
    TITLE_WORDS,
)
from pipeline.extract.wordforms import alternation

ROLE_SYNONYMS = vocabulary.ROLE_SYNONYMS
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def role_word(w: str) -> str | None:
    w = w.lower()
    return ROLE_SYNONYMS.get(w) if w in ROLE_WORDS else None


def title_role_words(before: str, after: str | None = None) -> tuple[str, ...]:
    """Portfolio words of the title phrase right before a name ("Kenyan Energy Minister ") and of
    an appositive right after it (", the country's finance minister,")."""
    out: list[str] = []
    for w in list(reversed(re.findall(r"[\w'’\-.]+|[^\w\s]", before)))[:6]:
        lw = w.lower().rstrip(".")
        if lw in TITLE_WORDS or lw in ROLE_WORDS or (w[:1].isupper() and lw not in NAME_STOPS):
            rw = role_word(lw)
            if rw:
                out.append(rw)
            continue
        break
    if after:
        out += [rw for rw in (role_word(w) for w in re.findall(r"[a-z]+", after.lower())) if rw]
    return tuple(dict.fromkeys(out))


MALE_PRONOUNS = {"he", "him", "his"}
FEMALE_PRONOUNS = {"she", "her", "hers"}


def _gender(pronoun: str) -> str | None:
    low = pronoun.lower()
    return "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None


@dataclass(frozen=True)
class KnownActor:
    name: str
    country: str | None
    titles: tuple[str, ...]
    gender: str | None


@lru_cache(maxsize=1)
def actor_dictionary() -> dict[str, KnownActor]:
    """alias (folded) → KnownActor, from the lexicon's actors.yaml."""
    out: dict[str, KnownActor] = {}
    for p in lexicon.load("actors")["people"]:
        ka = KnownActor(p["name"], p.get("country"), tuple(p.get("titles") or ()), p.get("gender"))
        for alias in [p["name"], *(p.get("aliases") or [])]:
            out.setdefault(gz.fold(alias), ka)
    return out


@dataclass
class Mention:
    """One mention of an actor in the text."""

    start: int
    end: int
    text: str  # surface form with titles stripped
    kind: str  # "person" | "state" | "organisation"
    unit: int  # index of the analysis unit (sentence) it is in
    in_quote: bool = False
    code: str | None = None  # country / org code from context (or the gazetteer for states)
    titles: tuple[str, ...] = ()
    gender: str | None = None
    source: str = "ner"
    canonical: str | None = None  # fullest name (persons), filled by resolve_names
    is_subject: bool = False
    place: gz.Place | None = None
    role_words: tuple[str, ...] = ()  # portfolio words of its title ("defence", "foreign"), lower-case


_PLACE_POSSESSIVE = re.compile(r"^([A-Z][\w\-]+(?: [A-Z][\w\-]+)?)(?:'s|’s)\s+(?=[A-Z])")


def strip_title(name: str) -> str:
    name = _POSSESSIVE.sub("", name.strip())
    toks = name.split()
    while len(toks) > 1 and toks[0] in HEADLINE_VERBS:  # "Envoy Meets Wang Jiarui"
        toks = toks[1:]
    verb = next((i for i, t in enumerate(toks) if i and t in HEADLINE_VERBS), None)
    if verb is not None:
        toks = toks[:verb]  # "President Mohamud Meets His Kenyan Counterpart"
    name = " ".join(toks) if toks and toks != name.split() else name
    prev = None
    while prev != name:
        prev = name
        name = _strip_title_prefix(name)
        m = _PLACE_POSSESSIVE.match(name)
        if m and gz.lookup(m.group(1)) is not None:
            name = name[m.end():]  # "Chile's Alberto van Klaveren"
        if len(name.split()) > 2:
            name = HONORIFIC_RE.sub("", name)  # "Sayyid Badr Albusaidi": honorifics are not names
    return name.strip(" ,;:()")


def _strip_title_prefix(name: str) -> str:
    """The name without the title words in front of it, but a title that follows a given name
    is a word of the name ("President Hassan Sheikh Mohamud" is "Hassan Sheikh Mohamud"; "Emir
    Sheikh Tamim" is "Tamim")."""
    m = TITLE_PREFIX_RE.match(name)
    if m is None:
        return name.strip()
    words = list(re.finditer(r"\S+", name[:m.end()]))
    for prev, word in zip(words[-2::-1], words[:0:-1], strict=True):
        if word.group(0) in INNER_TITLES and _given_name(prev.group(0)):
            return name[prev.start():].strip()
    return name[m.end():].strip()


def _given_name(w: str) -> bool:
    low = w.lower().rstrip(".")
    return (w[:1].isupper() and _POSSESSIVE.search(w) is None and low not in TITLE_WORDS
            and w not in STOP_NAME_WORDS and low not in NOT_NAME_WORDS and gz.lookup(w) is None)


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> frozenset[str]:
    """The words of a name without the title words in front of it; a title word inside the name
    is a word of it ("Kim Jong Un": "un" is also the UN's title modifier, and dropping it made
    him a short form of "Kim Yo Jong"; "Hassan Sheikh Mohamud")."""
    toks = [t.strip(".,'") for t in re.split(r"[\s\-]+", gz.fold(name))]
    toks = [t for t in toks if t]
    lead = next((i for i, t in enumerate(toks) if t not in TITLE_WORDS), len(toks))
    return frozenset(toks[lead:])


_HYPHENED_PARTICLE = re.compile(r"(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")-[A-Z]")


def looks_like_name(name: str) -> bool:
    toks = name.split()
    if not toks or len(toks) > 6 or not all(t[0].isupper() or t in PARTICLES or _HYPHENED_PARTICLE.match(t) for t in toks):
        return False
    if (toks[0] in STOP_NAME_WORDS and not (toks[0] == "He" and len(toks) > 1)) or any(ch.isdigit() for ch in name):
        return False  # (a digit: "TICAD9", "G20" are a conference or a group, not a person)
    if any(_POSSESSIVE.sub("", t).lower().strip(".,") in NOT_NAME_WORDS for t in toks):
        return False  # an office, a body or a document ("Diaspora Affairs", "Political Bureau")
    if gz.lookup(name) is not None:
        return False
    if len(toks) == 1 and (toks[0].rstrip(".").lower() in ("dr", "mr", "mrs", "ms", "prof") or toks[0] in HEADLINE_VERBS):
        return False  # (a headline's verb the model tags alone: "DPRK Top Leader Meets With ...")
    plural_title = len(toks) == 1 and re.sub(r"e?s$", "", toks[0].lower()) in TITLE_WORDS  # "Sheikhs"
    return not plural_title and not all(t.lower().rstrip(".") in TITLE_WORDS for t in toks)


# --- country / organisation from the title context ------------------------------------------------

_LEFT_TOKEN = re.compile(r"(\(?[\w’'.\-]+\)?)\s*$")


def _left_token(text: str, i: int) -> re.Match[str] | None:
    """`_LEFT_TOKEN.search(text, max(0, i - 60), i)`: the token right before `i`. Searched from
    the last whitespace only (a match holds none before its trailing spaces, so none starts
    earlier): the same match, without trying and failing at every position of the 60 characters."""
    lo = max(0, i - 60)
    head = text[lo:i].rstrip()
    if not head:
        return None
    return _LEFT_TOKEN.search(text, lo + len(head) - len(head.rsplit(None, 1)[-1]), i)


# "a Chinese delegation led by politburo member X": the leader is of the delegation's country
_DELEGATION_LED_BY = re.compile(
    r"([A-Z][\w'’\-]+)\s+delegation,?\s+(?:" + alternation(vocabulary.TRIGGER_CLASSES["delegation_leading"])
    + r")\s+by\s+(?:[\w'’.\-]+\s+){0,5}$")


def _delegation_code(text: str, start: int, known_people: dict[str, str] | None) -> str | None:
    m = _DELEGATION_LED_BY.search(text, max(0, start - 100), start)
    found = _scan_codes(m.group(1), known_people) if m else []
    return found[-1] if found else None


def context_code(text: str, start: int, end: int, known_people: dict[str, str] | None = None) -> str | None:
    """The country or organisation the words around a name attach it to, if any.

    Left: the run of title/proper words right before the name ("Russian President",
    "Secretary General of the North Atlantic Treaty Organization (NATO)", "Japan's Foreign
    Minister"). Right: an apposition with a title (", the French foreign minister,").
    """
    words = left_title_run(text, start)
    found = _scan_codes(" ".join(words), known_people)
    if found:
        return found[-1]
    return (_appositive_name_code(text, start, end, known_people)
            or _of_country_code(text, start, end, words, known_people)
            or _right_apposition_code(text, end, known_people)
            or _delegation_code(text, start, known_people)
            or _default_title_country(text, start))


def left_title_run(text: str, start: int) -> list[str]:
    """The title and proper words right before a name, up to a comma or quotation mark."""
    i = start
    words: list[str] = []
    while i > 0 and len(words) < 10:
        m = _left_token(text, i)
        if not m or "\n" in text[m.start():i]:
            break
        w = m.group(1)
        bare = w.strip("()").rstrip(".")
        low = gz.fold(_POSSESSIVE.sub("", bare))
        envoy_to = low == "to" and _ENVOY_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
        if not (low in TITLE_WORDS or low in ("of", "the", "for", "and") or envoy_to or bare[:1].isupper()):
            if low in ("in", "at") and words and not any(_titles(x) for x in words):
                return []  # "At the summit in Turkey Vladimir Putin and ...": the clause's place, no title
            break
        if low not in TITLE_WORDS and _ends_sentence(w.rstrip(")")):
            break  # "... at the palace in Kabul. Qureshi is in Kabul": the last sentence's place, no title
        if low == "and" and words and words[0].rstrip(".").lower() in TITLE_NOUNS and _name_word_before(text, m.start()):
            break  # "US president Joe Biden and PM X": another person's title, not X's
        words.insert(0, w)
        i = m.start()
        if text[max(0, i - 2):i].strip() in (",", ";", ":", '"', "“", "”"):
            break
    return _own_title(words)


def _titles(word: str) -> bool:
    """A title word, or an owner's ("Turkey's")."""
    return gz.fold(_POSSESSIVE.sub("", word.strip("()").rstrip("."))) in TITLE_WORDS or _POSSESSIVE.search(word) is not None


def _own_title(words: list[str]) -> list[str]:
    """ "the Israeli Prime Minister and President X": a title with "the" before "and", and a
    title of X's own after it, is another person's (not "Deputy Prime Minister and Foreign
    Minister X", one person's two offices, nor "the Minister of Trade and Industry X")."""
    if "and" not in words:
        return words
    k = len(words) - 1 - words[::-1].index("and")
    if "the" not in (w.lower() for w in words[:k]):
        return words

    def titled(ws: list[str]) -> bool:
        return any(gz.fold(_POSSESSIVE.sub("", w.strip("()").rstrip("."))) in TITLE_NOUNS for w in ws)

    if 1 < k < len(words) - 1 and titled(words[k - 1:k]) and titled(words[k + 1:]):
        return words[k + 1:]
    return words


def _name_word_before(text: str, i: int) -> bool:
    """The word before `i` ends a name, not a title ("Joe Biden and", not "Trade and")."""
    m = _left_token(text, i)
    if not m:
        return False
    w = m.group(1).strip("()").rstrip(".")
    low = gz.fold(w).lower()
    return w[:1].isupper() and low not in TITLE_WORDS and low not in ROLE_WORDS and gz.lookup(w) is None


# ", NAME," or ", Mrs. NAME,", ", Sheikh NAME,": the comma of an apposition, and the forms of address after it
_COMMA_BEFORE_NAME = re.compile(r",\s*(?:(?:Mr|Mrs|Ms|Dr|Amb|Hon|Prof|H\.\s?E)\.?\s+|" + HONORIFIC_RE.pattern[1:] + r")*$")


def _appositive_name_code(text: str, start: int, end: int, known_people: dict[str, str] | None) -> str | None:
    """ "the Minister of Foreign Affairs of the Republic of Kenya, NAME,": an appositive name."""
    comma = _COMMA_BEFORE_NAME.search(text, max(0, start - 30), start)
    if not (text[end:end + 2].startswith(",") and comma):
        return None
    seg = text[max(0, comma.start() - 160):comma.start()]
    seg = re.split(r"(?<![A-Z])[.;:\n\"“”]|\b(?:by|with|received|met|hosted)\b", seg)[-1]
    if any(w in TITLE_NOUNS for w in re.findall(r"[a-z]+", seg.lower())):
        found = _scan_codes(seg, known_people)
        if found:
            return found[-1]
    return None


# "of Portugal", "of the Philippines", "of St. Vincent and the Grenadines", "of Trinidad and Tobago"
_OF_COUNTRY = re.compile(r"\s+of\s+((?:the\s+)?[A-Z][\w'’\-.]+(?:\s+(?:(?:and|&)\s+(?:the\s+)?)?[A-Z][\w'’\-]+){0,4})")
# "the foreign secretary, " right before a name
_TITLE_COMMA_END = re.compile(r"\b(?:" + "|".join(sorted(TITLE_NOUNS)) + r")\s*,\s*$")


def _of_country_code(text: str, start: int, end: int, words: list[str],
                     known_people: dict[str, str] | None) -> str | None:
    """ "Prime Minister Marta Silva of Portugal" / "the foreign secretary, Carlos Reyes of the
    Philippines,": a titled name followed by "of COUNTRY" names its country before any title's
    default country does."""
    m = _OF_COUNTRY.match(text[end:end + 60])
    if m is None:
        return None
    appos_title = _TITLE_COMMA_END.search(text[max(0, start - 40):start].lower())
    if appos_title or any(gz.fold(_POSSESSIVE.sub("", w.strip("()").rstrip("."))) in TITLE_NOUNS for w in words):
        found = _scan_codes(m.group(1), known_people)
        if found:
            return found[0]
    return None


def _right_apposition_code(text: str, end: int, known_people: dict[str, str] | None) -> str | None:
    """ ", the French foreign minister," / ", Japan's prime minister,"."""
    m = re.match(r"\s*,\s+((?:the\s+)?[^,.;\"“”]{2,80}?)(?:,|\.|;|$| said| told)", text[end:end + 120])
    if m is None:
        return None
    phrase = m.group(1)
    low = gz.fold(phrase).split()
    small = {"the", "of", "for", "and", "a", "an", "'s"}
    nounish = all(w in TITLE_WORDS or w in small or w.endswith("'s") or not w.isalpha()
                  or gz.lookup(w) is not None for w in low if w.islower() or not w[:1].isalpha())
    if nounish and any(w.strip("'s") in TITLE_NOUNS or w in TITLE_NOUNS for w in low):
        found = _scan_codes(phrase, known_people)
        if found:
            return found[0]
    return None


def _default_title_country(text: str, start: int) -> str | None:
    """A title that names its country only by default ("Foreign Secretary" -> UK): last resort."""
    low_left = text[max(0, start - 60):start].lower()
    for phrase, code in TITLE_COUNTRY.items():
        if phrase in low_left[-len(phrase) - 25:]:
            return code
    return None


@lru_cache(maxsize=1)
def _code_regex() -> re.Pattern:
    forms = [re.escape(f) for f in gz.surface_forms() if len(f) > 1]
    return re.compile(r"(?<![\w])(" + "|".join(forms) + r")(?:'s|’s)?(?![\w])", re.I)


@lru_cache(maxsize=1)
def _code_regex_by_letter() -> dict[str, re.Pattern] | None:
    """`_code_regex` for the surface forms starting with each letter (same order, same
    tail): at a position holding an ASCII letter the other alternatives cannot match, so
    this finds what the full alternation finds there, without trying a thousand branches."""
    forms = [f for f in gz.surface_forms() if len(f) > 1]
    if not all(f[0].isascii() and f[0].isalpha() for f in forms):
        return None  # `_code_matches` falls back to the full alternation
    by: dict[str, list[str]] = {}
    for f in forms:
        by.setdefault(f[0].lower(), []).append(f)
    # as a prefix tree (the same form wins: see `alternation`), a space matching one space
    return {k: re.compile(r"(?<![\w])(" + alternation(v, inflect=False, space=re.escape(" ")) + r")(?:'s|’s)?(?![\w])", re.I)
            for k, v in by.items()}


_CODE_STARTS = re.compile(r"(?<![\w])[A-Za-z\u0080-\U0010ffff]")


def _code_matches(folded: str):
    """`_code_regex().finditer(folded)`, faster and the same leftmost, non-overlapping
    matches: a match starts only where `_CODE_STARTS` does (the regex's own lookbehind, and
    every surface form starts with an ASCII letter, which case-insensitively matches only
    itself or a non-ASCII character such as 'ſ' or 'K'); there the forms of that letter are
    tried (or all forms, at a non-ASCII character)."""
    full = _code_regex()
    by_letter = _code_regex_by_letter()
    if by_letter is None:
        yield from full.finditer(folded)
        return
    pos = 0
    for c in _CODE_STARTS.finditer(folded):
        p = c.start()
        if p < pos:
            continue
        ch = folded[p]
        rx = by_letter.get(ch.lower()) if ch.isascii() else full
        if rx is None:
            continue
        m = rx.match(folded, p)
        if m is not None:
            yield m
            pos = m.end()


# An envoy's title names the country they are posted to after "to" ("China's Ambassador to
# Malaysia", "Egypt's ambassador to Kenya,"): they act for the other one.
_ENVOY_BEFORE = re.compile(
    r"\b(?:ambassador|envoy|high\s+commissioner|consul(?:[- ]general)?|emissary|charg[eé](?:\s+d'affaires)?)s?\s+$",
    re.I)
_POSTED_TO = re.compile(
    r"\b(?:ambassador|envoy|high\s+commissioner|consul(?:[- ]general)?|emissary|charg[eé](?:\s+d'affaires)?)s?"
    r"\s+(?:to|for)\s+(?:the\s+)?$", re.I)


_LOCATED_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)


def _scan_codes(phrase: str, known_people: dict[str, str] | None) -> list[str]:
    codes = []
    for s, _e, _surface, p in find_places(phrase):
        if _POSTED_TO.search(phrase, 0, s):
            continue  # where an envoy is posted, not whom they represent
        if p.kind == "city" and _LOCATED_IN.search(phrase, 0, s):
            continue  # "the Chinese embassy in Washington": where it is, not whom it speaks for
        codes.append(p.code)
    if not codes and known_people:
        for m in re.finditer(r"([A-Z][\w\-]+)(?:'s|’s)", phrase):
            c = known_people.get(gz.fold(m.group(1)))
            if c:
                codes.append(c)
    return codes


def fold_same_length(text: str) -> str:
    """Accents stripped character by character, so offsets still line up ("Côte" → "Cote")."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        out.append(base[:1] if base else ("'" if ch in "’‘" else ch))
    return "".join(out)


def find_places(text: str, offset: int = 0) -> list[tuple[int, int, str, gz.Place]]:
    """Countries, organisations, cities, seats and demonyms named in `text` (capitalised)."""
    out: list[tuple[int, int, str, gz.Place]] = []
    folded = fold_same_length(text)
    for m in _code_matches(folded):
        a, b = m.start(1), m.end(1)
        if folded[a:a + 4].lower() == "the " and folded[a + 4:a + 5].isupper() and gz.lookup(text[a + 4:b]) is not None:
            a += 4  # "the Philippines": the name starts after the article (not "The Hague", whose article is its own)
        surface = text[a:b]
        if not (surface[0].isupper() or surface.isupper()):
            continue
        p = gz.lookup(surface)
        if p is None or surface in ("Nice", "Male"):
            continue
        if p.kind == "org" and out and out[-1][3].kind in ("country", "demonym") and not text[out[-1][1] - offset:a].strip():
            continue  # "the Russian Federation Security Council": the state's own council, not the UN's
        out.append((offset + a, offset + b, surface, p))
    return out


# --- the article's people --------------------------------------------------------------------------


@dataclass
class Person:
    name: str  # fullest form in the article (or the dictionary's, when longer)
    code: str | None = None
    titles: set[str] = field(default_factory=set)
    gender: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    role_words: set[str] = field(default_factory=set)


def _known_actor(name: str, p: Person) -> KnownActor | None:
    """The dictionary's entry for a person: by the fullest name, else by a mention's name that
    the entry's name contains."""
    known = actor_dictionary()
    ka = known.get(gz.fold(name))
    if ka is not None:
        return ka
    for m in p.mentions:
        ka = known.get(gz.fold(m.text))
        if ka and name_tokens(ka.name) >= name_tokens(m.text):
            return ka
    return None


def _principal(earlier: list[tuple[int, str]], m: Mention, by_text: dict[str, list[Mention]]) -> str:
    """Which earlier full name a short form stands for: the nearest, unless two people share
    it ("President Joe Biden … First lady Jill Biden … Biden said"): then the first introduced,
    as copy names the principal by surname and the other in full, of the gender a "Mr"/"Mrs"
    before the short form gives."""
    people = list(dict.fromkeys(text for _, text in earlier))
    people = [p for p in people if not any(p != o and name_tokens(p) < name_tokens(o) for o in people)]
    if len(people) < 2:
        return earlier[-1][1]
    if m.gender:
        known = actor_dictionary()
        genders = {p: next((o.gender for o in by_text[p] if o.gender), None)
                   or getattr(known.get(gz.fold(p)), "gender", None) for p in people}
        people = ([p for p in people if genders[p] == m.gender] or [p for p in people if genders[p] is None]
                  or people)
    return people[0]


def _spelled_within(short: frozenset[str], long: frozenset[str]) -> bool:
    """Every word of the shorter name is a word of the longer, or the same word spelled another
    way ("Shah Mehmood Qureshi" ... "Makhdoom Shah Mahmood Qureshi"; "Mohamed", "Mohammed"),
    two words at least being the same: one person's name transliterated twice in one article."""
    if short <= long:
        return True
    rest = short - long
    others = {_consonants(w) for w in long - short if len(w) >= 5}
    return len(short & long) >= 2 and all(len(w) >= 5 and _consonants(w) in others for w in rest)


def _consonants(word: str) -> str:
    """A word's consonants, doubled ones once: what transliterations of a name keep."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", word))


class Registry:
    """All person mentions of one article, grouped by the person they refer to."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.people: dict[str, Person] = {}
        # units opening with "He"/"She" as their subject: unit index -> (offset, pronoun)
        self.pronoun_openings: dict[int, tuple[int, str]] = {}
        # people a pronoun may not stand for while one quotation's speaker is sought: those the
        # quotation itself names ('"Anwar insisted we sit down," he said' is not Anwar)
        self.not_speaking: frozenset[str] = frozenset()
        self._resolve_names()

    def _link_short_forms(self) -> None:
        """Each mention's canonical name: the nearest earlier mention (else the nearest later
        one) whose name contains all its name's words and more ("Putin" → "Vladimir Putin").
        Worked per distinct name, with positions found by bisection: linear in the mentions
        for a given set of names."""
        by_text: dict[str, list[Mention]] = {}
        for m in self.mentions:
            by_text.setdefault(m.text, []).append(m)
        toks = {t: name_tokens(t) for t in by_text}
        for t, group in by_text.items():
            tt = toks[t]
            longer = [o for o in by_text if tt and len(toks[o]) > len(tt) and _spelled_within(tt, toks[o])]
            cands = sorted((o_m.start, o_m.text) for o in longer for o_m in by_text[o])
            starts = [c[0] for c in cands]
            for m in group:
                i = bisect.bisect_left(starts, m.start)
                if i > 0:
                    m.canonical = _principal(cands[:i], m, by_text)
                elif cands:
                    m.canonical = cands[0][1]
                else:
                    m.canonical = m.text

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in [start, end)."""
        return self.mentions[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]

    def _resolve_names(self) -> None:
        self._link_short_forms()
        self._canonical_names()
        for m in self.mentions:
            name = m.canonical or m.text
            p = self.people.setdefault(name, Person(name))
            p.mentions.append(m)
            p.titles.update(m.titles)
            p.role_words.update(m.role_words)
            p.code = p.code or m.code
            p.gender = p.gender or m.gender
        for name, p in self.people.items():
            ka = _known_actor(name, p)
            if ka:
                p.code = p.code or ka.country
                p.gender = p.gender or ka.gender
                p.titles.update(ka.titles)

    def _canonical_names(self) -> None:
        """Follow chains (a middle form may point at a longer one), then prefer the dictionary's
        full name when the article gives only a shorter form."""
        known = actor_dictionary()
        ms = self.mentions
        for _ in range(2):
            by_text = {m.text: m.canonical for m in ms}
            for m in ms:
                m.canonical = by_text.get(m.canonical or m.text, m.canonical)
        spelled: dict[frozenset[str], str] = {}  # the article's own spelling of each name, first seen
        for m in ms:
            ka = known.get(gz.fold(m.text)) if m.source == "dict" else None
            # a dictionary name that opens with a title word is written so ("Sheikh Hasina")
            own = m.text if ka is not None and gz.fold(ka.name) == gz.fold(m.text) else strip_title(m.text)
            spelled.setdefault(name_tokens(m.text), own)
        for m in ms:
            canonical = m.canonical or m.text
            ka = known.get(gz.fold(canonical))
            if ka and (len(name_tokens(ka.name)) > len(name_tokens(canonical)) or m.source == "dict"
                       and name_tokens(ka.name) == name_tokens(canonical)):
                m.canonical = spelled.get(name_tokens(ka.name), ka.name)
            elif name_tokens(canonical) in spelled and looks_like_name(spelled[name_tokens(canonical)]):
                # one person however the article spells the same words ("S Jaishankar" and "S.
                # Jaishankar", "Kim Jong Un" and "Kim Jong-un"): its first spelling
                m.canonical = spelled[name_tokens(canonical)]

    def person(self, m: Mention) -> Person:
        return self.people[m.canonical or m.text]

    def at(self, start: int, end: int) -> Mention | None:
        for m in self.mentions:
            if m.start < end and start < m.end:
                return m
        return None

    def resolve_pronoun(self, pos: int, unit: int, pronoun: str, units_persons, depth: int = 0) -> Person | None:
        """The person "he"/"she" at `pos` stands for: the salient person of the nearest earlier
        unit that has one (subject first), honouring gender when known; a unit opening with
        the same pronoun as its subject, naming others only as objects ("He also met X"),
        hands on to whom that pronoun stands for."""
        want = _gender(pronoun)
        # same unit, before the pronoun
        same = [m for m in self.mentions if m.unit == unit and m.end <= pos and not m.in_quote]
        cands: list[list[Mention]] = []
        if same:
            cands.append(same)
        for u in range(unit - 1, max(-1, unit - 8), -1):
            ms = units_persons.get(u, [])
            ms = [m for m in ms if not m.in_quote]
            opening = self.pronoun_openings.get(u) if depth < 4 and not cands else None
            if opening is not None and _gender(opening[1]) == want and not any(m.is_subject for m in ms):
                return self.resolve_pronoun(opening[0], u, opening[1], units_persons, depth + 1)
            if ms:
                cands.append(ms)
        for ms in cands:
            ordered = sorted(ms, key=lambda m: (not m.is_subject, m.start))
            for m in ordered:
                p = self.person(m)
                if want and p.gender and p.gender != want or p.name in self.not_speaking:
                    continue
                return p
        return None

    def resolve_nominal(self, pos: int, noun: str, code: str | None, roles: tuple[str, ...] = ()) -> Person | None:
        """ "the minister", "the Kremlin official", "the defence chief": the person introduced with
        that portfolio (and country) wins over whoever was named last; else the latest person with
        that country, else with that title."""
        earlier = [m for m in self.mentions if m.end <= pos and not m.in_quote]
        phrase = " ".join([*roles, noun])  # "the crown prince": not the prince named last
        roles = tuple(r for r in (role_word(w) for w in roles) if r)
        if roles:
            for m in reversed(earlier):
                p = self.person(m)
                if (not code or p.code == code) and p.role_words & set(roles):
                    return p
        noun = SHORT_TITLES.get(noun, noun)
        if code:
            with_title = [m for m in reversed(earlier) if self.person(m).code == code]
            for m in with_title:
                if any(noun in t for t in self.person(m).titles):
                    return self.person(m)
            if with_title:
                return self.person(with_title[0])
            # no one of that country named: the holder of the title whose country the text did
            # not give ("Prime Minister Bill English … the New Zealand PM said"); with no one
            # named before, the lede's title of the one named next
            return next((self.person(m) for m in reversed(earlier) if self.person(m).code is None
                         and any(noun in t for t in self.person(m).titles)), None) if earlier \
                else self._named_after(pos, code, phrase)
        # the latest person with that title who was the subject of a clause ("Minister X met the
        # ambassador … before Prime Minister Y travels: '…,' the minister posted": X), else any;
        # "the minister" is rather not the prime minister
        titled = [m for m in reversed(earlier) if any(noun in t for t in self.person(m).titles)]
        titled = [m for m in titled if phrase in self.person(m).titles] or titled
        plain = [m for m in titled if f"prime {noun}" not in self.person(m).titles]
        for m in [*(m for m in plain if m.is_subject), *(m for m in titled if m.is_subject), *titled]:
            return self.person(m)
        return self.person(earlier[-1]) if earlier else None

    def _named_after(self, pos: int, code: str, phrase: str) -> Person | None:
        """ "The prime minister of Japan is set to begin a tour ... The government said X will
        begin his tour": a lede's title of a country, with no one named before it, is the first
        person of that country named in the next lines, if no other title of theirs is told."""
        m = next((m for m in self.mentions if pos < m.start < pos + _LEDE_REACH and not m.in_quote
                  and self.person(m).code == code), None)
        if m is None:
            return None
        p = self.person(m)
        return p if not p.titles or any(phrase in t for t in p.titles) else None


_LEDE_REACH = 600  # characters after a lede's title its holder is still named in


def dictionary_mentions(text: str, start: int, end: int, unit: int) -> list[Mention]:
    """Names from the actor dictionary in text[start:end] (multi-word aliases anywhere; one-word
    aliases only after a title, so "Austin" the city is not Lloyd Austin)."""
    out = []
    seg = text[start:end]
    for m in _dict_matches(seg):
        surface = m.group(1)
        if " " not in surface.strip():
            before = seg[max(0, m.start() - 25):m.start()]
            if not BEFORE_NAME_RE.search(before):
                continue
        out.append(Mention(start + m.start(1), start + m.end(1), surface, "person", unit, source="dict"))
    return out


@lru_cache(maxsize=1)
def _dict_forms() -> tuple[str, ...]:
    """The dictionary's names and aliases, longest first (the order the regexes try them)."""
    aliases = {ka.name for ka in actor_dictionary().values()} | set(_raw_aliases())
    return tuple(sorted(aliases, key=len, reverse=True))


@lru_cache(maxsize=1)
def _dict_regex() -> re.Pattern:
    forms = _dict_forms()
    if not forms:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")


@lru_cache(maxsize=1)
def _dict_regex_by_char() -> tuple[re.Pattern, dict[str, re.Pattern]]:
    """`_dict_regex` split by the names' first character (each part in the same order), and a
    regex for where a match can start: one of those characters after no word character."""
    by: dict[str, list[str]] = {}
    for f in _dict_forms():
        by.setdefault(f[0], []).append(re.escape(f))
    starts = re.compile(r"(?<![\w])[" + "".join(re.escape(c) for c in by) + "]")
    return starts, {c: re.compile(r"(?<![\w])(" + "|".join(v) + r")(?![\w])") for c, v in by.items()}


def _dict_matches(seg: str):
    """`_dict_regex().finditer(seg)`, the same matches, faster: that regex tries all its
    names (about a thousand) at every position; here a position is tried only where a name
    can start, and only with the names starting with the character there, in the same order."""
    if not _dict_forms():
        return
    starts, by_char = _dict_regex_by_char()
    pos = 0
    for c in starts.finditer(seg):
        p = c.start()
        if p < pos:
            continue
        m = by_char[seg[p]].match(seg, p)
        if m is not None:
            yield m
            pos = m.end()


@lru_cache(maxsize=1)
def _raw_aliases() -> tuple[str, ...]:
    return tuple(a for p in lexicon.load("actors")["people"] for a in [p["name"], *(p.get("aliases") or [])])


def _name_words(toks: list[str]) -> list[str]:
    """The words after a title up to the first that cannot be part of the name."""
    keep: list[str] = []
    for i, t in enumerate(toks):
        pronoun_surname = i == 0 and t in ("He", "Hu", "Li") and len(toks) > 1
        if (t in STOP_NAME_WORDS and not pronoun_surname) or (gz.lookup(t) is not None or t in HEADLINE_VERBS) and keep:
            break  # ("President Mohamud Meets His Kenyan Counterpart": a headline's verb ends the name)
        keep.append(t)
        if _ends_sentence(t):
            break  # "… Ambassador Larry E. André. We discussed …" in a quotation not cut into sentences
    return keep


def _title_name(keep: list[str]) -> str:
    """The name the words kept after a title spell (no possessive, title or trailing stop)."""
    return strip_title(_POSSESSIVE.sub("", " ".join(keep)).rstrip(",")).rstrip(".,") if keep else ""


_BODY_WORD_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(w.capitalize() for w in NOT_NAME_WORDS)) + r")\s+$")


# a title's portfolios joined by "and" ("Minister of Foreign Affairs and (European) Integration")
# and, after the "name" and a comma, a capitalised word: the "name" ends the title, the name follows
_AND_BEFORE = re.compile(r"\s(?:of|for)\s.*\s(?:and|&)\s+(?:[A-Z][a-z]+\s+)?$")
_COMMA_AFTER = re.compile(r"\s*,\s*[A-Z]")


_OFFICE_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _place_words(toks: list[str]) -> int | None:
    """How many of the words after "Ambassador to (the)" name the place before the name, if any."""
    k = next((k for k in (3, 2, 1) if k < len(toks) - 1 and (p := gz.lookup(" ".join(toks[:k]))) is not None
              and p.kind in ("country", "org", "region")), None)
    if k is None and len(toks) > 2 and _OFFICE_ACRONYM.fullmatch(toks[0]):
        return 1  # "Minister in the PMO X Y": an office by its initials, then the name
    return k


def _title_words_run_on(seg: str, m: re.Match[str]) -> bool:
    """Whether the "name" after a title is still words of the title or of a building."""
    if _BODY_WORD_BEFORE.search(seg, max(0, m.start() - 30), m.start()) and HONORIFIC_RE.match(m.group(0)):
        return True  # "Kompleks Seri Perdana", "Istana Seri …": a building named with a form of address
    # "Minister of Foreign Affairs and Regional Integration, A Y,": the second portfolio, then the name
    return bool(_AND_BEFORE.search(seg, m.start(), m.start(1)) and _COMMA_AFTER.match(seg, m.end(1)))


def title_mentions(text: str, start: int, end: int, unit: int) -> list[Mention]:
    out = []
    seg = text[start:end]
    for m in TITLE_NAME_RE.finditer(seg):
        name = m.group(1)
        if _title_words_run_on(seg, m):
            continue
        keep = _name_words(name.split())
        name = _title_name(keep)
        if name.endswith(" Jr") or name.endswith(" Sr"):
            name += "."
        org = ORGANISATION_RUN_RE.match(name)
        if org:  # "Chairman Pakistan Tehreek-e-Insaf Imran Khan": the party's chairman
            name = name[org.end():]
        if not name or not looks_like_name(name):
            continue
        if name.lower() in TITLE_WORDS or all(t.lower() in TITLE_WORDS for t in name.split()):
            continue
        s = start + m.start(1) + m.group(1).find(name)
        out.append(Mention(s, s + len(name), name, "person", unit, source="title"))
    for m in TITLE_FOR_PLACE_RE.finditer(seg):
        toks = m.group(1).split()
        k = _place_words(toks)
        if k is None:
            continue  # "Minister of Foreign Affairs Dr X": no place between title and name
        keep = []
        for t in toks[k:]:
            if t in STOP_NAME_WORDS or gz.lookup(t) is not None:
                break
            keep.append(t)
        name = _title_name(keep)
        if len(name.split()) < 2 or not looks_like_name(name):
            continue
        s = start + m.start(1) + m.group(1).find(name, len(" ".join(toks[:k])))
        out.append(Mention(s, s + len(name), name, "person", unit, source="title"))
    out.extend(_body_title_mentions(seg, start, unit))
    return out


def _body_title_mentions(seg: str, start: int, unit: int) -> list[Mention]:
    """The name after a body's title: "Speaker of the National Assembly of Gabon X Y" is X Y, the
    words after the last body word or place of the run."""
    out = []
    for m in TITLE_OF_BODY_RE.finditer(seg):
        toks = m.group(1).split()
        last = max((i for i, t in enumerate(toks) if t.lower() in NOT_NAME_WORDS or gz.lookup(t) is not None),
                   default=None)
        if last is None or not any(t.lower() in NOT_NAME_WORDS for t in toks[:last + 1]):
            continue  # no body: "Minister of the Interior X" is the title's own pattern
        keep = _name_words(toks[last + 1:])
        name = _title_name(keep)
        if len(name.split()) < 2 or not looks_like_name(name):
            continue
        s = start + m.start(1) + m.group(1).find(name, len(" ".join(toks[:last + 1])))
        out.append(Mention(s, s + len(name), name, "person", unit, source="title"))
    return out


_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that is no initial ("E.", "K.P.") and no abbreviation ("Jr.")."""
    return (word.endswith(".") and _INITIALS.fullmatch(word) is None
            and word.lower().rstrip(".") not in ABBREVIATIONS)


def appositive_mentions(text: str, start: int, end: int, unit: int) -> list[Mention]:
    """", NAME," right after a title phrase ("the Minister of Foreign Affairs of X, NAME,")."""
    out = []
    for m in APPOSITIVE_NAME_RE.finditer(text, start, end):
        before = text[max(start, m.start() - 90):m.start()].lower()
        if not any(w in TITLE_NOUNS for w in re.findall(r"[a-z\-]+", before)[-8:]):
            continue
        name = strip_title(m.group(1))
        if not looks_like_name(name):
            continue
        s = m.start(1) + m.group(1).find(name)
        out.append(Mention(s, s + len(name), name, "person", unit, source="title"))
    return out


def kin_mentions(text: str, start: int, end: int, unit: int) -> list[Mention]:
    """The name right after a kin word ("his wife Olena", "daughter Ivanka" after "his"), which
    the tagger may take for an organisation: a person, the company of the one named before."""
    out = []
    for m in vocabulary.KIN_NAME_RE.finditer(text, start, end):
        words = _name_words(m.group(1).split())
        name = " ".join(words).rstrip(".,")
        if not name or name.lower() in TITLE_WORDS or gz.lookup(name) is not None or not (
                looks_like_name(name) or len(words) == 1 and _given_name(name)):
            continue
        s = m.start(1)
        out.append(Mention(s, s + len(name), name, "person", unit, source="title"))
    return out


def gender_from_title(text: str, start: int) -> str | None:
    before = text[max(0, start - 14):start]
    if FEMALE_BEFORE_RE.search(before):
        return "f"
    if MALE_BEFORE_RE.search(before):
        return "m"
    return None

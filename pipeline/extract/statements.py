"""Statements: one per quotation with its speaker.

A quotation's speaker comes from its own sentence (the subject of the nearest speech verb
outside the marks, "according to X", "the agency quoted X as saying", an institution that
speaks, under the name the article gives it: `institutions`), from "he added" continuing the previous quotation's speaker, or, for a quotation
standing alone, from the sentence that introduces it ("X said:") or the last speaker.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.extract.actors import left_title_run
from pipeline.extract.consolidate import EventMention
from pipeline.extract.context import ArticleContext, Unit
from pipeline.extract.institutions import (
    Institution,
    by_acronym,
    by_head,
    find_institutions,
    institution_at,
    last_before,
    last_office,
    last_seat,
)
from pipeline.extract.quotes import Quote
from pipeline.extract.roles import PRONOUNS, ActorRef, actor_of_token, person_at, place_at, subtree_place_code
from pipeline.extract.vocabulary import (
    ATTRIBUTION_LEMMAS,
    BODY_NOUNS,
    FOREIGN_ATTRIBUTIONS,
    HOME_BODY_NOUNS,
    INSTITUTION_NOUNS,
    NAME_CUE_AFTER_RE,
    NAME_CUE_BEFORE_RE,
    NAME_GIVER_BEFORE_RE,
    NAMED_THING_AFTER_RE,
    OFFICE_ADJECTIVES,
    OPINION_FRAME_RE,
    SPEECH_FORMS,
    TITLE_NOUNS,
    VOICE_NOUNS,
)

_OPENING_SPEAKER = re.compile(r"^\s*((?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w'’\-]*|[Hh]e|[Ss]he)\s+([a-z]+)\b(\s+back\b)?")


class LastQuote(NamedTuple):
    """The previous quotation's speaker, its paragraph, and where its attribution ends."""

    speaker: ActorRef
    para: int
    end: int
    voiced: bool = False  # an institution speaking through a person ("an official told reporters")


def statements(ctx: ArticleContext) -> list[EventMention]:
    out: list[EventMention] = []
    last: LastQuote | None = None
    ctx.institutions = find_institutions(ctx.text)
    for q in ctx.prep.quotes:
        u = ctx.unit_at(q.start) or ctx.unit_at(q.start - 1)
        if u is None:
            continue
        if names_a_thing(ctx.text, q):
            continue
        if q.signed is not None:
            speaker, conf = signed_speaker(ctx, q), 0.8
        else:
            speaker, conf = quote_speaker(ctx, u, q, last)
            named = _named_only_inside(ctx, u, q, speaker)
            if named:
                # the speaker came from a pronoun or the last quotation, yet the quotation names
                # them ('"Thank you President Kenyatta," he said'): someone else speaks
                ctx.registry.not_speaking = named
                other, other_conf = quote_speaker(ctx, u, q, last)
                ctx.registry.not_speaking = frozenset()
                if other is not None:
                    speaker, conf = other, other_conf
        if speaker is None:
            continue
        end_unit = ctx.unit_at(q.end - 1) or u
        last = LastQuote(speaker, end_unit.para, end_unit.end, speaker.kind != "person" and _voiced_by_person(u))
        out.append(EventMention(
            "statement", [(speaker, "speaker")], u.index, (u.start, u.end), conf,
            speaker=speaker, quote=q.text, quote_span=(q.start, q.end)))
    return out


def _voiced_by_person(u: Unit) -> bool:
    """The sentence's speaking subject is a person's title ("a presidential official told")."""
    return u.doc is not None and any(t.dep_ in ("nsubj", "nsubjpass") and t.lemma_.lower() in TITLE_NOUNS
                                     and not _quoted(u, t) for t in u.doc)


def _named_only_inside(ctx: ArticleContext, u: Unit, q: Quote, speaker: ActorRef | None) -> frozenset[str]:
    """The speaker's name when the quotation names them and its own sentence, outside the
    marks, does not."""
    if speaker is None or speaker.kind != "person":
        return frozenset()
    reg = ctx.registry
    inside = [m for m in reg.between(q.start, q.end) if reg.person(m).name == speaker.name]
    end = ctx.unit_at(q.end - 1) or u
    outside = [m for m in reg.between(u.start, end.end) if not (q.start <= m.start < q.end)
               and reg.person(m).name == speaker.name]
    return frozenset({speaker.name}) if inside and not outside else frozenset()


# Words a Title-Cased name may hold in lower case ("Vision of the Future", "Bottom-Up and Green")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "with", "by", "de", "la",
                          "du", "des", "bin", "al", "el", "y", "&"})


_NICKNAME_AROUND = (re.compile(r"(?<![.!?]\s)\b[A-Z][a-z]+\s*$"), re.compile(r"^\s*[A-Z][a-z]+\b"))


def names_a_thing(text: str, q: Quote) -> bool:
    """Quotation marks around a name, a slogan or a title, not around words someone said:
    after a cue ('the so-called "peace formula"', 'known as "the Iron Lady"', 'chanted "…"'),
    or Title-Cased after a word that names ('dubbed "Operation X"', 'the "Nairobi
    Declaration"', 'Kenya's "Vision 2030"') or before a thing it names ('the "Africa
    Forward" conference'). A quotation that asks or exclaims is said."""
    words = q.text.strip(" ,.;:").split()
    if not words or len(words) > 12 or len(q.parts) > 1 or q.text.rstrip()[-1:] in "!?":
        return False
    before, after = text[max(0, q.start - 61):q.start - 1], text[q.end + 1:q.end + 41]
    if NAME_CUE_BEFORE_RE.search(before) or NAME_CUE_AFTER_RE.match(after):
        return True
    if len(words) <= 2 and _NICKNAME_AROUND[0].search(before) and _NICKNAME_AROUND[1].match(after) and all(
            w[:1].isupper() for w in words):
        return True  # a nickname inside a name: 'President Joko "Jokowi" Widodo'
    if len(words) == 1 and sum(c.isupper() for c in words[0][1:]) >= 2 and any(c.islower() for c in words[0]):
        return True  # an account's handle: 'on his account, "NZPMBillEnglish"'

    title_cased = len(words) <= 8 and words[0][:1].isupper() and all(
        w[:1].isupper() or not w[:1].isalpha() or w.lower() in _SMALL_WORDS for w in words)
    return title_cased and (NAME_GIVER_BEFORE_RE.search(before) is not None
                            or NAMED_THING_AFTER_RE.match(after) is not None)


def signed_speaker(ctx: ArticleContext, q: Quote) -> ActorRef | None:
    """The author an embedded post's signature line names: a person, or an institution; for a
    post that relays another's words ("Wickremesinghe: …"), the person or institution its
    lead-in names, else no one. A post telling what someone said ("Putin says Russia will …")
    is no statement of the account that posted it."""
    assert q.signed is not None
    s, e = q.signed
    mention = ctx.registry.at(s, e)
    if mention is not None:
        p = ctx.registry.person(mention)
        return ActorRef(p.name, "person", p.code, p)
    inst = institution_at(ctx.institutions, s, e)
    if inst is not None:
        return _institution_ref(inst, ctx)
    if q.relayed or _reports_another(ctx, q):
        return None
    name = ctx.text[s:e].strip()
    return ActorRef(name, "person", None) if name else None


def _reports_another(ctx: ArticleContext, q: Quote) -> bool:
    """The post opens with a person and a speech verb: "Putin says Russia will respond"."""
    for m in ctx.registry.between(q.start, q.start + 60):
        if ctx.text[q.start:m.start].strip(" -—–•|:") and not re.fullmatch(
                r"[A-Z\s:!|•—–-]+", ctx.text[q.start:m.start]):
            return False  # something other than a 'BREAKING:' tag before the name
        w = re.match(r"\s+([a-z]+)\b", ctx.text[m.end:m.end + 20])
        return w is not None and w.group(1) in SPEECH_FORMS
    return False


def quote_speaker(ctx: ArticleContext, u: Unit, q: Quote, last: LastQuote | None) -> tuple[ActorRef | None, float]:
    speaker, conf = speaker_in_sentence(ctx, u, q, last)
    if speaker is None and len(q.parts) > 1:
        ue = ctx.unit_at(q.end - 1)
        if ue is not None and ue is not u:
            speaker, conf = speaker_in_sentence(ctx, ue, q, last)
    if speaker is None and is_bare_quote(u):
        after = ctx.units[u.index + 1] if u.index + 1 < len(ctx.units) else None
        if after is not None and after.para == u.para:
            # '"…!" \ Garcetti wrote': the sentence cut after the closing mark names the speaker
            found = attribution_opening(ctx, after, last)
            if found is not None:
                return found, 0.75
        # a quotation standing alone continues the speaker introduced before it: the frame just
        # before ("He said:"), else whoever spoke last, quoted or reported, up to two paragraphs up
        before = ctx.units[u.index - 1] if u.index > 0 else None
        frame = None
        if before is not None and u.para - before.para <= 1 and not is_bare_quote(before):
            frame = frame_speaker(ctx, before, last)
        if frame is not None:
            return frame, 0.7
        reported = reported_speaker(ctx, u, last)
        if reported is not None:
            return reported, 0.6
        if last is not None and u.para - last.para <= 2 and last.speaker.name not in ctx.registry.not_speaking:
            return last.speaker, 0.6
    return speaker, conf


def attribution_opening(ctx: ArticleContext, unit: Unit, last: LastQuote | None) -> ActorRef | None:
    """The speaker of a sentence that opens with a name (or "he") and a speech verb."""
    m = _OPENING_SPEAKER.match(unit.masked)
    if m is None or not (m.group(2).lower() in SPEECH_FORMS or m.group(3)):
        return None  # a speech verb, or any verb "back" ("shot back", "hit back")
    who = m.group(1)
    if who.lower() in ("he", "she"):
        if last is not None and last.speaker.kind == "person" and unit.para - last.para <= 1 \
                and last.speaker.name not in ctx.registry.not_speaking:
            return last.speaker
        return None
    mention = ctx.registry.at(unit.start + m.start(1), unit.start + m.end(1))
    if mention is None or mention.in_quote:
        return None
    p = ctx.registry.person(mention)
    return ActorRef(p.name, "person", p.code, p)


def reported_speaker(ctx: ArticleContext, u: Unit, last: LastQuote | None) -> ActorRef | None:
    """The person who last spoke in reported speech ("Tinubu said the pact would…") in the
    two paragraphs before a quotation standing alone, if no quotation came after them."""
    for b in range(u.index - 1, -1, -1):
        before = ctx.units[b]
        if u.para - before.para > 2 or (last is not None and before.end <= last.end):
            break
        if is_bare_quote(before):
            continue
        found = frame_speaker(ctx, before, last) if before.doc is not None else _name_then_speech_verb(ctx, before)
        if found is not None and found.kind == "person":
            return found
    return None


def _name_then_speech_verb(ctx: ArticleContext, unit: Unit) -> ActorRef | None:
    """A sentence left unparsed: the last person named right before a speech verb."""
    for m in reversed(unit.persons):
        w = re.match(r"\s+([a-z]+)\b", ctx.text[m.end:m.end + 20])
        if not m.in_quote and w is not None and w.group(1) in SPEECH_FORMS:
            p = ctx.registry.person(m)
            return ActorRef(p.name, "person", p.code, p)
    return None


def is_bare_quote(unit: Unit) -> bool:
    """The unit is nothing but quotation (plus punctuation)."""
    return not re.search(r"[A-Za-z]", unit.masked)


def _quoted(unit: Unit, tok) -> bool:
    return unit.masked[tok.idx:tok.idx + 1] == " " and not tok.is_space


_NEXT_CLAUSE = re.compile(r"[\s,\"”’']*(?:and|but|while|whereupon)\s+(?!(?:he|she|they)\b)")


def _attribution_verb(unit: Unit, qs: int, qe: int):
    """The speech verb outside the marks nearest the quotation, or "according"."""
    best = None
    for tok in unit.doc:
        if _quoted(unit, tok):
            continue
        if tok.lemma_.lower() in ATTRIBUTION_LEMMAS and (tok.pos_ in ("VERB", "AUX") or _read_as_noun(tok)):
            if tok.idx >= qe and _NEXT_CLAUSE.match(unit.text, qe, tok.idx):
                continue  # '… with "Kem cho," and Modi answered, "…"': the next clause's verb
            dist = qs - tok.idx if tok.idx < qs else tok.idx - qe
            if best is None or abs(dist) < best[0]:
                best = (abs(dist), tok)
        if tok.lower_ == "according" and best is None:
            best = (abs(tok.idx - qe), tok)
    return best[1] if best else None


def _read_as_noun(tok) -> bool:
    """ '"…," the embassy's post read': the tagger takes the closing "read" for a noun."""
    return tok.lemma_.lower() == "read" and tok.pos_ == "NOUN" and all(t.is_punct for t in tok.doc[tok.i + 1:])


def _verb_subjects(v) -> list:
    subs = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs and _read_as_noun(v):
        subs = [t for t in v.doc[max(0, v.i - 3):v.i] if t.pos_ in ("NOUN", "PROPN", "PRON")][-1:]
    if v.lemma_.lower() == "quote" and (v.tag_ != "VBN" or not subs):
        # "the agency quoted Sisi as saying": the quoted person speaks, not the agency
        objs = [c for c in v.children if c.dep_ == "dobj"]
        if objs:
            subs = objs
    if not subs:
        for a in list(v.ancestors)[:3]:
            if a.lemma_.lower() == "quote":  # "quoted X as saying", "X was quoted as describing"
                subs = [c for c in a.children if c.dep_ == "dobj"] or [
                    c for c in a.children if c.dep_ in ("nsubjpass", "nsubj")]
                break
    if not subs and v.dep_ in ("conj", "xcomp", "advcl") and v.head.i != v.i:
        subs = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    # two subjects when the parse hangs the sentence's opening name on the verb after the
    # quotation ('Kim, who invited him, "…," the Kremlin said'): the one next to the verb speaks
    return sorted(subs, key=lambda c: abs(c.i - v.i))


def speaker_in_sentence(ctx: ArticleContext, unit: Unit, quote: Quote,
                        last: LastQuote | None = None) -> tuple[ActorRef | None, float]:
    """Speaker of a quotation from its own sentence: the subject of the nearest speech verb
    outside the quotation marks, "according to X", or the nearest name. `last` is the
    previous quotation's speaker, which "he added" may continue."""
    if unit.doc is None:
        return None, 0.0
    foreign = foreign_attribution(ctx, unit, quote, last)
    if foreign is not None:
        return foreign, 0.75
    v = _attribution_verb(unit, quote.start - unit.start, quote.end - unit.start)
    if v is None:
        lead = colon_speaker(ctx, unit.start, quote.start) or _opinion_frame(ctx, unit, quote, last)
        if lead is not None:
            return lead, 0.75
        return _subject_after_quote(ctx, unit, quote), 0.6
    v = _relayed_speech(unit, v, quote.start - unit.start, quote.end - unit.start) or v
    for attempt in (_according_to, _verb_speaker, _speaker_near_verb):
        found = attempt(ctx, unit, v, last, quote)
        if found[0] is not None:
            return found
    return _nearest_name(ctx, unit, quote)


def _opinion_frame(ctx: ArticleContext, unit: Unit, quote: Quote, last: LastQuote | None) -> ActorRef | None:
    """'In his opinion, "…"': the person quoted just before, when the pronoun's gender fits."""
    m = OPINION_FRAME_RE.search(ctx.text, unit.start, quote.start - 1)
    if m is None or last is None or last.speaker.kind != "person" or unit.para - last.para > 1:
        return None
    want = "m" if m.group(1).lower() == "his" else "f"
    person = last.speaker.person
    return None if person is not None and person.gender and person.gender != want else last.speaker


def _relayed_speech(unit: Unit, v, qs: int, qe: int):
    """ 'Kim said relations had "entered a new stage," the report said': the report relays the
    words of the person whose speech verb (in the report's clause) holds the quotation."""
    if any(c.dep_ == "nsubj" and person_at(unit, c) is not None for c in v.children):
        return None
    for w in v.subtree:
        if w.i == v.i or w.lemma_.lower() not in ATTRIBUTION_LEMMAS or w.pos_ not in ("VERB", "AUX") or _quoted(unit, w):
            continue
        if any(qs <= t.idx < qe for t in w.subtree) and any(
                c.dep_ == "nsubj" and person_at(unit, c) is not None for c in w.children):
            return w
    return None


def _according_to(ctx: ArticleContext, unit: Unit, v, last: LastQuote | None, _quote: Quote) -> tuple[ActorRef | None, float]:
    if v.lower_ == "according":
        for t in v.subtree:
            if t.dep_ == "pobj":
                if t.lemma_.lower() in VOICE_NOUNS:  # "according to a statement from the presidency"
                    inst = institution_speaker(ctx, unit, t, last)
                    if inst is not None:
                        return inst, 0.8
                r = actor_of_token(unit, t, ctx.registry, ctx.units_persons)
                if r:
                    return r[0], 0.85
    return None, 0.0


def _verb_speaker(ctx: ArticleContext, unit: Unit, v, last: LastQuote | None, quote: Quote) -> tuple[ActorRef | None, float]:
    """The speech verb's subject, or the title noun of an inverted attribution."""
    for s in _verb_subjects(v):
        if unit.masked[s.idx:s.idx + 1] == " ":
            continue
        found = _subject_speaker(ctx, unit, v, s, last)
        if found[0] is not None:
            return found
    if v.idx > quote.end - unit.start and v.lower_ != "according":
        r = _inverted_attribution(ctx, unit, v)
        if r is not None:
            return r, 0.8
    return None, 0.0


def _nearest_name(ctx: ArticleContext, unit: Unit, quote: Quote) -> tuple[ActorRef | None, float]:
    """No subject: a name right after the quote ('"...," Stoltenberg continued' misparsed)."""
    outside = [m for m in unit.persons if not m.in_quote]
    if outside:
        m = min(outside, key=lambda m: min(abs(m.start - quote.end), abs(quote.start - m.end)))
        p = ctx.registry.person(m)
        return ActorRef(p.name, "person", p.code, p), 0.6
    return None, 0.0


def foreign_attribution(ctx: ArticleContext, unit: Unit, quote: Quote, last: LastQuote | None) -> ActorRef | None:
    """Code-switching copy attributing in its other language right after the quotation:
    '"…," sabi ni Marcos', '"…," Modi ne kaha' (the named person); '"…," aniya', '"…,"
    unhone kaha' (he/she said: the previous quotation's speaker, else the sentence before's)."""
    after = unit.masked[quote.end - unit.start:]
    m = next((m for rx in FOREIGN_ATTRIBUTIONS if (m := rx.match(after))), None)
    if m is None:
        return None
    if "name" in m.groupdict():
        mention = ctx.registry.at(quote.end + m.start("name"), quote.end + m.end("name"))
        if mention is not None and not mention.in_quote:
            p = ctx.registry.person(mention)
            return ActorRef(p.name, "person", p.code, p)
    if last is not None and last.speaker.kind == "person" and unit.para - last.para <= 2:
        return last.speaker
    before = ctx.units[unit.index - 1] if unit.index > 0 else None
    return frame_speaker(ctx, before, last) if before is not None and unit.para - before.para <= 1 else None


_COLON_LEAD = re.compile(r"^[\s\-—–•|]*(?:[A-Z][\w.'’\-]*\s+){0,5}[A-Z][\w.'’\-]*\s*:\s*[\"“]?\s*$")


def colon_speaker(ctx: ArticleContext, start: int, quote_start: int) -> ActorRef | None:
    """ 'Wickremesinghe: "India has always stood by us."' — a post's or a headline's lead-in: a
    name (with its title) and a colon, then the quotation, is the named person or institution
    speaking; an unknown lead-in ('BREAKING:', 'WATCH:') names no one."""
    lead = ctx.text[start:quote_start]
    if len(lead) > 80 or not _COLON_LEAD.match(lead):
        return None
    colon = start + lead.rindex(":")
    mention = next((m for m in ctx.registry.between(start, colon) if not m.in_quote
                    and not ctx.text[m.end:colon].strip()), None)
    if mention is not None:
        p = ctx.registry.person(mention)
        return ActorRef(p.name, "person", p.code, p)
    inst = institution_at(ctx.institutions, colon - 1, colon)
    return _institution_ref(inst, ctx) if inst is not None and not ctx.text[inst.end:colon].strip() else None


def _subject_after_quote(ctx: ArticleContext, unit: Unit, quote: Quote) -> ActorRef | None:
    """ '"Who taught you?" Lavrov shot back': a quotation opening its sentence, then the subject
    of whatever verb follows, with no speech verb at all."""
    if unit.text[:quote.start - unit.start].strip(" \"“‘'") != "":
        return None
    for m in unit.persons:
        gap = ctx.text[quote.end:m.start]
        if not m.in_quote and m.is_subject and m.start >= quote.end and re.fullmatch(r"[\s\"”’',.?!—–-]*", gap):
            p = ctx.registry.person(m)
            return ActorRef(p.name, "person", p.code, p)
    return None


def _subject_speaker(ctx: ArticleContext, unit: Unit, v, s, last: LastQuote | None) -> tuple[ActorRef | None, float]:
    reg, up = ctx.registry, ctx.units_persons
    cont = continued_speaker(ctx, unit, s, last) or _person_in_apposition(ctx, unit, s)
    if cont is not None:
        return cont, 0.85
    inst = institution_speaker(ctx, unit, s, last)
    if inst is not None:
        return inst, 0.8
    r = actor_of_token(unit, s, reg, up)
    if r and r[0].kind != "person" and place_at(unit, s) is not None:
        # "X said Baku was ready, calling it '...'": a place is a speaker only when no
        # person speaks in the sentence's speech frame above it
        above = _person_speaker_above(ctx, unit, v)
        if above is not None:
            return above, 0.8
    if r:
        return r[0], 0.9 if r[0].kind == "person" and s.lower_ not in PRONOUNS else 0.8
    org = organisation_speaker(unit, s)
    if org is not None:
        return org, 0.8
    return None, 0.0


def _person_in_apposition(ctx: ArticleContext, unit: Unit, s) -> ActorRef | None:
    """ "The Spokesman of the Ministry, Mr. Peter Oluoch, said": the person, not the ministry."""
    for c in s.children:
        if c.dep_ == "appos" and person_at(unit, c) is not None and unit.masked[c.idx:c.idx + 1] != " ":
            r = actor_of_token(unit, c, ctx.registry, ctx.units_persons)
            if r and r[0].kind == "person":
                return r[0]
    return None


def _inverted_attribution(ctx: ArticleContext, unit: Unit, v) -> ActorRef | None:
    """'"...," expressed the chancellor': inverted attribution parsed as an object."""
    for c in v.children:
        if c.dep_ in ("dobj", "attr", "npadvmod") and c.i == v.i + 1 + sum(
                1 for d in c.children if d.i < c.i) and c.lemma_.lower() in TITLE_NOUNS:
            r = actor_of_token(unit, c, ctx.registry, ctx.units_persons)
            if r:
                return r[0]
    return None


def _speaker_near_verb(ctx: ArticleContext, unit: Unit, v, last: LastQuote | None,
                       _quote: Quote | None = None) -> tuple[ActorRef | None, float]:
    """The parse missed the subject: a name or pronoun next to the verb."""
    doc = unit.doc
    window = [t for t in doc[max(0, v.i - 4):v.i + 5] if t.i != v.i]
    for t in sorted(window, key=lambda t: abs(t.i - v.i)):
        if unit.masked[t.idx:t.idx + 1] == " ":
            continue
        if person_at(unit, t) or t.lower_ in ("he", "she"):
            cont = continued_speaker(ctx, unit, t, last)
            if cont is not None:
                return cont, 0.75
            r = actor_of_token(unit, t, ctx.registry, ctx.units_persons)
            if r:
                return r[0], 0.75
    return None, 0.0


def continued_speaker(ctx: ArticleContext, unit: Unit, tok, last: LastQuote | None) -> ActorRef | None:
    """ '"...," he added' after another quotation: the previous quotation's speaker, when the
    text goes on in the same or the next paragraph, the pronoun's gender fits, and no other
    person has become the subject of a sentence in between."""
    if last is None or tok.lower_ not in ("he", "she"):
        return None
    ref = last.speaker
    if ref.kind != "person" and not last.voiced or unit.para - last.para > 2 or ref.name in ctx.registry.not_speaking:
        return None  # '"…," an official said … "…," he added': the official's institution again
    want = "m" if tok.lower_ == "he" else "f"
    if ref.person is not None and ref.person.gender and ref.person.gender != want:
        return None
    pos = unit.start + tok.idx
    for m in ctx.registry.between(last.end, pos):
        if not m.in_quote and m.is_subject and ctx.registry.person(m) is not ref.person:
            return None
    return ref


def _person_speaker_above(ctx: ArticleContext, unit: Unit, v) -> ActorRef | None:
    """The person subject of a speech verb governing `v`."""
    for a in list(v.ancestors)[:4]:
        if a.lemma_.lower() in ATTRIBUTION_LEMMAS and a.pos_ in ("VERB", "AUX"):
            for c in a.children:
                if c.dep_ in ("nsubj", "nsubjpass") and unit.masked[c.idx:c.idx + 1] != " ":
                    r = actor_of_token(unit, c, ctx.registry, ctx.units_persons)
                    if r and r[0].kind == "person":
                        return r[0]
    return None


def institution_speaker(ctx: ArticleContext, unit: Unit, tok, last: LastQuote | None) -> ActorRef | None:
    """An institution speaking: one the article names at the subject ("the Kremlin", "KCNA",
    "the Belarusian Foreign Ministry"), or named before and referred to again ("the ministry",
    "the MEA", "the statement", "it")."""
    if person_at(unit, tok) is not None:
        return None
    insts, pos = ctx.institutions, unit.start + tok.idx
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ in ("compound", "amod", "poss", "nmod") or t.i == tok.i]
    start = unit.start + min(t.idx for t in words)
    inst = institution_at(insts, start, pos + len(tok.text))
    low = tok.lemma_.lower()
    if inst is None and tok.text.isupper() and 2 <= len(tok.text) <= 6:
        inst = by_acronym(insts, tok.text, pos)
    if inst is None and low in BODY_NOUNS and len(words) == 1:
        inst = by_head(insts, low, pos)
    if inst is None and low in TITLE_NOUNS and any(c.dep_ == "amod" and c.lower_ in OFFICE_ADJECTIVES for c in tok.children):
        inst = last_office(insts, pos)  # "a presidential official told reporters"
    if inst is None and low == "palace" and len(words) == 1:
        inst = last_seat(insts, pos)  # "Malacañang … the Palace said"
    if inst is None and low in VOICE_NOUNS and (len(words) > 1 or any(c.dep_ in ("prep", "acl") for c in tok.children)):
        inst = _voice_of(ctx, unit, tok, pos)
    if inst is None and (low in VOICE_NOUNS and len(words) == 1 or low == "it"):
        # the institution that spoke last, unless another was named since; "it" only in this or
        # the previous paragraph, "the statement" anywhere before
        floor = next((u.start for u in ctx.units if u.para >= unit.para - 1), 0) if low == "it" else 0
        named = last_before(insts, pos, floor)
        spoke = last is not None and last.speaker.kind != "person" and (low != "it" or unit.para - last.para <= 1)
        if last is not None and spoke and (named is None or named.start < last.end):
            return last.speaker
        inst = named
        if inst is None and low in VOICE_NOUNS:
            return _issuer(ctx, unit, low)
    if inst is not None and low in TITLE_NOUNS and low not in BODY_NOUNS:
        introduced = _introduced_with(ctx, inst, pos)
        if introduced is not None:
            return introduced
    return _institution_ref(inst, ctx) if inst is not None else None


def _issuer(ctx: ArticleContext, unit: Unit, noun: str) -> ActorRef | None:
    """ "In a statement, President Ruto said …" then '"…," the statement read': with no
    institution named, the person who spoke in that statement a few sentences before."""
    word = re.compile(rf"\b{noun}s?\b", re.I)
    for b in range(unit.index - 1, max(-1, unit.index - 4), -1):
        before = ctx.units[b]
        if unit.para - before.para > 2:
            break
        if word.search(before.masked):
            found = frame_speaker(ctx, before) if before.doc is not None else _name_then_speech_verb(ctx, before)
            return found if found is not None and found.kind == "person" else None
    return None


def _introduced_with(ctx: ArticleContext, inst: Institution, pos: int) -> ActorRef | None:
    """ "the Kremlin official replied" after "Kremlin Spokesman Dmitry Peskov": the person the
    article introduced with that institution in their title, the latest before `pos`."""
    key = inst.name.lower()
    for m in reversed([m for m in ctx.registry.mentions if m.end <= pos and not m.in_quote]):
        run = " ".join(left_title_run(ctx.text, m.start)).lower()
        if key in run:
            p = ctx.registry.person(m)
            return ActorRef(p.name, "person", p.code, p)
    return None


def _voice_of(ctx: ArticleContext, unit: Unit, tok, pos: int) -> Institution | None:
    """The institution a voice speaks for when the voice names it: "a ministry spokesperson",
    "a spokesman for the Foreign Ministry" ("KCNA quoted a spokesperson for the ministry": the
    ministry speaks, not the agency quoting it)."""
    if tok.lemma_.lower() not in VOICE_NOUNS:
        return None
    owners = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < tok.i]
    owners += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "from", "by")
               for g in c.children if g.dep_ == "pobj"]
    # "a statement issued by the US Embassy": the body that issued it
    owners += [g for a in tok.children if a.dep_ == "acl" for c in a.children
               if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    for o in owners:
        s, e = unit.span(o)
        inst = institution_at(ctx.institutions, s, e)
        if inst is None and o.lemma_.lower() in BODY_NOUNS:
            inst = by_head(ctx.institutions, o.lemma_.lower(), pos)
        if inst is None and o.text.isupper() and 2 <= len(o.text) <= 6:
            inst = by_acronym(ctx.institutions, o.text, pos)
        if inst is not None:
            return inst
    return None


def _institution_ref(inst: Institution, ctx: ArticleContext | None = None) -> ActorRef:
    code = inst.code
    if code is None and ctx is not None and inst.head in HOME_BODY_NOUNS and ctx.prep.dateline is not None:
        # "the Ministry of Foreign Affairs said" under an Addis Ababa dateline: a state's own
        # body named without its state speaks for the state the report is filed from
        code = ctx.prep.dateline.code
    return ActorRef(inst.name, "organisation", code)


def organisation_speaker(unit: Unit, tok) -> ActorRef | None:
    """ "India's External Affairs Ministry said": the institution, with its country."""
    if tok.lemma_.lower() not in INSTITUTION_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    words = [t for t in tok.subtree if t.dep_ not in ("det", "punct", "relcl", "acl") and t.i <= tok.i
             and not any(a.dep_ in ("relcl", "acl", "prep") and a.i != tok.i for a in t.ancestors
                         if a.i > tok.i - 20 and tok.is_ancestor(a))]
    name = " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s")
    if not name or name.lower() in VOICE_NOUNS:
        return None  # "the statement read" names no one
    return ActorRef(name, "organisation", subtree_place_code(unit, tok))


def _frame_subjects(v) -> list:
    """The subjects of a speech verb; a participle's are its clause's ("Lind echoed her remarks,
    saying …": Lind says)."""
    subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp", "conj") and v.head.i != v.i:
        subjects = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects


def frame_speaker(ctx: ArticleContext, unit: Unit, last: LastQuote | None = None) -> ActorRef | None:
    """The subject of a speech verb in a sentence that introduces a quotation ("Sandu said:");
    "he said" continues the previous quotation's speaker."""
    if unit.doc is None:
        return None
    for tok in unit.doc:
        if _quoted(unit, tok):
            continue
        if tok.lemma_.lower() in ATTRIBUTION_LEMMAS and tok.pos_ in ("VERB", "AUX"):
            for c in _frame_subjects(tok):
                cont = continued_speaker(ctx, unit, c, last)
                if cont is not None:
                    return cont
                r = actor_of_token(unit, c, ctx.registry, ctx.units_persons)
                if r:
                    return r[0]
    return None

"""Action items from the prose of minutes and agendas: who does what, by when.

Danish minutes state follow-ups as a subject followed by a verb of commitment in the present or
future ("Sekretariatet udsender …", "Gunna er tovholder", "Kommunerne vil have fokus på …"), as an
agreement ("Det blev aftalt, at X …", "X aftalte at …"), as a passive with its agent ("… varetages
af Regionshospitalet Randers"), or as a list of tasks put to someone ("X bedes tage stilling til
følgende: 1. … Deadline 1. juni 2021"). Reports of what happened (past tense) are not actions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from klynge.extract.dates import find_due
from klynge.extract.owners import resolve_person
from klynge.extract.sentences import sentences
from klynge.model import Action, DueDate, Item, Participant, SectionKind

_COMMIT_VERBS = (
    "varetager|sørger for|følger op|udsender|sender|vender tilbage|melder|indmelder|bringer|undersøger|"
    "arbejder videre|laver|udarbejder|planlægger|indkalder|inviterer|drøfter|mødes|kontakter|sikrer|"
    "går tilbage|deltager i arbejdet|fremsender|afholder|koordinerer|samler op|indsamler|kigger på|afklarer|"
    "retter|opdaterer|videreformidler|formidler|informerer|gennemfører|gentager|evaluerer|forelægger|booker|"
    "finder|udpeger|udvælger|tilretter|færdiggør|genoptager|skriver|uddyber|reviderer|rundsender|indhenter|"
    "afdækker|iværksætter|ændrer|justerer|tilpasser|har ansvaret|har ansvar|er ansvarlig|er ansvarlige|"
    "er tovholder|bliver tovholder|tager kontakt|tager initiativ|tager fat|følger|arbejder på|orienterer|"
    "præsenterer|fremlægger|giver|ønsker at"
)
_MODAL = (
    r"(?:vil(?:\s+gerne)?|skal|kan)\s+(?:(?:i\s+den\s+forbindelse|derfor|også|gerne|fremover|hver især)\s+)?"
)
_SUBJECT = (
    r"(?P<owner>(?:[A-ZÆØÅ][\w\-]*|de|alle|medlemmer|medlemmerne|formandskabet|sekretariatet|gruppen|"
    r"temagruppen|arbejdsgruppen|klynge-\w+|almen)"
    r"(?:\s+(?:og|af|for|i|fra|ved|på|med|&)?\s*[\w\-().]+){0,6}?)"
)
_ACTIVE = re.compile(
    rf"^(?:(?:herefter|derefter|fremadrettet|desuden|derudover|endvidere|samtidig|efterfølgende|nu|så)\s*,?\s+)?"
    rf"{_SUBJECT}\s+(?P<verb>(?:{_MODAL})?(?:{_COMMIT_VERBS})\b.*)$",
)
_MODAL_ANY = re.compile(
    rf"^{_SUBJECT}\s+(?P<verb>(?:vil|skal)(?:\s+gerne)?\s+(?!være\b|blive\b|kunne\b)[a-zæøå]+\b.*)$"
)
_AGREED = re.compile(
    r"^(?:(?:på\s+den\s+baggrund|derfor|herefter|samtidig|desuden)\s+(?:blev|er)\s+det\s+(?:aftalt|besluttet)|"
    r"det\s+(?:blev|er)\s+(?:desuden\s+|også\s+|endvidere\s+)?(?:aftalt|besluttet)|det\s+aftales|det\s+besluttes|der\s+var\s+enighed\s+om),?\s+at\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_AGREED_SUBJECT = re.compile(
    rf"^{_SUBJECT}\s+(?:aftalte|besluttede|anbefalede|har\s+(?:derfor\s+|også\s+)?aftalt|vil|skal)\b,?(?:\s+derfor)?(?:\s+\w+){{0,3}}?\s+at\s+(?P<rest>.+)$"
)
# Cheap literal checks before the patterns that try every subject length (speed only).
_HAS_AT = re.compile(r"\sat\s")
_HAS_MODAL = re.compile(r"\b(?:vil|skal)\s")
_HAS_COMMIT_VERB = re.compile(rf"\s(?:vil|skal|kan|{_COMMIT_VERBS})\b")
"""_ACTIVE's verb (or the modal before it) after a space: without it _ACTIVE cannot match."""
_AGENT = re.compile(
    r"\b(?P<verb>\w+(?:es|s))\s+af\s+(?P<owner>[A-ZÆØÅ][\w\-]*(?:\s+[A-ZÆØÅa-zæøå][\w\-]*){0,3}?)(?:[.,;]|\s+(?:i|og|med|fra|til)\b|$)"
)
_ASKED = re.compile(
    rf"^{_SUBJECT}\s+(?:bedes|anmodes om at)\s+(?:tage stilling til|om at|at)?\s*(?P<rest>.*)$"
)
_TOVHOLDER = re.compile(rf"^{_SUBJECT}\s+(?:er|bliver)\s+tovholder\b(?P<rest>.*)$")
_NEXT_MEETING_IN = re.compile(
    r"(?P<task>.+?)\s+drøftes\s+(?:igen\s+)?på\s+(?:det\s+)?næste\s+møde\s+i\s+(?P<owner>[\w\-]+(?:\s+(?:for|i)\s+[\w\-]+)?(?:\s+\([^)]*\))?)",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:forslag til opfølgning|opfølgning|aftale|aftaler|handling|opgave|næste skridt)\s*:\s*(?:at\s+)?",
    re.IGNORECASE,
)
_PRESENTING = re.compile(r"^(?:giver|orienterer|præsenterer|fremlægger|holder oplæg)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:næste|kommende|senere|snarest|efterfølgende|fremover)\b", re.IGNORECASE)
_INVERTED = re.compile(
    rf"^(?P<adv>(?:forud for|inden|efter|på|i|til|som|derfor|herefter|derefter|desuden|fremover|med)\b[^,]{{0,80}}?),?\s+"
    rf"(?P<verb>(?:{_MODAL})?(?:{_COMMIT_VERBS}))\s+(?P<owner>(?:formandskabet|sekretariatet|gruppen|kommunerne|[A-ZÆØÅ][\w\-]*|de\s+\w+|alle\s+\w+)(?:\s+(?:for|i|og)\s+[\w\-]+)?)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_PASSIVE_VERBS = (
    "varetages|understøttes|koordineres|følges op|udarbejdes|planlægges|afholdes|indkaldes|løses|udføres|"
    "gennemføres|sikres|forankres|placeres|drøftes"
)
_PASSIVE_AGENT = re.compile(
    rf"\b(?:{_PASSIVE_VERBS})\b"
    r"(?P<mid>.{0,90}?)\b(?:af|via|hos)\s+"
    r"(?P<owner>(?:de\s+enkelte\s+\w+|[A-ZÆØÅa-zæøå][\w\-]*(?:s)?(?:\s+\d+)?(?:\s+[\w\-]+){0,3}?))(?=[.,;]|\s+(?:mhp|med|i|og|til|senest)\b|$)",
    re.IGNORECASE,
)
_PASSIVE_WORDS = tuple(_PASSIVE_VERBS.split("|"))
assert all("es" in word for word in _PASSIVE_WORDS)
_CASE_ODD = ("\u0130", "\u0131", "\u017f")
"""The only characters that IGNORECASE matches to a Latin letter without lower() giving that letter."""
_PAST = re.compile(r"^(?:\w+(?:ede|te|de)|var|blev|havde|gav|tog|fik|så|kom|gik|fandt|bad)\b", re.IGNORECASE)
_NOT_OWNER = re.compile(
    r"^(?:de$|det|der|den|dette|disse|han|hun|man|vi|som|hvis|når|hvor|hvordan|hvad|hvem|hvilke|udover|"
    r"dels|fra|forud|inden|da|fordi|selvom|hvorfor|også|eksempelvis|herudover|derudover|desuden|nu|konkret|"
    r"resten|således|dermed|samtidig|endvidere|hermed|derfor|ligeledes|først|senere|hvorefter|"
    r"potentialer\w*|hospitalsapotek\w*|"
    r"her|herunder|bl\.a\.|fx|ift|i|på|til|for|med|af|om|efter|ved|og|men|også|projektet|punktet|"
    r"sagen|arbejdet|mødet|oplægget|materialet|dagsorden\w*|referatet|indstillingen|erfaringerne|"
    r"borgere\w*|patient\w*|tilbuddet|formålet|målet|ønsket|status|der er|næste|alle parter)\b",
    re.IGNORECASE,
)
_DELIBERATE = re.compile(
    r"\b(?:bedes|anmodes\s+om\s+at)\s+(?:tage\s+stilling|drøfte|kvalificere|godkende|tage\s+\w+\s+til\s+efterretning|beslutte|"
    r"komme\s+med\s+(?:input|bemærkninger)|give\s+input)\b",
    re.IGNORECASE,
)
_HABITUAL = re.compile(
    r"\b(?:hvert\s+år|hver\s+måned|årligt|månedligt|ugentligt|gange\s+om\s+året|som\s+regel|typisk)\b",
    re.IGNORECASE,
)
_WISH = re.compile(
    r"^vil\s+gerne\s+(?:have|vente|afvente|se)\b|^(?:vil|skal)\s+(?:gerne\s+)?(?:vente|afvente)\b"
)
_FIRM = re.compile(
    r"^(?:sender|udsender|fremsender|melder|indmelder|vender tilbage|følger op|sørger for|planlægger|indkalder|"
    r"inviterer|ønsker at|mødes|tager kontakt|er tovholder|bliver tovholder|varetager|sikrer)\b"
)
_GROUP = (
    r"(?P<owner>(?:[a-zæøå][\w-]*s\s+)?(?:[A-ZÆØÅ][\w-]*(?:gruppe|udvalg|netværk)\w*(?:\s+[A-ZÆØÅ][\w-]+"
    r"(?:\s+[a-zæøå][\w-]+)?)?|[\w-]*(?:gruppe|udvalg|netværk)\w*(?:\s+for\s+[\w-]+(?:\s+\([^)]*\))?)?))"
)
_PASSIVE_IN = re.compile(
    rf"\b(?P<verb>[a-zæøå]{{3,}}es)\b[^.;:,]{{0,100}}?\b(?:på\s+(?:et\s+)?møde\s+)?i\s+{_GROUP}"
)
_NEXT_MEETING_AT = re.compile(
    rf"^(?:på|til)\s+(?:det\s+)?(?:næste|kommende)\s+møde\s+i\s+{_GROUP}", re.IGNORECASE
)
_NOT_PASSIVE = {"proces", "bedes", "processes"}
_OTHER_BODY_DECIDES = re.compile(
    r"^(?P<body>[A-ZÆØÅ][\w-]*(?:gruppen|udvalget|rådet|styrelsen|ledelsen))\s+"
    r"(?:bakker\s+op|godkendte|godkender|besluttede|har\s+besluttet|tiltrådte|vedtog)\b"
)
_IMPERSONAL = re.compile(r"^(?:vil|skal|kan)\s+der\b")
_DELIBERATIVE_REST = re.compile(
    r"^(?:behandle|godkende|tage|udsætte|drøfte|tiltræde|anbefale)\b", re.IGNORECASE
)
"""What a body decided to do at the meeting itself ("besluttede at behandle …"): a decision, no task."""
_NEXT_MEETING_PHRASE = re.compile(r"\bnæste\b.*\bmøde", re.IGNORECASE)
_STARTS_AT = re.compile(r"^at\s", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r",\s+(?:og|men|mens|samt)\s+|;\s+|\s+[–-]\s+(?=[A-ZÆØÅ])|\s+og\s+(?=(?:der|det|man|[A-ZÆØÅ]|almen|gruppen|de)\b)"
)
_CLAUSE_LABEL = re.compile(r"\b(?:Forslag til opfølgning|Opfølgning|Næste skridt)\s*:")
_LIST_ITEM = re.compile(r"^\d{1,2}[.)]\s+(?P<task>.+)$")
_DEADLINE = re.compile(r"\bdeadline\s*:?\s*(?P<when>[^\n]+?)\.?\s*(?:\n|$)", re.IGNORECASE)


def _may_have_passive(sentence: str) -> bool:
    """False only when _PASSIVE_AGENT cannot match: none of its verbs occurs, in any case (speed only)."""
    if any(ch in sentence for ch in _CASE_ODD):
        return True
    lower = sentence.lower()
    return "es" in lower and any(word in lower for word in _PASSIVE_WORDS)  # every verb has "es"


def _firm(verb: str, sentence: str) -> bool:
    """In agenda text, which describes more than it assigns, only a firm task verb or a dated plan counts."""
    if _FIRM.match(verb):
        return True
    return not _PRESENTING.match(verb) and find_due(sentence) is not None and not _PAST.match(verb)


def _clean_owner(owner: str) -> str | None:
    owner = owner.strip(" ,.:;")
    if not owner or _NOT_OWNER.match(owner) or len(owner.split()) > 7:
        return None
    if re.search(r"\w+s\s+(?:ansvar|opgave|rolle|formål|fokus)$", owner, re.IGNORECASE):
        return None  # "Netværksgruppens ansvar er at …" describes a mandate, it assigns nothing
    definite_group = re.match(
        r"^[\w-]*(?:gruppen|udvalget|skabet|sekretariatet|kommunerne|regionen|klyngen|parterne)\b", owner
    )
    if (
        owner[0].islower()
        and not definite_group
        and not re.match(r"^(?:de|alle|medlemmer|almen|klynge-)", owner, re.IGNORECASE)
    ):
        return None
    # A subject has no finite verb of its own ("GAIN er først udviklet til …", "Gruppen drøftede …").
    if re.search(r"\b(?:er|har|var|blev|kan|skal|vil|at|som|der)\b|\b[a-zæøå]+ede\b", owner):
        return None
    return owner


def _action(
    owner: str, task: str, item: Item, sentence: str, meeting_date: dt.date | None, span_item: Item
) -> Action:
    due = find_due(sentence, meeting_date)
    span = next((s.span for s in span_item.sections if sentence[:30] in s.text), None)
    return Action(owner, " ".join(task.split()).rstrip(" ."), item.number, due, sentence, span)


def _inner_action(clause: str, item: Item, meeting_date: dt.date | None) -> Action | None:
    """The action of an "at …" clause, read as a sentence; the owner keeps its case as written."""
    inner = sentence_action(clause[:1].upper() + clause[1:], item, meeting_date)
    if inner is not None and clause.lower().startswith(inner.owner.lower()):
        inner = dataclasses.replace(inner, owner=clause[: len(inner.owner)])
    return inner


def sentence_action(
    sentence: str, item: Item, meeting_date: dt.date | None, strict: bool = False, forum: str | None = None
) -> Action | None:
    """The action a sentence states, if any. `strict` (agenda text): only explicit assignments."""
    s = sentence.strip().strip("*").strip()
    if s.endswith("?"):
        return None  # a question gives nobody a task
    labelled = _LABEL.match(s)
    if labelled:
        s = s[labelled.end() :]
        s = s[:1].upper() + s[1:]
        strict = False
    elif _STARTS_AT.match(s):
        return None
    m = _TOVHOLDER.match(s) if "tovholder" in s else None
    if m and (owner := _clean_owner(m.group("owner"))):
        return _action(owner, f"tovholder{m.group('rest')}", item, s, meeting_date, item)
    m = _AGREED.match(s)
    if m:
        inner = _inner_action(m.group("rest"), item, meeting_date)
        if inner:
            return dataclasses.replace(inner, sentence=s)
        return None
    m = _AGREED_SUBJECT.match(s) if _HAS_AT.search(s) else None
    if m and re.search(r"\b(?:vil|skal)\s+(?:være|blive)\b", s[: m.start("rest")]):
        m = None  # "X vil være interesserede i at …" is an interest, not a commitment
    if m and re.match(r"^[a-zæøå]", m.group("rest")):
        # "Klyngestyregruppen anbefalede, at gruppen laver …": the agreed task has its own owner.
        inner = _inner_action(m.group("rest"), item, meeting_date)
        if inner is not None and not re.match(r"^(?:de|det|der|man)$", inner.owner, re.IGNORECASE):
            return dataclasses.replace(inner, sentence=s)
    if (
        m
        and (owner := _clean_owner(m.group("owner")))
        and not _PAST.match(m.group("rest"))
        and not _DELIBERATIVE_REST.match(m.group("rest"))
        # "X aftalte at mødes …" makes X the doer; "X anbefalede, at arbejdet fortsætter" does not.
        and "anbefalede" not in s[: m.start("rest")]
        and re.match(r"^(?!de\b|der\b|den\b|det\b)[a-zæøå]+(?:e|es)\b", m.group("rest"))
    ):
        return _action(owner, m.group("rest"), item, s, meeting_date, item)
    m = _ASKED.match(s) if ("bedes" in s or "anmodes om at" in s) else None
    if m and re.search(r"\b(?:følgende|nedenstående)\b", s, re.IGNORECASE):
        return None  # the tasks follow as a list: see _asked_lists
    if m and _DELIBERATE.search(s):
        return None  # the body is asked to decide: that is the agenda, not a follow-up
    if m and (owner := _clean_owner(m.group("owner"))):
        return _action(owner, m.group("rest") or s, item, s, meeting_date, item)
    m = (
        _NEXT_MEETING_IN.match(s) if "drøftes" in s.lower() else None
    )  # the pattern backtracks: test cheaply first
    if m:
        return _action(m.group("owner"), s, item, s, meeting_date, item)
    m = _PASSIVE_AGENT.search(s) if _may_have_passive(s) else None
    if (
        m
        and not re.search(r"\b(?:kan|kunne|bør|ville)\b[^,.]{0,40}$", s[: m.start()])
        and (owner := _clean_owner(m.group("owner")))
    ):
        return _action(owner, s, item, s, meeting_date, item)
    m = _INVERTED.match(s)
    if m and (owner := _clean_owner(m.group("owner"))) and (not strict or _firm(m.group("verb"), s)):
        return _action(owner, f"{m.group('verb')} {m.group('rest')}", item, s, meeting_date, item)
    m = _ACTIVE.match(s) if _HAS_COMMIT_VERB.search(s) else None
    if m and (owner := _clean_owner(m.group("owner"))) and (not strict or _firm(m.group("verb"), s)):
        verb = m.group("verb")
        if _HABITUAL.search(verb) or _WISH.match(verb):
            return None
        if _PAST.match(verb) or (_PRESENTING.match(verb) and not _FUTURE.search(verb)):
            return None
        return _action(owner, verb, item, s, meeting_date, item)
    if strict:
        return None
    m = _NEXT_MEETING_AT.match(s) or _PASSIVE_IN.search(s)
    if (
        m
        and m.re is _PASSIVE_IN
        and (
            m.group("verb").lower() in _NOT_PASSIVE
            or re.search(
                r"\b(?:kan|kunne|bør|evt\.?|eventuelt|muligvis)\s+(?:\w+\.?\s+)?$", s[: m.start("verb")]
            )
        )
    ):
        m = None  # a possibility, not a placement
    if m and (owner := _clean_owner(m.group("owner"))):
        # "… dagsordensættes i temagruppen for psykiatri": the group where the work is placed owns it.
        return _action(owner, s, item, s, meeting_date, item)
    m = _MODAL_ANY.match(s) if _HAS_MODAL.search(s) else None
    if (
        m
        and (owner := _clean_owner(m.group("owner")))
        and not _WISH.match(m.group("verb"))
        and not _IMPERSONAL.match(m.group("verb"))  # "X vil der blive indbudt …": nobody's task
    ):
        return _action(owner, m.group("verb"), item, s, meeting_date, item)
    return None


def _clauses(sentence: str) -> list[str]:
    """The sentence, then its coordinated clauses ("…, og X laver …") as candidates of their own."""
    parts = [sentence]
    # Each break has one of these characters (or "og"), each label a colon: test those first.
    maybe_break = any(ch in sentence for ch in ",;-–") or "og" in sentence
    pieces = _CLAUSE_BREAK.split(sentence) if maybe_break else [sentence]
    label = _CLAUSE_LABEL.search(sentence) if ":" in sentence else None
    if label and label.start() > 0:
        pieces.append(sentence[label.start() :])
    for piece in pieces[1:]:
        if len(piece.split()) >= 3:
            parts.append(piece[:1].upper() + piece[1:])
    return parts


def _asked_lists(item: Item, meeting_date: dt.date | None) -> list[Action]:
    """ "X bedes tage stilling til følgende: 1. … Deadline …": one action per numbered task."""
    out: list[Action] = []
    for section in item.sections:
        lines = section.text.split("\n")
        owner: str | None = None
        for k, line in enumerate(lines):
            text = line.strip().removeprefix("- ")
            m = None
            if "bedes" in text or "anmodes om at" in text:  # else no sentence of it can be a request
                parts = sentences(text)
                last = parts[-1] if parts else ""
                m = _ASKED.match(last) if ("bedes" in last or "anmodes om at" in last) else None
            if m and re.search(r"følgende|nedenstående", text, re.IGNORECASE):
                owner = _clean_owner(m.group("owner"))
                continue
            if owner is None:
                continue
            entry = _LIST_ITEM.match(text)
            if entry:
                # The task's own lines: up to the next numbered task.
                own = [lines[k]]
                for nxt in lines[k + 1 : k + 3]:
                    if _LIST_ITEM.match(nxt.strip().removeprefix("- ")):
                        break
                    own.append(nxt)
                follow = "\n".join(own)
                dl = _DEADLINE.search(follow)
                due = None
                if dl:
                    due = find_due(dl.group("when"), meeting_date)
                    if due is None:
                        due = DueDate(dl.group("when").strip())
                task = re.sub(r"\s*Deadline.*$", "", entry.group("task")).strip()
                out.append(Action(owner, task, item.number, due, text, section.span))
    return out


def item_actions(
    item: Item,
    meeting_date: dt.date | None,
    participants: Sequence[Participant] = (),
    forum: str | None = None,
    next_meeting: dt.date | None = None,
) -> list[Action]:
    """The item's actions; owners resolved against `participants`, "næste møde" to `next_meeting`."""
    found = _asked_lists(item, meeting_date)
    listed = {a.sentence for a in found}
    for section in item.sections:
        if section.kind == SectionKind.ATTACHMENTS:
            continue
        strict = section.kind in (SectionKind.CASE_TEXT, SectionKind.RECOMMENDATION, SectionKind.ORIENTATION)
        quoted = 0
        for sentence in sentences(section.text):
            other = _OTHER_BODY_DECIDES.match(sentence)
            if strict and other and not (forum and other.group("body").lower() in forum.lower()):
                quoted = 4  # the next few sentences report another body's decision, quoted in the agenda
            quoted -= 1
            if quoted >= 0 or sentence in listed or _LIST_ITEM.match(sentence):
                continue
            for clause in _clauses(sentence):
                action = sentence_action(clause, item, meeting_date, strict, forum)
                if action is not None:
                    found.append(dataclasses.replace(action, sentence=sentence))
                    break
    return [_resolve(a, participants, next_meeting) for a in _dedupe(found)]


def _resolve(action: Action, participants: Sequence[Participant], next_meeting: dt.date | None) -> Action:
    due = action.due
    if due is not None and due.start is None and next_meeting and _NEXT_MEETING_PHRASE.search(due.phrase):
        due = DueDate(due.phrase, next_meeting, next_meeting)
    return dataclasses.replace(action, due=due, person=resolve_person(action.owner, participants))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2}


def _dedupe(actions: list[Action]) -> list[Action]:
    """One action per owner and task: the minutes often repeat a follow-up in the Beslutning."""
    out: list[Action] = []
    for a in actions:
        words = _words(a.task)
        same = [
            b
            for b in out
            if b.owner.lower() == a.owner.lower()
            and b.item_number == a.item_number
            and len(words & _words(b.task)) >= 0.5 * max(1, min(len(words), len(_words(b.task))))
        ]
        tovholder = [
            k
            for k, b in enumerate(out)
            if b.owner.lower() == a.owner.lower()
            and b.item_number == a.item_number
            and (b.task.startswith("tovholder") or a.task.startswith("tovholder"))
        ]
        if tovholder:
            # "X er tovholder" and "X varetager …" in one item name one follow-up.
            k = tovholder[0]
            first, second = sorted((out[k], a), key=lambda x: not x.task.startswith("tovholder"))
            out[k] = dataclasses.replace(
                out[k], task=f"{first.task.rstrip('. ')}; {second.task}", due=out[k].due or a.due
            )
        elif not same:
            out.append(a)
    return out

"""Role and title vocabularies: who someone is decides whether they can be a detainee.

A title or apposition ("Secretary of State", "his lawyer", "a senior fellow at") says a
person took part in a story as an official, a lawyer, a relative or a commentator: they
announce, negotiate, defend or grieve, and are never listed as held on that evidence. The
same text also gives the category of a person who is held ("ballet dancer" -> artist).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Blocking levels. HARD: never a detainee in this article. SOFT: a detainee only on a
# direct, strong cue (a relative who is also a hostage, a former minister who was jailed).
HARD = "hard"
SOFT = "soft"

# Current office holders and spokespeople: they act for a state or an institution.
_OFFICIAL = (
    r"president|vice[- ]president|president[- ]elect|prime minister|premier|chancellor|"
    r"secretary(?: of state| general|-general)?|press secretary|minister|foreign minister|"
    r"ambassador|envoy|special envoy|senator|sen|congressman|congresswoman|congressperson|"
    r"representative|rep|member of parliament|member of congress|mp|governor|gov|mayor|spokes(?:wo)?man|spokesperson|spokespeople|"
    r"(?<!theatre )(?<!theater )(?<!film )(?<!stage )(?<!art )(?<!artistic )(?<!music )director|"
    r"deputy (?:minister|secretary|director|chief|head|prime minister|foreign minister)|"
    r"adviser|advisor|official|officials|diplomat|commissioner|chief|"
    r"head|leader|king|queen|emir|amir|sultan|crown prince|prince|sheikh|shaikh|chairman|"
    r"chairwoman|chair|speaker|attorney general|prosecutor|judge|justice|coordinator|"
    r"administrator|negotiator|mediator|press officer|aide|press assistant|assistant press secretary|"
    r"staffer|board member|council member|appointee|nominee|commissioner|trustee|"
    r"commander|general|admiral|colonel|officer in charge|first lady|second gentleman|"
    r"ombudsman|counsel(?:or|lor)|rapporteur|high commissioner|"
    r"national security advis[eo]r|pope|patriarch|cardinal|bishop|coroner|deputy coroner|magistrate|"
    r"sheriff|warden|inspector|investigator|detective|constable|police chief|police officer|"
    r"prison official|jailer|interrogator|ombudsperson|registrar|dictator|autocrat|strongman|ruler|"
    r"junta (?:leader|chief)"
)
# People who defend, represent or speak for someone else.
_LAWYER = (r"lawyer|lawyers|attorney|attorneys|defen[cs]e counsel|legal (?:team|representative)|barrister|"
           r"solicitor|advocate for|agent")
# Family: a relative who speaks is not the person held.
_RELATIVE = (
    r"wife|husband|spouse|partner|mother|father|mom|dad|son|daughter|sister|brother|"
    r"sibling|parent|parents|aunt|uncle|cousin|niece|nephew|grandmother|grandfather|"
    r"grandson|granddaughter|fianc[eé]e?|widow|widower|relative|family|stepmother|stepfather|"
    r"mother-in-law|father-in-law|sister-in-law|brother-in-law|child|children|friend|colleague|"
    r"teammate|coach|girlfriend|boyfriend"
)
# Commentators: quoted for their view of the story.
_ANALYST = (
    r"analyst|commentator|observer|fellow|senior fellow|think[- ]tank|pundit|columnist|"
    r"editor|editor-in-chief|anchor|host|professor emeritus|expert on|specialist on|researcher at|"
    r"scholar at|director at|campaigner at|organi[sz]er"
)
# Nouns that themselves say a person is or was held.
_HELD_NOUN = (
    r"hostage|hostages|prisoner|prisoners|political prisoner|detainee|detainees|captive|captives|"
    r"pow|pows|prisoner of war|prisoners of war|inmate|convict|abductee|kidnap victim|"
    r"prisoner of conscience"
)

_FORMER = re.compile(r"\b(?:former|ex-|ex |one-time|onetime|erstwhile|retired|then-|then )", re.I)


def _rx(alts: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I)


OFFICIAL_RX = _rx(_OFFICIAL)
LAWYER_RX = _rx(_LAWYER)
RELATIVE_RX = _rx(_RELATIVE)
ANALYST_RX = _rx(_ANALYST)
HELD_NOUN_RX = _rx(_HELD_NOUN)
# "opposition politician", "opposition leader": a politician out of power, not an official.
_OPPOSITION = re.compile(r"\b(?:opposition|dissident|exiled|jailed|imprisoned|detained|banned|outlawed|"
                         r"presidential candidate|rebel|separatist|opponent|critic|foe)\b", re.I)
_MILITARY_RANKS = frozenset({"commander", "general", "colonel", "admiral", "officer in charge"})
# "his lawyer", "Karelina's lawyer", "BG's agent": a role held towards another person.
_POSSESSED = re.compile(r"(?:\b(?:his|her|their|its)\s+|['\u2019]s?\s+)(?:\w+[\s-]){0,2}$", re.I)

# category vocabulary (model.CATEGORIES) from role nouns; order is not significant.
CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    ("journalist", r"journalists?|reporters?|correspondents?|photojournalists?|editors?|blogger|"
                   r"cameram[ae]n|videographer|media worker|broadcaster|newspaper"),
    ("politician", r"politicians?|opposition (?:figure|leader|activist|member)s?|lawmakers?|mps?|"
                   r"deputy|deputies|municipal deputy|councill?ors?|parliamentarian|legislator|"
                   r"(?:former|ex-?) ?(?:[\w-]+ ){0,2}?(?:president|prime minister|premier|pm|chancellor|minister|governor|mayor)|"
                   r"candidate|"
                   r"party leader|opposition"),
    ("activist", r"activists?|dissidents?|campaigners?|protesters?|protestors?|organi[sz]ers?|"
                 r"kremlin critic|critics?|environmentalist|anti-war"),
    ("human_rights", r"human rights (?:defender|activist|lawyer|advocate|campaigner|worker)s?|"
                     r"rights (?:defender|activist|advocate)s?|memorial"),
    ("academic", r"historians?|scholars?|academics?|professors?|researchers?|scientists?|"
                 r"physicists?|lecturer|student|students|phd|linguist|sociologist|archaeologist"),
    ("artist", r"actor|actress|actors|actresses|dancers?|ballet|ballerina|artists?|musicians?|"
               r"singers?|rapper|filmmakers?|film director|playwrights?|poets?|writers?|novelist|"
               r"theat(?:re|er) director|painter|performer|composer|author|cartoonist|comedian"),
    ("spy", r"spy|spies|intelligence officers?|fsb|gru|svr|kgb|cia officer|agents?|operatives?|"
            r"assassin-spy|intelligence"),
    ("military", r"soldiers?|marines?|veterans?|servicem[ae]n|servicewom[ae]n|service members?|"
                 r"troops?|sergeant|corporal|private|(?<!police )(?<!prison )(?<!correctional )officer|army|navy|air force|fighter|"
                 r"combatants?|paratrooper|mercenary|mercenaries"),
    ("pow", r"pows?|prisoners? of war"),
    ("hacker", r"hackers?|cybercriminals?|cyber[- ]?criminal|computer experts?|programmers?|"
               r"cyber|crypto(?:currency)? (?:exchange|operator)|money launderer"),
    ("criminal", r"arms dealer|arms trafficker|smugglers?|drug (?:trafficker|dealer|lord|kingpin)s?|"
                 r"traffickers?|assassins?|murderers?|killers?|fugitives?|gangsters?|mobster|"
                 r"convicted|criminals?|fraudster|hitman|kingpin|terrorists?|warlord"),
    ("businessperson", r"business(?:man|men|woman|women|person|people)|executives?|entrepreneurs?|"
                       r"investors?|oil executive|tycoon|oligarch|banker|financier|trader|"
                       r"merchant|company|contractor|consultant|manager|ceo"),
    ("athlete", r"basketball|athletes?|players?|footballer|soccer|hockey|olympi(?:an|c)|wnba|nba|"
                r"boxer|wrestler|swimmer|runner|chess|sportsman|sportswoman|gold medalist"),
    ("teacher", r"teachers?|instructor|tutor|educator|schoolteacher|headteacher"),
)
_CATEGORY_RX = tuple((cat, _rx(words)) for cat, words in CATEGORY_WORDS)
_CIVILIAN_RX = _rx(r"civilians?|citizens?|residents?|nationals?|aid workers?|tourists?|worker|"
                   r"volunteer|doctor|nurse|engineer|pastor|missionary|priest")


@dataclass
class RoleInfo:
    """What a role text says about a person."""

    text: str
    block: str | None = None          # HARD, SOFT or None
    kind: str | None = None           # official | lawyer | relative | analyst | held
    categories: list[str] = field(default_factory=list)
    held_noun: bool = False           # "hostage", "prisoner of war", "detainee"


def classify_role(text: str | None) -> RoleInfo:
    """Read a title/apposition: does it block detainee status, and which categories it gives."""
    if not text:
        return RoleInfo(text="")
    t = " ".join(text.split())
    info = RoleInfo(text=t, categories=categories_of(t))
    info.held_noun = bool(HELD_NOUN_RX.search(t))
    if is_organisation_role(t):
        info.block, info.kind = HARD, "organisation"
        return info
    former = bool(_FORMER.search(t))
    lawyer = LAWYER_RX.search(t)
    if lawyer and not re.search(r"\brights lawyer", t, re.I):
        # "agent" alone is a spy ("an FSB agent"); "BG's agent", "his agent" represents someone.
        before = t[: lawyer.start()]
        represents = bool(_POSSESSED.search(before))
        if lawyer.group(0).lower() != "agent" or represents:
            # "his lawyer" speaks for a client; a bare "lawyer" (or "a lawyer for the party")
            # can be the one held, on a direct cue.
            info.block, info.kind = (HARD if represents and not former else SOFT), "lawyer"
            return info
    if RELATIVE_RX.search(t) and _relative_of_someone(t):
        info.block, info.kind = SOFT, "relative"
        return info
    official = OFFICIAL_RX.search(t)
    if official and _associate_of(t, official.start()):
        official = None     # "a businessman close to President Maduro": the office is another's
    if official and not _OPPOSITION.search(t):
        # a military rank is no civil office: commanders and generals are taken prisoner
        rank = official.group(0).lower() in _MILITARY_RANKS
        # a diplomat is held abroad now and then (a state's hostage, or a spy): on a direct cue
        diplomat = official.group(0).lower() in ("diplomat", "diplomats")
        info.block, info.kind = (SOFT if former or rank or diplomat else HARD), "official"
        return info
    if ANALYST_RX.search(t):
        info.block, info.kind = SOFT, "analyst"
        return info
    if info.held_noun:
        info.kind = "held"
    return info


def _associate_of(t: str, office_at: int) -> bool:
    """The office word comes after "close to" / "of" / "to" / "for", and what comes before
    names an occupation of the person's own ("a businessman close to President X"); an "ally
    of" or "aide to" names no occupation and keeps the block."""
    link = _ASSOCIATE_LINK.search(t[:office_at])
    return link is not None and bool(categories_of(t[:link.start()])) and not OFFICIAL_RX.search(t[:link.start()])


_ASSOCIATE_LINK = re.compile(r"\b(?:close to|linked to|tied to|with ties to|of|to|for)\b(?!.*\b(?:of|to|for)\b)", re.I)


def is_organisation_role(text: str) -> bool:
    """A role that is an organisation noun ("the Russian human rights group", "opposition
    newspaper"): the name it describes is an organisation's. Roles with a preposition ("a
    member of the band") describe a person and are left alone."""
    for part in text.split(";"):
        words = re.findall(r"[\w'\u2019-]+", part.lower())
        if words and words[-1] in _ORG_NOUNS and not _ROLE_PREPS & set(words):
            return True
    return False


_ORG_NOUNS = frozenset("""
group groups organisation organization party movement association society centre center network union
agency newspaper outlet channel company firm charity ngo foundation institute coalition campaign band
club website magazine station publication watchdog initiative project collective broadcaster
festival conference summit exhibition tournament ceremony concert fair forum
""".split())
_ROLE_PREPS = frozenset({"of", "for", "at", "with", "in", "from", "by", "on"})


def _relative_of_someone(t: str) -> bool:
    """ "his wife", "Liat's husband", "the mother of", "whose sister": kinship to another person."""
    return bool(re.search(r"\b(?:his|her|their|whose|my|our|your)\b|['\u2019]s?\b|\bof\b", t, re.I)) \
        or len(t.split()) <= 2


def categories_of(text: str) -> list[str]:
    """Categories (model.CATEGORIES) that the role words name, in vocabulary order."""
    out = [cat for cat, rx in _CATEGORY_RX if rx.search(text)]
    if not out and _CIVILIAN_RX.search(text):
        out = ["civilian"]
    return out


def is_title_word(word: str) -> bool:
    """A capitalised word that is a title, not part of a name ("Secretary", "Envoy", "Dr.")."""
    return word.strip(".").lower() in TITLE_WORDS


TITLE_WORDS = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady president vice secretary senator sen
rep representative congressman congresswoman governor gov ambassador minister prime premier
chancellor general gen colonel col lieutenant lt major maj captain capt sergeant sgt admiral
adm commander judge justice envoy special presidential press director deputy adviser advisor
spokesman spokeswoman spokesperson chief king queen prince princess emir amir sultan sheikh
shaikh crown pope father reverend rev saint st mayor speaker leader chairman chairwoman chair
attorney counsel ceo first lady coordinator officer ms. mr. dr. national security state
foreign affairs hostage hostages office department ministry council agency house senate
congress administration government cabinet the his her their former ex acting interim
lawyer journalist reporter correspondent activist actress actor dancer teacher historian
operative expert marine soldier citizen american russian ukrainian opposition politician
assistant under deputy-secretary executive staff staffer member members coroner magistrate
sheriff warden inspector detective constable pte pvt cpl sgt. lcpl spc private corporal
""".split())


# Nouns for people: a name next to one of them is a person's name ("husband Aviv").
PERSON_NOUN = re.compile(
    r"^(?:man|woman|men|women|boy|girl|citizen|national|resident|person|individual|"
    r"husband|wife|son|daughter|father|mother|brother|sister|lawyer|attorney|journalist|reporter|"
    r"correspondent|dancer|teacher|operative|agent|spy|activist|dissident|politician|historian|"
    r"actress|actor|expert|player|athlete|soldier|marine|veteran|officer|businessman|businesswoman|"
    r"executive|hostage|prisoner|detainee|captive|student|worker|fugitive|dealer|smuggler|hacker|"
    r"programmer|director|playwright|poet|writer|artist|musician|scientist|researcher|professor|"
    r"scholar|priest|pastor|doctor|nurse|engineer|official|minister|secretary|president|envoy|"
    r"ambassador|diplomat|spokesperson|spokesman|spokeswoman|analyst|fellow|founder|leader|critic|"
    r"campaigner|defender|assassin|murderer|trafficker|investor|entrepreneur|ballerina|filmmaker|"
    r"singer|rapper|blogger|guide|aid|volunteer|girlfriend|boyfriend|fiancee|fiance|widow|cousin|"
    r"uncle|aunt|nephew|niece|friend|colleague|pow|inmate|chef|photographer|pilot|sailor|"
    r"lawmaker|deputy|senator|governor|mayor|judge|prosecutor|negotiator|mediator|oligarch|tycoon|"
    r"medic|paramedic|fighter|commander|farmer|driver|sailor|fisherman|guard|volunteer|reservist)s?$",
    re.I)

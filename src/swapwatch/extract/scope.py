"""Scope: a country's ordinary criminal justice is not what swapwatch records.

People held by a state or armed group in a political, international, wartime or hostage
context, and their releases and exchanges, are in scope (docs/SCOPE.md). A commutation
list, a pardon for drug possession or a sentence ending in home confinement are a state
being lenient with its own convicts: no record. Clemency stays in scope when the text
gives the political, international or wartime frame ("pardoned 30 people convicted over
the protests", "pardoned the jailed American", "freed political prisoners").
"""
from __future__ import annotations

import re

EXTRACTOR_ID = "swapwatch.scope.v6"

# English word tables: the clemency vocabulary, and the words that put it in scope.
CLEMENCY_RX = re.compile(
    r"\b(?:commut(?:e|ed|es|ing|ation|ations)|clemency|pardon(?:s|ed|ing)?|sentence (?:reduction|reduced)|"
    r"supervised release|home confinement|early release|compassionate release|parole|paroled|amnesty)\b", re.I)
# The rest of ordinary justice: police custody ending without charge, bail, house arrest,
# extradition of a suspect, a sentence served out, immigration detention.
ORDINARY_RX = re.compile(
    r"\b(?:without (?:being )?charged?|(?:on|granted|posted|grants?|posting) (?:\$?[\d,.]+ (?:million )?)?(?:bail|bond)|"
    r"bailed|house arrest|extradit(?:e|ed|es|ing|ion)|"
    r"(?:serv|complet|finish)(?:ed|ing) (?:his|her|their|a) (?:[\w-]+ ){0,2}(?:prison |jail )?sentence|"
    r"immigration (?:jail|detention|custody|center|centre)|ICE custody)\b", re.I)
# The words that put a case in scope (docs/SCOPE.md): a political case, a war, a
# hostage-taking, a person held abroad or a swap. A murder, abuse or fraud case told
# without any of them is a country's ordinary justice.
IN_SCOPE_RX = re.compile(
    r"\b(?:political(?:ly)?|protest(?:s|ers?|ors?)?|opposition|dissent|dissidents?|activists?|"
    r"journalists?|reporters?|human rights|rights (?:group|defender|lawyer|advocate)s?|hostages?|"
    r"kidnap\w*|abduct\w*|captured|captive\w*|captivity|wrongfully|unjustly|arbitrar\w*|"
    r"prisoners? of war|pows?|war|invasion|soldiers?|swap(?:s|ped)?|exchange[ds]?|foreigners?|"
    r"foreign (?:nationals?|citizens?|agents?)|citizens? of|dual (?:national|citizen)s?|"
    r"espionage|spying|spy|spies|treason|extremism|national security|collu\w+|regime|junta|coup|"
    r"military (?:court|tribunal)s?|crackdown|censorship|free speech|critics?|kremlin|(?:pro-)?democracy|"
    r"ousted|deposed|civilian leaders?|freedom of (?:speech|expression|the press)|sanction(?:s|ed)?|"
    r"repatriat\w*|deport\w*|expel\w*|detained abroad|held abroad|consul\w*|embass\w+|diplomat\w*|"
    r"foreign (?:office|ministry|minister|secretary)|state department|bring (?:him|her|them) home|"
    r"amnesty international|nobel|rebellion|insurrection|sedition|subversi\w+|uprising|guant[aá]namo|tortur\w+|enemy combatants?|"
    r"mediat\w+|brokered|negotiat\w+|with the help of|credit\w* (?:to )?\w+ for (?:freeing|securing))\b", re.I)
# Frame words that tell what the accused did, not what was done to them (a hostage-taker's
# trial, a dictator jailed for abuses, a bribe for a political campaign, jailed for abducting
# a child, a faked kidnapping), or no detention at all (an exchange student, a crypto exchange).
PERPETRATOR_RX = re.compile(
    r"\bhostage[- ]tak\w+|\b(?:took|taking|take|takes|seized|seizing) (?:\w+ ){0,3}hostages?\b|"
    r"\bhuman rights (?:abuses|violations)|\bpolitical (?:campaigns?|part(?:y|ies)|donations?|consultants?)\b|"
    r"\b(?:for|of) (?:abducting|kidnapping)\b|\bwho (?:had )?(?:\w+ ){0,3}(?:kidnapped|abducted)\b|\bfak(?:ed|ing) (?:\w+ ){0,2}(?:kidnapping|abduction)\b|"
    r"\b(?:kidnapping|abduction) hoax\b[^.;]*|"
    r"\bexchange (?:students?|programm?e?s?|rates?)\b|"
    r"\b(?:crypto\w*|stock|currency|futures|commodit\w+|bitcoin|digital[- ]asset|foreign) exchanges?\b",
    re.I)

# Frame words that frame nothing: a war between gangs or on drugs, a crime's victim who was a
# journalist or a soldier ("the gun used to kill a journalist"), a wrongful conviction (a
# country's own justice undoing itself; a person held abroad is framed by the country), and
# protests that a case set off ("a death in custody that sparked mass protests").
NOT_A_FRAME_RX = re.compile(
    r"\b(?:(?:anti-)?drugs?|turf|gangs?|cartel|price|trade|tariff|culture|bidding) wars?\b|\bwar on (?:drugs|crime|poverty)\b|"
    r"\b(?:kill(?:ed|ing|s)?|murder(?:ed|ing|s)?|assault(?:ed|ing|s)?|attack(?:ed|ing|s)?|shot|shooting|stabb(?:ed|ing)) "
    r"(?:of |on )?(?:a |an |the |two |three )?(?:[\w'-]+ ){0,3}"
    r"(?:journalists?|reporters?|activists?|protesters?|soldiers?|critics?|dissidents?|opponents?|hostages?)\b|"
    r"\b(?:wrongful(?:ly)?|erroneously) (?:convicted|conviction|imprisoned|imprisonment|jailed|incarcerated)\b|"
    r"\b(?:sparked|prompted|triggered|ignited|fuell?ed) (?:\w+ ){0,2}protests\b|"
    r"\b(?:deaths?|killings?|murders?|assassinations?|beating) of (?:a |an |the )?(?:[\w'-]+ ){0,3}"
    r"(?:journalists?|reporters?|activists?|protesters?|soldiers?|critics?|dissidents?)\b|"
    r"\b(?:journalist|reporter|activist|protester|soldier|critic|dissident)(?:'s|s'|\u2019s) "
    r"(?:deaths?|killings?|murders?|assassinations?)\b|"
    r"\bpolitically[- ]charged\b|"
    r"\b(?:despite|over|amid|against) (?:the |strong |fierce )?(?:\w+ )?opposition (?:of|from)\b|"
    r"\b(?:animals?|monkeys?|dogs?|cats?|pets?|puppies|kittens?) (?:tortur\w+|abuse|cruelty)\b|"
    r"\btortur\w+ (?:of )?(?:an? |the )?(?:animals?|monkeys?|dogs?|cats?|pets?)\b", re.I)

# Who a person is can be the frame: a jailed journalist, opposition politician, activist or spy.
FRAME_CATEGORIES = frozenset({"journalist", "politician", "activist", "human_rights", "spy"})


# The crimes no state invents to hold a foreigner: their convicts' releases are ordinary justice.
_VIOLENT_CRIMES = (r"murder\w*|manslaughter|homicide|kill(?:ing|ed|ers?)|stabb\w+|rap(?:e|ed|es|ing|ists?)|sexual\w*|"
                   r"(?:role|part|involvement) in the (?:[\w-]+ ){0,3}deaths?|"
                   r"indecent|child(?:ren)? (?:pornography|sex|abuse|images)|p(?:a)?edophil\w*|robber\w*")
VIOLENT_CRIME_RX = re.compile(rf"\b(?:{_VIOLENT_CRIMES})\b", re.I)

# The crimes of ordinary justice: told with one of them and no frame, a release is a convict's,
# and a "blogger" charged with one is no jailed journalist.
ORDINARY_CRIME_RX = re.compile(
    rf"\b(?:{_VIOLENT_CRIMES}|shooting|assault\w*|rap(?:e\w*|ists?)|fraudsters?|con ?m[ae]n|abus(?:e|ed|ing)|"
    r"burglar\w*|theft|fraud\w*|embezzl\w+|brib\w+|corrupt\w*|tax evasion|money laundering|drugs?|narcotics|"
    r"trafficking|dui|drunk|bankrupt\w*|perjury|obstruction|solicit\w*|firearms?|guns?|weapons? charges?)\b", re.I)


# Let out of a prison: how a convict's release is told, and a political prisoner's too.
PRISON_LEFT_RX = re.compile(
    r"\b(?:released|freed|let out|walk(?:s|ed)? free|emerged?)\s+(?:early\s+)?from\s+(?:\w+\s+){0,3}"
    r"(?:prisons?|jails?|detention|custody|penitentiar(?:y|ies))\b|\bearly release\b|\bbehind bars\b", re.I)

# A sentence that ended: with a crime named, the convict's release, whoever's citizen he is.
SERVED_RX = re.compile(r"\b(?:time served|(?:after|for) serving|(?:serv|complet|finish)(?:ed|ing) (?:his|her|their|a) "
                       r"(?:[\w-]+ ){0,2}(?:prison |jail )?(?:sentence|term))\b", re.I)


def in_frame(text: str) -> bool:
    """The text frames a case as political, wartime, a hostage-taking or a case abroad."""
    return bool(IN_SCOPE_RX.search(NOT_A_FRAME_RX.sub(" ", PERPETRATOR_RX.sub(" ", text))))


def person_in_frame(status: str | None, held_by: str | None, nationality: list[str], nonstate: bool,
                    categories: list[str], charges: list[str], texts: list[str], places: set[str],
                    article_framed: bool) -> bool:
    """A person is swapwatch's to list when exchanged; held by an armed group; a journalist,
    politician, activist or spy not charged with an ordinary crime; held by a party the text
    names in an article that frames the case (``article_framed``), or in a country not their
    own (``places``: the countries their sentences say they are "in"); or told of in sentences
    that frame the case (in_frame). A Florida charity fraud, or a machete attacker dying in
    prison, is not."""
    if status == "exchanged" or nonstate:
        return True
    if FRAME_CATEGORIES.intersection(categories) and not any(ORDINARY_CRIME_RX.search(c) for c in charges) \
            and not (any(VIOLENT_CRIME_RX.search(t) for t in texts) and not any(in_frame(t) for t in texts)):
        return True     # a journalist held, not a "mommy blogger" charged with child abuse, nor a
        #                 politician jailed "for his role in the death of" someone, told with no frame
    if any(MIGRANT_RX.search(t) for t in texts) and not any(_POLITICAL_CASE_RX.search(t) for t in texts):
        return False    # held in immigration detention, or by migrants' kidnappers
    if any(VIOLENT_CRIME_RX.search(t) for t in [*texts, *charges]):
        # a murderer or rapist is held in scope only when their own sentences frame the case
        # (a deportation after the sentence is no frame, nor the police capturing a fugitive)
        if any(FUGITIVE_RX.search(t) for t in texts):
            texts = [_CAUGHT_RX.sub(" ", FUGITIVE_RX.sub(" ", t)) for t in texts]
        return any(in_frame(REMOVAL_RX.sub(" ", t)) for t in texts)
    if any(FUGITIVE_RX.search(t) for t in texts):
        # a fugitive arrested abroad at his own country's request is its ordinary justice
        return any(in_frame(_CAUGHT_RX.sub(" ", t)) for t in _without_removal([FUGITIVE_RX.sub(" ", t) for t in texts]))
    if held_by and article_framed or nationality and ({held_by} | places) - {None, *nationality}:
        return True
    return any(in_frame(t) for t in _without_removal(texts))


def _without_removal(texts: list[str]) -> list[str]:
    """A deportation frames nothing at the end of a served sentence or of immigration detention."""
    if any(SERVED_RX.search(t) or IMMIGRATION_RX.search(t) for t in texts):
        return [REMOVAL_RX.sub(" ", t) for t in texts]
    return texts


def frames_case(text: str) -> bool:
    """in_frame, except that a deportation at the end of a served sentence or of immigration
    detention frames nothing."""
    return in_frame(_without_removal([text])[0])


def release_in_frame(headline: str, texts: list[str], releasers: set[str], receivers: set[str],
                     people: list) -> bool:
    """A release is swapwatch's unless it is told as a convict's (ORDINARY_CRIME_RX: a crime, a
    sentence served) with nobody going to (or being of) another country, no released journalist,
    politician, activist or spy, and nothing in its headline or sentences framing it (in_frame).
    ``people``: the released persons' PersonMentions."""
    told = [headline, *texts]
    receivers = {r for r in receivers if r} | {n for p in people for n in p.nationality}
    if not any(ORDINARY_CRIME_RX.search(t) for t in told):
        if not any(PRISON_LEFT_RX.search(t) or SERVED_RX.search(t) for t in told):
            return True     # "Belarus released Ada Kowalski": a state letting someone go
        # out of a prison with no crime named: still a frame is needed (a foreigner, a jailed
        # journalist, a political case), or it is a celebrity's sentence ending; a foreign
        # convict deported at the end of his term is no frame
        served = any(SERVED_RX.search(t) for t in told)
        told = _without_removal(told)
        # a foreigner's release needs the state that let them go: "freed from prison, returns
        # to Germany" alone is a sentence ending abroad
        named = {r for r in releasers if r}
        return bool(named and receivers - named) and not served or any(
            FRAME_CATEGORIES.intersection(p.category) for p in people) or any(in_frame(t) for t in told)
    if receivers - {r for r in releasers if r} and not any(SERVED_RX.search(t) or VIOLENT_CRIME_RX.search(t)
                                                           for t in told):
        # a foreigner let go (a drug or fraud charge is a common pretext for holding one),
        # unless at the end of a sentence, or for a violent crime: a deported murderer is ordinary
        return True
    if any(FRAME_CATEGORIES.intersection(p.category) for p in people):
        return True
    if any(VIOLENT_CRIME_RX.search(t) for t in told):
        # a violent convict deported or repatriated when let go: that is no frame
        told = [REMOVAL_RX.sub(" ", t) for t in told]
    return any(in_frame(t) for t in told)


# A wanted man caught: at another country's request, on the run, escaped from a prison.
FUGITIVE_RX = re.compile(r"\bat the request of\b|\bfugitives?\b|\bon the run\b|\bescaped (?:\w+ ){0,2}"
                         r"(?:inmates?|prisoners?|convicts?|killers?|murderers?)\b|\bmanhunt\b|"
                         r"\b(?:police|officers|deputies|marshals|agents) (?:have |had )?captured\b|"
                         r"\bcaptured by (?:the )?(?:police|officers|deputies|marshals|authorities)\b|"
                         r"\bescap(?:ed|ing) (?:from )?(?:house arrest|prison|jail|custody)\b", re.I)
# The police catching a wanted man: "captured" as arrest, not a war's prisoner.
_CAUGHT_RX = re.compile(r"\bcaptur\w*\b", re.I)

IMMIGRATION_RX = re.compile(r"\b(?:immigration (?:jail|detention|custody|center|centre)|ICE custody|"
                            r"asylum seekers?|visa overstay\w*)\b", re.I)
REMOVAL_RX = re.compile(r"\b(?:deport\w*|repatriat\w*|expel\w*|foreigners?)\b", re.I)


def _ordinary(text: str) -> bool:
    return bool(CLEMENCY_RX.search(text) or ORDINARY_RX.search(text))


def ordinary_justice(headline: str, texts: list[str], releasers: set[str], receivers: set[str]) -> bool:
    """The event is clemency, bail, release without charge, house arrest, an extradition or a
    sentence served (its headline, or every sentence reporting it, says so), nothing in them
    gives a political, international or wartime frame, and nobody is sent abroad."""
    if not texts or not (_ordinary(headline) or all(_ordinary(t) for t in texts)):
        return False
    told = [headline, *texts]
    immigration = any(IMMIGRATION_RX.search(t) for t in told)
    if any(in_frame(t) for t in _without_removal(told)):
        return False
    foreign = {r for r in receivers if r} - {r for r in releasers if r}
    return not foreign or immigration


# Inmates taking a guard or a fellow prisoner hostage, or guards held hostage inside a prison:
# a prison riot, the country's own justice.
CRIMINAL_CAPTORS_RX = re.compile(
    r"\b(?:abducted|kidnapped|seized|taken hostage|held hostage|held captive|captured)\s+by\s+"
    r"(?:\w+\s+){0,2}(?:inmates|convicts|prisoners|detainees)\b|"
    r"\b(?:guards?|wardens?|jailers?|correction(?:s|al)? officers?)\b[^.;]{0,120}?\b(?:held|taken) (?:hostage|captive)"
    r"\s+(?:in|at|inside)\s+(?:\w+\s+){0,3}(?:prisons?|jails?|penitentiar(?:y|ies))\b|"
    # a police standoff with a lone criminal: "ended a standoff with a gunman ... after two hostages were freed"
    r"\bstand-?offs? with (?:a |an |the )?(?:armed |lone |knife-wielding )?(?:gunm[ae]n|suspects?|robbers?|"
    r"attackers?|assailants?|hostage-takers?)\b|"
    r"\b(?:gunm[ae]n|robbers?|bank robbers?|assailants?)\s+(?:who\s+)?(?:took|had taken|was holding|were holding|"
    r"held|holding)\s+(?:\w+\s+){0,2}hostages?\b", re.I)


HOAX_RX = re.compile(r"\b(?:kidnapping|abduction|hostage) hoax\b|"
                     r"\b(?:fak|stag|fabricat)(?:ed|ing) (?:\w+ ){0,2}(?:kidnapping|abduction)\b", re.I)


def staged_captivity(headline: str, texts: list[str]) -> bool:
    """"Released from prison after serving time for a kidnapping hoax": the abductors never
    existed, and the prison is the country's own justice."""
    return any(HOAX_RX.search(t) for t in [headline, *texts])


# Migrants held in immigration detention, or by smugglers and kidnappers on their route.
MIGRANT_RX = re.compile(r"\b(?:immigration (?:jail|detention|custody|center|centre|facility)|ICE custody|"
                        r"migrants?|asylum[- ]seekers?|(?:migrant|immigration|refugee) (?:detention )?"
                        r"(?:centers?|centres?|camps?))\b|\bdetention (?:center|centre)s? for migrants\b", re.I)


def migrant_custody(headline: str, texts: list[str]) -> bool:
    """"Afghan soldier freed after months in an immigration detention center", "migrants freed
    by the authorities after being kidnapped": a country's migration enforcement, or criminals
    preying on migrants, when the headline or every sentence telling the release says so and
    none of them calls the people journalists, activists, hostages or prisoners of war."""
    if not (MIGRANT_RX.search(headline) or all(MIGRANT_RX.search(t) for t in texts)):
        return False
    return not any(_POLITICAL_CASE_RX.search(t) for t in [headline, *texts])


# What makes a migrant's detention political: who they are, or what they are held for.
_POLITICAL_CASE_RX = re.compile(r"\b(?:journalists?|reporters?|activists?|dissidents?|opposition|political|"
                                r"prisoners? of conscience|human rights defenders?|prisoners? of war|POWs?|"
                                r"hostages?|spy|spying|espionage|treason)\b", re.I)


def held_by_criminals(headline: str, texts: list[str]) -> bool:
    """"Guard abducted by inmates in a jail, later freed", "guards released after being held hostage
    in six prisons", "police ended a standoff with a gunman after two hostages were freed": a crime,
    not a hostage-taking swapwatch records."""
    return any(CRIMINAL_CAPTORS_RX.search(t) for t in [headline, *texts])


def ordinary_article(headline: str, lede: str) -> bool:
    """A clemency list or a case of ordinary justice as a whole ("Clemency Recipient List",
    "X is released from house arrest"): its headline says so and neither it nor the lede frames
    it as political, international or wartime."""
    return _ordinary(headline) and not in_frame(headline + " " + lede)

"""People in an article: who is held, who only speaks, negotiates, defends or grieves.

Every sentence here is made up for the test. The model is loaded once per module.
"""
from __future__ import annotations

from datetime import date

import pytest

from swapwatch.extract.context import ArticleContext
from swapwatch.extract.gazetteer import get_gazetteer
from swapwatch.extract.persons import EXTRACTOR_ID, PersonAnalysis, analyze_persons
from swapwatch.model import Article


@pytest.fixture(scope="module")
def nlp():
    from swapwatch.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def analyze(nlp):
    gz = get_gazetteer()

    def run(text: str, published: date | None = date(2024, 5, 17)) -> PersonAnalysis:
        art = Article(id="t", text=text, published=published)
        return analyze_persons(ArticleContext(art, nlp(text), gz))

    return run


def detainees(an: PersonAnalysis) -> set[str]:
    return {p.name for p in an.people if p.detainee}


def person(an: PersonAnalysis, surname: str):
    hits = [p for p in an.people if p.name.split()[-1] == surname]
    assert hits, f"{surname} not found among {[p.name for p in an.people]}"
    return hits[0]


# --- who is a detainee -------------------------------------------------------------------

HELD = [
    # object or passive subject of a verb of holding
    ("Police in Minsk arrested Andrei Kuzmich, a railway engineer, on Tuesday.", "Kuzmich"),
    ("Marta Olesen was detained at the airport in Tehran last month.", "Olesen"),
    ("A court jailed blogger Timur Akhmedov for six years for his posts.", "Akhmedov"),
    ("Security officers detained opposition politician Lev Gradsky in March.", "Gradsky"),
    ("Dmitri Volkonsky was sentenced to nine years in a penal colony.", "Volkonsky"),
    ("The historian Irina Sablina has been held in pretrial detention since 2022.", "Sablina"),
    ("Rebels kidnapped aid worker Tomas Lindqvist near the border.", "Lindqvist"),
    ("Nikolai Petrash was charged with espionage after his arrest in Moscow. Two other prisoners "
     "were detained with him and remain in custody.", "Petrash"),
    ("Authorities imprisoned Helena Marsh, a US citizen, on drug charges.", "Marsh"),
    # relative clauses and participles on the name
    ("The exchange freed Carl Benning, who was jailed for life in Belarus.", "Benning"),
    ("The list includes Anna Feld, detained for over a year on fraud charges.", "Feld"),
    ("They met Oskar Rahm, who has been wrongfully detained in Russia for years.", "Rahm"),
    # nouns that say the person is held
    ("American hostage Peter Vance spent a year in a cell in Mali.", "Vance"),
    ("The governors discussed the case of political prisoner Elena Durova.", "Durova"),
    ("Ruslan Tkach, a prisoner of war, was seen in a video on Sunday.", "Tkach"),
    # nominal cues
    ("We condemn the detention of Mr. Halvorsen in the strongest terms.", "Halvorsen"),
    ("The arrest of Sergei Blinov shocked his colleagues.", "Blinov"),
    ("Officials are working to secure the release of Grace Tolliver.", "Tolliver"),
    ("We call on Iran to release Samir Haddad immediately.", "Haddad"),
    # still held
    ("Pavel Zorin remains in prison despite the deal.", "Zorin"),
    ("Yulia Barkova continues to languish in a penal colony in Mordovia.", "Barkova"),
    # freed, swapped, dead in custody
    ("Caracas freed engineer Luis Ortega on Monday.", "Ortega"),
    ("Moscow released journalist Evan Radler as part of a swap.", "Radler"),
    ("Germany swapped Yuri Glebov for the American Michael Dunn.", "Glebov"),
    ("Germany swapped Yuri Glebov for the American Michael Dunn.", "Dunn"),
    ("Activist Roman Bekov died in custody in Siberia in February.", "Bekov"),
    ("Marina Sokol died in Russian captivity, and her body was returned in May.", "Sokol"),
    # coordinated names share the cue and the role
    ("The court sentenced actresses Vera Lind and Olga Tamm to six years each.", "Lind"),
    ("The court sentenced actresses Vera Lind and Olga Tamm to six years each.", "Tamm"),
    ("Russia released Boris Ivanov, Karl Meyer and Dina Sato on Thursday.", "Sato"),
    # the tagger may mislabel the name: the syntax decides
    ("Prosecutors charged Krasnovich with treason in a closed trial.", None),
]


@pytest.mark.parametrize("text,surname", [h for h in HELD if h[1]])
def test_detainee_found(analyze, text, surname):
    an = analyze(text)
    p = person(an, surname)
    assert p.detainee, (p, [q.name for q in an.people])
    assert p.mention is not None and p.mention.name == p.name
    assert any(e.extractor == EXTRACTOR_ID and e.field == "status" for e in p.mention.evidence)


NOT_HELD = [
    # officials who announce, negotiate or greet
    ("US Secretary of State Daniel Marsh said the prisoners had been released.", "Marsh"),
    ("CIA Director Laura Kemp negotiated the exchange in Istanbul.", "Kemp"),
    ("Press Secretary Nora Quill told reporters that Lindqvist was freed.", "Quill"),
    ("The Russian president, Igor Belov, welcomed the freed spies at the airport.", "Belov"),
    ("Special Envoy for Hostage Affairs Tom Reyes greeted the families.", "Reyes"),
    ("National Security Adviser Jane Park called the release a relief.", "Park"),
    ("Senator Alan Fisk urged Iran to free all detained Americans.", "Fisk"),
    ("Ambassador Greta Holm thanked the Omani mediators for securing the release.", "Holm"),
    # lawyers
    ("His lawyer, Denis Arkov, said the verdict would be appealed.", "Arkov"),
    ("His lawyer is Denis Arkov. Arkov said his client had been sentenced to nine years.", "Arkov"),
    ("The lawyer for the family, Maria Velez, spoke outside the court.", "Velez"),
    # relatives
    ("His wife, Clara Benn, said she had not heard from him since his arrest.", "Benn"),
    ("Her brother Tim Okafor pleaded for her release.", "Okafor"),
    # analysts and commentators
    ("Ivan Sorokin, a senior fellow at a Berlin think tank, said the swap sets a precedent.", "Sorokin"),
    ("Analyst Petra Lund said the prisoner exchange was unusual.", "Lund"),
    ("Jonas Weber, a former diplomat who is now an analyst, said the deal was lopsided.", "Weber"),
    # quoted people and speakers
    ("The swap was a historic moment, Harold Quince told the BBC.", "Quince"),
    ("Margaret Ellis welcomed the prisoners as they landed.", "Ellis"),
    # heads of state as people, never detainees
    ("Putin personally greeted the released spies at the airport.", "Putin"),
    ("Biden said he was grateful for the release of the Americans.", "Biden"),
]


@pytest.mark.parametrize("text,surname", NOT_HELD)
def test_not_a_detainee(analyze, text, surname):
    an = analyze(text)
    p = person(an, surname)
    assert not p.detainee, p
    assert p.name in an.not_detainees


def test_lawyer_and_client_in_one_sentence(analyze):
    an = analyze("The lawyer, Anna Smirnova, said her client Pavel Orlov had been sentenced "
                 "to nine years for treason.")
    orlov, smirnova = person(an, "Orlov"), person(an, "Smirnova")
    assert orlov.detainee and not smirnova.detainee
    assert orlov.mention.sentence == "9 years"
    assert "treason" in orlov.mention.charges
    assert orlov.mention.status == "detained"


def test_subject_who_releases_is_not_held(analyze):
    an = analyze("In return, Lukin welcomed the freed agents into his home. Lukin hugged each of them.")
    assert not person(an, "Lukin").detainee


def test_wife_of_detainee_is_not_held(analyze):
    an = analyze("Tonight Rachel Dorn is on a plane home after ten months in a Russian prison. "
                 "Her wife, Sasha Dorn, thanked everyone who helped.")
    assert detainees(an) == {"Rachel Dorn"}
    assert "Sasha Dorn" in an.not_detainees


def test_relative_who_is_also_a_hostage(analyze):
    an = analyze("Hamas released twelve hostages on Friday, among them Maya Stern. We will keep working "
                 "to secure the release of everyone still held, including Maya's husband Eitan.")
    assert person(an, "Eitan").detainee
    assert person(an, "Eitan").mention.status == "detained"


@pytest.mark.parametrize("text,surname,held", [
    ("Deputy Defence Minister Timur Vasko was arrested on bribery charges, the court said.", "Vasko", True),
    ("City Mayor Eren Kaya was jailed pending trial on corruption charges.", "Kaya", True),
    ("Former President Donald Trump was indicted on four counts.", "Trump", False),
    ("Secretary of State Lena Voss said Tom Quill was detained on bogus charges.", "Voss", False),
    ("Foreign Minister Ivo Rask, who was detained briefly in 2019, said the swap was fair.", "Rask", False),
])
def test_official_held_only_when_named_object_of_custody(analyze, text, surname, held):
    assert person(analyze(text), surname).detainee is held


def test_charged_alone_is_weak(analyze):
    assert not person(analyze("Prosecutors charged Pavel Marin with fraud on Monday."), "Marin").detainee


def test_pardon_alone_is_no_detention(analyze):
    an = analyze("The former president pardoned his predecessor, Walter Lyle, in 1975. The pardon of Lyle "
                 "ended the inquiry into the prisoner swap talks and the detention of the spies.")
    assert not person(an, "Lyle").detainee


def test_reporter_question_asserts_no_swap(analyze):
    an = analyze("Q Can you confirm the report that Russia wanted Ivan Rudin in exchange for Tom Quill? "
                 "Tom Quill has been held in Russia since 2018.")
    quill = person(an, "Quill")
    assert quill.detainee and quill.mention.status == "detained"


def test_serving_as_a_coordinator_is_no_sentence(analyze):
    an = analyze("Nadia Ferro, who was released from prison in 2019, now serves as a coordinator at the "
                 "Center for Justice Reform.")
    p = person(an, "Ferro")
    assert p.detainee and p.mention.status == "released"


@pytest.mark.parametrize("text,surname,status", [
    ("Reporter Kemal Ates freed after two years in Turkish jail\n\nAtes was arrested in 2021.", "Ates",
     "released"),
    ("Blogger Dina Aziz jailed for six years\n\nThe court in Baku ruled on Monday.", "Aziz", "detained"),
])
def test_headline_passive(analyze, text, surname, status):
    p = person(analyze(text), surname)
    assert p.detainee and p.mention.status == status


def test_headline_passive_needs_the_name_as_subject(analyze):
    an = analyze("A fan who insulted the former champion Marco Vell has been jailed for six months. "
                 "Police said the fan was detained at the stadium.")
    assert not person(an, "Vell").detainee


def test_freed_hostage_noun(analyze):
    p = person(analyze("Freed hostage Noa Adler spoke to reporters about her captivity in Gaza."), "Adler")
    assert p.detainee and p.mention.status == "released"


def test_reunited_with_kidnapped_father_frees_the_father(analyze):
    an = analyze("Striker Luis Marin was reunited with his father, who had been kidnapped by rebels "
                 "and held for twelve days.")
    assert not person(an, "Marin").detainee


def test_acronym_is_not_a_person(analyze):
    an = analyze("The FSB detained reporter Evan Kline in Yekaterinburg. FSB officers searched his flat.")
    assert detainees(an) == {"Evan Kline"}


def test_staff_returning_to_a_team_is_not_released(analyze):
    an = analyze("We will be welcoming back our former press assistant, Mike Tanaka. He will be coming "
                 "back to the press team after a year at Treasury. Two detained Americans were released "
                 "from prison in Iran, and hostages remain in Gaza.")
    assert not person(an, "Tanaka").detainee


def test_wish_is_not_a_release(analyze):
    an = analyze("Roy Alden has been wrongfully detained in Russia since 2018. We will keep working to make "
                 "sure that Roy returns home safely to his family.")
    p = person(an, "Alden")
    assert p.detainee and p.mention.status == "detained"


def test_interviewer_is_not_the_hostage(analyze):
    an = analyze("In an interview with NBC News’ Ray Colby, 85-year-old Dalia Stern, who spent 17 days "
                 "in Hamas captivity, said time was running out.")
    assert detainees(an) == {"Dalia Stern"}


def test_son_beside_a_prison_phrase_is_not_held(analyze):
    an = analyze("As the publisher Sam Kwok marks 1,000 days behind bars and faces life imprisonment, his son, "
                 "Leo Kwok, defended his father in an interview.")
    assert not [p for p in an.people if p.name == "Leo Kwok" and p.detainee]


def test_hospital_release_is_no_release(analyze):
    an = analyze("Dean Harlow has been released from the University Medical Center after his cardiac arrest.")
    assert not person(an, "Harlow").detainee


def test_colon_list_after_among_the_returnees(analyze):
    an = analyze("Three officers were among the returnees: Ivan Lysko, the brigade commander; his deputy, "
                 "Petro Hrab; and Oles Dyk.")
    assert detainees(an) == {"Ivan Lysko", "Petro Hrab", "Oles Dyk"}
    assert all(p.mention.status == "released" for p in an.people if p.detainee)


def test_whom_relative_clause_and_dash_list(analyze):
    an = analyze("Four reporters whom a rebel court had sentenced to death - Amr Saleh, Adel Nour and "
                 "Hani Zaid - landed in Aden on Sunday.")
    assert {"Amr Saleh", "Adel Nour", "Hani Zaid"} <= detainees(an)


def test_plural_pronoun_after_a_list_of_names(analyze):
    an = analyze("The engineers, Tomas Vidal, Ruben Ortiz and Luis Pena, worked for a refinery. They were "
                 "arrested in Caracas in 2017 and later convicted of corruption. Venezuela released them "
                 "from prison in a swap on Saturday.")
    assert detainees(an) == {"Tomas Vidal", "Ruben Ortiz", "Luis Pena"}
    assert all(p.mention.status == "detained" for p in an.people)   # "them" two sentences on: no antecedent


def test_condemned_to_death(analyze):
    p = person(analyze("The Moroccan, Karim Saidi, had been condemned to death together with two others."), "Saidi")
    assert p.detainee


def test_name_with_particles_is_one_person(analyze):
    an = analyze("In return, the United States freed Franco Ruiz de la Vega, who was convicted in 2016.")
    assert "Franco Ruiz de la Vega" in detainees(an)


def test_speculation_is_no_release(analyze):
    an = analyze("After speculation that Omar Hadid, who had been serving a prison sentence, had been "
                 "freed, the army said he was being held in a military hospital.")
    p = person(an, "Hadid")
    assert p.detainee and p.mention.status == "detained"


def test_slogan_words_are_not_part_of_the_name(analyze):
    an = analyze("Free Ales Kolas. Free Ihar Vasko. Free them all.")
    assert {p.name for p in an.people} >= {"Ales Kolas", "Ihar Vasko"}
    assert not any(p.name.startswith("Free") for p in an.people)


def test_commander_taken_prisoner_is_held(analyze):
    an = analyze("Russian forces captured the brigade commander, Colonel Oleh Maly, near Mariupol in May.")
    assert person(an, "Maly").detainee


def test_banned_party_leader_is_no_official(analyze):
    an = analyze("The best known of them is Ryhor Kasten, a leader of the banned Popular Front, who was "
                 "sentenced to ten years in 2022.")
    assert person(an, "Kasten").detainee


def test_free_call_marks_still_held(analyze):
    an = analyze("Protesters in Minsk chanted: free Ales Vitko! Vitko has spent three years in jail.")
    p = person(an, "Vitko")
    assert p.detainee and p.mention.status == "detained"


# --- status --------------------------------------------------------------------------------

STATUS = [
    ("Sofia Renn was freed on Monday after two years in an Iranian jail.", "Renn", "released"),
    ("Armed men kidnapped Paulo Brandt in 2019; he is still held.", "Brandt", "detained"),
    ("Lena Holt was not included in the exchange and remains in prison.", "Holt", "detained"),
    ("Ravi Menon, detained in Iran in 2021, is on a plane back home to the United States.", "Menon",
     "released"),
    ("Kiev exchanged Oleg Marchenko for a Russian pilot.", "Marchenko", "exchanged"),
    ("Amir Farahani, a journalist jailed in 2021, was pardoned on Sunday.", "Farahani", "released"),
    ("Stepan Krol died in prison last year, his family said.", "Krol", "died_in_custody"),
    ("Washington has been pushing for the release of Hannah Wolcott for months.", "Wolcott", "detained"),
    ("Victor Lane, who was arrested in 2021, is being detained in Minsk.", "Lane", "detained"),
    ("We have secured the release of Bill Carver, and he will soon be home.", "Carver", "released"),
    ("Tamara Ilyina, jailed in 2020, walked free on Friday.", "Ilyina", "released"),
]


@pytest.mark.parametrize("text,surname,status", STATUS)
def test_status(analyze, text, surname, status):
    p = person(analyze(text), surname)
    assert p.detainee, p
    assert p.mention.status == status


def test_status_date_from_sentence(analyze):
    an = analyze("Sofia Renn was freed on 3 March 2024 after two years in jail.", published=date(2024, 3, 5))
    assert person(an, "Renn").mention.status_date == "2024-03-03"


# --- held_by, nationality, category, role ----------------------------------------------------

HELD_BY = [
    ("Marta Olesen was detained in Iran last month.", "Olesen", "Iran"),
    ("Tomas Lindqvist was held by the Taliban for two years.", "Lindqvist", "Taliban"),
    ("Moscow released the engineer Luis Ortega on Monday.", "Ortega", "Russia"),
    ("Yulia Barkova remains in Russian custody.", "Barkova", "Russia"),
    ("Carl Benning was jailed for life in Germany.", "Benning", "Germany"),
    ("Rita Gomez is being held in a prison in Caracas.", "Gomez", "Venezuela"),
    # the place of an unnamed security force is the holder
    ("Nadia Farahi has been detained by security forces in Tehran, state media reported.", "Farahi", "Iran"),
    ("Ali Demir was arrested by police in Ankara on Monday.", "Demir", "Turkey"),
    # a named force's own country wins over the place
    ("Ivan Holub was captured by Russian troops in Kharkiv.", "Holub", "Russia"),
]


@pytest.mark.parametrize("text,surname,party", HELD_BY)
def test_held_by(analyze, text, surname, party):
    p = person(analyze(text), surname)
    assert p.detainee and p.mention.held_by == party
    assert any(e.field == "held_by" for e in p.mention.evidence)


NATIONALITY = [
    ("Moscow freed US-Russian dancer Alina Kurz on Friday.", "Kurz", ["United States", "Russia"]),
    ("Ivo Brandt, a German citizen, was arrested in Minsk.", "Brandt", ["Germany"]),
    ("Police detained Ukrainian journalist Olena Hrytsenko.", "Hrytsenko", ["Ukraine"]),
]


@pytest.mark.parametrize("text,surname,countries", NATIONALITY)
def test_nationality(analyze, text, surname, countries):
    p = person(analyze(text), surname)
    assert p.detainee and p.mention.nationality == countries


CATEGORY = [
    ("Police arrested journalist Olena Hrytsenko.", "Hrytsenko", "journalist"),
    ("Police arrested opposition politician Lev Gradsky.", "Gradsky", "politician"),
    ("Police arrested the historian Irina Sablina.", "Sablina", "academic"),
    ("Police arrested theatre director Yana Belova.", "Belova", "artist"),
    ("Germany released Igor Zotov, an FSB operative, in the swap.", "Zotov", "spy"),
    ("Russia freed Kyle Barnes, a former US Marine, on Wednesday.", "Barnes", "military"),
    ("The US released Russian computer expert Pavel Zhukov.", "Zhukov", "hacker"),
    ("The US released arms dealer Anatoly Reznik in exchange.", "Reznik", "criminal"),
    ("Iran freed businessman Kian Azadi after six years.", "Azadi", "businessperson"),
    ("Russia detained basketball player Dana Cole at the airport.", "Cole", "athlete"),
    ("Russia freed American teacher Ron Ellery.", "Ellery", "teacher"),
    ("Police detained human rights defender Zara Idris.", "Idris", "human_rights"),
    ("Rebels kidnapped Lars Eik near Gao.", "Eik", "civilian"),
]


@pytest.mark.parametrize("text,surname,category", CATEGORY)
def test_category(analyze, text, surname, category):
    p = person(analyze(text), surname)
    assert p.detainee, p
    assert category in p.mention.category


def test_role_from_apposition(analyze):
    an = analyze("Vadik Morozov, an FSB officer who was jailed in Germany, flew to Moscow.")
    p = person(an, "Morozov")
    assert p.detainee and p.role == "an FSB officer"


def test_a_role_the_tokenizer_cut_at_its_hyphen_is_whole(analyze):
    """"co-founder" is three tokens, and the parser makes each an apposition of the name."""
    an = analyze("Abdi Musa, a co-founder of the Somali Journalists Syndicate, was arrested in October.")
    p = person(an, "Musa")
    assert p.detainee and p.role == "a co-founder of the Somali Journalists Syndicate"


# --- charges and sentences -------------------------------------------------------------------

CHARGES = [
    ("Pavel Orlov was charged with treason in May and jailed pending trial.", "Orlov", "treason"),
    ("Police arrested Nadia Kern on extremism charges.", "Kern", "extremism"),
    ("Jonas Ritt, who was arrested in 2021, was convicted of espionage in a closed trial.", "Ritt", "espionage"),
    ("Police detained Mira Hale, who is accused of \u201cdiscrediting the army\u201d.", "Hale", "discrediting the army"),
    ("Eli Stone was jailed for life for killing a police officer.", "Stone", "murder"),
    ("Omar Diaz was detained for cannabis possession at the airport.", "Diaz", "cannabis possession"),
]


@pytest.mark.parametrize("text,surname,charge", CHARGES)
def test_charges(analyze, text, surname, charge):
    p = person(analyze(text), surname)
    assert p.detainee and charge in p.mention.charges, p.mention
    assert any(e.field == "charges" for e in p.mention.evidence)


SENTENCES = [
    ("Pavel Orlov was sentenced to nine years in a penal colony.", "Orlov", "9 years"),
    ("Nadia Kern was sentenced to 12 years for treason.", "Kern", "12 years"),
    ("Eli Stone was jailed for life in 2019.", "Stone", "life"),
    ("Police arrested Mira Hale, who is serving a 14-year sentence.", "Hale", "14 years"),
    ("Jonas Ritt got a heavy prison term (seven years) in 2022.", "Ritt", "7 years"),
    ("Ada Lutz was sentenced to eighteen months for a post.", "Lutz", "18 months"),
]


@pytest.mark.parametrize("text,surname,term", SENTENCES)
def test_sentence(analyze, text, surname, term):
    p = person(analyze(text), surname)
    assert p.detainee and p.mention.sentence == term, p.mention


def test_charges_stay_with_their_person(analyze):
    an = analyze("Russia freed Tom Hale, and the US freed Yuri Volk, who was jailed for life for murder.")
    assert person(an, "Volk").mention.sentence == "life"
    assert person(an, "Hale").mention.sentence is None
    assert "murder" not in person(an, "Hale").mention.charges


# --- names within the article ---------------------------------------------------------------

def test_surname_and_possessive_join_full_name(analyze):
    an = analyze("Police arrested Ksenia Orlova in January. Orlova\u2019s lawyer said Orlova's case was "
                 "political. ORLOVA denies the charges.")
    orlova = [p for p in an.people if "Orlova" in p.name]
    assert len(orlova) == 1
    assert orlova[0].name == "Ksenia Orlova"
    assert all("\u2019" not in a and "'" not in a for a in orlova[0].aliases)


def test_middle_name_is_one_person(analyze):
    an = analyze("Russia freed Kyle Wayne Brooks on Monday. Kyle Brooks had been detained for a year.")
    brooks = [p for p in an.people if "Brooks" in p.name]
    assert len(brooks) == 1 and brooks[0].name == "Kyle Wayne Brooks"
    assert "Kyle Brooks" in brooks[0].aliases


def test_same_surname_two_people(analyze):
    an = analyze("Russia freed Dana Kerr on Friday. Her husband, Colin Kerr, thanked the diplomats.")
    assert detainees(an) == {"Dana Kerr"}
    assert "Colin Kerr" in an.not_detainees


def test_bare_surname_means_the_subject_not_the_relative(analyze):
    an = analyze("Dana Kerr is back home after ten months in a Russian prison. Biden announced it with "
                 "Kerr's wife, Mia Kerr, beside him. Her ordeal began in February, when Kerr was arrested "
                 "at the airport. Kerr said she was grateful.")
    assert detainees(an) == {"Dana Kerr"}
    mia = next(p for p in an.people if p.name == "Mia Kerr")
    assert mia.aliases == [] and not mia.detainee


def test_kin_with_a_shorter_form_of_the_name_is_someone_else(analyze):
    an = analyze("Rebels today released Jorge Luis Mena, the father of the Porto forward Jorge Mena, twelve "
                 "days after they kidnapped him. The player had appealed for his release.")
    assert detainees(an) == {"Jorge Luis Mena"}
    assert next(p for p in an.people if p.name == "Jorge Luis Mena").aliases == []


def test_name_over_line_break_and_escapes(analyze):
    an = analyze("Today we welcome home Maria\nLopez, who was held in Venezuela. \\[Maria\\] thanked us.")
    p = person(an, "Lopez")
    assert p.name == "Maria Lopez" and p.detainee


def test_resolve_and_at(analyze):
    text = "Moscow released Ksenia Orlova on Thursday. Orlova\u2019s lawyer, Igor Demin, confirmed it."
    an = analyze(text)
    p = an.resolve("Orlova\u2019s")
    assert p is not None and p.name == "Ksenia Orlova"
    assert an.resolve("Ms. Orlova") is p and an.resolve("KSENIA ORLOVA") is p
    assert an.resolve("Demin").name == "Igor Demin"
    assert an.resolve("Nobody") is None
    start = text.index("Orlova\u2019s")
    assert an.at(start, start + 6) is p
    assert an.at(0, 6) is None
    assert [m.name for m in an.persons] == ["Ksenia Orlova"]


def test_first_name_refers_back(analyze):
    an = analyze("Russia detained Brianna Colt in February. We never stopped fighting for Brianna.")
    p = person(an, "Colt")
    assert p.detainee and any(s for s in p.spans if an.at(*s) is p)
    assert len([q for q in an.people if "Brianna" in q.name]) == 1


def test_outlets_are_not_people(analyze):
    an = analyze("Politico reported that Lev Gradsky was jailed. AFP and Reuters confirmed it.")
    names = {p.name for p in an.people}
    assert "Politico" not in names and "AFP" not in names and "Reuters" not in names


def test_places_are_not_people(analyze):
    an = analyze("The swap took place in Abu Dhabi, and Lev Gradsky flew to Ankara.")
    assert {p.name for p in an.people} <= {"Lev Gradsky"}


def test_empty_and_nameless_text(analyze):
    assert analyze("").people == []
    assert analyze("Hundreds of prisoners were exchanged on Friday.").persons == []


def test_no_article_date_still_works(analyze):
    an = analyze("Police arrested Nadia Kern on extremism charges.", published=None)
    assert person(an, "Kern").detainee


# --- generalization: role phrases, tagger variants, short wire items, former leaders --------

@pytest.mark.parametrize("text,phrase", [
    ("A US Marine detained in Russia was released in a prisoner swap on Wednesday.", "US Marine"),
    ("An Air National Guardsman was arrested on Thursday over the leaked files.", "Guardsman"),
    ("Defense Attorneys were detained briefly outside the courthouse in Minsk.", "Attorneys"),
    ("The Army Sergeant captured near the river was freed in the exchange.", "Sergeant"),
])
def test_role_phrase_is_no_person(analyze, text, phrase):
    names = [p.name for p in analyze(text).people]
    assert not any(phrase in n for n in names), names


@pytest.fixture(scope="module")
def analyze_parsed(nlp):
    """As the pipeline parses: sentences never cross a paragraph break."""
    from swapwatch.extract.pipeline import parse

    gz = get_gazetteer()

    def run(text: str) -> PersonAnalysis:
        art = Article(id="t", text=text, published=date(2024, 5, 17))
        return analyze_persons(ArticleContext(art, parse(text, nlp), gz))
    return run


@pytest.mark.parametrize("text,surname", [
    # the tagger reads the opening participle as a verb after a headline line
    ("Hearing in court\n\nJailed Belarusian opposition leader Pavel Sorokan appeared by video link.",
     "Sorokan"),
    ("Jailed Belarusian opposition leader Pavel Sorokan appeared by video link on Tuesday.", "Sorokan"),
    ("Imprisoned rights lawyer Dana Oskarova spoke to her family by phone from the colony.", "Oskarova"),
])
def test_held_participle_before_role(analyze_parsed, text, surname):
    assert surname in {n.split()[-1] for n in detainees(analyze_parsed(text))}


def test_short_item_with_arrest_in_headline_counts_a_charge(analyze):
    text = ("Newspaper reporter arrested in Russia due in court\n\nIvan Petrenko, a Moscow correspondent "
            "with the Daily Ledger who has been charged as a spy in Russia, is due in court on Tuesday.")
    assert "Ivan Petrenko" in detainees(analyze(text))


@pytest.mark.parametrize("text", [
    # no custody word in the headline: a charge alone is still no detention
    "Reporter charged\n\nIvan Petrenko, a correspondent who has been charged with fraud, is due in court.",
    # a long article with a single custody word: the headline rule is for short items only
    "Reporter arrested\n\nIvan Petrenko, a correspondent who has been charged with fraud, is due in court. "
    + "The weather was mild and the market was busy. " * 40,
])
def test_charge_without_custody_context_is_not_held(analyze, text):
    assert "Ivan Petrenko" not in detainees(analyze(text))


def test_short_item_headline_does_not_make_the_lawyer_held(analyze):
    text = ("Activist jailed in Minsk\n\nThe activist's lawyer, Pavel Dorn, said the charges against his "
            "client were invented and that he had been charged too late to appeal.")
    assert "Pavel Dorn" not in detainees(analyze(text))


@pytest.fixture(scope="module")
def analyze_with_leader(nlp):
    """A gazetteer that also knows an invented head of government, 'Tomas Varga'."""
    from swapwatch.extract.gazetteer import Gazetteer, PartyMatch

    class WithLeader(Gazetteer):
        def find_parties(self, text):
            found = super().find_parties(text)
            i = text.find("Tomas Varga")
            if i >= 0:
                found = [m for m in found if m.end <= i or m.start >= i + 11]
                found.append(PartyMatch(i, i + 11, "Tomas Varga", "Hungary", "leader"))
            return sorted(found, key=lambda m: m.start)

    gz = WithLeader()

    def run(text: str) -> PersonAnalysis:
        return analyze_persons(ArticleContext(Article(id="t", text=text, published=date(2024, 5, 17)),
                                              nlp(text), gz))
    return run


@pytest.mark.parametrize("text,held", [
    ("Former prime minister Tomas Varga was sentenced to three years in prison on Saturday.", True),
    ("Hungary's former prime minister Tomas Varga was jailed for contempt of court.", True),
    ("Ex-president Tomas Varga was arrested at his home on Monday.", True),
    # a sitting leader is never held, whatever the verb near his name
    ("Prime Minister Tomas Varga was sentenced to three years, a satirical site claimed.", False),
    ("Prime Minister Tomas Varga said the two prisoners were released on Monday.", False),
    # a former leader who only speaks is no detainee
    ("Former prime minister Tomas Varga said the detained journalists should be freed.", False),
    ("Tomas Varga was arrested, the opposition claimed.", False),
])
def test_former_leader_held_only_on_direct_custody(analyze_with_leader, text, held):
    assert ("Tomas Varga" in detainees(analyze_with_leader(text))) is held


@pytest.mark.parametrize("text,held", [
    ("The court upheld journalist Pavel Sorokan's eight-year prison term on Friday.", True),
    ("Pavel Sorokan's jail term was extended by two years, his colleagues said.", True),
    # a term of office is no custody
    ("Pavel Sorokan's second term as mayor ended on Friday.", False),
    ("Pavel Sorokan's four-year term on the board begins in May.", False),
])
def test_prison_term_of_a_person(analyze, text, held):
    assert ("Pavel Sorokan" in detainees(analyze(text))) is held


def test_would_die_in_prison_is_no_death(analyze_parsed):
    text = ("Freed after decades\n\nRobert Vossler was released in November - after being told as a "
            "teenager he would die in prison.")
    p = person(analyze_parsed(text), "Vossler")
    assert p.detainee and p.mention.status == "released"


def test_pronoun_after_a_relative_means_the_relative(analyze_parsed):
    text = ("Jailed pilot misses funeral\n\nDaniel Harwick is held in Lithgow prison. Daniel Harwick will not "
            "be able to attend his mother's funeral, after she died in the US.")
    p = person(analyze_parsed(text), "Harwick")
    assert p.detainee and p.mention.status != "died_in_custody"


def test_pronoun_after_own_apposition_still_counts(analyze_parsed):
    text = ("Tomas Brandt, the son of a miner, was freed on Monday. He had been held in Minsk since 2021.")
    p = person(analyze_parsed(text), "Brandt")
    assert p.detainee and p.mention.status == "released"


@pytest.mark.parametrize("text,org", [
    ("Oleg Vetrov, a co-chair of the human rights group Vesna who had received a two-year sentence, "
     "was freed in the swap.", "Vesna"),
    ("The independent newspaper Novaya Pravda, whose editor was jailed last year, was shut down.", "Novaya Pravda"),
    ("Zorya, the Belarusian rights group, said 30 activists had been detained.", "Zorya"),
])
def test_organisation_named_by_its_role_is_no_detainee(analyze, text, org):
    assert org not in detainees(analyze(text))


@pytest.mark.parametrize("text,surname", [
    ("Dana Ilvesa, a member of the punk band Velvet Wolves, was jailed for two years.", "Ilvesa"),
    ("Opposition politician Lev Gradsky of the banned party was detained in March.", "Gradsky"),
])
def test_role_with_an_organisation_inside_is_still_a_person(analyze, text, surname):
    assert surname in {n.split()[-1] for n in detainees(analyze(text))}


def test_organisation_role_blocks_in_the_role_reader():
    from swapwatch.extract.roles import HARD, classify_role

    assert classify_role("the Russian human rights group").block == HARD
    assert classify_role("a member of the punk band").block != HARD


@pytest.mark.parametrize("text,held", [
    ("Aid worker Tom Ridley and journalist Paul Marchetti arrived in Niamey after they were released.", True),
    ("Tom Ridley and Paul Marchetti arrived in Paris on Monday after they were freed by the rebels.", True),
    # the pronoun is not under the names' verb: no cue
    ("Tom Ridley and Paul Marchetti arrived in Paris. Reporters said the soldiers had been freed.", False),
    ("Tom Ridley and Paul Marchetti said that they were released.", False),
])
def test_they_after_two_names_in_one_sentence(analyze_parsed, text, held):
    found = detainees(analyze_parsed("Two hostages freed after years in captivity\n\n" + text))
    assert ({"Tom Ridley", "Paul Marchetti"} <= found) is held


@pytest.mark.parametrize("text,surname,held", [
    ("Nadia Farahi, who has been held in Iran for six years, has been released, Member of Parliament "
     "Tessa Brindley told reporters on Wednesday.", "Brindley", False),
    ("Labour MP Tessa Brindley said the detained charity worker would be freed soon.", "Brindley", False),
    ("Opposition MP Tessa Brindley was arrested at her home in Ankara on Monday.", "Brindley", True),
    ("Police arrested MP Tessa Brindley at her home on Monday over a speech.", "Brindley", True),
])
def test_member_of_parliament_is_an_office(analyze, text, surname, held):
    assert (surname in {n.split()[-1] for n in detainees(analyze(text))}) is held


@pytest.mark.parametrize("role", ["former premier", "Ex-PM", "Former Pakistan Prime Minister",
                                  "former conservative president"])
def test_former_head_of_government_is_a_politician(role):
    from swapwatch.extract.roles import categories_of

    assert "politician" in categories_of(role)


@pytest.mark.parametrize("text,phrase", [
    ("A man was arrested after a dispute with protesters at the library's Drag Story Hour.", "Hour"),
    ("Police detained two fans after the Late Night Show in Boston.", "Show"),
])
def test_event_and_programme_names_are_no_people(analyze, text, phrase):
    assert not any(p.name.endswith(phrase) for p in analyze(text).people)


@pytest.mark.parametrize("role,military", [
    ("Former Minnesota police officer", False),
    ("prison officer", False),
    ("army officer", True),
    ("a former naval officer", True),
])
def test_police_officer_is_no_soldier(role, military):
    from swapwatch.extract.roles import categories_of

    assert ("military" in categories_of(role)) is military


@pytest.mark.parametrize("text,surname,held", [
    ("Kem Vorn, an opponent of Cambodian dictator Sok Rithy, sentenced after a treason trial, "
     "was jailed for 27 years.", "Rithy", False),
    ("The country's military ruler Tun Aung said the prisoners would be pardoned.", "Aung", False),
    ("Dale Hollis has been released after spending more than a week hospitalized due to a cardiac arrest.",
     "Hollis", False),
    ("Dale Hollis was released from prison after being hospitalized for a week.", "Hollis", True),
])
def test_rulers_and_patients_are_not_held(analyze, text, surname, held):
    assert (surname in {n.split()[-1] for n in detainees(analyze(text))}) is held


def test_caption_position_letter_is_no_person(analyze):
    text = "Nora Vance (C), who was repatriated from a detention camp, is released from custody on Monday."
    assert not any(p.name == "C" for p in analyze(text).people)


def test_opponent_of_a_ruler_is_held(analyze):
    text = ("Kem Vorn, an opponent of Cambodian dictator Sok Rithy, was sentenced on Friday to 27 years "
            "in prison for treason.")
    found = {n.split()[-1] for n in detainees(analyze(text))}
    assert "Vorn" in found and "Rithy" not in found


def test_arrested_before_a_trial_is_held_and_a_wished_swap_is_no_exchange():
    from datetime import date

    from swapwatch.extract.pipeline import extract_article
    from swapwatch.model import Article

    ex = extract_article(Article(id="t", published=date(2031, 9, 19), text=(
        "Cardinal Anton Vale, 80, begins trial on charges of collusion\n\n"
        "Cardinal Anton Vale, the former head of the diocese, begins his trial after having been arrested in May.")))
    assert [(p.name, p.status) for p in ex.persons] == [("Anton Vale", "detained")]
    ex = extract_article(Article(id="u", published=date(2031, 9, 19), text=(
        "Russia wanted this assassin set free in exchange for Pavel Lind.")))
    assert [(p.name, p.status) for p in ex.persons] == [("Pavel Lind", "detained")]


def test_the_32_year_old_refers_back_to_the_person_just_named():
    from datetime import date

    from swapwatch.extract.pipeline import extract_article
    from swapwatch.model import Article

    ex = extract_article(Article(id="t", published=date(2031, 2, 19), text=(
        "Dana Whitfield is headed back to her old team\n\n"
        "Whitfield has re-signed with the team on a one-year contract, a source said. The 32-year-old "
        "returned home from Russia in December after a high-level prisoner swap.")))
    assert [(p.name, p.status) for p in ex.persons] == [("Dana Whitfield", "exchanged")]


@pytest.mark.parametrize("body, freed", [
    ("After a week in captivity, Dutch citizen and geologist Anna Veld will finally return to the Netherlands. "
     "Three other hostages were also released.", True),
    # two people hold the role: the headline does not say which one was freed
    ("Dutch geologist Anna Veld and Belgian geologist Piet Laar were seized in March. Three other hostages "
     "were also released.", False),
])
def test_a_headlines_freed_role_noun_is_the_body_person_with_that_role(analyze, body, freed):
    an = analyze("Kidnapped geologist, 3 others released after being held hostage in Valdoria for ransom\n\n" + body)
    p = person(an, "Veld")
    assert (p.mention.status == "released") is freed, p.mention.status

"""score_relevance: events that happened count; plans, demands, metaphors and ordinary crime do not."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from swapwatch.ingest.normalize import article_id
from swapwatch.model import Article, Relevance
from swapwatch.relevance import THRESHOLD, explain_relevance, score_relevance


def art(text: str, title: str | None = None) -> Article:
    return Article(id=article_id(text), text=text, title=title)


RELEVANT = [
    # exchanges and releases that happened
    ("Russia and Ukraine swap prisoners", "The two sides exchanged 140 prisoners of war on Sunday at the border."),
    (None, "The United States and Venezuela carried out a prisoner swap on Wednesday in the Caribbean."),
    (None, "Moscow freed a former marine in exchange for a convicted pilot held in a US prison."),
    (None, "The aid worker was released from captivity after seven years in the Sahel."),
    (None, "Twelve hostages were released by the armed group late on Friday and handed to the Red Cross."),
    (None, "The militants freed 24 hostages, including three foreigners, after talks with elders."),
    (None, "Kyiv said 95 Ukrainian defenders had returned home in the latest prisoner exchange."),
    (None, "The exchange of nearly 300 prisoners took place at the airport under Red Cross supervision."),
    (None, "Officials welcomed the release of 16 political prisoners from the capital's main jail."),
    (None, "The blogger is now free from detention and was reunited with her family in Vilnius."),
    (None, "The government has secured the release of two citizens taken hostage in the desert."),
    ("Teacher freed in prisoner swap", "The teacher flew home to Warsaw on Tuesday evening."),
    (None, "After eighteen months in a penal colony, the activist walked free on Monday."),
    # detentions and sentences with a political or state-to-state side
    (None, "The journalist was detained by security forces in Minsk while covering the protest."),
    (None, "An American citizen has been detained in Russia on espionage charges, officials said."),
    (None, "The opposition leader was sentenced to nine years in a maximum security colony for extremism."),
    ("Dissident jailed for seven years", "A court in the capital convicted the poet of insulting the army."),
    (None, "Police arrested 300 protesters at anti-war rallies across the country on Saturday."),
    (None, "Two French tourists were arrested in Tehran and accused of spying for Israel."),
    (None, "The rebels abducted four aid workers near the border town last week."),
    (None, "The former diplomat has spent five years in prison on treason charges he denies."),
    (None, "I welcome today's release of Tomas Varga by the government, and his family is eager to see him."),
    ("Statement on the Continued Wrongful Detention of Lena Maris",
     "We are aware of the news that she will face another hearing next month."),
    (None, "Officials have secured the return of Corporal Dan Eriksen from across the border."),
    # short feed items: a swap presupposed, counted or former POWs, a named person in custody
    ("Pilot back home after weekend prisoner swap", "The pilot landed in Oslo on Monday and met his family."),
    (None, "A nurse held for a year came home in prisoner swap, the regional governor said."),
    (None, "The mayor was transferred in a prisoner swap last autumn and now lives abroad."),
    ("Analysts doubt the thaw despite prisoner swap", "Both capitals still trade accusations."),
    (None, "Former Georgian prisoners of war describe the beatings they endured in the camps."),
    ("Family of a Moldovan prisoner of war waits for news", "His mother keeps his room as he left it."),
    (None, "The release of Tomas Varga in exchange for two jailed border guards was announced on Friday."),
    (None, "Officials spoke about the case of jailed reporter Nina Kovacs at the summit on Tuesday."),
    # deaths in custody
    (None, "The 22-year-old died in police custody three days after her arrest by the morality police."),
    (None, "The opposition politician died in prison, the prison service said on Friday."),
    # short feed items (v7): a named or pronoun object freed by a hostage-taking group, troops
    # freed, people held by or in a country, a homecoming for prisoners
    ("Two women released", "Hamas freed Ada Levi, 85, and Rina Cohen, 79, on Monday."),
    ("Hostage flown to hospital", "Dana Shir, 84, was flown to hospital after Hamas freed her on Sunday."),
    ("Soldiers back home", "The two soldiers held in Armenia crossed back on Wednesday. In exchange, Baku freed "
                           "32 Armenian troops."),
    ("Easter homecoming for 130 Ukrainian prisoners", "Kyiv said the men came home on Sunday."),
    # people counted by a nationality; taken out of captivity
    ("Inside the swap", "Kyiv now says Moscow released 205 Ukrainians and ten foreign nationals."),
    (None, "The exchange that brought the defenders out of Russian captivity had been weeks in the making."),
    # a sentence (v4) with a long apposition before "to three years"
    (None, "A Moscow court sentenced Lena Maris, a Dutch researcher working for a Geneva mediation group, "
           "to three years in a penal colony for failing to register as a foreign agent."),
]

NOT_RELEVANT = [
    # a count of people by nationality in no release
    (None, "The company released 40 Germans from their contracts after the merger."),
    # plans, agreements, demands and talks
    (None, "Under the deal, 500 detainees will be released by both sides over the coming weeks."),
    (None, "The parties agreed to exchange all prisoners of war by the end of the month."),
    (None, "Negotiators held talks on a possible prisoner exchange but reached no deal."),
    (None, "The minister called for the release of all hostages held in the region."),
    (None, "Families demanded that the government do more to secure the release of their relatives."),
    (None, "We will not stop working until every hostage is released and back with their families."),
    (None, "Are you working on a prisoner swap, Mr. President?"),
    (None, "Activists urged the authorities to free political prisoners before the election."),
    (None, "Officials said the hostages could be released as early as Thursday if the truce holds."),
    (None, "Officials reached a deal to free three detained sailors in return for frozen funds."),
    ("Five sailors to be freed Friday under prisoner swap deal", "The transfer awaits the funds."),
    (None, "The country will spend the $2bn released by its rival under a prisoner exchange deal."),
    # metaphors and other senses of the words
    (None, "The museum stands on the site of a prisoner of war camp from the last century."),
    (None, "The senator is holding the budget bill hostage to win concessions on energy policy."),
    ("Band releases new album", "The group released its third album on Friday after a long wait."),
    (None, "The agency released a report on inflation and the central bank held rates steady."),
    (None, "A heated exchange took place between the two reporters at the press conference."),
    (None, "The foreign ministers held talks in Geneva and exchanged views on trade."),
    (None, "The striker was released by his club and signed for a rival team in a free transfer."),
    (None, "Fans welcomed the release of Midnight Harbor, the band's long-awaited album."),
    (None, "The crocodile was captured on video and later freed from the fishing net by rangers."),
    (None, "Customs officers seized a yacht owned by a sanctioned businessman."),
    # policy with no detainee
    (None, "The president signed an executive order on hostage-taking and wrongful detention."),
    # ordinary crime
    (None, "A man was arrested after a stabbing outside a nightclub in Leeds on Saturday."),
    ("Burglar jailed", "A burglar who stole jewellery from three homes was jailed for four years."),
    (None, "The driver was sentenced to six years for causing death by dangerous driving."),
    (None, "A man convicted of murder was released from prison after DNA evidence cleared him."),
    ("Gunman who planned mall shooting sentenced to 15 years", "He pleaded guilty to supporting a "
     "terrorist group and was sentenced to 15 years and supervised release, a federal judge ruled."),
    (None, "A rioter was sentenced to five years for storming the Capitol on Jan. 6 with a baton."),
    (None, "Two brothers were sentenced to life in prison for killing a foreign tourist in the capital."),
    (None, "The shooter was released from prison last spring and has a long criminal history."),
    # nothing to do with it
    (None, "The central bank raised interest rates by a quarter point on Wednesday."),
    ("76ers trade their star", "The 76ers traded Jon Hardy to the Clippers on Tuesday in exchange for a package "
                               "of players and draft picks."),
    ("Studio news", "The studio released Maria Lopez from her contract and freed them to sign elsewhere."),
    (None, ""),
]


@pytest.mark.parametrize("title, text", RELEVANT)
def test_relevant(title: str | None, text: str) -> None:
    r = score_relevance(art(text, title))
    assert r.relevant, (r, text)
    assert r.score >= THRESHOLD and r.reasons


@pytest.mark.parametrize("title, text", NOT_RELEVANT)
def test_not_relevant(title: str | None, text: str) -> None:
    r = score_relevance(art(text, title))
    assert not r.relevant, (r, text)
    assert r.score < THRESHOLD


@pytest.mark.parametrize("title, text", RELEVANT[:6] + NOT_RELEVANT[:6])
def test_result_shape(title: str | None, text: str) -> None:
    r = score_relevance(art(text, title))
    assert isinstance(r, Relevance)
    assert 0.0 <= r.score <= 1.0
    assert r.relevant == (r.score >= THRESHOLD)
    assert all(isinstance(x, str) and x for x in r.reasons)
    assert score_relevance(art(text, title)) == r          # deterministic


def test_blocked_cues_are_named() -> None:
    r = score_relevance(art("Under the deal, 500 prisoners will be released by both sides."))
    assert any(reason.startswith("-blocked:") for reason in r.reasons)


def test_explain_points_at_the_words() -> None:
    text = "After the vote, the colonel was released from prison on Monday."
    hits = [h for h in explain_relevance(art(text)) if not h.blocked]
    assert hits
    assert any("released from prison" in text[h.start:h.end] for h in hits)


def test_a_metaphor_next_to_a_real_release_stays_relevant() -> None:
    text = ("The senator is holding the spending bill hostage. Separately, two journalists were "
            "released from prison in Tehran on Sunday after a year in detention.")
    assert score_relevance(art(text)).relevant


def test_threshold_argument() -> None:
    a = art("The journalist was detained by security forces in Minsk while covering the protest.")
    r = score_relevance(a)
    assert score_relevance(a, threshold=min(1.0, r.score + 0.01)).relevant is False


def test_no_spacy_import() -> None:
    code = ("import sys, swapwatch.relevance as r, swapwatch.model as m;"
            "r.score_relevance(m.Article(id='x', text='Two hostages were freed.'));"
            "assert 'spacy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- the labelled dev corpora ------------------------------------------------------------------

def _labelled(corpus: str) -> list[tuple[Article, bool]]:
    from conftest import DEV, require_shared

    from swapwatch.ingest.readers import read_paths
    from swapwatch.settings import Settings

    require_shared()
    labels = json.loads((DEV / corpus / "labels.json").read_text())["relevant"]
    out = []
    for a in read_paths([DEV / corpus / "articles"], Settings(db_url="sqlite://")):
        assert isinstance(a, Article), a
        out.append((a, labels[a.name]))
    assert len(out) == len(labels)
    return out


def _counts(pairs: list[tuple[Article, bool]]) -> dict[str, int]:
    c = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for a, gold in pairs:
        pred = score_relevance(a).relevant
        c[("t" if pred == gold else "f") + ("p" if pred else "n")] += 1
    return c


def test_seeds_all_relevant() -> None:
    c = _counts(_labelled("seeds"))
    assert c == {"tp": 3, "fp": 0, "fn": 0, "tn": 0}


def test_whitehouse_recall_and_precision() -> None:
    c = _counts(_labelled("whitehouse"))
    assert c["tp"] == 18 and c["fn"] == 0                    # every relevant document kept
    precision = c["tp"] / (c["tp"] + c["fp"])
    accuracy = (c["tp"] + c["tn"]) / sum(c.values())
    assert precision >= 0.9 and accuracy >= 0.9, c           # measured: 18/18 and 28/28


# --- speed ---------------------------------------------------------------------------------------

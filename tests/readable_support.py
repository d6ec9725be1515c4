"""Small merged databases written straight through the Store, for the readable-pages tests.

``seed_lopsided`` holds what issue 10 describes: one 390-person POW exchange among several
one-for-one swaps, a person detained since a month stated in March 2023 and reported again in
December 2023, a side whose evidence repeats one sentence three times, and articles with titles
and outlets. No extraction runs: the records are exactly what the tests say they are.
"""
from __future__ import annotations

from datetime import date

from swapwatch.model import Article, Evidence, Exchange, MergedRecords, Person, Relevance, Side, StatusEvent

ARTICLES = {
    "a-pow": ("Ukraine and Russia swap 390 prisoners of war", "Harbor Ledger", date(2024, 5, 31)),
    "a-march": ("Reporter arrested in Yekaterinburg", "Northline Wire", date(2023, 3, 30)),
    "a-december": ("Reporter's detention extended again", "Harbor Ledger", date(2023, 12, 20)),
    "a-swap1": ("Two men freed in Abu Dhabi swap", "Northline Wire", date(2022, 12, 8)),
    "a-swap2": ("Teacher swapped for convicted hacker", "Harbor Ledger", date(2025, 2, 11)),
    "a-swap3": ("Marine veteran freed in Turkey", "Northline Wire", date(2022, 4, 27)),
}
POW_SENTENCE = "Ukraine and Russia each released 195 prisoners of war on Friday, 390 in all."
SWAP_SENTENCE = "Andrei Volkov was handed over at the airport in exchange for Tom Hale."


def _article(article_id: str) -> Article:
    title, outlet, published = ARTICLES[article_id]
    text = f"{title}.\n\n{POW_SENTENCE if article_id == 'a-pow' else SWAP_SENTENCE}\n"
    return Article(id=article_id, text=text, title=title, outlet=outlet, published=published, language="en",
                   source=f"seed/{article_id}.txt", name=f"{article_id}-file-stem")


def _ev(article_id: str, field: str, sentence: str = SWAP_SENTENCE, extractor: str = "swapwatch.sides.v1") -> Evidence:
    start = len(ARTICLES[article_id][0]) + 3
    return Evidence(article_id=article_id, start=start, end=start + len(sentence), sentence=sentence,
                    extractor=extractor, field=field)


def _swap(xid: str, day: str, article_id: str, a: str, b: str) -> Exchange:
    return Exchange(
        id=xid, date=day, date_precision="day", kind="swap", location=None, mediators=[], total=2,
        sides=[Side("Russia", "United States", 1, [a], [_ev(article_id, "count")]),
               Side("United States", "Russia", 1, [b], [_ev(article_id, "count")])],
        articles=[article_id], evidence=[_ev(article_id, "date")])


def seed_lopsided(store) -> dict[str, str]:
    """Write the records; returns the ids the tests look up."""
    store.add_articles([(_article(a), Relevance(score=0.9, relevant=True,
                                                 reasons=("in exchange for", "headline release", "-not yet happened", "-blocked:in detention")))
                        for a in ARTICLES])
    repeated = [_ev("a-pow", "count", POW_SENTENCE, "swapwatch.counts.v1") for _ in range(3)]
    pow_exchange = Exchange(
        id="x-pow", date="2024-05-31", date_precision="day", kind="pow_exchange", location=None, mediators=["UAE"],
        total=390, sides=[Side("Russia", "Ukraine", 195, [], repeated), Side("Ukraine", "Russia", 195, [], repeated)],
        articles=["a-pow"], evidence=[_ev("a-pow", "total", POW_SENTENCE, "swapwatch.counts.v1")])
    exchanges = [pow_exchange,
                 _swap("x-swap1", "2022-12-08", "a-swap1", "Tom Hale", "Andrei Volkov"),
                 _swap("x-swap2", "2025-02-11", "a-swap2", "Mary Stone", "Oleg Petrov"),
                 _swap("x-swap3", "2022-04-27", "a-swap3", "Jack Reid", "Ivan Sokolov"),
                 _swap("x-swap4", "2024-05-03", "a-swap2", "Ann Bell", "Pavel Zorin")]
    reporter = Person(
        id="p-reporter", name="Evan Reporter", aliases=[], status="detained", status_date="2023-12-20",
        held_by="Russia", nationality=["United States"], category=["journalist"], role="reporter", charges=["espionage"],
        sentence=None, articles=["a-march", "a-december"],
        history=[StatusEvent("detained", "2023-03", "a-march"), StatusEvent("detained", "2023-12-20", "a-december")],
        evidence=[_ev("a-march", "status", "He was arrested in March 2023.", "swapwatch.persons.v1")])
    again = Person(
        id="p-again", name="Ola Again", aliases=[], status="detained", status_date="2024-06-10", held_by="Belarus",
        nationality=[], category=["activist"], role=None, charges=[], sentence=None, articles=["a-december"],
        history=[StatusEvent("detained", "2019", "a-march"), StatusEvent("released", "2021-02", "a-march"),
                 StatusEvent("detained", "2024-06-10", "a-december")])
    freed = Person(
        id="p-freed", name="Tom Hale", aliases=[], status="exchanged", status_date="2022-12-08", held_by="Russia",
        nationality=["United States"], category=["military"], role=None, charges=[], sentence=None,
        articles=["a-swap1"], history=[StatusEvent("exchanged", "2022-12-08", "a-swap1")])
    store.replace_merged(MergedRecords(exchanges=exchanges, persons=[reporter, again, freed]))
    return {"pow": "x-pow", "reporter": "p-reporter", "again": "p-again", "freed": "p-freed"}

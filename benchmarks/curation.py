"""What the curation log costs a merged rebuild: 10,000 synthetic articles' extractions merged
with and without 10,000 curations applied (target: under 20% more).

Generated extractions (one exchange per article: two sides with one to three named people
each, between two of a dozen countries, on one of 2,000 days; one person mention per name)
go through the real ``merge``; the curations are a mix of every action, keyed as
``swapwatch curate`` keys them (taken from the merged result). Measures, each the best of
``--repeat`` runs, in CPU seconds of this process (``time.process_time``: on a shared
machine wall time measures the neighbours) with wall seconds beside:

1. in memory: the merge, then ``apply_curations`` on a copy of its result; a rebuild with the
   log costs merge + apply, so the overhead is apply / merge;
2. with ``--store``, the real rebuild, ``Store.rebuild_merged`` on an SQLite file (reads the
   extractions and the log, merges, applies, writes every merged row), without and with the log.

usage: python benchmarks/curation.py [--articles 10000] [--curations 10000] [--repeat 1] [--store]
Prints numbers; nothing is asserted.
"""
from __future__ import annotations

import argparse
import pickle
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from swapwatch.merge import merge  # noqa: E402
from swapwatch.merge.curation import apply_curations  # noqa: E402
from swapwatch.merge.curation_structure import side_ref  # noqa: E402
from swapwatch.model import (Article, ArticleExtraction, Curation, Evidence, ExchangeMention,  # noqa: E402
                             MergedRecords, PersonMention, Relevance, SideMention)

GIVEN = "Anna Boris Carlos Dmitri Elena Farid Grace Hassan Irina Jamal Karim Lena Mikhail Nadia Omar Paul".split()
FAMILY = ("Abbasi Bakirov Castillo Dorofeev Efremova Farahani Gromov Haddad Ibragimov Jafari Kuznetsov Lebedev "
          "Morozov Nikitin Orlova Petrov Qureshi Romanov Sokolov Tarasov Usmanov Volkov Wagner Yakovlev Zaitsev").split()
COUNTRIES = ("Russia United States Iran Ukraine Belarus Germany Venezuela Taliban Poland Turkey Qatar "
             "China").split(" ")
COUNTRIES = ["United States" if c == "United" else c for c in COUNTRIES if c != "States"]


SYLLABLES = "ba ko ri mu se ta lo vin dra kesh nor pul zed gam fi hol tur yan wes chi".split()


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(4)).capitalize()


def _ev(article: str, sentence: str, field: str, start: int) -> Evidence:
    return Evidence(article, start, start + len(sentence), sentence, "swapwatch.bench.v1", field)


def synthetic(n: int, seed: int = 7) -> tuple[list[ArticleExtraction], dict[str, date | None]]:
    rng = random.Random(seed)
    first = date(2015, 1, 1)
    extractions, published = [], {}
    for i in range(n):
        aid = f"a{i:06d}"
        day = first + timedelta(days=rng.randrange(2000))
        a, b = rng.sample(COUNTRIES, 2)
        sides, persons = [], []
        for released_by, received_by in ((a, b), (b, a)):
            names = [f"{rng.choice(GIVEN)} {surname(rng)}" for _ in range(rng.randint(1, 3))]
            sentence = f"{released_by} freed {', '.join(names)}."
            sides.append(SideMention(released_by, received_by, len(names), names, [_ev(aid, sentence, "persons", 0)]))
            for name in names:
                persons.append(PersonMention(name=name, status="exchanged", status_date=day.isoformat(),
                                             held_by=released_by, evidence=[_ev(aid, f"{name} was exchanged.",
                                                                                "status", 100)]))
        mention = ExchangeMention(date=day.isoformat(), date_precision="day", kind="swap", sides=sides,
                                  evidence=[_ev(aid, f"The swap on {day}.", "date", 200)])
        extractions.append(ArticleExtraction(aid, "bench.v1", exchanges=[mention], persons=persons))
        published[aid] = day
    return extractions, published


def curation_log(records: MergedRecords, n: int, seed: int = 11) -> list[Curation]:
    """``n`` curations of every kind, keyed on the records' stable keys (as ``apply_curations`` stamps them)."""
    apply_curations(records, [])                      # stamps every record's key
    rng = random.Random(seed)
    xs, ps = records.exchanges, records.persons
    log: list[Curation] = []
    used: set[str] = set()

    def add(action: str, kind: str, key: str, value) -> None:
        log.append(Curation(id=len(log) + 1, action=action, target_kind=kind, target_key=key, field=None, value=value,
                            curator="bench", reason="benchmark", created_at="2025-01-01T00:00:00+00:00"))

    while len(log) < n:
        roll = rng.random()
        x, p = rng.choice(xs), rng.choice(ps)
        if roll < 0.35:
            add("set", "person", p.key, {"status": rng.choice(["released", "detained"]), "held_by": "Russia"})
        elif roll < 0.55:
            add("set", "exchange", x.key, {"total": rng.randrange(2, 40), "kind": "swap"})
        elif roll < 0.65:
            kind = rng.choice(["person", "exchange"])
            add("confirm", kind, p.key if kind == "person" else x.key, {"field": "record"})
        elif roll < 0.72 and x.sides:
            add("set_side", "exchange", x.key, {"side": side_ref(x.sides[0]), "count": rng.randrange(1, 9)})
        elif roll < 0.78 and x.sides:
            add("add_person", "exchange", x.key, {"side": side_ref(x.sides[-1]), "name": f"Added Person{len(log)}"})
        elif roll < 0.82 and p.key not in used:
            used.add(p.key)
            add("not_detainee", "person", p.key, {"name": p.name})
        elif roll < 0.86 and x.key not in used:
            used.add(x.key)
            add("hide", "exchange", x.key, {})
        elif roll < 0.90:
            q = rng.choice(ps)
            if {p.key, q.key} & used or p.key == q.key:
                continue
            used |= {p.key, q.key}
            add("merge_persons", "person", p.key, {"into": q.key})
        elif roll < 0.94:
            y = rng.choice(xs)
            if {x.key, y.key} & used or x.key == y.key:
                continue
            used |= {x.key, y.key}
            add("merge_exchanges", "exchange", x.key, {"into": y.key})
        elif x.key not in used:
            names = [n for s in x.sides for n in s.persons]
            if len(names) < 2:
                continue
            used.add(x.key)
            add("split_exchange", "exchange", x.key, {"names": names[:1]})
        else:
            add("reject", "exchange", x.key, {"field": "total"})
    return log


def best(repeat: int, work) -> tuple[float, float, object]:
    """(CPU seconds, wall seconds, result) of the fastest of ``repeat`` runs."""
    runs, result = [], None
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        result = work()
        runs.append((time.process_time() - cpu, time.perf_counter() - wall))
    cpu, wall = min(runs)
    return cpu, wall, result


def store_rebuilds(extractions, published, log, repeat: int) -> tuple[tuple, tuple, dict]:
    from swapwatch.store import open_store
    from swapwatch.store.schema import CurationRow

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/bench.sqlite")
        relevance = Relevance(score=0.9, relevant=True)
        store.add_articles([(Article(id=x.article_id, text=f"article {x.article_id}", published=published[x.article_id]),
                             relevance) for x in extractions])
        for x in extractions:
            store.save_extraction(x)
        plain = best(repeat, lambda: store.rebuild_merged(merge))[:2]
        with store.session(write=True) as s:
            s.add_all([CurationRow(action=c.action, target_kind=c.target_kind, target_key=c.target_key, field=c.field,
                                   value=c.value, curator=c.curator, reason=c.reason,
                                   created_at=date(2025, 1, 1)) for c in log])
        curated = best(repeat, lambda: store.rebuild_merged(merge, apply_curations))[:2]
        states: dict = {}
        for st in store.curation_states().values():
            states[st["state"]] = states.get(st["state"], 0) + 1
        store.close()
    return plain, curated, states


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--curations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--store", action="store_true", help="Also the real rebuild on an SQLite file (two merges more).")
    args = parser.parse_args()

    extractions, published = synthetic(args.articles)
    merge_cpu, merge_wall, records = best(args.repeat, lambda: merge(extractions, published))
    log = curation_log(records, args.curations)
    print(f"{args.articles:,} articles -> {len(records.exchanges):,} exchanges, {len(records.persons):,} persons; "
          f"{len(log):,} curations")
    frozen = pickle.dumps(records)
    copies = iter([pickle.loads(frozen) for _ in range(args.repeat)])     # apply changes records in place
    from swapwatch.merge import keys

    def apply_cold():       # as a fresh process would: nothing folded yet
        keys.fold.cache_clear()
        return apply_curations(next(copies), log)

    apply_cpu, apply_wall, (_, states) = best(args.repeat, apply_cold)
    counts: dict[str, int] = {}
    for st in states:
        counts[st.state] = counts.get(st.state, 0) + 1
    print(f"merge: {merge_cpu:.2f} s CPU ({merge_wall:.2f} s wall)")
    print(f"apply {len(log):,} curations: {apply_cpu:.2f} s CPU ({apply_wall:.2f} s wall); curations {counts}")
    print(f"rebuild without the log {merge_cpu:.2f} s CPU, with it {merge_cpu + apply_cpu:.2f} s CPU: "
          f"+{apply_cpu / merge_cpu * 100:.1f}%")
    if args.store:
        (plain_cpu, plain_wall), (cur_cpu, cur_wall), counts = store_rebuilds(extractions, published, log, args.repeat)
        print(f"SQLite rebuild_merged: {plain_cpu:.2f} s CPU ({plain_wall:.2f} s wall), with the log {cur_cpu:.2f} s "
              f"CPU ({cur_wall:.2f} s wall): +{(cur_cpu / plain_cpu - 1) * 100:.1f}%; curations {counts}")
    print("target: under +20%")


if __name__ == "__main__":
    main()

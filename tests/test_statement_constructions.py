"""Constructions of official statements on exchanges (invented text), read since extractor v7:
- "an exchange of 206 captives between A and B, of whom 103 were A-ian and 103 B-ian": the figure
  is the whole exchange's, each side's comes from the split;
- "exchanged 300 prisoners, 150 from each side" and "exchanged 150 prisoners each";
- "exchanging 190 captives between A and B ..., with 95 returned to each country";
- "the mediation efforts succeeded in exchanging ...": it happened;
- "UAE mediation frees 206 captives": a mediator's process as the subject lets no one go;
- "the mediation has succeeded in securing the release of ..." happened ("have not yet succeeded"
  did not), and a statement's dateline ("Doha, 21 January 2025 -") dates its news to the day.
"""
from __future__ import annotations

import pytest


def sides_of(ex) -> dict[tuple, int | None]:
    return {(s.released_by, s.received_by): s.count for x in ex.exchanges for s in x.sides}


@pytest.mark.parametrize("text, each, total", [
    ("The Ministry said today that the UAE had succeeded in mediating an exchange of 206 captives between "
     "the Russian Federation and Ukraine, of whom 103 were Russian and 103 Ukrainian.", 103, 206),
    ("The mediation efforts succeeded today in exchanging 190 captives between the Russian Federation and "
     "Ukraine, the ministry announced, with 95 captives returned to each country.", 95, 190),
    ("Russia and Ukraine exchanged 300 prisoners of war on Wednesday, 150 from each side.", 150, 300),
    ("Russia and Ukraine exchanged 150 prisoners of war each on Wednesday.", 150, 300),
])
def test_a_pair_figure_is_the_whole_exchange(extract_item, text, each, total):
    ex = extract_item("Mediation frees captives", text)
    assert sides_of(ex) == {("Russia", "Ukraine"): each, ("Ukraine", "Russia"): each}
    assert ex.exchanges[0].total == total
    assert "Ukraine" not in ex.exchanges[0].mediators and "Russia" not in ex.exchanges[0].mediators


def test_a_mediators_process_as_subject_frees_no_one(extract_item):
    ex = extract_item("UAE mediation frees 206 captives",
                      "The two countries exchanged 206 captives on Saturday, 103 from each side.")
    assert "United Arab Emirates" not in {s.released_by for x in ex.exchanges for s in x.sides}


def test_succeeded_in_securing_a_release_happened_and_not_yet_did_not(extract_item):
    done = extract_item("Mediation succeeds",
                        "Doha, 21 January 2025 - The ministry announced that the mediation has succeeded in "
                        "securing the release of two American citizens held in Afghanistan, Robert Hale and William "
                        "Moran, in exchange for the release of an Afghan national, Karim Zadran.",
                        published="2025-01-21")
    sides = {(s.released_by, s.received_by): (s.count, set(s.persons)) for x in done.exchanges for s in x.sides}
    assert sides[("Taliban", "United States")] == (2, {"Robert Hale", "William Moran"})
    assert done.exchanges[0].date == "2025-01-21"     # the dateline's day, the publication day
    pending = extract_item("Remarks", "While we have not yet succeeded in securing the release of Tom "
                                      "Weller, we will never give up.")
    assert pending.exchanges == []


def test_hostages_and_detainees_freed_by_the_two_enemies(extract_item):
    """"the release of three hostages held in Gaza ... and, overnight, the release of 90 Palestinian
    detainees from a prison, who were brought to A in B and to C": the second release is no running
    tally of places, and its detainees were let go by the hostage-takers' enemy."""
    ex = extract_item("Red Cross facilitates release of hostages and detainees",
                      "Geneva, 20 January 2025 - The International Committee of the Red Cross facilitated on "
                      "Sunday the release of three hostages held in Gaza, who were transferred to the Israeli "
                      "authorities, and, overnight, the release of 90 Palestinian detainees from Ofer prison, who "
                      "were brought to Beitunia in the West Bank and to East Jerusalem.")
    got = sides_of(ex)
    assert got.get(("Hamas", None)) == 3 or got.get(("Hamas", "Israel")) == 3
    assert got.get(("Israel", "Palestine")) == 90

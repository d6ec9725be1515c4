"""Lists that name the people of a release (invented text, invented people), read since v7:
- "freed three Russians: A, a hacker ...; B, jailed ...; and C, accused ...": a colon list;
- a sentence ending in a colon, then one bulleted line per person, a "lawyer facing treason
  charges" among them (the entry says he was held, so the role word does not bar him);
- "came out of Russian prisons" is a release of its subject;
- "Slovenia let go A and B", however the parser hangs "let" and "go".
"""
from __future__ import annotations

from conftest import sides_by_direction as sides_of


def test_a_colon_list_after_a_counted_group_names_its_people(extract_item):
    ex = extract_item("Who went free",
                      "Canada freed three Russians: Oleg Petrenko, a hacker serving 20 years for fraud; Ivan "
                      "Sokolov, jailed for nine years for smuggling; and Mikhail Orlovsky, accused of "
                      "spying for Moscow.")
    count, people = sides_of(ex)[("Canada", "Russia")]
    assert count == 3
    assert set(people) == {"Oleg Petrenko", "Ivan Sokolov", "Mikhail Orlovsky"}


def test_bulleted_lines_after_a_colon_are_the_people_of_the_release(extract_item):
    ex = extract_item("Who was freed",
                      "Four of the five came out of Iranian prisons:\n\n"
                      "- Daniel Harrow, a teacher sentenced to ten years for espionage.\n\n"
                      "- Maria Lenz and Tobias Kern, aid workers held since 2021.\n\n"
                      "- Peter Vance, a lawyer facing treason charges.\n\n"
                      "The fifth was handed over in Oman.")
    side = next(s for x in ex.exchanges for s in x.sides if s.released_by == "Iran")
    assert side.count == 4
    assert set(side.persons) == {"Daniel Harrow", "Maria Lenz", "Tobias Kern", "Peter Vance"}


def test_a_lawyer_in_a_list_without_custody_words_stays_off_the_side(extract_item):
    ex = extract_item("Who was freed",
                      "Two of them came out of Iranian prisons:\n\n"
                      "- Daniel Harrow, a teacher sentenced to ten years for espionage.\n\n"
                      "- Peter Vance, the family's lawyer.\n\n"
                      "Both flew to Muscat.")
    people = {n for x in ex.exchanges for s in x.sides for n in s.persons}
    assert "Daniel Harrow" in people and "Peter Vance" not in people


def test_let_go_names_the_releaser_and_the_freed(extract_item):
    for text in ("Slovenia let go Luka Novak and Eva Kranjc, the couple convicted of spying.",
                 "- Slovenia let go Luka Novak and Eva Kranjc, the couple convicted of spying."):
        ex = extract_item("Releases", text)
        assert sides_of(ex) == {("Slovenia", None): (2, ("Luka Novak", "Eva Kranjc"))}, text

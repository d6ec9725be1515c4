"""A database a browser such as datasette can walk: foreign keys from the names on a side
to their person and from evidence to its exchange or person, and two SQL views:
``who_for_whom`` (one row per exchange, readable) and ``still_held`` (everyone whose latest
status is detained), beside ``side_lines`` (one row per side, which both read).

On SQLite the new columns are added with an inline REFERENCES clause (SQLite cannot add a
constraint to a table any other way short of copying it, which would drop the search
triggers); on PostgreSQL as named constraints. The views are written once per dialect: only
string aggregation and reading the location's JSON differ.

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0006_feeds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, referred table). No ON DELETE: a rebuild deletes children first (schema.MERGED_TABLES),
# and SQLAlchemy cannot read an ON DELETE back from a column's inline REFERENCES on SQLite.
LINKS = (
    ("side_persons", "person_id", "persons"),
    ("evidence", "exchange_id", "exchanges"),
    ("evidence", "person_id", "persons"),
)
VIEWS = ("who_for_whom", "still_held", "side_lines")     # in the order they are dropped

# What the merge already wrote gets its links at once; later rebuilds write them (store/rows.py).
FILL = (
    "UPDATE side_persons SET person_id = coalesce("
    "(SELECT min(p.id) FROM persons AS p WHERE p.name = side_persons.name), "
    "(SELECT min(pa.person_id) FROM person_aliases AS pa WHERE pa.alias = side_persons.name))",
    "UPDATE evidence SET exchange_id = record_id WHERE record_type IN ('exchange', 'side')",
    "UPDATE evidence SET person_id = record_id WHERE record_type = 'person'",
)


def _joined(dialect: str, value: str, order: str, source: str, sep: str) -> str:
    """A scalar subquery: ``value`` of every row of ``source`` in ``order``, joined by ``sep``."""
    if dialect == "postgresql":
        return f"(SELECT string_agg(v, '{sep}' ORDER BY o) FROM (SELECT {value} AS v, {order} AS o {source}) AS t)"
    return f"(SELECT group_concat(v, '{sep}') FROM (SELECT {value} AS v {source} ORDER BY {order}))"


def view_sql(dialect: str) -> dict[str, str]:
    """The SELECT of each view for ``dialect`` ("sqlite" or "postgresql")."""
    city, country = (("(x.location->>'city')", "(x.location->>'country')") if dialect == "postgresql" else
                     ("json_extract(x.location, '$.city')", "json_extract(x.location, '$.country')"))
    text = "text" if dialect == "postgresql" else "TEXT"
    names = _joined(dialect, "sp.name", "sp.position",
                    "FROM side_persons AS sp WHERE sp.exchange_id = s.exchange_id AND sp.side_position = s.position",
                    ", ")
    lines = _joined(dialect, "l.line", "l.position", "FROM side_lines AS l WHERE l.exchange_id = x.id", " | ")
    parties = _joined(dialect, "q.party", "q.party", "FROM (SELECT released_by AS party FROM sides WHERE "
                      "exchange_id = x.id UNION SELECT received_by FROM sides WHERE exchange_id = x.id) AS q "
                      "WHERE q.party IS NOT NULL", ", ")
    released = _joined(dialect, "coalesce(l.released_by, 'unknown party') || ': ' || l.people", "l.position",
                       "FROM side_lines AS l WHERE l.exchange_id = x.id", " | ")
    return {
        "side_lines": f"""
SELECT s.exchange_id, s.position, s.released_by, s.received_by, s.count,
       coalesce({names}, 'unnamed') AS people,
       (SELECT count(*) FROM side_persons AS sp WHERE sp.exchange_id = s.exchange_id
        AND sp.side_position = s.position) AS named,
       coalesce(s.released_by, 'unknown party') || ' -> ' || coalesce(s.received_by, 'unknown party') || ': '
       || coalesce({names}, 'unnamed')
       || CASE WHEN s.count IS NULL THEN '' ELSE ' (' || CAST(s.count AS {text}) || ')' END AS line
FROM sides AS s""",
        "who_for_whom": f"""
SELECT x.id AS exchange_id, x.date, x.kind,
       CASE WHEN coalesce({city}, '') <> '' AND coalesce({country}, '') <> '' THEN {city} || ', ' || {country}
            ELSE coalesce(nullif({city}, ''), nullif({country}, '')) END AS place,
       {parties} AS parties,
       coalesce({lines}, 'no sides recorded') AS who_for_whom,
       {released} AS released_by_each_side,
       x.total,
       (SELECT count(*) FROM sides AS s WHERE s.exchange_id = x.id) AS sides,
       (SELECT count(*) FROM side_persons AS sp WHERE sp.exchange_id = x.id) AS named_people,
       (SELECT count(*) FROM exchange_articles AS xa WHERE xa.exchange_id = x.id) AS articles
FROM exchanges AS x""",
        "still_held": """
SELECT p.id AS person_id, p.name, p.held_by AS holder,
       (SELECT min(e.date) FROM status_events AS e WHERE e.person_id = p.id AND e.status = 'detained'
        AND e.date > coalesce((SELECT max(o.date) FROM status_events AS o WHERE o.person_id = p.id
                               AND o.status <> 'detained'), '')) AS since,
       p.status_date,
       (SELECT max(a.published) FROM person_articles AS pa JOIN articles AS a ON a.id = pa.article_id
        WHERE pa.person_id = p.id) AS last_reported,
       (SELECT count(*) FROM person_articles AS pa WHERE pa.person_id = p.id) AS articles,
       p.role, p.sentence
FROM persons AS p
WHERE p.status = 'detained'""",
    }


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, column, parent in LINKS:
        if dialect == "sqlite":
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR REFERENCES {parent} (id)")
        else:
            op.add_column(table, sa.Column(column, sa.String(), nullable=True))
            op.create_foreign_key(op.f(f"fk_{table}_{column}_{parent}"), table, parent, [column], ["id"])
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
    for statement in FILL:
        op.execute(statement)
    sql = view_sql(dialect)
    for name in reversed(VIEWS):
        op.execute(f"CREATE VIEW {name} AS {sql[name]}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for table, column, parent in reversed(LINKS):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        if dialect == "sqlite":
            with op.batch_alter_table(table) as batch:      # SQLite drops no column that references another
                batch.drop_column(column)
        else:
            op.drop_constraint(op.f(f"fk_{table}_{column}_{parent}"), table, type_="foreignkey")
            op.drop_column(table, column)

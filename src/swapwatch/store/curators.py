"""The Store's curator methods (migration 0005), kept apart from store.py: who may curate,
and their web sessions. Only hashes of secrets are stored; the caller hashes (``swapwatch.curators``)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..errors import InvalidRequest, NotFound
from .schema import CurationRow, CuratorRow, CuratorSessionRow, ExtractionRow


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _curator(row: CuratorRow) -> dict[str, Any]:
    revoked = _utc(row.revoked_at)
    return {"id": row.id, "name": row.name, "created_at": _utc(row.created_at).isoformat(timespec="seconds"),
            "revoked_at": revoked.isoformat(timespec="seconds") if revoked else None}


class CuratorMethods:
    """Mixed into ``Store``: needs its ``session`` and ``_write``."""

    def merged_version(self) -> tuple:
        """Changes whenever a rebuild can give other records: a curation appended (an undo is one
        too) or an extraction stored. Cheap on both backends (three aggregate reads)."""
        with self.session() as s:  # type: ignore[attr-defined]
            row = s.execute(select(select(func.max(CurationRow.id)).scalar_subquery(),
                                   select(func.count()).select_from(ExtractionRow).scalar_subquery(),
                                   select(func.max(ExtractionRow.created_at)).scalar_subquery())).one()
        return (row[0], row[1], str(row[2]))

    def add_curator(self, name: str, token_hash: str, now: datetime) -> dict[str, Any]:
        def work(s: Session) -> dict[str, Any]:
            live = s.scalars(select(CuratorRow).where(CuratorRow.name == name, CuratorRow.revoked_at.is_(None)))
            if live.first() is not None:
                raise InvalidRequest(f"a curator named {name!r} exists; revoke it first (swapwatch curators revoke)",
                                     code="exists")
            row = CuratorRow(name=name, token_hash=token_hash, created_at=now)
            s.add(row)
            s.flush()
            return _curator(row)

        return self._write(work)  # type: ignore[attr-defined]

    def list_curators(self) -> list[dict[str, Any]]:
        with self.session() as s:  # type: ignore[attr-defined]
            return [_curator(r) for r in s.scalars(select(CuratorRow).order_by(CuratorRow.id))]

    def live_token_hashes(self) -> list[tuple[int, str, str]]:
        """(id, name, token hash) of every curator not revoked."""
        with self.session() as s:  # type: ignore[attr-defined]
            rows = s.execute(select(CuratorRow.id, CuratorRow.name, CuratorRow.token_hash)
                             .where(CuratorRow.revoked_at.is_(None)).order_by(CuratorRow.id))
            return [(r.id, r.name, r.token_hash) for r in rows]

    def revoke_curator(self, name: str, now: datetime) -> dict[str, Any]:
        def work(s: Session) -> dict[str, Any]:
            rows = list(s.scalars(select(CuratorRow).where(CuratorRow.name == name, CuratorRow.revoked_at.is_(None))))
            if not rows:
                raise NotFound(f"no live curator named {name!r} (swapwatch curators list shows them)")
            ids = [r.id for r in rows]
            s.execute(update(CuratorRow).where(CuratorRow.id.in_(ids)).values(revoked_at=now))
            s.execute(delete(CuratorSessionRow).where(CuratorSessionRow.curator_id.in_(ids)))
            s.flush()
            return _curator(s.get(CuratorRow, ids[0]))

        return self._write(work)  # type: ignore[attr-defined]

    def add_session(self, id_hash: str, curator_id: int, csrf: str, now: datetime, expires: datetime) -> None:
        def work(s: Session) -> None:
            s.execute(delete(CuratorSessionRow).where(CuratorSessionRow.expires_at < now))
            s.add(CuratorSessionRow(id_hash=id_hash, curator_id=curator_id, csrf=csrf, created_at=now,
                                    expires_at=expires))

        self._write(work)  # type: ignore[attr-defined]

    def session_curator(self, id_hash: str, now: datetime) -> dict[str, Any] | None:
        """The live curator and CSRF token of a session that has not expired, else None."""
        with self.session() as s:  # type: ignore[attr-defined]
            row = s.execute(select(CuratorSessionRow.csrf, CuratorSessionRow.expires_at, CuratorRow.id,
                                   CuratorRow.name)
                            .join(CuratorRow, CuratorRow.id == CuratorSessionRow.curator_id)
                            .where(CuratorSessionRow.id_hash == id_hash, CuratorRow.revoked_at.is_(None))).first()
        if row is None or _utc(row.expires_at) <= now:
            return None
        return {"id": row.id, "name": row.name, "csrf": row.csrf}

    def end_session(self, id_hash: str) -> None:
        self._write(lambda s: s.execute(delete(CuratorSessionRow).where(CuratorSessionRow.id_hash == id_hash)))  # type: ignore[attr-defined]

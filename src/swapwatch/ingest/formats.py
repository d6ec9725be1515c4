"""One reader per input format; each yields Articles and IngestFailures for one file.

Whole-file readers check the size on disk before reading a byte; the JSON Lines reader
streams (gzip included) and applies the size limit to each line, so a 50 MB feed never
sits in memory and one bad line costs only that line.
"""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Article
from ..settings import Settings
from .decode import declared_charset, decode_bytes
from .failure import IngestFailure, Reject, size_reason
from .html import extract_html
from .markdown import markdown_to_text, split_front_matter
from .records import build_article, pick_meta, record_name, record_text

Result = Article | IngestFailure


def os_reject(e: OSError) -> Reject:
    """One clear reason for each way the operating system can refuse a file."""
    if isinstance(e, FileNotFoundError):
        return Reject("file vanished before it could be read")
    if isinstance(e, PermissionError):
        return Reject("permission denied")
    if isinstance(e, IsADirectoryError):
        return Reject("is a folder, not a file")
    return Reject(f"could not be read: {e.strerror or e}")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after checking its size on disk; Reject for every reason it cannot be read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Reject(size_reason(size, max_bytes))
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise os_reject(e) from None
    if len(data) > max_bytes:              # grew while we looked, or a special file
        raise Reject(f"over the {size_reason(len(data), max_bytes).split(' over the ')[1]}")
    if not data:
        raise Reject("empty")
    return data


def read_sidecar(path: Path, settings: Settings) -> dict[str, Any]:
    """The metadata of a ``<stem>.json`` sidecar; a broken one is the article's failure."""
    try:
        data = read_bytes(path, settings.max_bytes)
        record = load_json(decode_bytes(data))
    except Reject as e:
        raise Reject(f"metadata sidecar {path.name}: {e.reason}") from None
    if not isinstance(record, dict):
        raise Reject(f"metadata sidecar {path.name}: not a JSON object")
    return pick_meta(record)


def _with_sidecar(meta: dict[str, Any], sidecar: Path | None, settings: Settings) -> dict[str, Any]:
    if sidecar is None:
        return meta
    return {**meta, **read_sidecar(sidecar, settings)}   # the sidecar overrides what the file says


def read_text(path: Path, settings: Settings, sidecar: Path | None, data: bytes | None = None) -> Article:
    data = read_bytes(path, settings.max_bytes) if data is None else data
    text = decode_bytes(data)
    meta = _with_sidecar({}, sidecar, settings)
    return build_article(text, source=str(path), name=path.stem, meta=meta, settings=settings)


def read_html(path: Path, settings: Settings, sidecar: Path | None, data: bytes | None = None) -> Article:
    data = read_bytes(path, settings.max_bytes) if data is None else data
    markup = decode_bytes(data, declared_charset(data))
    text, found = extract_html(markup, settings)
    meta = _with_sidecar(found, sidecar, settings)
    return build_article(text, source=str(path), name=path.stem, meta=meta, settings=settings)


def read_markdown(path: Path, settings: Settings, sidecar: Path | None, data: bytes | None = None) -> Article:
    data = read_bytes(path, settings.max_bytes) if data is None else data
    front, body = split_front_matter(decode_bytes(data), settings.max_front_matter_chars)
    meta = _with_sidecar(pick_meta(front), sidecar, settings)
    return build_article(markdown_to_text(body), source=str(path), name=path.stem, meta=meta,
                         settings=settings)


def _json_error(e: json.JSONDecodeError, *, with_line: bool = True) -> str:
    where = f"line {e.lineno}, column {e.colno}" if with_line else f"column {e.colno}"
    return f"malformed JSON: {e.msg} ({where})"


def load_json(text: str, *, with_line: bool = True) -> Any:
    """``json.loads``, with every way it can refuse hostile input turned into a Reject.

    Besides malformed JSON: nesting deeper than Python's recursion allows, and integers
    longer than Python converts (4,300 digits), both of which json raises as other errors.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise Reject(_json_error(e, with_line=with_line)) from None
    except RecursionError:
        raise Reject("JSON nested too deeply to read (over ~1,000 levels)") from None
    except ValueError as e:           # e.g. "Exceeds the limit (4300 digits) for integer string conversion"
        raise Reject(f"unreadable JSON value: {str(e).split(';')[0]}") from None


def _record_article(record: Any, source: str, name: str | None, settings: Settings) -> Article:
    if not isinstance(record, dict):
        raise Reject("not a JSON object")
    text = record_text(record)
    meta = pick_meta(record)
    if not text.strip() and meta.get("title"):
        text = meta["title"]        # feeds often carry a headline only: it is the whole article
    return build_article(text, source=source, name=record_name(record) or name,
                         meta=meta, settings=settings)


def read_json(path: Path, settings: Settings, data: bytes | None = None) -> Iterator[Result]:
    """One article object, or a list of them; JSON Lines mislabelled as .json is read as such."""
    data = read_bytes(path, settings.max_bytes) if data is None else data
    text = decode_bytes(data)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":          # several objects one per line: JSON Lines after all
            import io
            yield from _iter_lines(io.BytesIO(data), path, settings)
            return
        raise Reject(_json_error(e)) from None
    except ValueError:                     # too deep, too many digits: the same words as everywhere
        value = load_json(text)
    if isinstance(value, dict):
        yield _record_article(value, str(path), path.stem, settings)
        return
    if not isinstance(value, list):
        raise Reject("not a JSON object or a list of objects")
    if not value:
        raise Reject("empty (a JSON list with no articles)")
    for i, item in enumerate(value):
        source = f"{path}[{i}]"
        try:
            yield _record_article(item, source, None, settings)
        except Reject as e:
            yield IngestFailure(source, f"item {i}: {e.reason}")
        except Exception as e:      # noqa: BLE001 -- one odd item must not cost the rest of the list
            yield IngestFailure(source, f"item {i}: unexpected error: {type(e).__name__}: {e}")


def _skip_rest_of_line(stream: BinaryIO, chunk: int) -> int:
    """Consume what is left of an over-long line without keeping it; return its length."""
    skipped = 0
    while True:
        part = stream.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def _iter_lines(stream: BinaryIO, path: Path, settings: Settings,
                position: list[int] | None = None) -> Iterator[Result]:
    """Articles and failures line by line; ``position[0]`` tracks the line being read."""
    limit = settings.max_bytes
    position = position if position is not None else [0]
    lineno = 0
    while True:
        position[0] = lineno + 1
        raw = stream.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        source = f"{path}:{lineno}"
        if len(raw) > limit and not raw.endswith(b"\n"):
            size = len(raw) + _skip_rest_of_line(stream, 1 << 20)
            yield IngestFailure(source, f"line {lineno}: {size_reason(size, limit)}")
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise Reject(f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start} of the line)") from None
            record = load_json(line, with_line=False)
            yield _record_article(record, source, None, settings)
        except Reject as e:
            yield IngestFailure(source, f"line {lineno}: {e.reason}")
        except Exception as e:      # noqa: BLE001 -- one odd line must not cost the rest of the file
            yield IngestFailure(source, f"line {lineno}: unexpected error: {type(e).__name__}: {e}")


def read_jsonl(path: Path, settings: Settings) -> Iterator[Result]:
    """Stream a JSON Lines file (plain or gzip); damage stops only the rest of a broken gzip."""
    try:
        with path.open("rb") as raw:
            magic = raw.read(2)
            raw.seek(0)
            if magic == b"\x1f\x8b":
                stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
            elif path.name.lower().endswith(".gz"):
                raise Reject("not a gzip file despite its .gz name")
            else:
                stream = raw
            position = [0]
            lines = _iter_lines(stream, path, settings, position)
            produced = 0
            while True:
                try:
                    item = next(lines)
                except StopIteration:
                    break
                except (EOFError, OSError, zlib.error) as e:
                    at = position[0]
                    yield IngestFailure(f"{path}:{at}", f"line {at}: the compressed stream is damaged "
                                        f"here ({e}); the lines before it were read")
                    return
                produced += 1
                yield item
            if produced == 0:
                raise Reject("empty (no JSON lines)")
    except OSError as e:
        raise os_reject(e) from None

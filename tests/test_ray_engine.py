"""The Ray engine on a real local Ray cluster (one per test module, two CPUs): the same
database as the single-process engine, failures per article, dead workers replaced."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DEV, require_shared
from swapwatch import service
from swapwatch.cli import app
from swapwatch.engines.ray_engine import RayEngine
from swapwatch.export import export_json
from swapwatch.model import Article
from swapwatch.settings import load_settings
from swapwatch.store import open_store

DEMO = Path(__file__).resolve().parents[1] / "examples" / "articles"
MARK = "Yaroshenko"          # the demo article the fault injections below pick on


@pytest.fixture(scope="module")
def ray_cluster():
    import ray
    import ray.cloudpickle

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=200 * 1024 * 1024)
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])   # the fault injections travel by value
    yield ray
    ray.shutdown()


def fails_on_mark(articles: list[Article]) -> service.BatchOutcome:
    """A worker's extraction that raises on one article (a batch with it raises as a whole)."""
    if any(MARK in a.text for a in articles):
        raise RuntimeError("injected fault")
    return service.extract_safely(articles)


def dies_on_mark(articles: list[Article]) -> service.BatchOutcome:
    """A worker process that dies outright (like a segfault) on one article."""
    if any(MARK in a.text for a in articles):
        os._exit(3)
    return service.extract_safely(articles)


def run(url: str, paths: list[Path], settings_changes: dict, engine=None) -> tuple[service.IngestSummary, str, list]:
    settings = load_settings(url, **settings_changes)
    store = open_store(settings.db_url)
    try:
        summary = service.ingest(store, paths, settings, engine=engine)
        export = export_json(store.load_merged(), store.article_names())
        return summary, export, [e.to_dict() for e in store.extractions()]
    finally:
        store.close()


def copy_demo(names: list[str], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        for suffix in (".txt", ".json"):
            shutil.copy(DEMO / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def test_ray_and_single_process_give_identical_databases_on_the_dev_corpora(ray_cluster, db_url, new_db_url):
    require_shared()
    paths = [DEV / "seeds" / "articles", DEV / "whitehouse" / "articles", DEMO]
    small_batches = {"batch_size": 20}       # several read batches: reading overlaps extraction
    single = run(new_db_url(), paths, small_batches)
    with RayEngine(workers=2, read_chunk=3) as engine:
        ray = run(db_url, paths, small_batches, engine=engine)
        assert engine.stats.tasks > 10 and all(busy > 0 for busy in engine.stats.worker_busy_s)
    assert ray[0].to_dict() == single[0].to_dict()
    assert single[0].extracted >= 30
    assert ray[1] == single[1]                # export, byte for byte
    assert ray[2] == single[2]                # every extraction payload


def test_workers_read_every_format_and_report_the_same_failures(ray_cluster, db_url, new_db_url, tmp_path):
    folder = copy_demo(["fogel-released", "football-derby-draw"], tmp_path / "in")
    (folder / "same-as-fogel.txt").write_text((DEMO / "fogel-released.txt").read_text(encoding="utf-8"))
    (folder / "page.html").write_text("<html><body><h1>Freed</h1><p>Belarus released Tomas Varga, a "
                                      "journalist jailed for espionage, on Tuesday.</p></body></html>")
    (folder / "empty.txt").write_text("")
    (folder / "blob.bin").write_bytes(b"\x00\x01\x02" * 100)
    lines = [json.dumps({"title": "Swap", "text": "Lithuania released Igor Danko in a prisoner swap."}),
             "{not json", json.dumps({"text": "Riverside beat Harbor City 2-1 on Saturday."})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    single = run(new_db_url(), [folder, tmp_path / "missing.txt"], {})
    with RayEngine(workers=2, read_chunk=2, score_chunk=1) as engine:
        ray = run(db_url, [folder, tmp_path / "missing.txt"], {}, engine=engine)
    assert [(f.source, f.reason) for f in ray[0].failures] == [(f.source, f.reason) for f in single[0].failures]
    assert ray[0].to_dict() == single[0].to_dict()
    assert single[0].to_dict()["duplicates"] == 1 and single[0].failed == 4
    assert ray[1] == single[1] and ray[2] == single[2]     # the first copy's name is kept by both


def test_an_article_that_fails_in_a_worker_is_reported_and_finished_on_the_next_run(ray_cluster, db_url, tmp_path):
    folder = copy_demo(["griner-bout-abu-dhabi", "reed-yaroshenko-turkey", "fogel-released"], tmp_path / "in")
    with RayEngine(workers=2, extract_fn=fails_on_mark) as engine:
        summary, _, payloads = run(db_url, [folder], {}, engine=engine)
    assert summary.failed == 1 and summary.extracted == 2
    assert "reed-yaroshenko-turkey" in summary.failures[0].source
    assert "injected fault" in summary.failures[0].reason
    assert len(payloads) == 2
    with RayEngine(workers=1) as engine:
        again, export, payloads = run(db_url, [folder], {}, engine=engine)
    assert (again.ingested, again.duplicates, again.extracted, again.failed) == (0, 3, 1, 0)
    assert len(payloads) == 3 and "Yaroshenko" in export


def test_a_worker_that_dies_is_replaced_and_only_its_article_is_lost(ray_cluster, db_url, tmp_path):
    folder = copy_demo(["griner-bout-abu-dhabi", "reed-yaroshenko-turkey", "fogel-released"], tmp_path / "in")
    with RayEngine(workers=1, extract_fn=dies_on_mark) as engine:
        summary, _, payloads = run(db_url, [folder], {}, engine=engine)
        assert engine.stats.workers_lost == 2      # the batch of three, then the article alone
    assert summary.failed == 1 and summary.extracted == 2 and len(payloads) == 2
    assert "reed-yaroshenko-turkey" in summary.failures[0].source
    assert "extraction failed in a worker" in summary.failures[0].reason


def test_cli_ingest_on_ray(ray_cluster, db_url, tmp_path):
    folder = copy_demo(["fogel-released", "football-derby-draw"], tmp_path / "in")
    result = CliRunner().invoke(app, ["ingest", "--db", db_url, "-q", "--engine", "ray", "--workers", "1", str(folder)])
    assert result.exit_code == 0, result.output
    assert "ingested 2, duplicates 0, irrelevant 1, extracted 1, failed 0" in result.output
    assert ray_cluster.is_initialized()        # the engine leaves a cluster it did not start running

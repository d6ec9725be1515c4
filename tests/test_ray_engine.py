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
RAISES, DIES = "Yaroshenko", "Navalny"    # the demo articles the fault injection picks on


@pytest.fixture(scope="module")
def ray_cluster():
    import ray
    import ray.cloudpickle

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=200 * 1024 * 1024)
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])   # the fault injections travel by value
    yield ray
    ray.shutdown()


def faulty_extraction(articles: list[Article]) -> service.BatchOutcome:
    """A worker's extraction that raises on one article and kills its process (like a segfault)
    on another; a batch holding either fails as a whole."""
    if any(DIES in a.text for a in articles):
        os._exit(3)
    if any(RAISES in a.text for a in articles):
        raise RuntimeError("injected fault")
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


def test_failures_in_workers_cost_one_article_each_and_the_next_run_finishes_them(ray_cluster, db_url, tmp_path):
    names = ["griner-bout-abu-dhabi", "reed-yaroshenko-turkey", "fogel-released", "navalny-death-in-custody"]
    folder = copy_demo(names, tmp_path / "in")
    with RayEngine(workers=2, extract_fn=faulty_extraction) as engine:
        summary, _, payloads = run(db_url, [folder], {}, engine=engine)
        assert engine.stats.workers_lost == 2      # the whole batch, then the one article alone
    assert (summary.extracted, summary.failed, len(payloads)) == (2, 2, 2)
    reasons = {Path(f.source).stem: f.reason for f in summary.failures}
    assert reasons.keys() == {"reed-yaroshenko-turkey", "navalny-death-in-custody"}
    assert "injected fault" in reasons["reed-yaroshenko-turkey"]
    assert reasons["navalny-death-in-custody"].startswith("extraction failed in a worker (")

    result = CliRunner().invoke(app, ["ingest", "--db", db_url, "-q", "--engine", "ray", "--workers", "1", str(folder)])
    assert result.exit_code == 0, result.output
    assert "ingested 0, duplicates 4, irrelevant 0, extracted 2, failed 0" in result.output
    assert ray_cluster.is_initialized()        # the engine leaves a cluster it did not start running

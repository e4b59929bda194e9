"""translate mt --ray: on Ray workers, the catalogs, cache and counts of an in-process run, byte for byte.

One local Ray instance serves the module (Ray takes seconds to start); a run finds it connected and
uses it, as a program that called ray.init itself would. `--ray local` starting and stopping its own
instance, and an address nothing answers at, run as the command does, in a subprocess.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require, write_article
from tests.support import builder
from tests.support.corpus import CORPUS
from translate.cli import main
from translate.errors import InputError
from translate.mt import cluster, packages
from translate.mt.engine import Engine, Router, Settings

PLACES = ("Hyesan", "Musan", "Sinuiju", "Kaesong", "Wonsan", "Chongjin", "Rason", "Hamhung")
GOODS = ("rice", "corn", "diesel", "batteries", "cooking oil", "soap", "cigarettes", "flour", "sugar")


def article() -> str:
    """72 sentences of many lengths (many batches), no numbers or links: nothing to protect or re-decode."""
    sentences = [
        f"Traders in {place} said {goods} prices rose{' again' * (n % 5)}{' after the border closed' * (n % 3)}."
        for n, (place, goods) in enumerate((p, g) for p in PLACES for g in GOODS)
    ]
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "---\ntitle: Prices at the border markets\n---\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """en→ko and en→ja packages whose random decoders stop after about 12 tokens (fast, as trained ones stop)."""
    folder = tmp_path_factory.mktemp("cluster")
    for n, tgt in enumerate(("ko", "ja")):
        model = builder.build(folder / f"en_{tgt}.argosmodel", "en", tgt, CORPUS, seed=n, stop_after=12)
        packages.install(model, folder / "packages")
    return folder / "packages"


@pytest.fixture(scope="module")
def sent(tmp_path_factory) -> Path:
    """Where the workers unpack the models they are sent ($TRANSLATE_RAY_MODELS on every node)."""
    return tmp_path_factory.mktemp("sent")


@pytest.fixture(scope="module")
def ray_instance(sent):
    require(importlib.util.find_spec("ray"), "ray is not installed: pip install 'newsdesk-translate[ray]'")
    import ray

    ray.init(
        address="local",
        num_cpus=2,
        include_dashboard=False,
        logging_level=logging.ERROR,
        log_to_driver=False,
        runtime_env={"env_vars": {cluster.MODELS_ENV: str(sent)}},
    )
    yield ray
    ray.shutdown()


@pytest.fixture
def env(installed, monkeypatch) -> dict[str, str]:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(installed))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    return {**os.environ}


@pytest.fixture
def base(tmp_path, env) -> Path:
    """A workspace (en → ko, ja) with 73 units to translate: 72 sentences of many lengths and a title."""
    folder = tmp_path / "base"
    folder.mkdir()
    (folder / "translate.toml").write_text('[workspace]\nlanguages = ["en", "ko", "ja"]\n', encoding="utf-8")
    write_article(folder, "prices.md", article())
    assert main(["-C", str(folder), "update"]) == 0
    return folder


def mt(folder: Path, capsys, *options: str) -> dict:
    capsys.readouterr()
    code = main(["-C", str(folder), "mt", "--json", *options])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def catalogs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.glob("locales/*/*.po"))}


def kept(folder: Path) -> dict[str, dict[str, str]]:
    """The MT cache: per file, source → output (a cluster keeps batches in the order they come back)."""
    files = sorted((folder / ".translate/cache/mt").glob("*.jsonl"))
    return {p.name: dict(map(lambda r: (r["source"], r["output"]), map(json.loads, p.open()))) for p in files}


def copy(base: Path, name: str) -> Path:
    return Path(shutil.copytree(base, base.parent / name))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_ray_run_writes_the_catalogs_and_cache_of_an_in_process_run(ray_instance, base, capsys, workers):
    alone = copy(base, "alone")
    expected = mt(alone, capsys)
    assert expected["units"] == 146 and expected["cached"] == 0
    on_ray = copy(base, "ray")
    report = mt(on_ray, capsys, "--ray", "local", "--ray-workers", str(workers), "--ray-threads", "1")
    assert report == expected
    assert catalogs(on_ray) == catalogs(alone)
    assert kept(on_ray) == kept(alone) and len(kept(on_ray)) == 2  # one file per package, the same lines
    rerun = copy(base, "rerun")  # the cluster's cache serves an in-process run: nothing goes to a model
    shutil.copytree(on_ray / ".translate", rerun / ".translate", dirs_exist_ok=True)
    assert mt(rerun, capsys)["cached"] == 146
    assert catalogs(rerun) == catalogs(alone)


def test_a_run_killed_half_way_resumes_on_the_cluster(ray_instance, base, capsys):
    alone = copy(base, "alone")
    mt(alone, capsys)
    resumed = copy(base, "resumed")  # the cache a killed run leaves: the first 30 sentences of each package
    (resumed / ".translate/cache/mt").mkdir(parents=True, exist_ok=True)
    for name, pairs in kept(alone).items():
        lines = [json.dumps({"source": s, "output": o}, ensure_ascii=False) for s, o in list(pairs.items())[:30]]
        (resumed / ".translate/cache/mt" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert mt(resumed, capsys, "--ray", "local")["cached"] == 60  # only the rest went to the workers
    assert catalogs(resumed) == catalogs(alone)
    assert kept(resumed) == kept(alone)


def test_workers_without_the_model_folder_are_sent_it(ray_instance, base, capsys, sent, installed):
    alone = copy(base, "alone")
    mt(alone, capsys, "--no-cache")
    shipped = copy(base, "shipped")
    mt(shipped, capsys, "--no-cache", "--ray", "local", "--ray-workers", "2", "--ray-ship-models")
    assert catalogs(shipped) == catalogs(alone)
    for folder in installed.iterdir():  # each package unpacked once per node, named after its content
        here = sent / cluster.fingerprint(folder)
        assert (here / ".complete").is_file() and (here / "model/model.bin").read_bytes() == (
            folder / "model/model.bin"
        ).read_bytes()


def test_a_worker_uses_the_drivers_path_only_with_the_same_files(installed, tmp_path, monkeypatch):
    monkeypatch.setenv(cluster.MODELS_ENV, str(tmp_path / "sent"))
    package = next(installed.iterdir())
    digest = cluster.fingerprint(package)
    worker = cluster.Worker()
    assert worker.has(str(package), digest)
    assert not worker.has(str(tmp_path / "elsewhere"), digest)
    stale = Path(shutil.copytree(package, tmp_path / "stale"))
    (stale / "sentencepiece.model").write_bytes(b"x" + (stale / "sentencepiece.model").read_bytes()[1:])
    assert not worker.has(str(stale), digest)  # same path and sizes, other bytes: another model


def test_a_worker_failure_is_one_line_naming_the_model(ray_instance, env, installed, tmp_path):
    router = cluster.RayRouter(Router(), cluster.Cluster("local", workers=1))
    with router:
        router._start()
        package = packages.installed(installed)[0]
        gone = cluster.dataclasses.replace(package, path=tmp_path / "gone")
        load = router.workers[0].load.remote("k", Engine, gone, Settings(), "0" * 32, None)
        with pytest.raises(InputError) as caught:
            router._get([load])
    node = ray_instance.util.get_node_ip_address()
    assert (
        str(caught.value)
        == f"{tmp_path / 'gone'}: on the Ray node {node}: the model folder is not on this node and was not sent"
    )


def test_workers_that_do_not_fit_and_bad_addresses_are_refused(ray_instance, base, capsys):
    code = main(["-C", str(base), "mt", "--ray", "local", "--ray-workers", "3", "--ray-threads", "1"])
    assert code == 2
    assert capsys.readouterr().err == (
        "translate: error: 3 Ray worker(s) of 1 thread(s) do not fit the cluster's 2 CPUs (2 do)\n"
    )
    for address, problem in [
        ("nowhere", "not a Ray address: 'nowhere' (local, auto, HOST:PORT or ray://HOST:PORT)"),
        ("ray://head:port", "not a Ray address: 'ray://head:port' (local, auto, HOST:PORT or ray://HOST:PORT)"),
    ]:
        assert main(["-C", str(base), "mt", "--ray", address]) == 2
        assert capsys.readouterr().err == f"translate: error: {problem}\n"
    assert main(["-C", str(base), "mt", "--ray-workers", "2"]) == 2
    assert "need --ray ADDRESS" in capsys.readouterr().err
    assert cluster.sizes(cluster.Cluster("auto"), [8, 2]) == (2, 4)  # 4 threads: two fit the 8-CPU node
    assert cluster.sizes(cluster.Cluster("auto", workers=5), [8, 2]) == (5, 2)
    assert cluster.sizes(cluster.Cluster("auto", threads=1), [8, 2]) == (10, 1)


def test_ray_local_starts_and_stops_its_own_instance_and_unreachable_clusters_are_one_line(base, env, capsys):
    require(importlib.util.find_spec("ray"), "ray is not installed: pip install 'newsdesk-translate[ray]'")
    alone = copy(base, "alone")
    mt(alone, capsys, "--no-cache")
    started = copy(base, "started")
    command = [sys.executable, "-m", "translate", "mt", "--no-cache", "--ray", "local", "--ray-workers", "2"]
    done = subprocess.run(command, cwd=started, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""
    assert catalogs(started) == catalogs(alone)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = subprocess.run(
        [*command[:-4], "--ray", f"127.0.0.1:{port}"], cwd=base, env=env, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"translate: error: cannot reach the Ray cluster at 127.0.0.1:{port}: Connection refused\n",
    )
    with pytest.raises(
        InputError, match=f"^cannot reach the Ray cluster at ray://127.0.0.1:{port}: Connection refused$"
    ):
        cluster._reachable(f"ray://127.0.0.1:{port}")


def test_without_ray_installed_ray_says_what_to_install(base, env, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` meets where it is not installed
    assert main(["-C", str(base), "mt", "--ray", "local"]) == 2
    assert capsys.readouterr().err == "translate: error: --ray needs Ray: pip install 'newsdesk-translate[ray]'\n"

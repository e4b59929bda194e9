"""``translate mt --ray``: the same translation on a Ray cluster, each worker loading its models once.

The driver (the machine that runs ``translate mt``) keeps everything that
decides the output except the model's arithmetic: it loads each hop's engine
as an in-process run does (tokenizer, decoding, the MT cache), looks the
sentences up in the cache, tokenizes the rest and cuts exactly the batches an
in-process run cuts. Only those batches go to the workers (Ray actors), which
run them through CTranslate2 with the engine's own call and send back the
hypothesis tokens; the driver decodes them, keeps each batch in the cache as it
comes back (so a killed cluster run resumes, on the cluster or in-process) and
counts progress per batch. Same batches, same int8 arithmetic, same decoding:
the catalogs are those of an in-process run, byte for byte.

Models: a worker uses the package folder at the driver's path when the files
there have the same content (a shared or synced folder); otherwise the driver
puts the folder in Ray's object store once and each node unpacks it into a
temporary folder named after its content, which later runs on that node reuse.

What stays on the driver: the catalogs, translation memory, placeholders, the
cache, and the second, constrained decode of the few units whose output lost a
placeholder (translate/mt/redecode.py, with the driver's own engine, which is
why the driver loads each model too). Workers need this package and the same
CTranslate2 version (checked: another version may round differently); they
should have the same CPU family, since int8 kernels differ between instruction
sets.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import os
import socket
import tarfile
import tempfile
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.errors import InputError
from translate.mt.engine import Engine, Router, Settings
from translate.mt.packages import Package

LOCAL = "local"
MAX_THREADS = 4  # batches one worker runs at once, as Settings.inter_threads caps them in-process
START_TIMEOUT = 300  # seconds for the workers to start (an autoscaling cluster adds nodes in minutes)
INSTALL = "--ray needs Ray: pip install 'newsdesk-translate[ray]'"
MODELS_ENV = "TRANSLATE_RAY_MODELS"  # where a node unpacks the models it is sent


@dataclass(frozen=True)
class Cluster:
    """Where and how wide: ``translate mt --ray ADDRESS [--ray-workers N] [--ray-threads T]``."""

    address: str  # "local" (a Ray instance started for the run), "auto", "HOST:6379", "ray://HOST:10001"
    workers: int | None = None  # None: as many as fit the cluster's CPUs
    threads: int | None = None  # CPUs (parallel batches) per worker; None: see sizes()
    ship_models: bool = False  # send the model folders through the object store even where the path exists

    def __post_init__(self) -> None:
        if self.address not in (LOCAL, "auto"):
            host, _, port = self.address.removeprefix("ray://").rpartition(":")
            if not host.strip() or not port.isdigit():
                raise InputError(f"not a Ray address: {self.address!r} (local, auto, HOST:PORT or ray://HOST:PORT)")
        for option, value in (("--ray-workers", self.workers), ("--ray-threads", self.threads)):
            if value is not None and value < 1:
                raise InputError(f"{option} must be 1 or more, not {value}")


def sizes(cluster: Cluster, node_cpus: list[int]) -> tuple[int, int]:
    """Workers and threads per worker for the cluster's nodes (their CPU counts).

    Threads: --ray-threads; else with --ray-workers N the CPUs shared among the N
    workers (at most 4 each); else 4, or the largest node's CPUs if fewer. Workers:
    --ray-workers, else as many as fit, each on one node. Refused if they cannot fit.
    """
    cpus = [n for n in node_cpus if n > 0]
    if not cpus:
        raise InputError("the Ray cluster has no CPUs to run workers on")
    if cluster.threads:
        threads = cluster.threads
    elif cluster.workers:
        threads = max(1, min(MAX_THREADS, sum(cpus) // cluster.workers))
    else:
        threads = min(MAX_THREADS, max(cpus))
    fit = sum(n // threads for n in cpus)
    workers = cluster.workers or fit
    if workers > fit:
        shown = "+".join(map(str, cpus))
        raise InputError(
            f"{workers} Ray worker(s) of {threads} thread(s) do not fit the cluster's {shown} CPUs ({fit} do)"
        )
    return workers, threads


def fingerprint(folder: Path) -> str:
    """The content of a package folder: every file's name, size and bytes (a stale copy is another model)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\0{path.stat().st_size}\0".encode())
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()[:32]


def pack(folder: Path) -> bytes:
    """The package folder as an uncompressed tar (model weights do not compress)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(folder).as_posix(), recursive=False)
    return buffer.getvalue()


def unpacked_folder(digest: str) -> Path:
    """Where a node keeps a model it was sent: named after its content, so later runs reuse it.

    $TRANSLATE_RAY_MODELS on the node (a disk with room for the models), else its temporary folder.
    """
    folder = os.environ.get(MODELS_ENV) or Path(tempfile.gettempdir()) / "translate-mt-models"
    return Path(folder) / digest


class Worker:
    """One Ray actor: the engines of the packages it was given, each loaded once, run on the driver's batches."""

    def __init__(self) -> None:
        self.engines: dict[str, Engine] = {}
        self.translators: dict[str, object] = {}  # per model folder: one multilingual model's pairs share it

    def describe(self) -> dict:
        import ctranslate2
        import ray

        return {"node": ray.util.get_node_ip_address(), "ctranslate2": ctranslate2.__version__}

    def has(self, folder: str, digest: str) -> bool:
        """Whether this node has the package: at the driver's path with the same content, or sent before."""
        if (unpacked_folder(digest) / ".complete").is_file():
            return True
        path = Path(folder)
        return path.is_dir() and fingerprint(path) == digest

    def load(
        self, key: str, kind: type[Engine], package: Package, settings: Settings, digest: str, shipped: bytes | None
    ) -> str:
        """Load the package's engine (once per key); returns the folder it was loaded from."""
        if key in self.engines:
            return str(self.engines[key].package.path)
        here = unpacked_folder(digest)
        try:
            if (here / ".complete").is_file():
                folder = here
            elif shipped is None and package.path.is_dir() and fingerprint(package.path) == digest:
                folder = package.path
            elif shipped is not None:
                folder = _unpack(shipped, here)
            else:
                raise InputError("the model folder is not on this node and was not sent", package.path)
            here_package = dataclasses.replace(package, path=folder)
            engine = kind(here_package, settings, None, translator=self.translators.get(digest))
            self.engines[key], self.translators[digest] = engine, engine.translator
        except InputError as exc:
            raise WorkerError.of(exc) from None
        return str(folder)

    def run(self, key: str, batches: list[list[list[str]]]) -> list[list[list[str]]]:
        """The best hypothesis's tokens for each sentence of each batch, the batches run in parallel."""
        engine = self.engines[key]
        submitted = [engine._submit(batch) for batch in batches]
        try:
            return [[future.result().hypotheses[0] for future in futures] for futures in submitted]
        except (RuntimeError, ValueError) as exc:
            failed = InputError(f"the CTranslate2 model failed: {_first_line(exc)}", engine.package.path)
            raise WorkerError.of(failed) from None


class WorkerError(Exception):
    """An InputError raised on a worker, its path absolute (a worker's current folder is not the driver's)."""

    def __init__(self, message: str, path: str | None, line: int | None, node: str) -> None:
        super().__init__(message, path, line, node)
        self.message, self.path, self.line, self.node = message, path, line, node

    @classmethod
    def of(cls, exc: InputError) -> WorkerError:
        import ray

        path = None if exc.path is None else str(Path.cwd() / exc.path)
        return cls(exc.message, path, exc.line, ray.util.get_node_ip_address())


class RayRouter:
    """A Router whose models run on Ray workers; everything else (chain, cache counts) is the Router's own."""

    def __init__(self, router: Router, cluster: Cluster) -> None:
        self.router = router
        self.cluster = cluster
        self.workers: list = []  # actor handles, started on the first sentence to translate
        self.threads = 1
        self.nodes: list[str] = []  # the node each worker runs on
        self.shipped: list[str] = []  # packages sent through the object store
        self._loaded: dict[str, str] = {}  # package folder -> key on the workers
        self._started = False  # whether this run started Ray (and so shuts it down)

    def __getattr__(self, name: str):
        return getattr(self.router, name)

    def translate(
        self, sentences: Sequence[str], src: str, tgt: str, progress: Callable[[int], None] | None = None
    ) -> tuple[list[str], list[Package]]:
        """Router.translate's result and progress, the model arithmetic done by the workers."""
        hops = self.router.chain(src, tgt)
        texts = list(sentences)
        for package in hops:  # each hop's engine loaded here as in-process (tokenizer, cache, decoding)
            texts = self._hop(self.router.engine(package), texts, progress)
        return texts, hops

    def close(self) -> None:
        """Stop the workers, and the Ray instance if this run started it."""
        if not self.workers and not self._started:
            return
        import ray

        for worker in self.workers:
            ray.kill(worker)
        self.workers = []
        if self._started:
            ray.shutdown()
            self._started = False

    def __enter__(self) -> RayRouter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _hop(self, engine: Engine, sentences: list[str], progress: Callable[[int], None] | None) -> list[str]:
        """Engine.translate with the batches run on the workers: same cache, same batches, same progress."""
        out, todo = engine.known(sentences, progress)
        if not todo:
            return out
        tokens = [engine.encode(sentences[i]) for i in todo]
        batches = engine.batches(tokens)
        key = self._load(engine)
        import ray

        # Each call carries as many batches as a worker runs at once; two calls per worker keep it busy.
        calls = deque(batches[i : i + self.threads] for i in range(0, len(batches), self.threads))
        running: dict = {}

        def send(worker) -> None:
            shard = calls.popleft()
            running[worker.run.remote(key, [[tokens[i] for i in batch] for batch in shard])] = (worker, shard)

        for worker in self.workers * 2:
            if calls:
                send(worker)
        while running:
            ready, _ = ray.wait(list(running), num_returns=1)
            worker, shard = running.pop(ready[0])
            results = self._get(ready[0])
            if calls:
                send(worker)
            for batch, hypotheses in zip(shard, results, strict=True):
                done = [todo[i] for i in batch]
                for i, hypothesis in zip(done, hypotheses, strict=True):
                    out[i] = engine.decode(hypothesis)
                if engine.cache is not None:
                    engine.cache.add([(sentences[i], out[i]) for i in done])
                if progress:
                    progress(len(batch))
        return out

    def _load(self, engine: Engine) -> str:
        """The engine's package loaded on every worker (starting them first): its key there."""
        folder = engine.package.path
        if str(folder) in self._loaded:
            return self._loaded[str(folder)]
        if not self.workers:
            self._start()
        import ray

        digest = fingerprint(folder)
        key = f"{digest}:{engine.cache_key()}"
        if self.cluster.ship_models:
            missing = [True] * len(self.workers)
        else:
            missing = [not has for has in self._get([w.has.remote(str(folder), digest) for w in self.workers])]
        shipped = ray.put(pack(folder)) if any(missing) else None
        settings = dataclasses.replace(engine.settings, inter_threads=self.threads)
        loads = [
            w.load.remote(key, type(engine), engine.package, settings, digest, shipped if miss else None)
            for w, miss in zip(self.workers, missing, strict=True)
        ]
        self._get(loads)
        if shipped is not None:
            self.shipped.append(engine.package.signature)
        self._loaded[str(folder)] = key
        return key

    def _start(self) -> None:
        """Connect (or start a local instance), size the workers and start them; each loads models on demand."""
        try:
            import ray
        except ImportError:
            raise InputError(INSTALL) from None
        address = self.cluster.address
        if not ray.is_initialized():  # a program that connected already is used as it is
            quiet = {"logging_level": logging.ERROR, "log_to_driver": False}
            try:
                if address == LOCAL:
                    # "local": a new instance even where `ray start` left one running.
                    ray.init(address="local", num_cpus=os.cpu_count() or 1, include_dashboard=False, **quiet)
                else:
                    _reachable(address)
                    ray.init(address=address, **quiet)
            except InputError:
                raise
            except (Exception, SystemExit) as exc:  # Ray exits when the cluster never answers
                if address == "auto" and isinstance(exc, ConnectionError):
                    raise InputError("no Ray cluster runs on this machine (ray start --head starts one)") from None
                raise InputError(f"cannot connect to the Ray cluster at {address}: {_first_line(exc)}") from None
            self._started = True
        nodes = [node for node in ray.nodes() if node.get("Alive")]
        workers, self.threads = sizes(self.cluster, [int(n.get("Resources", {}).get("CPU", 0)) for n in nodes])
        actor = ray.remote(Worker).options(num_cpus=self.threads, max_concurrency=2)
        self.workers = [actor.remote() for _ in range(workers)]
        ready, _ = ray.wait([w.describe.remote() for w in self.workers], num_returns=workers, timeout=START_TIMEOUT)
        if len(ready) < workers:
            raise InputError(f"{workers - len(ready)} of {workers} Ray worker(s) did not start in {START_TIMEOUT} s")
        import ctranslate2

        described = self._get([w.describe.remote() for w in self.workers])
        self.nodes = [d["node"] for d in described]
        for d in described:
            if d["ctranslate2"] != ctranslate2.__version__:
                raise InputError(
                    f"the Ray node {d['node']} has CTranslate2 {d['ctranslate2']} and this machine"
                    f" {ctranslate2.__version__}: install the same version, or translations could differ"
                )

    def _get(self, refs):
        """ray.get, a worker's failure as one line."""
        import ray

        try:
            return ray.get(refs)
        except ray.exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, WorkerError):
                raise InputError(f"on the Ray node {cause.node}: {cause.message}", cause.path, cause.line) from None
            raise InputError(f"a Ray worker failed: {_first_line(cause or exc)}") from None
        except ray.exceptions.RayError as exc:
            raise InputError(f"a Ray worker failed: {_first_line(exc)}") from None


def _unpack(data: bytes, folder: Path) -> Path:
    """A sent package folder, unpacked whole beside its final place then moved there (never half a model)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(partial, filter="data")
    (partial / ".complete").write_text("", encoding="utf-8")
    try:
        partial.rename(folder)
    except OSError:  # another worker on this node was first
        import shutil

        shutil.rmtree(partial, ignore_errors=True)
    return folder


def _reachable(address: str) -> None:
    """HOST:PORT answers, checked before ray.init, which otherwise waits minutes on a wrong address."""
    if address == "auto":
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=5).close()
    except OSError as exc:
        raise InputError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]

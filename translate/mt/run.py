"""``translate mt`` as a library call: pre-fill a workspace's catalogs from its memory and MT models."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from translate import memory
from translate.catalog.workspace import Workspace
from translate.errors import InputError
from translate.glossary.folder import optional_matcher
from translate.mt import prefill
from translate.mt.cluster import Cluster, RayRouter
from translate.mt.engine import Router, Settings


def run(
    ws: Workspace,
    slugs: Iterable[str] = (),
    langs: Iterable[str] | None = None,
    refresh: bool = False,
    dry_run: bool = False,
    use_memory: bool = True,
    use_glossary: bool = True,
    tm_threshold: float = memory.THRESHOLD,
    padded: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cache: bool = True,
    ray: Cluster | None = None,
) -> prefill.FillReport:
    """Fill the untranslated units of the chosen catalogs: memory first, then the installed models.

    With ``ray``, the models run on that Ray cluster's workers (translate/mt/cluster.py); the catalogs,
    the cache and the report are those of an in-process run.
    """
    paths = [path for _, path in ws.walk(slugs, langs)]
    if not paths:
        raise InputError("no catalogs to fill (run translate update first)")
    router = Router(settings=Settings(padded=padded), cache=ws.cache_folder() / "mt" if cache else None, choices=ws.mt)
    if ray is not None:
        router = RayRouter(router, ray)
    try:
        report = prefill.fill(
            paths,
            router,
            refresh=refresh,
            dry_run=dry_run,
            progress=progress,
            memories=(lambda src, tgt: memory.for_workspace(ws, src, tgt, tm_threshold)) if use_memory else None,
            glossary=optional_matcher(ws) if use_glossary else None,
        )
    finally:
        if isinstance(router, RayRouter):
            router.close()
    report.cached = router.cached
    return report

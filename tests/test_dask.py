"""The dask executor on a LocalCluster on 127.0.0.1 (two worker processes) builds the same
store as the local executor."""

import pytest

pytest.importorskip("distributed", reason="the dask executor needs dask and distributed")

from test_parallel import corpus, serial, small_batches, store_quads  # noqa: E402,F401  (fixtures)

from kg.api import build  # noqa: E402


def test_dask_builds_the_same_store_as_local(corpus, serial, tmp_path):  # noqa: F811
    out1, s1 = serial
    s2 = build([corpus], tmp_path, html=False, progress=False, executor="dask", workers=2)
    assert s2.articles == s1.articles == 16
    assert [p.source for p in s2.problems] == [p.source for p in s1.problems]
    assert store_quads(tmp_path) == store_quads(out1)
    assert (s2.entities, s2.relations) == (s1.entities, s1.relations)


def test_dask_reaches_a_running_scheduler(corpus, serial, tmp_path):  # noqa: F811
    from distributed import LocalCluster

    out1, _ = serial
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        build(
            [corpus],
            tmp_path,
            html=False,
            progress=False,
            executor="dask",
            scheduler=cluster.scheduler_address,
        )
    assert store_quads(tmp_path) == store_quads(out1)

"""`make bench-pg` on a small scale: figures for each worker count, nothing lost or doubled."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest

from bench.pg_cluster import URL_ENV, BenchServer, bench_server
from bench.pg_scale import BenchResult, report, run_bench
from tests.services.postgres import PostgresCluster

pytestmark = pytest.mark.postgres
MESSAGES = 24
PATRONS = 6


@dataclass(frozen=True)
class BenchRun:
    """One small bench run and what it printed."""

    result: BenchResult
    lines: list[str]
    failures: list[str]


@pytest.fixture(scope="module")
def bench_run(postgres_cluster: PostgresCluster) -> BenchRun:
    """Run the bench once with 1 and 2 workers on the test cluster."""
    server = BenchServer(postgres_cluster.url("postgres"), "the test cluster")
    result = run_bench(server, [1, 2], MESSAGES, PATRONS)
    lines, failures = report(server, result, MESSAGES, PATRONS)
    return BenchRun(result, lines, failures)


def test_every_message_is_handled_once_by_one_and_by_two_workers(bench_run: BenchRun) -> None:
    sqlite, (one, two) = bench_run.result.sqlite, bench_run.result.phases
    assert [one.workers, two.workers] == [1, 2]
    assert sqlite.check.inbox == one.check.inbox == two.check.inbox == MESSAGES
    assert sqlite.check.duplicate_open == one.check.duplicate_open == two.check.duplicate_open == 0
    # The same messages leave the same store, however many workers shared them, on either store.
    assert sqlite.check.fingerprint() == one.check.fingerprint() == two.check.fingerprint()
    assert one.check.requests > 0 and one.check.outbox >= MESSAGES


def test_figures_are_printed_for_each_worker_count(bench_run: BenchRun) -> None:
    for phase in bench_run.result.phases:
        assert phase.rate > 0 and phase.raw_rate and phase.cpu_ms > 0
    assert bench_run.result.sqlite.rate > 0 and bench_run.result.sqlite.raw_rate is None
    rows = [
        line.split()[:2] for line in bench_run.lines if line.split()[:1] in (["sqlite"], ["pg"])
    ]
    assert rows == [["sqlite", "1"], ["pg", "1"], ["pg", "2"]]
    ratios = next(line for line in bench_run.lines if line.startswith("ratios: "))
    assert "pg 1w / sqlite " in ratios and "2w/1w " in ratios


def test_two_ticks_at_once_queue_each_notice_once(bench_run: BenchRun) -> None:
    tick = bench_run.result.tick
    assert tick.errors == ()
    assert tick.notices > 0  # the lent books are due soon on the tick's day
    assert tick.doubled == 0 and tick.claims == tick.distinct_claims
    assert sum(tick.notices_each) == tick.notices  # neither pass queued what the other did
    assert bench_run.failures == []


def test_bench_url_names_the_server_and_its_databases_are_dropped(
    postgres_cluster: PostgresCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(URL_ENV, postgres_cluster.url("postgres"))
    with bench_server() as server:
        assert URL_ENV in server.where
        with server.fresh_database() as url:
            name = url.rsplit("/", 1)[1]
            with _connect(postgres_cluster, name) as connection:
                connection.execute("CREATE TABLE scratch (n int)")  # its own, writable database
    with _connect(postgres_cluster, "postgres") as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        assert found.fetchone() is None
    assert name.startswith("illbot_bench_")


def _connect(cluster: PostgresCluster, dbname: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        host="127.0.0.1", port=cluster.port, user="postgres", dbname=dbname, autocommit=True
    )

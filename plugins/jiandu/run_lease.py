"""One run at a time per warehouse: a lease row in audit_meta.run_lease, kept alive by a heartbeat.

The nightly run's tasks may run in different processes (Celery workers), so a session advisory lock cannot be
held for the whole run; a lease row can. `acquire` takes it at the start of a run (or takes over one whose
heartbeat stopped: a killed run), every step keeps it alive with `heartbeat`, `release` frees it at the end.
A second run, from the CLI or Airflow, stops at once with a message naming the run that holds it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from jiandu.warehouse import connect

log = logging.getLogger(__name__)

LEASE = "nightly"
_handoff: str | None = None  # a lease `jiandu run` took for the DAG run it starts in this process (held_for)
TIMEOUT_MINUTES = 15  # no heartbeat for this long: the holder was killed, the lease may be taken over
HEARTBEAT_SECONDS = 30


@dataclass(frozen=True)
class Holder:
    run_id: str
    started_at: datetime
    host: str
    pid: int
    heartbeat_at: datetime

    def describe(self) -> str:
        return (f"run_id {self.run_id}，开始于 started at {self.started_at:%Y-%m-%d %H:%M:%S%z}，"
                f"主机/进程 host/pid {self.host}/{self.pid}，最近心跳 last heartbeat {self.heartbeat_at:%H:%M:%S%z}")


class RunLocked(RuntimeError):
    """Another run holds the warehouse."""

    def __init__(self, holder: Holder):
        self.holder = holder
        super().__init__(f"另一个运行正在使用数据仓库 another run holds the warehouse: {holder.describe()}；"
                         f"请等待其结束（心跳停止{TIMEOUT_MINUTES}分钟后租约失效）"
                         f" wait for it to finish (its lease lapses {TIMEOUT_MINUTES} min after its last heartbeat)")


def holder() -> Holder | None:
    """The live holder of the lease, if any (a lease whose heartbeat stopped is no holder)."""
    with connect() as conn:
        if conn.execute("select to_regclass('audit_meta.run_lease')").fetchone()[0] is None:
            return None
        row = conn.execute(
            "select run_id, started_at, host, pid, heartbeat_at from audit_meta.run_lease where lease_name = %s"
            " and heartbeat_at > now() - make_interval(mins => %s)", (LEASE, TIMEOUT_MINUTES)).fetchone()
    return Holder(*row) if row else None


def acquire(run_id: str) -> None:
    """Take the lease for `run_id` (again, if it already holds it, or from `jiandu run` in this process that took it
    for this run); raises RunLocked if another live run holds it."""
    with connect() as conn:
        taken = conn.execute(
            "insert into audit_meta.run_lease (lease_name, run_id, started_at, host, pid, heartbeat_at)"
            " values (%s, %s, now(), %s, %s, now())"
            " on conflict (lease_name) do update set run_id = excluded.run_id, host = excluded.host,"
            "  pid = excluded.pid, heartbeat_at = now(), started_at = case when audit_meta.run_lease.run_id ="
            "  excluded.run_id then audit_meta.run_lease.started_at else now() end"
            " where audit_meta.run_lease.run_id = excluded.run_id or audit_meta.run_lease.run_id = %s"
            "  or audit_meta.run_lease.heartbeat_at <= now() - make_interval(mins => %s)"
            " returning run_id",
            (LEASE, run_id, socket.gethostname(), os.getpid(), _handoff, TIMEOUT_MINUTES)).fetchone()
        if taken is None:
            row = conn.execute("select run_id, started_at, host, pid, heartbeat_at from audit_meta.run_lease"
                               " where lease_name = %s", (LEASE,)).fetchone()
            raise RunLocked(Holder(*row))


@contextmanager
def held_for(token: str):
    """`jiandu run`: hold the lease under `token` from before Airflow starts (two commands started together
    would otherwise both pass a check and collide), hand it to the DAG run's `begin` in this process, and
    free whatever is left at the end."""
    global _handoff
    acquire(token)
    _handoff = token
    try:
        yield
    finally:
        _handoff = None
        release(token)


def release(run_id: str) -> None:
    with connect() as conn:
        conn.execute("delete from audit_meta.run_lease where lease_name = %s and run_id = %s", (LEASE, run_id))


def _beat(run_id: str) -> bool:
    with connect() as conn:
        if conn.execute("select to_regclass('audit_meta.run_lease')").fetchone()[0] is None:
            return False
        return conn.execute("update audit_meta.run_lease set heartbeat_at = now() where lease_name = %s"
                            " and run_id = %s", (LEASE, run_id)).rowcount == 1


@contextmanager
def heartbeat(run_id: str, seconds: float = HEARTBEAT_SECONDS):
    """Keep the run's lease alive while a step works; raises RunLocked first if another live run holds it.

    A step called outside a run that took the lease (a test, a one-off call) goes on when no run holds it."""
    if not _beat(run_id):
        current = holder()
        if current is not None:
            raise RunLocked(current)
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(seconds):
            try:
                _beat(run_id)
            except Exception as exc:  # a missed beat is not fatal; the lease lapses only after TIMEOUT_MINUTES
                log.warning("run lease heartbeat failed: %s", exc)

    thread = threading.Thread(target=loop, name="jiandu-run-lease", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)

"""The production topology of docker-compose.yml, booted as local processes (no Docker engine).

The Airflow components are started from the compose file itself: each service's environment
(`x-airflow-common`'s, merged by YAML, plus airflow-init's admin variables) with its `${...}` variables
filled in the way an operator's `.env` would, and each service's own `command`
(`airflow-init`, then api-server, scheduler, dag-processor, triggerer and the Celery worker). What only a
container network provides is translated, nothing else:

- service host names (`postgres`, `redis`, `airflow-apiserver`) become 127.0.0.1: this machine's
  PostgreSQL (a fresh metadata database and a fresh warehouse database), Redis (a database index of its own)
  and the api-server on a free port;
- the container's /opt/airflow becomes a temporary folder holding the compose file's mounts: symlinks to
  the repository's dags/, plugins/, include/, dbt_project/, expectations/; folders for the named volumes;
  the ledger drop folder of a generated source group (scale S, the demo's);
- the ports every container has to itself (scheduler health check, log servers) get free ports.

The test triggers `nightly_supervision` through the public REST API (`/api/v2`, a JWT from `/auth/token`
for the admin user the init job creates), unpauses the DAGs, waits for the run to succeed on the Celery
worker and for the Asset-triggered `weekly_supervision_summary` run, checks the warehouse, and always stops
every process it started by process group (`pytest -m compose` selects it).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import yaml

from jiandu.settings import SOURCE_CONN_IDS
from jiandu.sources.connections import connection_env
from tests.conftest import REAL_SERVER, copy_sources, fresh_database

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
VENV_BIN = Path(sys.executable).parent  # the image puts its venv first on PATH the same way

pytestmark = [pytest.mark.compose, pytest.mark.slow]

INIT_SERVICE = "airflow-init"
COMPONENTS = ["airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer",
              "airflow-worker"]
NIGHTLY, WEEKLY = "nightly_supervision", "weekly_supervision_summary"
TIMEOUT_INIT, TIMEOUT_UP, TIMEOUT_NIGHT, TIMEOUT_WEEKLY = 300, 180, 420, 240
RUN_MARKER = "JIANDU_COMPOSE_STACK_TEST"  # in every started process's environment: finds stragglers

# ${VAR}, ${VAR:?message}, ${VAR?message}, ${VAR:-default}, ${VAR-default}, $VAR; "$$" is a literal "$".
INTERPOLATION = re.compile(
    r"\$\$|\$\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[?-])(?P<arg>[^}]*))?\}|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
)


def interpolate(text: str, variables: dict[str, str]) -> str:
    """Compose's variable substitution: what `docker compose` does with the values of `.env`."""

    def substitute(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("braced") or match.group("bare")
        value, op, arg = variables.get(name), match.group("op"), match.group("arg")
        if op in (":-", "-"):
            return value if value or (op == "-" and value is not None) else arg
        if value is None or (op == ":?" and not value):
            raise AssertionError(f"docker-compose.yml needs {name}: {arg or 'not set'}")
        return value

    return INTERPOLATION.sub(substitute, text)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_index() -> int:
    """An empty Redis database index on the local server (other tests and services use low ones)."""
    import redis

    for index in range(15, 0, -1):
        client = redis.Redis(host="127.0.0.1", port=6379, db=index)
        if client.dbsize() == 0:
            client.set(f"jiandu_ops_compose_claim_{os.getpid()}", "1", ex=3600)  # claim it
            return index
    pytest.fail("no empty Redis database index on 127.0.0.1:6379", pytrace=False)


def redis_needs_password() -> bool:
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379).ping()
        return False
    except redis.AuthenticationError:
        return True


@dataclass
class Stack:
    """The compose stack as local processes: environment, folders and the processes started."""

    home: Path
    logs: Path
    envs: dict[str, dict[str, str]]  # per service: its compose environment, localised
    commands: dict[str, list[str]]
    api: str
    admin: tuple[str, str]
    warehouse_url: str
    metadata_url: str
    ledger_drop: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    marker: str = field(default_factory=lambda: uuid.uuid4().hex)
    killed: list[str] = field(default_factory=list)  # still running 10 s after SIGTERM

    def start(self, service: str) -> subprocess.Popen:
        log = (self.logs / f"{service}.log").open("wb")
        process = subprocess.Popen(
            self.commands[service], env={**self.envs[service], RUN_MARKER: self.marker}, cwd=self.home, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,  # its own process group: stopped as one
        )
        self.processes[service] = process
        return process

    def log_tail(self, service: str, lines: int = 40) -> str:
        path = self.logs / f"{service}.log"
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        return f"--- {service} (last {lines} lines of {path}) ---\n" + "\n".join(text.splitlines()[-lines:])

    def check_alive(self) -> None:
        for service, process in self.processes.items():
            if service != INIT_SERVICE and process.poll() is not None:
                pytest.fail(f"{service} exited with {process.returncode}\n{self.log_tail(service)}", pytrace=False)

    def stop(self) -> list[str]:
        """SIGTERM each component (as `docker compose stop` does), SIGKILL its process group after 10 s.

        Returns the processes that outlived their process group (found by the marker and killed)."""
        running = [p for p in self.processes.values() if p.poll() is None]
        for process in running:
            try:
                os.kill(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        self.killed = [service for service, process in self.processes.items() if process.poll() is None]
        for process in self.processes.values():
            _signal_group(process.pid, signal.SIGKILL)  # the group may outlive its leader (task processes)
            if process.poll() is None:
                process.wait(timeout=10)
        deadline = time.monotonic() + 5  # killed group members may take a moment to leave /proc
        while processes_with_marker(self.marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        stragglers = [f"{pid} {cmd}" for pid, cmd in processes_with_marker(self.marker)]
        for pid, _ in processes_with_marker(self.marker):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return stragglers

    # --- the public REST API -------------------------------------------------------------------------------

    def page(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.api + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", errors="replace")

    def request(self, method: str, path: str, body: dict | None = None, token: str | None = None) -> dict:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.api + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path}: HTTP {exc.code} {exc.read()[:2000]!r}") from None


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def processes_with_marker(marker: str) -> list[tuple[int, str]]:
    """Processes on this machine whose environment carries this test run's marker."""
    found = []
    needle = f"{RUN_MARKER}={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found.append((int(entry.name), (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()))
        except OSError:
            continue
    return found


def compose_definition() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def local_variables(meta_db: str, warehouse_db: str, ledger_drop: Path, sources: Path) -> dict[str, str]:
    """What an operator's .env would hold, for this machine (trust authentication: passwords unused)."""
    from cryptography.fernet import Fernet

    manifest = json.loads((sources / "manifest.json").read_text(encoding="utf-8"))
    variables = {
        "JIANDU_IMAGE_TAG": "test", "AIRFLOW_UID": str(os.getuid()),
        "POSTGRES_PASSWORD": "unused-trust-auth",
        "AIRFLOW_DB_NAME": meta_db, "AIRFLOW_DB_USER": "postgres", "AIRFLOW_DB_PASSWORD": "unused-trust-auth",
        "WAREHOUSE_DB": warehouse_db, "WAREHOUSE_USER": "postgres", "WAREHOUSE_PASSWORD": "unused-trust-auth",
        "REDIS_PASSWORD": "unused-no-requirepass",
        "AIRFLOW_FERNET_KEY": Fernet.generate_key().decode(),
        "AIRFLOW_JWT_SECRET": secrets.token_hex(32), "AIRFLOW_API_SECRET_KEY": secrets.token_hex(32),
        "AIRFLOW_ADMIN_USER": "admin", "AIRFLOW_ADMIN_PASSWORD": secrets.token_hex(12),
        "AIRFLOW_ADMIN_EMAIL": "admin@example.invalid",
        "JIANDU_WORKBENCH_DB_PASSWORD": "unused-trust-auth",  # the server trusts local connections
        "AIRFLOW_API_BIND": "127.0.0.1:8080",
        "JIANDU_LEDGER_DROP_HOST_DIR": str(ledger_drop), "JIANDU_TIMEZONE": "Asia/Shanghai",
    }
    for system, filename in manifest["systems"].items():
        assert system in SOURCE_CONN_IDS, system
        variables.update(connection_env(system, f"sqlite:///{(sources / filename).resolve()}"))
    return variables


def localise_url(value: str, ports: dict[tuple[str, int], int], services: set[str], redis_db: int,
                 redis_password: bool) -> str:
    """A URL naming a compose service points at this machine instead."""
    if "://" not in value:
        return value
    parts = urlsplit(value)
    if parts.hostname not in services:
        return value
    port = parts.port or {"redis": 6379, "postgres": 5432}.get(parts.hostname, 80)
    userinfo, _, _ = parts.netloc.rpartition("@")
    path = parts.path
    if parts.scheme.startswith("redis"):
        path = f"/{redis_db}"
        if not redis_password:
            userinfo = ""
    host = f"127.0.0.1:{ports.get((parts.hostname, port), port)}"
    return urlunsplit((parts.scheme, f"{userinfo}@{host}" if userinfo else host, path, parts.query, parts.fragment))


def build_stack(tmp: Path, variables: dict[str, str], redis_db: int) -> Stack:
    compose = compose_definition()
    common = compose["x-airflow-common"]
    services = set(compose["services"])
    container_home = common["environment"]["AIRFLOW_HOME"]

    # The container's AIRFLOW_HOME with the compose file's mounts: binds as symlinks, named volumes as folders.
    home, logs = tmp / "airflow-home", tmp / "process-logs"
    home.mkdir()
    logs.mkdir()
    for volume in common["volumes"]:
        source, target = interpolate(volume, variables).split(":")[:2]
        assert target.startswith(container_home + "/"), f"mount {volume} is outside {container_home}"
        local = home / target[len(container_home) + 1:]
        if source.startswith((".", "/")):
            local.symlink_to((ROOT / source).resolve() if source.startswith(".") else Path(source))
        else:
            local.mkdir(parents=True, exist_ok=True)

    api_port = free_port()
    ports = {("airflow-apiserver", 8080): api_port}
    redis_password = redis_needs_password()
    local = {
        # Ports each container has to itself.
        "AIRFLOW__API__PORT": str(api_port),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT": str(free_port()),
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
        # What the image sets (Dockerfile ENV), for this machine.
        "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": os.environ.get("HOME", str(tmp)),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "TMPDIR": str(tmp),
    }
    if os.environ.get("JIANDU_SQLITE_COPY_LIB"):
        local["JIANDU_SQLITE_COPY_LIB"] = os.environ["JIANDU_SQLITE_COPY_LIB"]

    envs, commands = {}, {}
    for service in [INIT_SERVICE, *COMPONENTS]:
        definition = compose["services"][service]
        assert definition["environment"] is not None
        env = {}
        for name, template in definition["environment"].items():  # x-airflow-common's, merged by YAML
            value = interpolate(str(template), variables)
            value = localise_url(value, ports, services, redis_db, redis_password)
            if value == container_home or value.startswith(container_home + "/"):
                value = str(home) + value[len(container_home):]
            env[name] = value
        envs[service] = {**env, **local}
        command = definition["command"]
        command = command if isinstance(command, list) else ["sh", "-c", command]
        commands[service] = [interpolate(str(part), variables) for part in command]
    worker = envs["airflow-worker"]
    return Stack(home=home, logs=logs, envs=envs, commands=commands, api=f"http://127.0.0.1:{api_port}",
                 admin=(variables["AIRFLOW_ADMIN_USER"], variables["AIRFLOW_ADMIN_PASSWORD"]),
                 warehouse_url=worker["WAREHOUSE_URL"],
                 ledger_drop=Path(variables["JIANDU_LEDGER_DROP_HOST_DIR"]),
                 metadata_url=re.sub(r"^postgresql\+psycopg2://", "postgresql://",
                                     worker["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]))


def wait_for(what: str, check, stack: Stack, timeout: float, interval: float = 2.0):
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        stack.check_alive()
        try:
            result = check()
        except (AssertionError, OSError) as exc:  # not up yet
            last = exc
            result = None
        if result:
            return result
        time.sleep(interval)
    logs = "\n".join(stack.log_tail(s, 25) for s in stack.processes)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what} (last: {last})\n{logs}", pytrace=False)


@pytest.fixture
def stack(demo_sources: Path) -> Iterator[Stack]:
    tmp = Path(tempfile.mkdtemp(prefix="jiandu-compose-"))
    tag = f"jiandu_ops_compose_{os.getpid()}"
    meta_db, warehouse_db = f"{tag}_meta", f"{tag}_wh"
    sources = copy_sources(demo_sources, tmp / "sources")
    manifest = json.loads((sources / "manifest.json").read_text(encoding="utf-8"))
    ledger_drop = sources / manifest["ledger_drop"]
    db_index = redis_index()
    for name in (meta_db, warehouse_db):
        fresh_database(name)
    built = None
    try:
        built = build_stack(tmp, local_variables(meta_db, warehouse_db, ledger_drop, sources), db_index)
        yield built
    finally:
        stopping = time.monotonic()
        stragglers = built.stop() if built else []
        print(f"compose stack stopped in {time.monotonic() - stopping:.1f} s"
              + (f"; SIGKILL for {built.killed}" if built and built.killed else ""))
        import redis

        redis.Redis(host="127.0.0.1", port=6379, db=db_index).flushdb()
        with psycopg.connect(REAL_SERVER, autocommit=True) as conn:
            for name in (meta_db, warehouse_db):
                conn.execute(f'drop database if exists "{name}" with (force)')
        if os.environ.get("JIANDU_COMPOSE_KEEP"):  # keep the processes' logs and AIRFLOW_HOME to look into
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
        assert not stragglers, f"processes outlived their process groups: {stragglers}"


def test_compose_stack_runs_the_night_on_celery(stack: Stack) -> None:
    started = time.monotonic()
    timings: dict[str, float] = {}

    # airflow-init, as the compose file runs it, before anything else.
    init = stack.start(INIT_SERVICE)
    try:
        init.wait(timeout=TIMEOUT_INIT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{INIT_SERVICE} did not finish in {TIMEOUT_INIT} s\n{stack.log_tail(INIT_SERVICE)}",
                    pytrace=False)
    assert init.returncode == 0, f"{INIT_SERVICE} failed ({init.returncode})\n{stack.log_tail(INIT_SERVICE, 60)}"
    timings["init"] = time.monotonic() - started

    for service in COMPONENTS:
        stack.start(service)
    wait_for("the api-server", lambda: stack.request("GET", "/api/v2/version"), stack, TIMEOUT_UP)
    user, password = stack.admin
    token = stack.request("POST", "/auth/token", {"username": user, "password": password})["access_token"]

    def parsed() -> bool:
        dags = stack.request("GET", "/api/v2/dags?limit=100", token=token)
        return {NIGHTLY, WEEKLY} <= {d["dag_id"] for d in dags["dags"]}

    wait_for("both DAGs to be parsed", parsed, stack, TIMEOUT_UP)
    errors = stack.request("GET", "/api/v2/importErrors", token=token)
    assert errors["total_entries"] == 0, errors
    timings["up"] = time.monotonic() - started

    # Unpausing makes the scheduler create the latest scheduled run (catchup off). The test's run takes that
    # logical date, so the scheduler finds it exists and the night runs once.
    logical_date = stack.request("GET", f"/api/v2/dags/{NIGHTLY}", token=token)["next_dagrun_logical_date"]
    assert logical_date, "the nightly DAG has no next scheduled run"
    run_id = f"compose_stack_{uuid.uuid4().hex[:8]}"
    stack.request("POST", f"/api/v2/dags/{NIGHTLY}/dagRuns",
                  {"dag_run_id": run_id, "logical_date": logical_date}, token=token)
    for dag_id in (NIGHTLY, WEEKLY):
        assert stack.request("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False}, token=token)["is_paused"] is False

    def night_done() -> str | None:
        state = stack.request("GET", f"/api/v2/dags/{NIGHTLY}/dagRuns/{run_id}", token=token)["state"]
        return state if state in ("success", "failed") else None

    state = wait_for(f"{NIGHTLY} run {run_id}", night_done, stack, TIMEOUT_NIGHT, interval=3)
    instances = stack.request("GET", f"/api/v2/dags/{NIGHTLY}/dagRuns/{run_id}/taskInstances?limit=100",
                              token=token)["task_instances"]
    states = {ti["task_id"]: ti["state"] for ti in instances}
    assert state == "success", f"{NIGHTLY} ended {state}: {states}\n" + "\n".join(
        stack.log_tail(s, 30) for s in ("airflow-worker", "airflow-scheduler"))
    assert set(states.values()) == {"success"}, states
    assert {"begin", "validate_raw", "dbt_build", "publish", "run_summary"} <= set(states)
    # Every task ran as a Celery task: its Celery id is in the task instance and, as SUCCESS, in the result
    # backend (the metadata database, AIRFLOW__CELERY__RESULT_BACKEND; stored just after the task reports).
    def celery_states() -> dict[str, str] | None:
        with psycopg.connect(stack.metadata_url) as conn:
            found = dict(conn.execute(
                "select ti.task_id, m.status from task_instance ti"
                " left join celery_taskmeta m on m.task_id = ti.external_executor_id"
                " where ti.dag_id = %s and ti.run_id = %s", (NIGHTLY, run_id)).fetchall())
        return found if set(found.values()) == {"SUCCESS"} else None

    celery = wait_for("the Celery results of the night's tasks", celery_states, stack, 60, interval=1)
    assert set(celery) == set(states), celery
    with psycopg.connect(stack.metadata_url) as conn:
        runs = conn.execute("select run_id from dag_run where dag_id = %s", (NIGHTLY,)).fetchall()
    assert runs == [(run_id,)], f"the scheduler added nightly runs: {runs}"
    timings["night"] = time.monotonic() - started

    def weekly_done() -> dict | None:
        runs = stack.request("GET", f"/api/v2/dags/{WEEKLY}/dagRuns?run_type=asset_triggered", token=token)
        for weekly_run in runs["dag_runs"]:
            events = stack.request(
                "GET", f"/api/v2/dags/{WEEKLY}/dagRuns/{weekly_run['dag_run_id']}/upstreamAssetEvents", token=token)
            triggered_by = {event["source_run_id"] for event in events["asset_events"]}
            if run_id in triggered_by and weekly_run["state"] in ("success", "failed"):
                return weekly_run
        return None

    weekly = wait_for(f"the Asset-triggered {WEEKLY} run", weekly_done, stack, TIMEOUT_WEEKLY, interval=3)
    assert weekly["state"] == "success", f"{weekly}\n{stack.log_tail('airflow-worker', 40)}"
    timings["weekly"] = time.monotonic() - started

    # The warehouse the compose file names holds the night's record and its published flags.
    warehouse = stack.warehouse_url
    with psycopg.connect(warehouse) as conn:
        status = conn.execute("select status from audit_meta.runs where run_id = %s", (run_id,)).fetchone()
        flags = conn.execute("select count(*) from audit.flagged_items").fetchone()[0]
        reports = conn.execute("select count(*) from audit_meta.report_runs").fetchone()[0]
        # the Excel ledgers came from the compose file's drop folder mount (JIANDU_LEDGER_DROP_HOST_DIR)
        ledgers = conn.execute("select count(*) from audit_meta.ledger_submissions"
                               " where run_id = %s and status in ('loaded', 'late')", (run_id,)).fetchone()[0]
    assert status and status[0] in ("success", "quarantined"), status
    assert flags > 0 and reports > 0, (flags, reports)
    dropped = len(list(stack.ledger_drop.glob("*.xlsx"))) + len(list((stack.ledger_drop / "rejected").glob("*.xlsx")))
    assert 0 < ledgers <= dropped, (ledgers, dropped)

    # The auditors' workbench, mounted by the plugin in the api-server, answers with its own login page.
    code, html = stack.page("/jiandu-workbench/login")
    assert code == 200 and "<form" in html, (code, html[:500])
    durations = sorted(((ti["duration"] or 0.0, ti["task_id"]) for ti in instances), reverse=True)
    print("nightly task durations (s): " + ", ".join(f"{task} {seconds:.0f}" for seconds, task in durations))
    print(f"compose stack timings (s since start): {', '.join(f'{k} {v:.0f}' for k, v in timings.items())}")

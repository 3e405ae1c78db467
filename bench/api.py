"""`python -m bench api`: GET /api/v1/devices/{code} under 16 concurrent clients, on gunicorn.

Builds a database of 100,000 devices (the scale generator), serves the app with gunicorn on
127.0.0.1, and drives a trivial JSON endpoint (/api/v1/health) and the device endpoint with 16
clients for a bounded time each, the two taking turns. Prints requests/s, p50 and p99, the CPU
each request cost the server's workers, the database and the clients, and the ratio of the
device endpoint's throughput to the trivial one's, for SQLite and PostgreSQL, on each server
set-up asked for. The first set-up is the README's deployment (gunicorn's sync workers, one per
core); the targets apply to it: at least half the trivial endpoint's throughput, p99 under 50 ms.
The others are there to compare: 2 x cores + 1 sync workers (gunicorn's usual advice), and
threads.
"""

import argparse
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa

from bench._databases import fresh_database

CLIENTS = 16
#: Server set-ups: worker class, workers, threads. The first is the README's deployment.
CORES = os.cpu_count() or 1
SERVERS = f"sync:{CORES}x1,sync:{2 * CORES + 1}x1,gthread:{CORES}x2"


def build(url: str, devices: int) -> tuple[str, list[str]]:
    """Fill the database; return an admin token and a sample of device codes."""
    from fixtures import scale
    from reuse import create_app
    from reuse.extensions import db
    from reuse.models import Base, Device
    from reuse.services import tokens, users

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        Base.metadata.create_all(db.engine)
        scale.generate(db.session, devices, seed=1)
        user, _ = users.create_user(db.session, "bench@reuse.test", "admin", password="b" * 12)
        _, plain = tokens.issue_token(db.session, user, "bench")
        db.session.commit()
        sample = db.session.scalars(sa.select(Device.code).order_by(Device.id)).all()
        db.session.remove()
        db.engine.dispose()
    return plain, random.Random(3).sample(sample, min(5000, len(sample)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(url: str, port: int, workers: int, threads: int, worker_class: str) -> subprocess.Popen:
    env = {**os.environ, "REUSE_DATABASE_URL": url, "REUSE_SECRET_KEY": "bench-" + "x" * 40}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
        "wsgi:app",
    ]
    server = subprocess.Popen(command, env=env, cwd=Path(__file__).parent.parent)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/health")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def _cpu_seconds(server: int, database: str) -> dict[str, float]:
    """CPU seconds used so far by this process (the clients), the gunicorn server `server` and
    its workers, and PostgreSQL's backends connected to `database`."""
    used = {"clients": 0.0, "server": 0.0, "database": 0.0}
    ticks = os.sysconf("SC_CLK_TCK")
    backend = f" {database} ".encode()  # "postgres: 15/main: USER DATABASE HOST(PORT) ..."
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue  # gone meanwhile
        fields = stat.rsplit(")", 1)[1].split()
        parent = int(fields[1])
        if int(pid) == os.getpid():
            kind = "clients"
        elif server in (int(pid), parent):
            kind = "server"
        elif command.startswith(b"postgres:") and backend in command:
            kind = "database"
        else:
            continue
        used[kind] += (int(fields[11]) + int(fields[12])) / ticks
    return used


def drive(port: int, paths: list[str], headers: dict, seconds: float) -> tuple[float, list]:
    """Elapsed time and latencies (s) of CLIENTS keep-alive clients for `seconds`."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors: list[int] = [0] * CLIENTS
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        rng = random.Random(n)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            path = rng.choice(paths)
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            latencies[n].append(time.perf_counter() - started)
            if response.status != 200:
                errors[n] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if sum(errors):
        raise RuntimeError(f"{sum(errors)} requests failed")
    return elapsed, [value for values in latencies for value in values]


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(len(values) * p))]


def compare(
    port: int,
    endpoints: dict[str, tuple[list[str], dict]],
    seconds: float,
    rounds: int,
    server: int,
    database: str,
) -> tuple[dict[str, dict], list[float]]:
    """Each endpoint's figures, measured in `rounds` alternating slices so that the machine's
    changing load weighs on both alike; and the device/trivial ratio of each round."""
    for paths, headers in endpoints.values():
        drive(port, paths, headers, 1.0)  # warm-up
    totals = {name: {"count": 0, "elapsed": 0.0, "latencies": [], "cpu": {}} for name in endpoints}
    ratios = []
    for _ in range(rounds):
        rates = {}
        for name, (paths, headers) in endpoints.items():
            before = _cpu_seconds(server, database)
            elapsed, latencies = drive(port, paths, headers, seconds / rounds)
            after = _cpu_seconds(server, database)
            total = totals[name]
            total["count"] += len(latencies)
            total["elapsed"] += elapsed
            total["latencies"] += latencies
            for kind in after:
                total["cpu"][kind] = total["cpu"].get(kind, 0.0) + after[kind] - before[kind]
            rates[name] = len(latencies) / elapsed
        ratios.append(rates["device"] / rates["trivial"])
    figures = {
        name: {
            "rate": total["count"] / total["elapsed"],
            "latencies": sorted(total["latencies"]),
            "cpu": {kind: used / total["count"] * 1e3 for kind, used in total["cpu"].items()},
        }
        for name, total in totals.items()
    }
    return figures, ratios


def report(database: str, server: str, name: str, figures: dict) -> None:
    lat = figures["latencies"]
    cpu = "  ".join(f"{kind} {ms:.2f}" for kind, ms in figures["cpu"].items())
    print(
        f"{database:<10} {server:<13} {name:<8} {figures['rate']:>6,.0f} req/s"
        f"  p50 {percentile(lat, 0.5) * 1e3:5.1f} ms  p99 {percentile(lat, 0.99) * 1e3:5.1f} ms"
        f"  (mean {statistics.mean(lat) * 1e3:4.1f})  CPU ms/request: {cpu}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench api")
    parser.add_argument("--devices", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument(
        "--servers",
        default=SERVERS,
        help="gunicorn set-ups to compare, CLASS:WORKERSxTHREADS, comma-separated "
        f"(default {SERVERS}; the targets apply to the first)",
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--rounds",
        type=int,
        default=4,
        help="slices each endpoint's time is cut into, the two endpoints taking turns (default 4)",
    )
    args = parser.parse_args(argv)
    servers = []
    for text in args.servers.split(","):
        worker_class, _, size = text.partition(":")
        workers, _, threads = size.partition("x")
        servers.append((text, worker_class, int(workers), int(threads or 1)))
    print(
        f"{args.devices:,} devices, {CLIENTS} clients, {args.seconds:.0f} s an endpoint "
        f"in {args.rounds} alternating rounds"
    )
    for kind in args.databases.split(","):
        with tempfile.TemporaryDirectory() as folder:
            url, drop = fresh_database(kind, Path(folder))
            try:
                token, sample = build(url, args.devices)
                paths = [f"/api/v1/devices/{code}" for code in sample]
                auth = {"Authorization": f"Bearer {token}"}
                for n, (name, worker_class, workers, threads) in enumerate(servers):
                    port = free_port()
                    server = serve(url, port, workers, threads, worker_class)
                    try:
                        endpoints = {"trivial": (["/api/v1/health"], {}), "device": (paths, auth)}
                        database = sa.make_url(url).database
                        figures, ratios = compare(
                            port, endpoints, args.seconds, args.rounds, server.pid, database
                        )
                    finally:
                        server.send_signal(signal.SIGTERM)
                        server.wait(timeout=30)
                    report(kind, name, "trivial", figures["trivial"])
                    report(kind, name, "device", figures["device"])
                    ratio = figures["device"]["rate"] / figures["trivial"]["rate"]
                    p99 = percentile(figures["device"]["latencies"], 0.99) * 1e3
                    targets = " (targets: ratio >= 0.5, p99 < 50 ms)" if n == 0 else ""
                    print(
                        f"{kind:<10} {name:<13} ratio device/trivial {ratio:.2f} (rounds "
                        f"{min(ratios):.2f} to {max(ratios):.2f}), device p99 {p99:.1f} ms{targets}"
                    )
            finally:
                drop()
    return 0

"""`python -m bench api`: GET /api/v1/devices/{code} under 16 concurrent clients, on gunicorn.

Builds a database of 100,000 devices (the scale generator), serves the app with gunicorn on
127.0.0.1, and drives first a trivial JSON endpoint (/api/v1/health), then the device endpoint
with 16 keep-alive clients for a bounded time each. Prints requests/s, p50 and p99 and the ratio
of the device endpoint's throughput to the trivial one's, for SQLite and PostgreSQL.
Targets: at least half the trivial endpoint's throughput, p99 under 50 ms.
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


def drive(port: int, paths: list[str], headers: dict, seconds: float) -> tuple[float, list]:
    """Requests/s and latencies (s) of CLIENTS keep-alive clients for `seconds`."""
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
    merged = sorted(value for values in latencies for value in values)
    if sum(errors):
        raise RuntimeError(f"{sum(errors)} requests failed")
    return len(merged) / elapsed, merged


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(len(values) * p))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench api")
    parser.add_argument("--devices", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--worker-class", default="gthread", choices=["gthread", "sync"])
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    print(
        f"{args.devices:,} devices, {CLIENTS} clients, {args.seconds:.0f} s a phase, "
        f"gunicorn {args.workers} {args.worker_class} workers x {args.threads} threads"
    )
    for kind in args.databases.split(","):
        with tempfile.TemporaryDirectory() as folder:
            url, drop = fresh_database(kind, Path(folder))
            try:
                token, sample = build(url, args.devices)
                port = free_port()
                server = serve(url, port, args.workers, args.threads, args.worker_class)
                try:
                    auth = {"Authorization": f"Bearer {token}"}
                    drive(port, ["/api/v1/health"], {}, 1.0)  # warm up
                    trivial, trivial_lat = drive(port, ["/api/v1/health"], {}, args.seconds)
                    paths = [f"/api/v1/devices/{code}" for code in sample]
                    drive(port, paths, auth, 1.0)
                    device, device_lat = drive(port, paths, auth, args.seconds)
                finally:
                    server.send_signal(signal.SIGTERM)
                    server.wait(timeout=30)
            finally:
                drop()
        for name, rate, lat in (("trivial", trivial, trivial_lat), ("device", device, device_lat)):
            p50, p99 = percentile(lat, 0.5) * 1e3, percentile(lat, 0.99) * 1e3
            print(
                f"{kind:<10} {name:<8} {rate:>7,.0f} req/s  p50 {p50:5.1f} ms  p99 {p99:5.1f} ms"
                f"  (mean {statistics.mean(lat) * 1e3:.1f} ms)"
            )
        print(
            f"{kind:<10} ratio device/trivial throughput {device / trivial:.2f} (target >= 0.5), "
            f"device p99 {percentile(device_lat, 0.99) * 1e3:.1f} ms (target < 50)"
        )
    return 0

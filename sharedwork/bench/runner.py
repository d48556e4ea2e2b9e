"""The benchmark run: a throw-away database, a seeded wiki, gunicorn on a free loopback port, a bounded
number of requests from client threads, and a table.

    python -m sharedwork.bench                     # 10,000 pages, 100,000 revisions
    python -m sharedwork.bench --quick             # a small wiki, for a first look in under a minute
    DATABASE_URL=postgres://... python -m sharedwork.bench   # PostgreSQL: runs in <name>_bench

``DATABASE_URL`` chooses the engine only: the run never reads or writes the database it names. SQLite runs
in a new temporary data folder; PostgreSQL in a database ``<name>_bench`` on the same server, created for
the run and dropped after it (``--keep`` keeps either, and says where).
"""

import argparse
import contextlib
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import load

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m sharedwork.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=None, help="pages to seed (default 10,000; quick 500)")
    parser.add_argument(
        "--revisions", type=int, default=None, help="revisions in all (default 100,000; quick 2,000)"
    )
    parser.add_argument("--quick", action="store_true", help="a small wiki and fewer requests")
    parser.add_argument("--requests", type=int, default=None, help="page views per scenario (default 2,000)")
    parser.add_argument("--saves", type=int, default=None, help="page saves (default 400)")
    parser.add_argument("--threads", type=int, default=None, help="client threads (default 8; quick 4)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the bench database / data folder")
    args = parser.parse_args(argv)
    quick = args.quick
    args.pages = args.pages or (500 if quick else 10_000)
    args.revisions = args.revisions or (2_000 if quick else 100_000)
    args.requests = args.requests or (300 if quick else 2_000)
    args.saves = args.saves or (100 if quick else 400)
    args.threads = args.threads or (4 if quick else 8)
    if args.revisions < args.pages:
        parser.error("--revisions must be at least --pages (every page has one revision or more)")
    return args


# --- the environment -----------------------------------------------------------------------------


@contextlib.contextmanager
def bench_environment(keep: bool):
    """Environment variables for every process of the run, pointing at fresh, separate storage."""
    data_dir = Path(tempfile.mkdtemp(prefix="sharedwork-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sharedwork.settings",
        "SHAREDWORK_DATA_DIR": str(data_dir),
        "SHAREDWORK_MEDIA_ROOT": str(data_dir / "media"),
        "SHAREDWORK_BENCH": "1",
        "SHAREDWORK_TASKS": "immediate",
        "SHAREDWORK_LOG_LEVEL": "WARNING",
        "SHAREDWORK_DEBUG": "0",
        "PYTHONPATH": str(BASE_DIR),
    }
    env.pop("SHAREDWORK_TESTING", None)
    source_url = os.environ.get("DATABASE_URL", "")
    bench_url = None
    if source_url.startswith(("postgres://", "postgresql://")):
        bench_url = _bench_database_url(source_url)
        _recreate_postgres_database(bench_url)
        env["DATABASE_URL"] = bench_url
    elif source_url:
        raise SystemExit(
            f"The benchmark runs on SQLite or PostgreSQL; DATABASE_URL names {urlsplit(source_url).scheme}."
        )
    else:
        env.pop("DATABASE_URL", None)
    try:
        yield env
    finally:
        if keep:
            print(f"\nKept: data folder {data_dir}" + (f", database {bench_url}" if bench_url else ""))
        else:
            if bench_url:
                _drop_postgres_database(bench_url)
            shutil.rmtree(data_dir, ignore_errors=True)


def _bench_database_url(url: str) -> str:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "sharedwork"
    return urlunsplit(parts._replace(path=f"/{name}_bench"))


def _admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "localhost",
        port=parts.port or 5432,
        user=parts.username or None,
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    )


def _recreate_postgres_database(url: str) -> None:
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop_postgres_database(url: str) -> None:
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _run(env, *command) -> str:
    completed = subprocess.run(  # noqa: S603 - our own interpreter and modules
        [sys.executable, *command], env=env, cwd=BASE_DIR, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stdout}\n{completed.stderr}")
    return completed.stdout


# --- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env, workers: int):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and modules
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sharedwork.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],  # fmt: skip
        env=env,
        cwd=BASE_DIR,
        start_new_session=True,
    )
    try:
        _wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(port, process, timeout=60.0):
    deadline = time.monotonic() + timeout
    client = load.Client(port)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting; see its output above.")
        with contextlib.suppress(OSError):
            status, _ = client.request("GET", "/healthz")
            if status == 200:
                return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within a minute.")


# --- the run -------------------------------------------------------------------------------------


def scenarios(port: int, seeded: dict, args) -> list[load.Result]:
    wiki = f"/c/{seeded['community']}/wiki/"
    views = seeded["view_paths"]
    edits = seeded["edit_paths"]
    anonymous = load.Client(port)
    writers = [load.Client(port, seeded["session"]) for _ in range(args.threads)]
    rng = random.Random(7)
    view_order = [rng.choice(views) for _ in range(args.requests)]

    # Warm every worker up (imports, parser, connections) before measuring anything.
    load.run(
        "warm-up",
        10 * args.workers,
        args.threads,
        lambda t, i: load.timed_get(anonymous, f"{wiki}{views[i % len(views)]}/"),
    )

    bare = load.run(
        "bare Django view",
        args.requests,
        args.threads,
        lambda t, i: load.timed_get(anonymous, "/bench/bare/"),
    )
    view = load.run(
        "wiki page view",
        args.requests,
        args.threads,
        lambda t, i: load.timed_get(anonymous, f"{wiki}{view_order[i]}/"),
    )

    def save(thread, index):
        paths = edits[thread]
        return load.timed_save(
            writers[thread], f"{wiki}{paths[index % len(paths)]}/edit/", f"Bench edit {index}."
        )

    saved = load.run("wiki page save", args.saves, args.threads, save)
    return [bare, view, saved]


def print_table(results, seeded, args) -> None:
    print()
    print(
        f"SharedWork wiki benchmark: {seeded['database']}, {seeded['pages']:,} pages, {seeded['revisions']:,} revisions "
        f"(seeded in {seeded['seconds']} s); gunicorn with {args.workers} sync workers; {args.threads} client threads"
    )
    header = f"{'scenario':<20} {'requests':>9} {'errors':>7} {'req/s':>9} {'p50 ms':>9} {'p95 ms':>9}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.name:<20} {r.requests:>9,} {r.errors:>7} {r.per_second:>9.1f} {r.percentile(50):>9.1f} "
            f"{r.percentile(95):>9.1f}"
        )
    print(
        "\nPage views are anonymous reads of random pages; saves are signed-in edits of distinct pages per "
        "thread (the edit form is fetched first and not timed). Each request opens its own connection."
    )


def main(argv=None):
    args = parse_args(argv)
    with bench_environment(args.keep) as env:
        print("Creating the bench database ...", flush=True)
        _run(env, "manage.py", "migrate", "--noinput", "-v0")
        print(f"Seeding {args.pages:,} pages and {args.revisions:,} revisions ...", flush=True)
        out = _run(
            env, "-m", "sharedwork.bench.seed", "--pages", str(args.pages), "--revisions", str(args.revisions),
            "--threads", str(args.threads),
        )  # fmt: skip
        seeded = json.loads(out.strip().splitlines()[-1])
        print(
            f"Serving with gunicorn and measuring ({args.requests:,} views, {args.saves:,} saves) ...",
            flush=True,
        )
        with gunicorn(env, args.workers) as port:
            results = scenarios(port, seeded, args)
        print_table(results, seeded, args)
        if any(r.errors for r in results):
            raise SystemExit("Some requests failed; the numbers above are not trustworthy.")

"""Shared test fixtures. Tests against real text read ``../shared`` beside the repository."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Property tests draw the same examples on every run (a CI run fails or passes for the code, not for
# the draw); `HYPOTHESIS_PROFILE=explore make test` draws new, and more, examples to look for bugs.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not there: real-corpus tests need ../shared beside the repository")
    return SHARED


# --- PostgreSQL: a throw-away server on a loopback port, for the store's second backend -------------


def _postgres_bin() -> Path | None:
    import glob

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Start a PostgreSQL server (Debian's binaries) in a temp folder on a free 127.0.0.1 port; yields
    its base URL ``postgresql://lagebild@127.0.0.1:PORT``. As root the server runs as user postgres."""
    import os
    import shutil
    import socket
    import subprocess
    import tempfile

    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (scripts/setup-system.sh installs it)")
    root = Path(tempfile.mkdtemp(prefix="lagebild-pg-"))
    data = root / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no user 'postgres' to run the server as")
        os.chown(root, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stderr or done.stdout}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "lagebild", "-A", "trust", "-E", "UTF8", "--locale=C",
        "--no-sync")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-o", options, "-w", "start")
    try:
        yield f"postgresql://lagebild@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server for one test; dropped afterwards."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server}/{name}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database, once SQLite (a file in tmp_path) and once PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'lagebild.sqlite'}"
    url: str = request.getfixturevalue("postgres_url")
    return url

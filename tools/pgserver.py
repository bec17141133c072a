"""A throwaway local PostgreSQL server, for the tests, the benchmarks and for trying the tool.

    python tools/pgserver.py start DIR [--port N] [--durable]   # prints the server's URL
    python tools/pgserver.py stop DIR
    python tools/pgserver.py url DIR

The server lives entirely in ``DIR`` (its data and its Unix socket), listens on no network
port, and trusts every local connection: anyone on this machine may connect as any role,
which is what the tests need to act as each person. Never use it for real data. Without
``--durable`` it also skips fsync, as a test server may.

As root, the server runs as the ``postgres`` system user (PostgreSQL refuses to run as
root). It needs PostgreSQL's server programs: Debian's ``postgresql-15`` puts them in
/usr/lib/postgresql/15/bin. Standard library only: CI starts it before anything is
installed into the virtual environment.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

SUPERUSER = "postgres"


def _bin(name: str) -> str:
    """A PostgreSQL server program: on PATH, or in the newest Debian/Ubuntu install."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version)
    if not candidates:
        sys.exit(f"找不到 PostgreSQL 服务器程序 {name}（Debian：apt-get install postgresql）")
    return candidates[-1]


def _version(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def _as_owner(argv: list[str]) -> list[str]:
    """``argv`` run as the ``postgres`` system user when we are root."""
    if os.getuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


def url(root: Path) -> str:
    """The URL of the server kept in ``root``: its socket folder and port, as the superuser."""
    port = (root / "port").read_text().strip()
    socket = (root / "socket").resolve()
    return f"postgresql://{SUPERUSER}@/postgres?host={socket}&port={port}"


def start(root: Path, port: int = 5433, durable: bool = False) -> str:
    root = root.resolve()
    data, socket = root / "data", root / "socket"
    if not (data / "PG_VERSION").exists():
        root.mkdir(parents=True, exist_ok=True)
        socket.mkdir(exist_ok=True)
        if os.getuid() == 0:
            shutil.chown(root, "postgres", "postgres")
            shutil.chown(socket, "postgres", "postgres")
        subprocess.run(
            _as_owner(
                [
                    _bin("initdb"),
                    "-D",
                    str(data),
                    "-U",
                    SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    (root / "port").write_text(str(port))
    options = f"-k {socket} -p {port} -c listen_addresses='' -c max_connections=200"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    status = subprocess.run(
        _as_owner([_bin("pg_ctl"), "-D", str(data), "status"]), capture_output=True
    )
    if status.returncode != 0:
        subprocess.run(
            _as_owner(
                [
                    _bin("pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(root / "server.log"),
                    "-w",
                    "-o",
                    options,
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    _wait(socket, port)
    return url(root)


def _wait(socket: Path, port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if (
            subprocess.run(
                [_bin("pg_isready"), "-q", "-h", str(socket), "-p", str(port)]
            ).returncode
            == 0
        ):
            return
        time.sleep(0.1)
    sys.exit("PostgreSQL 服务器 30 秒内未就绪")


def stop(root: Path) -> None:
    data = root.resolve() / "data"
    if (data / "postmaster.pid").exists():
        subprocess.run(
            _as_owner([_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="本机临时 PostgreSQL 服务器（测试、基准和试用）")
    parser.add_argument("action", choices=["start", "stop", "url"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--port", type=int, default=5433)
    parser.add_argument("--durable", action="store_true", help="每次提交都落盘（基准测试用）")
    args = parser.parse_args()
    if args.action == "start":
        print(start(args.dir, args.port, args.durable))
    elif args.action == "stop":
        stop(args.dir)
    else:
        print(url(args.dir))


if __name__ == "__main__":
    main()

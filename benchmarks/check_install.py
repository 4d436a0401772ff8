"""Install check for the cloud: ``requirements.txt`` with uv (and pip) on every Python found, then every
page rendered from a read-only copy of the checkout.

Streamlit Community Cloud installs ``requirements.txt`` with uv on Python 3.12 by default (3.11 and
3.13 can be chosen) and may run the app from a checkout it cannot write to. For each interpreter this
makes a fresh virtual environment, installs the runtime requirements (timed), copies the tracked files
into a read-only folder and renders the home page and every topic page there with ``AppTest``, with an
empty numba cache in the system temp folder.

    python -m benchmarks.check_install [--installer uv|pip] [PYTHON ...]

Without arguments it tries ``python3.11``, ``python3.12`` and ``python3.13`` on the PATH; one missing
is reported and skipped. Needs ``uv`` (``pip install uv``) for the uv installer.
"""

from __future__ import annotations

import argparse
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PYTHONS = ("python3.11", "python3.12", "python3.13")

SMOKE = """
import os, sys, time
from streamlit.testing.v1 import AppTest
pages = ["streamlit_app.py"] + sorted("pages/" + p for p in os.listdir("pages") if p.endswith(".py"))
start = time.perf_counter()
failed = 0
for page in pages:
    at = AppTest.from_file(os.path.join(os.getcwd(), "streamlit_app.py"), default_timeout=300)
    if page != "streamlit_app.py":
        at.switch_page(page)
    at.run()
    errors = [e.value[:120] for e in at.exception]
    failed += bool(errors)
    print(f"  {page}: {'ok' if not errors else errors} ({time.perf_counter() - start:.0f} s)", flush=True)
sys.exit(1 if failed else 0)
"""


def read_only_copy(target: Path) -> Path:
    """The tracked files of this checkout under ``target``, with every write permission removed."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], check=True, capture_output=True).stdout
    target.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    for path in [target, *target.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return target


def install(python: str, venv: Path, installer: str) -> float:
    """A fresh environment at ``venv`` with ``requirements.txt``; the install's seconds."""
    requirements = str(ROOT / "requirements.txt")
    if installer == "uv":
        subprocess.run(["uv", "venv", "-q", "-p", python, str(venv)], check=True)
        command = ["uv", "pip", "install", "-q", "-p", str(venv / "bin" / "python"), "-r", requirements]
    else:
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        command = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-r", requirements]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def check(python: str, installer: str, work: Path) -> bool:
    found = shutil.which(python)
    probe = found and subprocess.run([found, "-c", "import sys; print(sys.version.split()[0])"],
                                     capture_output=True, text=True)
    if not probe or probe.returncode != 0:  # absent, or a version manager's shim with nothing behind it
        print(f"{python}: not found, skipped")
        return True
    version = probe.stdout.strip()
    venv = work / f"venv-{version}-{installer}"
    seconds = install(found, venv, installer)
    print(f"Python {version}: requirements.txt installed with {installer} in {seconds:.1f} s")
    app = work / f"app-{version}-{installer}"
    read_only_copy(app)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "NUMBA_CACHE_DIR": str(work / f"numba-{version}")}
    result = subprocess.run([str(venv / "bin" / "python"), "-c", SMOKE], cwd=app, env=env)
    return result.returncode == 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pythons", nargs="*", default=list(DEFAULT_PYTHONS))
    parser.add_argument("--installer", choices=("uv", "pip"), default="uv")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            ok = all([check(python, args.installer, work) for python in args.pythons])
        finally:  # a read-only tree cannot be deleted until it is writable again
            for path in work.rglob("*"):
                if path.is_dir():
                    path.chmod(path.stat().st_mode | stat.S_IWUSR)
    print("all pages rendered on every Python" if ok else "FAILED on at least one Python")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

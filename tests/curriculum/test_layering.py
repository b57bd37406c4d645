"""The engine imports no interface code, and start-up stays light."""

import importlib.util
import json
import subprocess
import sys

ENGINE = [
    "rung.curriculum",
    "rung.curriculum.plan",
    "rung.curriculum.index",
    "rung.practice",
    "rung.progress",
    "rung.progress.service",
    "rung.labs",
    "rung.data",
    "rung.viz",
]
FORBIDDEN = [
    "rung.cli",
    "rung.web",
    "rung.notebook",
    "click",
    "fastapi",
    "starlette",
    "rich",
    "jinja2",
]


def imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_engine_imports_no_interface_code():
    present = [m for m in ENGINE if importlib.util.find_spec(m) is not None]
    assert "rung.curriculum" in present
    mods = imported_after("\n".join(f"import {m}" for m in present))
    bad = sorted(m for m in mods if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))
    assert not bad, f"engine imported {bad}"


def test_help_and_map_do_not_import_torch_or_the_web_stack():
    code = (
        "from rung.cli import main\ntry:\n    main(['map', '--json'])\nexcept SystemExit:\n    pass"
    )
    mods = imported_after(code)
    for heavy in ("torch", "fastapi", "sqlalchemy", "sympy", "rich", "numpy"):
        assert heavy not in mods, heavy

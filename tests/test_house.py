"""The rules of the house, one check each (read from the code's imports and definitions, as text).

pages → ui → engine, one way; a page imports its own package, the kit and the frame; a ``ui/<stem>/``
package never imports another page's; no engine module reaches into another's private names; every
numba kernel says its equation in a docstring.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

from tests.conftest import ROOT

FRAME = {"ui.frame", "ui.controls", "ui.present", "ui.opening", "ui"}  # "from ui import controls, present"
KERNEL_DECORATORS = {"kernel", "fast_kernel", "inline_kernel", "njit", "jit"}


def _imports(path: pathlib.Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in ``path`` (``import a.b`` gives ("a.b", []))."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            out += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, [alias.name for alias in node.names]))
    return out


def _py(folder: str) -> list[pathlib.Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _stems() -> list[str]:
    return sorted(p.name for p in (ROOT / "ui").iterdir() if (p / "__init__.py").exists() and p.name != "kit")


def test_engine_never_imports_streamlit_ui_or_pages():
    bad = [(p.name, m) for p in _py("engine") for m, _ in _imports(p)
           if m.split(".")[0] in ("streamlit", "ui", "pages", "altair")]
    assert not bad


def test_ui_never_imports_pages():
    assert not [(str(p), m) for p in _py("ui") for m, _ in _imports(p) if m.split(".")[0] == "pages"]


@pytest.mark.parametrize("stem", _stems())
def test_a_page_package_imports_no_other_page_package(stem):
    others = {f"ui.{s}" for s in _stems()} - {f"ui.{stem}"}
    bad = []
    for path in _py(f"ui/{stem}"):
        for module, names in _imports(path):
            named = {module} | {f"{module}.{n}" for n in names}
            bad += [(path.name, m) for m in named if any(m == o or m.startswith(o + ".") for o in others)]
    assert not bad


def test_the_kit_knows_no_page():
    stems = {f"ui.{s}" for s in _stems()}
    bad = [(p.name, m) for p in _py("ui/kit") for m, names in _imports(p)
           for m in [m, *(f"{m}.{n}" for n in names)] if any(m == s or m.startswith(s + ".") for s in stems)]
    assert not bad


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.stem)
def test_a_page_imports_its_own_package_the_kit_and_the_frame_only(page):
    allowed = FRAME | {f"ui.{page.stem}", "ui.kit", "streamlit"}
    bad = []
    for module, names in _imports(page):
        if module == "ui":
            bad += [n for n in names if f"ui.{n}" not in allowed | {"ui.controls", "ui.present"}]
        elif not any(module == a or module.startswith(a + ".") for a in allowed):
            bad.append(module)
    assert not bad, f"{page.name} imports {bad}"


def test_no_engine_module_imports_another_modules_private_names():
    bad = []
    for path in _py("engine"):
        tree = ast.parse(path.read_text())
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("engine"):
                for alias in node.names:
                    if alias.name.startswith("_") and not (node.module == "engine" and alias.name == "_checks") \
                            and node.module not in ("engine._numba", "engine._checks"):
                        bad.append((path.name, f"{node.module}.{alias.name}"))
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    aliases[alias.asname or alias.name] = alias.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and isinstance(node.value, ast.Name) and aliases.get(node.value.id, "").startswith("engine")):
                bad.append((path.name, f"{node.value.id}.{node.attr}"))
    assert not bad


def _kernels():
    for path in _py("engine"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                names = {d.id if isinstance(d, ast.Name) else getattr(d, "attr", getattr(getattr(d, "func", None),
                                                                                          "id", "")) for d in
                         node.decorator_list}
                if names & KERNEL_DECORATORS:
                    yield pytest.param(path.name, node, id=f"{path.stem}.{node.name}")


@pytest.mark.parametrize(("module", "kernel"), list(_kernels()))
def test_every_numba_kernel_states_its_equation_and_shapes(module, kernel):
    doc = ast.get_docstring(kernel) or ""
    assert len(doc) >= 30, f"{module}:{kernel.name} has no docstring with its equation and argument shapes"


def test_every_chart_goes_through_the_spec_cache():
    """Charts are drawn by ``ui.present`` from cached specs (``ui.kit.specs``): a page that called
    ``st.altair_chart`` would rebuild and validate its chart on every rerun of every session."""
    calls = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in sorted((ROOT / "ui").rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr == "altair_chart"]
    assert calls == []


def test_every_button_callback_acts_once_a_press():
    """A timed fragment's request can carry a press meant for another run (``ui.presses``): every ``on_click`` is
    wrapped in ``presses.once`` (or is the string "ignore"), so no press acts twice."""
    bare = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in _py("ui")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.keyword)
            and node.arg == "on_click" and not (isinstance(node.value, ast.Constant) and node.value.value == "ignore")
            and not (isinstance(node.value, ast.Call) and ast.unparse(node.value.func) == "presses.once")]
    assert bare == []


def test_the_link_is_written_through_ui_link_alone():
    """Each write to ``st.query_params`` is a message of its own and an entry in the browser's history
    (``ui.link``): the app changes the link with ``link.edit``, one message a change."""
    writes = []
    for path in [*_py("ui"), *_py("pages"), ROOT / "streamlit_app.py"]:
        if path.name == "link.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = [*getattr(node, "targets", []), getattr(node, "target", None)]
            targets = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
            written = [t for t in targets if isinstance(t, ast.Subscript) and "query_params" in ast.unparse(t.value)]
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "pop", "update", "clear", "from_dict") and ast.unparse(node.func.value) == "st.query_params"
            if written or called:
                writes.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert writes == []


@pytest.mark.parametrize("stem", _stems())
def test_a_topic_page_draws_its_opening_before_its_heavy_imports(stem):
    """The page file calls ``opening`` before it imports its sections or the frame (Altair, pandas, numba:
    seconds on a cold server), and its ``opening`` module needs nothing but text."""
    page = ROOT / "pages" / f"{stem}.py"
    if stem == "talk" or not page.exists():
        pytest.skip("the talk draws scenes, not a page's opening")
    lines = page.read_text().splitlines()
    opened = next(i for i, line in enumerate(lines) if line.startswith("top = opening("))
    heavy = [i for i, line in enumerate(lines) if line.startswith((f"from ui.{stem} import", "from ui.frame import"))]
    assert heavy and min(heavy) > opened
    assert _imports(ROOT / "ui" / stem / "opening.py") == []


def test_the_openings_import_no_heavy_library():
    import subprocess
    import sys

    stems = [s for s in _stems() if (ROOT / "ui" / s / "opening.py").exists()]
    heavy = ("altair", "pandas", "numba", "numpy", "engine", "ui.frame")
    code = ("import sys, ui.opening\n" + "".join(f"import ui.{s}.opening\n" for s in stems)
            + f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
    assert len(stems) == 6


def test_the_server_skips_the_full_garbage_collection_after_every_run():
    """``runner.postScriptGC`` off: a full collection after each run of each session cost most of the
    server's time with an audience (``benchmarks/bench_audience.py``)."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_the_server_does_not_watch_its_sources():
    """``server.fileWatcherType = "none"``, as Streamlit reads it from the checkout: its watcher lists every
    imported module's file for each new session (~0.3 s of server CPU a visitor, ``bench_audience``)."""
    import subprocess
    import sys

    code = ("from streamlit import config; config.get_config_options(force_reparse=True); "
            "print(config.get_option('server.fileWatcherType'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "none"


def test_the_server_sends_every_message_whole_and_compressed():
    """No message is sent as a reference to one the browser kept: Streamlit refers to a message only when it
    is marked cacheable, and the browser's copy can expire between a rerun request and its reply (a "Cached
    ForwardMsg MISS" dialog during ▶). A 1 MB element, as Streamlit hashes it under the checkout's config,
    is not cacheable; the websocket is compressed instead."""
    import subprocess
    import sys

    code = ("from streamlit import config; config.get_config_options(force_reparse=True)\n"
            "from streamlit.proto.ForwardMsg_pb2 import ForwardMsg\n"
            "from streamlit.runtime.forward_msg_cache import populate_hash_if_needed\n"
            "msg = ForwardMsg(); msg.delta.new_element.markdown.body = 'x' * 1_000_000\n"
            "populate_hash_if_needed(msg)\n"
            "print(bool(msg.hash), msg.metadata.cacheable, config.get_option('server.enableWebsocketCompression'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "True"]

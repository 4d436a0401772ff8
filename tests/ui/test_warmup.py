"""ui/warmup.py: the background compile starts once per process and compiles what it is given."""

from ui import warmup
from ui.frame import PAGES, engine_modules


def test_background_compile_runs_once_and_reports_each_module():
    first = warmup.start_background(("history", "no_such_engine", "rng"), name="test-once")
    again = warmup.start_background(("xor",), name="test-once")
    assert again is first  # one thread per process, however many sessions start
    first.join(timeout=120)
    assert not first.is_alive()
    assert [module for module, _ in first.compiled] == ["history", "rng"]  # a missing module is skipped
    assert all(seconds >= 0 for _, seconds in first.compiled)


def test_the_background_compiles_every_pages_engines_once_the_requested_page_first():
    modules = engine_modules()
    assert len(modules) == len(set(modules))
    assert {m for page in PAGES for m in page.engines} == set(modules)
    first = engine_modules(first=("training", "cliff"))
    assert first[:2] == ("training", "cliff") and sorted(first) == sorted(modules)

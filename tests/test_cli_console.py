"""The `factoryfl` console: phase lines, round progress (bar or lines), warnings; chatter only with -v; once each."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import warnings

import pytest

from cli import console
from common.console import phase, round_progress
from tests.conftest import REPO

CHATTER = [("alembic.runtime.plugins", logging.INFO, "setup plugin alembic.autogenerate.schemas"),
           ("flwr", logging.DEBUG, "ServerApp finished running."),
           ("common.data.load", logging.INFO, "loaded plant plant-a from synthetic")]


@pytest.fixture
def root_logging():
    """Leave the root logger and the `flwr` logger as they were (configure() changes process-wide state)."""
    root, flower = logging.getLogger(), logging.getLogger("flwr")
    saved = (list(root.handlers), root.level, list(flower.handlers), flower.propagate)
    # a library imported earlier in the same process may have changed these loggers or their parents
    # (importing mlflow does: see below); the console is what is tested here
    names = {".".join(name.split(".")[:i + 1]) for name, _, _ in CHATTER for i in range(name.count(".") + 1)}
    chatter = [logging.getLogger(name) for name in sorted(names)]   # each chatter logger and its parents
    chatter_state = [(c.level, c.disabled, c.propagate, list(c.handlers)) for c in chatter]
    for c in chatter:   # importing mlflow gives `alembic` a handler of its own and stops its propagation
        c.setLevel(logging.NOTSET)
        c.disabled, c.propagate, c.handlers = False, True, []
    yield
    for c, (level, disabled, propagate, handlers) in zip(chatter, chatter_state, strict=True):
        c.setLevel(level)
        c.disabled, c.propagate, c.handlers = disabled, propagate, handlers
    for handler in root.handlers:
        if handler not in saved[0]:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved[1])
    flower.handlers[:] = saved[2]
    flower.propagate = saved[3]


def _log_a_run(rounds: int = 3) -> None:
    log = logging.getLogger("simulations.runner")
    log.info("plants: 3 ready", extra=phase())
    for name, level, text in CHATTER:
        logging.getLogger(name).log(level, text)
    for r in range(1, rounds + 1):
        logging.getLogger("server.federation").info("[round %d/%d] trained", r, rounds,
                                                    extra=round_progress(r, rounds, f"loss 0.{r}"))
    logging.getLogger("server.federation").warning("round 2: plant plant-c left out: timeout")
    log.info("centralized baseline: pooled", extra=phase())


def test_without_v_only_phases_rounds_and_warnings(root_logging):
    out = io.StringIO()
    console.configure(verbose=False, progress="lines", stream=out)
    _log_a_run()
    text = out.getvalue()
    assert "plants: 3 ready" in text and "centralized baseline: pooled" in text
    assert [line.split(" ", 1)[1] for line in text.splitlines() if "[round" in line] == [
        "[round 1/3] trained", "[round 2/3] trained", "[round 3/3] trained"]
    assert "WARNING server.federation: round 2: plant plant-c left out: timeout" in text
    for _, _, chatter in CHATTER:
        assert chatter not in text


def test_with_v_everything_once(root_logging):
    out = io.StringIO()
    console.configure(verbose=True, progress="auto", stream=out)
    _log_a_run()
    text = out.getvalue()
    for name, level, chatter in CHATTER:
        assert text.count(chatter) == 1 and f"{logging.getLevelName(level)} {name}:" in text
    assert text.count("[round 2/3] trained") == 1


def test_progress_bar_over_rounds_with_eta(root_logging):
    out = io.StringIO()
    console.configure(verbose=False, progress="bar", stream=out)
    _log_a_run()
    text = out.getvalue()
    assert "rounds: 100%" in text and "3/3" in text and "loss 0.3" in text  # tqdm's bar, its postfix
    assert "<" in text.split("3/3", 1)[1]  # elapsed<remaining: the ETA
    assert "[round 1/3]" not in text  # the bar replaces the round lines
    assert "plants: 3 ready" in text and "centralized baseline: pooled" in text
    assert "plant-c left out" in text


def test_a_failed_run_ends_its_bar_before_the_error(root_logging):
    out = io.StringIO()
    console.configure(verbose=False, progress="bar", stream=out)
    logging.getLogger("server.federation").info("[round 1/5]", extra=round_progress(1, 5, "loss 1.0"))
    console.end_progress()
    out.write("error: the federation failed\n")
    assert out.getvalue().splitlines()[-1] == "error: the federation failed"
    assert "1/5" in out.getvalue()


def test_auto_is_a_bar_on_a_terminal_only_and_never_with_v():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert console.use_bar("auto", False, Terminal()) and not console.use_bar("auto", True, Terminal())
    assert not console.use_bar("auto", False, io.StringIO())
    assert console.use_bar("bar", True, io.StringIO()) and not console.use_bar("lines", False, Terminal())


def test_rays_accelerator_future_warning_only_with_v(root_logging):
    tip = ("Tip: In future versions of Ray, Ray will no longer override accelerator visible devices env var if "
           "num_gpus=0 or num_gpus=None (default).")
    for verbose, expected in ((False, 0), (True, 1)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            console.configure(verbose=verbose, progress="lines", stream=io.StringIO())
            warnings.warn(tip, FutureWarning, stacklevel=1)
            warnings.warn("something that matters", FutureWarning, stacklevel=1)
        assert [str(w.message) for w in caught] == [tip] * expected + ["something that matters"]


def test_flower_records_print_once_through_our_console(root_logging, monkeypatch, capfd):
    for name in ("FLWR_LOG_LEVEL", "RAY_DEDUP_LOGS", "RAY_DEDUP_LOGS_ALLOW_REGEX", "RAY_DEDUP_LOGS_SKIP_REGEX"):
        monkeypatch.delenv(name, raising=False)  # restored afterwards
    out = io.StringIO()
    console.configure(verbose=True, progress="lines", stream=out)
    console.route_flower_logs(verbose=True)
    from flwr.common.logger import log

    log(logging.INFO, "hello from flower")
    log(logging.DEBUG, "debug from flower")
    assert out.getvalue().count("hello from flower") == 1 and "debug from flower" in out.getvalue()
    captured = capfd.readouterr()
    assert "hello from flower" not in captured.out + captured.err  # Flower's own console handler is gone

    console.configure(verbose=False, progress="lines", stream=(quiet := io.StringIO()))
    console.route_flower_logs(verbose=False)
    log(logging.DEBUG, "ServerApp finished running.")
    log(logging.WARNING, "a Flower warning")
    assert "ServerApp finished running." not in quiet.getvalue() and quiet.getvalue().count("a Flower warning") == 1
    import os
    import re

    assert os.environ["FLWR_LOG_LEVEL"] == "ERROR"
    if "RAY_DEDUP_LOGS" in os.environ:  # set when Ray was not imported yet: its filter of the workers' lines
        allow, skip = (re.compile(os.environ[f"RAY_DEDUP_LOGS_{k}_REGEX"]) for k in ("ALLOW", "SKIP"))
        chatter = "(ClientAppActor pid=1) 12/06/2026 20:33:42:WARNING:Manually terminating ClientAppActor"
        assert not allow.search(chatter) and skip.search(chatter)
        for kept in ("Traceback (most recent call last):", "", "WARNING plant-a: out of memory"):
            assert allow.search(kept)


def test_serverapp_progress_lines_once_when_a_root_handler_comes_later():
    """A deployed ServerApp (flwr-serverapp) starts without logging set up (server/app.py calls
    show_progress_logs); Opacus calls logging.basicConfig when first imported, mid-run."""
    code = ("import logging\nfrom common.console import show_progress_logs\n"
            "show_progress_logs(('server', 'client', 'common', 'simulations'))\n"
            "logging.basicConfig()  # what importing opacus does: a root handler\n"
            "logging.getLogger('server.federation').info('[round 1/1] 3 plants trained')\n"
            "logging.getLogger('client.plant').warning('a plant warning')\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr.count("[round 1/1] 3 plants trained") == 1, proc.stderr
    assert proc.stderr.count("a plant warning") == 1, proc.stderr


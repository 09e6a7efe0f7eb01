"""Real-browser tests: JupyterLab on 127.0.0.1 with a token, Debian's chromium driven by
Playwright (specs/course_conventions.md §6).

Each chapter's student edition is opened, run top to bottom with Run All, and one of its
widgets is driven by keyboard; the displayed result must change to the right value, and no
cell may show an error or write to stderr. On a failure the screenshot (also of a server that
did not start or a page that did not open) and a copy of the JupyterLab server log go to
``test-artifacts/`` (or ``$CSAT_TEST_ARTIFACTS``), and the failure message gives that path.
Skipped when /usr/bin/chromium is absent, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from csat_helpers import nbtools

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("CSAT_TEST_ARTIFACTS", Path(__file__).resolve().parents[1] / "test-artifacts"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but /usr/bin/chromium is missing: apt-get install chromium", pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser


def _keep_artifacts(stem: str, server_log: Path, page: Page | None = None, url: str | None = None) -> str:
    """Save a screenshot (of ``page``, or of ``url`` in a fresh browser) and the server log; return a note
    naming the folder. Saving never hides the original failure."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = []
    if server_log.exists():
        shutil.copyfile(server_log, ARTIFACTS / f"{stem}.server.log")
        saved.append(f"{stem}.server.log")
    shot = ARTIFACTS / f"{stem}.png"
    try:
        if page is not None:
            page.screenshot(path=str(shot), full_page=True)
        elif url is not None:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                blank = browser.new_page()
                try:
                    blank.goto(url, timeout=10_000)
                except Exception:  # noqa: BLE001 (the error page itself is the evidence)
                    pass
                blank.screenshot(path=str(shot), full_page=True)
                browser.close()
        saved.append(shot.name)
    except Exception as exc:  # noqa: BLE001
        saved.append(f"(no screenshot: {type(exc).__name__}: {str(exc)[:200]})")
    return f"browser test artefacts in {ARTIFACTS}: {', '.join(saved)}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One JupyterLab server for the whole module, serving the student edition."""
    root = tmp_path_factory.mktemp("lab")
    for p in nbtools.chapter_paths():
        nbtools.write(nbtools.student_copy(nbtools.read(p)), root / p.name)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / ".config"), JUPYTER_RUNTIME_DIR=str(root / ".runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"))
    # render every cell (JupyterLab windowing would detach off-screen widgets from the page)
    tracker = root / ".settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}', encoding="utf-8")
    subprocess.run([sys.executable, "-m", "jupyter", "labextension", "disable", "--level=user",
                    "@jupyterlab/apputils-extension:announcements"], env=env, check=True, capture_output=True)
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(root / "server.log", "wb")
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            problem = None
            if server.poll() is not None:
                problem = "JupyterLab exited while starting:\n" + (root / "server.log").read_text(errors="replace")[-2000:]
            elif time.monotonic() > deadline:
                problem = "JupyterLab did not start within 90 s"
            if problem:
                log.flush()
                pytest.fail(f"{problem}\n{_keep_artifacts('server-start', root / 'server.log', url=f'{base}/lab?token={token}')}",
                            pytrace=False)
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield {"base": base, "token": token, "browser": browser, "log": root / "server.log", "log_file": log}
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _open_and_run_all(page: Page, base: str, token: str, name: str) -> None:
    # a workspace of its own per chapter, so no other chapter's tab is restored beside it
    page.goto(f"{base}/lab/workspaces/{Path(name).stem}/tree/{name}?token={token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=60_000)
    expect(page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first).to_be_visible(timeout=60_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("li[data-command='runmenu:run-all']").click()
    # wait until every code cell has run: no prompt shows [*] or [ ] and the kernel is idle again
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=120_000,
    )
    expect(page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first).to_be_visible(timeout=60_000)


def _assert_no_errors(page: Page) -> None:
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    stderr = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert stderr.count() == 0, "a cell wrote to stderr: " + stderr.first.inner_text()[:500]
    errors = panel.locator(".jp-OutputArea-output", has_text="Traceback")
    assert errors.count() == 0, "a cell shows an error: " + errors.first.inner_text()[:500]


def _press_slider(page: Page, label: str, slider: int, key: str, times: int, expected: str) -> None:
    """In the widget cell showing ``label``, focus slider number ``slider``, press ``key``
    ``times`` times, and wait until the cell shows ``expected``."""
    cell = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell:has(.noUi-handle)", has_text=label).first
    cell.scroll_into_view_if_needed()
    handle = cell.locator(".noUi-handle").nth(slider)
    handle.focus()
    for _ in range(times):
        handle.press(key)
    expect(cell).to_contain_text(expected, timeout=30_000)


def _drive_ch00(page: Page) -> None:
    """Threshold slider 3.0 -> 3.2 (step 0.1); the line below must follow."""
    from csat_helpers.widgets import ch00

    expected = ch00.describe(ch00.share_at_or_above(ch00.DEMO_RATINGS, 3.2))
    _press_slider(page, "threshold", 0, "ArrowRight", 2, expected)


def _drive_ch01(page: Page) -> None:
    """CLV calculator: retention 0.80 -> 0.82 (step 0.01); the CLV row must show the new value."""
    from csat_helpers.widgets import ch01

    clv = ch01.clv_view(10.0, 0.82, 0.10, 20.0, 0.05)["clv"]
    _press_slider(page, "margin / period", 1, "ArrowRight", 2, f"{clv:.2f}")


def _drive_ch02(page: Page) -> None:
    """Kano curves: Must-be fulfilment 0.0 -> +0.2; its satisfaction line must follow."""
    from csat_helpers.widgets import ch02

    view = ch02.kano_curves_view(0.0, 0.0, 0.2, 0.0, -1.0)
    must_be = ch02.describe_curves(view).splitlines()[2]
    _press_slider(page, "One-dimensional (O)", 2, "ArrowRight", 2, must_be)


def _drive_ch03(page: Page) -> None:
    """Sample size: margin 5.0% -> 6.0%; the required n must follow."""
    from csat_helpers.widgets import ch03

    n = ch03.sample_size_view(0.06, 0.95, 0.5)["n"]
    _press_slider(page, "margin ± %", 0, "ArrowRight", 2, f"you need n = {n:,} respondents")


def _drive_ch04(page: Page) -> None:
    """Pairwise editor: move the first judgment one step on Saaty's scale; CR must follow."""
    import numpy as np

    from csat_helpers.datasets import company_fuzzy
    from csat_helpers.widgets import ch04

    mat = company_fuzzy.matrices(ch04.company_judgments())["judge_C"]
    labels = list(mat.index)
    start = [ch04.SCALE_TEXT[int(np.argmin([abs(ch04.ahp.parse_judgment(o) - v) for o in ch04.SCALE_TEXT]))]
             for v in mat.to_numpy()[np.triu_indices(len(labels), 1)]]
    step = 1 if start[0] != ch04.SCALE_TEXT[-1] else -1
    changed = [ch04.SCALE_TEXT[ch04.SCALE_TEXT.index(start[0]) + step], *start[1:]]
    cr = ch04.pairwise_view(labels, changed)["result"].cr
    _press_slider(page, f"{labels[0]} vs {labels[1]}", 0, "ArrowRight" if step == 1 else "ArrowLeft", 1,
                  f"CR = {cr:.3f}")


def _drive_ch05(page: Page) -> None:
    """Industry aggregation: raise Huajia's index two steps; the sales-weighted index must match
    csat_helpers' aggregation of the values the sliders now show."""
    from csat_helpers.widgets import ch05

    cell = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell:has(.noUi-handle)", has_text="Huajia ind").first
    cell.scroll_into_view_if_needed()
    before = float(cell.locator(".widget-readout").first.inner_text())
    handle = cell.locator(".noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    handle.press("ArrowRight")
    expect(cell.locator(".widget-readout").first).not_to_have_text(f"{before:.2f}", timeout=30_000)
    shown = [float(t) for t in cell.locator(".widget-readout").all_inner_texts()]
    assert shown[0] > before
    v = ch05.aggregation_view(shown[0::2], shown[1::2], ["Huajia", "rival A", "rival B", "rival C"])
    expect(cell).to_contain_text(f"industry index (sales-weighted): {v['industry_index']:.2f}", timeout=30_000)


def _drive_ch06(page: Page) -> None:
    """Upload the example survey through the FileUpload widget; the validation message and an
    analysed value (the quadrant crosshair, the first attribute of the plan) must match what
    csat_helpers computes from the same bytes."""
    from csat_helpers.datasets import path_of
    from csat_helpers.widgets import ch06

    example = path_of("survey_example")
    result = ch06.analyse_upload(example.read_bytes(), example.name)
    cross = result["analysis"].ipa["quadrants"].attrs["crosshair"]
    analysed = f"Crosshair at the data means: importance {cross['importance']:.3f}, performance {cross['performance']:.3f}"
    cell = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell", has_text="survey_upload_explorer()").first
    cell.scroll_into_view_if_needed()
    expect(cell).not_to_contain_text(result["message"])
    with page.expect_file_chooser() as chooser:
        cell.get_by_role("button", name="Upload survey").click()
    chooser.value.set_files(str(example))
    expect(cell).to_contain_text(result["message"], timeout=60_000)
    expect(cell).to_contain_text(analysed, timeout=30_000)
    plan = cell.locator("h2:has-text('Improvement plan') + p + table tbody tr th").first
    expect(plan).to_have_text(str(result["plan"].index[0]), timeout=30_000)


#: chapter prefix -> function that drives one widget and asserts the new result
DRIVERS: dict[str, Callable[[Page], None]] = {
    "00": _drive_ch00, "01": _drive_ch01, "02": _drive_ch02, "03": _drive_ch03, "04": _drive_ch04, "05": _drive_ch05,
    "06": _drive_ch06,
}


@pytest.mark.parametrize("path", nbtools.chapter_paths(), ids=[p.stem for p in nbtools.chapter_paths()])
def test_chapter_runs_and_widget_responds(lab, path):
    context = lab["browser"].new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        _open_and_run_all(page, lab["base"], lab["token"], path.name)
        _assert_no_errors(page)
        driver = DRIVERS.get(path.name[:2])
        assert driver is not None, f"no widget driver for {path.name}: add one to DRIVERS"
        driver(page)
        _assert_no_errors(page)
    except Exception as exc:  # page open, Run All, an error in a cell or a wrong widget result
        lab["log_file"].flush()
        exc.add_note(_keep_artifacts(path.stem, lab["log"], page=page))
        raise
    finally:
        context.close()

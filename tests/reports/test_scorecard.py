"""`translate report`: a page that a real browser renders, with the worst units first."""

from __future__ import annotations

import shutil
import subprocess
import tempfile

import polib
import pytest

from tests.conftest import ROOT, require

KO = "locales/ko/hyesan-trader.po"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def scored(ws, run):
    for folder in ("articles", "locales", "glossary"):
        shutil.copytree(ROOT / folder, ws / folder)
    po = polib.pofile(str(ws / KO), wrapwidth=0)
    po[5].msgstr = po[5].msgid  # an untranslated copy
    po[7].msgstr += " 2021년"  # a number the source does not have
    po.save(str(ws / KO))
    assert run("score")[0] == 0
    code, out, _ = run("report")
    assert code == 0 and "report: build/report.html (4 catalog(s))" in out
    return ws / "build" / "report.html"


def test_report_lists_the_worst_units_with_their_signals(scored):
    page = scored.read_text(encoding="utf-8")
    assert page.count("<section>") == 4
    worst = page.index("Traders wait for customers at a market in Hyesan, Ryanggang Province.")
    second = page.index("For years its markets depended on goods carried over the river.")
    assert worst < second  # QA 0 before QA 70
    assert "<b>wrong-language</b> does not read as ko" in page
    assert "<b>copy-of-source</b>" in page and "<b>glossary</b> source mentions" in page
    assert "<b>numbers</b> source has none; translation 2021" in page
    assert "mean QA 96.2" in page and "No unit scored below 100." in page


def test_report_shows_the_reference_a_unit_was_scored_against(ws, run):
    """A unit no signal flags but the reference disagrees with is among the worst, beside that reference."""
    for folder in ("articles", "locales", "glossary"):
        shutil.copytree(ROOT / folder, ws / folder)
    shutil.copy(ws / KO, ws / "reference.po")
    po = polib.pofile(str(ws / KO), wrapwidth=0)
    po[7].msgstr = po[7].msgstr.replace("다.", "습니다.")  # no signal fires: QA 100, only the reference tells
    po.save(str(ws / KO))
    assert run("score", "--reference", str(ws / "reference.po"))[0] == 0
    assert run("report")[0] == 0
    page = (ws / "build" / "report.html").read_text(encoding="utf-8")
    row = page[page.index("For years its markets depended on goods carried over the river.") :].split("</tr>")[0]
    assert '<small class="against">reference</small>' in row
    assert "왔<ins>습니</ins>다." in row  # what the translation adds to the reference
    assert "chrF2" in row and "(reference)" in row


def test_report_renders_in_headless_chromium(scored, tmp_path):
    require(CHROMIUM, "chromium is missing: scripts/test installs it (apt-get install chromium fonts-noto-cjk)")
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", scored.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    assert dom.count('role="progressbar"') == 4 and "<svg" in dom and "<del>" not in dom.split("<table")[0]
    shot = tmp_path / "report.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--window-size=1100,1400",
                f"--screenshot={shot}",
                scored.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000

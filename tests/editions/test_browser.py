"""The sample's six editions as a reader's browser shows them: headless Chromium is the judge.

Each page is opened as published (its photo beside it) with a probe appended to a
copy, which reports what the browser made of it: every image decoded (naturalWidth),
every ruby reading. A screenshot of each page must come out, not blank.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, require

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PROBE = """<script>window.addEventListener("load", () => {
  const report = {
    images: [...document.images].map(i => ({src: i.getAttribute("src"), width: i.naturalWidth})),
    ruby: [...document.querySelectorAll("ruby")].map(
      r => [r.firstChild.textContent, r.querySelector("rt").textContent]),
    lang: document.documentElement.lang,
  };
  const out = document.createElement("pre"); out.id = "probe"; out.textContent = JSON.stringify(report);
  document.body.append(out);
});</script>"""


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    require(CHROMIUM, "chromium is missing: scripts/test installs it (apt-get install chromium fonts-noto-cjk)")
    folder = tmp_path_factory.mktemp("sample")
    for name in ("articles", "glossary", "locales"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "translate.toml", folder)
    done = subprocess.run([sys.executable, "-m", "translate", "build"], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0 and "warning" not in done.stdout, done.stdout + done.stderr
    return folder / "build/editions"


def browse(page: Path, *options: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *options, page.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        )


PAGES = [(lang, slug) for slug in ("hyesan-trader", "kaesong-office") for lang in ("en", "ko", "ja")]


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_every_photo_shows_and_japanese_pages_read_korean_names(editions, lang, slug):
    page = editions / lang / f"{slug}.html"
    probe = page.with_name(f"probe-{slug}.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = browse(probe, "--virtual-time-budget=5000", "--dump-dom").stdout
    report = json.loads(re.search(r'<pre id="probe">(.*?)</pre>', dom).group(1).replace("&quot;", '"'))
    assert report["lang"] == lang
    assert report["images"] and all(image["width"] > 0 for image in report["images"]), report["images"]
    if lang == "ja":
        readings = dict(report["ruby"])
        expected = {
            "hyesan-trader": {"恵山": "ヘサン", "両江道": "リャンガンド"},
            "kaesong-office": {"金与正": "キム・ヨジョン"},
        }
        assert expected[slug].items() <= readings.items()
        assert len(report["ruby"]) == len(readings)  # first mention only
    else:
        assert report["ruby"] == []


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_a_screenshot_of_every_edition(editions, tmp_path, lang, slug):
    shot = tmp_path / f"{lang}-{slug}.png"
    browse(editions / lang / f"{slug}.html", "--window-size=900,1400", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page of text and a photo, not blank

"""A report page opened offline in headless Chromium, for the browser tests.

The page is loaded from disk at :data:`VIEWPORT` with every request that is not a
local file refused and recorded; console errors and page errors are recorded too.
The tests fail, never skip, when Chromium or Playwright is missing:
``tools/ensure_chromium.sh`` (run by ``make test``) installs Chromium or says how.
"""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

VIEWPORT = {"width": 1400, "height": 900}


def chromium() -> str:
    found = (os.environ.get("ANALYSIS_CHROMIUM") or shutil.which("chromium")
             or shutil.which("chromium-browser"))
    if not found:
        pytest.fail("Chromium is not installed: the report page's browser test needs it. "
                    "Run `sh tools/ensure_chromium.sh` (make test runs it), which installs "
                    "it as root or prints the command to run.", pytrace=False)
    return found


@contextmanager
def offline_page(html: Path, requests: list, errors: list):
    """Yield a Playwright page showing ``html``; refused requests go into
    ``requests`` and console or page errors into ``errors``, for the caller to check
    once the browser is closed."""
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: .venv/bin/pip install -r requirements.lock "
                    "-c constraints.txt", pytrace=False)

    def refuse(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            context.route("**/*", refuse)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(Path(html).as_uri(), wait_until="load")
            yield page
        finally:
            browser.close()

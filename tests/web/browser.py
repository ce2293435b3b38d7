"""Real Chromium driven by selenium for the web chat's browser tests, and axe-core for them.

Debian's `chromium` and `chromium-driver` (`/usr/bin/chromium`, `/usr/bin/chromedriver`, or
ILLBOT_TEST_CHROMIUM / ILLBOT_TEST_CHROMEDRIVER) and axe-core from the npm registry (found in
`build/axe`, installed there with npm on first use, or named by ILLBOT_TEST_AXE). Missing, the
tests skip loudly; under CI=true they fail. Test modules load this file with `pytest_plugins`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest
from selenium import webdriver
from selenium.common.exceptions import (
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver import Chrome
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import _service_missing
from tests.web.conftest import PAT_CARD, PAT_PIN, RunningChat

ROOT = Path(__file__).resolve().parents[2]
AXE_VERSION = "4.14.1"  # pinned: a new axe release may add rules, and a run should not change
AXE_DIR = ROOT / "build" / "axe"
AXE_FILE = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WAIT = 15.0  # seconds a page may take to show what a test waits for; never asserted on
# This machine's network is closed: without the background-networking flags Chromium keeps
# trying Google's hosts at every start.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
# A control, named roughly as a person using a screen reader would hear it.
NAME = """
function named(el) {
  if (!el || el === document.body) { return "(body)"; }
  const frame = el.tagName === "IFRAME" ? " " + el.title : "";
  return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + frame + " " +
    (el.getAttribute("aria-label") || (el.labels && el.labels[0] && el.labels[0].textContent) ||
     el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
}
"""
DESCRIBE = NAME + "return named(document.activeElement);"
# Whether the focused control shows a focus indicator of at least 2 px (WCAG 2.4.7, 2.4.13).
RING = """
const style = getComputedStyle(document.activeElement);
return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) ||
  style.boxShadow !== "none";
"""
START = """
const mark = document.createElement("span");
mark.id = "tab-start";
mark.tabIndex = -1;
document.body.prepend(mark);
mark.focus();
"""
# Every control Tab should reach, in the document's order.
CONTROLS = (
    NAME
    + """
const selector = "a[href], button, input, select, textarea, iframe, [tabindex]";
return Array.from(document.querySelectorAll(selector)).filter(el =>
  !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0 &&
  getComputedStyle(el).visibility !== "hidden").map(named);
"""
)
# Controls a person could reach but a screen reader could not name (their label is missing).
UNLABELLED = """
const unnamed = [];
const controls = "input, select, textarea, button, [tabindex]:not([tabindex='-1'])";
for (const el of document.querySelectorAll(controls)) {
  if (el.type === "hidden" || el.closest("[hidden], template")) { continue; }
  const labelled = el.getAttribute("aria-labelledby");
  const name = (el.getAttribute("aria-label") ||
    (labelled && labelled.split(" ").map(id => (document.getElementById(id) || {}).textContent)
       .join(" ")) ||
    (el.labels && Array.from(el.labels).map(l => l.textContent).join(" ")) ||
    (["BUTTON", "A"].includes(el.tagName) ? el.textContent : "") || el.title || "").trim();
  if (!name) { unnamed.push(el.outerHTML.slice(0, 120)); }
}
return unnamed;
"""
# Elements whose right edge passes the viewport's, and the page's own horizontal overflow.
OVERFLOW = """
const width = document.documentElement.clientWidth;
const wide = [];
for (const el of document.body.querySelectorAll("*")) {
  if (el.closest(".visually-hidden, [hidden]") || el.matches(".skip-link")) { continue; }
  const box = el.getBoundingClientRect();
  if (box.width && box.right > width + 0.5) { wide.push(el.tagName + "." + el.className); }
}
return {scroll: document.documentElement.scrollWidth, width: width, wide: wide};
"""


def _program(variable: str, default: str) -> str | None:
    """Find a program named by an environment variable, at Debian's path, or on PATH."""
    named = os.environ.get(variable)
    for candidate in (named, default, shutil.which(Path(default).name)):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def start_chromium() -> Chrome:
    """Start headless Chromium under chromedriver, with a fresh profile; raise if missing."""
    binary = _program("ILLBOT_TEST_CHROMIUM", "/usr/bin/chromium")
    driver_path = _program("ILLBOT_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")
    if binary is None or driver_path is None:
        raise FileNotFoundError(
            "Chromium browser tests need Debian's chromium and chromium-driver "
            "(apt-get install chromium chromium-driver, or `make services` as root)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='illbot-chromium-')}")
    options.add_argument("--window-size=1024,800")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # CSP reports, JS errors
    return webdriver.Chrome(service=Service(driver_path), options=options)


def axe_source() -> str:
    """Return axe-core's script, installing it from the npm registry into build/axe once."""
    named = os.environ.get("ILLBOT_TEST_AXE")
    if named:
        return Path(named).read_text(encoding="utf-8")
    manifest = AXE_FILE.parent / "package.json"
    installed = json.loads(manifest.read_text())["version"] if manifest.exists() else None
    if installed != AXE_VERSION:
        npm = shutil.which("npm")
        if npm is None:
            raise FileNotFoundError("axe-core needs npm (Debian's npm or Node.js) to install")
        command = [npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund"]
        subprocess.run(
            [*command, f"axe-core@{AXE_VERSION}"], check=True, capture_output=True, timeout=300
        )
    return AXE_FILE.read_text(encoding="utf-8")


@dataclass
class Page:
    """One Chromium tab, with the few things a patron does and a checker looks at."""

    driver: Chrome
    ringless: list[str] = field(default_factory=list)  # controls Tab reached with no focus ring

    def open(self, url: str) -> None:
        """Go to a page."""
        self.driver.get(url)

    def wait(self, css: str, timeout: float = WAIT) -> WebElement:
        """Return the first visible element matching css, once there is one."""
        try:
            return WebDriverWait(self.driver, timeout).until(
                ec.visibility_of_element_located((By.CSS_SELECTOR, css))
            )
        except TimeoutException:
            where = self.driver.current_url
            raise AssertionError(f"nothing visible matches {css!r} on {where}") from None

    def wait_text(self, css: str, text: str, timeout: float = WAIT) -> WebElement:
        """Return the last element matching css once one of them contains text."""

        def found(driver: WebDriver) -> WebElement | None:
            for element in reversed(driver.find_elements(By.CSS_SELECTOR, css)):
                if text in element.text:
                    return element
            return None

        try:
            # The page re-renders field errors: one read as it is replaced is looked up again.
            waiting = WebDriverWait(
                self.driver, timeout, ignored_exceptions=(StaleElementReferenceException,)
            )
            return cast(WebElement, waiting.until(found))
        except TimeoutException:
            shown = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, css)]
            raise AssertionError(f"no {css!r} contains {text!r}; shown: {shown}") from None

    def until(self, script: str, timeout: float = WAIT) -> Any:
        """Return the script's result once it is truthy."""
        try:
            return WebDriverWait(self.driver, timeout).until(lambda d: d.execute_script(script))
        except TimeoutException:
            raise AssertionError(f"never true: {script}") from None

    def all(self, css: str) -> list[WebElement]:
        """Return the elements matching css."""
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def run(self, script: str, *args: Any) -> Any:
        """Run a script in the page and return its result."""
        return self.driver.execute_script(script, *args)

    def sign_in(self, url: str, card: str, pin: str) -> None:
        """Sign in on the chat page with a library card and wait for the chat."""
        self.open(url)
        self.wait("#card").send_keys(card)
        self.wait("#pin").send_keys(pin, Keys.ENTER)
        self.wait("#message")
        self.until("return document.body.dataset.ready === 'true'")

    def enter(self, site: Site) -> None:
        """Sign in at the site as its patron (Pat Miller of SJPL) and wait for the chat."""
        self.sign_in(site.url, site.card, site.pin)

    def ask_for_sapiens(self) -> None:
        """Ask for a bare title, so the bot shows what it would record (the confirm card)."""
        self.say("Sapiens")
        self.reply("Title: Sapiens")

    def request_sapiens(self) -> str:
        """Ask for Sapiens, press the card's Submit, say it must be free; return its ref."""
        self.ask_for_sapiens()
        self.press("Submit")
        self.reply("How much are you willing to pay")
        self.say("nothing, free only")
        done = self.reply("I've requested Sapiens")
        return next(w for w in done.text.replace(".", " ").split() if w.startswith("ILL-"))

    def say(self, text: str) -> None:
        """Type a message and press Enter, as a patron does."""
        box = self.wait("#message")
        box.send_keys(text)
        box.send_keys(Keys.ENTER)

    def press(self, label: str, within: str = ".answers") -> None:
        """Press the last button with this label, inside the given part of the page."""
        button = self.wait_text(f"{within} button", label)
        button.click()

    def reply(self, text: str) -> WebElement:
        """Wait for the library's line that contains text."""
        return self.wait_text(".transcript .msg-reply .text", text)

    def focused(self) -> str:
        """Describe the focused control."""
        return str(self.run(DESCRIBE))

    def tab_through(self, stops: int = 60) -> list[str]:
        """Press Tab from the top of the page and describe each control it reaches, once."""
        # Tab goes on from the last focused element: start from a mark at the page's top.
        self.run(START)
        self.driver.switch_to.active_element.send_keys(Keys.TAB)
        self.run("document.getElementById('tab-start').remove()")
        reached = [self.focused()]
        for _ in range(stops):
            if not self.run(RING):
                self.ringless.append(reached[-1])
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
            if self.focused() in (reached[0], "(body)"):
                break  # round again, or out of the page
            reached.append(self.focused())
        return reached

    def controls(self) -> list[str]:
        """Describe every control Tab should reach, in the document's order."""
        return list(self.run(CONTROLS))

    def console_errors(self) -> list[str]:
        """Return the errors the pages logged since last asked (scripts, CSP refusals)."""
        logged = self.driver.get_log("browser")
        errors = [e["message"] for e in logged if e["level"] == "SEVERE"]
        return [e for e in errors if "favicon.ico" not in e]  # no page here has an icon

    def unlabelled(self) -> list[str]:
        """Return the controls a screen reader could not name."""
        return list(self.run(UNLABELLED))

    def overflow(self) -> dict[str, Any]:
        """Return how far the page runs past the viewport's width, and what does."""
        return dict(self.run(OVERFLOW))

    def narrow(self, width: int = 320, height: int = 640) -> None:
        """Make the viewport as small as a small phone's."""
        self.viewport(width, height, mobile=True)

    def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        """Give the page a viewport of exactly this size."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )

    def axe(self, source: str) -> list[dict[str, Any]]:
        """Run axe-core (WCAG 2.x A and AA, 2.2 included) and return its serious findings."""
        self.run(source)
        result = self.driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: "tag", values:
                ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
              .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}))))
              .catch(e => done([{id: "axe-error", impact: "critical", help: String(e),
                nodes: []}]));
            """
        )
        return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="session")
def chromium(request: pytest.FixtureRequest) -> Iterator[Chrome]:
    """Start one headless Chromium for the session."""
    try:
        driver = start_chromium()
    except (FileNotFoundError, WebDriverException) as exc:
        _service_missing(request.config, f"Chromium: {str(exc).splitlines()[0]}")
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(chromium: Chrome) -> Iterator[Page]:
    """Return the browser tab with no cookies, on a blank page, at a desktop size."""
    chromium.execute_cdp_cmd("Network.clearBrowserCookies", {})
    chromium.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    chromium.get("about:blank")
    chromium.get_log("browser")  # forget what earlier tests' pages logged
    yield Page(chromium)
    chromium.switch_to.default_content()
    chromium.get("about:blank")  # ends the page's event stream before the server stops
    for handle in chromium.window_handles[1:]:
        chromium.switch_to.window(handle)
        chromium.close()
    chromium.switch_to.window(chromium.window_handles[0])
    chromium.switch_to.default_content()


@pytest.fixture(scope="session")
def axe(request: pytest.FixtureRequest) -> str:
    """Return axe-core's script (installed from the npm registry on first use)."""
    try:
        return axe_source()
    except (OSError, subprocess.SubprocessError) as exc:
        _service_missing(request.config, f"axe-core: {exc}")


@dataclass(frozen=True)
class Site:
    """Where the chat is served and a library card the SIP2 server knows."""

    url: str  # the chat page, e.g. http://127.0.0.1:PORT/chat/
    card: str
    pin: str
    origin: str  # http://127.0.0.1:PORT


def site_of(running: RunningChat) -> Site:
    """Describe a running chat as the browser tests use it (Pat Miller's SJPL card)."""
    return Site(url=f"{running.url}/chat/", card=PAT_CARD, pin=PAT_PIN, origin=running.url)


@pytest.fixture
def site(web_chat: RunningChat) -> Site:
    """The chat on loopback over a fresh store, card sign-in against the SIP2 test server."""
    return site_of(web_chat)

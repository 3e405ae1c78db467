"""Browser tests: Debian's Chromium driven by Playwright against a live server on each database.

The server runs the app in a thread (werkzeug's make_server) on a real, committed database, with
CSRF on, as in production; every table is emptied after each test. Without Chromium or the
Playwright client the tests are skipped, each saying why.
"""

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

from reuse.extensions import db
from reuse.models import Base
from tests.conftest import make_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).parent / "screenshots"
PASSWORD = "correct horse battery"
FAST_HASH = generate_password_hash(PASSWORD, "pbkdf2:sha256:1")


def _chromium() -> str | None:
    """Debian's Chromium, where it is installed."""
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Playwright client is not installed (pip install playwright)"
    if _chromium() is None:
        return f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    reason = _missing()
    if reason:
        print(f"\nbrowser tests skipped: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Live:
    """A served app: its base URL and the app, for seeding data."""

    url: str
    app: object

    def run(self, build):
        """Call build(session) in an app context and commit; returns what it returns."""
        with self.app.app_context():
            result = build(db.session)
            db.session.commit()
            return result


@pytest.fixture(scope="session")
def _servers() -> Iterator[dict]:
    servers: dict[str, tuple] = {}
    yield servers
    for server, thread, app in servers.values():
        server.shutdown()
        thread.join(timeout=5)
        # Wait for requests still being answered, so their connections go back before dispose.
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def live(database_url, browser, _servers) -> Iterator[Live]:
    """The live server of this database; every table is emptied after the test."""
    if database_url not in _servers:
        app = make_app(database_url, WTF_CSRF_ENABLED=True)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        _servers[database_url] = (server, thread, app)
    server, _, app = _servers[database_url]
    try:
        yield Live(f"http://127.0.0.1:{server.server_port}", app)
    finally:
        with app.app_context():
            db.session.remove()
            with db.engine.begin() as connection:
                for table in reversed(Base.metadata.sorted_tables):
                    connection.execute(table.delete())


def new_context(browser, **options):
    """A browser context in French that always fetches static files in full.

    A conditional request answered 304 leaves Werkzeug's open static file to the garbage
    collector (a ResourceWarning, an error under filterwarnings); asking in full avoids it.
    """
    context = browser.new_context(locale="fr-FR", **options)
    context.set_default_timeout(10_000)

    def in_full(route, request) -> None:
        conditional = ("if-modified-since", "if-none-match")
        route.continue_(headers={k: v for k, v in request.headers.items() if k not in conditional})

    context.route("**/static/**", in_full)
    return context


@pytest.fixture
def page(browser, live):
    """A fresh browser tab in French, at desktop size."""
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def shoot(page, name: str, *, full_page: bool = True) -> None:
    """Save a screenshot of the page for people to look at (tests/browser/screenshots/)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def tab_to(page, selector: str, *, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard reachability)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def focused(page, element_id: str) -> None:
    """Wait until the element with this id has the focus (autofocus lands after the load)."""
    page.wait_for_function("(id) => document.activeElement?.id === id", arg=element_id)


def sign_in(page, live: Live, email: str) -> None:
    """Sign in with the keyboard alone: the cursor starts in the email field."""
    page.goto(live.url + "/login")
    focused(page, "email")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

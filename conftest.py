"""Fixtures shared by the whole suite: people in every role of one public community, and clients
signed in as each of them (``member_client``, ``moderator_client`` ...)."""

import pytest
from django.test import Client

from sharedwork.communities.models import MembershipState, Role
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def community(db):
    return CommunityFactory(name="School Behavioral Health", slug="sbh")


def _member(community, role=Role.MEMBER, state=MembershipState.ACTIVE, **user_fields):
    return MembershipFactory(
        community=community, role=role, state=state, user=UserFactory(**user_fields)
    ).user


@pytest.fixture
def owner(community):
    return _member(community, Role.OWNER)


@pytest.fixture
def moderator(community):
    return _member(community, Role.MODERATOR)


@pytest.fixture
def member(community):
    return _member(community)


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def unverified(db):
    return UserFactory(email_verified_at=None)


@pytest.fixture
def site_admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner):
    return _client_for(owner)


@pytest.fixture
def moderator_client(moderator):
    return _client_for(moderator)


@pytest.fixture
def member_client(member):
    return _client_for(member)


@pytest.fixture
def outsider_client(outsider):
    return _client_for(outsider)


@pytest.fixture
def admin_client_(site_admin):
    return _client_for(site_admin)


@pytest.fixture
def anon_client():
    return Client()


@pytest.fixture
def client_for():
    """``client_for(user)``: a test client signed in as that person."""
    return _client_for


# --- browser tests (Playwright driving Debian's Chromium) -------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def _playwright_browser():
    import os

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make for
    # their setup are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium).")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(_playwright_browser, live_server, settings):
    """A fresh browser page; ``page.goto(path)`` is relative to the live server."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.AXES_ENABLED = False
    context = _playwright_browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    console_errors = []
    pg.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    pg.console_errors = console_errors
    yield pg
    context.close()


def _sign_in(page, user, password=None):
    from sharedwork.tests.factories import PASSWORD

    page.goto("/accounts/signin/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


@pytest.fixture
def sign_in():
    """``sign_in(page, user)``: sign in through the real form."""
    return _sign_in


def _check_axe(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )
    assert not violations, f"axe-core found {len(violations)} violation(s) on {page.url}:\n{details}"
    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert not csp_errors, f"CSP violations on {page.url}: {csp_errors}"


@pytest.fixture
def assert_accessible():
    """``assert_accessible(page)``: axe-core WCAG 2.x A/AA rules, 0 violations, and no CSP errors."""
    return _check_axe

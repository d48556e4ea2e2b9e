"""Fixtures for the accounts tests."""

import types

import pytest


@pytest.fixture(autouse=True)
def _mail_leaves_at_once(request, monkeypatch):
    """Tests run inside a transaction that never commits, so mail queued "on commit" would never leave.
    Here it leaves when queued; the services only queue mail after everything else has been checked.
    Browser tests (real transactions) keep the real behaviour."""
    if request.node.get_closest_marker("browser"):
        return
    from sharedwork.core import email

    monkeypatch.setattr(email, "transaction", types.SimpleNamespace(on_commit=lambda fn, **kwargs: fn()))

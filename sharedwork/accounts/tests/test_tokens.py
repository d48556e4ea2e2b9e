"""Signed email tokens."""

import pytest

from sharedwork.accounts.tokens import (
    email_change_token_make,
    email_change_token_read,
    verification_token_make,
    verification_token_read,
)
from sharedwork.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_verification_token_round_trips():
    person = UserFactory()
    assert verification_token_read(verification_token_make(person)) == (person.pk, person.email)


def test_a_change_token_is_not_a_verification_token_and_the_reverse():
    person = UserFactory()
    assert verification_token_read(email_change_token_make(person, "new@example.org")) is None
    assert email_change_token_read(verification_token_make(person)) is None


def test_junk_is_not_a_token():
    for junk in ("", "abc", "a:b:c", "x" * 600):
        assert verification_token_read(junk) is None
        assert email_change_token_read(junk) is None


def test_expired_tokens_are_refused(settings):
    person = UserFactory()
    token = verification_token_make(person)
    settings.EMAIL_VERIFICATION_MAX_AGE = -1
    assert verification_token_read(token) is None

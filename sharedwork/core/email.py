"""Email leaves through a background task, after the transaction that caused it commits.
Nothing a request does waits on a mail server."""

import contextlib
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string


@task()
def send_email_task(*, to: list[str], subject: str, text: str, html: str = "") -> None:
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


_paused: ContextVar[bool] = ContextVar("sharedwork_email_paused", default=False)


@contextlib.contextmanager
def outgoing_email_paused():
    """Send nothing inside the block: the demo seeder acts through the real services, which notify
    people, but its people are invented and nobody should get mail about them."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def send_templated_email(*, to: str | list[str], template: str, context: dict) -> None:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` and queue the mail on commit."""
    if _paused.get():
        return
    recipients = [to] if isinstance(to, str) else list(to)
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    transaction.on_commit(lambda: send_email_task.enqueue(to=recipients, subject=subject, text=text))

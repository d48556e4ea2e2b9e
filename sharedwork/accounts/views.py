# Scaffold: replaced by the real views.
from django.http import Http404


def affiliations(request, *args, **kwargs):
    raise Http404


def avatar(request, *args, **kwargs):
    raise Http404


def email_change(request, *args, **kwargs):
    raise Http404


def organization(request, *args, **kwargs):
    raise Http404


def organization_create(request, *args, **kwargs):
    raise Http404


def organizations(request, *args, **kwargs):
    raise Http404


def password_change(request, *args, **kwargs):
    raise Http404


def password_reset(request, *args, **kwargs):
    raise Http404


def password_reset_complete(request, *args, **kwargs):
    raise Http404


def password_reset_confirm(request, *args, **kwargs):
    raise Http404


def password_reset_sent(request, *args, **kwargs):
    raise Http404


def profile(request, *args, **kwargs):
    raise Http404


def settings(request, *args, **kwargs):
    raise Http404


def signin(request, *args, **kwargs):
    raise Http404


def signout(request, *args, **kwargs):
    raise Http404


def signup(request, *args, **kwargs):
    raise Http404


def verify(request, *args, **kwargs):
    raise Http404


def verify_resend(request, *args, **kwargs):
    raise Http404


def signin_locked_out(request, *args, **kwargs):
    raise Http404

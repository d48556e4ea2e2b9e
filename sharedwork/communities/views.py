# Scaffold: replaced by the real views.
from django.http import Http404


def cancel_request(request, *args, **kwargs):
    raise Http404


def create(request, *args, **kwargs):
    raise Http404


def create_child(request, *args, **kwargs):
    raise Http404


def directory(request, *args, **kwargs):
    raise Http404


def home(request, *args, **kwargs):
    raise Http404


def invitation(request, *args, **kwargs):
    raise Http404


def join(request, *args, **kwargs):
    raise Http404


def leave(request, *args, **kwargs):
    raise Http404


def members(request, *args, **kwargs):
    raise Http404


def py(request, *args, **kwargs):
    raise Http404


def request_join(request, *args, **kwargs):
    raise Http404


def logo(request, *args, **kwargs):
    raise Http404


def theme(request, *args, **kwargs):
    raise Http404

# Scaffold: replaced by the real views.
from django.http import Http404


def home_page(request, *args, **kwargs):
    raise Http404


def home_preview(request, *args, **kwargs):
    raise Http404


def invitations(request, *args, **kwargs):
    raise Http404


def log(request, *args, **kwargs):
    raise Http404


def member(request, *args, **kwargs):
    raise Http404


def members(request, *args, **kwargs):
    raise Http404


def ownership(request, *args, **kwargs):
    raise Http404


def pending(request, *args, **kwargs):
    raise Http404


def py(request, *args, **kwargs):
    raise Http404


def requests(request, *args, **kwargs):
    raise Http404


def settings(request, *args, **kwargs):
    raise Http404


def tool_settings(request, *args, **kwargs):
    raise Http404


def tools(request, *args, **kwargs):
    raise Http404

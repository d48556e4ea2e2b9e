# Scaffold: replaced by the real views.
from django.http import Http404


def index(request, *args, **kwargs):
    raise Http404


def moderators(request, *args, **kwargs):
    raise Http404


def users(request, *args, **kwargs):
    raise Http404

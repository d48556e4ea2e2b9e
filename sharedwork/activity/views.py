# Scaffold: replaced by the real views.
from django.http import Http404


def community_activity(request, *args, **kwargs):
    raise Http404


def community_feed(request, *args, **kwargs):
    raise Http404


def home(request, *args, **kwargs):
    raise Http404


def public_feed(request, *args, **kwargs):
    raise Http404

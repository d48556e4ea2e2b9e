"""The baseline of the benchmark: the cheapest possible Django view, behind the same middleware as every
page. Only routed when ``SHAREDWORK_BENCH=1`` (see ``sharedwork/urls.py``)."""

from django.http import HttpResponse


def bare(request):
    return HttpResponse("ok", content_type="text/plain")

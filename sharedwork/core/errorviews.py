from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string

from .context_processors import site


def bad_request(request, exception=None):
    return bad_request_page(request)


def bad_request_page(request, message: str = ""):
    """The 400 page, with ``message`` saying what was wrong. Rendered without the request's context
    processors: the NUL-byte middleware answers before sessions and users exist."""
    context = {"message": message, **site(request)}
    return HttpResponseBadRequest(render_to_string("errors/400.html", context))


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "You do not have permission to do that."
    return render(request, "errors/403.html", {"message": message}, status=403)


def server_error(request):
    return render(request, "errors/500.html", status=500)

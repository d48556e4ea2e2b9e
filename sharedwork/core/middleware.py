"""Plain-language pages for answers Django leaves empty."""

from django.shortcuts import render


class MethodNotAllowedPageMiddleware:
    """A button's address opened as a link (a bookmark, a typed URL, a shared link) answers 405 with an
    empty body, which browsers show as a blank error. Give it a page that says what to do instead; the
    status and the ``Allow`` header stay as they were."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.method not in ("GET", "HEAD"):
            return response
        page = render(request, "errors/405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page

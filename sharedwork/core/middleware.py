"""Plain-language pages for answers Django leaves empty."""

from django.shortcuts import render

from .errorviews import bad_request_page


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


NUL_MESSAGE = (
    "This address contains an invisible “null” character, so it cannot be opened. "
    "Check the link, or type the address again."
)


class RefuseNulBytesMiddleware:
    """Refuse, with a plain 400, a request whose address, query string or cookies contain a NUL byte.

    No person means one there, and PostgreSQL refuses NUL in text (a DataError, so a 500) wherever the
    value reaches a query: a username or file name in the path, a filter in the query string, a session
    key. One check here covers every view, on every database. Form fields are left to the forms: Django's
    CharField refuses NUL with a message next to the field, and the rest of what was typed is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return bad_request_page(request, NUL_MESSAGE)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return True
        return any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items())

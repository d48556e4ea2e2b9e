"""A page's attachments: the list and upload form, the file itself, and removal.

Files are only ever served by ``attachment``: the page (and so the community) must be visible to the
viewer, exactly as for reading the page. Downloads carry ``Content-Disposition: attachment`` except for
the image types browsers display safely, always ``X-Content-Type-Options: nosniff``, and a
Content-Security-Policy that lets nothing in a file run.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sharedwork.communities.permissions import can
from sharedwork.core.errors import require

from .attachments import file_type_of, wiki_attachment_remove, wiki_attachment_upload
from .forms import AttachmentForm
from .selectors import attachments_of, get_attachment
from .view_helpers import add_service_error, page_permissions, sign_in_first, wiki_context, with_page

FILE_CSP = "default-src 'none'; img-src 'self'; sandbox"


@with_page("attachments")
def attachments(request, page):
    user = request.user
    form = AttachmentForm()
    status = 200
    if request.method == "POST":
        if refusal := sign_in_first(request):
            return refusal
        require(can(user, "wiki.attach", page), "You cannot attach files to this page.")
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                added = wiki_attachment_upload(actor=user, page=page, upload=form.cleaned_data["file"])
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"“{added.name}” is attached to the page.")
                return redirect(page.url_for("attachments"))
        status = 400
    files = list(attachments_of(page))
    for file in files:
        file.page = page  # the permission check reads the page and its community: no query per file
        file.may_remove = can(user, "wiki.remove_attachment", file)
    context = wiki_context(request, page=page, form=form, files=files, **page_permissions(user, page))
    return render(request, "wiki/attachments.html", context, status=status)


@with_page("attachment")
def attachment(request, page, name):
    """The file. Reaching here means the viewer may see the page (``with_page``)."""
    stored = get_attachment(page, name)
    file_type = file_type_of(stored.name)
    inline = file_type is not None and file_type.inline
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(
        handle, content_type=stored.content_type, as_attachment=not inline, filename=stored.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_POST
@with_page("attachment_remove")
def attachment_remove(request, page, name):
    if refusal := sign_in_first(request, page.url_for("attachments")):
        return refusal
    stored = get_attachment(page, name)
    wiki_attachment_remove(actor=request.user, attachment=stored)
    messages.success(request, f"“{stored.name}” is removed.")
    return redirect(page.url_for("attachments"))

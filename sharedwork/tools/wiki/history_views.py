"""A page's history: the list of revisions, any old revision, the difference between two, and revert."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from sharedwork.core.pagination import paginate

from .diff import diff_lines, is_empty
from .forms import RevertForm
from .models import Revision
from .rendering import nested_toc
from .selectors import get_revision, revisions_of
from .services import rendered_for, wiki_page_revert
from .view_helpers import add_service_error, html_of, page_permissions, refuse_edit, wiki_context, with_page

HISTORY_PAGE_SIZE = 50


@with_page("history")
def history(request, page):
    page_obj = paginate(request, revisions_of(page), per_page=HISTORY_PAGE_SIZE)
    current = page.current_revision.number
    rows = list(page_obj)
    context = wiki_context(
        request,
        page=page,
        page_obj=page_obj,
        revisions=rows,
        current_number=current,
        # Preselect "compare the newest with the one before" so the compare button works at once.
        default_from=max(current - 1, 1),
        default_to=current,
        pagination_label="Pages of the history",
        **page_permissions(request.user, page),
    )
    return render(request, "wiki/history.html", context)


@with_page("revision")
def revision(request, page, number):
    old = get_revision(page, number)
    rendered = rendered_for(old)
    context = wiki_context(
        request,
        page=page,
        revision=old,
        is_current=old.number == page.current_revision.number,
        html=html_of(request.community, rendered, page=page),
        toc=nested_toc(rendered.toc),
        **page_permissions(request.user, page),
    )
    return render(request, "wiki/revision.html", context)


def _number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None


@with_page("diff")
def diff(request, page):
    """``?from=<number>&to=<number>`` (either order). Without ``from``, the change ``to`` made."""
    current = page.current_revision.number
    to_number = _number(request.GET.get("to", current))
    from_number = _number(request.GET.get("from")) if "from" in request.GET else (to_number or 0) - 1
    error = None
    revisions = {}
    if to_number is None or from_number is None:
        error = "Choose two revisions to compare: their numbers are listed in the page's history."
    elif from_number == to_number:
        error = "Choose two different revisions to compare."
    else:
        wanted = sorted({from_number, to_number})
        # Numbers are gapless up to the current one; asking the database for larger ones could overflow
        # its integer column (SQLite raises rather than finding nothing).
        revisions = {
            r.number: r
            for r in Revision.objects.filter(
                page=page, number__in=[n for n in wanted if n <= current]
            ).select_related("author")
        }
        missing = [n for n in wanted if n not in revisions]
        if missing:
            error = f"This page has no revision {missing[0]}. It has revisions 1 to {current}."
    context = wiki_context(request, page=page, error=error, current_number=current)
    if error:
        return render(request, "wiki/diff.html", context, status=400)
    older, newer = revisions[min(from_number, to_number)], revisions[max(from_number, to_number)]
    rows = diff_lines(older.body, newer.body)
    context.update(
        older=older,
        newer=newer,
        rows=rows,
        no_text_change=is_empty(rows),
        title_changed=older.title != newer.title,
        caption=f"Changes from revision {older.number} to revision {newer.number}",
        **page_permissions(request.user, page),
    )
    return render(request, "wiki/diff.html", context)


@with_page("revert")
def revert(request, page, number):
    """Confirm, then make a new revision with the text of revision ``number``."""
    user = request.user
    if refusal := refuse_edit(request, page):
        return refusal
    target = Revision.objects.filter(page=page, number=number).select_related("author").first()
    current = page.current_revision
    if target is None:
        context = wiki_context(
            request, page=page, error=f"This page has no revision {number}. Nothing was changed."
        )
        return render(request, "wiki/revert.html", context, status=400)
    if target.number == current.number:
        error = f"Revision {number} is the current version already. Nothing was changed."
        return render(request, "wiki/revert.html", wiki_context(request, page=page, error=error), status=400)
    target.page = page
    form = RevertForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            new = wiki_page_revert(
                actor=user, page=page, revision=target, summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            status = 400
        else:
            messages.success(
                request, f"Reverted: revision {new.number} has the text of revision {target.number}."
            )
            return redirect(page)
    elif request.method == "POST":
        status = 400
    context = wiki_context(
        request,
        page=page,
        target=target,
        form=form,
        current=current,
        rows=diff_lines(current.body, target.body),
    )
    return render(request, "wiki/revert.html", context, status=status)

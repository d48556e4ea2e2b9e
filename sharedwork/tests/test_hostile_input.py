"""Every change form of the write matrix, posted with hostile values in each field (a NUL byte, an integer
that overflows the database, text far past any limit): never a server error, and a refusal (4xx) leaves
every table of SharedWork as it was."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from sharedwork.communities.models import SiteSettings, Visibility
from sharedwork.tests import test_permission_matrix_writes as matrix
from sharedwork.tests.test_permission_matrix import ACTORS

HOSTILE = {"nul": "a\x00b", "overflow": str(10**30), "far too long": "x" * 30_000}
ROWS = [row for row in matrix.WRITES if any(row.rule(a, Visibility.PUBLIC) == matrix.ALLOWED for a in ACTORS)]


@pytest.fixture
def world(db, settings):
    settings.AXES_ENABLED = False
    world = matrix.World()
    matrix._give_wiki_pages(world)
    SiteSettings.load()  # made on first read: not a change
    return world


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_hostile_values_in_any_field_never_cause_a_server_error_or_a_half_saved_change(world, row):
    if row.prepare:
        row.prepare(world)
    visibility = Visibility.PUBLIC
    actor = next(a for a in ACTORS if row.rule(a, visibility) == matrix.ALLOWED)
    kwargs = world.kwargs_for(row.name, matrix.ROUTES[row.name], visibility)
    if row.kwargs:
        kwargs.update(row.kwargs(world, visibility))
    url = reverse(row.name, kwargs=kwargs)
    base = row.data(world, visibility, actor)
    problems = []
    for field, value in base.items():
        if isinstance(value, SimpleUploadedFile):
            continue
        for kind, hostile in HOSTILE.items():
            with transaction.atomic():
                cache.clear()
                before = matrix._fingerprint()
                response = world.clients[actor].post(url, {**base, field: hostile})
                changed = [label for label, rows in matrix._fingerprint().items() if rows != before[label]]
                if response.status_code >= 500:
                    problems.append(f"{field}={kind}: {response.status_code}")
                elif response.status_code >= 400 and changed:
                    problems.append(f"{field}={kind}: refused ({response.status_code}) but changed {changed}")
                transaction.set_rollback(True)
    assert not problems, f"{row.id}:\n" + "\n".join(problems)

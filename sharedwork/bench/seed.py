"""Seed a benchmark wiki with ``bulk_create`` (run in the bench environment by ``runner``, never against the
developer's database): ``python -m sharedwork.bench.seed --pages N --revisions M``.

Prints one JSON line: the community, a signed-in session for saves, the pages to read and, per client
thread, the pages that thread edits (so that saves measure saving, not edit conflicts).

Old revisions are stored without their rendering (``render_version=0``): the wiki renders them on first
view, exactly like revisions written before a renderer change. Current revisions are rendered, as saves
would have left them.
"""

import argparse
import json
import os
import random
import sys
import time

BODY = """Notes of working group {group}, page {n}.

## Goals

- Connect schools, families and community providers in district {district}.
- Share what works: see [[{link_a}|the related page]] and [[{link_b}]].
- Still to write: [[missing/topic-{missing}]].

## Decisions

| Item | Owner | When |
| --- | --- | --- |
| Screening plan | Team {group} | Week {week} |
| Family survey | Team {district} | Week {week2} |

## Next steps

1. Draft the plan for revision {revision}.
2. Review it at the next monthly call.
"""


def _setup_django():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedwork.settings")
    import django

    django.setup()


def page_path(n: int, pages: int) -> str:
    """A tenth of the pages are top-level topics; the rest live inside one of them."""
    topics = max(pages // 10, 1)
    return f"topic-{n}" if n < topics else f"topic-{n % topics}/page-{n}"


def body_for(n: int, pages: int, revision: int) -> str:
    rng = random.Random(n * 1000 + revision)
    return BODY.format(
        group=n % 97, n=n, district=n % 31, link_a=page_path(rng.randrange(pages), pages),
        link_b=page_path(rng.randrange(pages), pages), missing=n % 50, week=rng.randrange(1, 52),
        week2=rng.randrange(1, 52), revision=revision,
    )  # fmt: skip


def seed(pages: int, revisions: int, threads: int) -> dict:
    from django.db import connection, transaction
    from django.db.models import OuterRef, Subquery
    from django.test import Client
    from django.utils import timezone

    from sharedwork.accounts.models import User
    from sharedwork.communities.models import Community, Membership, MembershipState, Role, ToolActivation
    from sharedwork.tools.wiki.models import Page, Revision, WikiLink
    from sharedwork.tools.wiki.rendering import RENDER_VERSION, render_body

    started = time.perf_counter()
    now = timezone.now()
    user = User.objects.create_user(
        email="bench@example.org", password=None, display_name="Bench Writer", email_verified_at=now
    )
    community = Community.objects.create(name="Bench community", slug="bench", visibility="public")
    Membership.objects.create(
        community=community, user=user, role=Role.MEMBER, state=MembershipState.ACTIVE, joined_at=now
    )
    ToolActivation.objects.create(community=community, tool_slug="wiki", enabled=True, position=0)

    per_page = [revisions // pages + (1 if n < revisions % pages else 0) for n in range(pages)]
    batch = 1000
    for start in range(0, pages, batch):
        numbers = range(start, min(start + batch, pages))
        with transaction.atomic():
            rows = Page.objects.bulk_create(
                Page(community=community, path=page_path(n, pages), title=f"Page {n}", created_by=user,
                     created_at=now, updated_at=now)
                for n in numbers
            )  # fmt: skip
            history, links = [], []
            for page, n in zip(rows, numbers, strict=True):
                count = max(per_page[n], 1)
                for number in range(1, count + 1):
                    body = body_for(n, pages, number)
                    current = number == count
                    rendered = render_body(body) if current else None
                    history.append(
                        Revision(
                            page=page,
                            community=community,
                            number=number,
                            kind="created" if number == 1 else "edited",
                            title=page.title,
                            body=body,
                            size=len(body.encode()),
                            author=user,
                            created_at=now,
                            rendered_html=rendered.html if rendered else "",
                            toc=rendered.toc if rendered else [],
                            render_version=RENDER_VERSION if rendered else 0,
                        )  # fmt: skip
                    )
                    if rendered:
                        links.extend(
                            WikiLink(community=community, source=page, target_path=path)
                            for path in rendered.links
                        )
            Revision.objects.bulk_create(history, batch_size=500)
            WikiLink.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
            latest = {}
            for revision in history:
                latest[revision.page_id] = revision
            for page in rows:
                page.current_revision_id = latest[page.pk].pk
            Page.objects.bulk_update(rows, ["current_revision"], batch_size=500)

    # Every link now leads to the page at its address (the services keep this current as pages are
    # written; the bulk seed sets it once at the end), then the planner gets fresh statistics, as
    # autovacuum/ANALYZE would give a wiki that grew over time.
    WikiLink.objects.filter(community=community).update(
        target_page=Subquery(
            Page.objects.filter(community=community, path=OuterRef("target_path")).values("pk")[:1]
        )
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    everything = [page_path(n, pages) for n in range(pages)]
    rng = random.Random(1)
    edit_pool = rng.sample(everything, min(len(everything), threads * 20))
    return {
        "database": _database_label(),
        "community": community.slug,
        "session": session,
        "view_paths": rng.sample(everything, min(len(everything), 2000)),
        "edit_paths": [edit_pool[i::threads] for i in range(threads)],
        "pages": Page.objects.filter(community=community).count(),
        "revisions": Revision.objects.filter(community=community).count(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _database_label() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version} (WAL)"
    return connection.vendor


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--revisions", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    _setup_django()
    print(json.dumps(seed(args.pages, args.revisions, args.threads)))


if __name__ == "__main__":
    main()

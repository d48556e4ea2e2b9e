"""The wiki's declaration to the tool framework: its actions, activity sentences, URLs, home block,
search documents and demo content. Everything the rest of SharedWork knows about the wiki is here."""

from sharedwork.communities.models import Role
from sharedwork.communities.permissions import can, has_role, is_site_admin
from sharedwork.tools.base import HomeBlockKind, SearchDocument, Tool, ToolAction


def _recent_changes_block(community, viewer, block):
    from .selectors import recently_changed_pages

    return {"pages": recently_changed_pages(viewer, community)}


class WikiTool(Tool):
    slug = "wiki"
    label = "Wiki"
    description = (
        "Pages the community writes together, with their full history: who changed what and when, "
        "differences between versions, and a way back to any earlier version."
    )
    icon = "wiki"
    enabled_by_default = True
    actions = {
        "wiki.view": ToolAction("Read the wiki", default="viewer", write=False),
        "wiki.view_deleted": ToolAction("See deleted pages", default="moderator", write=False),
        "wiki.edit": ToolAction("Create, edit, rename and revert pages", default="member", configurable=True),
        "wiki.attach": ToolAction("Attach files to pages they may edit", default="member"),
        "wiki.remove_attachment": ToolAction(
            "Remove files they attached (moderators: any file)", default="member"
        ),
        "wiki.delete": ToolAction("Delete pages", default="moderator"),
        "wiki.restore": ToolAction("Restore deleted pages", default="moderator"),
        "wiki.lock": ToolAction("Lock and unlock pages", default="moderator"),
    }
    activity_verbs = {
        "wiki.page_created": "{actor} created the wiki page {target}",
        "wiki.page_edited": "{actor} edited the wiki page {target}{summary_note}",
        "wiki.page_renamed": "{actor} renamed the wiki page {old_title} to {target}",
        "wiki.page_reverted": "{actor} reverted the wiki page {target} to revision {reverted_to}",
        "wiki.page_deleted": "{actor} deleted the wiki page {target}",
        "wiki.page_restored": "{actor} restored the wiki page {target}",
        "wiki.page_locked": "{actor} locked the wiki page {target}",
        "wiki.page_unlocked": "{actor} unlocked the wiki page {target}",
        "wiki.attachment_added": "{actor} attached {file} to the wiki page {target}",
        "wiki.attachment_removed": "{actor} removed {file} from the wiki page {target}",
    }
    home_blocks = [
        HomeBlockKind(
            "wiki.recent_changes",
            "Wiki: recently changed pages",
            "wiki/blocks/recent_changes.html",
            _recent_changes_block,
            "The wiki pages changed most recently, with who changed them and when.",
        )
    ]
    default_settings = {}

    def urlpatterns(self):
        from .urls import urlpatterns

        return urlpatterns

    def object_rule(self, actor, action, obj) -> bool:
        """Page-level rules on top of the role levels:

        * a deleted page is seen only by those who may see deleted pages, and only restored;
        * a locked page is edited (and given files) only by moderators;
        * attaching needs the right to edit the page; a file is removed by its uploader or a moderator.
        """
        from .models import Attachment, Page

        attachment = obj if isinstance(obj, Attachment) else None
        page = attachment.page if attachment is not None else obj if isinstance(obj, Page) else None
        if page is None:
            return True
        if action == "wiki.view":
            return not page.is_deleted or can(actor, "wiki.view_deleted", page.community)
        if action in ("wiki.view_deleted", "wiki.restore"):
            return page.is_deleted
        if page.is_deleted:
            return False
        moderates = is_site_admin(actor) or has_role(actor, page.community, Role.MODERATOR)
        if (
            action in ("wiki.edit", "wiki.attach", "wiki.remove_attachment")
            and page.is_locked
            and not moderates
        ):
            return False
        if action == "wiki.attach":
            return can(actor, "wiki.edit", page)
        if action == "wiki.remove_attachment":
            return attachment is not None and (moderates or attachment.uploaded_by_id == actor.pk)
        return True

    def search_documents(self, community, since=None):
        """One document per live page: its title and current text. Deleted pages are not searchable."""
        from .models import Page

        pages = Page.objects.filter(community=community, deleted_at__isnull=True).select_related(
            "current_revision"
        )
        if since is not None:
            pages = pages.filter(updated_at__gte=since)
        for page in pages.iterator(chunk_size=500):
            page.community = community
            yield SearchDocument(
                title=page.title,
                body=page.current_revision.body if page.current_revision else "",
                url=page.get_absolute_url(),
                community_id=community.pk,
                obj=page,
                extra={"updated_at": page.updated_at, "path": page.path},
            )

    def seed_demo(self, community, people: dict) -> None:
        from .demo import seed_wiki

        seed_wiki(community, people)

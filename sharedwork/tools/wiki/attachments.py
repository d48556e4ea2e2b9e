"""Files attached to wiki pages: what may be uploaded, and the upload and removal services.

Only a short list of everyday file types is accepted, and a file's contents must match its name (a
"photo.png" must really be a PNG image), because the files are later served to other people. Only the
image types browsers show safely are shown inline; everything else downloads.
"""

import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from sharedwork.activity.services import activity_record
from sharedwork.communities.permissions import can
from sharedwork.core.errors import require

from .models import Attachment, Page

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ZIP_MAGIC = (b"PK\x03\x04",)
OLE_MAGIC = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)


@dataclass(frozen=True)
class FileType:
    content_type: str
    description: str
    image_format: str = ""  # Pillow's name for an image type; its contents are checked by decoding
    magic: tuple = ()  # acceptable first bytes for other types
    text: bool = False

    @property
    def inline(self) -> bool:
        """Shown in the browser (embedded images) rather than downloaded."""
        return bool(self.image_format)


FILE_TYPES = {
    "png": FileType("image/png", "PNG image", image_format="PNG"),
    "jpg": FileType("image/jpeg", "JPEG image", image_format="JPEG"),
    "jpeg": FileType("image/jpeg", "JPEG image", image_format="JPEG"),
    "gif": FileType("image/gif", "GIF image", image_format="GIF"),
    "webp": FileType("image/webp", "WebP image", image_format="WEBP"),
    "pdf": FileType("application/pdf", "PDF document", magic=(b"%PDF-",)),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word document",
        magic=ZIP_MAGIC,
    ),
    "xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook", magic=ZIP_MAGIC
    ),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint file",
        magic=ZIP_MAGIC,
    ),
    "doc": FileType("application/msword", "Word document", magic=OLE_MAGIC),
    "xls": FileType("application/vnd.ms-excel", "Excel workbook", magic=OLE_MAGIC),
    "ppt": FileType("application/vnd.ms-powerpoint", "PowerPoint file", magic=OLE_MAGIC),
    "odt": FileType("application/vnd.oasis.opendocument.text", "OpenDocument text", magic=ZIP_MAGIC),
    "ods": FileType(
        "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet", magic=ZIP_MAGIC
    ),
    "odp": FileType(
        "application/vnd.oasis.opendocument.presentation", "OpenDocument presentation", magic=ZIP_MAGIC
    ),
    "txt": FileType("text/plain", "Text file", text=True),
    "csv": FileType("text/csv", "CSV table", text=True),
}
ACCEPTED_SUMMARY = (
    "images (PNG, JPEG, GIF, WebP), PDF, Word, Excel and PowerPoint files, OpenDocument files, and plain "
    "text "
    "or CSV files"
)


def max_bytes() -> int:
    return int(getattr(settings, "WIKI_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def accept_attribute() -> str:
    """For ``<input type=file accept=…>``: the browser offers the accepted types first."""
    return ",".join(f".{ext}" for ext in FILE_TYPES)


def file_type_of(name: str) -> FileType | None:
    return FILE_TYPES.get(os.path.splitext(name)[1].lower().lstrip("."))


def safe_name(original: str) -> str:
    """A readable file name of letters, digits and hyphens: "Agenda (final).PDF" -> "agenda-final.pdf"."""
    stem, ext = os.path.splitext(os.path.basename(original or ""))
    stem = slugify(stem)[:100].strip("-") or "file"
    return f"{stem}{ext.lower()}"


def validate_upload(upload) -> FileType:
    """The file's type, or a ValidationError (on ``file``) that says what is wrong. Nothing is stored."""
    name = os.path.basename(upload.name or "")
    file_type = file_type_of(name)
    if file_type is None:
        ext = os.path.splitext(name)[1].lower()
        kind = f"Files of type {ext}" if ext else "Files without a type ending such as .pdf"
        raise ValidationError({"file": f"{kind} cannot be attached. You can attach {ACCEPTED_SUMMARY}."})
    if upload.size == 0:
        raise ValidationError({"file": f"“{name}” is empty."})
    if upload.size > max_bytes():
        raise ValidationError(
            {
                "file": f"“{name}” is {human_size(upload.size)}; "
                f"a file can be at most {human_size(max_bytes())}."
            }
        )
    if not _contents_match(upload, file_type):
        raise ValidationError(
            {
                "file": f"“{name}” is not really a {file_type.description}: its contents do not match its "
                "name. Check that you chose the right file."
            }
        )
    return file_type


def _contents_match(upload, file_type: FileType) -> bool:
    upload.seek(0)
    try:
        if file_type.image_format:
            from PIL import Image

            try:
                with Image.open(upload) as image:
                    image_format = image.format
                    image.verify()
            except Exception:  # noqa: BLE001 - any decoding failure means "not that image"
                return False
            return image_format == file_type.image_format
        head = upload.read(8192)
        if file_type.magic:
            return any(head.startswith(magic) for magic in file_type.magic)
        if file_type.text:
            return b"\x00" not in head
        return False
    finally:
        upload.seek(0)


def wiki_attachment_upload(*, actor, page: Page, upload) -> Attachment:
    """Attach ``upload`` (an UploadedFile) to ``page`` under a safe, unique name."""
    require(can(actor, "wiki.attach", page), "You cannot attach files to this page.")
    file_type = validate_upload(upload)
    base = safe_name(upload.name)
    with transaction.atomic():
        # The page's row lock serialises uploads to one page, so two files cannot get the same name.
        Page.objects.select_for_update().filter(pk=page.pk).first()
        taken = set(Attachment.objects.filter(page=page).values_list("name", flat=True))
        name = _unique(base, taken)
        attachment = Attachment(
            page=page, name=name, content_type=file_type.content_type, size=upload.size, uploaded_by=actor
        )
        attachment.file.save(name, upload, save=False)
        try:
            attachment.save()
            activity_record(
                actor=actor,
                verb="wiki.attachment_added",
                community=page.community,
                target=page,
                data={"file": name},
            )
        except Exception:
            attachment.file.storage.delete(attachment.file.name)
            raise
    return attachment


def wiki_attachment_remove(*, actor, attachment: Attachment) -> None:
    """Remove a file for good (an uploader removing a wrong file, or a moderator). The stored file is
    deleted once the removal is committed."""
    require(
        can(actor, "wiki.remove_attachment", attachment),
        "Only the person who uploaded a file, or a moderator, can remove it.",
    )
    page = attachment.page
    stored, storage = attachment.file.name, attachment.file.storage
    with transaction.atomic():
        Attachment.objects.filter(pk=attachment.pk).delete()
        activity_record(
            actor=actor,
            verb="wiki.attachment_removed",
            community=page.community,
            target=page,
            data={"file": attachment.name},
        )
        transaction.on_commit(lambda: storage.delete(stored))


def _unique(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    stem, ext = os.path.splitext(name)
    n = 2
    while f"{stem}-{n}{ext}" in taken:
        n += 1
    return f"{stem}-{n}{ext}"

"""Checking and cleaning uploaded images (community logos).

``clean_logo(upload)`` is the one entry point: it accepts PNG, JPEG or WebP, recognised by their content
(never by the file name or the browser's claimed type), refuses files over 2 MB, shrinks the picture to
fit in 512 x 512 pixels and re-encodes it, which drops EXIF, GPS, comments and any other metadata. It
returns a new file ready to assign to ``Community.logo``; the original bytes are never stored.

The settings page (``manage_views``) calls it from its form's ``clean_logo`` and stores the result, e.g.
``community.logo.save(cleaned.name, cleaned)``; the logo view serves it with the content type its first
bytes show (``sniff_content_type``).
"""

import contextlib
import io
import uuid

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from sharedwork.core.images import open_picture, pixels_only, read_limited

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_SIDE = 512

# Pillow format name -> (file extension, content type)
ACCEPTED_FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "WEBP": ("webp", "image/webp"),
}
ACCEPTED_LABEL = "PNG, JPEG or WebP"
LOGO_CONTENT_TYPES = {ext: content_type for ext, content_type in ACCEPTED_FORMATS.values()}


def clean_logo(upload, *, max_bytes: int = MAX_LOGO_BYTES, max_side: int = MAX_LOGO_SIDE) -> ContentFile:
    """A cleaned copy of ``upload`` (any file-like object with ``size`` or readable bytes).

    Raises ``ValidationError`` with a plain message when the file is too big, is not a PNG, JPEG or
    WebP picture, or cannot be read.
    """
    data = read_limited(upload, max_bytes, accepted=ACCEPTED_LABEL)
    image = open_picture(data, ACCEPTED_FORMATS, accepted=ACCEPTED_LABEL)
    fmt = image.format
    # Keep the picture the right way up once EXIF is gone; a broken orientation tag is not worth refusing.
    with contextlib.suppress(Exception):
        image = ImageOps.exif_transpose(image)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    extension, _ = ACCEPTED_FORMATS[fmt]
    output = io.BytesIO()
    _save_without_metadata(image, fmt, output)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def content_type_for(name: str) -> str | None:
    """The content type of a stored logo, from the extension ``clean_logo`` gave it; None if unknown."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return LOGO_CONTENT_TYPES.get(extension)


def sniff_content_type(head: bytes) -> str | None:
    """The content type of PNG, JPEG or WebP data from its first 12 bytes; None for anything else. The logo
    view uses this, so a file stored under any name is served as what it really is, or not at all."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _save_without_metadata(image: Image.Image, fmt: str, output) -> None:
    """Write pixels only: a fresh image carries no EXIF, ICC, XMP or text chunks from the upload."""
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        pixels_only(image).save(output, format="JPEG", quality=88, optimize=True)
        return
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    clean = pixels_only(image)
    if fmt == "PNG":
        clean.save(output, format="PNG", optimize=True)
    else:
        clean.save(output, format="WEBP", quality=88)

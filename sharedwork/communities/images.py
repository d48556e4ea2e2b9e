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
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_SIDE = 512
# Refuse absurd dimensions before decoding: a small file can claim a huge canvas ("decompression bomb").
MAX_SOURCE_PIXELS = 40_000_000

# Pillow format name -> (file extension, content type)
ACCEPTED_FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "WEBP": ("webp", "image/webp"),
}
LOGO_CONTENT_TYPES = {ext: content_type for ext, content_type in ACCEPTED_FORMATS.values()}


def clean_logo(upload, *, max_bytes: int = MAX_LOGO_BYTES, max_side: int = MAX_LOGO_SIDE) -> ContentFile:
    """A cleaned copy of ``upload`` (any file-like object with ``size`` or readable bytes).

    Raises ``ValidationError`` with a plain message when the file is too big, is not a PNG, JPEG or
    WebP picture, or cannot be read.
    """
    data = _read_limited(upload, max_bytes)
    image = _open(data)
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


def _read_limited(upload, max_bytes: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(_too_big(size, max_bytes))
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(_too_big(len(data), max_bytes))
    if not data:
        raise ValidationError("The file is empty. Choose a PNG, JPEG or WebP picture.")
    return data


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"The picture is {size / (1024 * 1024):.1f} MB; the limit is {max_bytes // (1024 * 1024)} MB. "
        "Choose a smaller file."
    )


def _open(data: bytes) -> Image.Image:
    not_a_picture = "Choose a PNG, JPEG or WebP picture. This file is not one of those."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(ACCEPTED_FORMATS))
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise ValidationError("The picture is too large in pixels. Choose one under 6,000 x 6,000.")
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(not_a_picture) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ValidationError("The picture could not be read; it may be damaged. Try another file.") from exc
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(not_a_picture)
    return image


def _save_without_metadata(image: Image.Image, fmt: str, output) -> None:
    """Write pixels only: a fresh image carries no EXIF, ICC, XMP or text chunks from the upload."""
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        clean.save(output, format="JPEG", quality=88, optimize=True)
        return
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if fmt == "PNG":
        clean.save(output, format="PNG", optimize=True)
    else:
        clean.save(output, format="WEBP", quality=88)

"""Profile pictures: checked by content, cropped to a square, re-encoded without metadata.

``avatar_prepare(upload)`` is the one entry point. It accepts JPEG, PNG, WebP and GIF pictures recognised
by their bytes (never by the file name or the browser's claimed type), refuses files over 5 MB and
absurd canvases, centre-crops to a 256 x 256 square and writes a fresh WebP image. Writing new pixels
into a new image drops EXIF (camera, GPS position), ICC, XMP and comments. The original bytes are never
stored. ``AVATAR_CONTENT_TYPE`` is what the avatar view serves.
"""

import contextlib
import io
import uuid

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from sharedwork.core.images import has_transparency, open_picture, pixels_only, read_limited

MAX_AVATAR_BYTES = 5 * 1024 * 1024
AVATAR_SIDE = 256
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
AVATAR_EXTENSION = "webp"
AVATAR_CONTENT_TYPE = "image/webp"

ACCEPTED_LABEL = "JPEG, PNG, WebP or GIF"


def avatar_prepare(upload) -> ContentFile:
    """A cleaned square copy of ``upload`` (an uploaded file or any object with ``read``).

    Raises ``ValidationError`` with a plain message when the file is too big, empty, not one of the
    accepted picture types, or damaged.
    """
    data = _read_limited(upload)
    image = _open(data)
    # Keep the picture the right way up once EXIF is gone; a broken orientation tag is not worth refusing.
    with contextlib.suppress(Exception):
        image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA") if has_transparency(image) else image.convert("RGB")
    square = ImageOps.fit(image, (AVATAR_SIDE, AVATAR_SIDE), Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    output = io.BytesIO()
    pixels_only(square).save(output, format="WEBP", quality=85)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{AVATAR_EXTENSION}")


def _read_limited(upload) -> bytes:
    return read_limited(upload, MAX_AVATAR_BYTES, accepted=ACCEPTED_LABEL)


def _open(data: bytes) -> Image.Image:
    return open_picture(data, ACCEPTED_FORMATS, accepted=ACCEPTED_LABEL)

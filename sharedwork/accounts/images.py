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
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_AVATAR_BYTES = 5 * 1024 * 1024
AVATAR_SIDE = 256
# A small file can claim a huge canvas ("decompression bomb"): refuse before decoding the pixels.
MAX_SOURCE_PIXELS = 40_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
AVATAR_EXTENSION = "webp"
AVATAR_CONTENT_TYPE = "image/webp"

NOT_A_PICTURE = "Choose a JPEG, PNG, WebP or GIF picture. This file is not one of those."
TOO_MANY_PIXELS = "The picture is too large in pixels. Choose one under 6,000 x 6,000."


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
    image = image.convert("RGBA") if _has_transparency(image) else image.convert("RGB")
    square = ImageOps.fit(image, (AVATAR_SIDE, AVATAR_SIDE), Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    clean = Image.new(square.mode, square.size)
    clean.paste(square)
    output = io.BytesIO()
    clean.save(output, format="WEBP", quality=85)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{AVATAR_EXTENSION}")


def _read_limited(upload) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_AVATAR_BYTES:
        raise ValidationError(_too_big(size))
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_AVATAR_BYTES + 1)
    if len(data) > MAX_AVATAR_BYTES:
        raise ValidationError(_too_big(len(data)))
    if not data:
        raise ValidationError("The file is empty. Choose a JPEG, PNG, WebP or GIF picture.")
    return data


def _too_big(size: int) -> str:
    return (
        f"The picture is {size / (1024 * 1024):.1f} MB; the limit is {MAX_AVATAR_BYTES // (1024 * 1024)} MB. "
        "Choose a smaller file."
    )


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(ACCEPTED_FORMATS))
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS)
            image.load()  # the first frame of an animation is enough for a profile picture
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(TOO_MANY_PIXELS) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(NOT_A_PICTURE) from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ValidationError("The picture could not be read; it may be damaged. Try another file.") from exc
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(NOT_A_PICTURE)
    return image


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)

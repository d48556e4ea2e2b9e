"""Reading uploaded pictures safely; shared by profile pictures, community logos and attachments.

Pictures are recognised by their bytes (never the file name or the browser's claimed type), read with a
size limit, and refused when they claim an absurd canvas ("decompression bomb") before any pixel is
decoded. ``pixels_only`` copies the pixels into a fresh image, which drops EXIF (camera, GPS position),
ICC, XMP and comments: what we store is never the uploaded file itself.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

MAX_SOURCE_PIXELS = 40_000_000
TOO_MANY_PIXELS = "The picture is too large in pixels. Choose one under 6,000 x 6,000."
DAMAGED = "The picture could not be read; it may be damaged. Try another file."


def too_big_message(size: int, max_bytes: int) -> str:
    return (
        f"The picture is {size / (1024 * 1024):.1f} MB; the limit is {max_bytes // (1024 * 1024)} MB. "
        "Choose a smaller file."
    )


def read_limited(upload, max_bytes: int, *, accepted: str) -> bytes:
    """The upload's bytes; ValidationError when it is empty or larger than ``max_bytes``. Reads at most
    ``max_bytes + 1`` bytes whatever the upload claims. ``accepted`` names the types, for messages."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(too_big_message(size, max_bytes))
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(too_big_message(len(data), max_bytes))
    if not data:
        raise ValidationError(f"The file is empty. Choose a {accepted} picture.")
    return data


def open_picture(data: bytes, formats, *, accepted: str) -> Image.Image:
    """Decode ``data`` as one of ``formats`` (Pillow names); ValidationError with a plain message for
    anything else, a damaged file or a decompression bomb."""
    not_a_picture = f"Choose a {accepted} picture. This file is not one of those."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(formats))
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS)
            image.load()  # the first frame of an animation is enough
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(TOO_MANY_PIXELS) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(not_a_picture) from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ValidationError(DAMAGED) from exc
    if image.format not in formats:
        raise ValidationError(not_a_picture)
    return image


def has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def pixels_only(image: Image.Image) -> Image.Image:
    """A fresh image with the same pixels and none of the source's metadata."""
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean

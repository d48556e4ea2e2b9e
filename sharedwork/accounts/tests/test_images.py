"""Profile pictures are checked by content, cropped square and stripped of metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from sharedwork.accounts.images import AVATAR_SIDE, MAX_AVATAR_BYTES, avatar_prepare

from .helpers import picture_bytes, upload


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_each_accepted_type_becomes_a_256px_square_webp(fmt):
    prepared = avatar_prepare(upload("me.img", picture_bytes(fmt, size=(640, 320))))
    image = Image.open(io.BytesIO(prepared.read()))
    assert image.format == "WEBP"
    assert image.size == (AVATAR_SIDE, AVATAR_SIDE)
    assert prepared.name.endswith(".webp")


def test_the_crop_is_taken_from_the_centre():
    source = Image.new("RGB", (300, 100), (0, 0, 255))
    source.paste((255, 0, 0), (100, 0, 200, 100))  # a red middle third between blue sides
    buffer = io.BytesIO()
    source.save(buffer, format="PNG")
    result = Image.open(io.BytesIO(avatar_prepare(upload("x.png", buffer.getvalue())).read())).convert("RGB")
    red, green, blue = result.getpixel((AVATAR_SIDE // 2, AVATAR_SIDE // 2))
    assert red > 200 and blue < 60
    red, green, blue = result.getpixel((3, AVATAR_SIDE // 2))
    assert red > 200  # the blue sides were cut away


def test_metadata_is_stripped():
    original = picture_bytes("JPEG", exif=True)
    assert b"SecretCameraMaker" in original
    prepared = avatar_prepare(upload("me.jpg", original, "image/jpeg")).read()
    assert b"SecretCameraMaker" not in prepared
    assert b"GPS-Tracking-Software" not in prepared
    assert not Image.open(io.BytesIO(prepared)).getexif()


def test_a_text_file_renamed_png_is_refused():
    with pytest.raises(ValidationError, match="not one of those"):
        avatar_prepare(upload("me.png", b"Just some words, not a picture at all.\n" * 20))


def test_an_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError, match="not one of those"):
        avatar_prepare(upload("me.png", svg, "image/svg+xml"))


def test_a_bmp_is_refused_even_though_pillow_reads_it():
    with pytest.raises(ValidationError, match="not one of those"):
        avatar_prepare(upload("me.png", picture_bytes("BMP")))


def test_a_file_over_5_mb_is_refused():
    big = upload("big.png", b"\x89PNG" + b"0" * (MAX_AVATAR_BYTES + 10))
    with pytest.raises(ValidationError, match="the limit is 5 MB"):
        avatar_prepare(big)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        avatar_prepare(upload("me.png", b""))


def test_a_truncated_picture_is_refused():
    data = picture_bytes("PNG", size=(800, 800))
    with pytest.raises(ValidationError):
        avatar_prepare(upload("me.png", data[: len(data) // 3]))


def test_a_huge_canvas_is_refused_before_decoding():
    # A PNG header claiming 10,000 x 10,000 pixels.
    image = Image.new("1", (10_000, 10_000))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    with pytest.raises(ValidationError, match="too large in pixels"):
        avatar_prepare(upload("me.png", buffer.getvalue()))


def test_transparency_is_kept():
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    result = Image.open(io.BytesIO(avatar_prepare(upload("me.png", buffer.getvalue())).read()))
    assert result.mode == "RGBA"

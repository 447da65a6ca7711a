"""kusari.visual: PNGs decoded back here (chunk CRCs, zlib, filter bytes) equal the pixels given;
image grids, decision boundaries and line plots put the right colours in the right places."""
import struct
import zlib

import numpy as np
import pytest

import kusari
from kusari import visual


def decode_png(data):
    """(pixels, colour type) of a non-interlaced 8-bit PNG whose rows all use filter 0."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xffffffff, f"bad CRC in {kind}"
        chunks.append((kind, body))
        pos += 12 + length
    assert [k for k, _ in chunks][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert depth == 8 and interlace == 0
    channels = {0: 1, 2: 3}[colour]
    raw = np.frombuffer(zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT")), np.uint8)
    rows = raw.reshape(height, 1 + width * channels)
    assert (rows[:, 0] == 0).all()
    pixels = rows[:, 1:].reshape(height, width, channels)
    return (pixels[:, :, 0] if channels == 1 else pixels), colour


def test_grey_and_rgb_round_trip():
    rng = np.random.RandomState(0)
    grey = rng.randint(0, 256, (7, 13)).astype(np.uint8)
    rgb = rng.randint(0, 256, (5, 3, 3)).astype(np.uint8)
    decoded, colour = decode_png(visual.encode_png(grey))
    assert colour == 0 and np.array_equal(decoded, grey)
    decoded, colour = decode_png(visual.encode_png(rgb))
    assert colour == 2 and np.array_equal(decoded, rgb)


def test_encode_png_refuses_what_it_cannot_write():
    with pytest.raises(ValueError, match=r"\(H, W\) grey or \(H, W, 3\) RGB, got shape \(2, 2, 4\)"):
        visual.encode_png(np.zeros((2, 2, 4), np.uint8))
    with pytest.raises(ValueError, match="uint8"):
        visual.encode_png(np.full((2, 2), 0.5))
    with pytest.raises(ValueError, match="empty"):
        visual.encode_png(np.zeros((0, 3), np.uint8))


def test_image_scales_by_repeating_pixels_and_is_shown_by_repr_png():
    image = visual.Image(np.array([[0, 255]], np.uint8), scale=3)
    assert (image.width, image.height) == (6, 3)
    pixels, _ = decode_png(image._repr_png_())
    assert (pixels[:, :3] == 0).all() and (pixels[:, 3:] == 255).all()
    assert "6x3 grey" in repr(image)


def test_image_grid_tiles_images_in_order():
    images = np.stack([np.full((2, 3), v, np.float32) for v in (0., 1., 2., 3., 4.)])
    grid = visual.image_grid(images, ncols=2, pad=1, scale=1)
    pixels, _ = decode_png(grid._repr_png_())
    assert pixels.shape == (3 * 3 + 1, 2 * 4 + 1)
    for i, v in enumerate((0., 1., 2., 3., 4.)):
        r, c = divmod(i, 2)
        tile = pixels[1 + r * 3:1 + r * 3 + 2, 1 + c * 4:1 + c * 4 + 3]
        assert (tile == round(v / 4 * 255)).all()
    assert (pixels[0] == 255).all() and (pixels[-3:, 5:] == 255).all()  # padding and the missing sixth tile


def test_image_grid_accepts_flat_and_channel_layouts():
    flat = np.linspace(0, 1, 2 * 16, dtype=np.float32).reshape(2, 16)  # two 4x4 images
    a = decode_png(visual.image_grid(flat, ncols=2, scale=1, pad=0)._repr_png_())[0]
    b = decode_png(visual.image_grid(flat.reshape(2, 1, 4, 4), ncols=2, scale=1, pad=0)._repr_png_())[0]
    assert a.shape == (4, 8) and np.array_equal(a, b)
    rgb = np.zeros((1, 3, 2, 2), np.float32)
    rgb[0, 0] = 1.  # red channel
    pixels, colour = decode_png(visual.image_grid(rgb, scale=1, pad=0, vmin=0, vmax=1)._repr_png_())
    assert colour == 2 and (pixels[..., 0] == 255).all() and (pixels[..., 1:] == 0).all()
    with pytest.raises(ValueError, match="not square"):
        visual.image_grid(np.zeros((2, 10)))


def test_image_grid_of_a_variable():
    v = kusari.Variable(np.ones((3, 1, 2, 2), np.float32))
    assert visual.image_grid(v, vmin=0, vmax=1, scale=1).pixels[1, 1] == 255


def test_decision_boundary_colours_each_side_with_its_class():
    x = np.array([[-1., 0.], [1., 0.]], np.float32)
    t = np.array([0, 1], np.int32)

    def predict(p):  # class 1 right of x = 0, very sure
        return np.stack([-10 * p[:, 0], 10 * p[:, 0]], axis=1)
    image = visual.decision_boundary(predict, x, t, size=50, point_radius=1)
    pixels, colour = decode_png(image._repr_png_())
    assert colour == 2 and pixels.shape == (50, 50, 3)
    left, right = pixels[5, 2].astype(int), pixels[5, 47].astype(int)
    assert left[2] > left[0]  # blue-ish tint (class 0)
    assert right[0] > right[2]  # orange-ish tint (class 1)
    centre = pixels[25, 25].astype(int)  # on the boundary: the palest
    assert centre.sum() > left.sum() and centre.sum() > right.sum()
    assert (pixels[25, 2:8] < 200).any()  # point 0 drawn near the left edge


def test_decision_boundary_accepts_labels_and_variables_and_checks_shapes():
    x = np.random.RandomState(0).randn(20, 2).astype(np.float32)
    image = visual.decision_boundary(lambda p: (p[:, 1] > 0).astype(np.int32), x, size=20)
    assert image.pixels.shape == (20, 20, 3)
    assert not np.array_equal(image.pixels[0, 0], image.pixels[-1, 0])  # top and bottom differ
    image = visual.decision_boundary(lambda p: kusari.Variable(np.zeros((len(p), 3), np.float32)), x, size=10)
    assert image.pixels.shape == (10, 10, 3)
    with pytest.raises(ValueError, match=r"points must be \(N, 2\)"):
        visual.decision_boundary(lambda p: p, np.zeros((3, 3)))
    with pytest.raises(ValueError, match="predict must return"):
        visual.decision_boundary(lambda p: np.zeros((1, 2)), x, size=10)


def test_line_plot_draws_each_curve_in_its_colour():
    image = visual.line_plot({"loss": [3., 2., 1.], "acc": [(0, 0.1), (2, 0.9)]}, width=200, height=150)
    pixels, _ = decode_png(image._repr_png_())
    assert pixels.shape == (150, 200, 3)
    colours = {tuple(p) for p in pixels.reshape(-1, 3)}
    assert (31, 119, 180) in colours and (255, 127, 14) in colours
    with pytest.raises(ValueError, match="curve 0"):
        visual.line_plot(["a", "b"])


def test_decision_boundary_point_colours_follow_the_labels_not_the_predictions():
    x = np.array([[0., 0.], [1., 1.]], np.float32)
    t = np.array([0, 2], np.int32)
    image = visual.decision_boundary(lambda p: np.zeros(len(p), np.int32), x, t, size=40, margin=0.2, point_radius=2)
    centre = (40 - 1) * 0.2 / 1.4  # where x = 1, y = 1 lands: top right, inside the margin
    pixel = image.pixels[int(round(centre)), 39 - int(round(centre))].astype(int)
    assert np.allclose(pixel, np.round(np.array([44, 160, 44]) * 0.85), atol=1)  # the palette's green

"""A small PNG line-plot writer (zlib + struct), for PlotReport where matplotlib is absent.

Draws a white canvas, a light grid, black axes with numeric tick labels (a 3x5 pixel font for
digits, '.', '-', '+', 'e'), and each series as a polyline with 'x' markers, one colour per
series in PALETTE order (matplotlib's default cycle).
"""
import math
import struct
import zlib

PALETTE = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
           (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]
_GLYPHS = {  # 5 rows of 3 bits
    "0": (7, 5, 5, 5, 7), "1": (2, 6, 2, 2, 7), "2": (7, 1, 7, 4, 7), "3": (7, 1, 7, 1, 7), "4": (5, 5, 7, 1, 1),
    "5": (7, 4, 7, 1, 7), "6": (7, 4, 7, 5, 7), "7": (7, 1, 1, 1, 1), "8": (7, 5, 7, 5, 7), "9": (7, 5, 7, 1, 7),
    ".": (0, 0, 0, 0, 2), "-": (0, 0, 7, 0, 0), "+": (0, 2, 7, 2, 0), "e": (0, 7, 7, 4, 7), " ": (0, 0, 0, 0, 0),
}
_SCALE = 2  # font pixel size


def encode_png(width, height, rgb):
    """PNG bytes of an 8-bit RGB image; ``rgb`` holds height rows of width * 3 bytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    stride = width * 3
    raw = b"".join(b"\x00" + bytes(rgb[y * stride:(y + 1) * stride]) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


class Canvas:
    def __init__(self, width, height):
        self.width, self.height = width, height
        self.pixels = bytearray(b"\xff" * (width * height * 3))

    def dot(self, x, y, color):
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i:i + 3] = bytes(color)

    def line(self, x0, y0, x1, y1, color, thick=1):
        x0, y0, x1, y1 = int(round(x0)), int(round(y0)), int(round(x1)), int(round(y1))
        n = max(abs(x1 - x0), abs(y1 - y0), 1)
        for k in range(n + 1):
            x, y = x0 + (x1 - x0) * k // n, y0 + (y1 - y0) * k // n
            for dx in range(thick):
                for dy in range(thick):
                    self.dot(x + dx, y + dy, color)

    def text(self, x, y, s, color=(0, 0, 0)):
        """Draws ``s`` with its top-left corner at (x, y); characters outside the font are skipped."""
        for ch in s:
            for row, bits in enumerate(_GLYPHS.get(ch, _GLYPHS[" "])):
                for col in range(3):
                    if bits >> (2 - col) & 1:
                        for d in range(_SCALE * _SCALE):
                            self.dot(x + col * _SCALE + d % _SCALE, y + row * _SCALE + d // _SCALE, color)
            x += 4 * _SCALE

    def png(self):
        return encode_png(self.width, self.height, self.pixels)


def text_width(s):
    return len(s) * 4 * _SCALE


def _ticks(lo, hi, n=5):
    step = (hi - lo) / n
    return [lo + i * step for i in range(n + 1)]


def _range(values):
    lo, hi = min(values), max(values)
    if hi == lo:
        pad = abs(lo) * 0.05 or 1.
        return lo - pad, hi + pad
    pad = (hi - lo) * 0.05
    return lo - pad, hi + pad


def plot_lines(series, width=640, height=480, grid=True, marker="x"):
    """PNG bytes of the line plot of ``series``: a list of lists of (x, y), one per colour."""
    canvas = Canvas(width, height)
    left, right, top, bottom = 80, 20, 20, 40
    points = [(x, y) for s in series for x, y in s if math.isfinite(x) and math.isfinite(y)]
    if not points:
        return canvas.png()
    (x_lo, x_hi), (y_lo, y_hi) = _range([p[0] for p in points]), _range([p[1] for p in points])

    def px(x):
        return left + (x - x_lo) / (x_hi - x_lo) * (width - left - right)

    def py(y):
        return height - bottom - (y - y_lo) / (y_hi - y_lo) * (height - top - bottom)

    for t in _ticks(x_lo, x_hi):
        if grid:
            canvas.line(px(t), top, px(t), height - bottom, (225, 225, 225))
        label = f"{t:.3g}"
        canvas.text(int(px(t)) - text_width(label) // 2, height - bottom + 8, label)
    for t in _ticks(y_lo, y_hi):
        if grid:
            canvas.line(left, py(t), width - right, py(t), (225, 225, 225))
        label = f"{t:.3g}"
        canvas.text(left - 6 - text_width(label), int(py(t)) - 5, label)
    canvas.line(left, top, left, height - bottom, (0, 0, 0))
    canvas.line(left, height - bottom, width - right, height - bottom, (0, 0, 0))
    for i, s in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        pts = [(px(x), py(y)) for x, y in s if math.isfinite(x) and math.isfinite(y)]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            canvas.line(x0, y0, x1, y1, color, thick=2)
        if marker:
            for x, y in pts:
                canvas.line(x - 3, y - 3, x + 3, y + 3, color)
                canvas.line(x - 3, y + 3, x + 3, y - 3, color)
    return canvas.png()

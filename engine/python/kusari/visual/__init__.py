"""kusari.visual: pictures for notebooks without matplotlib. Every helper returns an Image, which
a notebook shows through its ``_repr_png_`` (a PNG written with zlib and struct)."""
from kusari.visual.boundary import decision_boundary  # noqa: F401
from kusari.visual.grid import image_grid  # noqa: F401
from kusari.visual.png import Image, encode_png  # noqa: F401
from kusari.visual.plot import line_plot  # noqa: F401

"""Sphinx configuration of the summitry documentation site.

Built offline with warnings as errors: ``python -m sphinx -W -b html docs docs/_build/html``.
Nothing here reaches the network: no intersphinx inventories, no remote images.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The docs document the checkout they sit in, installed or not.
sys.path.insert(0, str(HERE.parent / "toolkit"))

import summitry  # noqa: E402

project = "summitry"
author = "summitry developers"
copyright = "summitry developers; data CC BY 4.0"
release = summitry.__version__
version = release

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "numpydoc",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "notebooks/README.md"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The notebooks are committed without outputs: run them while building, in their own
# folder (docs/notebooks links to notebooks/), so the pages show what the code gives.
nb_execution_mode = "force"
nb_execution_timeout = 600
nb_execution_raise_on_error = True

autodoc_default_options = {"members": True, "imported-members": True}
autodoc_typehints = "none"  # numpydoc's Parameters sections carry the types
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

html_theme = "pydata_sphinx_theme"
html_title = f"summitry {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
html_static_path: list[str] = []

"""Find the packaged sample data and themes, installed or from a source checkout.

In a wheel they are force-included under `storybank/_data/`; in an editable
install or a checkout they are the top-level `sample_data/` and `themes/`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_folder(name: str) -> Path:
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"storybank's {name} folder is missing from this installation")


def sample_data_dir() -> Path:
    return _data_folder("sample_data")


def themes_dir() -> Path:
    return _data_folder("themes")


def sample_file(name: str) -> Path:
    """A file of the sample bank: stories.yaml, companies.yaml or questions.yaml."""
    return sample_data_dir() / name

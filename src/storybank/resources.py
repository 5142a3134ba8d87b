"""Find the packaged sample data and themes, installed or from a source checkout.

In a wheel they are force-included under `storybank/_data/`; in an editable
install or a checkout they are the top-level `sample_data/` and `themes/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storybank.model import Bank

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


SAMPLE_BANK_FILES: tuple[str, ...] = ("stories.yaml", "companies.yaml")
"""What loading "the sample bank" copies into a database. The practice questions are not
copied: the packaged question bank is always read alongside the user's own questions, so a
copy would only bloat the user's exports with 160 questions they did not write."""


def sample_bank() -> Bank:
    """The packaged sample stories and companies as one validated Bank."""
    from storybank.model import Bank
    from storybank.yamlio import load_bank_file

    merged = Bank()
    for name in SAMPLE_BANK_FILES:
        part = load_bank_file(sample_file(name))
        merged.stories.extend(part.stories)
        merged.companies.extend(part.companies)
    return merged

"""storybank: keep, check and drill Product Operations interview stories."""

__version__ = "0.1.0"

"""The interview method as data: question kinds, what a question probes, and what a story
can serve. The advisor, coverage, the brief, the CLI and the TUI read these registries and
keep no tables of their own. Importing the package does no work.
"""

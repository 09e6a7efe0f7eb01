"""Exercise definitions, one module per chapter (``ch00``, ``ch01``, ...).

Each module defines ``EXERCISES``: a list of :class:`csat_helpers.checks.Exercise`
whose expected values are computed from the bundled data.
"""

"""Interactive widgets, one module per chapter (``ch01`` … ``ch06``).

Factories build ipywidgets controls and wire them to plain update functions
in the same module; the update functions hold no widget state and are
tested headless.
"""

"""Pure computation for the explorer: numpy + numba, never streamlit.

Import :mod:`engine._numba` (done by every kernel module) before numba so that the cache folder
and threading settings are in place.
"""

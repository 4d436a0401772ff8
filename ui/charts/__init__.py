"""Pure Altair builders: DataFrame in, ``alt.Chart`` out, no ``st.*`` calls (tested via ``to_dict()``).

``common`` holds the shapes every topic reuses; each topic module composes them.
"""

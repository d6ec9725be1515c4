"""Hand-written tables behind :mod:`swapwatch.extract.gazetteer` (plain data, no logic)."""

"""The ways out for readers who do not run swapwatch: Atom feeds (``feeds``, written by
``atom``), CSV downloads of every list (``tables``), and the who-for-whom sentence they
and the export share (``wording``). Everything here reads ``swapwatch.read``."""

"""The read side: what screens, commands and reports show (``models``), built by ``queries``,
serialised for ``--json`` by ``views``. Commands that change data never import it."""

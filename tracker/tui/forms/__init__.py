"""Edit forms, one module per entity: each builds a :class:`FormModal` whose save calls that
entity's service, exactly as the CLI does."""

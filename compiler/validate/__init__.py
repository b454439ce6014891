"""Stage 2, validate: the pydantic specs of the outline and catalog, and their JSON Schema."""

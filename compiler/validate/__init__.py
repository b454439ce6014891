"""Stage 2, validate: the pydantic specs of the outline and catalog, and their JSON Schema.

base (SpecModel, the value types), outline and catalog (the specs, named *Spec apart from
the frozen model's classes), check (`validate()`, control characters), messages (each
pydantic error as a Problem at FILE:LINE:COL, with did-you-mean), jsonschema (`brief schema`).
"""

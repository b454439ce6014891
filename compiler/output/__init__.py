"""Stage 6, write: provenance reports and the atomic write of every output."""

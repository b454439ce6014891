"""The briefing compiler: a YAML outline and its sources -> a footnoted PDF memo and a matching deck."""

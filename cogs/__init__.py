"""Discord-facing extensions, one per feature. Thin: parse, call the domain, render."""

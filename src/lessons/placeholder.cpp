// Placeholder so the lessons target exists while the module is written.

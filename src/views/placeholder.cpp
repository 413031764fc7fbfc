// Placeholder so the views target exists while the module is written.

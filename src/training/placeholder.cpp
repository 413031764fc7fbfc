// Placeholder so the training target exists while the module is written.

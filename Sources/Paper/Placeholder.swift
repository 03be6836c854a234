// Placeholder so the target builds; replaced as its issue lands.

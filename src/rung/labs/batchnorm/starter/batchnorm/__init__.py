"""A deeper MLP that trains well: careful initialisation, BatchNorm, and the statistics that show why."""

"""Running Bouwgesprek's processes: server pairs, services (PostgreSQL, Redis, nginx), the cluster."""

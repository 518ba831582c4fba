"""CLI command modules; each registers its commands on drafting.cli.app when imported."""

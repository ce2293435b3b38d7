"""Benchmarks and evaluations for illbot."""

"""Tests for illbot."""

"""Real services (throwaway servers) for the test suite."""

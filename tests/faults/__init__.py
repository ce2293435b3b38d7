"""End-to-end fault suite: kill -9 mid-burst, scheduler passes that fail, racing first starts."""

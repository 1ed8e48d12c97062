"""Project-wide pytest configuration: test settings, the permission world, the browser."""

pytest_plugins = ["cim.testing.clock", "cim.testing.fixtures", "cim.testing.browser"]

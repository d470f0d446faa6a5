# tests/local.mk - unit tests of the core and end-to-end cases.

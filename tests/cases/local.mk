# tests/cases/local.mk - end-to-end cases as data.

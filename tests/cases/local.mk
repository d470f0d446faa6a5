# tests/cases/local.mk - end-to-end cases as data: each folder under
# tests/cases/ holds an input, a pipeline and the expected output (see
# tests/run-cases.sh for the files a case may hold). Adding a case is
# adding a folder; nothing here needs to change.
TESTS += tests/run-cases.sh
EXTRA_DIST += tests/run-cases.sh tests/cases

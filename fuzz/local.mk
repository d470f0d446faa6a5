# fuzz/local.mk - fuzz targets and hostile-input tests.
.PHONY: fuzz-run
fuzz-run:
	@echo "no fuzz targets yet"

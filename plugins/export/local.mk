# plugins/export/local.mk - the export stage.

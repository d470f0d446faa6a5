# plugins/html/local.mk - the html stage.

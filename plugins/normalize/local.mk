# plugins/normalize/local.mk - the normalize stage.

# plugins/figures/local.mk - the figures stage.

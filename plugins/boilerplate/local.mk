# plugins/boilerplate/local.mk - the boilerplate stage.

# plugins/sections/local.mk - the sections stage.

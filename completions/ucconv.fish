complete --keep-order --exclusive --command ucconv --arguments "(UCCONV_COMPLETE=fish ucconv -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"

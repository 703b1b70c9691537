
set edit:completion:arg-completer[ucconv] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) UCCONV_COMPLETE="elvish" ucconv -- $@words) | to-lines
}


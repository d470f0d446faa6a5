#!/bin/sh
# An exec stage in plain POSIX sh: marks each document whose request line
# holds WORD with metadata.mentions = true and leaves the others as they
# are ({} changes nothing). It needs no JSON parser: it answers one line per
# line read, in order. (Keep to the shell's own read and printf, or tools
# that flush each line: mawk and sed, for example, read ahead on a pipe
# and would wait for more input than one document.)
#
# Usage in a pipeline:
#   {"use": "exec", "with": {"command": "sh mentions.sh enough"}}
word=${1:?usage: mentions.sh WORD}
while IFS= read -r line; do
    case $line in
    *"$word"*) printf '%s\n' '{"metadata": {"mentions": true}}' ;;
    *) printf '%s\n' '{}' ;;
    esac
done

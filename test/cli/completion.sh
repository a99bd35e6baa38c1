#!/usr/bin/env bash
# The bash completion (completion/dyad.bash) offers every command, every option each
# command's --help documents, and for --format, --input, --by and --color the values
# the command's --help names.
. "$(dirname "$0")/lib.sh"
# shellcheck source=/dev/null
source "$ROOT/completion/dyad.bash"
complete_words() { COMP_WORDS=("$DYAD" "$@"); COMP_CWORD=$#; _dyad; echo "${COMPREPLY[*]}"; }
cmds=$("$DYAD" --help | awk '/^Commands:/ {on=1; next} on && /^$/ {exit} on {print $1}')
offered=" $(complete_words "") "
for c in $cmds; do
    check "completes the command $c" bash -c "[[ '$offered' == *' $c '* ]]"
done
check "completes co to code" test "$(complete_words co)" = code
for c in $cmds; do
    opts=" $(complete_words "$c" -) "
    missing=""
    for o in $("$DYAD" "$c" --help | grep -E '^ +-' | grep -oE '^ +--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' '); do
        [[ $opts == *" $o "* ]] || missing="$missing $o"
    done
    check "completes every option of dyad $c${missing:+ (missing:$missing)}" test -z "$missing"
done
for pair in code:--format code:--input parse:--input events:--format timeline:--format \
            timeline:--by top:--format story:--format story:--color diff:--by diff:--format; do
    c=${pair%%:*} o=${pair#*:}
    vals=$(complete_words "$c" "$o" "")
    undocumented=""
    for v in $vals; do
        "$DYAD" "$c" --help | grep -F -- "$o" | grep -qw -- "$v" || undocumented="$undocumented $v"
    done
    check "dyad $c $o completes to the values its --help names ($vals)" \
        test -n "$vals" -a -z "$undocumented"
done
check "dyad code --format completes gdelt from g" test "$(complete_words code --format g)" = gdelt
check "dyad dict completes its subcommands" test "$(complete_words dict "")" = "lint lookup stats convert"
check "dyad top completes its kinds" test "$(complete_words top "")" = "actors dyads codes"
check "--db completes file names" bash -c "cd '$ROOT' && [[ \" \$(source completion/dyad.bash; COMP_WORDS=('$DYAD' events --db Mak); COMP_CWORD=3; _dyad; echo \${COMPREPLY[*]}) \" == *' Makefile '* ]]"
done_testing

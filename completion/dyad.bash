# Bash completion for dyad: commands, each command's options (read from its own --help,
# so they are always current), and the values of --format, --input, --by, --color.
# Installed as share/bash-completion/completions/dyad; or: source completion/dyad.bash

# The values an option of a command takes ("" when it names a file or a free value).
_dyad_values() { # CMD OPTION
    case "$1:$2" in
        code:--format) echo "jsonl tsv csv gdelt" ;;
        code:--input | parse:--input | parse:--format) echo "auto text json xml csv tsv" ;;
        events:--format) echo "table jsonl csv gdelt" ;;
        timeline:--format) echo "table csv jsonl" ;;
        top:--format) echo "table csv" ;;
        story:--format) echo "text json" ;;
        story:--color) echo "auto always never" ;;
        diff:--format) echo "table jsonl" ;;
        timeline:--by) echo "day week month" ;;
        diff:--by) echo "code rule" ;;
    esac
}

_dyad() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local dyad=${COMP_WORDS[0]} cmd="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac
    done
    COMPREPLY=()
    if [ -z "$cmd" ]; then
        local cmds
        cmds=$("$dyad" --help 2>/dev/null | awk '/^Commands:/ {on=1; next} on && /^$/ {exit} on {print $1}')
        COMPREPLY=($(compgen -W "$cmds --help --version -V" -- "$cur"))
        return
    fi
    local values
    values=$(_dyad_values "$cmd" "$prev")
    if [ -n "$values" ]; then
        COMPREPLY=($(compgen -W "$values" -- "$cur"))
        return
    fi
    case "$prev" in
        --db | --dict | --story | --web | --out)
            COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
        --date | --from | --to | --actor | --source | --target | --dyad | --code | --text | \
        --country | --near | --km | --bbox | \
        --limit | --offset | --sentence | --listen | --threads | --max-body | \
        --max-connections | --timeout | --cors | -n | -j | --jobs)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        local opts
        opts=$("$dyad" "$cmd" --help 2>/dev/null | grep -E '^ +-' | grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' ,' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case "$cmd" in
        dict) [ "$i" -eq $((COMP_CWORD - 1)) ] && COMPREPLY=($(compgen -W "lint lookup stats convert" -- "$cur")) && return ;;
        top) [ "$i" -eq $((COMP_CWORD - 1)) ] && COMPREPLY=($(compgen -W "actors dyads codes" -- "$cur")) && return ;;
    esac
    COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null
}
complete -F _dyad dyad

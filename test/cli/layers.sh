#!/usr/bin/env bash
# layers.sh: the dictionary module's files depend one way (STYLE.md):
# dict_lint -> dict_load -> dict_petrarch -> dict_base -> dict (and infl). A file may use
# the symbols of the files after it in that order, never of those before it.
. "$(dirname "$0")/lib.sh"
OBJ="$(dirname "$DYAD")/obj/src"
order=(dict_lint dict_load dict_petrarch dict_base dict)
if ! command -v nm >/dev/null || [ ! -f "$OBJ/dict_base.o" ]; then
    skip "nm or $OBJ/dict_base.o is missing"
    done_testing
    exit 0
fi
for ((i = 0; i < ${#order[@]}; i++)); do
    a=${order[$i]}
    used=$(nm "$OBJ/$a.o" | awk '$1 == "U" {print $2}' | sort -u)
    bad=""
    for ((j = 0; j < i; j++)); do
        b=${order[$j]}
        defs=$(nm --defined-only "$OBJ/$b.o" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u)
        both=$(comm -12 <(echo "$used") <(echo "$defs") | tr '\n' ' ')
        [ -n "$both" ] && bad="$bad $b.c ($both)"
    done
    if [ -z "$bad" ]; then ok "$a.c uses nothing of the files above it"; else fail "$a.c uses$bad"; fi
done
done_testing

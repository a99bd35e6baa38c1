#!/usr/bin/env bash
# people.sh: the people dictionaries are well-formed and code leaders by date of office.
# Uses tools/check-people.sh and tools/people-lookup.sh (no build needed).
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

# code_on NAME DATE CODE: the name's code on that date is CODE.
code_on() {
    local got; got=$(bash tools/people-lookup.sh "$1" "$2" | cut -f1)
    if [ "$got" = "$3" ]; then ok "$1 is $3 on $2"; else fail "$1 is $3 on $2 (got '$got')"; fi
}

if bash tools/check-people.sh >"$TMP/check.out" 2>&1; then ok "people files pass the format check"
else fail "people files pass the format check"; sed 's/^/# /' "$TMP/check.out"; fi

code_on "Moon Jae-in" 2019-09-24 KORGOV
code_on "Moon Jae-in" 2016-01-01 KORELI
code_on "Moon Jae-in" 2022-05-10 KORELI
code_on "Donald Trump" 2019-06-15 USAGOV
code_on "Donald Trump" 2023-06-15 USAELI
code_on "Donald J. Trump" 2025-01-20 USAGOV
code_on "Kim Jong Un" 2011-12-17 PRKGOV
code_on "Kim Jong-un" 2011-12-16 PRKELI
code_on "Kim Jong Un" 2026-11-30 PRKGOV
code_on "Vladimir Putin" 2008-06-01 RUSGOV
code_on "Antonio Guterres" 2020-01-01 IGOUNO
code_on "Antonio Guterres" 2003-01-01 PRTELI
code_on "Mahmoud Abbas" 2010-01-01 PSEGOV
code_on "Ismail Haniyeh" 2020-01-01 PSEINSHMS
code_on "Mohamed Hamdan Dagalo" 2024-01-01 SDNREB
code_on "King Abdullah" 2022-07-25 JORGOV
code_on "King Abdullah" 2010-01-01 ---GOV

# hostile input: the checker rejects each kind of malformed line
bad() { # DESC LINE: a file with LINE fails the check
    printf '%%version t\n%%kind people\n%s\n' "$2" >"$TMP/bad.txt"
    if bash tools/check-people.sh "$TMP/bad.txt" >/dev/null 2>&1; then fail "rejects $1"; else ok "rejects $1"; fi
}
bad "an impossible date"      "A B | ~B => USAELI; USAGOV 2019-02-29..2020-01-01"
bad "FROM after TO"           "A B => USAELI; USAGOV 2020-01-02..2020-01-01"
bad "overlapping ranges"      "A B => USAELI; USAGOV 2010-01-01..2012-01-01; USAGOV 2012-01-01.."
bad "a lowercase code"        "A B => usaELI"
bad "a code of 4 letters"     "A B => USAE"
bad "two defaults"            "A B => USAELI; USAGOV"
bad "no default"              "A B => USAGOV 2010-01-01..2012-01-01"
bad "a missing =>"            "A B USAELI"
bad "a range open both ends"  "A B => USAELI; USAGOV .."
printf '%%version t\n%%kind people\nA B => USAELI\n' >"$TMP/one.txt"
printf '%%version t\n%%kind people\nA-B => USAELI\n' >"$TMP/two.txt"
if bash tools/check-people.sh "$TMP/one.txt" "$TMP/two.txt" >/dev/null 2>&1; then
    fail "rejects a name in two files"; else ok "rejects a name in two files"; fi
printf '%%kind people\n%%version t\nA B => USAELI\n' >"$TMP/order.txt"
if bash tools/check-people.sh "$TMP/order.txt" >/dev/null 2>&1; then
    fail "rejects directives out of order"; else ok "rejects directives out of order"; fi
printf '%%version t\n%%kind people\nA B | ~B => USAELI; USAGOV 2012-02-29..\n' >"$TMP/good.txt"
if bash tools/check-people.sh "$TMP/good.txt" >/dev/null 2>&1; then
    ok "accepts a leap day and an open range"; else fail "accepts a leap day and an open range"; fi

done_testing

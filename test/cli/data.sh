#!/usr/bin/env bash
# data.sh: the dictionaries in data/ are well-formed (tools/check-data.sh) and hold the
# codes and entries the coder relies on; the checker rejects malformed files.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
CHECK=tools/check-data.sh
EV=data/cameo/event-codes.txt

# entry FILE VARIANT CODE: some line of FILE lists VARIANT (exactly) among its names and
# CODE among its codes (date ranges ignored).
entry() {
    awk -v v="$2" -v c="$3" '
        { sub(/(^|[ \t])#.*/, "") }
        index($0, "=>") {
            p = index($0, "=>"); n = split(substr($0, 1, p - 1), a, /\|/)
            m = split(substr($0, p + 2), b, /;/); hv = 0; hc = 0
            for (i = 1; i <= n; i++) { gsub(/^[ \t]+|[ \t]+$/, "", a[i]); if (a[i] == v) hv = 1 }
            for (i = 1; i <= m; i++) { split(b[i], f, /[ \t]+/); x = (f[1] == "" ? f[2] : f[1]); if (x == c) hc = 1 }
            if (hv && hc) found = 1
        }
        END { exit !found }' "$1"
}
# goldstein CODE VALUE: the event code has that Goldstein value.
goldstein() { awk -v c="$1" -v g="$2" '$1 "" == c "" { f = ($2 + 0 == g + 0) } END { exit !f }' "$EV"; }

check "every data file passes tools/check-data.sh" "$CHECK" -q

n=$(grep -cE '^[0-9][0-9][ \t]' "$EV")
check "event codes: all 20 roots ($n)" test "$n" -eq 20
n=$(grep -cE '^[0-9]{2,4}[ \t]' "$EV")
check "event codes: about 310 codes ($n)" test "$n" -ge 305
for cg in "01 0.0" "010 0.0" "020 3.0" "036 4.0" "042 1.9" "043 2.8" "057 8.0" "111 -2.0" \
          "112 -2.0" "138 -7.0" "163 -8.0" "190 -10.0" "193 -10.0" "195 -10.0" "202 -10.0" \
          "0874 10.0" "130 -4.4" "072 8.3" "145 -7.5"; do
    set -- $cg
    check "Goldstein value of $1 is $2" goldstein "$1" "$2"
done
check "event code 0254 keeps its leading zero" grep -qE '^0254[ \t]' "$EV"

n=$(grep -cE '^[A-Z]{3}[ \t]+country' data/cameo/actor-codes.txt)
check "actor codes: every ISO 3166-1 country ($n)" test "$n" -ge 249
for c in KOR PRK USA GOV MIL REB COP IGO NGO UNO NAT EEC AFU --- IMG UAF; do
    check "actor code block $c is defined" grep -qE "^$c[ \t]" data/cameo/actor-codes.txt
done

C=data/actors/countries.txt O=data/actors/organizations.txt A=data/agents.txt
while IFS='|' read -r f v c; do
    check "$v => $c" entry "$f" "$v" "$c"
done <<EOT
$C|South Korea|KOR
$C|South Korean|KOR
$C|ROK|KOR
$C|North Korea|PRK
$C|North Korean|PRK
$C|DPRK|PRK
$C|Pyongyang|PRKGOV
$C|Seoul|KORGOV
$C|Washington|USAGOV
$C|the White House|USAGOV
$C|the Pentagon|USAMIL
$C|the Kremlin|RUSGOV
$C|Downing Street|GBRGOV
$C|the Elysee|FRAGOV
$C|Beijing|CHNGOV
$C|Tehran|IRNGOV
$C|Iraqi|IRQ
$C|Iraqis|IRQ
$C|Syrian|SYR
$C|Karachi|PAK
$C|Aleppo|SYR
$C|Latin America|LAM
$O|U.N. General Assembly|IGOUNO
$O|Security Council|IGOUNO
$O|U.N. envoy|IGOUNO
$O|U.N. Secretary-General|IGOUNO
$O|NATO|IGOWSTNAT
$O|European Union|IGOEUREEC
$O|African Union|IGOAFRAFU
$O|Amnesty International|NGOAMN
$O|Taliban|AFGINSTAL
$O|Taliban|AFGGOVTAL
$O|Islamic State|IMGMOSISI
$A|president|GOV
$A|leader|GOV
$A|troops|MIL
$A|rebel|REB
$A|police|COP
$A|man|CVL
$A|men|CVL
EOT

# The checker rejects malformed files.
bad() { # DESC BODY: a file holding BODY (printf format) fails the checker
    local d=$1 f="$TMP/bad.txt"; printf "$2" >"$f"
    if "$CHECK" -q "$f" >"$TMP/out" 2>&1; then fail "rejects $d"; else ok "rejects $d"; fi
}
bad "directives out of order" '%%kind actors\n%%version 1\nX => USA\n'
bad "an entry without =>" '%%version 1\n%%kind actors\nFreedonia USA\n'
bad "an unknown code block" '%%version 1\n%%kind actors\nFreedonia => XQZGOV\n'
bad "a bad date" '%%version 1\n%%kind actors\nFreedonia => USA 2020-13-01..\n'
bad "a reversed range" '%%version 1\n%%kind actors\nFreedonia => USA 2021-01-01..2020-01-01\n'
bad "two undated codes" '%%version 1\n%%kind actors\nFreedonia => USA; FRA\n'
bad "a duplicate variant" '%%version 1\n%%kind actors\nU.S. | US => USA\n'
bad "a Goldstein value beyond 10" '%%version 1\n%%kind event-codes\n01 11.0 Too much\n'
bad "a two-letter block" '%%version 1\n%%kind actor-codes\nAB country Short\n'
bad "a reason with spaces" '%%version 1\n%%kind discards\nfootball => Sports Stories\n'
done_testing

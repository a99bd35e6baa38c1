#!/usr/bin/env bash
# dyad's own dictionaries resolve the phrases wire copy uses, on the story's date.
. "$(dirname "$0")/lib.sh"
is() { # is PHRASE DATE CODE
    local got
    got=$("$DYAD" dict lookup --date "$2" "$1" 2>/dev/null | cut -f1 | head -n 1)
    if [ "$got" = "$3" ]; then ok "\"$1\" on $2 is $3"; else fail "\"$1\" on $2 is $3 (got '$got')"; fi
}
is "Moon Jae-in" 2019-09-24 KORGOV
is "Moon Jae-in" 2016-01-01 KORELI
is "South Korean President" 2019-09-24 KORGOV
is "North Korean leader" 2019-09-24 PRKGOV
is "Pyongyang" 2019-09-24 PRKGOV
is "Seoul" 2019-09-24 KORGOV
is "U.S. President Donald Trump" 2019-09-24 USAGOV
is "Donald Trump" 2022-06-01 USAELI
is "Donald Trump" 2025-06-01 USAGOV
is "Kim Jong Un" 2011-12-17 PRKGOV
is "Kim Jong-un" 2019-09-24 PRKGOV
is "U.N. General Assembly" 2019-09-24 IGOUNO
is "UN General Assembly" 2019-09-24 IGOUNO
is "U.N. envoy" 2019-09-24 IGOUNO
is "Iraqi troops" 2019-09-24 IRQMIL
is "Syrian rebels" 2019-09-24 SYRREB
is "police in Karachi" 2019-09-24 PAKCOP
is "the White House" 2019-09-24 USAGOV
is "the Pentagon" 2019-09-24 USAMIL
is "the Kremlin" 2019-09-24 RUSGOV
# Kinds of entries added with the grown dictionaries: parties, armed groups, regional
# bodies, NGOs, and dated people of every region (office and out of office).
is "Bharatiya Janata Party" 2019-09-24 INDPTY
is "AfD" 2024-01-01 DEUPTY
is "Communist Party of China" 2019-09-24 CHNGOV
is "Radwan Force" 2024-01-01 LBNINSHEZ
is "Justice and Equality Movement" 2019-09-24 SDNREB
is "IRGC" 2019-09-24 IRNMIL
is "Central American Integration System" 2019-09-24 IGOLAM
is "Armed Conflict Location and Event Data Project" 2019-09-24 NGO
is "Mette Frederiksen" 2020-01-01 DNKGOV
is "Mette Frederiksen" 2015-01-01 DNKELI
is "Luís Montenegro" 2025-01-01 PRTGOV
is "Montenegro" 2025-01-01 MNE
is "Nana Akufo-Addo" 2020-01-01 GHAGOV
is "Nana Akufo-Addo" 2025-06-01 GHAELI
is "Jacinda Ardern" 2019-03-15 NZLGOV
is "Haitham bin Tariq" 2021-01-01 OMNGOV
is "Bernardo Arévalo" 2024-06-01 GTMGOV
is "Jerome Powell" 2020-01-01 USAGOV
"$DYAD" dict lookup --date 2019-09-24 "us" >/dev/null 2>&1; rc=$?
check "the pronoun \"us\" is not the United States (exit 1: not found)" test $rc -eq 1
done_testing

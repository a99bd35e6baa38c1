#!/usr/bin/env bash
# patterns.sh: TABARI/PETRARCH verb-pattern semantics (dictionaries written in their
# syntax under test/data/dict/patterns/): words before the verb, '_' against blanks,
# ^ and %, paired and reversed codes, { A | B } alternatives.
. "$(dirname "$0")/lib.sh"
P="$ROOT/test/data/dict/patterns"

# events SENTENCE: the sentence's events as "SRC TGT CODE", sorted, ';'-separated.
events() {
    echo "$1" | "$DYAD" code --dict "$P" - 2>/dev/null | python3 -c '
import json, sys
print(";".join(sorted("%s %s %s" % (e["source"], e["target"] or "-", e["code"]) for e in map(json.loads, sys.stdin))))'
}
# expect SENTENCE WANT DESCRIPTION
expect() {
    local got; got=$(events "$1")
    if [ "$got" = "$2" ]; then ok "$3"; else fail "$3: got '$got', want '$2'"; fi
}

expect "France visited Japan on Tuesday." "FRA JPN 042;JPN FRA 043" \
    "a paired code [042:043] codes the visit and its hosting"
expect "Germany heavily criticized China on Monday." "DEU CHN 112" \
    "HEAVILY_* : a word right before the verb"
expect "Germany criticized China on Monday." "DEU CHN 111" \
    "without the word before the verb, the block's code"
expect "Germany publicly criticized China." "DEU CHN 113" \
    "PUBLICLY * : a word before the verb"
expect "Germany publicly and sharply criticized China." "DEU CHN 111" \
    "a conjunction ends the clause: the word before it does not count"
expect "France celebrated the anniversary in Germany with Japan." "FRA JPN 043" \
    "^ passes over an actor: the target is the one after WITH"
expect "Japan is hosting South Korea to celebrate the anniversary with China." "CHN JPN 046" \
    "+ before the verb and \$ after it: source and target from the pattern"
expect "France and Germany agree that the dispute must end." "DEU FRA 030;FRA DEU 030" \
    "% : the members of a compound subject toward each other"
expect "Japan received relief supplies from China." "CHN JPN 070" \
    "[:070] : the event goes from the target to the source"
expect "China pledged budget support to South Korea." "CHN KOR 0712" \
    "{ LOANS | BUDGET_SUPPORT } : a multi-word alternative"
expect "China pledged loans to South Korea." "CHN KOR 0712" \
    "{ LOANS | BUDGET_SUPPORT } : a one-word alternative"
expect "China pledged support to South Korea." "" \
    "{ LOANS | BUDGET_SUPPORT } : half of a multi-word alternative is no match"
expect "China backed down on Japan." "CHN JPN 081" \
    "*_DOWN : the word right after the verb"
expect "China backed quickly down on Japan." "" \
    "*_DOWN : a word between the verb and DOWN is no match"
expect "France wire tapped the phones of Japan." "FRA JPN 1711" \
    "WIRE_+TAP : a multi-word verb with its first word"
expect "France tapped the phones of Japan." "" \
    "WIRE_+TAP : the verb without its first word is no match"
expect "Tapped phones were found in France." "" \
    "WIRE_+TAP : the verb as the first word of a sentence (no word before it to read)"
expect "China will donate grain to South Korea." "CHN KOR 071" \
    "a community pattern is coded as written in the future tense (071, not the intent form 0331)"
expect "China will donate tents to South Korea." "CHN KOR 070" \
    "the verb block's code, as written, in the future tense"
expect "China donated grain to South Korea." "CHN KOR 071" \
    "the same pattern in the past tense"
expect "Germany criticized remarks made in Japan." "DEU JPN 111" \
    "a pattern without +: the target is the first actor after the verb (TABARI's rule), a place too"
expect "Germany criticized the plan, Japan said." "DEU - 111" \
    "... but not one in the reporting clause that closes the sentence"
expect "Japan was criticized by Germany." "DEU JPN 111" \
    "a passive with its agent: the agent is the source, the subject the target"
expect "Japan was criticized over its dispute with China." "JPN CHN 111" \
    "a passive without 'by': read as active, the subject is the source"
expect "France aligned with Germany and Japan." "FRA DEU 031;FRA JPN 031" \
    "% after the verb: a compound target, each member the source's target"
expect "France and Germany have postponed talks with Japan." "DEU JPN 191;FRA JPN 191" \
    "% before the verb with a target after it: each member of the compound toward it"
expect "France and Germany have postponed their meeting." "DEU FRA 191;FRA DEU 191" \
    "% before the verb and no target: the members toward each other"
expect "France left for Japan." "FRA JPN 032;JPN FRA 033" \
    "a form the file writes as a verb of its own (LEFT) is that verb, not a form of LEAVE"
expect "France leaves Japan." "FRA JPN 012" \
    "... the other forms of LEAVE stay LEAVE's"
expect "Germany may criticize China." "DEU CHN 111" \
    "a community pattern stated as possible is coded as written (TABARI and PETRARCH)"
expect "Germany did not criticize China." "" \
    "... a negated one is not"
expect "Japan was criticized by students." "" \
    "a passive with 'by' and no actor after it has no source"
expect "France aid group diplomats criticized China." "NGOFRAGOV CHN 111" \
    "community agents: a prefix agent (NGO~) before the actor's code, a suffix agent (~GOV) after it"
expect "Elysee officials criticized China." "FRAGOV CHN 111" \
    "an agent block the actor's code already has is not repeated (FRAGOV + GOV)"
expect "Benelux criticized China." "BEL CHN 111;LUX CHN 111;NLD CHN 111" \
    "a compound code [BEL/NLD/LUX]: one name, three actors as the source"
expect "Japan criticized Benelux." "JPN BEL 111;JPN LUX 111;JPN NLD 111" \
    "a compound code as the target: one event toward each member"
expect "Germany criticized remarks made in Paris." "DEU FRAGOV 111" \
    "a community entry is coded as written: a capital coded FRAGOV stays so after 'in'"
expect "France and officials criticized Japan." "---GOV JPN 111;FRA JPN 111" \
    "... an unnamed community agent in a compound takes no country from its partner, nor gives its sector"
expect "Former diplomats criticized China." "---ELI CHN 111" \
    "... nor from the one state the sentence names; 'former' makes it an elite (TABARI's FORMER: ELI)"
expect "Japan former diplomats criticized China." "JPNELI CHN 111" \
    "TABARI's FORMER inside the phrase: the agent's sector becomes ELI"
expect "Diplomats from Japan criticized China." "JPNGOV CHN 111" \
    "a community agent 'from' a community actor is one actor (TABARI, PETRARCH: 'soldiers from Gondor')"
expect "China's border and coast guards attacked Japan." "CHN JPN 193" \
    "BORDER GUARDS * : 'and' between two nouns of one phrase is no clause boundary"
expect "China attacked Japan." "CHN JPN 190" \
    "... without those words, the block's code"
expect "France and the Czech Republic agree that the dispute must end." "CZE FRA 030;FRA CZE 030" \
    "a word only a verb ('agree') after 'the' + a named actor is the verb, not the head of a noun phrase"
expect "France visited Japan after leaving Germany." "FRA JPN 042;JPN FRA 043" \
    "a gerund after 'after' is the frame of the news, not an event (TABARI, PETRARCH)"
expect "France warned Germany about Japan." "FRA JPN 160" \
    "^ passes over an actor (Germany) ..."
expect "France warned foreign tourists about Japan." "FRA JPN 160" \
    "... or, where no actor stands, a noun phrase (foreign tourists)"
expect "France criticized South_Korea." "FRA KOR 111" \
    "'_' in the text joins words as a blank does, as the community files write names"
expect "Germany criticized a report by Japan." "DEU JPN 112" \
    "* REPORT : a pattern word in a PETRARCH block matches as written ..."
expect "Germany criticized reports by Japan." "DEU JPN 111" \
    "... not in its other number (PETRARCH makes plurals for synsets only)"
done_testing

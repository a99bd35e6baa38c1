#!/usr/bin/env bash
# corpus.sh: builds the benchmark corpus, bench/corpus/wire.jsonl (git-ignored).
# With ../shared/eval (or $EVAL_DIR) present, Reuters-21578 SGML files found there are converted; without
# it, a synthetic wire-style corpus of about SIZE_MB (default 50) megabytes is generated
# from the templates below, deterministically (a fixed-seed Park-Miller generator, so mawk
# and gawk give the same bytes).
set -euo pipefail
cd "$(dirname "$0")"
SIZE_MB=${SIZE_MB:-50}
OUT=corpus/wire.jsonl
mkdir -p corpus
EVAL=${EVAL_DIR:-../../shared/eval}

if [ -d "$EVAL" ]; then
    mapfile -t sgm < <(find "$EVAL" -iname 'reut2-*.sgm' 2>/dev/null | sort)
    if [ ${#sgm[@]} -gt 0 ]; then
        echo "corpus.sh: converting ${#sgm[@]} Reuters-21578 files from $EVAL" >&2
        # <REUTERS ... NEWID="n"> <DATE>26-FEB-1987 15:01:01.79</DATE> <TITLE>..</TITLE>
        # <DATELINE>..</DATELINE> <BODY>..</BODY>: one JSON object per article.
        perl -0777 -ne '
            sub js { my $s = shift; $s =~ s/&lt;/</g; $s =~ s/&gt;/>/g; $s =~ s/&amp;/&/g;
                     $s =~ s/&#\d+;//g; $s =~ s/\\/\\\\/g; $s =~ s/"/\\"/g; $s =~ s/\r//g;
                     $s =~ s/\n/\\n/g; $s =~ s/\t/ /g; $s =~ s/[\x00-\x1f]//g; return $s; }
            while (/<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)<\/REUTERS>/sg) {
                my ($id, $r) = ($1, $2);
                my ($body) = $r =~ /<BODY>(.*?)<\/BODY>/s; next unless defined $body;
                my ($title) = $r =~ /<TITLE>(.*?)<\/TITLE>/s; $title //= "";
                my ($date) = $r =~ /<DATE>\s*(\d+-\w+-\d{4})/s; $date //= "";
                print "{\"id\":\"reuters-$id\",\"date\":\"" . js($date) . "\",\"title\":\"" .
                      js($title) . "\",\"text\":\"" . js($body) . "\",\"source\":\"Reuters\"}\n";
            }' "${sgm[@]}" >"$OUT"
        ls -l "$OUT" >&2
        exit 0
    fi
    echo "corpus.sh: no Reuters-21578 files in $EVAL; generating a synthetic corpus" >&2
fi

awk -v target=$((SIZE_MB * 1000 * 1000)) '
function rnd(n) { seed = (seed * 16807) % 2147483647; return int(seed / 2147483647 * n) }
function pick(arr, n) { return arr[rnd(n) + 1] }
function split_into(s, arr) { return split(s, arr, "|") }
BEGIN {
    seed = 20190924
    na = split_into("South Korean President Moon Jae-in|North Korean leader Kim Jong Un|President Donald Trump|Chinese President Xi Jinping|Russian President Vladimir Putin|Japanese Prime Minister Shinzo Abe|Iranian President Hassan Rouhani|Secretary of State Mike Pompeo|U.N. Secretary-General Antonio Guterres|German Chancellor Angela Merkel|French President Emmanuel Macron|British Prime Minister Boris Johnson|Turkish President Recep Tayyip Erdogan|Israeli Prime Minister Benjamin Netanyahu|Saudi Crown Prince Mohammed bin Salman|Venezuelan President Nicolas Maduro|opposition leader Juan Guaido|Indian Prime Minister Narendra Modi|Pakistani Prime Minister Imran Khan|Afghan President Ashraf Ghani|Taliban negotiators|NATO Secretary-General Jens Stoltenberg|Syrian President Bashar Assad|Kurdish-led forces|Houthi rebels|Ukrainian President Volodymyr Zelenskiy|Egyptian President Abdel Fattah el-Sissi|Philippine President Rodrigo Duterte|Hong Kong leader Carrie Lam|Japanese Foreign Minister Taro Kono|South Korean Foreign Minister Kang Kyung-wha|Chinese Foreign Minister Wang Yi|Russian Foreign Minister Sergey Lavrov|Iranian Foreign Minister Mohammad Javad Zarif|North Korea|South Korea|the United States|China|Japan|Iran", A)
    nv = split_into("met with|accused|criticized|praised|threatened|signed an agreement with|imposed new sanctions on|called for talks with|condemned|urged|rejected a proposal from|hosted|warned|expelled diplomats from|demanded an apology from|offered aid to|agreed to cooperate with|held talks with|blamed|thanked", V)
    no = split_into("over its nuclear program|after a missile launch|at the border|in a phone call|during a summit|over trade tariffs|after weeks of protests|in a joint statement|ahead of a U.N. vote|over human rights abuses|after an attack on oil facilities|at the G-20 meeting|in the capital|over the disputed islands|before the Security Council", O)
    nt = split_into("on Monday|on Tuesday|on Wednesday|on Thursday|on Friday|on Saturday|on Sunday|yesterday|last week|on Sept. 3|in June|earlier this month|late Tuesday|on Aug. 6", T)
    nd = split_into("SEOUL, South Korea (AP) \\u2014 |WASHINGTON (AP) \\u2014 |UNITED NATIONS (AP) \\u2014 |TOKYO (AP) \\u2014 |BEIJING (Reuters) - |MOSCOW (Reuters) - |TEHRAN, Iran (AP) \\u2014 |BEIRUT, Sept 3 (Reuters) - |NEW DELHI (Reuters) - |ANKARA, Turkey (AP) \\u2014 |CARACAS, Venezuela (AP) \\u2014 |KABUL, Afghanistan (AP) \\u2014 |JERUSALEM \\u2014 |GENEVA (Reuters) - |HONG KONG (AP) \\u2014 ", D)
    nq = split_into("We will not tolerate any further provocations|This is a matter of national sovereignty|The door to dialogue remains open|Our patience is running out|We hope the U.S. will change its position|The sanctions are a violation of international law|We are ready to talk at any time|This is a dangerous escalation", Q)
    nr = split_into("officials said|the Foreign Ministry said in a statement|according to state media|the agency reported|a spokesman said|analysts said", R)
    nb = split_into("By HYUNG-JIN KIM, Associated Press|By Hyonhee Shin and Josh Smith|By MATTHEW LEE, AP Diplomatic Writer|By Andrew Osborn", B)
    nc = split_into("Associated Press writer Mari Yamaguchi in Tokyo contributed to this report.|Reporting by Joyce Lee; Editing by Michael Perry|Associated Press writers Edith M. Lederer at the United Nations and Matthew Lee in Washington contributed.", C)
    total = 0; id = 0
    while (total < target) {
        id++
        y = 2015 + rnd(6); m = 1 + rnd(12); d = 1 + rnd(28)
        date = sprintf("%04d-%02d-%02d", y, m, d)
        a1 = pick(A, na); a2 = pick(A, na); while (a2 == a1) a2 = pick(A, na)
        title = a1 " " pick(V, nv) " " a2
        title = toupper(substr(title, 1, 1)) substr(title, 2)
        text = ""
        if (rnd(3) == 0) text = pick(B, nb) "\\n\\n"
        text = text pick(D, nd)
        npara = 4 + rnd(6)
        for (p = 0; p < npara; p++) {
            ns = 1 + rnd(3)
            for (s = 0; s < ns; s++) {
                x = pick(A, na); y2 = pick(A, na)
                k = rnd(4)
                if (k == 0)
                    sent = "\\\"" pick(Q, nq) ". " pick(Q, nq) ",\\\" " pick(R, nr) "."
                else if (k == 1)
                    sent = x " " pick(V, nv) " " y2 " " pick(O, no) " " pick(T, nt) ", " pick(R, nr) "."
                else if (k == 2)
                    sent = "The U.S. envoy said Gen. Park and Sen. Lindsey Graham would meet " y2 " " pick(T, nt) ", after exports fell 3.5 percent."
                else
                    sent = toupper(substr(x, 1, 1)) substr(x, 2) " " pick(V, nv) " " y2 " " pick(T, nt) "."
                text = text (s ? " " : "") sent
            }
            text = text "\\n\\n"
        }
        text = text pick(C, nc) "\\n\\nCopyright " y " The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."
        line = sprintf("{\"id\":\"syn-%06d\",\"date\":\"%s\",\"title\":\"%s\",\"text\":\"%s\",\"source\":\"AP\"}", id, date, title, text)
        print line
        total += length(line) + 1
    }
}' >"$OUT"
ls -l "$OUT" >&2

#!/usr/bin/env bash
# placeholder: replaced by the lexicon generator
echo 'const int lex_placeholder = 0;'

#!/bin/sh
# make_lexicon.sh - regenerates models/lexicon/eng.txt, the word list the
# repair stage uses to decide whether "inter-" + "national" is one word.
#
# Source: Debian's wamerican (/usr/share/dict/american-english).  Trimmed to
# plain ASCII words of four or more letters (the shortest word a line-end
# hyphen splits), lower-cased, possessives and other forms with punctuation
# dropped, sorted in byte order, one a line.  Run: make lexicon
set -eu
src=${1:-/usr/share/dict/american-english}
out=${2:-$(dirname "$0")/eng.txt}
[ -r "$src" ] || { echo "make_lexicon.sh: $src: missing (apt-get install wamerican)" >&2; exit 1; }
tmp="$out.tmp.$$"
LC_ALL=C grep -E '^[A-Za-z][a-z]{3,}$' "$src" | LC_ALL=C tr 'A-Z' 'a-z' |
    LC_ALL=C sort -u >"$tmp"
mv "$tmp" "$out"

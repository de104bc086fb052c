#!/bin/sh
# man_sections.sh BROADSHEET - prints a help2man include file: one section
# per command, each command's own --help verbatim, so `make install`'s man
# page says what every command takes (the help is the one source).
bin=${1:?usage: man_sections.sh BROADSHEET}
# roff: a line starting with '.' or "'" is a request; backslashes escape
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
printf '[DESCRIPTION]\n'
printf 'broadsheet reads scanned newspaper pages the way their reader does: columns, rules, photos and blocks with\n'
printf 'their roles, each text block read with Tesseract, blocks ordered and grouped into articles, repaired, and\n'
printf 'written as per-article text, articles.json, ALTO, PAGE, hOCR, METS and searchable PDF.\n'
printf '.PP\nOn your own scans:\n.PP\n.nf\nbroadsheet run --lang eng scans/ -o out\nbroadsheet status out --worst 10\n.fi\n'
printf '[COMMANDS]\n'
for c in run stage show status eval repair import profile; do
    printf '.SS "broadsheet %s"\n.nf\n' "$c"
    "$bin" "$c" --help 2>&1 | roff
    printf '.fi\n'
done
printf '[EXIT STATUS]\n0 every page done, 1 some page failed (one line each on stderr), 2 usage error.\n'
printf '[SEE ALSO]\nThe README in the source tree: the stages, the output layout, batches, archive formats, QA.\n'

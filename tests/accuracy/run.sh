#!/usr/bin/env bash
# tests/accuracy/run.sh - `make accuracy`: broadsheet against plain Tesseract
# on real pages and on random generated pages, scored by the same code.
#
#   make accuracy                     real pages and the unseen random seeds
#   PAGES=real make accuracy          one half only (real | random | all)
#   SEEDS=dev PAGES=random make accuracy   the tuning seeds instead
#
# What it measures (issues 15 and 16):
#   real    every page image under $SHARED/real with its truth beside it
#           (NAME.page.xml / .xml / .json / .txt, and NAME.articles.page.xml
#           for article truth; tests/accuracy/pages.py finds them and takes
#           the language from the truth).  broadsheet runs as a new user runs
#           it: `broadsheet run PAGES -o OUT --lang L -j CORES`, default
#           profile, no --dpi, one batch per language; plain Tesseract as
#           `tesseract PAGE out -l L txt hocr` with all its threads, alone,
#           one page after another.
#   random  pages of the fixture generator's random mode
#           (`fixtures/gen/broadsheet-fixture --random SEED --lang zh|en`):
#           SEEDS=unseen (default): zh 1000-1039, en 1040-1079, which nobody
#           tunes on; SEEDS=dev: zh 0-39, en 100-139; or a list like
#           SEEDS="zh:0-4 en:100-104".  Until the generator has --random,
#           the 12 fixture pages (fixtures/pages, fixtures/truth) go through
#           the same steps instead.
# Both engines' outputs are scored with `broadsheet eval --json` against the
# same truth: broadsheet's page folder (its whole page text, fulltext.txt,
# for the page scores) and Tesseract's page.txt.  tests/accuracy/report.py
# prints the tables and which targets are met, and writes them to
# tests/artifacts/accuracy.md.
#
# Caches, so that a rerun takes minutes:
#   Tesseract  ${BS_TESS_CACHE:-~/.cache/broadsheet/tesseract}/<version>/
#              <sha256 of the image>-<lang>[-<args hash>]/ holding page.txt,
#              page.hocr and seconds (its wall time), written to a temporary
#              folder and renamed, so a killed run leaves no half entry.
#   pages      ${BS_GEN_CACHE:-~/.cache/broadsheet/gen}/<generator hash>/:
#              regenerated when the generator binary changes.
#   broadsheet tests/artifacts/accuracy/<half>/: redone (--force) when the
#              binary changed, else resumed (done.json skips finished pages).
#
# Environment: BROADSHEET (default ./broadsheet), SHARED (../shared), JOBS
# (broadsheet -j, default the number of cores), TESS_ARGS (extra tesseract
# options, part of the cache key), BS_FIXTURE_GEN (another generator
# binary), ACC_WORK (work folder), ACC_MD (table),
# ACC_FCA=1 (eval computes the flexible character accuracy too: slow).
# Exits non-zero only when something failed to run (a page, Tesseract, the
# generator, eval); a missed target is reported, not an error.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
BROADSHEET=${BROADSHEET:-./broadsheet}
[[ $BROADSHEET == /* ]] || BROADSHEET=$ROOT/$BROADSHEET
SHARED=${SHARED:-$ROOT/../shared}
[ -d "$SHARED" ] && SHARED=$(cd "$SHARED" && pwd)
PAGES=${PAGES:-all}
SEEDS=${SEEDS:-unseen}
JOBS=${JOBS:-$(nproc)}
TESS_ARGS=${TESS_ARGS:-}
WORK=${ACC_WORK:-$ROOT/tests/artifacts/accuracy}
MD=${ACC_MD:-$ROOT/tests/artifacts/accuracy.md}
TESS_CACHE=${BS_TESS_CACHE:-$HOME/.cache/broadsheet/tesseract}
GEN_CACHE=${BS_GEN_CACHE:-$HOME/.cache/broadsheet/gen}
GEN=${BS_FIXTURE_GEN:-$ROOT/fixtures/gen/broadsheet-fixture}
# As a new user runs them: Tesseract with all its threads (broadsheet
# limits its own workers' OpenMP itself).
unset OMP_THREAD_LIMIT
# Everything here runs niced: the machine is shared.
renice -n 10 -p $$ >/dev/null 2>&1

case $PAGES in real|random|all) ;; *) echo "accuracy: PAGES is real, random or all" >&2; exit 2;; esac
[ -x "$BROADSHEET" ] || { echo "accuracy: no $BROADSHEET (build first: make)" >&2; exit 1; }
command -v tesseract >/dev/null || { echo "accuracy: no tesseract" >&2; exit 1; }

nfail=0
failed() { echo "accuracy: FAILED: $*" >&2; nfail=$((nfail + 1)); }
say() { echo "accuracy: $*" >&2; }

mkdir -p "$WORK/eval"
tver=$(tesseract --version 2>&1 | head -n 1 | awk '{print $2}')
binsum=$(sha256sum "$BROADSHEET" | cut -c1-64)
INDEX="$WORK/index.tsv.tmp"
: > "$INDEX"
{
    printf 'bs_version\t%s\n' "$("$BROADSHEET" version 2>/dev/null | head -n 1)"
    printf 'bs_binary\tbinary %s\n' "${binsum:0:12}"
    printf 'tess_version\t%s\n' "$tver"
    printf 'cores\t%s\n' "$(nproc)"
    printf 'jobs\t%s\n' "$JOBS"
    printf 'date\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)"
    printf 'command\tPAGES=%s SEEDS=%s make accuracy\n' "$PAGES" "$SEEDS"
    printf 'real_dir\t%s\n' "$SHARED/real"
} > "$WORK/meta.tsv"

# tess_dir IMAGE LANG: the cache folder of Tesseract's reading of IMAGE.
tess_dir() {
    local key
    key="$(sha256sum "$1" | cut -c1-64)-$2"
    [ -n "$TESS_ARGS" ] && key="$key-$(printf '%s' "$TESS_ARGS" | sha256sum | cut -c1-8)"
    printf '%s\n' "$TESS_CACHE/$tver/$key"
}

# tess_run IMAGE LANG DIR: fills the cache folder DIR unless it is filled.
tess_run() {
    local img=$1 lang=$2 d=$3 tmp t0 t1
    [ -f "$d/seconds" ] && [ -f "$d/page.txt" ] && return 0
    mkdir -p "$(dirname "$d")" || return 1
    tmp=$(mktemp -d "$d.tmp.XXXXXX") || return 1
    say "tesseract $(basename "$img") -l $lang (not cached) ..."
    t0=$EPOCHREALTIME
    # shellcheck disable=SC2086  # TESS_ARGS are words
    if ! tesseract "$img" "$tmp/page" -l "$lang" $TESS_ARGS txt hocr \
            >/dev/null 2>"$tmp/stderr"; then
        tail -n 3 "$tmp/stderr" >&2
        rm -rf "$tmp"
        return 1
    fi
    t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' > "$tmp/seconds"
    printf 'tesseract %s page -l %s %s txt hocr\n' "$(basename "$img")" "$lang" \
        "$TESS_ARGS" > "$tmp/command"
    # another run may have got there first: keep its entry
    mv -T "$tmp" "$d" 2>/dev/null || rm -rf "$tmp"
    [ -f "$d/seconds" ]
}

# measure HALF OUT LIST: runs broadsheet on the pages of LIST (pages.py
# lines) into OUT, one batch per language, then Tesseract on each page, then
# eval on both, appending one index line per page.
measure() {
    local half=$1 out=$2 list=$3 force="" stamp="$2/.accuracy-binary"
    local lang n t0 t1 id image truth tl fold note
    mkdir -p "$out"
    [ "$(cat "$stamp" 2>/dev/null)" = "$binsum" ] || force=--force
    for lang in $(cut -f4 "$list" | grep -vx -- - | sort -u); do
        mapfile -t imgs < <(awk -F'\t' -v l="$lang" '$4 == l { print $2 }' "$list")
        n=${#imgs[@]}
        say "$half: broadsheet run on $n pages, --lang $lang -j $JOBS ${force:+(binary changed: --force)}"
        t0=$EPOCHREALTIME
        "$BROADSHEET" run -j "$JOBS" --lang "$lang" $force -o "$out" "${imgs[@]}" ||
            failed "$half: broadsheet run --lang $lang: some page failed (exit $?)"
        t1=$EPOCHREALTIME
        # the batch's wall time says how fast it is only when it did every page
        [ -n "$force" ] && awk -v h="$half" -v l="$lang" -v n="$n" -v a="$t0" -v b="$t1" \
            'BEGIN { printf "%s %s %d %.3f\n", h, l, n, b - a }' > "$WORK/$half-$lang.batch"
    done
    printf '%s\n' "$binsum" > "$stamp"
    mkdir -p "$WORK/eval/$half"
    while IFS=$'\t' read -r -u 3 id image truth tl fold note; do
        local bsdir="$out/$id" ej="$WORK/eval/$half/$id" td="" status=ok foldopt=""
        if [ "$tl" = - ]; then
            say "$half: $id skipped: $note"
            printf '%s\t%s\t-\t%s\t%s\t%s\t-\t-\t-\t-\tskipped: %s\n' "$half" "$id" \
                "$fold" "$image" "$truth" "$note" >> "$INDEX"
            continue
        fi
        [ "$fold" = 1 ] && foldopt=--fold
        # the flexible character accuracy takes seconds a page and is in no table
        [ "${ACC_FCA:-0}" = 1 ] || foldopt="$foldopt --no-fca"
        rm -f "$ej.bs.json" "$ej.tess.json"
        td=$(tess_dir "$image" "$tl")
        if ! tess_run "$image" "$tl" "$td"; then
            failed "$half: tesseract on $image"
            status="tesseract failed"
        elif ! "$BROADSHEET" eval -q $foldopt "$td/page.txt" "$truth" \
                --json "$ej.tess.json"; then
            failed "$half: eval of tesseract's $id"
            status="eval failed"
        fi
        if [ ! -f "$bsdir/articles.json" ]; then
            failed "$half: broadsheet has no output for $id"
            status="broadsheet failed"
        elif ! "$BROADSHEET" eval -q $foldopt "$bsdir" "$truth" --json "$ej.bs.json"; then
            failed "$half: eval of broadsheet's $id"
            status="eval failed"
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$half" "$id" "$tl" \
            "$fold" "$image" "$truth" "$bsdir" "$ej.bs.json" "$td" "$ej.tess.json" \
            "$status" >> "$INDEX"
    done 3< "$list"
}

# The seed ranges of a SEEDS value, as "zh:A-B en:C-D".
seed_ranges() {
    case $1 in
        unseen) echo "zh:1000-1039 en:1040-1079";;
        dev) echo "zh:0-39 en:100-139";;
        *) echo "$1";;
    esac
}

# random_list FILE: writes the random pages as "id image truth" lines,
# generating the ones not cached; the fixture pages without the generator.
random_list() {
    local file=$1 dir spec lang range seed id tmp
    if [ -z "${BS_FIXTURE_GEN:-}" ] && ! make -s -C fixtures gen/broadsheet-fixture >&2; then
        failed "building the fixture generator (make -C fixtures gen/broadsheet-fixture)"
    fi
    if [ -x "$GEN" ] && "$GEN" --help 2>&1 | grep -q -- --random; then
        dir="$GEN_CACHE/$(sha256sum "$GEN" | cut -c1-16)"
        mkdir -p "$dir"
        printf 'random_set\t%s\n' "$SEEDS" >> "$WORK/meta.tsv"
        printf 'random_title\tRandom pages: generator seeds %s\n' "$(seed_ranges "$SEEDS")" \
            >> "$WORK/meta.tsv"
        [ "$SEEDS" = unseen ] || printf 'show_misses\t1\n' >> "$WORK/meta.tsv"
        : > "$file"
        for spec in $(seed_ranges "$SEEDS"); do
            lang=${spec%%:*} range=${spec#*:}
            for seed in $(seq "${range%-*}" "${range#*-}"); do
                id=$lang-$seed
                if [ ! -f "$dir/$id.json" ]; then
                    tmp=$(mktemp -d "$dir/.tmp.XXXXXX") || return 1
                    if "$GEN" --random "$seed" --lang "$lang" "$tmp/$id.png" "$tmp/$id.json" \
                            >&2 && [ -f "$tmp/$id.json" ]; then
                        mv "$tmp/$id.png" "$dir/$id.png" && mv "$tmp/$id.json" "$dir/$id.json"
                    else
                        failed "generator --random $seed --lang $lang"
                    fi
                    rm -rf "$tmp"
                fi
                [ -f "$dir/$id.json" ] && printf '%s\t%s\t%s\n' "$id" "$dir/$id.png" \
                    "$dir/$id.json" >> "$file"
            done
        done
        RANDOM_SET=$SEEDS
    else
        say "random: the generator has no --random yet: the 12 fixture pages instead"
        printf 'random_set\tfixtures\nrandom_title\tFixture pages (fixtures/pages; the random generator is not built yet)\nshow_misses\t1\n' \
            >> "$WORK/meta.tsv"
        : > "$file"
        for t in fixtures/truth/*.json; do
            id=$(basename "$t" .json)
            [ -f "fixtures/pages/$id.png" ] && printf '%s\t%s\t%s\n' "$id" \
                "$ROOT/fixtures/pages/$id.png" "$ROOT/$t" >> "$file"
        done
        RANDOM_SET=fixtures
    fi
}

if [ "$PAGES" != random ]; then
    if [ -d "$SHARED/real" ]; then
        python3 tests/accuracy/pages.py real "$SHARED/real" > "$WORK/real.list" ||
            failed "listing the real pages"
        say "real: $(wc -l < "$WORK/real.list") pages in $SHARED/real"
        measure real "$WORK/real" "$WORK/real.list"
    else
        say "real: no $SHARED/real: no real pages"
    fi
fi
if [ "$PAGES" != real ]; then
    RANDOM_SET=""
    random_list "$WORK/random.names"
    if [ -s "$WORK/random.names" ]; then
        python3 tests/accuracy/pages.py list < "$WORK/random.names" > "$WORK/random.list" ||
            failed "listing the random pages"
        say "random: $(wc -l < "$WORK/random.list") pages ($RANDOM_SET)"
        measure random "$WORK/random-$RANDOM_SET" "$WORK/random.list"
    fi
fi
mv "$INDEX" "$WORK/index.tsv"
python3 tests/accuracy/report.py "$WORK" "$MD" || failed "the report"
if [ $nfail -gt 0 ]; then
    say "$nfail things failed to run (see FAILED above)"
    exit 1
fi

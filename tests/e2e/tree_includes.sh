#!/usr/bin/env bash
# tree_includes.sh - the tree keeps the architecture the README describes
# (README "Architecture"):
#   - every source of pipeline/ sits in a part folder pipeline/PART/, and
#     every part has its interface header pipeline/PART/PART.h;
#   - a file of one part (or of stages/) includes another part only through
#     that part's interface header, never a header internal to it;
#   - a part includes only the parts the table below allows (the README's
#     "which may call which"): the model knows no stage, a stage never
#     reaches the command line, formats/ never reaches layout/...;
#   - only ocr/ includes a Tesseract header.
# Unit tests and fuzz harnesses (tests/) test parts from inside and may
# include any header.  A new part or a new dependency is one line here and
# one in the README.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# part: the parts it may include (besides itself).
declare -A allowed=(
    [base]=""
    [model]="base"
    [image]="base model"
    [ocr]="base model"
    [layout]="base model image"
    [segment]="base model"
    [repair]="base model segment"
    [formats]="base model"
    [eval]="base model"
    [run]="base model image"
    [batch]="base model image ocr segment formats run cli"
    [cli]="base model image ocr segment repair formats eval run batch"
    [stages]="base model image layout ocr segment repair formats run"
)

bad=0
complain() { echo "FAIL: $*"; bad=1; }

for f in pipeline/*.[ch]; do
    [ -e "$f" ] && complain "$f: not in a part folder (pipeline/PART/)"
done
for d in pipeline/*/; do
    p=$(basename "$d")
    [ -f "$d$p.h" ] || complain "part $p has no interface header $d$p.h"
    [ -n "${allowed[$p]+set}" ] || complain "part $p is not in the table of tree_includes.sh"
done

checked=0
while IFS= read -r f; do
    case $f in
        stages/*) part=stages ;;
        pipeline/*) part=$(echo "$f" | cut -d/ -f2) ;;
    esac
    dir=$(dirname "$f")
    while IFS=: read -r line inc; do
        checked=$((checked + 1))
        target=$(realpath -m --relative-to="$ROOT" "$dir/$inc")
        [ -f "$target" ] || { complain "$f:$line: includes \"$inc\", which is not there"; continue; }
        case $target in
            pipeline/*/*) ;;
            *) complain "$f:$line: includes \"$inc\" from outside pipeline/"; continue ;;
        esac
        q=$(echo "$target" | cut -d/ -f2)
        [ "$q" = "$part" ] && continue
        [ "$target" = "pipeline/$q/$q.h" ] ||
            complain "$f:$line: includes $target, internal to $q/ (use pipeline/$q/$q.h)"
        [[ " ${allowed[$part]} " == *" $q "* ]] ||
            complain "$f:$line: $part/ may not include $q/ (allowed: ${allowed[$part]:-none})"
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
             sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1:\2/')
    if [ "$part" != ocr ] && grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<tesseract/' "$f"; then
        complain "$f: includes Tesseract outside ocr/"
    fi
done < <(find pipeline stages -name '*.[ch]' | sort)

[ $checked -gt 100 ] || complain "only $checked includes found: is the tree there?"
[ $bad -eq 0 ] || exit 1
echo "ok: $checked includes keep to the parts' interfaces and the dependency table"

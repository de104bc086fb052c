# stage_rerun.sh - `broadsheet stage NAME PAGEDIR` re-runs exactly one stage
# from the artifact before it and leaves every other artifact alone; a
# missing or corrupt artifact is one clear error line.
. "$(dirname "$0")/lib.sh"

src=$(fixture_run en-2col) || fail "run failed"
tmpdir t
cp -R "$src" "$t/page"
page="$t/page"
touch -d '2000-01-01' "$page"/* "$page"/articles/*
"$BROADSHEET" stage repair "$page" -q || fail "stage repair failed"
changed=$(find "$page" -type f -newermt '2001-01-01' -printf '%f\n' | sort | tr '\n' ' ')
[ "$changed" = "model.repair.json repairs.json timing.json " ] ||
    fail "stage repair changed: $changed"

# Export alone then rewrites the outputs from model.repair.json.
"$BROADSHEET" stage export "$page" -q || fail "stage export failed"
[ "$page/articles.json" -nt "$page/model.repair.json" ] || fail "export did not write"
cmp -s "$page/articles.json" "$src/articles.json" || fail "export from artifacts differs"

# --from/--to: re-run order..articles only.
touch -d '2000-01-01' "$page"/*
"$BROADSHEET" run --from order --to articles "$page" -q || fail "--from/--to failed"
changed=$(find "$page" -maxdepth 1 -type f -newermt '2001-01-01' -printf '%f\n' | sort | tr '\n' ' ')
[ "$changed" = "model.articles.json model.order.json timing.json " ] ||
    fail "--from order --to articles changed: $changed"

# Corrupt the artifact a stage reads: one line naming the file, exit 1.
head -c 100 "$page/model.articles.json" > "$page/model.articles.json.cut"
mv "$page/model.articles.json.cut" "$page/model.articles.json"
"$BROADSHEET" stage repair "$page" -q 2> "$t/err"
rc=$?
[ $rc -eq 1 ] || fail "corrupt artifact: exit $rc, want 1"
[ "$(wc -l < "$t/err")" -eq 1 ] || fail "want one error line, got: $(cat "$t/err")"
grep -q "model.articles.json" "$t/err" || fail "error does not name the file: $(cat "$t/err")"

# A missing artifact says which stage to run first.
rm "$page/model.ocr.json"
"$BROADSHEET" stage order "$page" -q 2> "$t/err" && fail "missing artifact accepted"
grep -q 'run stage "ocr" first' "$t/err" || fail "unhelpful error: $(cat "$t/err")"

# Unknown stage and bad options are usage errors (exit 2).
"$BROADSHEET" stage nonsense "$page" 2>/dev/null; [ $? -eq 2 ] || fail "unknown stage not exit 2"
"$BROADSHEET" run --bogus x 2>/dev/null; [ $? -eq 2 ] || fail "bad option not exit 2"
echo "stage re-runs ok"

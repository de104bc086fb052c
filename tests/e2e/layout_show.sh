# layout_show.sh - `broadsheet show`: draws a page folder's model over the
# page (a PNG the page's size), by default from the latest stage, with
# --stage from a named one; a stage that has not run is a clean error.
. "$(dirname "$0")/lib.sh"

tmpdir out
"$BROADSHEET" run -q -j 1 --to layout "$ROOT/fixtures/pages/en-3col.png" \
    -o "$out" >&2 || fail "broadsheet run --to layout failed"
"$BROADSHEET" show "$out/en-3col" -o "$out/overlay.png" || fail "show failed"
"$BROADSHEET" show "$out/en-3col" -o "$out/binarize.png" --stage binarize ||
    fail "show --stage binarize failed"
python3 - "$out/overlay.png" <<'PY' || fail "overlay is not a 1900x2250 colour PNG"
import struct, sys
head = open(sys.argv[1], 'rb').read(33)
w, h, depth, colour = struct.unpack('>IIBB', head[16:26])
sys.exit(0 if head[:8] == b'\x89PNG\r\n\x1a\n' and (w, h) == (1900, 2250)
         and colour in (2, 6) else 1)
PY
if "$BROADSHEET" show "$out/en-3col" -o "$out/x.png" --stage ocr 2>"$out/err"; then
    fail "show --stage ocr succeeded on a page ocr never read"
fi
grep -q "no page model of stage ocr" "$out/err" || fail "unclear error: $(cat "$out/err")"
[ ! -e "$out/x.png" ] || fail "show left an overlay behind on failure"

# A model whose column bands lie far outside any page (an int's range):
# refused when read, never drawn (UBSan: no overflow in the overlay).
cp -R "$out/en-3col" "$out/far"
python3 - "$out/far/model.layout.json" <<'PY' || fail "could not edit the model"
import json, sys
m = json.load(open(sys.argv[1]))
m["bands"][0]["columns"][0] = [-2147483648, 2147483647]
json.dump(m, open(sys.argv[1], "w"))
PY
rc=0; "$BROADSHEET" show "$out/far" -o "$out/far.png" 2>"$out/err" || rc=$?
[ "$rc" = 1 ] && grep -q "model.layout.json: band 0: bad column" "$out/err" ||
    fail "far-out band: exit $rc: $(cat "$out/err")"

#!/usr/bin/env bash
# tests/bench.sh - broadsheet against plain Tesseract on full pages (make bench).
#
#   tests/bench.sh                       en-p1 (eng) and zh-p1 (chi_sim), 3 runs
#   RUNS=5 PAGES="en-p1:eng en-2col:eng" tests/bench.sh
#   SETTINGS=one tests/bench.sh          only the one-thread setting
#   BS_ARGS="--set ocr_split=1" tests/bench.sh   extra broadsheet options
#
# For each page runs `broadsheet run PAGE -o OUT --force` and
# `tesseract PAGE out -l LANG` alternately (the order swaps every run), RUNS
# times each, in two settings:
#   one   OMP_THREAD_LIMIT=1 for both, broadsheet --set ocr_threads=1
#   all   all cores each: Tesseract with its own OpenMP threads unrestricted,
#         broadsheet reading the blocks of the page with one thread per core
#         (--set ocr_threads=$(nproc); broadsheet keeps OpenMP at 1 itself)
# and prints the medians of wall time, CPU time (user+sys) and peak RSS of
# each (from wait4 on the whole process tree), their ratios and broadsheet's
# seconds per stage (its timing.json).  The table also goes to
# tests/artifacts/bench.md (or $BENCH_MD).  Other work on the machine makes
# single runs noisy; ratios of alternated runs and medians are what to quote.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
BROADSHEET=${BROADSHEET:-$ROOT/broadsheet}
TESSERACT=${TESSERACT:-tesseract}
RUNS=${RUNS:-3}
PAGES=${PAGES:-"en-p1:eng zh-p1:chi_sim"}
SETTINGS=${SETTINGS:-"one all"}
BS_ARGS=${BS_ARGS:-}
OUT_MD=${BENCH_MD:-$ROOT/tests/artifacts/bench.md}
[ -x "$BROADSHEET" ] || { echo "bench: build first (make)"; exit 1; }
command -v "$TESSERACT" >/dev/null || { echo "bench: no tesseract"; exit 1; }
t=$(mktemp -d "${TMPDIR:-/tmp}/bs-bench.XXXXXX")
trap 'rm -rf "$t"' EXIT
mkdir -p "$(dirname "$OUT_MD")"

python3 - "$BROADSHEET" "$TESSERACT" "$RUNS" "$PAGES" "$SETTINGS" "$OUT_MD" \
    "$t" "$ROOT" "$BS_ARGS" <<'PY'
import json, os, statistics, subprocess, sys, time

bs, tess, runs, pages, settings, out_md, tmp, root, bs_args = sys.argv[1:]
runs = int(runs)
ncores = os.cpu_count() or 1
STAGES = ["load", "binarize", "layout", "ocr", "order", "articles", "repair",
          "export"]


def measure(argv, env):
    """Runs argv; returns (wall s, cpu s, peak RSS MB) of its process tree."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("bench: %s failed (exit %d):\n%s" % (argv[0], p.returncode,
                                                      err[-2000:]))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0


def env_for(setting, who):
    env = dict(os.environ)
    env.pop("OMP_THREAD_LIMIT", None)
    if setting == "one":
        env["OMP_THREAD_LIMIT"] = "1"
    return env


def med(v):
    return statistics.median(v) if v else float("nan")


loadavg = lambda: " ".join(open("/proc/loadavg").read().split()[:3])
tver = subprocess.run([tess, "--version"], capture_output=True,
                      text=True).stdout.splitlines()[0]
print("machine: %d cores, load average before: %s; %s" % (ncores, loadavg(),
                                                          tver))
rows = []
for setting in settings.split():
    threads = 1 if setting == "one" else ncores
    for spec in pages.split():
        name, lang = spec.split(":")
        page = os.path.join(root, "fixtures", "pages", name + ".png")
        out = os.path.join(tmp, "bs-" + setting)
        bs_argv = [bs, "run", "-q", page, "-o", out, "--force", "--lang", lang,
                   "--set", "ocr_threads=%d" % threads] + bs_args.split()
        ts_argv = [tess, page, os.path.join(tmp, "tess"), "-l", lang]
        r = {"bs": [], "tess": []}
        st = {s: [] for s in STAGES}
        st_cpu = {s: [] for s in STAGES}
        for i in range(runs):
            order = ["bs", "tess"] if i % 2 == 0 else ["tess", "bs"]
            for who in order:
                argv = bs_argv if who == "bs" else ts_argv
                r[who].append(measure(argv, env_for(setting, who)))
                if who == "bs":
                    tj = json.load(open(os.path.join(out, name,
                                                     "timing.json")))
                    for s in tj["stages"]:
                        st.setdefault(s["stage"], []).append(s["wall_s"])
                        st_cpu.setdefault(s["stage"], []).append(s["cpu_s"])
        m = {who: [med([x[k] for x in r[who]]) for k in range(3)]
             for who in r}
        # Ratios per run (the two ran back to back), then their median.
        ratio = [med([b[k] / t[k] for b, t in zip(r["bs"], r["tess"])])
                 for k in range(3)]
        stages = {s: med(v) for s, v in st.items() if v}
        total = sum(stages.values())
        other = total - stages.get("ocr", 0.0)
        # the same share of CPU time: with all cores OCR's wall time shrinks
        # and the rest (one thread) does not, its CPU time does not
        cpu = {s: med(v) for s, v in st_cpu.items() if v}
        cpu_total = sum(cpu.values())
        cpu_other = cpu_total - cpu.get("ocr", 0.0)
        row = dict(setting=setting, page=name, lang=lang, bs=m["bs"],
                   tess=m["tess"], ratio=ratio, stages=stages,
                   other_pct=100.0 * other / total if total else 0.0,
                   other_cpu_pct=(100.0 * cpu_other / cpu_total
                                  if cpu_total else 0.0))
        rows.append(row)
        print("%-4s %-8s wall %6.2f s vs %6.2f s (%.2fx)  cpu %6.2f s vs "
              "%6.2f s (%.2fx)  rss %4.0f MB vs %4.0f MB (%.2fx)  "
              "non-ocr stages %.1f%% of wall, %.1f%% of cpu"
              % (setting, name, m["bs"][0], m["tess"][0], ratio[0],
                 m["bs"][1], m["tess"][1], ratio[1], m["bs"][2],
                 m["tess"][2], ratio[2], row["other_pct"],
                 row["other_cpu_pct"]))
        print("     stages: " + "  ".join("%s %.3f" % (s, stages[s])
                                          for s in STAGES if s in stages))
        sys.stdout.flush()
print("load average after: %s" % loadavg())

label = {"one": "1 thread each", "all": "all cores each (%d)" % ncores}
md = ["| setting | page | wall s bs / tess (ratio) | CPU s bs / tess (ratio)"
      " | peak RSS MB bs / tess (ratio) | non-OCR stages, wall / CPU |",
      "| --- | --- | --- | --- | --- | --- |"]
for row in rows:
    md.append("| %s | %s | %.2f / %.2f (%.2fx) | %.2f / %.2f (%.2fx) | "
              "%.0f / %.0f (%.2fx) | %.1f%% / %.1f%% |"
              % (label[row["setting"]], row["page"], row["bs"][0],
                 row["tess"][0], row["ratio"][0], row["bs"][1],
                 row["tess"][1], row["ratio"][1], row["bs"][2],
                 row["tess"][2], row["ratio"][2], row["other_pct"],
                 row["other_cpu_pct"]))
md.append("")
md.append("broadsheet seconds per stage (wall, median):")
md.append("")
md.append("| setting | page | " + " | ".join(STAGES) + " |")
md.append("| --- | --- |" + " --- |" * len(STAGES))
for row in rows:
    md.append("| %s | %s | " % (label[row["setting"]], row["page"]) +
              " | ".join("%.3f" % row["stages"].get(s, 0) for s in STAGES) +
              " |")
md.append("")
md.append("Medians of %d alternated runs; %d cores; %s; load average after: "
          "%s.%s" % (runs, ncores, tver, loadavg(),
                     " broadsheet options: " + bs_args if bs_args else ""))
tmpname = out_md + ".tmp"
with open(tmpname, "w") as f:
    f.write("\n".join(md) + "\n")
os.replace(tmpname, out_md)
print("table: %s" % out_md)
PY

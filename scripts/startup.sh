#!/usr/bin/env bash
# Start-up, side by side: the wall time of whole commands (Keystone password auth, then the call) through Debian's
# python `watcher`/`monasca`, this CLI published ReadyToRun and published NativeAOT, against the same local servers,
# interleaved run by run. Prints a Markdown table: median (min) of N runs, and each build's ratio to Python.
#   usage: scripts/startup.sh [RUNS] [STATE_DIR]      (RUNS default 11; STATE_DIR: scripts/openstack-up.sh's, default .openstack)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
state=${2:-${OPENSTACK_STATE_DIR:-.openstack}}
command -v watcher >/dev/null && command -v monasca >/dev/null || { echo "needs python3-watcherclient and python3-monascaclient" >&2; exit 2; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
echo "publishing ReadyToRun and NativeAOT builds (about 2 minutes)..." >&2
dotnet publish src/OpenStack.Cli -c Release -r linux-x64 --artifacts-path "$out/r2r-artifacts" -o "$out/r2r" --nologo -v q -clp:ErrorsOnly >&2
dotnet publish src/OpenStack.Cli -c Release -r linux-x64 -p:PublishAot=true --artifacts-path "$out/aot-artifacts" -o "$out/aot" --nologo -v q -clp:ErrorsOnly >&2
for build in r2r aot; do ln -s openstack-dotnet "$out/$build/watcher"; ln -s openstack-dotnet "$out/$build/monasca"; done
# shellcheck disable=SC1091
source "$state/openrc"
python3 - "$runs" "$out" <<'EOF'
import statistics, subprocess, sys, time
runs, out = int(sys.argv[1]), sys.argv[2]
commands = ["watcher goal list", "monasca metric-list", "watcher --version"]
builds = {"python (Debian)": "", "ours, ReadyToRun": f"{out}/r2r/", "ours, NativeAOT": f"{out}/aot/"}
times = {(c, b): [] for c in commands for b in builds}
for _ in range(runs):
    for c in commands:
        for b, prefix in builds.items():
            args = (prefix + c).split()
            start = time.perf_counter()
            done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            times[(c, b)].append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(f"{' '.join(args)} failed: {done.stderr.decode()}")
print(f"| command | {' | '.join(builds)} |")
print("| --- |" + " ---: |" * len(builds))
for c in commands:
    py = statistics.median(times[(c, "python (Debian)")])
    cells = []
    for b in builds:
        t = times[(c, b)]
        m = statistics.median(t)
        cells.append(f"{m:.3f} s ({min(t):.3f})" + ("" if b.startswith("python") else f", {m / py:.2f}x"))
    print(f"| `{c}` | {' | '.join(cells)} |")
print(f"\n{runs} runs each, interleaved; median (min); ratio = median / Python's median.")
EOF

#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite in Release. Arguments are BenchmarkDotNet filters (glob on Namespace.Type.Method);
# with none, every benchmark runs.
# Usage: eng/bench.sh                      # everything
#        eng/bench.sh '*CustomerList*'     # one class
# Speed goals are stated as ratios against the Baseline benchmark measured in the same run, never as absolute times.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  set -- '*'
fi
dotnet run -c Release --project bench/Custos.Benchmarks -- --filter "$@"
echo
echo "Results: $(pwd)/BenchmarkDotNet.Artifacts/results/ (*-report-github.md is the table for docs/benchmarks.md; the folder is git-ignored)."

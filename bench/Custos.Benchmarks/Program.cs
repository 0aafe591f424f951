using BenchmarkDotNet.Running;

// Run with eng/bench.sh (Release build, optional --filter); results go to BenchmarkDotNet.Artifacts/results.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

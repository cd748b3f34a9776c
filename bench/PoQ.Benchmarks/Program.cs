using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/PoQ.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PoQ.Benchmarks.ConsensusKernels).Assembly).Run(args);

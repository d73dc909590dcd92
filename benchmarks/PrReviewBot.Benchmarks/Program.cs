using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(PrReviewBot.Benchmarks.Descriptions).Assembly).Run(args);

using BenchmarkDotNet.Running;
using Colour2Vec.Bench;

return args.FirstOrDefault() switch
{
    "workload" => Workloads.Run(args.Skip(1).ToArray()),
    "render" => RenderWorkload.Run(args.Skip(1).ToArray()),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args);
    return 0;
}

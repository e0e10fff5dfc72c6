namespace Colour2Vec.Model;

/// <summary>Picks the kernel: the fused one, unless the environment variable <c>COLOUR2VEC_KERNEL=scalar</c> forces the reference.</summary>
public static class TrainingKernels
{
    public const string EnvironmentVariable = "COLOUR2VEC_KERNEL";

    public static ITrainingKernel Best =>
        string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable), "scalar", StringComparison.OrdinalIgnoreCase)
            ? ScalarKernel.Instance
            : FusedKernel.Instance;
}

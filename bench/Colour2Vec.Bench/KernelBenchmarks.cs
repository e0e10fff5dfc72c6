using BenchmarkDotNet.Attributes;
using Colour2Vec.Model;

namespace Colour2Vec.Bench;

/// <summary>
/// One training step (forward, backward, dense Adam) on a batch of 512 pairs over the seed's 658-colour table,
/// scalar reference against the fused kernel. Run: <c>dotnet run -c Release --project bench/Colour2Vec.Bench -- --filter '*Kernel*'</c>.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int Items = 658;
    private const int Batch = 512;
    private EmbeddingModel _scalarModel = null!;
    private EmbeddingModel _fusedModel = null!;
    private AdamState _scalarAdam = null!;
    private AdamState _fusedAdam = null!;
    private int[] _left = [];
    private int[] _right = [];
    private float[] _labels = [];

    [Params(2, 16, 64)]
    public int Dims { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _scalarModel = new EmbeddingModel(Items, Dims, DistanceWeightForm.Free);
        _scalarModel.Initialise(Recipe.Seed with { WeightInitRange = 0 }, random);
        _scalarModel.WeightParameter = -1f;
        _fusedModel = _scalarModel.Clone();
        _scalarAdam = new AdamState(_scalarModel);
        _fusedAdam = new AdamState(_fusedModel);
        _left = Enumerable.Range(0, Batch).Select(_ => random.Next(Items)).ToArray();
        _right = Enumerable.Range(0, Batch).Select(_ => random.Next(Items)).ToArray();
        _labels = Enumerable.Range(0, Batch).Select(_ => (float)random.Next(2)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public BatchTotals Scalar() =>
        ScalarKernel.Instance.Step(_scalarModel, _scalarAdam, AdamSettings.Keras, 1e-4f, _left, _right, _labels);

    [Benchmark]
    public BatchTotals Fused() =>
        FusedKernel.Instance.Step(_fusedModel, _fusedAdam, AdamSettings.Keras, 1e-4f, _left, _right, _labels);
}

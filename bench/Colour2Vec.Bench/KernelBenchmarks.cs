using BenchmarkDotNet.Attributes;
using Colour2Vec.Model;

namespace Colour2Vec.Bench;

/// <summary>
/// One training step (forward, backward, Adam) on a batch of 512 pairs, scalar reference against the fused
/// kernel: dense Adam over the seed's 658-colour table, and sparse (LazyAdam) over a 31,918-row table (the
/// size of color-name-list), each batch a new slice of 64 so that rows are not all cache-hot. <see cref="FusedAligned"/>
/// is the dense step as one-thread training takes it, on an aligned copy of the table (<see cref="AlignedDenseTable"/>).
/// Run: <c>dotnet run -c Release --project bench/Colour2Vec.Bench -- --filter '*Kernel*'</c>.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int Items = 658;
    private const int LargeItems = 31_918;
    private const int Batch = 512;
    private const int LargeBatches = 64;
    private EmbeddingModel _scalarModel = null!;
    private EmbeddingModel _fusedModel = null!;
    private AdamState _scalarAdam = null!;
    private AdamState _fusedAdam = null!;
    private EmbeddingModel _alignedModel = null!;
    private AdamState _alignedAdam = null!;
    private AlignedDenseTable _aligned = null!;
    private int[] _left = [];
    private int[] _right = [];
    private float[] _labels = [];
    private EmbeddingModel _scalarLarge = null!;
    private EmbeddingModel _fusedLarge = null!;
    private AdamState _scalarLargeAdam = null!;
    private AdamState _fusedLargeAdam = null!;
    private int[] _largeLeft = [];
    private int[] _largeRight = [];
    private float[] _largeLabels = [];
    private int _scalarBatch;
    private int _fusedBatch;

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
        _alignedModel = _scalarModel.Clone();
        _alignedAdam = new AdamState(_alignedModel);
        _aligned = new AlignedDenseTable(_alignedModel.Embedding.Length);
        _aligned.Load(_alignedModel, _alignedAdam);
        _left = Enumerable.Range(0, Batch).Select(_ => random.Next(Items)).ToArray();
        _right = Enumerable.Range(0, Batch).Select(_ => random.Next(Items)).ToArray();
        _labels = Enumerable.Range(0, Batch).Select(_ => (float)random.Next(2)).ToArray();
        _scalarLarge = new EmbeddingModel(LargeItems, Dims, DistanceWeightForm.Free);
        _scalarLarge.Initialise(Recipe.Seed with { WeightInitRange = 0 }, random);
        _scalarLarge.WeightParameter = -1f;
        _fusedLarge = _scalarLarge.Clone();
        _scalarLargeAdam = new AdamState(_scalarLarge);
        _fusedLargeAdam = new AdamState(_fusedLarge);
        _largeLeft = Enumerable.Range(0, Batch * LargeBatches).Select(_ => random.Next(LargeItems)).ToArray();
        _largeRight = Enumerable.Range(0, Batch * LargeBatches).Select(_ => random.Next(LargeItems)).ToArray();
        _largeLabels = Enumerable.Range(0, Batch * LargeBatches).Select(_ => (float)random.Next(2)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public BatchTotals Scalar() =>
        ScalarKernel.Instance.Step(_scalarModel, _scalarAdam, AdamSettings.Keras, 1e-4f, _left, _right, _labels);

    [Benchmark]
    public BatchTotals Fused() =>
        FusedKernel.Instance.Step(_fusedModel, _fusedAdam, AdamSettings.Keras, 1e-4f, _left, _right, _labels);

    [Benchmark]
    public BatchTotals FusedAligned() =>
        FusedKernel.DenseStep(_alignedModel, _alignedAdam, AdamSettings.Keras, 1e-4f, _left, _right, _labels, _aligned);

    [GlobalCleanup]
    public void Cleanup() => _aligned.Dispose();

    [Benchmark]
    public BatchTotals ScalarSparseLargeTable() => LargeStep(ScalarKernel.Instance, _scalarLarge, _scalarLargeAdam, ref _scalarBatch);

    [Benchmark]
    public BatchTotals FusedSparseLargeTable() => LargeStep(FusedKernel.Instance, _fusedLarge, _fusedLargeAdam, ref _fusedBatch);

    private BatchTotals LargeStep(ITrainingKernel kernel, EmbeddingModel model, AdamState adam, ref int batch)
    {
        var start = Batch * (batch++ % LargeBatches);
        return kernel.Step(model, adam, AdamSettings.Keras, 1e-4f, _largeLeft.AsSpan(start, Batch), _largeRight.AsSpan(start, Batch),
            _largeLabels.AsSpan(start, Batch), Optimizer.Sparse);
    }
}

namespace Colour2Vec.Model;

/// <summary>
/// The seed's model: an embedding table (one row of <see cref="Dims"/> floats per item), the squared distance
/// between two rows, and a Dense(1) sigmoid on it: <c>p = σ(w · ‖e_i − e_j‖² + b)</c>.
/// </summary>
public sealed class EmbeddingModel
{
    public EmbeddingModel(int items, int dims, DistanceWeightForm weightForm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dims, 1);
        Items = items;
        Dims = dims;
        WeightForm = weightForm;
        Embedding = LargeBuffers.Array<float>((long)items * dims);
    }

    public int Items { get; }
    public int Dims { get; }
    public DistanceWeightForm WeightForm { get; }

    /// <summary>Row-major: item i's vector is <c>Embedding[i·Dims .. (i+1)·Dims)</c>.</summary>
    public float[] Embedding { get; }

    /// <summary>The trained parameter behind the weight: w itself (Free) or v in w = −softplus(v).</summary>
    public float WeightParameter { get; set; }

    public float Bias { get; set; }

    /// <summary>The weight on the squared distance.</summary>
    public float Weight => WeightFrom(WeightForm, WeightParameter);

    /// <summary>Trainable parameters: the table plus the weight and bias (1,294 for 646 colours at d = 2).</summary>
    public long ParameterCount => Embedding.LongLength + 2;

    public ReadOnlySpan<float> Row(int item) => Embedding.AsSpan(item * Dims, Dims);

    public float SquaredDistance(int i, int j)
    {
        var a = Row(i);
        var b = Row(j);
        var sum = 0f;
        for (var t = 0; t < a.Length; t++)
        {
            var delta = a[t] - b[t];
            sum += delta * delta;
        }
        return sum;
    }

    public float Score(int i, int j) => Weight * SquaredDistance(i, j) + Bias;

    public float Probability(int i, int j) => 1f / (1f + MathF.Exp(-Score(i, j)));

    /// <summary>Fills the parameters as <paramref name="recipe"/> says, drawing from <paramref name="random"/>.</summary>
    public void Initialise(Recipe recipe, Random random)
    {
        var range = recipe.EmbeddingInitRange;
        for (var k = 0; k < Embedding.Length; k++)
        {
            Embedding[k] = (float)((random.NextDouble() * 2 - 1) * range);
        }
        WeightParameter = WeightForm == DistanceWeightForm.Free
            ? (float)((random.NextDouble() * 2 - 1) * recipe.WeightInitRange)
            : InverseNegativeSoftplus(recipe.InitialWeight);
        Bias = 0f;
    }

    public EmbeddingModel Clone()
    {
        var copy = new EmbeddingModel(Items, Dims, WeightForm) { WeightParameter = WeightParameter, Bias = Bias };
        Embedding.CopyTo(copy.Embedding, 0);
        return copy;
    }

    internal static float WeightFrom(DistanceWeightForm form, float parameter) =>
        form == DistanceWeightForm.Free ? parameter : -Softplus(parameter);

    /// <summary>d w / d parameter.</summary>
    internal static float WeightDerivative(DistanceWeightForm form, float parameter) =>
        form == DistanceWeightForm.Free ? 1f : -1f / (1f + MathF.Exp(-parameter));

    internal static float Softplus(float x) => x > 0 ? x + MathF.Log(1f + MathF.Exp(-x)) : MathF.Log(1f + MathF.Exp(x));

    private static float InverseNegativeSoftplus(float weight)
    {
        if (weight >= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "a negative-softplus weight must start below 0");
        }
        return MathF.Log(MathF.Exp(-weight) - 1f);
    }
}

using Colour2Vec.Colours;

namespace Colour2Vec.Evaluation;

/// <summary>
/// How good a trained map is, beside references that bracket it (see <see cref="Quality.Evaluate"/>).
/// AUCs are on the held-out pairs; losses are mean binary cross-entropy in nats.
/// </summary>
public sealed record QualityReport
{
    /// <summary>The measure that defined "similar" for the references and the structure metrics.</summary>
    public required SimilarityMeasure Measure { get; init; }

    public required int Colours { get; init; }
    public required int Dims { get; init; }
    public required int HeldOutPairs { get; init; }

    /// <summary>AUC of the model's score <c>w·‖e_i − e_j‖² + b</c>.</summary>
    public required double HeldOutAuc { get; init; }

    /// <summary>Mean stable binary cross-entropy of the model's logits.</summary>
    public required double HeldOutLoss { get; init; }

    /// <summary>AUC of the true label probability <c>max(0, 1 − √(diff / 0.2))</c>: the best any model can do on these pairs.</summary>
    public required double BayesAuc { get; init; }

    /// <summary>Mean cross-entropy of the true probability clipped to [1e-7, 1 − 1e-7]: the loss floor.</summary>
    public required double BayesLoss { get; init; }

    /// <summary>
    /// AUC of −distance in the measure's own coordinates (r, g, b or L*, a*, b*) projected by PCA to
    /// <see cref="Dims"/> dimensions (not projected when Dims ≥ 3): what a linear map of the colours achieves.
    /// </summary>
    public required double PcaAuc { get; init; }

    /// <summary>AUC of −distance in a seeded uniform random embedding of the same shape: about 0.5.</summary>
    public required double RandomAuc { get; init; }

    /// <summary><see cref="HeldOutAuc"/> / <see cref="BayesAuc"/>.</summary>
    public required double AucRatioToBayes { get; init; }

    /// <summary>Spearman's ρ between embedding distances and the measure's differences over <see cref="SpearmanPairs"/> colour pairs.</summary>
    public required double Spearman { get; init; }

    /// <summary>Trustworthiness at <see cref="NeighbourK"/> (original space: the measure's differences).</summary>
    public required double Trustworthiness { get; init; }

    /// <summary>Mean share of each colour's <see cref="NeighbourK"/> nearest colours (by the measure) that are also its nearest in the embedding.</summary>
    public required double RecallAtK { get; init; }

    /// <summary>Neighbours per colour for trustworthiness and recall: 10, or fewer for a table under 21 colours.</summary>
    public required int NeighbourK { get; init; }

    /// <summary>Colour pairs behind <see cref="Spearman"/>: all pairs i &lt; j, or a seeded sample of 2,000,000 above 2,000 colours.</summary>
    public required long SpearmanPairs { get; init; }

    /// <summary>Query colours behind trustworthiness and recall: every colour, or a seeded sample of 2,000 above 2,000 colours.</summary>
    public required int NeighbourQueries { get; init; }

    /// <summary>True when the structure metrics are estimated from samples rather than computed over every colour.</summary>
    public required bool StructureSampled { get; init; }
}

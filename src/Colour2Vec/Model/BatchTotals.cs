namespace Colour2Vec.Model;

/// <summary>Sums over a batch: binary cross-entropy and the squared error of p against the label (Keras's mse).</summary>
public readonly record struct BatchTotals(double LossSum, double SquaredErrorSum)
{
    public static BatchTotals operator +(BatchTotals a, BatchTotals b) =>
        new(a.LossSum + b.LossSum, a.SquaredErrorSum + b.SquaredErrorSum);
}

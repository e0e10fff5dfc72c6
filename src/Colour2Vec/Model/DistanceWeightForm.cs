namespace Colour2Vec.Model;

/// <summary>How the Dense(1) weight on the squared distance is parameterised.</summary>
public enum DistanceWeightForm
{
    /// <summary>The seed's free weight <c>w</c>: when it starts positive, training settles in an inverted map.</summary>
    Free,

    /// <summary><c>w = −softplus(v)</c>: negative by construction, so nearer always means more likely together.</summary>
    NegativeSoftplus,
}

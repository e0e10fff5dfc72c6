using System.Runtime.CompilerServices;

namespace Colour2Vec.Model;

/// <summary>
/// Adam's constants. The update uses Keras's "epsilon hat" form:
/// <c>lr_t = lr · √(1 − β2^t) / (1 − β1^t);  θ −= lr_t · m / (√v + ε)</c>.
/// </summary>
public sealed record AdamSettings(float Beta1, float Beta2, float Epsilon)
{
    public static AdamSettings Keras { get; } = new(0.9f, 0.999f, 1e-7f);

    /// <summary>The bias-corrected step size for step <paramref name="step"/> (1-based).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float StepSize(float learningRate, long step) =>
        (float)(learningRate * Math.Sqrt(1 - Math.Pow(Beta2, step)) / (1 - Math.Pow(Beta1, step)));
}

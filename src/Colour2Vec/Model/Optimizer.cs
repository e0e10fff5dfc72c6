namespace Colour2Vec.Model;

/// <summary>Which rows Adam updates each step.</summary>
public enum Optimizer
{
    /// <summary>Dense for <c>--recipe seed</c> and for tables a batch mostly covers, sparse otherwise.</summary>
    Auto,

    /// <summary>tf.keras's Adam: every row's moments decay and every row moves, every step.</summary>
    Dense,

    /// <summary>
    /// LazyAdam (TensorFlow Addons) / SparseAdam (PyTorch): only the rows a batch names update their moments and
    /// move; the weight and the bias update every step; the step count t, and so the bias correction, is global.
    /// </summary>
    Sparse,
}

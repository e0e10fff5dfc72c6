namespace Colour2Vec.Model;

/// <summary>Which rows Adam updates each step.</summary>
public enum Optimizer
{
    /// <summary>Dense for <c>--recipe seed</c> and for tables a batch mostly covers, sparse otherwise.</summary>
    Auto,

    /// <summary>tf.keras's Adam: every row's moments decay and every row moves, every step.</summary>
    Dense,

    /// <summary>
    /// LazyAdam (TensorFlow Addons) / SparseAdam (PyTorch) with a catch-up: only the rows a batch names update their
    /// moments and move, each first taking, in closed form, the steps it missed since it was last named
    /// (<see cref="AdamCatchUp"/>), and every row is brought up to the last step at the end of each epoch; the weight and
    /// the bias update every step; the step count t, and so the bias correction, is global.
    /// </summary>
    Sparse,
}

namespace Colour2Vec.Model;

/// <summary>
/// A row width as a type, so that a row loop instantiated for it is compiled with the width as a constant: the loop
/// along a row's dimensions disappears into straight-line code and the rows' offsets into constant multiplies.
/// The sparse step's row loops run on interleaved rows of the widths below; <see cref="AnyWidth"/> keeps the width a
/// variable for the others. The operations are the same in every instantiation, so are the bits.
/// </summary>
internal interface IRowWidth
{
    /// <summary>The width: the type's own, or <paramref name="dims"/> for <see cref="AnyWidth"/>.</summary>
    static abstract int Of(int dims);
}

internal readonly struct Width8 : IRowWidth
{
    public static int Of(int dims) => 8;
}

internal readonly struct Width16 : IRowWidth
{
    public static int Of(int dims) => 16;
}

internal readonly struct Width32 : IRowWidth
{
    public static int Of(int dims) => 32;
}

internal readonly struct Width64 : IRowWidth
{
    public static int Of(int dims) => 64;
}

internal readonly struct AnyWidth : IRowWidth
{
    public static int Of(int dims) => dims;
}

using Colour2Vec.Colours;

namespace Colour2Vec.Tests.Colours;

public sealed class CieLabTests
{
    [Theory]
    [InlineData(1, 1, 1, 100, 0, 0)]
    [InlineData(0, 0, 0, 0, 0, 0)]
    [InlineData(1, 0, 0, 53.2408, 80.0925, 67.2032)]
    [InlineData(0, 1, 0, 87.7347, -86.1827, 83.1793)]
    [InlineData(0, 0, 1, 32.2970, 79.1875, -107.8602)]
    public void Srgb_Primaries_White_And_Black_Convert_To_Their_Published_Lab_Values(
        double red, double green, double blue, double l, double a, double b)
    {
        var lab = CieLab.FromSrgb(red, green, blue);
        Assert.Equal(l, lab.L, 1e-3);
        Assert.Equal(a, lab.A, 1e-3);
        Assert.Equal(b, lab.B, 1e-3);
    }

    [Fact]
    public void A_Dark_Grey_Below_The_Linear_Toe_Uses_The_Linear_Parts_Of_Both_Curves()
    {
        // 0.02 is below sRGB's 0.04045 knee: Y = 0.02 / 12.92, below ε, so L = κ·Y.
        var lab = CieLab.FromSrgb(0.02, 0.02, 0.02);
        Assert.Equal(24389.0 / 27 * (0.02 / 12.92) * 1.0000001, lab.L, 1e-6);
        Assert.Equal(0, lab.A, 1e-4);
        Assert.Equal(0, lab.B, 1e-4);
    }

    [Fact]
    public void Cie76_Is_The_Euclidean_Distance_In_Lab()
    {
        Assert.Equal(13, CieLab.DeltaE76(new CieLab(50, 0, 0), new CieLab(53, 4, 12)), 12);
        Assert.Equal(0, CieLab.DeltaE76(new CieLab(50, 1, 2), new CieLab(50, 1, 2)));
    }
}

using Colour2Vec.Colours;
using Colour2Vec.Pairs;

namespace Colour2Vec.Tests.Pairs;

public sealed class PaletteRecallTests
{
    // Items on a line at positions 0, 1, 2, …: item i's nearest are its index neighbours.
    private static double OnALine(int i, int j) => Math.Abs(i - j);

    [Fact]
    public void Recall_Is_The_Share_Of_Other_Palette_Items_Among_The_Ten_Nearest_Averaged_Over_Slots()
    {
        // 100 items. In palette [0, 5, 50]: item 0's 10 nearest are 1..10 → holds 5, not 50 → ½; item 5's are
        // 0..4, 6..10 → holds 0, not 50 → ½; item 50's are 45..49, 51..55 → neither → 0. Palette [20, 21]: 1 and 1.
        double recall = PaletteRecall.At10([[0, 5, 50], [20, 21]], itemCount: 100, OnALine);

        Assert.Equal((0.5 + 0.5 + 0 + 1 + 1) / 5, recall, 12);
    }

    [Fact]
    public void Duplicates_Of_The_Slot_Item_Are_Skipped_And_A_Palette_Of_One_Item_Counts_Nothing()
    {
        // [3, 3, 90]: slot 3 sees only 90 (→ 0), twice; slot 90 sees 3 (→ 0). [7, 7] has no other item.
        Assert.Equal(0, PaletteRecall.At10([[3, 3, 90], [7, 7]], itemCount: 100, OnALine));
        Assert.True(double.IsNaN(PaletteRecall.At10([[7, 7]], itemCount: 100, OnALine)));
    }

    [Fact]
    public void Ties_Go_To_The_Lower_Index()
    {
        // Every item is at the same distance, so item 0's nearest are 1..10 and 11 is left out.
        Assert.Equal(1, PaletteRecall.At(10, [[0, 10]], itemCount: 50, (_, _) => 1), 12);
        Assert.Equal(0.5, PaletteRecall.At(10, [[0, 10, 11]], itemCount: 50, (i, j) => i == 0 || j == 0 ? 1 : 2), 12);
    }

    [Fact]
    public void Rgb_Distance_Finds_Neighbouring_Colours()
    {
        var table = new ColourTable(Enumerable.Range(0, 30).Select(i => Colour.FromBytes($"g{i}", (byte)(i * 8), (byte)(i * 8), (byte)(i * 8))), "greys");
        Assert.Equal(1, PaletteRecall.At10([[10, 12]], table.Count, PaletteRecall.RgbDistance(table)), 12);
    }
}

using Colour2Vec.Colours;

namespace Colour2Vec.Tests.Colours;

public sealed class VocabularyTests
{
    private static readonly ColourTable Tiny = new(
        [Colour.FromBytes("black", 0, 0, 0), Colour.FromBytes("white", 255, 255, 255), Colour.FromBytes("red", 255, 0, 0),
         Colour.FromBytes("blue", 0, 0, 255)], "tiny");

    private static PaletteSet Palettes() => new(
        [[(10, 10, 10), (250, 250, 250), (240, 10, 10)], [(5, 0, 0), (10, 10, 10)], [(200, 30, 20), (250, 250, 250)]], "p");

    [Fact]
    public void Table_Vocabulary_Maps_Each_Colour_To_The_Nearest_Row_And_Keeps_The_Whole_Table()
    {
        var mapped = Vocabulary.FromTable(Tiny).Map(Palettes());

        Assert.Same(Tiny, mapped.Items);
        Assert.Equal([[0, 1, 2], [0, 0], [2, 1]], mapped.Palettes);
    }

    [Fact]
    public void Coverage_Counts_Items_Used_Slots_And_Items_Seen_Once()
    {
        var coverage = Vocabulary.FromTable(Tiny).Map(Palettes()).Coverage;

        // black ×3, white ×2, red ×2, blue never.
        Assert.Equal(new VocabularyCoverage(VocabularySize: 4, ItemsUsed: 3, Slots: 7, DistinctColours: 5, ItemsSeenOnce: 0), coverage);
        Assert.Equal(7 / 3.0, coverage.SlotsPerItemUsed, 12);
    }

    [Fact]
    public void A_Custom_Difference_Decides_What_Is_Nearest()
    {
        // Nearest by red alone: (10,10,10) goes to black (r=0) or blue (r=0); the first row wins the tie.
        var byRed = Vocabulary.FromTable(Tiny, (row, c) => Math.Abs(Tiny[row].R8 - c.R), "red only");

        Assert.Equal(0, byRed.Nearest((10, 200, 200)));
        Assert.Equal(1, byRed.Nearest((250, 0, 0)));
        Assert.Equal("tiny (red only)", byRed.Name);
    }

    [Theory]
    [InlineData(SimilarityMeasure.Lab)]
    [InlineData(SimilarityMeasure.Ciede2000)]
    public void Lab_Measures_Map_A_Table_Colour_To_Itself(SimilarityMeasure measure)
    {
        var builtIn = ColourTable.BuiltIn();
        var vocabulary = Vocabulary.FromTable(builtIn, measure);
        var snow = builtIn.Select((c, i) => (c, i)).First(x => x.c.Name == "snow");

        Assert.Equal(snow.i, vocabulary.Nearest((snow.c.R8, snow.c.G8, snow.c.B8)));
    }

    [Fact]
    public void Bins_Keep_Only_The_Bins_That_Occur_Named_By_Level_With_Their_Centre_Colour()
    {
        var mapped = Vocabulary.Bins(4).Map(Palettes());

        // 4 levels: 0-63, 64-127, 128-191, 192-255. (10,10,10) and (5,0,0) share bin r0 g0 b0.
        Assert.Equal(["bin r0 g0 b0", "bin r3 g0 b0", "bin r3 g3 b3"], mapped.Items.Select(c => c.Name));
        Assert.Equal([[0, 2, 1], [0, 0], [1, 2]], mapped.Palettes);
        Assert.Equal((32, 224), (mapped.Items[0].R8, mapped.Items[1].R8));
        Assert.Equal(64, mapped.Coverage.VocabularySize);
        Assert.Equal(3, mapped.Coverage.ItemsUsed);
    }

    [Theory]
    [InlineData(2, new[] { 64, 192 })]
    [InlineData(3, new[] { 43, 128, 213 })]
    public void Bin_Centres_Are_The_Middle_Of_Each_Level(int levels, int[] centres)
    {
        Assert.Equal(centres, Enumerable.Range(0, levels).Select(b => (int)Vocabulary.BinCentre(b, levels)));
        for (var value = 0; value < 256; value++)
        {
            var bin = Vocabulary.Bin((byte)value, levels);
            Assert.InRange(bin, 0, levels - 1);
        }
    }

    [Fact]
    public void Parse_Reads_Built_In_Bins_And_Table_Paths()
    {
        using var folder = new TempFolder();
        var path = folder.Write("v.csv", "name,hex\nA,#000000\nB,#ffffff\n");

        Assert.Equal("built-in (rgb)", Vocabulary.Parse(null).Name);
        Assert.Equal(658, Vocabulary.Parse("built-in").Size);
        Assert.Equal(512, Vocabulary.Parse("bins:8").Size);
        Assert.Equal($"{path} (lab)", Vocabulary.Parse(path, SimilarityMeasure.Lab).Name);
    }

    [Theory]
    [InlineData("bins:1")]
    [InlineData("bins:65")]
    [InlineData("bins:x")]
    [InlineData("bins:")]
    public void Bins_Outside_2_To_64_Are_Refused(string spec)
    {
        var error = Assert.Throws<InputException>(() => Vocabulary.Parse(spec));
        Assert.StartsWith($"vocabulary '{spec}': N in bins:N must be an integer from 2 to 64", error.Message, StringComparison.Ordinal);
    }
}

using Colour2Vec.Colours;
using Colour2Vec.Pairs;

namespace Colour2Vec.Tests.Pairs;

public sealed class PairsFileReaderTests
{
    private static readonly ColourTable Table = new(
        [Colour.FromBytes("red", 255, 0, 0), Colour.FromBytes("crimson", 220, 20, 60), Colour.FromBytes("navy", 0, 0, 128)], "table.csv");

    [Fact]
    public void Names_Are_Looked_Up_In_The_Given_Table()
    {
        using var folder = new TempFolder();
        var path = folder.Write("pairs.csv", "a,b,label\nred,crimson,1\n navy ,red,0\n\n");

        var pairs = PairsFileReader.Read(path, Table, seed: 0, heldOutFraction: 0);

        Assert.Same(Table, pairs.Items);
        Assert.Equal([0, 2], pairs.Training.Left);
        Assert.Equal([1, 0], pairs.Training.Right);
        Assert.Equal([1f, 0f], pairs.Training.Labels);
        Assert.Equal(0, pairs.HeldOut.Count);
    }

    [Fact]
    public void Without_A_Table_The_Items_Are_The_Names_In_Order_Of_First_Appearance_With_Fixed_Colours()
    {
        var pairs = PairsFileReader.Parse("label,b,a\n1,tea,coffee\n0,beer,tea\n", "p.csv", null, seed: 0, heldOutFraction: 0);

        Assert.Equal(["coffee", "tea", "beer"], pairs.Items.Select(c => c.Name));
        Assert.Equal([0, 1], pairs.Training.Left);
        Assert.Equal([1, 2], pairs.Training.Right);
        Assert.Equal(PairsFileReader.HashColour("tea").Hex, pairs.Items[1].Hex);
        Assert.NotEqual(pairs.Items[0].Hex, pairs.Items[1].Hex);
    }

    [Fact]
    public void A_Seeded_Tenth_Of_The_Rows_Is_Held_Out()
    {
        var text = "a,b,label\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"x{i},y{i % 7},{i % 2}\n"));

        var first = PairsFileReader.Parse(text, "p.csv", null, seed: 5);
        var again = PairsFileReader.Parse(text, "p.csv", null, seed: 5);

        Assert.Equal((450, 50), (first.Training.Count, first.HeldOut.Count));
        Assert.Equal(first.HeldOut.Left, again.HeldOut.Left);
        Assert.NotEqual(first.HeldOut.Left, PairsFileReader.Parse(text, "p.csv", null, seed: 6).HeldOut.Left);
    }

    [Theory]
    [InlineData("", "p.csv: the file is empty")]
    [InlineData("a,b,label\n", "p.csv: no pairs after the header")]
    [InlineData("left,right,label\nred,navy,1\n", "p.csv:1: the header 'left,right,label' lacks a column")]
    [InlineData("a,b,label\nred,navy,1\nred,blue,0\n", "p.csv:3: field 'b': unknown item 'blue': no such name in table.csv")]
    [InlineData("a,b,label\nRed,navy,1\n", "p.csv:2: field 'a': unknown item 'Red': no such name in table.csv (names are case-sensitive: did you mean 'red'?)")]
    [InlineData("a,b,label\nred,navy,1\nred,navy,yes\n", "p.csv:3: field 'label': 'yes' is not 0 or 1")]
    [InlineData("a,b,label\nred,navy,0.5\n", "p.csv:2: field 'label': '0.5' is not 0 or 1")]
    [InlineData("a,b,label\nred,,1\n", "p.csv:2: field 'b': empty")]
    [InlineData("a,b,label\nred,navy\n", "p.csv:2: field 'label': missing")]
    public void Bad_Pairs_Files_Name_The_File_Line_And_Field(string text, string expectedStart)
    {
        var error = Assert.Throws<InputException>(() => PairsFileReader.Parse(text, "p.csv", Table, seed: 0));
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }
}

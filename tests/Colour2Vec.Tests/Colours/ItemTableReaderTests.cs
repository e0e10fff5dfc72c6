using Colour2Vec.Colours;

namespace Colour2Vec.Tests.Colours;

public sealed class ItemTableReaderTests
{
    [Fact]
    public void Features_Are_Standardised_To_Mean_0_And_Population_Deviation_1()
    {
        using var folder = new TempFolder();
        var path = folder.Write("items.csv", "name,weight,height\nant,1,10\nbee,2,10\ncat,3,40\n");

        var items = ItemTableReader.Read(path);

        Assert.Equal(["ant", "bee", "cat"], items.Names);
        Assert.Equal(["weight", "height"], items.FeatureNames);
        // weight: mean 2, population sd √(2/3); height: mean 20, sd √200.
        var sd = Math.Sqrt(2.0 / 3);
        Assert.Equal(-1 / sd, items.Row(0)[0], 12);
        Assert.Equal(0, items.Row(1)[0], 12);
        Assert.Equal(20 / Math.Sqrt(200), items.Row(2)[1], 12);
        Assert.Equal([2, 20], items.Means);
        for (var f = 0; f < items.FeatureCount; f++)
        {
            var column = Enumerable.Range(0, items.Count).Select(i => items.Row(i)[f]).ToArray();
            Assert.Equal(0, column.Average(), 12);
            Assert.Equal(1, column.Average(x => x * x), 12);
        }
    }

    [Fact]
    public void A_Hex_Column_Colours_The_Items_And_Is_Not_A_Feature()
    {
        var items = ItemTableReader.Parse("name,hex,size\na,#ff0000,1\nb,00ff00,2\n", "t.csv");

        Assert.Equal(["size"], items.FeatureNames);
        Assert.Equal(["#ff0000", "#00ff00"], items.Colours.Select(c => c.Hex));
        Assert.Equal("hex", items.ColouredBy);
    }

    [Fact]
    public void R_G_B_Columns_Colour_The_Items_And_Are_Features()
    {
        var items = ItemTableReader.Parse("Name,R,G,B\na,255,0,0\nb,0,128,10\n", "t.csv");

        Assert.Equal(["R", "G", "B"], items.FeatureNames);
        Assert.Equal(["#ff0000", "#00800a"], items.Colours.Select(c => c.Hex));
        Assert.Equal("r,g,b", items.ColouredBy);
    }

    [Fact]
    public void Without_Colour_Columns_Items_Are_Coloured_Along_The_First_Principal_Component()
    {
        // x and y rise together, so the first component orders the items a < b < c: dark purple to yellow.
        var items = ItemTableReader.Parse("name,x,y\na,0,0\nb,1,1.1\nc,2,1.9\n", "t.csv");

        Assert.Equal("first principal component", items.ColouredBy);
        Assert.Equal("#440154", items.Colours[0].Hex);
        Assert.Equal("#fde725", items.Colours[2].Hex);
        var component = ItemTable.FirstComponent(items.Features, items.Count, items.FeatureCount);
        Assert.Equal(1 / Math.Sqrt(2), component[0], 6);
        Assert.Equal(1 / Math.Sqrt(2), component[1], 6);
    }

    [Theory]
    [InlineData(0.0, "#440154")]
    [InlineData(0.5, "#21918c")]
    [InlineData(1.0, "#fde725")]
    public void The_Ramp_Passes_Through_Its_Viridis_Stops(double t, string hex)
    {
        var (r, g, b) = ItemTable.OnRamp(t);
        Assert.Equal(hex, Colour.FromBytes("", r, g, b).Hex);
    }

    [Theory]
    [InlineData("", "t.csv: the file is empty")]
    [InlineData("name,x\n", "t.csv: no items after the header")]
    [InlineData("label,x\na,1\n", "t.csv:1: no 'name' column in the header 'label,x'")]
    [InlineData("name,hex\na,#000000\n", "t.csv:1: no feature columns besides 'name' and 'hex'")]
    [InlineData("name,x,y\na,1,2\nb,2,oops\n", "t.csv:3: field 'y': 'oops' is not a number")]
    [InlineData("name,x,y\na,1,2\nb,2,\n", "t.csv:3: field 'y': '' is not a number")]
    [InlineData("name,x,y\na,1,2\nb,2\n", "t.csv:3: field 'y': missing: the row has 2 fields, expected 3")]
    [InlineData("name,x,y\na,1,2\nb,1,3\n", "t.csv: field 'x': is constant: cannot be standardised")]
    [InlineData("name,x\na,1\n,2\n", "t.csv:3: field 'name': empty")]
    [InlineData("name,hex,x\na,#00000g,1\n", "t.csv:2: field 'hex': '#00000g' is not six hex digits")]
    [InlineData("name,r,g,b\na,1,2,3\nb,1,2,300\n", "t.csv:3: field 'b': 300 is not a channel value 0-255")]
    public void Bad_Item_Tables_Name_The_File_Line_And_Field(string text, string expectedStart)
    {
        var error = Assert.Throws<InputException>(() => ItemTableReader.Parse(text, "t.csv"));
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_Utf8_Is_An_Error_Naming_The_Line()
    {
        using var folder = new TempFolder();
        var path = folder.File("t.csv");
        File.WriteAllBytes(path, [.. "name,x\na,1\n"u8, (byte)'b', 0xc3, (byte)',', (byte)'2', (byte)'\n']);

        var error = Assert.Throws<InputException>(() => ItemTableReader.Read(path));
        Assert.StartsWith($"{path}:3: invalid UTF-8", error.Message, StringComparison.Ordinal);
    }
}

using Colour2Vec.Colours;

namespace Colour2Vec.Tests.Colours;

public sealed class ColourTableReaderTests
{
    private const string KaggleHeader = "Color Name,Credits,R;G;B Dec,RGB Hex,CSS Hex,BG/FG color sample\n";

    [Fact]
    public void Kaggle_Layout_Keeps_Quoted_Commas_Drops_Empty_Names_And_Keeps_Duplicates()
    {
        var table = ColourTableReader.Parse(KaggleHeader +
            "Grey,X,84;84;84,545454,,### SAMPLE ###\n" +
            "\"Grey, Silver\",X,192;192;192,C0C0C0,,### SAMPLE ###\n" +
            ",X,1;2;3,010203,,### SAMPLE ###\n" +
            "Grey,X,84;84;84,545454,,### SAMPLE ###\n", "colours.csv");

        Assert.Equal(["Grey", "Grey, Silver", "Grey"], table.Select(c => c.Name));
        Assert.Equal(84 / 255f, table[0].R);
        Assert.Equal("#c0c0c0", table[1].Hex);
    }

    [Fact]
    public void Name_Rgb_Layout_Normalises_Channels()
    {
        var table = ColourTableReader.Parse("name,r,g,b\nred,255,0,0\nmid,128,64,32\n", "t.csv");
        Assert.Equal(2, table.Count);
        Assert.Equal(1f, table[0].R);
        Assert.Equal(64 / 255f, table[1].G);
    }

    [Fact]
    public void Name_Hex_Layout_Accepts_With_And_Without_Hash_And_Extra_Columns()
    {
        var table = ColourTableReader.Parse("name,hex,good name\nA,#ff8800,x\nB,00ff7F,\n", "t.csv");
        Assert.Equal("#ff8800", table[0].Hex);
        Assert.Equal("#00ff7f", table[1].Hex);
    }

    [Fact]
    public void The_Built_In_Table_Has_At_Least_600_Named_Colours()
    {
        var table = ColourTable.BuiltIn();
        Assert.True(table.Count >= 600, $"{table.Count} colours");
        Assert.Contains(table, c => c.Name == "snow" && c.Hex == "#fffafa");
        Assert.Equal("built-in", table.Source);
    }

    [Theory]
    [InlineData("", "t.csv: the file is empty")]
    [InlineData("name,r,g,b\n", "t.csv: no colours after the header")]
    [InlineData("colour,red,green\nx,1,2\n", "t.csv:1: unknown header 'colour,red,green'; expected one of 'Color Name")]
    [InlineData("Color Name,Credits,R;G;B Dec,RGB Hex,CSS Hex,BG/FG color sample\nx,X,1;2,010203,,s\n", "t.csv:2: field 'R;G;B Dec': '1;2' is not three integers 0-255")]
    [InlineData("Color Name,Credits,R;G;B Dec,RGB Hex,CSS Hex,BG/FG color sample\nx,X,1;2;256,010203,,s\n", "t.csv:2: field 'R;G;B Dec': '1;2;256'")]
    [InlineData("name,hex\na,#12345\n", "t.csv:2: field 'hex': '#12345' is not six hex digits")]
    [InlineData("name,hex\na,#12345g\n", "t.csv:2: field 'hex': '#12345g'")]
    [InlineData("name,r,g,b\na,1,2,3\nb,1,2\n", "t.csv:3: field 'b': missing: the row has 3 fields, expected 4")]
    [InlineData("name,r,g,b\na,1,2,x\n", "t.csv:2: field 'b': 'x' is not an integer 0-255")]
    [InlineData("name,r,g,b\n,1,2,3\n", "t.csv:2: field 'name': empty")]
    public void Bad_Tables_Name_The_File_Line_And_Field(string text, string expectedStart)
    {
        var error = Assert.Throws<InputException>(() => ColourTableReader.Parse(text, "t.csv"));
        Assert.StartsWith(expectedStart, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Invalid_Utf8_Is_Reported_With_Its_Line()
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.csv");
        File.WriteAllBytes(path, [.. "name,r,g,b\nok,1,2,3\n"u8, 0xC3, 0x28, .. ",1,2,3\n"u8]);
        var error = Assert.Throws<InputException>(() => ColourTable.Load(path));
        Assert.StartsWith($"{path}:3: invalid UTF-8", error.Message);
    }

    [Fact]
    public void A_Missing_File_Is_An_Input_Error_Naming_It()
    {
        var error = Assert.Throws<InputException>(() => ColourTable.Load("/nonexistent/colours.csv"));
        Assert.StartsWith("/nonexistent/colours.csv: cannot read the colour table", error.Message);
    }
}

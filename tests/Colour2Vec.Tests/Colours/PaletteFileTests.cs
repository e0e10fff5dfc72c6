using Colour2Vec.Colours;

namespace Colour2Vec.Tests.Colours;

public sealed class PaletteFileTests
{
    [Fact]
    public void Json_Palettes_In_The_Nice_Color_Palettes_Layout_Are_Read_As_Bytes()
    {
        using var folder = new TempFolder();
        var path = folder.Write("1000.json",
            "[[\"#69d2e7\",\"#a7dbd8\",\"#e0e4cc\",\"#f38630\",\"#fa6900\"],\n [\"#fe4365\",\"FC9D9A\"]]\n");

        var set = PaletteFile.Read(path);

        Assert.Equal(2, set.Count);
        Assert.Equal(7, set.SlotCount);
        Assert.Equal(path, set.Source);
        Assert.Equal((0x69, 0xd2, 0xe7), set.Palettes[0][0]);
        Assert.Equal((0xfc, 0x9d, 0x9a), set.Palettes[1][1]);
    }

    [Fact]
    public void Text_Palettes_Split_On_Commas_And_Spaces_And_Skip_Blank_And_Slash_Comment_Lines()
    {
        var set = PaletteFile.Parse("// warm\n#ff0000, #ff8800 ffff00\n\n#000000\t#ffffff,,#000000\n", "p.txt");

        Assert.Equal(2, set.Count);
        Assert.Equal([(255, 0, 0), (255, 136, 0), (255, 255, 0)], set.Palettes[0]);
        Assert.Equal(3, set.Palettes[1].Count);
        Assert.Equal(5, set.DistinctColourCount);
    }

    [Fact]
    public void A_Line_Starting_With_A_Hash_Is_A_Palette_Not_A_Comment()
    {
        var set = PaletteFile.Parse("#112233 #445566\n", "p.txt");
        Assert.Equal((0x11, 0x22, 0x33), set.Palettes[0][0]);
    }

    [Fact]
    public void Palettes_With_Fewer_Than_Two_Colours_Are_Skipped_And_Counted()
    {
        var json = PaletteFile.Parse("[[\"#111111\"], [], [\"#111111\",\"#222222\"]]", "p.json");
        var text = PaletteFile.Parse("#111111\n#111111 #222222\n#333333\n", "p.txt");

        Assert.Equal((1, 2), (json.Count, json.SkippedShort));
        Assert.Equal((1, 2), (text.Count, text.SkippedShort));
    }

    [Theory]
    [InlineData("", "p: the file is empty")]
    [InlineData("  \n\n", "p: the file is empty")]
    [InlineData("[[\"#111111\",\"#222222\"]", "p:1: malformed JSON")]
    [InlineData("[[\"#111111\",\n \"#222222\",]]", "p:2: malformed JSON at byte 12 of the line")]
    [InlineData("[[\"#111111\",\"#222222\"],\n \"#333333\"]", "p:2: palette [1] is a string, not an array of hex strings")]
    [InlineData("[[\"#111111\",\"#222222\"],\n {\"a\":1}]", "p:2: palette [1] is an object, not an array of hex strings")]
    [InlineData("[[\"#111111\",\"#222222\"],\n[\"#111111\",\n 7]]", "p:3: palette [1], colour [1] is a number, not a string")]
    [InlineData("[[\"#111111\",\"#222222\"],\n[\"#111111\",\n \"#12345g\"]]", "p:3: palette [1], colour [1]: '#12345g' is not a hex colour")]
    [InlineData("[]", "p: no palettes with two or more colours (0 skipped")]
    [InlineData("[[\"#111111\"]]", "p: no palettes with two or more colours (1 skipped")]
    [InlineData("#111111 #222222\n#111111 red\n", "p:2: 'red' is not a hex colour")]
    [InlineData("#111111 #222222\n#111111;#222222\n", "p:2: '#111111;#222222' is not a hex colour")]
    [InlineData("{\"palettes\": []}", "p:1: a JSON object; expected a JSON array")]
    [InlineData("// nothing here\n", "p: no palettes with two or more colours (0 skipped")]
    public void Bad_Palette_Files_Give_One_Line_Naming_The_Place(string text, string expectedStart)
    {
        var error = Assert.Throws<InputException>(() => PaletteFile.Parse(text, "p"));
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Invalid_Utf8_Is_An_Error_Naming_The_Line()
    {
        using var folder = new TempFolder();
        var path = folder.File("p.txt");
        File.WriteAllBytes(path, [.. "#111111 #222222\n"u8, 0xff, (byte)'\n']);

        var error = Assert.Throws<InputException>(() => PaletteFile.Read(path));
        Assert.StartsWith($"{path}:2: invalid UTF-8", error.Message, StringComparison.Ordinal);
    }
}

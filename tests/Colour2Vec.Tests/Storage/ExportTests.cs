using System.Globalization;
using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Storage;

namespace Colour2Vec.Tests.Storage;

public sealed class ExportTests
{
    private static readonly ColourTable Colours = new(
    [
        Colour.FromBytes("ghost white", 248, 248, 255),
        Colour.FromBytes("tab\there", 1, 2, 3),
        Colour.FromBytes("line\nbreak\r", 200, 100, 0),
        Colour.FromBytes("ghost white", 248, 248, 254),
        Colour.FromBytes("red", 255, 0, 0),
    ], "t");

    private static EmbeddingModel Model(int dims)
    {
        var model = new EmbeddingModel(Colours.Count, dims, DistanceWeightForm.NegativeSoftplus);
        var random = new Random(11);
        for (var k = 0; k < model.Embedding.Length; k++)
        {
            model.Embedding[k] = (float)(random.NextDouble() * 2 - 1) * MathF.Pow(10, random.Next(-8, 8));
        }
        return model;
    }

    private static float Parse(string text) => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void Projector_Files_Read_Back_To_The_Same_Vectors_And_Clean_Names()
    {
        using var folder = new TempFolder();
        var model = Model(3);
        var output = Path.Combine(folder.Path, "projector");
        ProjectorExport.Write(output, Colours, model, force: false);

        var vectors = File.ReadAllText(Path.Combine(output, "vectors.tsv")).Split('\n');
        Assert.Equal(Colours.Count + 1, vectors.Length);
        Assert.Equal("", vectors[^1]);
        for (var i = 0; i < Colours.Count; i++)
        {
            var values = vectors[i].Split('\t').Select(Parse).ToArray();
            Assert.Equal(model.Row(i).ToArray(), values);
        }

        var metadata = File.ReadAllText(Path.Combine(output, "metadata.tsv")).Split('\n');
        Assert.Equal(["name\thex", "ghost white\t#f8f8ff", "tab here\t#010203", "line break \t#c86400", "ghost white\t#f8f8fe", "red\t#ff0000", ""], metadata);
        Assert.Equal(["projector/metadata.tsv", "projector/vectors.tsv"], folder.FileNames().Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public void Word2Vec_Text_Reads_Back_With_Underscored_Tokens_And_Duplicates_Kept()
    {
        using var folder = new TempFolder();
        var model = Model(4);
        var path = folder.File("colours.vec");
        Word2VecExport.Write(path, Colours, model, force: false);

        var lines = File.ReadAllText(path).Split('\n');
        Assert.Equal($"{Colours.Count} 4", lines[0]);
        Assert.Equal(Colours.Count + 2, lines.Length);
        string[] tokens = ["ghost_white", "tab_here", "line_break_", "ghost_white", "red"];
        for (var i = 0; i < Colours.Count; i++)
        {
            var fields = lines[i + 1].Split(' ');
            Assert.Equal(5, fields.Length);
            Assert.Equal(tokens[i], fields[0]);
            Assert.Equal(model.Row(i).ToArray(), fields[1..].Select(Parse).ToArray());
        }
        Assert.Equal("_", Word2VecExport.Token(""));
    }

    [Fact]
    public void An_Existing_Word2Vec_File_Is_Left_Unchanged_Unless_Forced()
    {
        using var folder = new TempFolder();
        var path = folder.Write("colours.vec", "precious");
        var error = Assert.Throws<InputException>(() => Word2VecExport.Write(path, Colours, Model(2), force: false));
        Assert.Equal($"{path}: already exists; pass --force to replace it", error.Message);
        Assert.Equal("precious", File.ReadAllText(path));
        Assert.Equal(["colours.vec"], folder.FileNames());

        Word2VecExport.Write(path, Colours, Model(2), force: true);
        Assert.StartsWith($"{Colours.Count} 2\n", File.ReadAllText(path));
        Assert.Equal(["colours.vec"], folder.FileNames());
    }

    [Fact]
    public void Projector_Export_Writes_Neither_File_When_One_Already_Exists()
    {
        using var folder = new TempFolder();
        var metadata = folder.Write("metadata.tsv", "mine");
        var error = Assert.Throws<InputException>(() => ProjectorExport.Write(folder.Path, Colours, Model(2), force: false));
        Assert.Equal($"{metadata}: already exists; pass --force to replace it", error.Message);
        Assert.Equal("mine", File.ReadAllText(metadata));
        Assert.Equal(["metadata.tsv"], folder.FileNames());

        ProjectorExport.Write(folder.Path, Colours, Model(2), force: true);
        Assert.StartsWith("name\thex\n", File.ReadAllText(metadata));
        Assert.Equal(["metadata.tsv", "vectors.tsv"], folder.FileNames());
    }

    [Fact]
    public void A_Model_For_Another_Table_Is_Refused()
    {
        using var folder = new TempFolder();
        var model = new EmbeddingModel(2, 2, DistanceWeightForm.NegativeSoftplus);
        Assert.Throws<ArgumentException>(() => Word2VecExport.Write(folder.File("x.vec"), Colours, model, force: false));
        Assert.Empty(folder.FileNames());
    }
}

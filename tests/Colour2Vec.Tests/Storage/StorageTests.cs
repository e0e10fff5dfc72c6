using Colour2Vec.Colours;
using Colour2Vec.Pairs;
using Colour2Vec.Storage;
using Colour2Vec.Training;

namespace Colour2Vec.Tests.Storage;

public sealed class StorageTests
{
    private static readonly ColourTable Colours = ColourTableReader.Parse(
        "name,r,g,b\nblack,0,0,0\nwhite,255,255,255\n\"grey, mid\",128,128,128\nred,255,0,0\n", "t");

    private static TrainingResult TrainTiny(int epochs = 4)
    {
        var training = SimilarityPairSampler.SampleTraining(Colours, 300, seed: 2);
        return Trainer.Train(Colours.Count, training, null, new TrainingOptions { Epochs = epochs, Dims = 3 });
    }

    [Fact]
    public void Snapshots_Round_Trip_Through_The_File()
    {
        using var folder = new TempFolder();
        var result = TrainTiny();
        using (var stream = File.Create(folder.File("s.bin")))
        {
            SnapshotFile.Write(stream, result.Snapshots);
        }
        var read = SnapshotFile.Read(folder.File("s.bin"));
        Assert.Equal(result.Snapshots.Epochs, read.Epochs);
        Assert.Equal(result.Snapshots.Data.ToArray(), read.Data.ToArray());
        Assert.Equal(20 + 4 * 4 + 4 * 4 * 4 * 3, new FileInfo(folder.File("s.bin")).Length);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-7)]
    public void A_Truncated_Snapshots_File_Is_Reported(int cut)
    {
        using var folder = new TempFolder();
        using (var stream = File.Create(folder.File("s.bin")))
        {
            SnapshotFile.Write(stream, TrainTiny().Snapshots);
        }
        var bytes = File.ReadAllBytes(folder.File("s.bin"));
        File.WriteAllBytes(folder.File("s.bin"), bytes[..^(-cut)]);
        var error = Assert.Throws<InputException>(() => SnapshotFile.Read(folder.File("s.bin")));
        Assert.Contains("truncated or corrupt", error.Message);
    }

    [Fact]
    public void A_File_That_Is_Not_Snapshots_Is_Reported()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<InputException>(() => SnapshotFile.Read(folder.Write("s.bin", "hello, world, this is text")));
        Assert.Contains("not a Colour2Vec snapshots file", error.Message);
    }

    [Fact]
    public void A_Saved_Model_Reloads_And_Continues_Training_From_Where_It_Stopped()
    {
        using var folder = new TempFolder();
        var result = TrainTiny();
        using (var stream = File.Create(folder.File(RunFiles.Model)))
        {
            ModelFile.Write(stream, Colours, result);
        }
        var saved = SavedModel.Load(folder.Path);
        Assert.Equal(Colours.Select(c => (c.Name, c.Hex)), saved.Colours.Select(c => (c.Name, c.Hex)));
        Assert.Equal(result.Model.Embedding, saved.Model.Embedding);
        Assert.Equal(result.Model.Weight, saved.Model.Weight);
        Assert.Equal(result.Adam.Step, saved.Adam.Step);
        Assert.Equal(result.Adam.VelocityEmbedding, saved.Adam.VelocityEmbedding);

        var training = SimilarityPairSampler.SampleTraining(Colours, 300, seed: 2);
        var more = Trainer.Continue(saved.Model, saved.Adam, training, null, saved.Options with { Epochs = 2 });
        Assert.Equal(result.Adam.Step + 2, more.Adam.Step);
    }

    [Fact]
    public void A_Model_Of_Another_Version_Is_Refused()
    {
        using var folder = new TempFolder();
        folder.Write(RunFiles.Model, "{\"format\": \"colour2vec-model\", \"version\": 99}");
        var error = Assert.Throws<InputException>(() => SavedModel.Load(folder.Path));
        Assert.Contains("version 99 is not supported", error.Message);
    }

    [Fact]
    public void Embedding_Csv_Quotes_Names_With_Commas()
    {
        var result = TrainTiny();
        using var text = new StringWriter();
        EmbeddingCsv.Write(text, Colours, result.Model);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,hex,r,g,b,dim1,dim2,dim3", lines[0].TrimEnd('\r'));
        Assert.StartsWith("\"grey, mid\",#808080,128,128,128,", lines[3]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void A_Failed_Staged_Write_Leaves_Earlier_Files_Untouched_And_No_Temporaries()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", "old");
        using (var output = new StagedOutput(folder.Path))
        {
            output.AddText("a.txt", w => w.Write("new"));
            Assert.Throws<InvalidOperationException>(() => output.AddText("b.txt", _ => throw new InvalidOperationException("boom")));
        }
        Assert.Equal("old", File.ReadAllText(folder.File("a.txt")));
        Assert.Equal(["a.txt"], folder.FileNames());
    }

    [Fact]
    public void An_Output_Folder_With_Results_Is_Refused_Without_Force()
    {
        using var folder = new TempFolder();
        folder.Write(RunFiles.Report, "{}");
        var error = Assert.Throws<InputException>(() => OutputFolder.Prepare(folder.Path, force: false));
        Assert.Contains("already holds results (report.json); pass --force", error.Message);
        Assert.False(OutputFolder.Prepare(folder.Path, force: true));
    }
}

using Colour2Vec.Colours;
using Colour2Vec.Evaluation;
using Colour2Vec.Model;

namespace Colour2Vec.Tests.Evaluation;

public sealed class NeighboursTests
{
    private static readonly ColourTable Table = new(
    [
        Colour.FromBytes("red", 255, 0, 0),
        Colour.FromBytes("Ghost White", 248, 248, 255),
        Colour.FromBytes("dark red", 139, 0, 0),
        Colour.FromBytes("ghost white", 248, 248, 255),
        Colour.FromBytes("blue", 0, 0, 255),
    ], "t");

    /// <summary>A 1-D map: positions 0, 5, 1, 5, −1 (items 1 and 3 coincide; items 2 and 4 are both 1 from item 0).</summary>
    private static EmbeddingModel Line()
    {
        var model = new EmbeddingModel(5, 1, DistanceWeightForm.NegativeSoftplus);
        float[] positions = [0, 5, 1, 5, -1];
        positions.CopyTo(model.Embedding, 0);
        return model;
    }

    [Fact]
    public void Nearest_Lists_The_Closest_Items_First_Without_The_Item_And_Breaks_Ties_By_Index()
    {
        var nearest = Neighbours.Nearest(Line(), 0, 3);
        Assert.Equal([new Neighbour(2, 1), new Neighbour(4, 1), new Neighbour(1, 5)], nearest);
        Assert.Equal([new Neighbour(3, 0), new Neighbour(2, 4), new Neighbour(0, 5)], Neighbours.Nearest(Line(), 1, 3));
    }

    [Fact]
    public void Nearest_Returns_Every_Other_Item_When_K_Exceeds_Them()
    {
        var nearest = Neighbours.Nearest(Line(), 4, 50);
        Assert.Equal([0, 2, 1, 3], nearest.Select(n => n.Index));
        Assert.Empty(Neighbours.Nearest(Line(), 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Neighbours.Nearest(Line(), 5, 1));
    }

    [Fact]
    public void The_Nearest_Table_Colour_By_Rgb_Is_Found()
    {
        Assert.Equal(0, Neighbours.NearestByColour(Table, 240, 20, 10));
        Assert.Equal(2, Neighbours.NearestByColour(Table, 150, 0, 0));
        Assert.Equal(1, Neighbours.NearestByColour(Table, 255, 255, 255)); // ties with item 3: the lower index
    }

    [Fact]
    public void Names_Are_Found_Ignoring_Case_With_Every_Duplicate()
    {
        Assert.Equal([1, 3], Neighbours.FindByName(Table, "GHOST white"));
        Assert.Equal([4], Neighbours.FindByName(Table, "Blue"));
        Assert.Empty(Neighbours.FindByName(Table, "blu"));
    }

    [Fact]
    public void Suggestions_Are_The_Closest_Distinct_Names()
    {
        var suggestions = Neighbours.SuggestNames(Table, "gost whte", 2);
        Assert.Equal(2, suggestions.Count);
        Assert.Equal("Ghost White", suggestions[0]); // "ghost white" is the same name and is not offered twice
        Assert.NotEqual("ghost white", suggestions[1]);
        // "rad" → red 1, blue 4 (three substitutions and an insertion), dark red 6, ghost white more.
        Assert.Equal(["red", "blue", "dark red"], Neighbours.SuggestNames(Table, "Rad", 3));
        Assert.Empty(Neighbours.SuggestNames(Table, "x", 0));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("same", "same", 0)]
    public void Edit_Distance_Counts_Insertions_Deletions_And_Substitutions(string a, string b, int expected)
    {
        Assert.Equal(expected, Neighbours.EditDistance(a, b));
        Assert.Equal(expected, Neighbours.EditDistance(b, a));
    }
}

using Colour2Vec.Colours;
using Colour2Vec.Rendering;
using Colour2Vec.Training;

namespace Colour2Vec.Tests.Rendering;

/// <summary>A small synthetic run: saturated colours spiralling outwards over the epochs.</summary>
internal static class RenderFixtures
{
    public static readonly ColourTable Colours = ColourTableReader.Parse(
        "name,r,g,b\nred,255,0,0\ngreen,0,255,0\nblue,0,0,255\nwhite,255,255,255\nblack,0,0,0\nyellow,255,255,0\n" +
        "magenta,255,0,255\ncyan,0,255,255\norange,255,128,0\nnavy,0,0,128\n", "fixture");

    public static RenderInput Input(int epochs = 30, int dims = 2)
    {
        var snapshots = new SnapshotSeries(Colours.Count, dims, epochs);
        var history = new List<EpochMetrics>();
        var row = new float[Colours.Count * dims];
        for (var e = 1; e <= epochs; e++)
        {
            for (var i = 0; i < Colours.Count; i++)
            {
                var angle = i * 2 * Math.PI / Colours.Count + e * 0.05;
                var radius = 0.05 * e * (1 + i % 3);
                for (var t = 0; t < dims; t++)
                {
                    row[i * dims + t] = (float)(t % 2 == 0 ? radius * Math.Cos(angle + t) : radius * Math.Sin(angle + t));
                }
            }
            snapshots.Add(e, row);
            history.Add(new EpochMetrics(e, epochs, 0.7 - 0.01 * e, 0.2, 0.72 - 0.01 * e, 0.5 + 0.01 * e, 0.01 * e, 0.01f));
        }
        return new RenderInput(Colours, snapshots, history);
    }

    public static RenderOptions Small => new()
    {
        Width = 320,
        Height = 240,
        PictureWidth = 480,
        PictureHeight = 360,
        Frames = 12,
        SearchPath = "",
    };
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Colour2Vec.Model;
using Colour2Vec.Training;

namespace Colour2Vec.Tests.Model;

public sealed partial class LargeBuffersTests
{
    [Fact]
    public void Arrays_Are_Zeroed_And_Of_The_Length_Asked_For_Below_And_Above_The_Advised_Size()
    {
        foreach (var length in new long[] { 0, 1, 1000, LargeBuffers.AdvisedBytes / sizeof(float) - 1, LargeBuffers.AdvisedBytes / sizeof(float),
            3 * LargeBuffers.HugePageBytes / sizeof(float) + 5 })
        {
            var floats = LargeBuffers.Array<float>(length);
            Assert.Equal(length, floats.LongLength);
            Assert.True(floats.AsSpan().IndexOfAnyExcept(0f) < 0);
            if (length > 0)
            {
                floats[^1] = 3f;
                Assert.Equal(3f, floats[^1]);
            }
        }
        var ints = LargeBuffers.Array<int>(2_000_000);
        Assert.Equal(2_000_000, ints.Length);
        Assert.True(ints.AsSpan().IndexOfAnyExcept(0) < 0);
    }

    [Fact]
    public unsafe void A_Large_Array_Is_Resident_Before_It_Is_First_Written_Where_Linux_Commits_At_Once()
    {
        if (!OperatingSystem.IsLinux() || Environment.OSVersion.Version < new Version(5, 14))
        {
            // MADV_POPULATE_WRITE came with Linux 5.14; elsewhere the pages come as they are first written.
            return;
        }
        // 16 MiB: the pages of a fresh large array are not there until written, unless they were committed.
        const int length = 4 << 20;
        var committed = LargeBuffers.Array<float>(length);
        Assert.Equal(1.0, ResidentFraction(committed), precision: 2);
        GC.KeepAlive(committed);
        // The check itself tells the difference: fresh memory of the same size that nothing has written is not
        // resident yet. (A plain array is no control: in a busy test process the heap hands out memory already written.)
        var fresh = NativeMemory.Alloc(length * sizeof(float));
        try
        {
            Assert.True(ResidentFraction((float*)fresh, length) < 0.5, $"fresh memory was {ResidentFraction((float*)fresh, length):P0} resident");
        }
        finally
        {
            NativeMemory.Free(fresh);
        }
    }

    [Fact]
    public void The_Buffers_Training_Fills_Are_Committed_At_Once_On_A_Large_Table()
    {
        if (!OperatingSystem.IsLinux() || Environment.OSVersion.Version < new Version(5, 14))
        {
            return;
        }
        var epoch = new EpochPairs(1_000_000);
        Assert.Equal(1.0, ResidentFraction(epoch.Left), precision: 2);
        Assert.Equal(1.0, ResidentFraction(epoch.Labels), precision: 2);
        var model = new EmbeddingModel(40_000, 16, DistanceWeightForm.Free);
        Assert.Equal(1.0, ResidentFraction(model.Embedding), precision: 2);
        var adam = new AdamState(model);
        Assert.Equal(1.0, ResidentFraction(adam.VelocityEmbedding), precision: 2);
        var snapshots = new SnapshotSeries(40_000, 16, expected: 4);
        snapshots.Add(1, model.Embedding);
        Assert.Equal(1, snapshots.Count);
    }

    [Fact]
    public void Snapshots_Grow_Past_The_Expected_Count_Keeping_Every_Earlier_One()
    {
        var series = new SnapshotSeries(70_000, 8, expected: 1);
        var table = new float[70_000 * 8];
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            Array.Fill(table, epoch);
            series.Add(epoch, table);
        }
        Assert.Equal([1, 2, 3], series.Epochs);
        for (var s = 0; s < 3; s++)
        {
            Assert.True(series[s].IndexOfAnyExcept(s + 1f) < 0);
        }
    }

    /// <summary>The fraction of the array's whole pages that are in memory (mincore).</summary>
    private static unsafe double ResidentFraction<T>(T[] array)
        where T : unmanaged =>
        ResidentFraction((T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);

    private static unsafe double ResidentFraction<T>(T* data, long length)
        where T : unmanaged
    {
        const nuint page = 4096;
        var start = (nuint)data;
        var first = (start + page - 1) & ~(page - 1);
        var end = (start + (nuint)(length * sizeof(T))) & ~(page - 1);
        var pages = (int)((end - first) / page);
        var resident = new byte[pages];
        fixed (byte* vector = resident)
        {
            Assert.Equal(0, Mincore((void*)first, end - first, vector));
        }
        return resident.Count(b => (b & 1) != 0) / (double)pages;
    }

    [LibraryImport("libc", EntryPoint = "mincore")]
    private static unsafe partial int Mincore(void* address, nuint length, byte* vector);
}

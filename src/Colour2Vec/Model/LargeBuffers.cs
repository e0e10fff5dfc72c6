using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Colour2Vec.Model;

/// <summary>
/// Training's large buffers (a 32k table's rows, moments and snapshots, an epoch of two million pairs), with their
/// memory asked for at once instead of page by page as it is first written. On Linux an array of
/// <see cref="AdvisedBytes"/> or more is allocated pinned (it never moves), Linux is asked to back the whole 2 MiB
/// pages inside it with huge pages, and then to commit all of it in one call (<c>MADV_POPULATE_WRITE</c>, Linux 5.14
/// on). Without that, every 4 KiB page faults on its first write, and on a virtual machine a fault is costly: on this
/// project's machine 24 MiB of fresh arrays (an epoch of two million pairs) took 65–71 ms to write for the first time,
/// 5,860 faults; advised and committed first, 11–15 ms in all; in native memory aligned to 2 MiB, all of it on huge
/// pages, 2–6 ms. The first run of the 32k workload took 10,000 such faults after its clock started, about a tenth of
/// its time. Elsewhere, or where Linux refuses the advice, the buffers are plain arrays and blocks, used as they are.
/// The contents are those of <c>new T[n]</c>: zeros.
/// </summary>
internal static unsafe partial class LargeBuffers
{
    /// <summary>A huge page on x86-64 Linux.</summary>
    public const long HugePageBytes = 2 << 20;

    /// <summary>Arrays from this size on are pinned, advised and committed at once; smaller ones are plain arrays.</summary>
    public const long AdvisedBytes = 1 << 20;

    private const int AdviseHugePage = 14;
    private const int AdvisePopulateWrite = 23;
    private const long PageBytes = 4096;

    /// <summary>A zeroed array of <paramref name="length"/> elements, its memory committed at once when it is large.</summary>
    public static T[] Array<T>(long length)
        where T : unmanaged
    {
        var bytes = length * sizeof(T);
        if (bytes < AdvisedBytes || !OperatingSystem.IsLinux())
        {
            return new T[length];
        }
        var array = GC.AllocateArray<T>(checked((int)length), pinned: true);
        Commit(Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)), bytes);
        return array;
    }

    /// <summary>
    /// A block of native memory of <paramref name="bytes"/> aligned to 64 bytes, or to 2 MiB and committed on huge
    /// pages from <see cref="HugePageBytes"/> on (pass a whole number of huge pages there). Its contents are not
    /// cleared; free it with <see cref="NativeMemory.AlignedFree"/>.
    /// </summary>
    public static void* Block(long bytes)
    {
        var large = bytes >= HugePageBytes;
        var block = NativeMemory.AlignedAlloc((nuint)bytes, large ? (nuint)HugePageBytes : 64);
        if (large && OperatingSystem.IsLinux())
        {
            Commit(block, bytes);
        }
        return block;
    }

    /// <summary>
    /// Asks for huge pages over the whole 2 MiB pages in [start, start + bytes), then commits every page the range
    /// touches. Both only advice: a refusal (an older kernel, no transparent huge pages) leaves the range as it was.
    /// The contents are unchanged.
    /// </summary>
    private static void Commit(void* start, long bytes)
    {
        var first = (nuint)start;
        var end = first + (nuint)bytes;
        var hugeFirst = (first + (nuint)HugePageBytes - 1) & ~(nuint)(HugePageBytes - 1);
        var hugeEnd = end & ~(nuint)(HugePageBytes - 1);
        var pageFirst = first & ~(nuint)(PageBytes - 1);
        var pageEnd = (end + (nuint)PageBytes - 1) & ~(nuint)(PageBytes - 1);
        try
        {
            if (hugeEnd > hugeFirst)
            {
                _ = Madvise((void*)hugeFirst, hugeEnd - hugeFirst, AdviseHugePage);
            }
            _ = Madvise((void*)pageFirst, pageEnd - pageFirst, AdvisePopulateWrite);
        }
        catch (Exception failure) when (failure is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library by that name (not glibc or musl): the pages come as they are first written.
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}

using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Colour2Vec.Training;

/// <summary>
/// A reusable barrier for the data-parallel steps: a step is tens of microseconds, so waiters spin first (a
/// release usually comes within a microsecond or two) and only block after a few hundred microseconds, which
/// happens between epochs. <see cref="System.Threading.Barrier"/> costs several times more per phase.
/// <para>
/// Each participant counts its own arrivals on a cache line of its own, with a plain store, and waits until every
/// other participant's count has reached its own. Nothing is read, modified and written across cores: the last to
/// arrive goes straight on, and a waiter sees the arrival as soon as the line reaches its core. (A shared counter
/// decremented atomically, then a generation written under a lock, cost the last to arrive two or three round trips of
/// a cache line between the cores before it could go on, and the waiter another; on the machine this project is
/// measured on, such a round trip took 70–170 ns at times and 400–900 ns at others.)
/// </para>
/// <para>
/// The first tens of microseconds of a wait are a tight loop of single pauses (about 30 ns each here), then
/// <see cref="SpinWait.SpinOnce()"/>'s back-off, then the waiter blocks, looking again every millisecond: an arrival
/// wakes the blocked waiters it sees, and one that went to sleep just as the arrival came finds it within a
/// millisecond.
/// </para>
/// </summary>
internal sealed class StepBarrier
{
    /// <summary>Single pauses before backing off: about 60 µs, longer than any wait within an epoch.</summary>
    private const int TightSpins = 2000;

    private const int SpinsBeforeBlocking = 200;

    private readonly Arrivals[] _arrivals;
    private readonly object _gate = new();
    private int _sleepers;

    public StepBarrier(int participants)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 1);
        _arrivals = new Arrivals[participants];
    }

    /// <summary>
    /// Arrives as <paramref name="participant"/> (0 … participants − 1, each used by one thread only) and waits until
    /// every participant has arrived as often.
    /// </summary>
    public void SignalAndWait(int participant)
    {
        var arrivals = _arrivals;
        var round = arrivals[participant].Count + 1;
        // A release store: what this thread wrote before it is seen by whoever sees the count.
        Volatile.Write(ref arrivals[participant].Count, round);
        if (Volatile.Read(ref _sleepers) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
        if (AllArrived(arrivals, round))
        {
            return;
        }
        for (var k = 0; k < TightSpins; k++)
        {
            if (X86Base.IsSupported)
            {
                X86Base.Pause();
            }
            else
            {
                Thread.SpinWait(1);
            }
            if (AllArrived(arrivals, round))
            {
                return;
            }
        }
        var spinner = default(SpinWait);
        for (var k = 0; k < SpinsBeforeBlocking; k++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (AllArrived(arrivals, round))
            {
                return;
            }
        }
        lock (_gate)
        {
            Interlocked.Increment(ref _sleepers);
            while (!AllArrived(arrivals, round))
            {
                Monitor.Wait(_gate, millisecondsTimeout: 1);
            }
            Interlocked.Decrement(ref _sleepers);
        }
    }

    private static bool AllArrived(Arrivals[] arrivals, long round)
    {
        foreach (ref var arrival in arrivals.AsSpan())
        {
            // An acquire load: what the participant wrote before its arrival is seen after this.
            if (Volatile.Read(ref arrival.Count) < round)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>One participant's arrivals, alone in 128 bytes (a cache line and the one paired with it).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Arrivals
    {
        [FieldOffset(64)]
        public long Count;
    }
}

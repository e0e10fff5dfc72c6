using System.Diagnostics;

namespace Colour2Vec.Bench;

/// <summary>
/// How far apart the machine's cores are right now: two threads hand a counter back and forth through one cache
/// line, and a hand-over and back is a round trip of that line between their cores. On the 2-vCPU machine this
/// project is measured on, it was 70–170 ns at times and 400–900 ns at others (the host moves the virtual CPUs), and
/// two-thread runs followed by a far round trip went at about half the speed of the others (medians of 8.96 against
/// 16.74 M pair-steps/s, 35 runs): every step crosses the cores at two barriers and with every row one thread updates
/// after the other. The scale workload reports it after training, so that each figure says roughly which machine it
/// was taken on (the placement can change during a run).
/// </summary>
public static class CoreRoundTrip
{
    /// <summary>
    /// The median of three rounds of up to <paramref name="handOvers"/> round trips, each round stopped after
    /// <paramref name="roundMilliseconds"/>, in nanoseconds; null with a single processor, where the two threads would
    /// take turns on one core instead. The bound matters on a busy machine: when other threads want the cores too, a
    /// spinning hand-over can wait a whole scheduler time slice for its partner, and two benchmarks run at once each
    /// spent minutes here before the rounds were bounded.
    /// </summary>
    public static double? Nanoseconds(int handOvers = 20_000, int roundMilliseconds = 50)
    {
        if (Environment.ProcessorCount < 2)
        {
            return null;
        }
        var rounds = new double[3];
        for (var r = 0; r < rounds.Length; r++)
        {
            rounds[r] = Round(handOvers, roundMilliseconds);
        }
        Array.Sort(rounds);
        return rounds[1];
    }

    private static double Round(int handOvers, int roundMilliseconds)
    {
        // The counter sits in the middle of 256 bytes, on a cache line nothing else writes; a negative value tells the partner to stop.
        var cells = new long[32];
        const int at = 16;
        var partner = new Thread(() =>
        {
            Volatile.Write(ref cells[at], 1);
            while (true)
            {
                // Even: the partner's turn to answer with the next odd number.
                long value;
                while ((value = Volatile.Read(ref cells[at])) % 2 != 0)
                {
                }
                if (value < 0)
                {
                    return;
                }
                Volatile.Write(ref cells[at], value + 1);
            }
        }) { IsBackground = true, Name = "round trip partner" };
        partner.Start();
        while (Volatile.Read(ref cells[at]) != 1)
        {
        }
        var clock = Stopwatch.StartNew();
        long trips = 0;
        while (trips < handOvers && (trips % 256 != 0 || clock.ElapsedMilliseconds < roundMilliseconds))
        {
            trips++;
            Volatile.Write(ref cells[at], 2 * trips);
            while (Volatile.Read(ref cells[at]) != 2 * trips + 1)
            {
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref cells[at], -2);
        partner.Join();
        return seconds / trips * 1e9;
    }
}

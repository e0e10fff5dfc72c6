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
    /// The median of three rounds of <paramref name="handOvers"/> round trips, in nanoseconds; null with a single
    /// processor, where the two threads would take turns on one core instead.
    /// </summary>
    public static double? Nanoseconds(int handOvers = 20_000)
    {
        if (Environment.ProcessorCount < 2)
        {
            return null;
        }
        var rounds = new double[3];
        for (var r = 0; r < rounds.Length; r++)
        {
            rounds[r] = Round(handOvers);
        }
        Array.Sort(rounds);
        return rounds[1];
    }

    private static double Round(int handOvers)
    {
        // The counter sits in the middle of 256 bytes, on a cache line nothing else writes.
        var cells = new long[32];
        const int at = 16;
        var partner = new Thread(() =>
        {
            Volatile.Write(ref cells[at], 1);
            for (long k = 1; k <= handOvers; k++)
            {
                // Odd: the partner's turn to answer with the next even number.
                while (Volatile.Read(ref cells[at]) != 2 * k)
                {
                }
                Volatile.Write(ref cells[at], 2 * k + 1);
            }
        }) { IsBackground = true, Name = "round trip partner" };
        partner.Start();
        while (Volatile.Read(ref cells[at]) != 1)
        {
        }
        var clock = Stopwatch.StartNew();
        for (long k = 1; k <= handOvers; k++)
        {
            Volatile.Write(ref cells[at], 2 * k);
            while (Volatile.Read(ref cells[at]) != 2 * k + 1)
            {
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        partner.Join();
        return seconds / handOvers * 1e9;
    }
}

using Colour2Vec.Training;

namespace Colour2Vec.Tests.Training;

public sealed class StepBarrierTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void No_Participant_Passes_Until_All_Have_Arrived_And_Each_Sees_What_The_Others_Wrote_Before(int participants)
    {
        const int rounds = 3000;
        var barrier = new StepBarrier(participants);
        var written = new int[participants * 16];
        var failures = new string?[participants];
        var threads = Enumerable.Range(0, participants).Select(p => new Thread(() =>
        {
            for (var round = 1; round <= rounds && failures[p] is null; round++)
            {
                // Plain writes: only the barrier makes them visible to the others.
                written[p * 16] = round;
                barrier.SignalAndWait(p);
                for (var other = 0; other < participants; other++)
                {
                    if (written[other * 16] != round)
                    {
                        failures[p] = $"participant {p} passed round {round} seeing {written[other * 16]} from {other}";
                    }
                }
                barrier.SignalAndWait(p);
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }
        foreach (var thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(20)), "a participant never got through");
        }
        Assert.All(failures, Assert.Null);
    }

    [Fact]
    public void A_Waiter_That_Has_Gone_To_Sleep_Is_Let_Through_When_The_Last_Arrives()
    {
        var barrier = new StepBarrier(2);
        var arrived = 0L;
        var seen = -1L;
        var waiter = new Thread(() =>
        {
            barrier.SignalAndWait(1);
            seen = Volatile.Read(ref arrived);
        });
        waiter.Start();
        // Long enough for the waiter to spin out and block.
        Thread.Sleep(200);
        Assert.True(waiter.IsAlive, "the waiter went through alone");
        Volatile.Write(ref arrived, 1);
        barrier.SignalAndWait(0);
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)), "the sleeping waiter was never let through");
        Assert.Equal(1, seen);
    }
}

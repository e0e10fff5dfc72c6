using Colour2Vec.Training;

namespace Colour2Vec.Tests.Training;

public sealed class EpochPipelineTests
{
    [Fact]
    public void The_Worker_Runs_Jobs_In_Turn_On_A_Background_Thread_Of_Its_Own()
    {
        using var worker = new PipelineWorker();
        var seen = new List<(int Job, string? Thread, bool Background)>();
        for (var job = 0; job < 5; job++)
        {
            var number = job;
            worker.Post(() => seen.Add((number, Thread.CurrentThread.Name, Thread.CurrentThread.IsBackground)));
            worker.Wait();
        }
        Assert.Equal(Enumerable.Range(0, 5), seen.Select(s => s.Job));
        Assert.All(seen, s => Assert.Equal(("Colour2Vec epoch pipeline", true), (s.Thread, s.Background)));
    }

    [Fact]
    public void A_Job_That_Throws_Rethrows_From_Wait_And_The_Worker_Goes_On()
    {
        using var worker = new PipelineWorker();
        worker.Post(() => throw new InvalidOperationException("job failed"));
        Assert.Equal("job failed", Assert.Throws<InvalidOperationException>(worker.Wait).Message);
        var ran = false;
        worker.Post(() => ran = true);
        worker.Wait();
        Assert.True(ran);
    }

    [Fact]
    public void A_Wait_Longer_Than_The_Spin_Blocks_Until_The_Job_Ends()
    {
        using var worker = new PipelineWorker();
        var done = false;
        worker.Post(() =>
        {
            Thread.Sleep(50);
            done = true;
        });
        worker.Wait();
        Assert.True(done);
    }

    [Fact]
    public void The_Side_Work_Runs_Once_On_The_Joining_Thread_When_The_Worker_Is_Still_Filling()
    {
        // The worker fills for 300 ms; the caller joins at once and finds the side work unclaimed.
        var source = new SlowSource(fillMilliseconds: 300);
        using var pipeline = new EpochPipeline(source);
        var runs = new List<int>();
        pipeline.Next(() => runs.Add(Environment.CurrentManagedThreadId));
        pipeline.Join();
        Assert.Equal([Environment.CurrentManagedThreadId], runs);
    }

    [Fact]
    public void The_Side_Work_Runs_Once_On_The_Worker_When_It_Gets_There_First()
    {
        var source = new SlowSource(fillMilliseconds: 0);
        using var pipeline = new EpochPipeline(source);
        using var ran = new ManualResetEventSlim();
        var runs = new List<int>();
        pipeline.Next(() =>
        {
            runs.Add(Environment.CurrentManagedThreadId);
            ran.Set();
        });
        Assert.True(ran.Wait(TimeSpan.FromSeconds(30)));
        pipeline.Join();
        Assert.Single(runs);
        Assert.NotEqual(Environment.CurrentManagedThreadId, runs[0]);
    }

    private sealed class SlowSource(int fillMilliseconds) : IEpochPairSource
    {
        public int Count => 8;

        public void Fill(int epoch, EpochPairs target)
        {
            Thread.Sleep(fillMilliseconds);
            Array.Fill(target.Left, epoch);
        }
    }
}

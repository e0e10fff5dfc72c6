namespace Colour2Vec.Training;

/// <summary>
/// A thread of its own that runs one job at a time for <see cref="EpochPipeline"/>. A job handed to the thread
/// pool took 0.10–0.15 ms to start on this 2-vCPU VM (a parked pool thread has to be woken): on the seed run,
/// whose epochs train in about 0.7 ms, that was 50–75 ms a run. Here both sides spin for about a millisecond
/// before they block on a monitor, so a job posted while the worker is idle starts within microseconds (2–10 ms
/// a run in all), and a trainer that waits for a job about to finish sees it at once. A job's exception is
/// rethrown by <see cref="Wait"/>.
/// </summary>
internal sealed class PipelineWorker : IDisposable
{
    /// <summary>Spins (each about 64 pause instructions) before blocking: roughly a millisecond.</summary>
    private const int SpinsBeforeBlocking = 1000;

    private readonly object _gate = new();
    private readonly Thread _thread;
    private volatile Action? _job;
    private volatile bool _busy;
    private bool _stopping;
    private Exception? _failure;

    public PipelineWorker()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "Colour2Vec epoch pipeline" };
        _thread.Start();
    }

    /// <summary>Starts <paramref name="job"/>; the previous one must have been waited for.</summary>
    public void Post(Action job)
    {
        lock (_gate)
        {
            _failure = null;
            _busy = true;
            _job = job;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits until the job posted last has finished; rethrows what it threw.</summary>
    public void Wait()
    {
        if (!SpinUntil(() => !_busy))
        {
            lock (_gate)
            {
                while (_busy)
                {
                    Monitor.Wait(_gate);
                }
            }
        }
        if (_failure is { } failure)
        {
            _failure = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
    }

    private void Run()
    {
        while (NextJob() is { } job)
        {
            try
            {
                job();
            }
            catch (Exception failure)
            {
                _failure = failure;
            }
            lock (_gate)
            {
                _job = null;
                _busy = false;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The next job, or null once stopping.</summary>
    private Action? NextJob()
    {
        SpinUntil(() => _job is not null);
        lock (_gate)
        {
            while (_job is null && !_stopping)
            {
                Monitor.Wait(_gate);
            }
            return _stopping ? null : _job;
        }
    }

    private static bool SpinUntil(Func<bool> condition)
    {
        for (var k = 0; k < SpinsBeforeBlocking; k++)
        {
            if (condition())
            {
                return true;
            }
            Thread.SpinWait(64);
        }
        return condition();
    }
}

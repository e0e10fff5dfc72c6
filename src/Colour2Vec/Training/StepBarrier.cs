namespace Colour2Vec.Training;

/// <summary>
/// A reusable barrier for the data-parallel steps: a step is tens of microseconds, so waiters spin first (a
/// release usually comes within a microsecond or two) and only block on a monitor after a few hundred
/// microseconds, which happens between epochs. <see cref="System.Threading.Barrier"/> costs several times more
/// per phase.
/// </summary>
internal sealed class StepBarrier(int participants)
{
    private const int SpinsBeforeBlocking = 200;

    private readonly object _gate = new();
    private readonly int _participants = participants;
    private int _remaining = participants;
    private volatile int _generation;

    public void SignalAndWait()
    {
        var generation = _generation;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            lock (_gate)
            {
                _generation = generation + 1;
                Monitor.PulseAll(_gate);
            }
            return;
        }
        var spinner = default(SpinWait);
        for (var k = 0; k < SpinsBeforeBlocking; k++)
        {
            if (_generation != generation)
            {
                return;
            }
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        lock (_gate)
        {
            while (_generation == generation)
            {
                Monitor.Wait(_gate);
            }
        }
    }
}

namespace Colour2Vec.Training;

/// <summary>
/// Runs a pair source one epoch ahead: while epoch e trains, epoch e + 1 is filled on the thread pool into the
/// other of two buffers. Epochs are filled strictly in sequence, so the pairs never depend on timing.
/// </summary>
internal sealed class EpochPipeline : IDisposable
{
    private readonly IEpochPairSource _source;
    private readonly EpochPairs[] _buffers;
    private int _nextEpoch;
    private Task? _filling;

    public EpochPipeline(IEpochPairSource source)
    {
        _source = source;
        _buffers = [new EpochPairs(source.Count), new EpochPairs(source.Count)];
        _filling = Start(_buffers[0]);
    }

    /// <summary>The next epoch's pairs; valid until the call after next.</summary>
    public EpochPairs Next()
    {
        _filling!.GetAwaiter().GetResult();
        var ready = _buffers[(_nextEpoch - 1) & 1];
        _filling = Start(_buffers[_nextEpoch & 1]);
        return ready;
    }

    public void Dispose() => _filling?.GetAwaiter().GetResult();

    private Task Start(EpochPairs target)
    {
        var epoch = _nextEpoch++;
        return Task.Run(() => _source.Fill(epoch, target));
    }
}

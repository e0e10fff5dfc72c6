using System.Runtime.CompilerServices;

namespace Colour2Vec.Training;

/// <summary>
/// Runs a pair source one epoch ahead: while epoch e trains, a worker fills epoch e + 1 into the other of two
/// buffers, then runs whatever the trainer handed it alongside (the held-out evaluation of the epoch before).
/// For an <see cref="IPartitionedEpochSource"/> the worker prepares the epoch, then fills parts; the trainer's
/// thread, once its epoch is done, fills the parts still left instead of waiting. Likewise the side work goes to
/// whichever thread reaches it first: the worker when it is ahead, the trainer's thread when the worker is still
/// filling. So the two threads share the work whichever is faster. Epochs are filled strictly in sequence and a
/// part's content never depends on which thread filled it, so the pairs never depend on timing.
/// <para>
/// When training already takes every core, a worker of its own would only take turns with the training threads
/// (and a step waits for its slowest thread), so the pipeline can instead fill each epoch just before it trains,
/// on the training threads (<see cref="Together"/>), with the side work on the first of them.
/// </para>
/// </summary>
internal sealed class EpochPipeline : IDisposable
{
    private readonly IEpochPairSource _source;
    private readonly IPartitionedEpochSource? _partitioned;
    private readonly EpochPairs[] _buffers;
    private readonly ManualResetEventSlim _prepared = new(false, spinCount: 2000);
    private int _nextEpoch;
    private int _parts;
    private int _claimed;
    private Action? _alongside;
    private int _alongsideClaimed;
    private readonly PipelineWorker? _worker;
    private bool _running;
    private readonly Action<Action<int>>? _together;

    public EpochPipeline(IEpochPairSource source)
    {
        _source = source;
        _partitioned = source as IPartitionedEpochSource;
        _buffers = [new EpochPairs(source.Count), new EpochPairs(source.Count)];
        _worker = new PipelineWorker();
        Start(_buffers[0], alongside: null);
    }

    private EpochPipeline(IPartitionedEpochSource source, Action<Action<int>> together)
    {
        _source = source;
        _partitioned = source;
        _buffers = [new EpochPairs(source.Count)];
        _together = together;
    }

    /// <summary>
    /// A pipeline without a worker: <see cref="Next"/> prepares the epoch on the calling thread, then
    /// <paramref name="together"/> runs a job on every training thread (thread 0 the caller), which fill its parts,
    /// thread 0 doing the side work first.
    /// </summary>
    public static EpochPipeline Together(IPartitionedEpochSource source, Action<Action<int>> together) => new(source, together);

    /// <summary>
    /// The next epoch's pairs, valid until the call after next. <paramref name="alongside"/> runs while the
    /// returned epoch trains, on the worker or, if the worker has not reached it by then, on the thread that calls
    /// <see cref="Join"/> or the next <see cref="Next"/>; it has finished when the next call returns. Filled <see cref="Together"/>,
    /// the pairs are valid until the next call, and <paramref name="alongside"/> has finished when this one returns.
    /// </summary>
    public EpochPairs Next(Action? alongside = null)
    {
        if (_together is not null)
        {
            var target = _buffers[0];
            _parts = _partitioned!.Prepare(_nextEpoch++);
            _claimed = 0;
            _together(thread =>
            {
                if (thread == 0)
                {
                    alongside?.Invoke();
                }
                FillParts(target);
            });
            return target;
        }
        Join();
        var ready = _buffers[(_nextEpoch - 1) & 1];
        Start(_buffers[_nextEpoch & 1], alongside);
        return ready;
    }

    /// <summary>
    /// Waits for the worker, filling the parts it has not started and running the side work if it has not begun
    /// it; afterwards nothing runs in the background.
    /// </summary>
    public void Join()
    {
        if (!_running)
        {
            return;
        }
        _running = false;
        if (_partitioned is not null)
        {
            _prepared.Wait();
            FillParts(_buffers[(_nextEpoch - 1) & 1]);
        }
        RunAlongside();
        _worker!.Wait();
    }

    public void Dispose()
    {
        try
        {
            Join();
        }
        finally
        {
            _worker?.Dispose();
            _prepared.Dispose();
        }
    }

    private void Start(EpochPairs target, Action? alongside)
    {
        var epoch = _nextEpoch++;
        _alongside = alongside;
        _alongsideClaimed = 0;
        _running = true;
        if (_partitioned is null)
        {
            _worker!.Post(() =>
            {
                _source.Fill(epoch, target);
                RunAlongside();
            });
            return;
        }
        _parts = 0;
        _claimed = 0;
        _prepared.Reset();
        _worker!.Post(() =>
        {
            try
            {
                _parts = _partitioned.Prepare(epoch);
            }
            finally
            {
                // Set even on failure, so that the trainer's thread never waits for parts that will not come.
                _prepared.Set();
            }
            FillParts(target);
            RunAlongside();
        });
    }

    /// <summary>Runs the side work unless another thread has claimed it.</summary>
    private void RunAlongside()
    {
        if (Interlocked.Exchange(ref _alongsideClaimed, 1) == 0)
        {
            _alongside?.Invoke();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillParts(EpochPairs target)
    {
        int part;
        while ((part = Interlocked.Increment(ref _claimed) - 1) < Volatile.Read(ref _parts))
        {
            _partitioned!.FillPart(part, target);
        }
    }
}

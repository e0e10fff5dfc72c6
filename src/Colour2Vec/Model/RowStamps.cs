namespace Colour2Vec.Model;

/// <summary>
/// Per row of a table, the stamp of the last sparse step whose batch named it (high half) and the row's slot in that
/// batch (low half), one cache miss a row as a batch is mapped (<see cref="SparseBatch"/>); and the last stamp given.
/// Every step maps one batch and takes one stamp, so the difference of two stamps is the steps between them: how many
/// steps a row missed (<see cref="AdamCatchUp"/>). Only the thread that maps batches touches them.
/// </summary>
internal sealed class RowStamps(int items)
{
    public readonly long[] Entries = new long[items];

    /// <summary>The last stamp given; 0 before the first.</summary>
    public int Current;

    /// <summary>How many times the stamps have started again from 1.</summary>
    public int Generation;

    /// <summary>
    /// The steps row <paramref name="row"/> missed up to the last one, and marks it as named there: after the end of an
    /// epoch's steps, when no batch is mapped ahead.
    /// </summary>
    public int Settle(int row)
    {
        var missed = Current - (int)(Entries[row] >> 32);
        Entries[row] = (long)Current << 32;
        return missed;
    }
}

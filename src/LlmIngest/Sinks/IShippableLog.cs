namespace LlmIngest.Sinks;

/// <summary>What the index shipper needs from the file sink: its file set, how far a file is safely written, and a roll signal.</summary>
internal interface IShippableLog
{
    /// <summary>The files this process writes (taking the directory's lock on first use).</summary>
    LogFileNames Names { get; }

    /// <summary>Raised after the sink closed a file to start the next one (a new day or the size limit).</summary>
    event Action? Rolled;

    /// <summary>
    /// How much of <paramref name="path"/> is written for good: lines of a batch still being written (which a failed
    /// batch cuts off again) are not. <c>Settled</c> is false while a batch may still add to the file.
    /// </summary>
    (long Length, bool Settled) Committed(string path);
}

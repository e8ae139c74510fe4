namespace LlmIngest.Sinks;

/// <summary>
/// Where each file written by the current batch ended before it: how much of a file is written for good while the
/// batch runs (what the index shipper may read), and where a failed batch is cut back to.
/// </summary>
internal sealed class LogBatchStarts
{
    private readonly Lock _gate = new();
    private readonly List<(string Path, long Length)> _starts = [];
    private bool _open;

    /// <summary>The files of the current (or last) batch and their lengths before it.</summary>
    public IReadOnlyList<(string Path, long Length)> Starts => _starts;

    public void Begin()
    {
        lock (_gate)
        {
            _starts.Clear();
            _open = true;
        }
    }

    /// <summary>Records where the batch starts in a file; called before the batch writes there.</summary>
    public void Add(string path, long length)
    {
        lock (_gate)
        {
            _starts.Add((path, length));
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _open = false;
        }
    }

    /// <inheritdoc cref="IShippableLog.Committed"/>
    public (long Length, bool Settled) Committed(string path)
    {
        lock (_gate)
        {
            // Under the gate: a batch records where it starts in a file before it writes there.
            if (_open)
            {
                foreach (var (started, length) in _starts)
                {
                    if (string.Equals(started, path, StringComparison.Ordinal))
                    {
                        return (length, false);
                    }
                }
            }

            try
            {
                return (new FileInfo(path).Length, true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (0, true);
            }
        }
    }
}

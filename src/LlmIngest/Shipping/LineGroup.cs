namespace LlmIngest.Shipping;

/// <summary>The lines of one tenant and UTC hour within a cut, in file order.</summary>
internal sealed class LineGroup(string tenantId, DateTime hourUtc)
{
    public string TenantId { get; } = tenantId;

    public DateTime HourUtc { get; } = hourUtc;

    /// <summary>The lines, each with its '\n'.</summary>
    public List<ReadOnlyMemory<byte>> Lines { get; } = [];

    public long Bytes { get; private set; }

    public DateTimeOffset FirstTimestamp { get; private set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset LastTimestamp { get; private set; } = DateTimeOffset.MinValue;

    public void Add(ReadOnlyMemory<byte> line, DateTimeOffset timestamp)
    {
        Lines.Add(line);
        Bytes += line.Length;
        if (timestamp < FirstTimestamp)
        {
            FirstTimestamp = timestamp;
        }

        if (timestamp > LastTimestamp)
        {
            LastTimestamp = timestamp;
        }
    }
}

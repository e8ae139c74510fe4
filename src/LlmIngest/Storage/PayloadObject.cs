namespace LlmIngest;

/// <summary>A payload ready to store: the UTF-8 JSON of the redacted trace with its key and hash.</summary>
public sealed class PayloadObject
{
    /// <summary>The object key.</summary>
    public required string Key { get; init; }

    /// <summary>The UTF-8 JSON body.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The SHA-256 of <see cref="Content"/> as lowercase hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The trace id.</summary>
    public required string TraceId { get; init; }

    /// <summary>The span id.</summary>
    public required string SpanId { get; init; }

    /// <summary>The step within the trace.</summary>
    public int Step { get; init; }

    /// <summary>The session id, if any.</summary>
    public string? SessionId { get; init; }

    /// <summary>The requested model, if any.</summary>
    public string? Model { get; init; }

    /// <summary>The retention class (an object tag enforced by bucket lifecycle rules), e.g. <c>default</c> or <c>errors</c>.</summary>
    public string? RetentionClass { get; init; }
}

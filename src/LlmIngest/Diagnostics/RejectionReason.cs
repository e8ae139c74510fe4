namespace LlmIngest.Diagnostics;

/// <summary>Why <c>Record</c> refused a trace as invalid: one reason per field, so a counter says which field to fix.</summary>
internal enum RejectionReason
{
    /// <summary>The trace was null.</summary>
    NullTrace,

    /// <summary>trace_id is not a valid, portable key segment.</summary>
    InvalidTraceId,

    /// <summary>span_id is not a valid, portable key segment.</summary>
    InvalidSpanId,

    /// <summary>parent_span_id is not a valid id.</summary>
    InvalidParentSpanId,

    /// <summary>tenant_id is not a valid, portable key segment.</summary>
    InvalidTenant,

    /// <summary>step is negative.</summary>
    InvalidStep,
}

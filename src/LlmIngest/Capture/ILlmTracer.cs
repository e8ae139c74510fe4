namespace LlmIngest;

/// <summary>
/// Traces LLM calls: opens ambient operations that group calls into one trace, times calls made without
/// <c>IChatClient</c>, and reports the session summary. Registered by <c>AddLlmTraceIngest</c>.
/// </summary>
public interface ILlmTracer
{
    /// <summary>
    /// Opens an operation (an agent run, a request) in the current async flow: calls made until it is disposed share
    /// its trace id, take increasing steps and carry its name as <c>function_name</c> and its session, user, tenant and
    /// tags. Nested operations share the trace and its steps. An operation begun under an <c>Activity</c> adopts its trace.
    /// </summary>
    LlmOperation BeginOperation(string name, string? sessionId = null, string? userId = null, string? tenantId = null, IEnumerable<string>? tags = null);

    /// <summary>Starts timing a call made without <c>IChatClient</c>; complete it with <see cref="LlmCall.Complete"/> or <see cref="LlmCall.Fail"/>.</summary>
    LlmCall StartCall(string model, IEnumerable<LlmMessage>? messages = null);

    /// <summary>Calls, tokens, cost, latency and errors of the calls processed so far in this process.</summary>
    LlmSessionSummary GetSummary();
}

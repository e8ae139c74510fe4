
using LlmIngest.Capture;

namespace LlmIngest;

/// <summary>
/// An HTTP handler that hands the provider's request id (<c>x-request-id</c>, <c>request-id</c>,
/// <c>apim-request-id</c> or <c>x-ms-request-id</c> response header) to the call <c>UseLlmTraceIngest()</c> is recording.
/// Put it in the <see cref="HttpClient"/> the provider's SDK uses: the SDKs keep the raw response out of what their
/// <c>IChatClient</c> returns.
/// </summary>
public sealed class LlmTraceRequestIdHandler : DelegatingHandler
{
    // In the order providers use them: OpenAI, Anthropic, Azure API Management (Azure OpenAI), other Azure services.
    private static readonly string[] HeaderNames = ["x-request-id", "request-id", "apim-request-id", "x-ms-request-id"];

    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> or add it through <c>IHttpClientFactory</c>.</summary>
    public LlmTraceRequestIdHandler() => RequestIdSlot.HandlerInstalled();

    /// <summary>Creates the handler over <paramref name="innerHandler"/>.</summary>
    public LlmTraceRequestIdHandler(HttpMessageHandler innerHandler)
        : base(innerHandler) => RequestIdSlot.HandlerInstalled();

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (RequestIdSlot.InFlow is { } slot)
        {
            foreach (var name in HeaderNames)
            {
                if (response.Headers.TryGetValues(name, out var values))
                {
                    foreach (var value in values)
                    {
                        if (value.Length > 0)
                        {
                            slot.Value = value;
                            return response;
                        }
                    }
                }
            }
        }

        return response;
    }
}

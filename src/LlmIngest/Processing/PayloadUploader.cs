using LlmIngest.Diagnostics;
using LlmIngest.Storage;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Processing;

/// <summary>
/// Stores one prepared payload and marks its line stored; a payload whose ids already hold different content goes next
/// to it under a content-named key the line points to. A failure is counted and logged, never thrown.
/// </summary>
internal sealed class PayloadUploader(IPayloadStore store, IngestCounters counters, ILogger logger, MediaOffloader? media = null)
{
    /// <summary>Stores <paramref name="item"/>'s payload, then releases its slot in <paramref name="slots"/>.</summary>
    public async Task StoreAsync(PreparedTrace item, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var payload = item.Payload!;
        try
        {
            if (item.Media is { } offload)
            {
                // Before the payload, so a payload never names a media object that was not written (or spooled).
                await media!.StoreAsync(offload, payload.Key, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await store.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (PayloadConflictException)
            {
                // Its ids were recorded before with different content: that payload stays, this one goes next to it
                // under its content-named key (a retry of the same content lands on the same key), and the line says so.
                payload = WithKey(payload, PayloadKeys.ForDuplicate(payload.Key, payload.Sha256));
                await store.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
                item.Record.DuplicateOf = item.Record.PayloadKey;
                item.Record.PayloadKey = payload.Key;
                counters.DuplicateId();
                IngestLog.DuplicateIds(logger, payload.TenantId, payload.TraceId, payload.SpanId, payload.Key);
            }

            item.Record.PayloadStored = true;
            counters.PayloadStored(payload.Content.Length);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            counters.PayloadFailed();
            item.StoreError = e.GetType().FullName;
            IngestLog.PayloadWriteFailed(logger, e, payload.Key);
        }
        finally
        {
            slots.Release();
        }
    }

    private static PayloadObject WithKey(PayloadObject payload, string key) => new()
    {
        Key = key,
        Content = payload.Content,
        Sha256 = payload.Sha256,
        TenantId = payload.TenantId,
        TraceId = payload.TraceId,
        SpanId = payload.SpanId,
        Step = payload.Step,
        SessionId = payload.SessionId,
        Model = payload.Model,
        RetentionClass = payload.RetentionClass,
    };
}

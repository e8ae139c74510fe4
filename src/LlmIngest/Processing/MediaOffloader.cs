using System.Security.Cryptography;
using System.Text;
using LlmIngest.Diagnostics;
using LlmIngest.Storage;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Processing;

/// <summary>
/// Takes images, audio and files out of a trace before it is redacted and serialized: captured bytes
/// (<see cref="LlmMediaReference"/>s from <c>DataContent</c>) and base64 data URIs in message text (replaced by a
/// <see cref="MediaMarker"/>) become references named by their SHA-256, and their bytes become <see cref="MediaObject"/>s
/// stored once per tenant (<see cref="StoredMediaSet"/>) before the payload that names them. With
/// <see cref="MediaStorageMode.ReferenceOnly"/>, or a custom store that keeps no media, only the references stay.
/// </summary>
internal sealed class MediaOffloader(IPayloadStore store, MediaOptions options, IngestCounters counters, ILogger logger)
{
    private readonly IMediaStore? _media = options.Mode == MediaStorageMode.Store ? store as IMediaStore : null;

    public StoredMediaSet Stored { get; } = new();

    /// <summary>Replaces the trace's media by references; null when it has none.</summary>
    public MediaOffload? Offload(LlmTrace trace)
    {
        var tenant = trace.TenantId!;
        var found = new Found();
        trace.Messages = Visit(trace.Messages, tenant, found);
        trace.ResponseMessages = Visit(trace.ResponseMessages, tenant, found);
        if (trace.Response is { } response && Extract(response, tenant, found) is { } replaced)
        {
            // The response text has no list of its own: its media go on the last response message (or a new one).
            trace.Response = replaced.Text;
            var messages = new List<LlmMessage>(trace.ResponseMessages ?? []);
            var last = messages.Count > 0 ? messages[^1] : null;
            var media = new List<LlmMediaReference>(last?.Media ?? []);
            foreach (var reference in replaced.Media)
            {
                if (!Contains(media, reference.Sha256))
                {
                    media.Add(reference);
                }
                else
                {
                    found.Count--; // the same image as in the last message's text: one reference
                    found.Bytes -= reference.Length ?? 0;
                }
            }

            var updated = last?.Copy() ?? new LlmMessage { Role = "assistant" };
            updated.Media = media;
            if (last is null)
            {
                messages.Add(updated);
            }
            else
            {
                messages[^1] = updated;
            }

            trace.ResponseMessages = messages;
        }

        return found.Count == 0 ? null : new MediaOffload(found.Objects, found.Count, found.Bytes);
    }

    /// <summary>Stores the objects this process has not stored yet; a failure is logged and counted, never thrown.</summary>
    public async Task StoreAsync(MediaOffload offload, string payloadKey, CancellationToken cancellationToken)
    {
        foreach (var media in offload.Objects)
        {
            if (!Stored.TryClaim(media.TenantId, media.Sha256, out var claim, out var existing))
            {
                // Stored by an earlier call, or being stored by one of this batch: no request, but this payload waits
                // for that write, since it names the object. A failure was logged and counted by the call that wrote.
                counters.Media.AlreadyStored();
                await existing.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var stored = false;
            try
            {
                await _media!.WriteMediaAsync(media, cancellationToken).ConfigureAwait(false);
                counters.Media.Written(media.Content.Length);
                stored = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                counters.Media.WriteFailed();
                MediaLog.WriteFailed(logger, e, media.Sha256, media.MediaType, media.Content.Length, media.TenantId, payloadKey);
            }
            finally
            {
                Stored.Complete(media.TenantId, media.Sha256, claim!, stored);
            }
        }
    }

    /// <summary>The messages with their media completed; a message whose text held data URIs is replaced by a copy (the app's objects are not changed).</summary>
    private IList<LlmMessage>? Visit(IList<LlmMessage>? messages, string tenant, Found found)
    {
        if (messages is null)
        {
            return null;
        }

        List<LlmMessage>? copy = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message is null)
            {
                continue;
            }

            if (message.Media is { } media)
            {
                foreach (var reference in media)
                {
                    if (reference is not null)
                    {
                        Complete(reference, tenant, found);
                    }
                }
            }

            if (message.Content is { } content && Extract(content, tenant, found) is { } replaced)
            {
                var all = new List<LlmMediaReference>(message.Media ?? []);
                all.AddRange(replaced.Media);
                copy ??= [.. messages];
                var changed = message.Copy();
                changed.Content = replaced.Text;
                changed.Media = all;
                copy[i] = changed;
            }
        }

        return copy ?? messages;
    }

    /// <summary>Each large data URI of <paramref name="text"/> replaced by its marker, with the references made; null when none.</summary>
    private (string Text, List<LlmMediaReference> Media)? Extract(string text, string tenant, Found found)
    {
        if (DataUriScanner.Find(text, options.MinDataUriLength) is not { } uris)
        {
            return null;
        }

        var builder = new StringBuilder(text.Length / 8);
        var media = new List<LlmMediaReference>(uris.Count);
        var at = 0;
        foreach (var uri in uris)
        {
            var reference = new LlmMediaReference { MediaType = uri.MediaType, Length = uri.Bytes.Length, Data = uri.Bytes };
            Complete(reference, tenant, found);
            media.Add(reference);
            builder.Append(text, at, uri.Start - at).Append(MediaMarker.For(uri.MediaType, uri.Bytes.Length, reference.Sha256!));
            at = uri.Start + uri.Length;
        }

        builder.Append(text, at, text.Length - at);
        return (builder.ToString(), media);
    }

    /// <summary>Hashes a reference's captured bytes, says where they go and queues them once per trace.</summary>
    private void Complete(LlmMediaReference reference, string tenant, Found found)
    {
        found.Count++;
        if (reference.Data is not { } data)
        {
            found.Bytes += reference.Length ?? 0;
            return; // a URL, or a reference the app made itself
        }

        reference.Data = null;
        reference.Length = data.Length;
        reference.Sha256 = Convert.ToHexStringLower(SHA256.HashData(data.Span));
        reference.MediaType ??= "application/octet-stream";
        found.Bytes += data.Length;
        if (_media is null)
        {
            return;
        }

        reference.Uri = _media.GetMediaUri(tenant, reference.Sha256);
        reference.Stored = true;
        if (found.Hashes.Add(reference.Sha256))
        {
            found.Objects.Add(new MediaObject
            {
                TenantId = tenant,
                Sha256 = reference.Sha256,
                MediaType = reference.MediaType,
                Content = data,
                RetentionClass = options.RetentionClass,
            });
        }
    }

    private static bool Contains(IList<LlmMediaReference> media, string? sha256)
    {
        foreach (var reference in media)
        {
            if (reference is not null && string.Equals(reference.Sha256, sha256, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Found
    {
        public List<MediaObject> Objects { get; } = [];

        public HashSet<string> Hashes { get; } = new(StringComparer.Ordinal);

        public int Count { get; set; }

        public long Bytes { get; set; }
    }
}

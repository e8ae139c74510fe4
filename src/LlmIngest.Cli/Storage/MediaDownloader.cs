using System.Globalization;
using LlmIngest.Cli.Output;

namespace LlmIngest.Cli.Storage;

/// <summary>
/// <c>llmtrace get --out</c>: writes each stored media object a trace's messages reference as
/// <c>{folder}/{sha256}.{ext}</c>, once however many calls reference it, after checking that its bytes hash to the
/// SHA-256 they are named by.
/// </summary>
internal sealed class MediaDownloader(PayloadStoreConnection connection, string tenant, string folder, TextWriter error)
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    public int Written { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Media objects whose bytes did not hash to their name (counted in <see cref="Failed"/> too).</summary>
    public int Tampered { get; private set; }

    public async Task WriteAsync(LlmTrace trace, CancellationToken cancellationToken)
    {
        foreach (var messages in new[] { trace.Messages, trace.ResponseMessages })
        {
            foreach (var message in messages ?? [])
            {
                foreach (var media in message?.Media ?? [])
                {
                    if (media is { Stored: true, Sha256: { } sha256 } && _written.Add(sha256))
                    {
                        await WriteOneAsync(media, sha256, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private async Task WriteOneAsync(LlmMediaReference media, string sha256, CancellationToken cancellationToken)
    {
        StoredPayload? stored;
        try
        {
            stored = await connection.CallAsync(ct => connection.Reader.ReadMediaAsync(tenant, sha256, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            Failed++;
            await error.WriteLineAsync($"llmtrace: media {sha256} not fetched: {e.Message}").ConfigureAwait(false);
            return;
        }

        if (stored is null)
        {
            Failed++;
            await error.WriteLineAsync($"llmtrace: media {sha256} ({media.MediaType}) is not in the store (expired, or its write failed).").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(stored.Sha256, sha256, StringComparison.Ordinal) || !stored.IsIntact)
        {
            Failed++;
            Tampered++;
            await error.WriteLineAsync($"llmtrace: INTEGRITY FAILURE: media object {stored.Key} hashes to {stored.Sha256}, not the {sha256} it is named by; not written.").ConfigureAwait(false);
            return;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, MediaFileNames.For(sha256, media.MediaType));
        await File.WriteAllBytesAsync(path, stored.Content, cancellationToken).ConfigureAwait(false);
        Written++;
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"llmtrace: wrote media {path} ({stored.Content.Length} bytes, sha256 verified)")).ConfigureAwait(false);
    }
}

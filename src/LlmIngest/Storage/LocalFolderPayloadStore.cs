namespace LlmIngest.Storage;

/// <summary>
/// Stores payloads as files under a local folder with the same key layout as S3. Each file is written to a
/// temporary name and moved into place without overwriting (create-only: on Unix a hard link, which fails when the name
/// exists), so a reader never sees a half-written payload and a key never changes content: writing the same bytes again
/// succeeds (a retry), different bytes throw <see cref="PayloadConflictException"/>, whichever writer came first.
/// Key segments with upper-case letters are encoded in file names (<see cref="PortablePath"/>), so ids that differ only in
/// case stay apart on Windows and macOS.
/// </summary>
internal sealed class LocalFolderPayloadStore : IPayloadStore, IPayloadReader, IPayloadLocator, IMediaStore
{
    private readonly string _root;
    private readonly string _rootUri;
    private readonly string? _readTenant;

    public LocalFolderPayloadStore(LocalStorageOptions options, string? readTenant = null)
    {
        _root = Path.GetFullPath(options.Directory);
        _rootUri = new Uri(Path.TrimEndingDirectorySeparator(_root) + Path.DirectorySeparatorChar).AbsoluteUri;
        _readTenant = readTenant;
    }

    public string Description => _root;

    public bool RecordsSha256 => false;

    public string GetKey(string tenantId, string traceId, string spanId) => PayloadKeys.ForPayload(string.Empty, tenantId, traceId, spanId);

    /// <summary>The <c>file://</c> URI of the file that holds <paramref name="key"/>.</summary>
    /// <remarks>
    /// Built from the root's URI (made once) and the escaped file-name segments: it runs on the caller's thread for an
    /// adopted MEAI span, where a <see cref="Uri"/> per call cost about a microsecond.
    /// </remarks>
    public string UriOf(string key)
    {
        var segments = key.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Uri.EscapeDataString(PortablePath.Encode(segments[i]));
        }

        return string.Concat(_rootUri, string.Join('/', segments));
    }

    public Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken) =>
        WriteFileAsync(payload.Key, payload.Content, cancellationToken);

    public string GetMediaUri(string tenantId, string sha256) => UriOf(MediaKeys.ForMedia(string.Empty, tenantId, sha256));

    public Task WriteMediaAsync(MediaObject media, CancellationToken cancellationToken) =>
        WriteFileAsync(MediaKeys.ForMedia(string.Empty, media.TenantId, media.Sha256), media.Content, cancellationToken);

    public async Task<StoredPayload?> ReadMediaAsync(string tenantId, string sha256, CancellationToken cancellationToken)
    {
        TenantScope.EnsureReadable(_readTenant, tenantId);
        var key = MediaKeys.ForMedia(string.Empty, tenantId, sha256);
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        // The file name is the SHA-256 it was written under: what a read is checked against.
        return new StoredPayload(key, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), sha256);
    }

    private async Task WriteFileAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            await EnsureSameContentAsync(path, key, content, cancellationToken).ConfigureAwait(false);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, content, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another writer took the name between the check and the move.
            File.Delete(temp);
            await EnsureSameContentAsync(path, key, content, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static async Task EnsureSameContentAsync(string path, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var existing = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        if (!existing.AsSpan().SequenceEqual(content.Span))
        {
            throw new PayloadConflictException(key);
        }
    }

    public async Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken)
    {
        TenantScope.EnsureReadable(_readTenant, tenantId);
        var folderKey = PayloadKeys.ForTrace(string.Empty, tenantId, traceId);
        var folder = PathOf(folderKey);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var payloads = new List<StoredPayload>();
        foreach (var file in Directory.EnumerateFiles(folder, "*" + PayloadKeys.Extension))
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            payloads.Add(new StoredPayload(folderKey + PortablePath.Decode(Path.GetFileName(file)), bytes));
        }

        return PayloadOrder.ByStep(payloads);
    }

    public async Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken)
    {
        TenantScope.EnsureReadable(_readTenant, tenantId);
        var key = GetKey(tenantId, traceId, spanId);
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        return new StoredPayload(key, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
    }

    public Task<IReadOnlyList<string>> ListSpanIdsAsync(string tenantId, string traceId, CancellationToken cancellationToken)
    {
        TenantScope.EnsureReadable(_readTenant, tenantId);
        var folder = PathOf(PayloadKeys.ForTrace(string.Empty, tenantId, traceId));
        var spans = new List<string>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*" + PayloadKeys.Extension))
            {
                spans.Add(PortablePath.Decode(Path.GetFileNameWithoutExtension(file)));
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(spans);
    }

    /// <summary>The file of a key: each segment encoded by <see cref="PortablePath"/>, so ids differing in case never share a file.</summary>
    private string PathOf(string key)
    {
        var segments = key.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = PortablePath.Encode(segments[i]);
        }

        return Path.Combine(_root, string.Join(Path.DirectorySeparatorChar, segments));
    }
}

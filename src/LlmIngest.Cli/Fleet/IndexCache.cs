using System.Globalization;
using System.Text;

namespace LlmIngest.Cli.Fleet;

/// <summary>
/// Where downloaded index segments and their summaries are kept between runs: <c>--cache DIR</c>, else
/// <c>$LLMTRACE_CACHE</c>, else <c>$XDG_CACHE_HOME/llmtrace/index</c>, else <c>~/.cache/llmtrace/index</c>. Files sit
/// under the store and the segment's partitions, named <c>{instance}-{seq}@{etag}</c>, so an object that changed in the
/// bucket (another ETag) is downloaded again and never mistaken for the cached copy.
/// </summary>
internal sealed class IndexCache
{
    public const string SegmentExtension = ".jsonl";
    public const string SummaryExtension = ".ids";

    private readonly string _store;

    public IndexCache(string root, string store)
    {
        Root = Path.GetFullPath(root);
        _store = store;
    }

    /// <summary>The cache folder itself.</summary>
    public string Root { get; }

    /// <summary>The folder the cache uses: the flag, then the environment (see the class summary).</summary>
    public static string ResolveRoot(string? flag, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(flag))
        {
            return flag;
        }

        if (environment("LLMTRACE_CACHE") is { Length: > 0 } explicitFolder)
        {
            return explicitFolder;
        }

        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg)
        {
            return Path.Combine(xdg, "llmtrace", "index");
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "llmtrace", "index");
    }

    /// <summary>A folder name for one store (endpoint, bucket, prefix): two buckets never share cached files.</summary>
    public static string StoreFolder(string? serviceUrl, string bucket, string prefix)
    {
        var host = Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ? uri.Authority : "aws";
        var trimmed = prefix.Trim('/');
        return Path.Combine(Safe(host), Safe(bucket), trimmed.Length == 0 ? "_" : Safe(trimmed));
    }

    /// <summary>The file name of a cached segment or summary: <c>{instance}-{seq:D10}@{etag}{extension}</c>.</summary>
    public static string FileName(string instance, long sequence, string eTag, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{instance}-{sequence:D10}@{Safe(eTag.Trim('"'))}{extension}");

    public string SegmentPath(LlmTraceIndexSegment segment) => PathOf(segment, SegmentExtension);

    public string SummaryPath(LlmTraceIndexSegment segment) => PathOf(segment, SummaryExtension);

    /// <summary>Writes a file of the cache atomically (a reader never sees half of it) and removes the object's older versions.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.part");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        var name = Path.GetFileName(path);
        var stem = name[..(name.IndexOf('@', StringComparison.Ordinal) + 1)];
        foreach (var older in Directory.EnumerateFiles(folder, stem + "*" + Path.GetExtension(path)))
        {
            if (!string.Equals(Path.GetFileName(older), name, StringComparison.Ordinal))
            {
                File.Delete(older);
            }
        }
    }

    private string PathOf(LlmTraceIndexSegment segment, string extension)
    {
        var hour = segment.Hour.UtcDateTime;
        return Path.Combine(
            Root,
            _store,
            "tenant=" + segment.TenantId,
            "dt=" + hour.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "hour=" + hour.ToString("HH", CultureInfo.InvariantCulture),
            FileName(segment.Instance, segment.Sequence, segment.ETag, extension));
    }

    private static string Safe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return safe.Length == 0 ? "_" : safe.ToString();
    }
}

using LlmIngest.Capture;

namespace LlmIngest.Storage;

/// <summary>
/// The key layout of media objects: <c>[{prefix}/]{tenant}/_media/{sha256}</c>. A trace id never starts with '_', so no
/// trace's listing reaches them, and a tenant's media stay under its own prefix (what a tenant reader policy grants).
/// </summary>
internal static class MediaKeys
{
    public const string Folder = "_media";

    public static string ForMedia(string prefix, string tenantId, string sha256)
    {
        if (!TraceIdentifiers.IsValid(tenantId, 64))
        {
            throw new ArgumentException($"'{tenantId}' is not a valid tenant id: 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit.", nameof(tenantId));
        }

        if (!IsSha256(sha256))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256: 64 lowercase hex characters.", nameof(sha256));
        }

        var normalized = prefix.Trim('/');
        return normalized.Length == 0 ? $"{tenantId}/{Folder}/{sha256}" : $"{normalized}/{tenantId}/{Folder}/{sha256}";
    }

    /// <summary>True for 64 lowercase hex characters.</summary>
    public static bool IsSha256(string? text)
    {
        if (text is null || text.Length != 64)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a key inside a <c>_media/</c> folder, whatever the prefix.</summary>
    public static bool IsMediaKey(string key) =>
        key.StartsWith($"{Folder}/", StringComparison.Ordinal) || key.Contains($"/{Folder}/", StringComparison.Ordinal);
}

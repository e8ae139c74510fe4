using System.Collections.Concurrent;

namespace LlmIngest.Processing;

/// <summary>
/// The media objects this process has stored, by tenant and SHA-256, so an image sent again costs no request at all.
/// Bounded: when full it starts over (a forgotten object is PUT again, and the create-only PUT of the same bytes is
/// success). After a restart the same holds: the set is an optimization, the key is what deduplicates.
/// </summary>
internal sealed class StoredMediaSet(int capacity = 65_536)
{
    private readonly ConcurrentDictionary<string, byte> _stored = new(StringComparer.Ordinal);

    public int Count => _stored.Count;

    public bool Contains(string tenantId, string sha256) => _stored.ContainsKey(Key(tenantId, sha256));

    public void Add(string tenantId, string sha256)
    {
        if (_stored.Count >= capacity)
        {
            _stored.Clear();
        }

        _stored.TryAdd(Key(tenantId, sha256), 0);
    }

    private static string Key(string tenantId, string sha256) => string.Concat(tenantId, "/", sha256);
}

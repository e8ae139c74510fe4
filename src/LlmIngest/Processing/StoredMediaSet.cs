using System.Collections.Concurrent;

namespace LlmIngest.Processing;

/// <summary>
/// The media objects this process has stored or is storing, by tenant and SHA-256, so an image sent again costs no
/// request at all, and calls of one batch that send the same image make one write that each of them waits for (its
/// payload must not be written before the media it names). Bounded: when full it starts over (a forgotten object is PUT
/// again, and the create-only PUT of the same bytes is success). After a restart the same holds: the set is an
/// optimization, the key is what deduplicates.
/// </summary>
internal sealed class StoredMediaSet(int capacity = 65_536)
{
    private readonly ConcurrentDictionary<string, Task<bool>> _writes = new(StringComparer.Ordinal);

    public int Count => _writes.Count;

    public bool Contains(string tenantId, string sha256) => _writes.ContainsKey(Key(tenantId, sha256));

    /// <summary>
    /// Claims the write of an object: true with a <paramref name="claim"/> to complete (true once stored, false when the
    /// write failed, which also forgets the claim so a later call tries again); false with the
    /// <paramref name="existing"/> write of another call, stored or in flight.
    /// </summary>
    public bool TryClaim(string tenantId, string sha256, out TaskCompletionSource<bool>? claim, out Task<bool> existing)
    {
        if (_writes.Count >= capacity)
        {
            _writes.Clear();
        }

        var mine = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        existing = _writes.GetOrAdd(Key(tenantId, sha256), mine.Task);
        claim = ReferenceEquals(existing, mine.Task) ? mine : null;
        return claim is not null;
    }

    /// <summary>Ends a claimed write: stored, or failed (forgotten, so the next call writes again).</summary>
    public void Complete(string tenantId, string sha256, TaskCompletionSource<bool> claim, bool stored)
    {
        if (!stored)
        {
            _writes.TryRemove(new KeyValuePair<string, Task<bool>>(Key(tenantId, sha256), claim.Task));
        }

        claim.SetResult(stored);
    }

    /// <summary>Marks an object stored (tests, and a write done elsewhere).</summary>
    public void Add(string tenantId, string sha256)
    {
        if (TryClaim(tenantId, sha256, out var claim, out _))
        {
            Complete(tenantId, sha256, claim!, stored: true);
        }
    }

    private static string Key(string tenantId, string sha256) => string.Concat(tenantId, "/", sha256);
}

using LlmIngest.Cli.Fleet;

namespace LlmIngest.Tests.Cli;

public sealed class IndexCacheTests
{
    [Fact]
    public void The_flag_wins_then_LLMTRACE_CACHE_then_XDG_then_home()
    {
        var env = new Dictionary<string, string?> { ["LLMTRACE_CACHE"] = "/c1", ["XDG_CACHE_HOME"] = "/xdg", ["HOME"] = "/home/me" };

        Assert.Equal("/flag", IndexCache.ResolveRoot("/flag", k => env.GetValueOrDefault(k)));
        Assert.Equal("/c1", IndexCache.ResolveRoot(null, k => env.GetValueOrDefault(k)));
        env.Remove("LLMTRACE_CACHE");
        Assert.Equal(Path.Combine("/xdg", "llmtrace", "index"), IndexCache.ResolveRoot(null, k => env.GetValueOrDefault(k)));
        env.Remove("XDG_CACHE_HOME");
        Assert.Equal(Path.Combine("/home/me", ".cache", "llmtrace", "index"), IndexCache.ResolveRoot(" ", k => env.GetValueOrDefault(k)));
    }

    [Fact]
    public void A_cached_file_is_named_by_instance_sequence_and_etag()
    {
        Assert.Equal("pod-1-0000000042@0a1b2c.jsonl", IndexCache.FileName("pod-1", 42, "\"0a1b2c\"", IndexCache.SegmentExtension));
        Assert.Equal("pod-1-0000000042@0a1b2c-3.ids", IndexCache.FileName("pod-1", 42, "\"0a1b2c-3\"", IndexCache.SummaryExtension));
        Assert.NotEqual(IndexCache.FileName("pod-1", 42, "\"a\"", ".jsonl"), IndexCache.FileName("pod-1", 42, "\"b\"", ".jsonl"));
    }

    [Fact]
    public void Each_store_has_its_own_folder()
    {
        var a = IndexCache.StoreFolder("http://127.0.0.1:7480", "bucket-a", "traces/");
        var b = IndexCache.StoreFolder("http://127.0.0.1:7480", "bucket-b", "traces");
        var aws = IndexCache.StoreFolder(null, "bucket-a", "");

        Assert.Equal(Path.Combine("127.0.0.1_7480", "bucket-a", "traces"), a);
        Assert.NotEqual(a, b);
        Assert.Equal(Path.Combine("aws", "bucket-a", "_"), aws);
    }

    [Fact]
    public async Task Writing_a_new_version_of_an_object_removes_the_old_one()
    {
        var folder = Path.Combine(Path.GetTempPath(), "llmtrace-cache-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var old = Path.Combine(folder, IndexCache.FileName("pod-1", 1, "\"aaa\"", ".jsonl"));
            var other = Path.Combine(folder, IndexCache.FileName("pod-1", 2, "\"aaa\"", ".jsonl"));
            await IndexCache.WriteAsync(old, (s, ct) => s.WriteAsync("old\n"u8.ToArray(), ct).AsTask(), default);
            await IndexCache.WriteAsync(other, (s, ct) => s.WriteAsync("other\n"u8.ToArray(), ct).AsTask(), default);

            var fresh = Path.Combine(folder, IndexCache.FileName("pod-1", 1, "\"bbb\"", ".jsonl"));
            await IndexCache.WriteAsync(fresh, (s, ct) => s.WriteAsync("new\n"u8.ToArray(), ct).AsTask(), default);

            Assert.Equal(["pod-1-0000000001@bbb.jsonl", "pod-1-0000000002@aaa.jsonl"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal("new\n", await File.ReadAllTextAsync(fresh));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

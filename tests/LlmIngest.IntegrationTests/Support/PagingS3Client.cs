using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// An <see cref="IAmazonS3"/> that forwards everything to a real client but caps every ListObjectsV2 page, so
/// continuation-token paging is exercised against the real server with a few dozen objects instead of thousands.
/// </summary>
public class PagingS3Client : DispatchProxy
{
    private IAmazonS3? _inner;
    private int _pageSize;
    private int _listCalls;

    /// <summary>The ListObjectsV2 requests sent so far.</summary>
    public int ListCalls => Volatile.Read(ref _listCalls);

    /// <summary>This proxy as the client to hand to the code under test.</summary>
    public IAmazonS3 Client => (IAmazonS3)(object)this;

    public static PagingS3Client Wrap(IAmazonS3 inner, int pageSize)
    {
        var proxy = (PagingS3Client)(object)Create<IAmazonS3, PagingS3Client>();
        proxy._inner = inner;
        proxy._pageSize = pageSize;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAmazonS3.ListObjectsV2Async) && args is [ListObjectsV2Request request, ..])
        {
            request.MaxKeys = _pageSize;
            Interlocked.Increment(ref _listCalls);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}

using System.Threading.Channels;

namespace LlmIngest.Benchmarks;

/// <summary>Empties a channel on its own thread during a benchmark, so the writer never meets a full queue.</summary>
internal static class QueueDrain
{
    public static void Run<T>(ChannelReader<T> reader, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var any = false;
            while (reader.TryRead(out _))
            {
                any = true;
            }

            if (!any)
            {
                Thread.Sleep(1);
            }
        }
    }
}

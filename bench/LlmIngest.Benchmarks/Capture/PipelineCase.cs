using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Benchmarks.Capture;

/// <summary>
/// One chat pipeline of <see cref="SpanOverheadBenchmarks"/>: its column name, how the app registers services, how it
/// builds the chat pipeline, and how many spans one call must create (checked in setup, so a figure is never of a
/// pipeline that traced more or less than its name says).
/// </summary>
internal sealed record PipelineCase(string Name, Action<IServiceCollection>? Services, Func<ChatClientBuilder, ChatClientBuilder> Build, int SpansPerCall);

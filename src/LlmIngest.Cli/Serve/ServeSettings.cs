using System.Net;

namespace LlmIngest.Cli.Serve;

/// <summary>
/// How <c>llmtrace serve</c> listens: the address (loopback unless <c>--bind</c> says otherwise), the port (0 = any free
/// one), the access token every request must carry (required off loopback), the tenant the viewer is confined to, and
/// the tenant a trace is read under when its index lines do not say.
/// </summary>
internal sealed record ServeSettings(IPAddress Address, int Port, string? Token, string? ConfinedTenant, string FallbackTenant, bool Open);

using System.ComponentModel;
using System.Text.RegularExpressions;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// Drives <c>tests/s3server/ceph-rgw.sh</c>: starts (or reuses) the one-node Ceph radosgw and reads the
/// <c>export LLMINGEST_TEST_S3_*=...</c> lines it prints on stdout.
/// </summary>
internal sealed partial class CephRadosGateway
{
    // Building a cluster takes ~3-17 s; installing the Debian packages first ~25 s; the script's own budget is 90 s.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    private readonly string _script;

    private CephRadosGateway(string script, S3Endpoint endpoint, bool startedHere, string log)
    {
        _script = script;
        Endpoint = endpoint;
        StartedHere = startedHere;
        StartLog = log;
    }

    public S3Endpoint Endpoint { get; }

    /// <summary>False when the script found a cluster already running and reused it: someone else owns it.</summary>
    public bool StartedHere { get; }

    public string StartLog { get; }

    public static string ScriptPath => Path.Combine(RepositoryRoot.Find(), "tests", "s3server", "ceph-rgw.sh");

    public static async Task<CephRadosGateway> StartAsync()
    {
        var script = ScriptPath;
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"{script} is missing.", script);
        }

        CommandResult result;
        try
        {
            result = await ExternalCommand.RunAsync("bash", [script, "start"], StartTimeout);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"could not run bash {script} start: {e.Message}", e);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{script} start exited with {result.ExitCode}:\n{result.ErrorTail()}");
        }

        var exports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match line in ExportLine().Matches(result.StandardOutput))
        {
            exports[line.Groups["name"].Value] = Unquote(line.Groups["value"].Value.TrimEnd('\r'));
        }

        string Required(string name) => exports.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"{script} start printed no {name}. Its stdout was:\n{result.StandardOutput}");

        var endpoint = new S3Endpoint(
            Required(S3ServerFixture.EndpointVariable),
            Required(S3ServerFixture.AccessKeyVariable),
            Required(S3ServerFixture.SecretKeyVariable),
            exports.GetValueOrDefault(S3ServerFixture.RegionVariable, "us-east-1"));
        var reused = result.StandardError.Contains("reusing running cluster", StringComparison.Ordinal);
        return new CephRadosGateway(script, endpoint, startedHere: !reused, result.ErrorTail(3));
    }

    public Task<CommandResult> StopAsync() => ExternalCommand.RunAsync("bash", [_script, "stop"], StopTimeout);

    // The script prints values with printf %q: plain for ordinary values, else quoted or backslash-escaped.
    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1];
        }

        return BackslashEscape().Replace(value, "$1");
    }

    [GeneratedRegex(@"^export (?<name>LLMINGEST_TEST_S3_[A-Z_]+)=(?<value>.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ExportLine();

    [GeneratedRegex(@"\\(.)", RegexOptions.CultureInvariant)]
    private static partial Regex BackslashEscape();
}

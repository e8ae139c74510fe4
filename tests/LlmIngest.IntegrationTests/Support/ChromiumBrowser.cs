namespace LlmIngest.IntegrationTests.Support;

/// <summary>The Debian <c>chromium</c> (tests/run-all.sh installs it in CI): its path on PATH, or a test failure that says how to install it.</summary>
internal static class ChromiumBrowser
{
    public static string Find()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var path = Path.Combine(folder, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? " (CI=true)" : string.Empty;
        Assert.Fail($"Headless Chromium is required{ci} and was not found on PATH: apt-get update && apt-get install -y chromium");
        return string.Empty;
    }
}

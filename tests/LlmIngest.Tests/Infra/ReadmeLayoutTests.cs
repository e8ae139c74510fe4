using System.Text.RegularExpressions;

namespace LlmIngest.Tests.Infra;

/// <summary>README's "Layout" section and the tree stay in step: every path it names exists, every folder is named.</summary>
public sealed partial class ReadmeLayoutTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly string[] Layout = ReadLayout();

    [Fact]
    public void EveryPathTheLayoutNames_Exists()
    {
        var missing = Listed().Where(path => !Exists(path)).ToList();

        Assert.True(missing.Count == 0, "README layout names paths that do not exist: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryFolder_IsNamedInTheLayout()
    {
        var listed = Listed().Select(path => path.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var folders = Folders(".").Where(f => f != ".git")
            .Concat(Folders("src").Select(f => "src/" + f))
            .Concat(Folders("tests").Select(f => "tests/" + f))
            .Concat(Folders("src/LlmIngest").Select(f => "src/LlmIngest/" + f));

        var unnamed = folders.Where(f => !listed.Contains(f) && !listed.Any(path => path.StartsWith(f + "/", StringComparison.Ordinal))).ToList();

        Assert.True(unnamed.Count == 0, "folders missing from README's layout: " + string.Join(", ", unnamed));
    }

    /// <summary>
    /// The paths in the first column: top-level lines name paths from the root (several separated by ", "); indented
    /// lines name entries of the last top-level folder; "(root)" is that folder itself.
    /// </summary>
    private static List<string> Listed()
    {
        var paths = new List<string>();
        var parent = string.Empty;
        foreach (var line in Layout)
        {
            var column = FirstColumn().Match(line);
            if (!column.Success)
            {
                continue;
            }

            var indented = column.Groups["indent"].Length > 0;
            foreach (var name in column.Groups["names"].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            {
                if (name == "(root)")
                {
                    continue;
                }

                paths.Add(indented ? parent + name : name);
            }

            if (!indented)
            {
                parent = column.Groups["names"].Value;
            }
        }

        return paths;
    }

    private static bool Exists(string path)
    {
        var full = Path.Combine(Root, path);
        if (path.Contains('*', StringComparison.Ordinal))
        {
            return Directory.GetFiles(Path.GetDirectoryName(full)!, Path.GetFileName(full)).Length > 0;
        }

        return path.EndsWith('/') ? Directory.Exists(full) : File.Exists(full) || Directory.Exists(full);
    }

    private static IEnumerable<string> Folders(string under) =>
        Directory.GetDirectories(Path.Combine(Root, under))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj" or "TestResults" or "BenchmarkDotNet.Artifacts"));

    private static string[] ReadLayout()
    {
        var readme = File.ReadAllLines(Path.Combine(Root, "README.md"));
        var heading = Array.IndexOf(readme, "## Layout");
        Assert.True(heading >= 0, "README.md has a '## Layout' section");
        var open = Array.IndexOf(readme, "```", heading);
        var close = Array.IndexOf(readme, "```", open + 1);
        return readme[(open + 1)..close];
    }

    // A path column: optional two-space indent, then names without spaces (", " between several), then two or more spaces.
    [GeneratedRegex(@"^(?<indent>  )?(?<names>[^\s(][^\s,]*(?:, [^\s,]+)*|\(root\))(?:\s{2,}|$)")]
    private static partial Regex FirstColumn();
}
